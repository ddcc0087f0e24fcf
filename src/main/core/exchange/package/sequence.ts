/**
 * Where a package stands in its sender's chain: each office numbers its packages 1, 2, 3… and
 * each cites the hash of the one before. Pure: the receiver's state (the DB-backed exchange log)
 * is passed in. The verdict decides what the importer does: apply `next`, skip a `replay`
 * (already applied), hold a `gap` and report what is missing, quarantine a `fork` (the sender
 * made two different packages for one place in its chain, or one that does not follow its last).
 */
import type { PackageReason } from './codes';
import type { Manifest } from './manifest';

export interface SenderChain {
  /** The last package applied from this sender, or null when none was. */
  last: { sequence: number; hash: string } | null;
  /** The hash of the applied package with this sequence, if any. */
  hashAt(sequence: number): string | undefined;
}

export type SequenceVerdict =
  | { kind: 'next' }
  | { kind: 'replay'; code: PackageReason }
  | { kind: 'gap'; code: PackageReason; missing: { from: number; to: number } }
  | { kind: 'fork'; code: PackageReason; detail: string };

export function judgeSequence(
  chain: SenderChain,
  manifest: Pick<Manifest, 'sequence' | 'prevHash'>,
  hash: string,
): SequenceVerdict {
  const lastSeq = chain.last?.sequence ?? 0;
  const { sequence, prevHash } = manifest;
  if (sequence <= lastSeq) {
    const applied = chain.hashAt(sequence);
    if (applied === hash) return { kind: 'replay', code: 'PKG_ALREADY_APPLIED' };
    return {
      kind: 'fork',
      code: 'PKG_SEQUENCE_FORK',
      detail: applied ? `another package ${sequence} was applied` : `package ${sequence} is behind the chain`,
    };
  }
  if (sequence > lastSeq + 1)
    return { kind: 'gap', code: 'PKG_SEQUENCE_GAP', missing: { from: lastSeq + 1, to: sequence - 1 } };
  if (prevHash !== (chain.last?.hash ?? null))
    return {
      kind: 'fork',
      code: 'PKG_SEQUENCE_FORK',
      detail: `package ${sequence} does not follow the last one applied`,
    };
  return { kind: 'next' };
}

/**
 * A batch (a folder of packages) in the order to judge and apply it: by sender, then sequence,
 * so packages copied out of order still apply one after the other instead of reporting gaps.
 */
export function inChainOrder<T extends { manifest: Pick<Manifest, 'sender' | 'sequence'> }>(
  batch: readonly T[],
): T[] {
  const office = (x: T) => x.manifest.sender.office;
  // Code-unit order, not the locale's: office codes are ASCII and the order must not vary.
  return [...batch].sort((a, b) =>
    office(a) < office(b) ? -1 : office(a) > office(b) ? 1 : a.manifest.sequence - b.manifest.sequence,
  );
}

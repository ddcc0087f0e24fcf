import type { AuditAnchor, AuditEntry, AuditVerifyOutput } from '../../../shared/contract';
import { stmt, type Db } from '../db/open';
import type { KeyRing } from '../vault/keyRing';
import { auditHead, entryHash, toEntry, type AuditRow } from './auditLog';
import { evolve, GENESIS, macOf, openSegment, readHead, segmentsOf, type Segment } from './sealing';

export interface VerifyOptions {
  /** The session's keys: the seals are checked when they hold the audit key. */
  ring?: KeyRing | null;
  /** The vault has an audit key (key file version 2), so its log must be sealed. */
  sealed?: boolean;
  anchors?: readonly AuditAnchor[];
}

/** Entries a first segment may begin at, with unsealed entries before it. */
const ORIGINS: ReadonlySet<string> = new Set(['vault.setup', 'vault.upgrade', 'backup.restore']);

interface SealState {
  key: Buffer | null;
  /** A segment has begun (entries before the first one are from before sealing). */
  started: boolean;
  /** Sealing was paused by a restore made without the audit key. */
  paused: boolean;
}

const pausingRestore = (e: AuditEntry) => e.action === 'backup.restore' && e.details.sealing === 'paused';

/** Walks the seals of consecutive entries: recomputes each key from K0 and checks each mac. */
class SealWalk {
  constructor(
    private readonly starts: ReadonlyMap<number, Buffer | null>,
    readonly st: SealState,
  ) {}

  /** The problem with this entry's seal, or null; moves the key on. */
  step(seq: number, e: AuditEntry, hash: string, mac: string): string | null {
    const st = this.st;
    if (this.starts.has(seq)) {
      const k0 = this.starts.get(seq);
      if (!k0)
        return 'the sealing record starting here does not open with the audit key (replaced or altered)';
      if (st.key && e.action !== 'backup.restore')
        return 'sealing starts again here though the previous key was still in use (the entries before were re-sealed?)';
      if (!st.key && st.paused && e.action !== 'audit.seal-start' && e.action !== 'backup.restore')
        return 'sealing starts again here with no record of why';
      if (!st.key && !st.started && seq > 1 && !ORIGINS.has(e.action) && !st.paused)
        return `entries before #${seq} are not sealed and no setup, upgrade or restore explains it (the sealing record was removed?)`;
      st.key = Buffer.from(k0);
      st.started = true;
      st.paused = false;
    }
    if (st.key) {
      if (mac === '' && pausingRestore(e)) {
        st.key = null;
        st.paused = true;
        return null;
      }
      if (mac === '') return 'not sealed, though sealing was on (its seal was removed?)';
      if (mac !== macOf(st.key, hash))
        return 'its seal does not match: the entry was rewritten, or the log re-sealed without the audit key';
      st.key = evolve(st.key);
      return null;
    }
    if (mac !== '') return 'sealed, though no sealing record covers it';
    if (pausingRestore(e)) st.paused = true;
    return null;
  }

  /** The key stored after the last entry must be the one the walk arrived at. */
  end(storedKey: string | null | undefined): string | null {
    if (this.st.key) {
      return storedKey === this.st.key.toString('hex')
        ? null
        : 'the current sealing key does not follow from the last entry: entries were cut off the end, or the key replaced';
    }
    return storedKey ? 'a sealing key is stored where no sealing record leads to it' : null;
  }
}

function openStarts(segs: readonly Segment[], ring: KeyRing): Map<number, Buffer | null> {
  const m = new Map<number, Buffer | null>();
  for (const s of segs) m.set(s.start, m.has(s.start) ? null : openSegment(ring, s));
  return m;
}

function rowAt(db: Db, seq: number): AuditRow | undefined {
  return stmt(db, 'SELECT * FROM audit_log WHERE seq = ?').get(seq) as AuditRow | undefined;
}

function checkAnchors(
  db: Db,
  anchors: readonly AuditAnchor[],
  lastSeq: number,
): AuditVerifyOutput['anchors'] {
  return anchors.map((a) => {
    const source = a.source ?? 'given';
    const base = { seq: a.seq ?? null, hash: a.hash, source };
    const main = (
      a.seq
        ? rowAt(db, a.seq)
        : (stmt(db, 'SELECT * FROM audit_log WHERE hash = ? ORDER BY seq LIMIT 1').get(a.hash) as
            AuditRow | undefined)
    ) as AuditRow | undefined;
    const macOk = (m: string | undefined) => a.mac === undefined || m === undefined || a.mac === m;
    if (main && main.hash === a.hash && macOk(main.mac))
      return { ...base, status: 'in-chain' as const, detail: `entry #${main.seq}` };
    if (main && main.hash === a.hash)
      return {
        ...base,
        status: 'mismatch' as const,
        detail: `entry #${main.seq} has the anchored hash under another seal: the log was re-sealed`,
      };
    if (a.seq && a.seq > lastSeq)
      return {
        ...base,
        status: 'missing' as const,
        detail: `the log ends at #${lastSeq}, before the anchored #${a.seq}: entries were removed`,
      };
    return {
      ...base,
      status: 'mismatch' as const,
      detail: a.seq
        ? `entry #${a.seq} is not the anchored one: the log up to it was rewritten`
        : 'no entry has the anchored hash: the log was rewritten',
    };
  });
}

/**
 * Walks the chain in seq order and names the first entry that was edited, removed or moved; with
 * the audit key, checks every seal (a non-administrator can re-hash the chain, not re-seal it);
 * and says whether each anchored head is still in the log.
 */
export function verifyAudit(db: Db, opts: VerifyOptions = {}): AuditVerifyOutput {
  const ring = opts.sealed && opts.ring?.current('audit') ? opts.ring : null;
  const segs = segmentsOf(db);
  const stored = readHead(db);
  const state: SealState = { key: null, started: false, paused: false };
  const walk = ring ? new SealWalk(openStarts(segs, ring), state) : null;

  let broken: { seq: number; reason: string } | null = null;
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  const rows = stmt(db, 'SELECT * FROM audit_log ORDER BY rowid').iterate() as IterableIterator<AuditRow>;
  for (const r of rows) {
    count++;
    if (r.seq !== expectedSeq) {
      broken = { seq: expectedSeq, reason: `entry ${expectedSeq} missing or out of order (found ${r.seq})` };
      break;
    }
    if (r.prev_hash !== prevHash) {
      broken = { seq: r.seq, reason: 'link to the previous entry broken' };
      break;
    }
    const e = toEntry(r);
    if (entryHash(e, r.prev_hash) !== r.hash) {
      broken = { seq: r.seq, reason: 'content changed after it was written' };
      break;
    }
    const p = walk?.step(r.seq, e, r.hash, r.mac);
    if (p) {
      broken = { seq: r.seq, reason: p };
      break;
    }
    prevHash = r.hash;
    expectedSeq++;
  }
  const last = expectedSeq - 1;
  if (!broken && stored && (stored.seq !== last || stored.hash !== prevHash))
    broken = { seq: expectedSeq, reason: `entries after ${last} were removed` };
  if (!broken && ring) {
    const beyond = segs.find((s) => s.start > last);
    if (beyond)
      broken = {
        seq: beyond.start,
        reason: `entries from #${beyond.start} were removed (a sealing record starts there)`,
      };
    else if (segs.length === 0 && last > 0)
      broken = { seq: 1, reason: 'the log is not sealed: its sealing record was removed' };
    else {
      const p = walk?.end(stored?.key);
      if (p) broken = { seq: expectedSeq, reason: p };
    }
  }
  const anchors = checkAnchors(db, opts.anchors ?? [], last);
  const lost = anchors.find((a) => a.status === 'mismatch' || a.status === 'missing');
  if (!broken && lost)
    broken = { seq: lost.seq ?? 0, reason: `anchored head (${lost.source}): ${lost.detail}` };
  state.key?.fill(0);
  return {
    ok: broken === null,
    count,
    firstBroken: broken,
    head: auditHead(db),
    sealing: ring ? 'verified' : opts.sealed ? 'not-checked' : 'none',
    sealedFrom: segs.length ? Math.min(...segs.map((s) => s.start)) : null,
    anchors,
  };
}

import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import { getSetting, putSetting } from '../db/settingsStore';
import { open, seal } from '../vault/aead';
import type { KeyRing } from '../vault/keyRing';

/**
 * Forward-secure sealing of the audit log (as systemd's journal FSS, after Schneier and Kelsey).
 *
 * A segment of sealing starts with a random key K0, wrapped under the vault's 'audit' key (held by
 * administrators and the recovery key only) with the seq of its first entry in the associated
 * data, so it cannot be moved. Entry i gets mac_i = HMAC-SHA256(K_i, hash_i), then the key moves
 * on: K_{i+1} = SHA-256('ttll-audit-evolve' || K_i). The database keeps only the current key (in
 * the head setting), so every session can append, while whoever reads the database cannot go back
 * to re-seal an earlier entry. An administrator's verify recomputes the keys from K0.
 *
 * A new segment starts only where the head holds no key: at setup, at the upgrade of a version 1
 * vault, at a restore (a backup carries no key, see withholdKey), or at an administrator's sign-in
 * after a restore by a session without the audit key.
 */
export interface AuditHeadSetting {
  seq: number;
  hash: string;
  /** The key that seals the next entry (hex); absent where sealing has not begun or is paused. */
  key?: string;
}

export interface Segment {
  /** Seq of the first entry sealed from this K0. */
  start: number;
  /** Epoch of the 'audit' key K0 is wrapped under. */
  epoch: number;
  /** K0 wrapped (AES-256-GCM) under the audit key; the associated data names start and epoch. */
  wrapped: string;
}

export const HEAD_SETTING = 'audit.head';
const SEGMENTS_SETTING = 'audit.sealing';
export const GENESIS = '0'.repeat(64);

const aad = (start: number, epoch: number) => `ttll-audit-k0/1|${start}|${epoch}`;

export function evolve(key: Buffer): Buffer {
  return createHash('sha256').update('ttll-audit-evolve').update(key).digest();
}

export function macOf(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update(hash, 'utf8').digest('hex');
}

export function readHead(db: Db): AuditHeadSetting | null {
  return getSetting(db, HEAD_SETTING) as AuditHeadSetting | null;
}

export function writeHead(db: Db, head: AuditHeadSetting): void {
  putSetting(db, HEAD_SETTING, head);
}

export function segmentsOf(db: Db): Segment[] {
  const v = getSetting(db, SEGMENTS_SETTING) as { segments?: Segment[] } | null;
  return Array.isArray(v?.segments) ? v.segments : [];
}

/** Whether the next entry will be sealed (the head holds a key). */
export function sealing(db: Db): boolean {
  return Boolean(readHead(db)?.key);
}

/**
 * Starts a segment at the next entry: draws K0, wraps it under the audit key, makes it the head's
 * key. Only where the head holds none (a key in use is never replaced: that would let the holder
 * of this session cut the entries sealed under it). Call inside the transaction of the entry
 * that follows. Returns the seq the segment starts at.
 */
export function startSegment(db: Db, audit: { key: Buffer; epoch: number }): number {
  const head = readHead(db);
  if (head?.key) throw new Error('the audit log is already being sealed');
  const start = (head?.seq ?? 0) + 1;
  const k0 = randomBytes(32);
  const seg: Segment = {
    start,
    epoch: audit.epoch,
    wrapped: seal(audit.key, k0, aad(start, audit.epoch)).toString('base64'),
  };
  putSetting(db, SEGMENTS_SETTING, { segments: [...segmentsOf(db), seg] });
  writeHead(db, { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS, key: k0.toString('hex') });
  k0.fill(0);
  return start;
}

/** K0 of a segment, or null when this ring does not hold its audit key or the record was altered. */
export function openSegment(ring: KeyRing, seg: Segment): Buffer | null {
  const key = ring.get('audit', seg.epoch);
  if (!key || typeof seg.wrapped !== 'string' || !Number.isInteger(seg.start)) return null;
  return open(key, Buffer.from(seg.wrapped, 'base64'), aad(seg.start, seg.epoch));
}

/**
 * Drops the current key from a copy of the database (a backup): whoever holds the copy must not
 * get the key that seals what the live log writes next. A restored copy starts a new segment.
 */
export function withholdKey(db: Db): void {
  const head = readHead(db);
  if (head?.key) writeHead(db, { seq: head.seq, hash: head.hash });
}

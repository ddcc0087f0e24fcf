import { createHmac } from 'node:crypto';
import { foldVietnamese } from '../../../shared/text';
import { open, seal } from './aead';
import type { KeyName } from './keyfile';
import type { Db } from '../db/open';
import type { KeyRing, LevelName } from './keyRing';

/**
 * Values sealed inside the database under one key of the ring (a secrecy level's key), for data
 * that the database's own page key (held by every user) must not open. A sealed value is
 *
 *   version (1 byte, 2) | epoch of the key (4 bytes) | AES-256-GCM nonce | ciphertext | tag
 *
 * with associated data naming where it lives (table, row id, field group), the key and the epoch,
 * so a value moved to another row, field, level or epoch does not open.
 */
const VERSION = 2;
const aad = (key: KeyName, epoch: number, where: readonly string[]) =>
  `ttll-field/1|${where.join('|')}|${key}|${epoch}`;

export function sealValue(ring: KeyRing, key: KeyName, where: readonly string[], plaintext: Buffer): Buffer {
  const k = ring.current(key);
  if (!k) throw new Error(`key ${key} not held`);
  const head = Buffer.alloc(5);
  head.writeUInt8(VERSION, 0);
  head.writeUInt32BE(k.epoch, 1);
  return Buffer.concat([head, seal(k.key, plaintext, aad(key, k.epoch, where))]);
}

/** The epoch a sealed value was sealed under (0 when the bytes are not a sealed value). */
export function epochOf(blob: Buffer): number {
  return blob.length > 5 && blob.readUInt8(0) === VERSION ? blob.readUInt32BE(1) : 0;
}

/** The plaintext, or null when the ring does not hold the key of that epoch or the value was altered. */
export function openValue(
  ring: KeyRing,
  key: KeyName,
  where: readonly string[],
  blob: Buffer,
): Buffer | null {
  const epoch = epochOf(blob);
  const k = epoch ? ring.get(key, epoch) : null;
  return k ? open(k, blob.subarray(5), aad(key, epoch, where)) : null;
}

export function sealJson(ring: KeyRing, key: KeyName, where: readonly string[], value: unknown): Buffer {
  return sealValue(ring, key, where, Buffer.from(JSON.stringify(value), 'utf8'));
}

export function openJson<T>(ring: KeyRing, key: KeyName, where: readonly string[], blob: Buffer): T | null {
  const pt = openValue(ring, key, where, blob);
  return pt ? (JSON.parse(pt.toString('utf8')) as T) : null;
}

/** Words as the sealed search index keeps them: folded (no diacritics, no case), letters and digits only. */
export function searchTokens(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * A keyed hash of one folded word: the sealed search index holds these, never the words. Equal
 * words give equal hashes under one key (that is what makes search work), so the index still
 * shows how often a hidden word recurs, never which word it is. 80 bits, hex: one FTS token.
 */
export function tokenHash(key: Buffer, token: string): string {
  return 't' + createHmac('sha256', key).update(`ttll-token/1|${token}`).digest('hex').slice(0, 20);
}

/**
 * Data a module keeps sealed under the secrecy levels' keys (sealValue below), and how the
 * vault brings it under the current keys. Each function runs inside the caller's transaction.
 */
export interface SealedData {
  /** Seals what must be sealed but is in clear, for the levels the ring holds (upgrade, old backup). */
  sealClear(db: Db, keys: KeyRing): number;
  /** How many rows of this level are sealed under an epoch older than `epoch`. */
  staleCount(db: Db, level: LevelName, epoch: number): number;
  /** Re-seals up to `limit` such rows under the ring's current epoch; returns how many it did. */
  reseal(db: Db, keys: KeyRing, level: LevelName, limit: number): number;
}

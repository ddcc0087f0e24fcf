import {
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';

/**
 * The key file beside the database. It holds no record content and no name in clear: only
 * password slots (each wraps one user's X25519 private key), the recovery slot, and grants
 * (a key sealed to one holder's public key). See README, "Keys and clearances".
 */
const KdfSchema = z.object({
  alg: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
});
const Cipher = z.enum(['chacha20', 'sqlcipher', 'aegis']);

/** A version 1 password slot: the data key wrapped under scrypt(password, salt). */
const LegacySlot = z.object({
  kind: z.literal('password'),
  id: z.string(),
  salt: z.string(),
  kdf: KdfSchema,
  wrapped: z.string(),
});
export type LegacySlot = z.infer<typeof LegacySlot>;

const V1Slot = z.discriminatedUnion('kind', [
  LegacySlot,
  z.object({ kind: z.literal('recovery'), id: z.literal('recovery'), salt: z.string(), wrapped: z.string() }),
]);
export type V1Slot = z.infer<typeof V1Slot>;

/** Version 1: one data key, wrapped once per password and once by the recovery key. */
export const KeyFileV1 = z.object({
  format: z.literal('ttll-vault/1'),
  cipher: Cipher,
  vaultSalt: z.string(),
  /** X25519 public key (DER, base64) to seal failed-login events while the vault is locked. */
  auditSealKey: z.string(),
  slots: z.array(V1Slot),
});
export type KeyFileV1 = z.infer<typeof KeyFileV1>;

export const KEY_NAMES = ['data', 'mat', 'toi-mat', 'tuyet-mat', 'audit'] as const;
export const KeyName = z.enum(KEY_NAMES);
export type KeyName = z.infer<typeof KeyName>;

/** One user's way in: found by an id only their name and password compute, opened by the same. */
const Slot = z.object({ id: z.string(), pub: z.string(), wrapped: z.string() });
export type Slot = z.infer<typeof Slot>;

/** A key sealed to one holder (the hash of a slot's or the recovery's public key). */
const Grant = z.object({
  to: z.string(),
  key: KeyName,
  epoch: z.number().int().positive(),
  eph: z.string(),
  sealed: z.string(),
});
export type Grant = z.infer<typeof Grant>;

export const KeyFileV2 = z.object({
  format: z.literal('ttll-vault/2'),
  cipher: Cipher,
  /** Changes when the key file and the database must move together (the v1 → v2 migration). */
  generation: z.string(),
  /** Salt and scrypt parameters shared by every password slot (calibrated at setup). */
  vaultSalt: z.string(),
  kdf: KdfSchema,
  auditSealKey: z.string(),
  slots: z.array(Slot),
  /** Version 1 slots of users who have not signed in since the upgrade (they wrap the data key only). */
  legacySlots: z.array(LegacySlot),
  /** The version 1 salt their ids are keyed with (gone with the last of them). */
  legacySalt: z.string().optional(),
  recovery: z.object({ salt: z.string(), pub: z.string(), wrapped: z.string() }),
  /** The current epoch of each key; data sealed under an older epoch is re-sealed. */
  epochs: z.record(KeyName, z.number().int().positive()),
  grants: z.array(Grant),
  /** Each older epoch of a key, wrapped under the next one: holders of the new key read old backups. */
  retired: z.array(z.object({ key: KeyName, epoch: z.number().int().positive(), wrapped: z.string() })),
  /** Keys whose holders shrank while no one holding them was signed in: rotated at the next chance. */
  rotate: z.array(KeyName),
  /** A recovery key made by the upgrade, sealed to the administrator who ran it until shown to them. */
  pendingRecoveryKey: z.object({ to: z.string(), eph: z.string(), sealed: z.string() }).optional(),
});
export type KeyFileV2 = z.infer<typeof KeyFileV2>;

const AnyKeyFile = z.discriminatedUnion('format', [KeyFileV1, KeyFileV2]);
export type AnyKeyFile = KeyFileV1 | KeyFileV2;

export function readKeyFile(path: string): AnyKeyFile | null {
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('DB_DAMAGED', `Key file ${path} is not valid JSON`);
  }
  const r = AnyKeyFile.safeParse(parsed);
  if (!r.success) throw new AppError('DB_DAMAGED', `Key file ${path} is not a TTLL Desk key file`);
  return r.data;
}

/**
 * Write to a temp file, fsync, rename, fsync the folder: a crash leaves the old or the new
 * file, never half of one.
 */
export function writeFileAtomic(path: string, data: string | Buffer): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    // Owner-only even when a stale temp file was there with another mode (POSIX; see privateFiles).
    if (process.platform !== 'win32') fchmodSync(fd, 0o600);
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  syncDir(dirname(path));
}

/** Makes a rename durable (a no-op where folders cannot be opened, as on Windows). */
export function syncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a folder; NTFS journals the rename itself.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export function writeKeyFile(path: string, kf: AnyKeyFile): void {
  writeFileAtomic(path, JSON.stringify(AnyKeyFile.parse(kf), null, 2));
}

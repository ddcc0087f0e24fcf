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
import { z } from 'zod';
import { AppError } from '../errors';

/**
 * The key file beside the database: the data key wrapped once per user password and once by
 * the recovery key. Holds no record content and no password material beyond the wraps.
 */
const KdfSchema = z.object({
  alg: z.literal('scrypt'),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
});
const Slot = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('password'),
    id: z.string(),
    salt: z.string(),
    kdf: KdfSchema,
    wrapped: z.string(),
  }),
  z.object({ kind: z.literal('recovery'), id: z.literal('recovery'), salt: z.string(), wrapped: z.string() }),
]);
export type Slot = z.infer<typeof Slot>;

export const KeyFile = z.object({
  format: z.literal('ttll-vault/1'),
  cipher: z.enum(['chacha20', 'sqlcipher', 'aegis']),
  vaultSalt: z.string(),
  /** X25519 public key (DER, base64) to seal failed-login events while the vault is locked. */
  auditSealKey: z.string(),
  slots: z.array(Slot),
});
export type KeyFile = z.infer<typeof KeyFile>;

export function readKeyFile(path: string): KeyFile | null {
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('DB_DAMAGED', `Key file ${path} is not valid JSON`);
  }
  const r = KeyFile.safeParse(parsed);
  if (!r.success) throw new AppError('DB_DAMAGED', `Key file ${path} is not a TTLL Desk key file`);
  return r.data;
}

/** Write to a temp file, fsync, rename: a crash leaves the old or the new file, never half. */
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
}

export function writeKeyFile(path: string, kf: KeyFile): void {
  writeFileAtomic(path, JSON.stringify(KeyFile.parse(kf), null, 2));
}

import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync } from 'node:fs';
import { foldVietnamese } from '../../../shared/text';
import { AppError } from '../errors';

export type Cipher = 'chacha20' | 'sqlcipher' | 'aegis';
/**
 * Chosen by measurement (bench/results.md, README "Cipher"): AEGIS-256 costs the least over
 * plain SQLite on AES-NI hardware, for writes and reads, and is an AEAD (tampered pages fail).
 */
export const DEFAULT_CIPHER: Cipher = 'aegis';

export type Db = Database.Database;

/**
 * How long a statement waits for another connection's write lock before SQLITE_BUSY. better-sqlite3
 * is synchronous, so in the app this is how long the window can freeze: every write of the app
 * commits in milliseconds (bench/results.md), 5 s covers the others' bulk imports of a few
 * thousand rows. The CLI, a batch tool that freezes nothing, waits longer (src/cli).
 */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Keys a connection with SQLite3MultipleCiphers. The cipher must be set before the key. The
 * data key is 256 random bits, so the cipher's own password KDF adds nothing but open time and
 * is turned down to its minimum. These settings are part of the file format: a database made
 * with them opens only with them, so never change them for an existing cipher name.
 */
export function applyKey(db: Db, keyHex: string, cipher: Cipher): void {
  db.pragma(`cipher='${cipher}'`);
  if (cipher === 'aegis') {
    db.pragma('tcost=1');
    db.pragma('mcost=8');
    db.pragma('pcost=1');
  } else {
    db.pragma('kdf_iter=1');
  }
  db.pragma(`hexkey='${keyHex}'`);
}

/**
 * Opens (or creates) the encrypted database. A wrong key or a foreign/damaged file shows only
 * at the first read, so read the schema at once and report DB_DAMAGED; the file is left as is.
 */
export function openEncrypted(
  file: string,
  keyHex: string,
  cipher: Cipher,
  opts: { create: boolean; busyTimeoutMs?: number },
): Db {
  let db: Db;
  try {
    // A new database starts owner-only (SQLite would make it 0644); its -wal and -shm inherit it.
    if (opts.create && !existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
    // The busy timeout is given here, so it applies from the first statement on (keying, the
    // schema read, the switch to WAL), not only after the pragmas below.
    db = new Database(file, { fileMustExist: !opts.create, timeout: opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS });
  } catch (e) {
    throw new AppError('DB_DAMAGED', `Cannot open database file: ${(e as Error).message}`);
  }
  try {
    applyKey(db, keyHex, cipher);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Temporary files are not encrypted by the cipher: keep them in memory.
    db.pragma('temp_store = MEMORY');
    db.pragma('secure_delete = ON');
    // Diacritic- and case-blind matching in SQL ("nguyen" finds "Nguyễn"), the same folding as search.
    db.function('fold', { deterministic: true }, (s: unknown) => foldVietnamese(String(s ?? '')));
    return db;
  } catch (e) {
    db.close();
    throw new AppError('DB_DAMAGED', `Database cannot be read with this key: ${(e as Error).message}`);
  }
}

/**
 * Opens a database file read-only, for checking a backup: nothing is written to the file or
 * beside it (no journal-mode change, no -wal, -shm or journal), so the file keeps its bytes and
 * read-only media work. A file in WAL mode would need a -shm beside it, so copy such a file
 * first. DB_DAMAGED when the file does not open or its schema does not read with the key.
 */
export function openReadOnly(file: string, keyHex: string, cipher: Cipher): Db {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new AppError('DB_DAMAGED', `Cannot open database file: ${(e as Error).message}`);
  }
  try {
    applyKey(db, keyHex, cipher);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('temp_store = MEMORY'); // the integrity check's sorting stays off the disk
    return db;
  } catch (e) {
    db.close();
    throw new AppError('DB_DAMAGED', `Database cannot be read with this key: ${(e as Error).message}`);
  }
}

/** Quick structural check used at unlock and before a restore. */
export function checkIntegrity(db: Db, full = false): string | null {
  const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as { [k: string]: string }[];
  const first = rows[0] ? Object.values(rows[0])[0] : 'no answer';
  return rows.length === 1 && first === 'ok' ? null : rows.map((r) => Object.values(r)[0]).join('; ');
}

/** SQL string literal for file paths in VACUUM INTO. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection: hot paths (indexing, audit) reuse it. */
export function stmt(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

/**
 * Empties the write-ahead log into the database and truncates it, so page images from before a
 * sealing or a re-sealing do not linger in the -wal file. Best effort: a reader elsewhere may hold
 * an old snapshot; the next checkpoint does it.
 */
export function truncateWal(db: Db): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // busy: the log is reused from its start at the next checkpoint anyway
  }
}

import {
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { fileStamp } from '../../../shared/dates';
import { ANCHOR_SUFFIX, anchorOf, writeAnchorFile } from '../audit/anchors';
import { auditHead } from '../audit/auditLog';
import { withholdKey } from '../audit/sealing';
import { checkIntegrity, openEncrypted, openReadOnly, sqlString, type Cipher, type Db } from '../db/open';
import { AppError } from '../errors';
import { readKeyFile, type AnyKeyFile } from '../vault/keyfile';
import { claimFile, makePrivate, PRIVATE_DIR_MODE } from '../vault/privateFiles';

export const BACKUP_EXT = '.ttllbak';
const KEYS_SUFFIX = '.keys.json';

export interface BackupInfo {
  file: string;
  sizeBytes: number;
  createdAt: string;
}

/**
 * An encrypted copy made with VACUUM INTO (db.backup() fails on encrypted sources); the copy
 * is encrypted with the same key. The key file travels beside it so a backup restores on a new
 * machine with the same passwords or recovery key. Both files are owner-only (0600). The copy
 * does not keep the audit log's current sealing key (whoever holds a backup must not seal what
 * the live log writes after it), and the head of its log is written beside it (`.anchor.json`):
 * `audit verify` checks that the log still extends it.
 */
export function createBackup(
  db: Db,
  keyHex: string,
  cipher: Cipher,
  keyFilePath: string,
  dir: string,
  officeCode: string,
  now: Date,
): BackupInfo {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  let file = join(dir, `ttll-${officeCode}-${fileStamp()}${BACKUP_EXT}`);
  for (let i = 2; existsSync(file); i++)
    file = join(dir, `ttll-${officeCode}-${fileStamp()}-${i}${BACKUP_EXT}`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    // VACUUM INTO fills an empty file; made here first, it is owner-only from the start.
    claimFile(partial);
    db.exec(`VACUUM INTO ${sqlString(partial)}`);
    const head = withholdSealingKey(partial, keyHex, cipher);
    verifyBackup(partial, keyHex, cipher);
    copyFileSync(keyFilePath, file + KEYS_SUFFIX);
    makePrivate(file + KEYS_SUFFIX);
    if (head) writeAnchorFile(file + ANCHOR_SUFFIX, anchorOf(head, officeCode, basename(file), now));
    // Rename last: a file with the final name is always a complete, verified backup.
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return describe(file);
}

/** Drops the sealing key from the copy (no journal file is written: the copy is discarded on failure); returns its log's head. */
function withholdSealingKey(file: string, keyHex: string, cipher: Cipher) {
  const copy = openEncrypted(file, keyHex, cipher, { create: false });
  try {
    copy.pragma('journal_mode = MEMORY');
    copy.transaction(() => withholdKey(copy)).immediate();
    return auditHead(copy);
  } finally {
    copy.close();
  }
}

/** One line, bounded: SQLite's integrity report can hold line breaks and many rows. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

/**
 * Opens the file read-only with the key and runs a full integrity check; BACKUP_INVALID for
 * any failure, including SQLite errors a damaged page raises mid-check (a page that fails its
 * authentication tag, a b-tree that points past the end). Writes nothing, to the file or beside
 * it: the file must be in rollback-journal mode, as VACUUM INTO makes it (a WAL-mode file would
 * need a -shm beside it; restore therefore checks a private copy).
 */
export function verifyBackup(file: string, keyHex: string, cipher: Cipher): void {
  if (!existsSync(file)) throw new AppError('BACKUP_INVALID', `Backup file not found: ${file}`);
  if (!statSync(file).isFile()) throw new AppError('BACKUP_INVALID', `Not a backup file: ${file}`);
  let db: Db;
  try {
    db = openReadOnly(file, keyHex, cipher);
  } catch {
    throw new AppError(
      'BACKUP_INVALID',
      'The backup does not open with this vault key (another office, or damaged)',
    );
  }
  let problem: string | null;
  let hasUsers = false;
  try {
    problem = checkIntegrity(db, true);
    if (!problem)
      hasUsers = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'users'").get() !== undefined;
  } catch (e) {
    problem = (e as Error).message || 'unreadable page';
  } finally {
    db.close();
  }
  if (problem)
    throw new AppError('BACKUP_INVALID', `The backup failed its integrity check: ${oneLine(problem)}`);
  if (!hasUsers) throw new AppError('BACKUP_INVALID', 'The file is not a TTLL Desk database');
}

/**
 * The key file must travel with the backup (README "Where data is kept"): it must be there, be
 * a TTLL Desk key file and name the vault's cipher; BACKUP_INVALID otherwise.
 */
export function verifyBackupKeyFile(file: string, cipher: Cipher): void {
  const p = file + KEYS_SUFFIX;
  if (!existsSync(p))
    throw new AppError(
      'BACKUP_INVALID',
      `The key file that belongs beside the backup is missing: ${basename(p)}`,
    );
  let kf: AnyKeyFile | null;
  try {
    kf = readKeyFile(p);
  } catch {
    throw new AppError('BACKUP_INVALID', `The key file beside the backup is damaged: ${basename(p)}`);
  }
  if (!kf)
    throw new AppError('BACKUP_INVALID', `The key file beside the backup cannot be read: ${basename(p)}`);
  if (kf.cipher !== cipher)
    throw new AppError('BACKUP_INVALID', `The backup uses the ${kf.cipher} cipher, this vault ${cipher}`);
}

export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(BACKUP_EXT))
    .map((f) => describe(join(dir, f)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Keeps the newest `keep` backups made by the app in that folder; other files are not touched. */
export function pruneBackups(dir: string, keep: number): string[] {
  const removed: string[] = [];
  for (const b of listBackups(dir).slice(keep)) {
    rmSync(b.file, { force: true });
    rmSync(b.file + KEYS_SUFFIX, { force: true });
    rmSync(b.file + ANCHOR_SUFFIX, { force: true });
    removed.push(basename(b.file));
  }
  return removed;
}

/** The key file saved beside a backup, if any (for restoring on a machine that lost its own). */
export function backupKeyFile(file: string): string | null {
  const p = file + KEYS_SUFFIX;
  return existsSync(p) && readKeyFile(p) ? p : null;
}

function describe(file: string): BackupInfo {
  const st = statSync(file);
  return { file, sizeBytes: st.size, createdAt: st.mtime.toISOString() };
}

/**
 * Copies a backup into the data folder (same file system, so the final swap is a rename) under
 * a name claimed for it alone, owner-only and writable whatever the source's mode (a backup on
 * read-only media is 0444). The source is only read.
 */
export function stagingCopy(file: string, dataDir: string): string {
  for (let i = 1; ; i++) {
    const staged = join(dataDir, `restore-${process.pid}-${Date.now()}-${i}.staging`);
    if (existsSync(staged)) continue;
    try {
      copyFileSync(file, staged, constants.COPYFILE_EXCL);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    makePrivate(staged);
    return staged;
  }
}

/** Removes a staged copy and anything SQLite may have left beside it. */
export function removeStaged(staged: string): void {
  for (const ext of ['', '-wal', '-shm', '-journal']) rmSync(staged + ext, { force: true });
}

import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileStamp } from '../../../shared/dates';
import { AppError } from '../errors';
import { claimFile } from './privateFiles';

/*
 * Moving database files for a restore: the replaced database is kept under a name of its own,
 * never deleted or overwritten. The caller locks the session first.
 */

/**
 * Swaps in a verified backup file. The replaced database (with any -wal and -shm) moves onto
 * `kept`, the name claimKeptName gave it (`ttll.db.<label>-<yyyymmdd-hhmmss>[-n]`): that name,
 * and its -wal and -shm, are claimed by exclusive create before anything moves onto them, so
 * restores in the same second, or a file already there, take the next counter and the replaced
 * database is never deleted or overwritten.
 */
export function replaceDatabase(dbPath: string, verifiedCopy: string, kept: string | null): void {
  if (kept && existsSync(dbPath)) {
    renameSync(dbPath, kept); // onto the empty file claimed for it
    for (const ext of ['-wal', '-shm']) {
      if (existsSync(dbPath + ext)) renameSync(dbPath + ext, kept + ext);
      else rmSync(kept + ext, { force: true }); // our own empty claim, unused
    }
  }
  if (existsSync(dbPath))
    throw new AppError('CONFLICT', 'Another database appeared in the data folder during the restore');
  renameSync(verifiedCopy, dbPath);
}

/** Frees a name claimed for a restore that did not happen (the claims are empty files of ours). */
export function releaseKeptName(name: string): void {
  for (const p of [name, `${name}-wal`, `${name}-shm`]) rmSync(p, { force: true });
}

/** A name of its own for the database about to be replaced (null when there is none): never an existing file. */
export function claimKeptName(dbPath: string, label: string, now: Date): string | null {
  if (!existsSync(dbPath)) return null;
  const stamp = `${fileStamp(now)}${String(now.getUTCSeconds()).padStart(2, '0')}`;
  for (let n = 1; ; n++) {
    const name = `${dbPath}.${label}-${stamp}${n > 1 ? `-${n}` : ''}`;
    const claimed: string[] = [];
    for (const p of [name, `${name}-wal`, `${name}-shm`]) {
      if (!claimFile(p)) break;
      claimed.push(p);
    }
    if (claimed.length === 3) return name;
    for (const p of claimed) rmSync(p, { force: true }); // ours, empty; try the next counter
  }
}

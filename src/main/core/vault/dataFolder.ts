import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { THROTTLE_FILE } from './loginThrottle';
import { makePrivate } from './privateFiles';

/** The names the vault gives its files in the data folder. */
export const DB_FILE = 'ttll.db';
export const KEY_FILE = 'ttll.keys.json';
/** A key file written before the database change it goes with; promoted or dropped at the next unlock. */
export const NEXT_KEY_FILE = 'ttll.keys.json.next';
/** Events recorded while locked (failed sign-ins), sealed to the audit key until the next unlock. */
export const SEALED_FILE = 'locked-events.sealed';

/** The default backup folder inside the data folder, and the files the app makes there. */
export const BACKUP_SUBDIR = 'backups';
/** The configured backup folder, or the default one inside the data folder. */
export function backupDirOf(vault: { dataDir: string }, configured: string): string {
  return configured || join(vault.dataDir, BACKUP_SUBDIR);
}

const BACKUP_FILE = /^ttll-.*\.ttllbak(\.keys\.json|\.anchor\.json|\.partial)?$/;
/** Files of the vault's own in the data folder: databases (live, kept, staged) and their sides. */
function isVaultFile(name: string): boolean {
  return (
    name === DB_FILE ||
    name.startsWith(`${DB_FILE}-`) ||
    name.startsWith(`${DB_FILE}.`) ||
    name === KEY_FILE ||
    name.startsWith(`${KEY_FILE}.`) ||
    name === SEALED_FILE ||
    name === THROTTLE_FILE ||
    /^restore-.+\.staging/.test(name)
  );
}

/**
 * Owner-only modes on the data folder (0700) and everything the vault keeps in it (0600):
 * database with -wal and -shm, key file, sealed events, kept databases, and the default backup
 * folder with its backups. Run on open, setup and unlock, so a folder that existed with looser
 * modes is tightened. Other files a user may keep in the folder are not touched.
 */
export function restrictAccess(dataDir: string): void {
  makePrivate(dataDir);
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (isVaultFile(name)) makePrivate(join(dataDir, name));
  }
  if (!names.includes(BACKUP_SUBDIR)) return;
  const backups = join(dataDir, BACKUP_SUBDIR);
  try {
    if (!statSync(backups).isDirectory()) return;
    makePrivate(backups);
    for (const name of readdirSync(backups)) if (BACKUP_FILE.test(name)) makePrivate(join(backups, name));
  } catch {
    // an unreadable backups entry is reported when a backup is made or listed
  }
}

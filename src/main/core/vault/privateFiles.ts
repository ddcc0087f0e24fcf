import { closeSync, fchmodSync, openSync } from 'node:fs';

/** Owner-only mode for files the vault creates (POSIX; on Windows chmod only toggles read-only). */
export const PRIVATE_FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';

/**
 * Creates an empty owner-only file, only if nothing has that name: true when the name is now
 * ours, false when it was taken. Used to claim a name before moving a file onto it, so two
 * writers (or two restores in the same second) can never pick the same name.
 */
export function claimFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    if (POSIX) fchmodSync(fd, PRIVATE_FILE_MODE); // exact, whatever the umask
  } finally {
    closeSync(fd);
  }
  return true;
}

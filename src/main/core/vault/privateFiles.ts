import { chmodSync, closeSync, fchmodSync, openSync, statSync } from 'node:fs';

/**
 * Owner-only modes for what the vault keeps: the data folder 0700; the database, its -wal and
 * -shm, the key file, the sealed events, kept databases and backups 0600. POSIX only: on
 * Windows the folder sits in the user's profile, whose ACL already keeps other users out, and
 * chmod there only toggles the read-only attribute.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';

/**
 * Gives an existing file or folder its owner-only mode (a folder or files left with looser
 * modes, by an older version or by hand, are tightened). Missing paths are skipped. A mode that
 * cannot be set (a file system without POSIX modes, a file owned by someone else) is reported on
 * the console and does not stop the app: the mode is a second line of defence behind encryption.
 */
export function makePrivate(path: string): void {
  if (!POSIX) return;
  let isDir: boolean;
  let mode: number;
  try {
    const st = statSync(path);
    isDir = st.isDirectory();
    mode = st.mode & 0o777;
  } catch {
    return;
  }
  const want = isDir ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
  if (mode === want) return;
  try {
    chmodSync(path, want);
  } catch (e) {
    console.warn(
      `[core] cannot restrict access to ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
}

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

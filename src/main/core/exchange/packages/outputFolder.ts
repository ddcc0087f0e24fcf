/**
 * Where packages are written: a folder checked before anything is built or written (it exists, is
 * a folder, and this process may write in it), and the folders a USB stick is likely mounted at,
 * offered in browser mode where no folder dialog exists (the path can still be typed).
 */
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../errors';

const refuse = (message: string, path: string, code: string): AppError =>
  new AppError('VALIDATION', message, [{ path, message, code }]);

/** Refuses, with the field `field` named, a folder that is missing, not a folder or not writable. */
export function requireWritableFolder(dir: string, field: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw refuse(`The folder ${dir} does not exist (is the USB stick plugged in?)`, field, 'folder-missing');
  }
  if (!isDir) throw refuse(`${dir} is a file, not a folder`, field, 'folder-not-folder');
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw refuse(
      `The folder ${dir} cannot be written to (read-only or no permission)`,
      field,
      'folder-read-only',
    );
  }
}

const subfolders = (dir: string): string[] => {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(dir, e.name))
      .sort();
  } catch {
    return []; // no such mount root on this system
  }
};

/** Where removable drives are mounted: udisks' /media/USER and /run/media/USER on Linux, drive letters on Windows. */
export function defaultMountRoots(): { roots: string[]; driveLetters: boolean } {
  if (process.platform === 'win32') return { roots: [], driveLetters: true };
  const user = userInfo().username;
  return { roots: [join('/media', user), join('/run/media', user)], driveLetters: false };
}

/** The likely removable drives: each folder under the mount roots, or each drive letter but C:. */
export function removableFolders(where = defaultMountRoots()): string[] {
  const found = where.roots.flatMap(subfolders);
  if (where.driveLetters)
    for (const letter of 'DEFGHIJKLMNOPQRSTUVWXYZ') {
      const drive = `${letter}:\\`;
      if (isFolder(drive)) found.push(drive);
    }
  return found;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

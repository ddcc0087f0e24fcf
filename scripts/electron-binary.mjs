// Where the Electron binary is, without require('electron'): that would try to download it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The electron package's folder and version, or null when it is not installed (--omit=dev). */
export function electronPackage() {
  try {
    const pkg = require.resolve('electron/package.json');
    return { dir: dirname(pkg), version: JSON.parse(readFileSync(pkg, 'utf8')).version };
  } catch {
    return null;
  }
}

/** The path of the Electron executable when its binary was downloaded, else null. */
export function electronBinary() {
  const pkg = electronPackage();
  if (!pkg) return null;
  try {
    const bin = join(pkg.dir, 'dist', readFileSync(join(pkg.dir, 'path.txt'), 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

// The project's postinstall (and `npm run install-electron`): fetches the Electron binary.
//
// The electron package in use (45) has no install script of its own (its binary comes from its
// `install-electron` command), and npm's install-script policy skips any dependency script not in
// package.json "allowScripts": so a plain `npm install` left no binary and `npm start` fell back to
// browser mode without a word. This script runs as
// the project's own lifecycle script: it downloads the binary where the network allows, and
// where it cannot (an air-gapped machine, ELECTRON_SKIP_BINARY_DOWNLOAD=1) it says so in one
// line and lets `npm install` succeed. `--required` (npm run install-electron) fails instead.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, electronPackage } from './electron-binary.mjs';

const required = process.argv.includes('--required');
const say = (line) => console.log(`ttll-desk: ${line}`);
const pkg = electronPackage();
const skip = /^(1|true)$/i.test(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '');

if (!pkg) {
  say('Electron is not installed (production install): `npm start` runs in browser mode.');
} else if (electronBinary()) {
  say(`Electron ${pkg.version} is installed: \`npm start\` opens the desktop app.`);
} else if (skip && !required) {
  say(
    `Electron ${pkg.version} binary not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1): ` +
      '`npm start` runs in browser mode; `npm run install-electron` fetches it later.',
  );
} else {
  // Electron's own installer: @electron/get, its cache and mirrors (ELECTRON_MIRROR, ELECTRON_CACHE).
  const r = spawnSync(process.execPath, [join(pkg.dir, 'install.js')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60_000,
  });
  if (r.status === 0 && electronBinary()) {
    say(`Electron ${pkg.version} downloaded: \`npm start\` opens the desktop app.`);
  } else {
    const why =
      r.error?.message ??
      `${r.stderr ?? ''}`
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l && !l.startsWith('at ')) ??
      `exit ${r.status}`;
    say(
      `Electron ${pkg.version} binary could not be downloaded (${why.slice(0, 120)}): ` +
        (required
          ? 'see ELECTRON_MIRROR in the README.'
          : 'the install still succeeded; `npm start` runs in browser mode until `npm run install-electron` succeeds.'),
    );
    if (required) process.exit(1);
  }
}

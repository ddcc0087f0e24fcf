// `npm start`: Electron where its binary is installed; otherwise browser mode (the same
// renderer and core on 127.0.0.1 with a per-launch token). It says which, and why.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary, electronPackage } from './electron-binary.mjs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

/** Why browser mode, or null when the desktop app can open. */
function browserReason(electron) {
  if (process.env.TTLL_BROWSER_MODE === '1') return 'TTLL_BROWSER_MODE=1 asks for it';
  if (!electronPackage()) return 'Electron is not installed (a production install)';
  if (!electron)
    return (
      "Electron's binary is not on this machine (not downloaded at install: offline, or " +
      'ELECTRON_SKIP_BINARY_DOWNLOAD=1; `npm run install-electron` fetches it)'
    );
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'there is no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset)';
  return null;
}

const electron = electronBinary();
const reason = browserReason(electron);
if (!reason && electron) {
  console.log(`Starting the desktop app: Electron ${electronPackage()?.version} (${electron}).`);
  run('npx', ['electron-vite', 'build']);
  spawn(electron, ['.'], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Starting in browser mode: ${reason}.`);
  run('npm', ['run', '--silent', 'build:renderer']);
  const args = ['run', '--silent', 'host', '--'];
  if (process.env.TTLL_PORT) args.push('--port', process.env.TTLL_PORT);
  spawn('npm', args, { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
}

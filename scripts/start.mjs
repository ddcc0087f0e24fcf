// `npm start`: Electron where its binary is installed; otherwise browser mode (the same
// renderer and core on 127.0.0.1 with a per-launch token), saying so.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// Looks for the binary without require('electron'): that would try to download it, and this
// app never reaches a network on its own.
function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const bin = join(dir, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
if (electron && process.env.TTLL_BROWSER_MODE !== '1') {
  run('npx', ['electron-vite', 'build']);
  spawn(electron, ['.'], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    electron
      ? 'TTLL_BROWSER_MODE=1: starting in browser mode.'
      : 'Electron is not installed on this machine (its binary was not downloaded): starting in browser mode.',
  );
  run('npm', ['run', '--silent', 'build:renderer']);
  const args = ['run', '--silent', 'host', '--'];
  if (process.env.TTLL_PORT) args.push('--port', process.env.TTLL_PORT);
  spawn('npm', args, { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
}

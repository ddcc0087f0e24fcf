import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from './core';

export const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
/** The password of `admin` in the folders the CLI tests set up (the password rules allow it). */
export const CLI_ADMIN_PASSWORD = 'cli-mat-khau-quan-tri';

/** Runs `npm run cli` on a data folder: the KDF is fast for tests, the admin password preset. */
export function runCli(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(TSX, ['src/cli/index.ts', '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TTLL_KDF_TARGET_MS: '50', TTLL_PASSWORD: CLI_ADMIN_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A new data folder set up by `cli init` for office SKHCN with admin `admin` (extra args appended). */
export function initCliDataDir(prefix: string, extra: string[] = []): string {
  const dir = tempDir(prefix);
  const init = runCli(dir, [
    'init',
    '--office-code',
    'SKHCN',
    '--office-name',
    'Sở Thử',
    '--admin',
    'admin',
    ...extra,
  ]);
  if (init.code !== 0) throw new Error(`cli init failed: ${init.err}`);
  return dir;
}

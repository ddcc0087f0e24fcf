import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { Channel, Clearance, InputOf, OfficeLevel, OutputOf } from '../../src/shared/contract';

import { TSX } from '../helpers/cli';
export const SCREENS = join(process.cwd(), 'test-results', 'screens');

export interface HostProcess {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts browser mode exactly as `npm start` does (tsx src/host/main.ts) on a fresh data folder. */
export async function startHostProcess(
  dataDir = mkdtempSync(join(tmpdir(), 'ttll-e2e-')),
): Promise<HostProcess> {
  const proc: ChildProcess = spawn(TSX, ['src/host/main.ts', '--data-dir', dataDir, '--port', '0'], {
    env: { ...process.env, TTLL_KDF_TARGET_MS: '100' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out} ${stderr}`)), 30_000);
    proc.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Open: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`host exited ${code}: ${stderr}`)));
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

let shot = 0;
/** Full-page screenshot kept as a test artifact, numbered in the order of the journey. */
export async function screen(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  shot++;
  await page.screenshot({
    path: join(SCREENS, `${String(shot).padStart(2, '0')}-${name}.png`),
    fullPage: true,
    // Finish drawer and modal transitions rather than catch them halfway.
    animations: 'disabled',
  });
}

/** A contract call from the page, with the token the app keeps for this tab (set-up data only). */
export async function api<C extends Channel>(
  page: Page,
  channel: C,
  input: InputOf<C>,
): Promise<OutputOf<C>> {
  const r = await page.evaluate(
    async ([ch, inp]) => {
      const res = await fetch('/api/invoke', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-ttll-token': sessionStorage.getItem('ttll.token') ?? '',
        },
        body: JSON.stringify({ channel: ch, input: inp }),
      });
      return (await res.json()) as { ok: boolean; data?: unknown; error?: unknown };
    },
    [channel, input] as const,
  );
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.data as OutputOf<C>;
}

export async function login(page: Page, password: string, user = 'admin') {
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Picks an option of a Mantine select by its test id. */
export async function pick(page: Page, testId: string, option: string) {
  const target = page.getByRole('option', { name: option, exact: true });
  // Mantine draws the combobox over its input: click through to open the list, and again when
  // the click landed while a drawer was still sliding in and the list did not open.
  await expect(async () => {
    if (!(await target.isVisible())) await page.getByTestId(testId).click({ force: true });
    await expect(target).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
  await target.click();
}

/**
 * First-time setup through the contract (the setup page has its own spec), then the reload that
 * signs the administrator in: what a spec needs before the part it tests.
 */
export async function setUpOffice(
  page: Page,
  url: string,
  o: { name: string; code: string; password: string; clearance: Clearance; level?: OfficeLevel },
): Promise<void> {
  await page.goto(url);
  await expect(page.getByText('Thiết lập lần đầu')).toBeVisible();
  await api(page, 'vault.setup', {
    office: { name: o.name, code: o.code, level: o.level ?? 'province', province: 'Nghệ An' },
    admin: { userName: 'admin', fullName: 'Quản Trị Viên', password: o.password, clearance: o.clearance },
  });
  await page.reload();
  await expect(page.getByTestId('office-name')).toHaveText(o.name);
}

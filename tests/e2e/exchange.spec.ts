import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { api, pick, screen, setUpOffice, startHostProcess, type HostProcess } from './support';

// Issue 12, data packages between two offices, each a vault with its own browser-mode host: the
// province registers the commune, publishes its directory, sends a plan down; the commune applies
// it, reports progress and sends it up; receipts close the loop both ways.
const PASSWORD = 'Mat-khau-an-toan-2026';
const PROVINCE = 'Sở Khoa học và Công nghệ tỉnh Thử Nghiệm';
const COMMUNE = 'UBND xã Tân Kỳ';

let province: HostProcess;
let commune: HostProcess;
test.beforeAll(async () => {
  [province, commune] = await Promise.all([startHostProcess(), startHostProcess()]);
});
test.afterAll(async () => {
  await Promise.all([province?.stop(), commune?.stop()]);
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  return context.newPage();
}

/** Clicks a button whose file comes back as a download, and keeps it in `dir`. */
async function download(page: Page, testId: string, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

async function openPackages(page: Page, part: 'send' | 'receive' | 'log') {
  await page.getByTestId('nav-exchange').click();
  await page.getByTestId('exchange-tab-packages').click();
  await page.getByTestId(`pkg-part-${part}`).click();
}

/** Previews the packages at `path`, checks the preview, applies them and returns the result list. */
async function receive(page: Page, path: string, receiptsDir: string, shot: string) {
  await openPackages(page, 'receive');
  await page.getByTestId('pkg-in-path').fill(path);
  await page.getByTestId('pkg-receipts-dir').fill(receiptsDir); // empty: no receipt written
  await page.getByTestId('pkg-preview').click();
  const preview = page.getByTestId('pkg-preview-list');
  await expect(preview).toBeVisible();
  await screen(page, `${shot}-preview`);
  await page.getByTestId('pkg-apply').click();
  const result = page.getByTestId('pkg-result-list');
  await expect(result).toBeVisible();
  await screen(page, `${shot}-applied`);
  return result;
}

test('province ↔ commune: keys, directory, a plan down, progress up, receipts back', async ({ browser }) => {
  test.setTimeout(180_000);
  const work = mkdtempSync(join(tmpdir(), 'ttll-e2e-xchg-'));
  const dir = (name: string) => {
    const d = join(work, name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  const p = await newPage(browser);
  const c = await newPage(browser);
  await setUpOffice(p, province.url, {
    name: PROVINCE,
    code: 'SKHCN',
    password: PASSWORD,
    clearance: 'none',
  });
  await setUpOffice(c, commune.url, {
    name: COMMUNE,
    code: 'XATK',
    password: PASSWORD,
    clearance: 'none',
    level: 'commune',
  });

  // The commune hands over its key file and the fingerprint printed on its form.
  await c.getByTestId('nav-exchange').click();
  const keyFile = await download(c, 'exchange-export-key', dir('keys'));
  const communeFp = (await api(c, 'exchange.ownKeys', {})).fingerprint;
  const provinceFp = (await api(p, 'exchange.ownKeys', {})).fingerprint;

  // The province adds it by key file and typed fingerprint, then publishes the directory.
  const org = await api(p, 'contacts.orgs.save', { name: COMMUNE, kind: 'commune-committee' });
  await p.getByTestId('nav-exchange').click();
  await p.getByTestId('exchange-tab-directory').click();
  await p.getByTestId('directory-add').click();
  await p.getByRole('dialog').locator('input[type=file]').setInputFiles(keyFile);
  await p.getByTestId('office-fingerprint').fill(communeFp);
  await p.getByTestId('office-groups').fill('xa');
  await p.getByTestId('office-groups').press('Enter');
  // What it may send up: its progress reports (nothing, unless told).
  await p.getByTestId('office-may-send').fill('plan_progress');
  await p.getByTestId('office-may-send').press('Enter');
  await p.getByTestId('office-org').fill('Tân Kỳ');
  await p.getByRole('option', { name: COMMUNE }).click();
  await p.getByTestId('office-save').click();
  await expect(p.getByTestId('office-row-XATK')).toContainText('Đang hiệu lực');
  const directory = await download(p, 'directory-publish', dir('directory'));

  // The commune accepts it, pinning the province's key by its fingerprint.
  await c.getByTestId('exchange-tab-directory').click();
  await c.getByTestId('directory-accept').click();
  await c.getByRole('dialog').locator('input[type=file]').setInputFiles(directory);
  await c.getByTestId('accept-fingerprint').fill(provinceFp);
  await c.getByTestId('accept-save').click();
  await expect(c.getByTestId('office-row-SKHCN')).toBeVisible();
  await screen(c, 'xchg-commune-directory');

  // The province's plan: an event, the template's plan and its tasks.
  const ev = await api(p, 'plans.events.save', { name: 'Bầu cử 2026', keyDay: '2026-03-15' });
  await api(p, 'plans.fromTemplate', { eventId: ev.id, templateKey: 'province-ttll-election', force: true });
  const tasks = (await api(p, 'plans.tasks.list', { eventId: ev.id })).items;
  expect(tasks.length).toBeGreaterThan(5);

  // Down: one package to the group "Tất cả xã", every change since nothing was sent.
  const down = dir('down');
  await openPackages(p, 'send');
  await p.getByTestId('pkg-to-group').click();
  await pick(p, 'pkg-group', 'Tất cả xã');
  await p.getByTestId('pkg-out-dir').fill(down);
  await p.getByTestId('pkg-send').click();
  const sentDown = p.getByTestId('pkg-sent-XATK');
  await expect(sentDown).toContainText('SKHCN-XATK-000001.ttllpkg');
  await expect(sentDown.locator('td').nth(2)).toHaveText('1');
  await screen(p, 'xchg-province-sent');
  expect(readdirSync(down)).toEqual(['SKHCN-XATK-000001.ttllpkg']);

  // The commune previews it (what is new, by type, in Vietnamese), applies it; the receipt and
  // its own package up go to one folder for the province.
  const up = dir('up');
  const applied = await receive(c, down, up, 'xchg-commune-down');
  await expect(applied).toContainText('Đã áp dụng');
  await expect(applied).toContainText('Nhiệm vụ');
  await expect(applied).toContainText('Kế hoạch');
  await expect(c.getByTestId('pkg-receipts')).toContainText('XATK-SKHCN-000001.ttllpkg');

  // It sees the plan and its tasks.
  await c.getByTestId('nav-plans').click();
  await c.getByTestId('plans-tab-tasks').click();
  await expect(c.getByTestId('task-row')).toHaveCount(tasks.length);
  await screen(c, 'xchg-commune-tasks');

  // It reports progress and sends it up.
  const task = tasks[0]!;
  await api(c, 'plans.progress.report', {
    taskId: task.id,
    orgId: org.id,
    status: 'in-progress',
    percent: 40,
    text: 'Đã rà soát trạm BTS',
  });
  await openPackages(c, 'send');
  await c.getByTestId('pkg-offices').click();
  await c.getByRole('option', { name: /SKHCN/ }).click();
  await c.getByTestId('pkg-out-dir').fill(up);
  await c.getByTestId('pkg-send').click();
  await expect(c.getByTestId('pkg-sent-SKHCN')).toContainText('XATK-SKHCN-000002.ttllpkg');
  await screen(c, 'xchg-commune-sent');

  // The province applies both (the receipt and the report, in chain order) and sees the progress.
  const back = dir('back');
  const got = await receive(p, up, back, 'xchg-province-up');
  await expect(got.getByTestId('pkg-verdict')).toHaveText(['Đã áp dụng', 'Đã áp dụng']);
  await expect(got).toContainText('Báo cáo tiến độ');
  const report = (await api(p, 'plans.tasks.get', { id: task.id })).progress;
  expect(report.map((r) => r.text)).toEqual(['Đã rà soát trạm BTS']);
  await p.getByTestId('nav-plans').click();
  await p.getByTestId('plans-tab-tasks').click();
  await p.getByTestId('task-row').filter({ hasText: task.title }).first().click();
  await expect(p.getByTestId('task-detail')).toBeVisible();
  await expect(p.getByTestId('progress-line').first()).toContainText('Đã rà soát trạm BTS');
  await screen(p, 'xchg-province-progress');
  await p.keyboard.press('Escape');
  await expect(p.getByTestId('task-detail')).toBeHidden();

  // The province's log: out 1, in 1 (receipt) and 2, out its receipt.
  await openPackages(p, 'log');
  await expect(p.getByTestId('pkg-log-row')).toHaveCount(4);
  // Its own receipt to the commune carries no data: the commune is not behind, though the receipt
  // is not acknowledged (and can be written again).
  await expect(p.getByTestId('pkg-peer-XATK')).toHaveAttribute('data-behind', 'false');
  await expect(p.getByTestId('pkg-peer-XATK')).toContainText('Đã đồng bộ');
  await screen(p, 'xchg-province-log');
  // A receipt lost on the way can be written again, byte for byte, from the log.
  const copies = dir('copies');
  await p.getByTestId('pkg-resend-XATK').click();
  await p.getByTestId('pkg-resend-dir').fill(copies);
  await p.getByTestId('pkg-resend-go').click();
  await expect(p.getByText(`Đã ghi lại 1 gói vào ${copies}`)).toBeVisible();
  expect(readFileSync(join(copies, 'SKHCN-XATK-000002.ttllpkg'))).toEqual(
    readFileSync(join(back, 'SKHCN-XATK-000002.ttllpkg')),
  );

  // The receipt goes back; the commune's log shows its package acknowledged.
  expect(readdirSync(back)).toEqual(['SKHCN-XATK-000002.ttllpkg']);
  const acked = await receive(c, back, '', 'xchg-commune-receipt');
  await expect(acked).toContainText('Đã áp dụng');
  await openPackages(c, 'log');
  const peer = c.getByTestId('pkg-peer-SKHCN');
  await expect(peer).toContainText('Đã đồng bộ');
  await expect(peer).toHaveAttribute('data-behind', 'false');
  await expect(peer.locator('td').nth(3)).toContainText('#2');
  await expect(c.getByTestId('pkg-log-row').first()).toContainText('biên nhận');
  await screen(c, 'xchg-commune-log');

  // The same folder again: nothing to apply, each package "applied before" with the reason.
  await openPackages(p, 'receive');
  await p.getByTestId('pkg-in-path').fill(up);
  await p.getByTestId('pkg-preview').click();
  const again = p.getByTestId('pkg-preview-list');
  await expect(again.getByTestId('pkg-verdict')).toHaveText(['Đã áp dụng trước đó', 'Đã áp dụng trước đó']);
  await expect(again).toContainText('Gói này đã được nhận trước đây');
  await expect(p.getByTestId('pkg-apply')).toBeDisabled();
  await screen(p, 'xchg-province-again');

  // A leader reads the log and each office's state only: no keys, directory, sending or receiving.
  await api(p, 'users.create', {
    userName: 'lanhdao',
    fullName: 'Lãnh Đạo Sở',
    role: 'leader',
    clearance: 'none',
    password: 'mat-khau-duoc-cap-1',
  });
  await p.getByTestId('lock-button').click();
  await p.getByTestId('login-user').fill('lanhdao');
  await p.getByTestId('login-password').fill('mat-khau-duoc-cap-1');
  await p.getByTestId('login-submit').click();
  await p.getByTestId('must-change-current').fill('mat-khau-duoc-cap-1');
  await p.getByTestId('must-change-new').fill('mat-khau-rieng-cua-toi');
  await p.getByTestId('must-change-new2').fill('mat-khau-rieng-cua-toi');
  await p.getByTestId('must-change-submit').click();
  await p.getByTestId('nav-exchange').click();
  await expect(p.getByTestId('exchange-tab-keys')).toHaveCount(0);
  await expect(p.getByTestId('exchange-tab-directory')).toHaveCount(0);
  await expect(p.getByTestId('pkg-part-send')).toHaveCount(0);
  await expect(p.getByTestId('pkg-part-receive')).toHaveCount(0);
  await expect(p.getByTestId('pkg-log-row')).toHaveCount(4);
  await expect(p.getByTestId('pkg-peer-XATK')).toContainText('XATK');
  await screen(p, 'xchg-province-leader-log');
});

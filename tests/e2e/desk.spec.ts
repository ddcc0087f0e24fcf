import { expect, test, type Page } from '@playwright/test';
import type { Channel, InputOf, OutputOf } from '../../src/shared/contract';
import { addDaysIso, vnIsoDate } from '../../src/shared/dates';
import { screen, startHostProcess, type HostProcess } from './support';

// What a new user hit (issue 10): the document list, the audit log, forms and their messages,
// the overview, locking, permissions — each seen in Chromium at 1366 px.
const PASSWORD = 'Mat-khau-an-toan-2026';
const LONG_SUMMARY =
  'Về việc bảo đảm thông tin liên lạc phục vụ bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân ' +
  'các cấp nhiệm kỳ 2026–2031 trên địa bàn tỉnh, kể cả các xã vùng sâu, vùng xa, biên giới và hải đảo';

test.describe.configure({ mode: 'serial' });

let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

/** A contract call from the page, with the token the app keeps for this tab (set-up data only). */
async function api<C extends Channel>(page: Page, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
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

async function login(page: Page, password: string, user = 'admin') {
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

const today = vnIsoDate(new Date());

test('the document list: two-line summaries, whole badges, overdue marks, recipients, toasts beside it', async ({
  page,
}) => {
  await page.goto(host.url);
  await expect(page.getByText('Thiết lập lần đầu')).toBeVisible();
  await api(page, 'vault.setup', {
    office: {
      name: 'Sở Khoa học và Công nghệ tỉnh Thử Nghiệm',
      code: 'SKHCN',
      level: 'province',
      province: 'Nghệ An',
    },
    admin: { userName: 'admin', fullName: 'Quản Trị Viên', password: PASSWORD, clearance: 'tuyet-mat' },
  });
  await page.reload();
  await expect(page.getByTestId('office-name')).toBeVisible();
  const overdue = await api(page, 'docs.register', {
    direction: 'in',
    type: 'CV',
    symbol: '12/UBND-VX',
    documentDate: addDaysIso(today, -20),
    sender: 'UBND tỉnh Thử Nghiệm',
    summary: LONG_SUMMARY,
    deadline: addDaysIso(today, -8),
  });
  await api(page, 'docs.setProcessing', {
    id: overdue.entry.id,
    version: overdue.entry.version,
    processing: 'in-progress',
  });
  await api(page, 'docs.register', {
    direction: 'out',
    type: 'KH',
    symbol: '05/KH-SKHCN',
    documentDate: today,
    recipients: ['Các xã, phường trên địa bàn tỉnh', 'Sở Nội vụ'],
    summary: 'Kế hoạch bảo đảm thông tin liên lạc',
  });

  await page.getByTestId('nav-docs').click();
  const table = page.getByTestId('docs-table');
  const overdueRow = table.locator('tbody tr', { hasText: '12/UBND-VX' });
  // The overdue entry carries its mark, with the days counted from its deadline.
  await expect(overdueRow.getByTestId('doc-overdue')).toHaveText('Quá hạn 8 ngày');
  // Outgoing entries name their recipients; one recipient with a comma stays one.
  const outRow = table.locator('tbody tr', { hasText: '05/KH-SKHCN' });
  await expect(outRow.getByTestId('doc-party')).toHaveText('Các xã, phường trên địa bàn tỉnh; Sở Nội vụ');
  // The summary is cut to two lines, the whole text on hover.
  const summary = overdueRow.getByTestId('doc-summary-cell');
  await expect(summary).toHaveAttribute('title', LONG_SUMMARY);
  const lines = await summary.evaluate(
    (el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight),
  );
  expect(lines).toBeLessThanOrEqual(2.1);
  // No badge is cut at 1366 px.
  const badges = table.locator('.mantine-Badge-label');
  expect(await badges.count()).toBeGreaterThanOrEqual(2);
  for (const b of await badges.all())
    expect(await b.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), await b.innerText()).toBe(true);
  await expect(overdueRow.getByTestId('doc-status')).toHaveText('Đang xử lý');

  // The drawer has the whole summary.
  await overdueRow.click();
  await expect(page.getByTestId('doc-detail')).toContainText(LONG_SUMMARY);
  await page.keyboard.press('Escape');
  await screen(page, 'ui-docs-list');
});

test('the audit log names the document by its symbol, filters by that object and exports XLSX', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByTestId('nav-audit').click();
  const table = page.getByTestId('audit-table');
  // Not a UUID: the register, number and symbol of the entry.
  const label = table.getByTestId('audit-target-label').filter({ hasText: '12/UBND-VX' }).first();
  await expect(label).toHaveText(new RegExp(`^Sổ đến ${today.slice(0, 4)} số 1 — 12/UBND-VX$`));
  await expect(table).toContainText('Sổ đi');
  await expect(table).not.toContainText(LONG_SUMMARY.slice(0, 30));
  await label.click();
  await expect(page.getByTestId('audit-object')).toContainText('12/UBND-VX');
  // Registered, then its processing set: two acts on this document, nothing else.
  await expect(page.getByTestId('audit-total')).toHaveText('Tổng số: 2');
  await screen(page, 'ui-audit-object');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('audit-export').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^nhat-ky-.*\.xlsx$/);
  await page.getByTestId('audit-object-clear').click();
  await expect(page.getByTestId('audit-object')).toHaveCount(0);
  await expect(table.locator('tbody tr').first()).toContainText('Xuất nhật ký');
});

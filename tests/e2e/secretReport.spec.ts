import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { addYearsIso, formatDate, vnIsoDate } from '../../src/shared/dates';
import { docxParts } from '../helpers/docxRender';
import { api, screen, setUpOffice, startHostProcess, type HostProcess } from './support';

// Báo cáo mật as the administrator: protection periods and the export right set in Quản trị,
// an old Mật document in the expiring list, the yearly counts and their .docx.
const PASSWORD = 'Mat-khau-an-toan-2026';

let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

test('protection years, export right, expiring list and the yearly report .docx', async ({ page }) => {
  await setUpOffice(page, host.url, {
    name: 'Bộ Chỉ huy Quân sự tỉnh Thử Nghiệm',
    code: 'BCH',
    password: PASSWORD,
    clearance: 'tuyet-mat',
  });

  // Quản trị: the export right, shown as a badge in the list.
  await page.getByTestId('nav-admin').click();
  const adminRow = page.locator('[data-testid=user-row][data-user=admin]');
  await expect(adminRow.getByTestId('user-export')).toHaveText('');
  await adminRow.getByTestId('user-edit').click();
  await page.getByTestId('user-can-export').check();
  await expect(page.getByRole('dialog')).toContainText('không còn được mã hóa');
  await screen(page, 'secret-user-export');
  await page.getByTestId('user-save').click();
  await expect(adminRow.getByTestId('user-export')).toHaveText('Được xuất tệp');

  // Quản trị: Mật documents protected for 5 years; the report period starts on 15/12.
  await expect(page.getByTestId('settings-report-period')).toHaveText(
    'Kỳ báo cáo bắt đầu ngày 15/12, kết thúc ngày 14/12 năm sau.',
  );
  await page.getByTestId('settings-protect-mat').fill('5');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-save')).toBeDisabled();
  await screen(page, 'secret-settings');
  expect((await api(page, 'settings.get', {})).protectionYears.mat).toBe(5);

  // A Mật document dated 10 years ago: its protection ended 5 years ago.
  const documentDate = addYearsIso(vnIsoDate(new Date()), -10);
  await api(page, 'docs.register', {
    direction: 'in',
    level: 'mat',
    type: 'CV',
    symbol: '07/CV-BCH',
    documentDate,
    sender: 'Bộ Tư lệnh Quân khu 4',
    summary: 'Về bảo đảm thông tin liên lạc diễn tập khu vực phòng thủ',
  });

  await page.getByTestId('nav-secretReport').click();
  await expect(page.getByTestId('secret-period')).toHaveText(/^Từ 15\/12\/\d{4} đến 14\/12\/\d{4}$/);
  // Columns: item, Tuyệt mật, Tối mật, Mật, Tổng.
  await expect(page.getByTestId('secret-row-received').locator('td')).toHaveText([
    'Nhận đến',
    '0',
    '0',
    '1',
    '1',
  ]);
  const expiring = page.getByTestId('expiring-table');
  await expect(expiring).toContainText('07/CV-BCH');
  await expect(expiring).toContainText(formatDate(addYearsIso(documentDate, 5)));
  await page.getByTestId('secret-horizon').click({ force: true });
  await page.getByRole('option', { name: 'Đã hết hạn', exact: true }).click({ force: true });
  await expect(page.getByTestId('secret-horizon')).toHaveValue('Đã hết hạn');
  await expect(expiring).toContainText('Về bảo đảm thông tin liên lạc');
  await screen(page, 'secret-report');

  // The yearly report as an official .docx.
  await page.getByTestId('secret-print').click();
  await page.getByTestId('secret-signer-title').fill('CHỈ HUY TRƯỞNG');
  await page.getByTestId('secret-signer-name').fill('Nguyễn Văn Ký');
  await screen(page, 'secret-print');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('secret-print-confirm').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^bao-cao-bao-ve-bi-mat-\d{4}-.*\.docx$/);
  const path = await download.path();
  const xml = (await docxParts(readFileSync(path)))['word/document.xml'] ?? '';
  expect(xml).toContain('BÁO CÁO');
  expect(xml).toContain('Nguyễn Văn Ký');

  // A clerk without clearance is not told that the entry expires: its end of protection is hidden
  // from them, so the list holds only entries they may read (issue 9 §4).
  await api(page, 'users.create', {
    userName: 'vanthu',
    fullName: 'Văn Thư',
    role: 'clerk',
    clearance: 'none',
    password: 'mat-khau-duoc-cap-1',
  });
  await page.getByTestId('lock-button').click();
  await page.getByTestId('login-user').fill('vanthu');
  await page.getByTestId('login-password').fill('mat-khau-duoc-cap-1');
  await page.getByTestId('login-submit').click();
  // The administrator set it: it is changed before anything else.
  await page.getByTestId('must-change-current').fill('mat-khau-duoc-cap-1');
  await page.getByTestId('must-change-new').fill('mat-khau-rieng-cua-toi');
  await page.getByTestId('must-change-new2').fill('mat-khau-rieng-cua-toi');
  await page.getByTestId('must-change-submit').click();
  // A clerk keeps the registers and reports on them, but does not read the audit log.
  await expect(page.getByTestId('nav-secretReport')).toBeVisible();
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);
  await page.getByTestId('nav-secretReport').click();
  await expect(page.getByText('Không có văn bản mật nào trong khoảng này.')).toBeVisible();
  await expect(expiring.locator('tbody tr')).toHaveCount(0);
  await expect(expiring).not.toContainText('Về bảo đảm thông tin liên lạc');
  await screen(page, 'secret-report-restricted');
});

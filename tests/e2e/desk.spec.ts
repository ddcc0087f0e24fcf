import { expect, test } from '@playwright/test';
import { addDaysIso, vnIsoDate } from '../../src/shared/dates';
import { windows1258 } from '../helpers/cp1258';
import { minimalPdf } from '../helpers/pdf';
import { api, login, screen, setUpOffice, startHostProcess, type HostProcess } from './support';

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

const today = vnIsoDate(new Date());

test('the document list: two-line summaries, whole badges, overdue marks, recipients, toasts beside it', async ({
  page,
}) => {
  await setUpOffice(page, host.url, {
    name: 'Sở Khoa học và Công nghệ tỉnh Thử Nghiệm',
    code: 'SKHCN',
    password: PASSWORD,
    clearance: 'tuyet-mat',
  });
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

test('the register form: every error at its field in words, a date picker, one recipient with a comma, a duplicate warned', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByTestId('nav-docs').click();
  await page.getByTestId('doc-add').click();
  await page.getByTestId('doc-date').fill('31/02/2026');
  await page.getByTestId('doc-deadline').fill('mai');
  await page.getByTestId('doc-summary').fill('x'.repeat(2005));
  await expect(page.getByTestId('doc-summary-count')).toHaveText('2005/2000 ký tự');
  await page.getByTestId('doc-save').click();
  // All at once, each at its field, in words that name the rule.
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Ngày 31/02/2026 không tồn tại');
  await expect(dialog).toContainText('Không đọc được ngày: gõ ngày/tháng/năm, ví dụ 28/11/2026');
  await expect(dialog).toContainText('Quá dài (tối đa 2000 ký tự)');
  await screen(page, 'ui-form-errors');
  await page.getByTestId('doc-date').fill('');
  await page.getByTestId('doc-save').click();
  await expect(dialog).toContainText('Bắt buộc nhập');

  // The same document again: symbol, sender and date (typed 20-…, the dash form).
  const [y, m, d] = addDaysIso(today, -20).split('-');
  await page.getByTestId('doc-symbol').fill('12/ubnd-vx');
  await page.getByTestId('doc-date').fill(`${d}-${m}-${y}`);
  await page.getByTestId('doc-sender').fill('UBND tỉnh Thử Nghiệm');
  await page.getByTestId('doc-summary').fill('Bản gửi lại của công văn 12');
  await expect(page.getByTestId('doc-summary-count')).toHaveText('27/2000 ký tự');
  // The deadline from the calendar beside the field.
  await page.getByTestId('doc-deadline').fill('');
  await page.getByTestId('doc-deadline-pick').click();
  await page.getByTestId('doc-deadline-picker').fill(addDaysIso(today, 5));
  const [dy, dm, dd] = addDaysIso(today, 5).split('-');
  await expect(page.getByTestId('doc-deadline')).toHaveValue(`${dd}/${dm}/${dy}`);
  // A recipient with a comma stays one; Enter adds it.
  const recipients = page.getByTestId('doc-recipients');
  await recipients.click();
  await page.keyboard.type('Các xã, phường trên địa bàn tỉnh');
  await page.keyboard.press('Enter');
  await expect(dialog.locator('.mantine-TagsInput-pill')).toHaveText(['Các xã, phường trên địa bàn tỉnh']);
  // Already in the register: shown before saving, with the existing entry.
  await expect(page.getByTestId('doc-similar')).toContainText('12/UBND-VX');
  await expect(page.getByTestId('doc-similar')).toContainText('Sổ Đến số 1');
  // Cancel asks before dropping what was typed.
  await page.getByTestId('form-cancel').click();
  await expect(page.getByTestId('form-discard-ask')).toBeVisible();
  await screen(page, 'ui-form-duplicate');
  await page.getByRole('button', { name: 'Tiếp tục nhập' }).click();
  await expect(page.getByTestId('doc-save')).toHaveText('Vẫn vào sổ');
  await page.getByTestId('doc-save').click();
  await expect(page.getByTestId('doc-save')).toHaveCount(0);
  // Notices sit beside the list (in the navbar's column), never over it.
  const table = page.getByTestId('docs-table');
  const notice = page.locator('.mantine-Notification-root').first();
  await expect(notice).toBeVisible();
  const [nb, tb] = [await notice.boundingBox(), await table.boundingBox()];
  expect(nb && tb && nb.x + nb.width <= tb.x).toBe(true);
  // The new entry opens; read-only there: no input hints.
  const detail = page.getByTestId('doc-detail');
  await expect(detail).toContainText('Ngày văn bản');
  await expect(detail).toContainText('Các xã, phường trên địa bàn tỉnh');
  await expect(detail).not.toContainText('dd/mm/yyyy');
  await expect(detail).not.toContainText('Enter');
  await screen(page, 'ui-docs-after-save');
  await page.keyboard.press('Escape');
});

test('overview: tiles open their lists, no classified counts without clearance; the next user starts there; export not offered', async ({
  page,
}) => {
  await page.goto(host.url);
  const plain = (await api(page, 'docs.list', { query: '12/UBND-VX' })).items.find(
    (d) => d.symbol === '12/UBND-VX',
  )!;
  await api(page, 'docs.attach', {
    documentId: plain.id,
    fileName: 'cong-van-12.pdf',
    dataBase64: minimalPdf('Cong van 12').toString('base64'),
  });
  await api(page, 'docs.register', {
    direction: 'in',
    level: 'mat',
    type: 'CV',
    symbol: '3/BCH-M',
    documentDate: today,
    sender: 'Bộ Chỉ huy',
    deadline: addDaysIso(today, -2),
  });
  await api(page, 'users.create', {
    userName: 'vanthu',
    fullName: 'Văn Thư',
    role: 'clerk',
    clearance: 'none',
    password: 'mat-khau-duoc-cap-1',
  });
  await page.getByTestId('nav-docs').click();
  await page.getByTestId('nav-overview').click();
  await expect(page.getByTestId('overview-docs')).toHaveText('4');
  await expect(page.getByTestId('overview-overdue')).toHaveText('2');
  // The overdue tile opens the overdue list.
  await page.getByTestId('overview-overdue-tile').click();
  await expect(page.getByTestId('nav-docs')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('checkbox', { name: 'Quá hạn xử lý' })).toBeChecked();
  await expect(page.getByTestId('docs-total')).toHaveText('Tổng số: 2');
  await expect(page.getByTestId('docs-table').getByTestId('doc-overdue')).toHaveCount(2);
  await screen(page, 'ui-overdue-list');
  // No export right: the attachment can be viewed, not exported.
  await page.getByTestId('docs-table').locator('tbody tr', { hasText: '12/UBND-VX' }).first().click();
  await expect(page.getByTestId('att-table')).toContainText('cong-van-12.pdf');
  await expect(page.getByTestId('att-export')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await api(page, 'users.update', { userName: 'admin', canExportAttachments: true });
  await page.getByTestId('docs-table').locator('tbody tr', { hasText: '12/UBND-VX' }).first().click();
  await expect(page.getByTestId('att-export')).toBeVisible();
  await page.keyboard.press('Escape');

  // The next user starts on the overview, not on the docs page left open, and sees no classified count.
  await page.getByTestId('lock-button').click();
  await login(page, 'mat-khau-duoc-cap-1', 'vanthu');
  // A password an administrator set is changed at the first sign-in.
  await page.getByTestId('must-change-current').fill('mat-khau-duoc-cap-1');
  await page.getByTestId('must-change-new').fill('chi-minh-toi-biet-thoi');
  await page.getByTestId('must-change-new2').fill('chi-minh-toi-biet-thoi');
  await page.getByTestId('must-change-submit').click();
  await expect(page.getByTestId('nav-overview')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('overview-docs')).toHaveText('3');
  await expect(page.getByTestId('overview-overdue')).toHaveText('1');
  await expect(page.getByTestId('overview-expiring')).toHaveCount(0);
  await screen(page, 'ui-overview-uncleared');
  // A clerk may print the state-secret report: the page is offered.
  await expect(page.getByTestId('nav-secretReport')).toBeVisible();
  await page.getByTestId('lock-button').click();
  await login(page, PASSWORD);
  // Signed in before the next test opens its page: else its page may find the vault still locked.
  await expect(page.getByTestId('nav-docs')).toBeVisible();
});

test('idle lock: a countdown first, the half-typed form kept for the same user', async ({ page }) => {
  await page.clock.install();
  await page.goto(host.url);
  await page.getByTestId('nav-docs').click();
  await page.getByTestId('doc-add').click();
  await page.getByTestId('doc-symbol').fill('88/TB-UBND');
  await page.getByTestId('doc-summary').fill('Thông báo lịch trực bảo đảm thông tin');
  // 10 minutes idle by default: the last minute counts down.
  await page.clock.fastForward('09:30');
  await expect(page.getByTestId('idle-countdown')).toContainText(/tự khóa sau \d+ giây/);
  await screen(page, 'ui-idle-countdown');
  await page.getByRole('button', { name: 'Khóa ngay' }).click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await login(page, PASSWORD);
  // Back where they were, with the form kept.
  await expect(page.getByTestId('doc-draft-notice')).toBeVisible();
  await page.getByRole('button', { name: 'Nhập tiếp' }).click();
  await expect(page.getByTestId('doc-draft-restored')).toBeVisible();
  await expect(page.getByTestId('doc-symbol')).toHaveValue('88/TB-UBND');
  await page.getByTestId('form-cancel').click();
  await page.getByTestId('form-discard').click();
  await expect(page.getByTestId('doc-draft-notice')).toHaveCount(0);
  // Void: "Hủy số" and "Đóng", never two "Hủy" in one dialog.
  await page
    .getByTestId('docs-table')
    .locator('tbody tr', { hasText: '05/KH-SKHCN' })
    .getByRole('button', { name: 'Hủy số' })
    .click();
  const voidDialog = page.getByRole('dialog');
  await expect(voidDialog.getByRole('button', { name: 'Đóng' })).toBeVisible();
  await expect(voidDialog.getByRole('button', { name: 'Hủy', exact: true })).toHaveCount(0);
  await voidDialog.getByRole('button', { name: 'Đóng' }).click();
});

test('import: a CSV saved by Excel on Vietnamese Windows is read, its encoding shown; a template to download', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByTestId('nav-contacts').click();
  await page.getByTestId('import-open').click();
  const [template] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('import-template').click(),
  ]);
  expect(template.suggestedFilename()).toBe('mau-nhap-danh-ba.xlsx');
  const csv =
    'Họ và tên,Chức vụ,Cơ quan,Số điện thoại\r\nNguyễn Văn Đức,Phó Giám đốc,Viễn thông Nghệ An,0912345678\r\n';
  await page
    .getByRole('dialog')
    .locator('input[type=file]')
    .setInputFiles({ name: 'danh-ba.csv', mimeType: 'text/csv', buffer: windows1258(csv) });
  await expect(page.getByTestId('import-encoding')).toContainText('Windows-1258');
  await expect(page.getByTestId('import-preview')).toContainText('Nguyễn Văn Đức');
  await expect(page.getByTestId('import-preview')).toContainText('Viễn thông Nghệ An');
  await screen(page, 'ui-import-cp1258');
  // A refused file says why in Vietnamese.
  await page
    .getByRole('dialog')
    .locator('input[type=file]')
    .setInputFiles({ name: 'danh-ba.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('x') });
  await expect(page.getByTestId('import-error')).toContainText('Không đọc được tệp Excel cũ (.xls)');
  await page.keyboard.press('Escape');
});

test("one's own clearance asks for a second administrator; repeated wrong passwords show the wait", async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByTestId('nav-admin').click();
  await page.locator('[data-testid=user-row][data-user=admin]').getByTestId('user-edit').click();
  await expect(page.getByTestId('user-second-admin')).toHaveCount(0);
  await page.getByTestId('user-clearance').click();
  await page.getByRole('option', { name: 'Mật', exact: true }).click();
  await expect(page.getByTestId('user-second-admin-hint')).toContainText('quản trị viên thứ hai');
  await page.getByTestId('user-second-admin').fill('khong-co-ai');
  await page.getByTestId('user-second-password').fill('mat-khau-bat-ky-1');
  await page.getByTestId('user-save').click();
  await expect(page.getByRole('dialog')).toContainText('Không xác nhận được');
  await screen(page, 'ui-own-clearance-second-admin');
  await page.keyboard.press('Escape');

  // A name of its own, so the other tests' sign-ins are not slowed: three free failures, then a wait.
  await api(page, 'vault.lock', {});
  await page.goto(host.url);
  for (let i = 0; i < 4; i++) {
    await login(page, `sai-mat-khau-${i}-abc`, 'khach');
    // The answer came (the form clears the password), so the next attempt is not typed into this one.
    await expect(page.getByTestId('login-password')).toHaveValue('');
    await expect(page.getByTestId('login-error')).toContainText('Sai tên đăng nhập hoặc mật khẩu');
  }
  await login(page, 'sai-mat-khau-4-abc', 'khach');
  await expect(page.getByTestId('login-throttled')).toContainText(/thử lại sau \d+ giây/);
  await expect(page.getByTestId('login-submit')).toBeDisabled();
  await screen(page, 'ui-login-throttled');
  await page.getByTestId('login-user').fill('admin');
  await expect(page.getByTestId('login-submit')).toBeEnabled({ timeout: 10_000 });
  await login(page, PASSWORD);
  await expect(page.getByTestId('nav-admin')).toBeVisible();
});

test('when the host stops, a list says the connection is lost instead of "0 entries"', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('nav-docs').click();
  await expect(page.getByTestId('docs-table').locator('tbody tr').first()).toBeVisible();
  // The host gone (closed terminal, crash): nothing answers any more.
  await page.route('**/api/invoke', (route) => route.abort('connectionrefused'));
  await page.getByTestId('docs-search').fill('khong con may chu');
  await expect(page.getByTestId('list-lost')).toContainText('Mất kết nối');
  await expect(page.getByTestId('docs-total')).not.toContainText('0');
  await expect(page.getByText('Chưa có văn bản nào phù hợp.')).toHaveCount(0);
  await screen(page, 'ui-connection-lost');
});

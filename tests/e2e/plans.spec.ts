import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { addDaysIso, isoToTyped, vnIsoDate } from '../../src/shared/dates';
import { docxOf, planFixture } from '../helpers/planDocx';
import { minimalPdf } from '../helpers/pdf';
import { api, pick, screen, setUpOffice, startHostProcess, type HostProcess } from './support';

// Issue 11 end to end: an event, the seed 000 plan from its template with its organisations
// matched, a task assigned, two units' progress, the overview, and the printed plan.
const PASSWORD = 'Mat-khau-an-toan-2026';

let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

test('event → plan from the seed 000 template → organisations matched → task assigned → two reports → overview → printed plan', async ({
  page,
}) => {
  await setUpOffice(page, host.url, {
    name: 'Sở Khoa học và Công nghệ tỉnh Thử Nghiệm',
    code: 'SKHCN',
    password: PASSWORD,
    clearance: 'none',
  });
  for (const [name, kind] of [
    ['Viettel Thử Nghiệm', 'telecom'],
    ['VNPT Thử Nghiệm', 'telecom'],
    ['Bưu điện tỉnh Thử Nghiệm', 'postal'],
    ['UBND xã Đồng Mẫu', 'commune-committee'],
    ['Sở Khoa học và Công nghệ tỉnh Thử Nghiệm', 'provincial-agency'],
    ['Trung tâm Khoa học, Công nghệ và Truyền thông', 'provincial-agency'],
    ['Trung tâm Tần số vô tuyến điện khu vực VI', 'radio-station'],
    ['Phòng Chuyển đổi số Thử', 'other'],
  ] as const)
    await api(page, 'contacts.orgs.save', { name, kind });

  // The key day a month ahead: the plan's early tasks (due 60 to 15 days before it) are late by now.
  const keyDay = addDaysIso(vnIsoDate(new Date()), 30);
  await page.getByTestId('nav-plans').click();
  await page.getByTestId('plans-event-new').click();
  await page.getByTestId('event-name').fill('Bầu cử thử nghiệm');
  await page.getByTestId('event-key-day').fill(isoToTyped(keyDay));
  await page.getByTestId('event-save').click();
  await expect(page.getByText(`Ngày chính: ${isoToTyped(keyDay)}`)).toBeVisible();

  await page.getByTestId('plans-tab-plans').click();
  await page.getByTestId('plans-from-template').click();
  await page.getByTestId('template-check').click();
  // "Phòng Chuyển đổi số" is found by its name and the groups by their kind; "Văn phòng Sở" is
  // unclear: the user picks it.
  await expect(page.getByTestId('party-digital-unit')).toHaveValue('Phòng Chuyển đổi số Thử');
  await expect(page.getByText('Văn phòng Sở (Chưa rõ)')).toBeVisible();
  await pick(page, 'party-secretariat', 'Sở Khoa học và Công nghệ tỉnh Thử Nghiệm');
  await screen(page, 'plans-template-matching');
  await page.getByTestId('template-create').click();
  await expect(page.getByTestId('plan-card')).toContainText('9 nhiệm vụ');

  // Assign a task: communication work (2.1) to the department.
  await page.getByTestId('plans-tab-tasks').click();
  await page.getByTestId('task-row').filter({ hasText: 'Truyền thông, phổ biến' }).click();
  await pick(page, 'task-lead', 'Sở Khoa học và Công nghệ tỉnh Thử Nghiệm');
  await page.getByTestId('task-assign').click();
  await expect(page.getByTestId('task-detail')).toContainText(
    'Chủ trì: Sở Khoa học và Công nghệ tỉnh Thử Nghiệm',
  );
  await page.keyboard.press('Escape');

  // Progress for two units on their self-inspection.
  for (const [org, status, percent] of [
    ['Viettel Thử Nghiệm', 'Đã hoàn thành', '100'],
    ['VNPT Thử Nghiệm', 'Đang thực hiện', '60'],
  ] as const) {
    await page.getByTestId('task-row').filter({ hasText: 'Tự kiểm tra' }).filter({ hasText: org }).click();
    await pick(page, 'progress-status', status);
    await page.getByTestId('progress-percent').fill(percent);
    await page.getByTestId('progress-text').fill(`Báo cáo của ${org}`);
    await page.getByTestId('progress-submit').click();
    await expect(page.getByTestId('progress-line')).toContainText(org);
    if (org === 'VNPT Thử Nghiệm') {
      // Its evidence: a PDF kept in the encrypted database, shown by the in-app viewer.
      await page.getByTestId('evidence-report').click({ force: true });
      await page.getByRole('option', { name: /VNPT Thử Nghiệm/ }).click();
      await page
        .getByTestId('task-detail')
        .locator('input[type=file]')
        .setInputFiles({
          name: 'bien-ban-tu-kiem-tra.pdf',
          mimeType: 'application/pdf',
          buffer: minimalPdf('Bien ban tu kiem tra'),
        });
      await expect(page.getByTestId('att-table')).toContainText(
        'bien-ban-tu-kiem-tra.pdf (báo cáo của VNPT Thử Nghiệm)',
      );
      await screen(page, 'plans-task-evidence');
      await page.getByTestId('att-view').click();
      await expect(page.getByTestId('attachment-pages').locator('canvas')).toHaveCount(1);
      await screen(page, 'plans-evidence-viewer');
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press('Escape');
  }
  await screen(page, 'plans-tasks');

  await page.getByTestId('plans-tab-overview').click();
  const overdue = Number(await page.getByTestId('tile-overdue').locator('p').last().innerText());
  expect(overdue).toBeGreaterThan(0);
  const missing = page.getByTestId('not-reported');
  await expect(missing).toContainText('Bưu điện tỉnh Thử Nghiệm');
  await expect(missing).not.toContainText('Viettel Thử Nghiệm');
  await screen(page, 'plans-overview');
  // The overdue tile opens the list behind it.
  await page.getByTestId('tile-overdue').click();
  await expect(page.getByTestId('task-overdue').first()).toBeVisible();

  // The plan reports every 10 days from today instead of weekly: the grid's periods follow.
  const today = vnIsoDate(new Date());
  await page.getByTestId('plans-tab-plans').click();
  await expect(page.getByTestId('plan-reporting-said')).toHaveText('Kỳ báo cáo: Thứ Hai hằng tuần');
  await page.getByTestId('plan-reporting').click();
  await page.getByTestId('reporting-kind').getByText('Mỗi N ngày').click();
  await page.getByTestId('reporting-days').fill('10');
  await page.getByTestId('reporting-from').fill(isoToTyped(today));
  const said = `10 ngày một lần từ ${isoToTyped(today)}`;
  await expect(page.getByTestId('reporting-said')).toHaveText(said);
  await screen(page, 'plans-reporting-period');
  await page.getByTestId('reporting-save').click();
  await expect(page.getByTestId('plan-reporting-said')).toHaveText(`Kỳ báo cáo: ${said}`);
  await page.getByTestId('plans-tab-overview').click();
  await expect(page.getByTestId('period-schedule')).toHaveText(said);
  await expect(page.getByTestId('period-grid').locator('tbody tr').first()).toContainText(
    `Từ ${isoToTyped(today)} đến ${isoToTyped(addDaysIso(today, 9))}`,
  );
  await expect(page.getByTestId('not-reported')).toContainText(
    `kỳ ${isoToTyped(today)} – ${isoToTyped(addDaysIso(today, 9))}`,
  );
  await screen(page, 'plans-overview-every-10-days');

  await page.getByTestId('plans-tab-plans').click();
  // The plan's document parts edited on screen: number, legal bases, signer with a KT. line.
  await page.getByTestId('plan-edit').click();
  await page.getByTestId('plan-doc-numberSymbol').fill('05/KH-SKHCN');
  await page.getByTestId('plan-doc-issuedOn').fill(isoToTyped(vnIsoDate(new Date())));
  await page
    .getByTestId('plan-doc-legalBases')
    .fill('Căn cứ Luật Bầu cử đại biểu Quốc hội;\nCăn cứ Kế hoạch số 12/KH-UBND của UBND tỉnh;');
  await page.getByTestId('plan-doc-signerLines').fill('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC');
  await page.getByTestId('plan-doc-signerName').fill('Trần Văn Ký');
  await screen(page, 'plans-document-edit');
  await page.getByTestId('plan-doc-save').click();
  await expect(page.getByTestId('plan-card').first()).toContainText('(05/KH-SKHCN)');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('plan-print').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^ke-hoach-.*\.docx$/);
  const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  expect(xml).not.toContain('w:orient="landscape"');
  expect(xml).toContain('KẾ HOẠCH');
  expect(xml).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH THỬ NGHIỆM');
  expect(xml).toContain('Tự kiểm tra công tác bảo đảm thông tin liên lạc');
  expect(xml).toContain('Căn cứ Kế hoạch số 12/KH-UBND của UBND tỉnh;');
  expect(xml).toContain('KT. GIÁM ĐỐC');
  expect(xml).toContain('Trần Văn Ký');
  expect(xml).toContain('05/KH-SKHCN');
  const styles = await zip.file('word/styles.xml')!.async('string');
  expect(styles).toContain('Times New Roman');
  const [report] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('plans-print-progress').click(),
  ]);
  expect(report.suggestedFilename()).toMatch(/^bao-cao-tien-do-.*\.docx$/);

  // The commune's plan from its Word file: a preview of every task, then "Nhập" makes it.
  await page.getByTestId('plans-import').click();
  await page
    .getByRole('dialog')
    .locator('input[type=file]')
    .setInputFiles({
      name: 'ke-hoach-xa.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await docxOf(planFixture('commune-plan.txt')),
    });
  await expect(page.getByTestId('plan-import-row')).toHaveCount(4);
  const preview = page.getByTestId('plan-import-preview');
  await expect(preview).toContainText('Phòng Văn hóa - Xã hội');
  await expect(page.getByTestId('plan-import-issue')).toHaveText(['⚠ Không hiểu thời hạn']);
  await expect(page.getByTestId('plan-import-due').first()).toHaveText(/^\d{2}\/\d{2}\/\d{4}/);
  // The user corrects a deadline: read again as typed, the due date shown at once.
  const unread = page.getByTestId('plan-import-row').filter({ hasText: 'Không hiểu thời hạn' });
  await expect(unread.getByTestId('plan-import-due')).toHaveText('Chưa đọc được thời hạn');
  const second = page.getByTestId('plan-import-row').filter({ hasNotText: 'Không hiểu thời hạn' }).first();
  await second.getByTestId('plan-import-deadline').fill('Trước ngày bầu cử 5 ngày');
  await expect(second.getByTestId('plan-import-due')).toHaveText(isoToTyped(addDaysIso(keyDay, -5)));
  await second.getByTestId('plan-import-deadline').fill('khi nào xong');
  await expect(second.getByTestId('plan-import-due')).toHaveText('Chưa đọc được thời hạn');
  await second.getByTestId('plan-import-deadline').fill('Trước ngày bầu cử 5 ngày');
  const correctedTitle = await second.locator('td').nth(1).locator('p').first().innerText();
  await screen(page, 'plans-import-preview');
  await page.getByTestId('plan-import-commit').click();
  await expect(page.getByTestId('plan-card')).toHaveCount(2);
  // The task whose deadline was not read is saved flagged, not as "Thường xuyên".
  await page.getByTestId('plans-tab-tasks').click();
  await page.getByTestId('tasks-view').getByText('Tất cả').click();
  await expect(page.getByTestId('task-unread-deadline')).toHaveCount(1);
  const corrected = page
    .getByTestId('task-row')
    .filter({ hasText: 'Trước ngày bầu cử 5 ngày' })
    .filter({ hasText: correctedTitle })
    .first(); // one task per company it names
  await expect(corrected).toContainText(isoToTyped(addDaysIso(keyDay, -5)));

  // The key day moves a week: the phases move with it, one is removed; the due dates follow.
  await page.getByTestId('plans-event-edit').click();
  await page.getByTestId('event-key-day').fill(isoToTyped(addDaysIso(keyDay, 7)));
  await expect(page.getByTestId('event-phase-during-start')).toHaveValue(isoToTyped(addDaysIso(keyDay, 4)));
  await page.getByTestId('event-phase-after-remove').click();
  await expect(page.getByTestId('event-phase-after-add')).toBeVisible();
  await screen(page, 'plans-event-phases');
  await page.getByTestId('event-save').click();
  await expect(page.getByText(`Ngày chính: ${isoToTyped(addDaysIso(keyDay, 7))}`)).toBeVisible();
  await expect(corrected).toContainText(isoToTyped(addDaysIso(keyDay, 2)));

  // Tasks of my organisation: chosen once, remembered.
  await page.getByTestId('tasks-mine').click();
  await pick(page, 'tasks-mine-org', 'VNPT Thử Nghiệm');
  await page.getByTestId('tasks-mine-save').click();
  await expect(page.getByTestId('tasks-org')).toHaveValue('VNPT Thử Nghiệm');
  await expect(page.getByTestId('task-row').filter({ hasText: 'VNPT Thử Nghiệm' }).first()).toBeVisible();
  await screen(page, 'plans-my-organisation');
  expect(await api(page, 'plans.myOrg.get', {})).toMatchObject({ orgName: 'VNPT Thử Nghiệm' });
});

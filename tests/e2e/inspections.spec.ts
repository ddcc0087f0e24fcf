import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import JSZip from 'jszip';
import telecom from '../../resources/inspection-checklists/telecom.json' with { type: 'json' };
import { addDaysIso, isoToTyped, vnIsoDate } from '../../src/shared/dates';
import { docxToPdf, pdfText, pdfToPng } from '../helpers/docxRender';
import { api, pick, screen, setUpOffice, startHostProcess, type HostProcess } from './support';

// Issue 13 end to end: an inspection of a telecom company planned, its checklist filled with two
// failures and a photo, a finding with remediation, the record printed, a re-inspection, the
// inspection closed, and the round's report.
const PASSWORD = 'Mat-khau-an-toan-2026';
const ARTIFACTS = join(process.cwd(), 'test-results', 'e2e-artifacts');
const ORG = 'Viễn thông Thử Nghiệm';
// A PNG's signature and a text chunk: enough for the core's check of its bytes.
const PHOTO = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('tEXtComment\0tram BTS', 'latin1'),
]);

let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

async function download(page: Page, testId: string): Promise<{ name: string; data: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), data: readFileSync((await d.path())!) };
}
const xmlOf = async (docx: Buffer) =>
  (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');

test('plan → checklist with two failures and a photo → finding and remediation → record printed → re-inspection → closed → round report', async ({
  page,
}) => {
  await setUpOffice(page, host.url, {
    name: 'Sở Khoa học và Công nghệ tỉnh Thử Nghiệm',
    code: 'SKHCN',
    password: PASSWORD,
    clearance: 'none',
  });
  await api(page, 'contacts.orgs.save', { name: ORG, kind: 'telecom' });
  await api(page, 'contacts.save', { fullName: 'Trần Văn Kiểm', organizationId: null });
  const today = vnIsoDate(new Date());
  const ev = await api(page, 'plans.events.save', {
    name: 'Bầu cử thử nghiệm',
    keyDay: addDaysIso(today, 30),
  });
  await api(page, 'plans.fromTemplate', {
    eventId: ev.id,
    templateKey: 'province-ttll-election',
    force: true,
  });

  await page.getByTestId('nav-inspections').click();
  // An administrator copies a shipped checklist: a new checklist of the office, the template untouched.
  await page.getByTestId('insp-checklists').click();
  await pick(page, 'checklist-pick', `${telecom.name} · mẫu kèm theo phần mềm`);
  await expect(page.getByTestId('checklist-name')).toHaveValue(`${telecom.name} (bản sao)`);
  await page.getByTestId('checklist-save').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const lists = await api(page, 'inspections.templates', {});
  expect(lists.filter((c) => !c.shipped).map((c) => c.copiedFrom)).toEqual(['telecom@1']);

  await page.getByTestId('insp-plan').click();
  await pick(page, 'insp-org', ORG);
  await pick(page, 'insp-checklist', `${telecom.name} (${telecom.items.length})`);
  await page.getByTestId('insp-date').fill(isoToTyped(today));
  await page.getByTestId('insp-place').fill('Trụ sở doanh nghiệp');
  await page.getByTestId('insp-team').click();
  await page.getByRole('option', { name: 'Trần Văn Kiểm' }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('insp-plan-save').click();
  await expect(page.getByTestId('insp-row')).toHaveCount(1);
  await expect(page.getByTestId('insp-row')).toContainText(isoToTyped(today));

  // The company's self-inspection, received on paper: item 2 reported as passed.
  await page.getByTestId('insp-self').click();
  await pick(page, 'insp-self-org', ORG);
  await pick(page, 'insp-self-checklist', telecom.name);
  await page.getByTestId('insp-self-date').fill(isoToTyped(addDaysIso(today, -3)));
  await page.getByRole('dialog').getByRole('row').nth(1).getByText('Đạt', { exact: true }).click();
  await page.getByTestId('insp-self-save').click();
  await expect(page.getByTestId('insp-tiles')).toContainText('Đơn vị tự kiểm tra1');

  // The checklist: each result saved as it is chosen.
  await page.getByTestId('insp-row').click();
  for (const [n] of telecom.items.entries()) {
    const no = n + 1;
    const label = no === 2 || no === 5 ? 'Không đạt' : 'Đạt';
    await page.getByTestId(`insp-result-${no}`).getByText(label, { exact: true }).click();
    await expect(page.getByTestId('insp-head')).toContainText(
      no === telecom.items.length ? 'Đã kiểm tra' : 'Đang kiểm tra',
    );
  }
  // Beside the office's result, the unit's own.
  await expect(page.getByTestId('insp-item-2').locator('td').last()).toHaveText('Đạt');
  await page.getByTestId('insp-notes-2').fill('Chưa đo kiểm lưu lượng tại khu vực bỏ phiếu');
  await page.getByTestId('insp-notes-2').blur();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByTestId('insp-attach-2').click(),
  ]);
  await chooser.setFiles({ name: 'tram-bts.png', mimeType: 'image/png', buffer: PHOTO });
  await expect(page.getByTestId('insp-item-2')).toContainText('tram-bts.png');
  // The photo is listed and shown inside the app, from the encrypted store.
  await page.getByTestId('att-table').getByTestId('att-view').click();
  await expect(page.getByTestId('attachment-viewer')).toBeVisible();
  await expect(page.getByRole('dialog', { name: '2. tram-bts.png' })).toBeVisible();
  await page.getByRole('dialog', { name: '2. tram-bts.png' }).locator('.mantine-Modal-close').click();
  await expect(page.getByTestId('attachment-viewer')).toHaveCount(0);

  // A finding on item 2, its remediation made a task of the plan.
  await pick(page, 'insp-finding-item', `2. ${telecom.items[1]!.requirement.slice(0, 60)}`);
  await pick(page, 'insp-finding-severity', 'Nghiêm trọng');
  await page.getByTestId('insp-finding-description').fill('Chưa đo kiểm lưu lượng tại khu vực bỏ phiếu');
  await page.getByTestId('insp-finding-recommendation').fill('Đo kiểm và bổ sung trạm lưu động');
  await page.getByTestId('insp-finding-add').click();
  await expect(page.getByTestId('insp-finding')).toContainText('Nghiêm trọng');
  await page.getByTestId('insp-action-text').fill('Lắp trạm lưu động tại khu vực bỏ phiếu');
  await page.getByTestId('insp-action-deadline').fill(isoToTyped(addDaysIso(today, 7)));
  await page.getByTestId('insp-action-add').click();
  await expect(page.getByTestId('insp-finding')).toContainText('Đã giao nhiệm vụ');
  await screen(page, 'inspections-checklist');

  // The record, checked in its XML and rendered by LibreOffice.
  const record = await download(page, 'insp-print');
  expect(record.name).toMatch(/^bien-ban-kiem-tra-.*\.docx$/);
  const xml = await xmlOf(record.data);
  expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  for (const text of [
    'BIÊN BẢN',
    ORG,
    'Trần Văn Kiểm',
    'Không đạt',
    'Đo kiểm và bổ sung trạm lưu động',
    'ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA',
    'TRƯỞNG ĐOÀN KIỂM TRA',
  ])
    expect(xml).toContain(text);
  mkdirSync(ARTIFACTS, { recursive: true });
  const pdf = await docxToPdf(record.data, join(ARTIFACTS));
  expect(await pdfText(pdf)).toContain('BIÊN BẢN');
  expect((await pdfToPng(pdf, ARTIFACTS, 60)).length).toBeGreaterThan(0);

  // A re-inspection of the same unit, linked to the first.
  await page.getByTestId('insp-reinspect').click();
  await page.getByTestId('insp-date').fill(isoToTyped(addDaysIso(today, 8)));
  await page.getByTestId('insp-plan-save').click();
  await expect(page.getByTestId('insp-row')).toHaveCount(2);
  await expect(page.getByTestId('insp-row').nth(1)).toContainText('Kiểm tra lại');

  // Remediation done, the finding resolved: the first inspection closes.
  await page.getByTestId('insp-row').first().click();
  await page.getByTestId('insp-action-done').click();
  await expect(page.getByTestId('insp-action-done')).toBeChecked();
  await page.getByTestId('insp-resolve').click();
  await expect(page.getByTestId('insp-finding')).toContainText('Đã khắc phục');
  await page.getByTestId('insp-close').click();
  await expect(page.getByTestId('insp-head')).toContainText('Đã kết thúc');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('insp-row').first()).toContainText('Đã kết thúc');
  await expect(page.getByTestId('insp-tiles')).toContainText('Theo kế hoạch1');
  await screen(page, 'inspections-round');

  const report = await download(page, 'insp-report');
  expect(report.name).toMatch(/^bao-cao-kiem-tra-.*\.docx$/);
  const rx = await xmlOf(report.data);
  expect(rx).toContain('BÁO CÁO');
  expect(rx).toContain('Doanh nghiệp viễn thông');
  expect(rx).toContain('đã kết thúc: 1');
});

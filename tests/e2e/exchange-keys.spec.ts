import { expect, test } from '@playwright/test';
import { call, setupCore, tempDir, TEST_OFFICE } from '../helpers/core';
import { api, screen, setUpOffice, startHostProcess, type HostProcess } from './support';

// Issue 12, keys and directory: the province registers a commune from its key file and the
// fingerprint of its printed form; a mistyped fingerprint adds nothing.
const PASSWORD = 'Mat-khau-an-toan-2026';

let host: HostProcess;
test.beforeAll(async () => {
  host = await startHostProcess();
});
test.afterAll(async () => {
  await host?.stop();
});

test('province keys shown → commune added by key file and fingerprint → directory → revoke', async ({
  page,
}) => {
  // The commune's vault, in its own folder: it hands over its key file and printed fingerprint.
  const commune = await setupCore(tempDir(), {
    ...TEST_OFFICE,
    name: 'UBND xã Tân Kỳ',
    code: 'XATK',
    level: 'commune',
  });
  const keyFile = Buffer.from((await call(commune.core, 'exchange.exportKeyFile', {})).dataBase64, 'base64');
  const fingerprint = (await call(commune.core, 'exchange.ownKeys', {})).fingerprint;
  commune.core.close();

  await setUpOffice(page, host.url, {
    name: 'Sở Khoa học và Công nghệ tỉnh Thử Nghiệm',
    code: 'SKHCN',
    password: PASSWORD,
    clearance: 'none',
  });
  await api(page, 'contacts.orgs.save', { name: 'UBND xã Tân Kỳ', kind: 'commune-committee' });
  const own = await api(page, 'exchange.ownKeys', {});

  await page.getByTestId('nav-exchange').click();
  await expect(page.getByTestId('own-fingerprint')).toHaveText(own.fingerprint.replace(/ /g, ''));
  await screen(page, 'exchange-own-keys');

  await page.getByTestId('exchange-tab-directory').click();
  await expect(page.getByTestId('office-row-SKHCN')).toBeVisible();
  await page.getByTestId('directory-add').click();
  const dialog = page.getByRole('dialog');
  await dialog
    .locator('input[type=file]')
    .setInputFiles({ name: 'khoa-XATK.json', mimeType: 'application/json', buffer: keyFile });
  await expect(page.getByTestId('office-key-file-office')).toContainText('XATK — UBND xã Tân Kỳ');
  // One digit wrong: refused with the reason, nothing added.
  const wrong = fingerprint.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
  await page.getByTestId('office-fingerprint').fill(wrong);
  await page.getByTestId('office-save').click();
  await expect(dialog).toContainText('Dấu vân tay không khớp với tệp khóa');
  await page.getByTestId('office-fingerprint').fill(fingerprint);
  await page.getByTestId('office-groups').fill('xa');
  await page.getByTestId('office-groups').press('Enter');
  await page.getByTestId('office-org').fill('Tân Kỳ');
  await page.getByRole('option', { name: 'UBND xã Tân Kỳ' }).click();
  await screen(page, 'exchange-add-office');
  await page.getByTestId('office-save').click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId('office-row-XATK');
  await expect(row).toContainText('UBND xã Tân Kỳ');
  await expect(row).toContainText('Cấp xã');
  await expect(row).toContainText('xa');
  await expect(row).toContainText('Đang hiệu lực');
  await expect(row).toContainText(fingerprint.split(' ')[0]!);
  await screen(page, 'exchange-directory');

  await page.getByTestId('office-revoke-XATK').click();
  await page.getByTestId('revoke-reason').fill('Máy tính bị mất');
  await page.getByTestId('revoke-confirm').click();
  await expect(row).toContainText('Đã thu hồi');
  const list = await api(page, 'exchange.directoryList', {});
  expect(list.offices.find((o) => o.code === 'XATK')).toMatchObject({
    revokedReason: 'Máy tính bị mất',
    groups: ['xa'],
    organizationName: 'UBND xã Tân Kỳ',
  });
});

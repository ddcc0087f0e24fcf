import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, call } from '../helpers/core';
import { craftPackage, exportTo, pair } from '../helpers/exchange';
import { login, screen, startHostProcess, type HostProcess } from './support';

// Issue 12, forks: a commune holds in quarantine a second package 1 from its province; its
// administrator keeps the package applied and dismisses the other, with a reason, from the log.
let host: HostProcess | undefined;
test.afterAll(async () => {
  await host?.stop();
});

test('a quarantined fork is resolved by the administrator: keep the applied package', async ({ page }) => {
  const { province, commune } = await pair();
  await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức Thử', kind: 'telecom' });
  const p1 = (await exportTo(province, ['UBXA'])).files[0]!;
  await call(commune.core, 'exchange.packagesImport', { path: p1.path });
  const fork = await craftPackage(province, commune, { sequence: 1, prevHash: null });
  const held = await call(commune.core, 'exchange.packagesImport', { path: fork });
  expect(held.packages[0]!.result).toBe('quarantined');
  province.core.close();
  commune.core.close();

  host = await startHostProcess(commune.dataDir);
  await page.goto(host.url);
  await login(page, ADMIN_PASSWORD);
  await page.getByTestId('nav-exchange').click();
  await page.getByTestId('exchange-tab-packages').click();
  await page.getByTestId('pkg-part-log').click();
  const row = page.getByTestId('pkg-quarantine').locator('[data-resolution]');
  await expect(row).toHaveAttribute('data-resolution', 'none');
  await screen(page, 'xchg-fork-held');

  await row.getByRole('button', { name: 'Giữ gói đã áp dụng' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('gói bị cách ly bị loại bỏ');
  // No reason: refused in the dialog, nothing resolved.
  await page.getByTestId('fork-confirm').click();
  await expect(dialog).toContainText('Nhập lý do (ít nhất 3 ký tự).');
  await page.getByTestId('fork-reason').fill('Tỉnh xác nhận gói thứ hai là bản làm nhầm');
  await page.getByTestId('fork-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveAttribute('data-resolution', 'kept');
  await expect(row).toContainText('Đã giữ gói đã áp dụng (admin): Tỉnh xác nhận gói thứ hai là bản làm nhầm');
  await screen(page, 'xchg-fork-kept');
});

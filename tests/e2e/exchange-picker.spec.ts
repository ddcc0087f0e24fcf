import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ADMIN_PASSWORD, call, tempDir } from '../helpers/core';
import { pair } from '../helpers/exchange';
import { login, screen, startHostProcess, type HostProcess } from './support';

// Issue 12, sending a selection: the province picks a registry entry by searching its summary
// without accents, ticks it and sends it to one commune; a classified entry is never offered; a
// folder that does not exist is refused before anything is written.
let host: HostProcess | undefined;
test.afterAll(async () => {
  await host?.stop();
});

test('send a selection: records searched by folded title and ticked; a missing folder refused', async ({
  page,
}) => {
  const { province, commune } = await pair();
  const entry = (summary: string, symbol: string) =>
    call(province.core, 'docs.register', {
      direction: 'out',
      level: 'none',
      type: 'CV',
      symbol,
      documentDate: '2026-05-04',
      recipients: ['UBND xã'],
      summary,
    });
  await entry('Về việc bảo đảm thông tin liên lạc', '08/SKHCN-VP');
  const secret = await entry('Về việc bảo đảm liên lạc dự phòng', '09/SKHCN-VP');
  province.core.vault
    .current()
    .db.prepare("UPDATE documents SET level = 'mat' WHERE id = ?")
    .run(secret.entry.id);
  province.core.close();
  commune.core.close();

  host = await startHostProcess(province.dataDir);
  await page.goto(host.url);
  await login(page, ADMIN_PASSWORD);
  await page.getByTestId('nav-exchange').click();
  await page.getByTestId('exchange-tab-packages').click();
  await page.getByTestId('pkg-part-send').click();
  await page.getByTestId('pkg-offices').click();
  await page.getByRole('option', { name: /UBXA/ }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('pkg-what-select').click();
  await page.getByTestId('pkg-pick-search').fill('bao dam lien lac');
  const rows = page.getByTestId('pkg-pick-row');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Về việc bảo đảm thông tin liên lạc');
  await rows.getByRole('checkbox').check();
  await expect(page.getByTestId('pkg-pick-count')).toHaveText('Đã chọn 1 bản ghi');
  await screen(page, 'xchg-pick');
  const out = tempDir('ttll-e2e-pick-');
  // A folder that is not there (the stick not plugged in): refused by the core, said in Vietnamese.
  await page.getByTestId('pkg-out-dir').fill(`${out}/USB-chua-cam`);
  await page.getByTestId('pkg-send').click();
  await expect(page.getByText('Thư mục không tồn tại (đã cắm USB chưa?). Chưa ghi gì.')).toBeVisible();
  expect(readdirSync(out)).toEqual([]);
  await page.getByTestId('pkg-out-dir').fill(out);
  await expect(page.getByText('Thư mục không tồn tại')).toBeHidden();
  await page.getByTestId('pkg-send').click();
  const sent = page.getByTestId('pkg-sent-UBXA');
  await expect(sent).toContainText('SKHCN-UBXA-000001.ttllpkg');
  await expect(sent.locator('td').nth(2)).toHaveText('1');
  await expect(sent.locator('td').nth(3)).toHaveText('1');
  expect(readdirSync(out)).toEqual(['SKHCN-UBXA-000001.ttllpkg']);
});

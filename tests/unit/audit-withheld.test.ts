import { cpSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/app';
import { addUser, ADMIN_PASSWORD, call, openCore, setupCore, switchTo, tempDir } from '../helpers/core';

/** What version 1 wrote into the audit entries of its Mật entry (tests/fixtures/make-v1-vault.ts). */
const V1_AUDIT_TEXT = ['Persontokenvone', 'Authoritytokenvone', 'Reftokenvone', 'Filenametokenvone'];

async function exported(core: Core): Promise<string> {
  const file = await call(core, 'audit.export', {});
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
  const rows: string[] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push(JSON.stringify(r.values)));
  return rows.join('\n');
}

describe('audit log details about classified entries', () => {
  it('are shown only to readers cleared for the entry level; others see the entry marked withheld', async () => {
    const dir = tempDir();
    cpSync(join(process.cwd(), 'tests', 'fixtures', 'vault-v1'), dir, { recursive: true });
    const core = openCore(dir);
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    await addUser(core, 'lanhdao', 'none', 'leader');
    await addUser(core, 'lanhdaomat', 'mat', 'leader');

    const all = (await call(core, 'audit.list', { targetType: 'document', limit: 1000 })).items;
    const text = JSON.stringify(all);
    for (const w of V1_AUDIT_TEXT) expect(text, w).toContain(w);
    expect(all.every((e) => !e.withheld)).toBe(true);

    await switchTo(core, 'lanhdao');
    const seen = (await call(core, 'audit.list', { targetType: 'document', limit: 1000 })).items;
    expect(seen.map((e) => e.seq)).toEqual(all.map((e) => e.seq));
    const seenText = JSON.stringify(seen);
    for (const w of V1_AUDIT_TEXT) expect(seenText, w).not.toContain(w);
    // The entries are there, with who, what and when; only their details are withheld.
    const withheld = seen.filter((e) => e.withheld);
    expect(new Set(withheld.map((e) => e.action))).toEqual(
      new Set(['docs.register', 'docs.attach', 'docs.transfer', 'docs.returnTransfer', 'docs.recordCopies']),
    );
    for (const e of withheld) expect(e.details).toEqual({});
    // The ordinary entry's registration keeps its details.
    expect(seen.filter((e) => !e.withheld).map((e) => e.details.level)).toEqual(['none']);
    const xlsx = await exported(core);
    for (const w of V1_AUDIT_TEXT) expect(xlsx, w).not.toContain(w);
    expect(xlsx).toContain('Đã ẩn');

    // A Mật reader sees the Mật entry's details, not the Tuyệt mật one's.
    await switchTo(core, 'lanhdaomat');
    const mat = (await call(core, 'audit.list', { targetType: 'document', limit: 1000 })).items;
    for (const w of V1_AUDIT_TEXT) expect(JSON.stringify(mat), w).toContain(w);
    expect(mat.filter((e) => e.withheld).map((e) => [e.action, e.details])).toEqual([['docs.register', {}]]);
    core.close();
  });

  it('refusals about a classified entry are withheld from an uncleared reader too', async () => {
    const { core } = await setupCore();
    const { entry } = await call(core, 'docs.register', {
      direction: 'in',
      level: 'toi-mat',
      type: 'CV',
      documentDate: '2026-03-02',
    });
    await addUser(core, 'vanthu', 'mat', 'clerk');
    await addUser(core, 'lanhdao', 'mat', 'leader');
    await switchTo(core, 'vanthu');
    await call(core, 'docs.void', { id: entry.id, version: entry.version, reason: 'Nhầm' }).catch(() => null);
    await switchTo(core, 'lanhdao');
    const denied = (await call(core, 'audit.list', { action: 'docs.void' })).items;
    expect(denied).toMatchObject([{ actor: 'vanthu', outcome: 'denied', withheld: true, details: {} }]);
    // The action filter takes what is typed literally: "%" is no wildcard.
    expect((await call(core, 'audit.list', { action: '%' })).total).toBe(0);
    expect((await call(core, 'audit.list', { action: 'docs.v' })).total).toBe(1);
    await switchTo(core, 'admin', ADMIN_PASSWORD);
    const admin = (await call(core, 'audit.list', { action: 'docs.void' })).items;
    expect(admin).toMatchObject([{ withheld: false, details: { level: 'toi-mat' } }]);
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { documentLabel } from '../../src/main/core/audit/targetLabels';
import { addUser, call, failure, setupCore, switchTo } from '../helpers/core';

// The audit log names what an entry is about, never by classified text; filtered by object; exported.
describe('audit log: what an entry is about', () => {
  it('names documents by register, number and symbol, contacts and organisations by name', async () => {
    const { core } = await setupCore();
    const secret = await call(core, 'docs.register', {
      direction: 'in',
      level: 'mat',
      type: 'QĐ',
      symbol: '15/QĐ-UBND',
      documentDate: '2026-03-10',
      summary: 'Nội dung mật không được lộ qzxmatvb',
    });
    const org = await call(core, 'contacts.orgs.save', { name: 'Viễn thông Thử Nghiệm', kind: 'telecom' });
    const contact = await call(core, 'contacts.save', {
      fullName: 'Nguyễn Văn Đức',
      organizationId: org.id,
      phones: ['0912345678'],
    });
    await call(core, 'docs.get', { id: secret.entry.id });

    const page = await call(core, 'audit.list', {});
    const about = (type: string, id: string) =>
      page.items.filter((e) => e.targetType === type && e.targetId === id).map((e) => e.label);
    const year = secret.entry.year;
    expect(about('document', secret.entry.id)).toEqual([
      `Sổ mật đến ${year} số 1 — 15/QĐ-UBND`,
      `Sổ mật đến ${year} số 1 — 15/QĐ-UBND`,
    ]);
    expect(about('organization', org.id)).toEqual(['Viễn thông Thử Nghiệm']);
    expect(about('contact', contact.id)).toEqual(['Nguyễn Văn Đức']);
    expect(about('user', 'admin')[0]).toBe('Quản Trị Viên');
    expect(JSON.stringify(page.items)).not.toContain('qzxmatvb');

    // Filtered by one object: only what was done to that document.
    const one = await call(core, 'audit.list', { targetType: 'document', targetId: secret.entry.id });
    expect(one.total).toBe(2);
    expect(one.items.map((e) => e.action).sort()).toEqual(['docs.register', 'docs.view']);
    const kind = await call(core, 'audit.list', { targetType: 'contact' });
    expect(kind.items.every((e) => e.targetType === 'contact')).toBe(true);
  });

  it('words a document without a symbol, and leaves unknown targets unnamed', async () => {
    expect(documentLabel({ register: 'out', year: 2026, number: 3, symbol: '' })).toBe('Sổ đi 2026 số 3');
    expect(documentLabel({ register: 'in', year: 2026, number: 12, symbol: '15/QĐ-UBND' })).toBe(
      'Sổ đến 2026 số 12 — 15/QĐ-UBND',
    );
    const { core } = await setupCore();
    const page = await call(core, 'audit.list', {});
    const setup = page.items.find((e) => e.targetType === 'office');
    expect(setup?.label).toBeNull();
  });

  it('exports the filtered log as XLSX, audited as an export; a clerk may not', async () => {
    const { core } = await setupCore();
    const doc = await call(core, 'docs.register', {
      direction: 'in',
      type: 'CV',
      symbol: '7/SNV',
      documentDate: '2026-03-10',
    });
    const file = await call(core, 'audit.export', {
      targetType: 'document',
      actionLabels: { 'docs.register': 'Vào sổ văn bản' },
    });
    expect(file.fileName).toMatch(/^nhat-ky-\d{8}-\d{4}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Nhật ký')!;
    expect(sheet.getRow(1).getCell(6).value).toBe('Đối tượng');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(4).value).toBe('Vào sổ văn bản');
    expect(sheet.getRow(2).getCell(6).value).toBe(`Sổ đến ${doc.entry.year} số 1 — 7/SNV`);
    const exported = await call(core, 'audit.list', { action: 'audit.export' });
    expect(exported.total).toBe(1);
    expect(exported.items[0]?.details).toMatchObject({ targetType: 'document', rows: 1 });

    await addUser(core, 'vanthu', 'none', 'clerk');
    await switchTo(core, 'vanthu');
    expect((await failure(core, 'audit.export', {})).code).toBe('FORBIDDEN');
  });
});

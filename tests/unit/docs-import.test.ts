import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/app';
import type { InputOf } from '../../src/shared/contract';
import { vnYear } from '../../src/shared/dates';
import { ADMIN_PASSWORD, call, failure, setupCore, signInAs } from '../helpers/core';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** An incoming book as offices keep it: a title line above the header, Vietnamese headers. */
const BOOK_IN = [
  'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM 2024',
  'Số đến,Ngày đến,Tác giả,"Số, ký hiệu",Ngày văn bản,Loại,Trích yếu,Độ mật,Độ khẩn,Đơn vị/người nhận,Hạn xử lý,Ghi chú',
  '1,02/01/2024,UBND tỉnh,01/UBND-VP,2024-01-01,Công văn,Về việc trực Tết,,Khẩn,Phòng TTLL,10/01/2024,',
  '7,15/03/2024,Bộ TT&TT,15/QĐ-BTTTT,14/03/2024,QĐ,Quyết định về tần số,,,,,bản sao',
  '8,2024-13-01,Sở Nội vụ,,,,Sai ngày,,,,,',
  ',16/03/2024,Sở Nội vụ,,,,Thiếu số,,,,,',
  '7,20/03/2024,Sở Tài chính,,,,Trùng số,,,,,',
  '9,21/03/2024,Công an tỉnh,,,,Văn bản mật,Mật,,,,',
  '3,05/01/2025,UBND tỉnh,,,Loại lạ,Năm sau,,,,,',
].join('\n');

async function preview(core: Core, register: InputOf<'docs.importPreview'>['register'], csv: string) {
  return call(core, 'docs.importPreview', { register, fileName: 'so-den.csv', dataBase64: b64(csv) });
}

const entry = (over: Partial<InputOf<'docs.register'>> = {}): InputOf<'docs.register'> => ({
  direction: 'in',
  type: 'CV',
  documentDate: '2026-03-02',
  ...over,
});

describe('legacy register import', () => {
  it('marks old entries processed by default, so past deadlines do not fill the overdue list', async () => {
    const { core } = await setupCore();
    const first = await preview(core, 'in', BOOK_IN);
    await call(core, 'docs.importCommit', { previewId: first.previewId });
    expect((await call(core, 'docs.list', { overdue: true })).total).toBe(0);
    const entry1 = (await call(core, 'docs.list', { query: 'truc tet' })).items[0];
    expect(entry1).toMatchObject({ processing: 'done', deadline: '2024-01-10' });

    const { core: other } = await setupCore();
    const kept = await preview(other, 'in', BOOK_IN);
    await call(other, 'docs.importCommit', { previewId: kept.previewId, markProcessed: false });
    const overdue = await call(other, 'docs.list', { overdue: true });
    expect(overdue.items.map((e) => e.summary)).toEqual(['Về việc trực Tết']);
    // Only a handling other than the default (pending, no holder) is written: the processed
    // entries have theirs, the pending ones none, and are listed as pending all the same.
    const handlingRows = (c: Core) =>
      c.vault.current().db.prepare('SELECT count(*) AS n FROM document_handling').get();
    expect(handlingRows(core)).toEqual({ n: first.counts.valid });
    expect(handlingRows(other)).toEqual({ n: 0 });
    expect((await call(other, 'docs.list', { processing: 'pending' })).total).toBe(kept.counts.valid);
  });

  it('previews a CSV book with line numbers and reasons, and imports it keeping its numbers', async () => {
    const { core } = await setupCore();
    const p = await preview(core, 'in', BOOK_IN);
    expect(p.counts).toEqual({ valid: 3, invalid: 4 });
    const bad = p.rows.filter((r) => r.status === 'invalid').map((r) => [r.line, r.reason, r.detail]);
    expect(bad).toEqual([
      [5, 'bad-date', '2024-13-01'],
      [6, 'missing-number', ''],
      [7, 'duplicate-in-file', '2024/7 (line 4)'],
      [8, 'level-mismatch', 'Mật'],
    ]);
    expect(p.rows.find((r) => r.line === 5)?.message).toMatch(/dd\/mm\/yyyy or yyyy-mm-dd/);
    expect(p.rows.find((r) => r.line === 9)).toMatchObject({ status: 'valid', type: 'other', year: 2025 });
    expect(p.rows.find((r) => r.line === 4)).toMatchObject({
      type: 'QĐ',
      number: 7,
      registeredOn: '2024-03-15',
    });

    const c = await call(core, 'docs.importCommit', { previewId: p.previewId });
    expect(c.imported).toBe(3);
    expect(c.counters).toEqual([
      { year: 2024, lastNumber: 7 },
      { year: 2025, lastNumber: 3 },
    ]);
    const list = await call(core, 'docs.list', { query: 'tan so' });
    expect(list.items[0]).toMatchObject({
      register: 'in',
      year: 2024,
      number: 7,
      symbol: '15/QĐ-BTTTT',
      documentDate: '2024-03-14',
      sender: 'Bộ TT&TT',
      notes: 'bản sao',
    });
    const tet = (await call(core, 'docs.list', { query: 'truc tet' })).items[0];
    expect(tet).toMatchObject({ urgency: 'khan', handler: 'Phòng TTLL', deadline: '2024-01-10', number: 1 });

    const audit = await call(core, 'audit.list', { action: 'docs.import' });
    expect(audit.items.find((a) => a.action === 'docs.import')?.details).toMatchObject({
      register: 'in',
      imported: 3,
      invalid: 4,
    });
    // The same preview cannot be committed twice.
    expect((await failure(core, 'docs.importCommit', { previewId: p.previewId })).code).toBe('NOT_FOUND');
  });

  it('raises the counter so new registrations continue after the highest imported number', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const year = vnYear(new Date());
    await call(core, 'docs.register', entry()); // counter of this year at 1
    const p = await preview(
      core,
      'in',
      `Số,Ngày đến,Trích yếu\n41,02/01/${year},Sổ cũ\n40,03/01/${year},Sổ cũ\n`,
    );
    expect(p.counts).toEqual({ valid: 2, invalid: 0 });
    await call(core, 'docs.importCommit', { previewId: p.previewId });
    const next = await call(core, 'docs.register', entry());
    expect(next.entry).toMatchObject({ register: 'in', year, number: 42 });
    // An import below the counter never lowers it.
    const low = await preview(core, 'in', `Số,Ngày đến\n5,04/01/${year}\n`);
    await call(core, 'docs.importCommit', { previewId: low.previewId });
    expect((await call(core, 'docs.register', entry())).entry.number).toBe(43);
    const counter = db.prepare('SELECT last_number FROM document_counters WHERE register = ? AND year = ?');
    expect(counter.get('in', year)).toEqual({ last_number: 43 });
  });

  it('reads an XLSX book with date cells and headers without diacritics', async () => {
    const { core } = await setupCore();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('So di mat');
    ws.addRow(['SO VAN BAN DI MAT']);
    ws.addRow(['SO DI', 'NGAY DI', 'so, ky hieu', 'loai', 'trich yeu', 'do mat', 'noi nhan', 'nguoi ky']);
    ws.addRow([
      12,
      new Date(Date.UTC(2023, 10, 20)),
      '12/KH-SKHCN',
      'Kế hoạch',
      'Kế hoạch bảo vệ',
      'Mật',
      'Sở A; Sở B',
      'Nguyễn Văn A',
    ]);
    ws.addRow([13, '21/11/2023', '13/BC-SKHCN', 'BC', 'Báo cáo tuyệt mật', 'Tuyệt mật', 'Sở A', '']);
    ws.addRow([14, '22/11/2023', '14/BC-SKHCN', 'BC', '', 'Tuyệt mật', 'Sở A', '']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const p = await call(core, 'docs.importPreview', {
      register: 'secret-out',
      fileName: 'so-di-mat.xlsx',
      dataBase64: data.toString('base64'),
    });
    expect(p.rows.map((r) => [r.line, r.status, r.reason])).toEqual([
      [3, 'valid', null],
      [4, 'invalid', 'summary-needs-consent'],
      [5, 'valid', null],
    ]);
    expect(p.rows[1]?.message).toMatch(/sender consent/);
    expect(p.rows[0]).toMatchObject({ registeredOn: '2023-11-20', level: 'mat', type: 'KH' });
    const c = await call(core, 'docs.importCommit', { previewId: p.previewId });
    expect(c).toEqual({ imported: 2, counters: [{ year: 2023, lastNumber: 14 }] });
    const items = (await call(core, 'docs.list', { year: 2023 })).items;
    expect(items.find((d) => d.number === 12)).toMatchObject({
      register: 'secret-out',
      direction: 'out',
      recipients: ['Sở A', 'Sở B'],
      signer: 'Nguyễn Văn A',
    });
  });

  it('refuses numbers already in the register, and secret rows in an ordinary register', async () => {
    const { core } = await setupCore();
    const year = vnYear(new Date());
    await call(core, 'docs.register', entry()); // in, this year, no. 1
    const p = await preview(core, 'in', `Số,Ngày đến,Độ mật\n1,02/01/${year},\n2,02/01/${year},Tối mật\n`);
    expect(p.rows.map((r) => [r.line, r.reason, r.detail])).toEqual([
      [2, 'number-taken', `${year}/1`],
      [3, 'level-mismatch', 'Tối mật'],
    ]);
    // An ordinary row cannot go to a secret register either.
    const s = await preview(core, 'secret-in', `Số,Ngày đến,Độ mật\n1,02/01/${year},\n`);
    expect(s.rows[0]?.reason).toBe('level-mismatch');
    const c = await call(core, 'docs.importCommit', { previewId: p.previewId });
    expect(c.imported).toBe(0);
  });

  it('enforces role and clearance per register', async () => {
    const { core } = await setupCore();
    const csv = 'Số,Ngày đến,Độ mật\n1,02/01/2024,Mật\n2,03/01/2024,Tuyệt mật\n';
    await signInAs(core, 'dieuphoi', 'mat', 'coordinator');
    expect(
      (
        await failure(core, 'docs.importPreview', {
          register: 'secret-in',
          fileName: 'a.csv',
          dataBase64: b64(csv),
        })
      ).code,
    ).toBe('FORBIDDEN');
    expect((await preview(core, 'in', 'Số,Ngày đến\n1,02/01/2024\n')).counts.valid).toBe(1);
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    await signInAs(core, 'vanthu', 'none', 'clerk');
    expect(
      (
        await failure(core, 'docs.importPreview', {
          register: 'secret-in',
          fileName: 'a.csv',
          dataBase64: b64(csv),
        })
      ).code,
    ).toBe('FORBIDDEN');
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    await signInAs(core, 'vanthumat', 'mat', 'clerk');
    const p = await preview(core, 'secret-in', csv);
    expect(p.rows.map((r) => r.reason)).toEqual([null, 'above-clearance']);
  });

  it('rolls the whole commit back when a number is taken between preview and commit', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const year = vnYear(new Date());
    const p = await preview(core, 'in', `Số,Ngày đến,Trích yếu\n5,02/01/${year},Năm\n1,02/01/${year},Một\n`);
    expect(p.counts.valid).toBe(2);
    await call(core, 'docs.register', entry()); // takes no. 1, which line 3 of the file holds
    const e = await failure(core, 'docs.importCommit', { previewId: p.previewId });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/line 3/);
    const numbers = db.prepare('SELECT number FROM documents ORDER BY number').all();
    expect(numbers).toEqual([{ number: 1 }]); // no. 5, inserted first, was rolled back
    expect(db.prepare("SELECT last_number FROM document_counters WHERE register = 'in'").get()).toEqual({
      last_number: 1,
    });
    const audit = await call(core, 'audit.list', {});
    expect(audit.items.some((a) => a.action === 'docs.import')).toBe(false);
  });

  it('refuses a file without number or date column', async () => {
    const { core } = await setupCore();
    const e = await failure(core, 'docs.importPreview', {
      register: 'in',
      fileName: 'x.csv',
      dataBase64: b64('Trích yếu,Ghi chú\nA,B\n'),
    });
    expect(e.code).toBe('IMPORT_INVALID');
    expect(e.message).toMatch(/number column/);
  });
});

describe('legacy register import: unusual rows', () => {
  it('refuses a year after the current one and numbers far beyond the counter, unless confirmed', async () => {
    const { core } = await setupCore();
    const year = vnYear(new Date());
    // The counter of this year is at 3 after three registrations.
    for (let i = 0; i < 3; i++) await call(core, 'docs.register', entry());
    const csv = [
      'Số,Ngày đến,Trích yếu',
      `4,02/01/${year},Tiếp theo`,
      `900,03/01/${year},Cách xa nhưng trong ngưỡng`,
      `1901,04/01/${year},Gõ nhầm số`,
      `1902,05/01/${year},Sau số gõ nhầm`,
      `1,02/01/${year + 1},Năm sau`,
      `2500,02/01/2019,Sổ cũ không có bộ đếm`,
    ].join('\n');
    const p = await preview(core, 'in', csv);
    expect(p.rows.map((r) => [r.line, r.status, r.reason, r.detail])).toEqual([
      [2, 'valid', null, ''],
      [3, 'valid', null, ''],
      [4, 'invalid', 'number-far-ahead', `1901 (${year}: counter 3)`],
      [5, 'invalid', 'number-far-ahead', `1902 (${year}: counter 3)`],
      [6, 'invalid', 'future-year', String(year + 1)],
      [7, 'invalid', 'number-far-ahead', '2500 (2019: counter 0)'],
    ]);
    expect(p.rows.find((r) => r.line === 6)?.message).toMatch(/after the current year/);

    const confirmed = await call(core, 'docs.importPreview', {
      register: 'in',
      fileName: 'so-den.csv',
      dataBase64: b64(csv),
      allowUnusual: true,
    });
    expect(confirmed.counts).toEqual({ valid: 6, invalid: 0 });
    const c = await call(core, 'docs.importCommit', { previewId: confirmed.previewId });
    expect(c.counters).toContainEqual({ year, lastNumber: 1902 });
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/main/core/import/table';
import { windows1258 } from '../helpers/cp1258';
import { call, failure, setupCore } from '../helpers/core';

const CSV =
  'Họ và tên,Chức vụ,Cơ quan,Số điện thoại\r\nNguyễn Văn Đức,Phó Giám đốc,Viễn thông Nghệ An,0912345678\r\n';
const b64 = (b: Buffer) => b.toString('base64');

describe('CSV files as Excel saves them on Vietnamese Windows', () => {
  it('detects and reads Windows-1258, UTF-16 (with or without BOM) and UTF-8', () => {
    expect(decodeText(windows1258(CSV))).toEqual({ text: CSV, encoding: 'Windows-1258' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV.replace(/,/g, '\t'), 'utf16le')]);
    expect(decodeText(utf16)).toEqual({ text: CSV.replace(/,/g, '\t'), encoding: 'UTF-16LE' });
    expect(decodeText(Buffer.from(CSV, 'utf16le')).encoding).toBe('UTF-16LE');
    expect(decodeText(Buffer.from('\uFEFF' + CSV, 'utf8'))).toEqual({ text: CSV, encoding: 'UTF-8' });
  });

  it('imports them with the encoding shown in the preview', async () => {
    const { core } = await setupCore();
    const ansi = await call(core, 'contacts.importPreview', {
      fileName: 'danh-ba.csv',
      dataBase64: b64(windows1258(CSV)),
    });
    expect(ansi.encoding).toBe('Windows-1258');
    expect(ansi.rows[0]).toMatchObject({
      status: 'valid',
      fullName: 'Nguyễn Văn Đức',
      organization: 'Viễn thông Nghệ An',
    });
    // Excel's "Unicode text": UTF-16LE, tab-separated.
    const unicode = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(CSV.replace(/,/g, '\t'), 'utf16le'),
    ]);
    const u = await call(core, 'contacts.importPreview', {
      fileName: 'danh-ba.csv',
      dataBase64: b64(unicode),
    });
    expect(u.encoding).toBe('UTF-16LE');
    expect(u.rows[0]?.fullName).toBe('Nguyễn Văn Đức');
    const docs = await call(core, 'docs.importPreview', {
      register: 'in',
      fileName: 'so-den.csv',
      dataBase64: b64(
        windows1258('Số đến,Ngày đến,Tác giả,Trích yếu\r\n7,05/01/2026,Sở Nội vụ,Về việc trực Tết\r\n'),
      ),
    });
    expect(docs.encoding).toBe('Windows-1258');
    expect(docs.rows[0]).toMatchObject({ status: 'valid', sender: 'Sở Nội vụ', summary: 'Về việc trực Tết' });
  });

  it('words a refused file in Vietnamese too', async () => {
    const { core } = await setupCore();
    const xls = await failure(core, 'contacts.importPreview', {
      fileName: 'cu.xls',
      dataBase64: b64(Buffer.from('x')),
    });
    expect(xls.code).toBe('IMPORT_INVALID');
    expect(xls.message).toMatch(/xls files are not supported/);
    expect(xls.issues?.[0]).toMatchObject({ code: 'import-file' });
    expect(xls.issues?.[0]?.message).toMatch(/^Không đọc được tệp Excel cũ \(\.xls\)/);
    const noHeader = await failure(core, 'docs.importPreview', {
      register: 'in',
      fileName: 'so.csv',
      dataBase64: b64(Buffer.from('a,b\r\n1,2\r\n')),
    });
    expect(noHeader.issues?.[0]?.message).toMatch(/^Dòng tiêu đề cần một cột số/);
  });
});

describe('import templates', () => {
  it('give each import an XLSX with the headers it reads, which imports back once filled', async () => {
    const { core } = await setupCore();
    const file = await call(core, 'contacts.importTemplate', {});
    expect(file.fileName).toBe('mau-nhap-danh-ba.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Danh bạ', 'Hướng dẫn']);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Họ và tên');
    expect(sheet.rowCount).toBe(1); // no example row that would be imported by mistake
    sheet.addRow(['Trần Thị Mai', 'Văn thư', 'Sở Nội vụ', '0987 654 321']);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await call(core, 'contacts.importPreview', {
      fileName: 'mau.xlsx',
      dataBase64: b64(filled),
    });
    expect(preview.encoding).toBeNull();
    expect(preview.rows).toMatchObject([
      { status: 'valid', fullName: 'Trần Thị Mai', phones: ['0987654321'] },
    ]);

    for (const register of ['in', 'out', 'secret-in'] as const) {
      const t = await call(core, 'docs.importTemplate', { register });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(t.dataBase64, 'base64') as unknown as ArrayBuffer);
      const s = book.worksheets[0]!;
      s.addRow([
        '3',
        '05/01/2026',
        'Sở Nội vụ',
        '2/SNV',
        '04/01/2026',
        'Công văn',
        'Về việc thử',
        register === 'secret-in' ? 'Mật' : '',
      ]);
      const p = await call(core, 'docs.importPreview', {
        register,
        fileName: 'mau.xlsx',
        dataBase64: b64(Buffer.from(await book.xlsx.writeBuffer())),
      });
      expect(
        p.rows.map((r) => [r.status, r.reason]),
        register,
      ).toEqual([['valid', null]]);
    }
  });
});

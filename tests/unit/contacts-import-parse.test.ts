import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  exportContactsCsv,
  exportContactsXlsx,
  type ExportRow,
} from '../../src/main/core/contacts/exportTable';
import {
  MAX_IMPORT_ROWS,
  parseImportFile,
  readTable,
  validateRows,
  type ParsedRow,
} from '../../src/main/core/contacts/importParse';
import { ImportRow } from '../../src/shared/contract';

const BOM = '\uFEFF';
const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** The fields a row carries, without the bookkeeping, for compact assertions. */
function brief(r: ParsedRow) {
  return {
    line: r.line,
    status: r.status,
    reason: r.reason,
    fullName: r.fullName,
    phones: r.phones,
    roles: r.roles,
  };
}

async function xlsxBuffer(
  rows: ExcelJS.CellValue[][],
  build?: (ws: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  build?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readTable: CSV', () => {
  it('reads comma CSV with BOM, Vietnamese headers, quoted newline and doubled quotes', async () => {
    const csv =
      BOM +
      'Họ và tên,Chức vụ,Cơ quan,Số điện thoại,Email,Vai trò,Ghi chú\r\n' +
      'Trần Thị Mẫu,Chuyên viên,"Sở Mẫu, tỉnh A",0912 000 222,mau@example.vn,Đầu mối,"Dòng một\r\nDòng ""hai"""\r\n' +
      'Lê Văn Thử,,Đơn vị B,"0912 000 333; 0238 3000 444",,"Lãnh đạo, Trực",\r\n';
    const table = await readTable('danh-ba.csv', utf8(csv));
    expect(table.headers).toEqual([
      'Họ và tên',
      'Chức vụ',
      'Cơ quan',
      'Số điện thoại',
      'Email',
      'Vai trò',
      'Ghi chú',
    ]);
    expect(table.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(table.rows[0]?.cells[2]).toBe('Sở Mẫu, tỉnh A');
    expect(table.rows[0]?.cells[6]).toBe('Dòng một\nDòng "hai"');

    const rows = validateRows(table);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      line: 2,
      status: 'valid',
      reason: null,
      fullName: 'Trần Thị Mẫu',
      position: 'Chuyên viên',
      organization: 'Sở Mẫu, tỉnh A',
      phones: ['0912000222'],
      email: 'mau@example.vn',
      roles: ['focal-point'],
      notes: 'Dòng một\nDòng "hai"',
    });
    expect(rows[1]).toMatchObject({
      line: 4,
      status: 'valid',
      phones: ['0912000333', '02383000444'],
      roles: ['leader', 'duty-officer'],
    });
    // The rows fit the contract the lead sends to the renderer.
    for (const r of rows) expect(ImportRow.safeParse(r).success).toBe(true);
  });

  it('reads semicolon CSV without BOM, English headers, blank lines keep line numbers', async () => {
    const csv =
      'Full name;Position;Organisation;Phone number;E-mail;Role;Notes\n' +
      '\n' +
      'Phạm Văn Ví Dụ;Trưởng phòng;Phòng Mẫu;+84 912 000 555;;focal point; duty officer;\n' +
      ';;;;;;\n' +
      '   \n' +
      'Đỗ Thị Giả;;;0912.000.666;;Technical;"a;b"\n';
    const rows = await parseImportFile('contacts.CSV', utf8(csv));
    expect(rows.map(brief)).toEqual([
      {
        line: 3,
        status: 'valid',
        reason: null,
        fullName: 'Phạm Văn Ví Dụ',
        phones: ['0912000555'],
        roles: ['focal-point'],
      },
      {
        line: 6,
        status: 'valid',
        reason: null,
        fullName: 'Đỗ Thị Giả',
        phones: ['0912000666'],
        roles: ['technical'],
      },
    ]);
    expect(rows[1]?.notes).toBe('a;b');
  });

  it('reads a semicolon cell of roles when quoted, and Vietnamese role spellings without diacritics', async () => {
    const csv = 'Ho ten;SDT;Vai tro\nNgô Văn Mẫu;0912000777;"dau moi; can bo truc; KY THUAT"\n';
    const rows = await parseImportFile('x.csv', utf8(csv));
    expect(rows[0]?.roles).toEqual(['focal-point', 'duty-officer', 'technical']);
  });

  it('reads UTF-16LE with BOM, tab-delimited (Excel "Unicode text")', async () => {
    const text = '\uFEFFHọ tên\tĐiện thoại\tCơ quan/đơn vị\r\nVũ Thị Thử\t0912000888\tBan Mẫu\r\n';
    const rows = await parseImportFile('unicode.csv', Buffer.from(text, 'utf16le'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      line: 2,
      fullName: 'Vũ Thị Thử',
      phones: ['0912000888'],
      organization: 'Ban Mẫu',
    });
  });

  it('skips title lines above the header, honours "sep=", ignores unknown columns', async () => {
    const csv =
      'sep=;\n' +
      'DANH BẠ ĐẦU MỐI MẪU;;;\n' +
      ';;;\n' +
      'STT;Họ và tên;SĐT;Đơn vị\n' +
      '1;Hoàng Văn Mẫu;0912000999;Xã Mẫu\n' +
      '2;;;\n';
    const table = await readTable('t.csv', utf8(csv));
    expect(table.headers).toEqual(['STT', 'Họ và tên', 'SĐT', 'Đơn vị']);
    const rows = validateRows(table);
    // Line 6 holds only the STT number: no contact, skipped.
    expect(rows.map((r) => [r.line, r.fullName, r.organization])).toEqual([[5, 'Hoàng Văn Mẫu', 'Xã Mẫu']]);
  });

  it('restores the leading 0 of a number Excel stripped before saving the CSV', async () => {
    const rows = await parseImportFile(
      'x.csv',
      utf8('name,phone\nTrần Thị Mẫu,912000222\nLê Mẫu,2383000444\n'),
    );
    expect(rows.map((r) => r.phones)).toEqual([['0912000222'], ['02383000444']]);
  });
});

describe('readTable: XLSX', () => {
  it('reads the first sheet: number phone, rich text, formula result, date, merged cells, line = row', async () => {
    const data = await xlsxBuffer(
      [
        ['Danh sách đầu mối (mẫu)'],
        [],
        [
          'STT',
          'Họ tên',
          'Chức danh',
          'Cơ quan/đơn vị',
          'Số điện thoại (di động)',
          'Email',
          'Vai trò',
          'Ghi chú',
        ],
        [
          1,
          { richText: [{ text: 'Trần ', font: { bold: true } }, { text: 'Thị Mẫu' }] },
          'Chuyên viên',
          'Sở Mẫu',
          912000222,
          { text: 'mau@example.vn', hyperlink: 'mailto:mau@example.vn' },
          'Đầu mối',
          new Date(Date.UTC(2025, 2, 5)),
        ],
        [
          2,
          'Lê Văn Thử',
          'Phó phòng',
          null,
          { formula: '"0912 000 333"', result: '0912 000 333' },
          '',
          'Lãnh đạo',
          12.5,
        ],
        [3, 'Đinh Văn Số', '', 'Ban Mẫu', 2383000444, '', '', ''],
      ],
      (ws) => ws.mergeCells('D4:D5'), // one organisation spanning two people, as offices often lay it out
    );
    const table = await readTable('danh-ba.xlsx', data);
    expect(table.headers[1]).toBe('Họ tên');
    expect(table.rows.map((r) => r.line)).toEqual([4, 5, 6]);
    const rows = validateRows(table);
    expect(rows.map((r) => r.status)).toEqual(['valid', 'valid', 'valid']);
    expect(rows[0]).toMatchObject({
      line: 4,
      fullName: 'Trần Thị Mẫu',
      position: 'Chuyên viên',
      organization: 'Sở Mẫu',
      phones: ['0912000222'],
      email: 'mau@example.vn',
      roles: ['focal-point'],
      notes: '05/03/2025',
    });
    expect(rows[1]).toMatchObject({ line: 5, organization: 'Sở Mẫu', phones: ['0912000333'], notes: '12.5' });
    expect(rows[2]).toMatchObject({ line: 6, phones: ['02383000444'] });
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(readTable('x.xlsx', utf8('name\nA\n'))).rejects.toThrow(
      /could not be read as an Excel workbook/,
    );
  });
});

describe('validateRows: problems', () => {
  it('reports one bad row of each reason with its line, and the later in-file duplicate', async () => {
    const long = 'Â'.repeat(201);
    const csv =
      'Họ và tên,Số điện thoại,Email,Vai trò,Ghi chú\n' + // 1
      'Trần Thị Mẫu,0912 000 222,,,\n' + // 2 valid
      ',0912 000 223,,,\n' + // 3 missing-name
      'Lê Văn Thử,"0912 000 224, 0123",,,\n' + // 4 bad-phone
      'Phạm Thị Giả,,not-an-email,,\n' + // 5 bad-email
      'Ngô Văn Mẫu,,,"Đầu mối, Bảo vệ",\n' + // 6 unknown-role
      `${long},,,,\n` + // 7 too-long
      'Đỗ Văn Lặp,0912000222,,,\n' + // 8 duplicate of line 2
      'Vũ Thị Ví Dụ,,,,' +
      'x'.repeat(2001) +
      '\n'; // 9 too-long (notes)
    const rows = await parseImportFile('bad.csv', utf8(csv));
    expect(rows.map((r) => [r.line, r.status, r.reason, r.detail])).toEqual([
      [2, 'valid', null, ''],
      [3, 'invalid', 'missing-name', ''],
      [4, 'invalid', 'bad-phone', '0123'],
      [5, 'invalid', 'bad-email', 'not-an-email'],
      [6, 'invalid', 'unknown-role', 'Bảo vệ'],
      [7, 'invalid', 'too-long', 'Họ và tên (201 > 200)'],
      [8, 'duplicate', 'duplicate-in-file', '0912 000 222'],
      [9, 'invalid', 'too-long', 'Ghi chú (2001 > 2000)'],
    ]);
    expect(rows[6]?.duplicateOfLine).toBe(2);
    expect(rows[2]?.phones).toEqual(['0912000224']);
    expect(rows[4]?.roles).toEqual(['focal-point']);
  });

  it('does not count an invalid row as the first holder of a number', async () => {
    const csv = 'name,phone,email\nA Mẫu,0912000222,bad\nB Mẫu,0912000222,\n';
    const rows = await parseImportFile('x.csv', utf8(csv));
    expect(rows.map((r) => r.status)).toEqual(['invalid', 'valid']);
  });
});

describe('readTable / validateRows: refusals', () => {
  it('refuses an unknown extension, an old .xls and a missing name column', async () => {
    await expect(readTable('danh-ba.ods', utf8('x'))).rejects.toThrow(/Unsupported file type ".ods"/);
    await expect(readTable('danh-ba', utf8('x'))).rejects.toThrow(/Unsupported file type/);
    await expect(readTable('danh-ba.xls', utf8('x'))).rejects.toThrow(/\.xls files are not supported/);
    await expect(parseImportFile('x.csv', utf8('Chức vụ,Số điện thoại\nA,0912000222\n'))).rejects.toThrow(
      /No name column.*Họ và tên.*name/,
    );
  });

  it('reads Windows-1258 text; refuses an unclosed quote and more than the row cap', async () => {
    const cp1258 = Buffer.from([0x48, 0x6f, 0xf2, 0x20, 0x74, 0xea, 0x6e, 0x0a]); // "Họ tên", tone mark combining
    const ansi = await readTable('x.csv', cp1258);
    expect(ansi.encoding).toBe('Windows-1258');
    expect(ansi.headers).toEqual(['Họ tên']);
    await expect(readTable('x.csv', utf8('name,notes\nA,"open\nB,c\n'))).rejects.toThrow(
      /line 2: a quoted field/,
    );
    const many = 'name\n' + 'Mẫu\n'.repeat(MAX_IMPORT_ROWS + 1);
    await expect(readTable('x.csv', utf8(many))).rejects.toThrow(/more than 20000 data rows/);
    const exact = 'name\n' + 'Mẫu\n'.repeat(MAX_IMPORT_ROWS);
    expect((await readTable('x.csv', utf8(exact))).rows).toHaveLength(MAX_IMPORT_ROWS);
  });
});

describe('export → import round trip', () => {
  const exported: ExportRow[] = [
    {
      fullName: 'Trần Thị Mẫu',
      position: 'Chuyên viên',
      organization: 'Sở Mẫu, tỉnh A',
      organizationKindLabel: 'Cơ quan cấp tỉnh',
      area: 'Huyện Mẫu',
      phones: ['0912000222', '02383000444'],
      email: 'mau@example.vn',
      roles: ['focal-point', 'duty-officer', 'leader', 'technical'],
      notes: '- trực 24/7\nGọi "số 2" sau 17h',
    },
    {
      fullName: 'Lê Văn Thử',
      position: '',
      organization: '',
      organizationKindLabel: '',
      area: '',
      phones: [],
      email: '',
      roles: [],
      notes: '=1+1',
    },
  ];
  const expected = exported.map((r) => ({
    fullName: r.fullName,
    position: r.position,
    organization: r.organization,
    phones: r.phones,
    email: r.email,
    roles: r.roles,
    notes: r.notes,
    status: 'valid',
  }));

  it('CSV: BOM, CRLF, quoting, and the same rows back', async () => {
    const csv = exportContactsCsv(exported);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFHọ và tên,Chức vụ,Cơ quan,Loại cơ quan,Địa bàn,Số điện thoại,Email,Vai trò,Ghi chú',
    );
    expect(text).toContain(',"0912 000 222; 0238 3000 444",');
    expect(text).toContain(",'=1+1\r\n");
    const rows = await parseImportFile('export.csv', csv);
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(rows).toMatchObject(expected);
  });

  it('XLSX: sheet "Danh bạ", bold frozen header, text phones, Vietnamese roles, and the same rows back', async () => {
    const data = await exportContactsXlsx(exported);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const ws = wb.getWorksheet('Danh bạ');
    expect(ws).toBeDefined();
    expect(ws?.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws?.getRow(2).getCell(6).value).toBe('0912 000 222; 0238 3000 444');
    expect(ws?.getRow(2).getCell(8).value).toBe('Đầu mối, Cán bộ trực, Lãnh đạo, Kỹ thuật');
    expect(ws?.getColumn(1).width).toBeGreaterThan(10);

    const rows = await parseImportFile('export.xlsx', data);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(rows).toMatchObject(expected);
  });
});

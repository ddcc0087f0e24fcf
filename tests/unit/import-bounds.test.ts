/**
 * The import's table reader refuses, before exceljs or the CSV parser builds anything large, a
 * file whose content would not fit the bounds: a sheet reaching column XFD, a zip bomb (honest or
 * lying about its size), ranges exceljs expands cell by cell. Each refusal is one English line
 * naming the limit, arrives quickly, and costs far less than 200 MB.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/core/errors';
import { readTable, type TableSpec } from '../../src/main/core/import/table';

const MB = 1024 * 1024;
const spec: TableSpec = { isHeader: (cells) => cells.some((c) => c.trim().toLowerCase() === 'name') };

/** How long `run` took and how much memory it cost: RSS after minus before, and the peak RSS over the start. */
async function measured<T>(
  run: () => Promise<T>,
): Promise<{ result: T | Error; ms: number; rss: number; peak: number }> {
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  let result: T | Error;
  try {
    result = await run();
  } catch (e) {
    result = e as Error;
  }
  const ms = performance.now() - t0;
  return {
    result,
    ms,
    rss: process.memoryUsage().rss - before,
    // maxRSS is the process's peak so far (KiB): an over-estimate of this call's peak, never an under-estimate.
    peak: process.resourceUsage().maxRSS * 1024 - before,
  };
}

/** Expects `run` to be refused as VALIDATION with one line matching `message`, quickly and cheaply. */
async function expectRefused(run: () => Promise<unknown>, message: RegExp, maxMs = 2000): Promise<string> {
  const m = await measured(run);
  expect(m.result).toBeInstanceOf(AppError);
  const err = m.result as AppError;
  expect(err.code).toBe('VALIDATION');
  expect(err.message).toMatch(message);
  expect(err.message).not.toMatch(/[\r\n]/);
  expect(m.ms).toBeLessThan(maxMs);
  expect(m.rss).toBeLessThan(200 * MB);
  expect(m.peak).toBeLessThan(200 * MB);
  return err.message;
}

// --- Building workbooks by hand

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function sheetXml(sheetData: string, opts: { before?: string; after?: string } = {}): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN_NS}">` +
    `${opts.before ?? ''}<sheetData>${sheetData}</sheetData>${opts.after ?? ''}</worksheet>`
  );
}

/** A minimal workbook of one sheet, as Excel lays out its parts, compressed by jszip. */
async function xlsxOf(sheet: string, workbookExtra = ''): Promise<Buffer> {
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const pkg = 'http://schemas.openxmlformats.org/package/2006';
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${pkg}/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${pkg}/relationships">` +
      `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${rel}">` +
      `<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>${workbookExtra}</workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${pkg}/relationships">` +
      `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  zip.file('xl/worksheets/sheet1.xml', sheet);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const headerRow = `<row r="1">${cell('A1', 'name')}</row>`;

interface RawEntry {
  name: string;
  /** Stored (0) or deflated (8) bytes, as they go in the archive. */
  method: 0 | 8;
  data: Buffer;
  /** The uncompressed size the headers declare (which a forged file may get wrong). */
  size: number;
  crc?: number;
}

/** A ZIP archive written byte by byte, so its headers can say what a forged file says. */
function zipOf(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(e.crc ?? 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * `mib` MiB of zeros as one raw deflate stream of about 1 KiB per MiB, built without ever holding
 * the zeros: a fully flushed deflate of 1 MiB stands alone, so copies of it chain, and an empty
 * final block ends the stream.
 */
function deflatedZeros(mib: number): Buffer {
  const segment = deflateRawSync(Buffer.alloc(MB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(mib).fill(segment), Buffer.from([0x03, 0x00])]);
}

function stored(name: string, text: string): RawEntry {
  const data = Buffer.from(text, 'utf8');
  return { name, method: 0, data, size: data.length, crc: crc32(data) };
}

/** The workbook parts around a sheet entry given raw (a bomb, say). */
function workbookAround(sheet: RawEntry): RawEntry[] {
  return [
    stored('[Content_Types].xml', '<?xml version="1.0"?><Types/>'),
    stored('xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${MAIN_NS}"/>`),
    sheet,
  ];
}

// ---------------------------------------------------------------------------------------------

describe('XLSX bounds: sheet size', () => {
  it('refuses, quickly and cheaply, a 10 KB workbook with cells in column XFD (the review finding)', async () => {
    const rows = Array.from(
      { length: 1000 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>1</v></c><c r="XFD${i + 2}"><v>1</v></c></row>`,
    ).join('');
    const data = await xlsxOf(sheetXml(headerRow + rows));
    expect(data.length).toBeLessThan(16 * 1024);
    const message = await expectRefused(() => readTable('x.xlsx', data, spec), /XFD2.*200 columns/);
    expect(message).toMatch(/100000 rows/);
  });

  it('refuses a declared sheet size of A1:XFD1048576 before reading any cell', async () => {
    const data = await xlsxOf(
      sheetXml(headerRow + `<row r="2">${cell('A2', 'Mẫu')}</row>`, {
        before: '<dimension ref="A1:XFD1048576"/>',
      }),
    );
    await expectRefused(() => readTable('x.xlsx', data, spec), /size A1:XFD1048576.*200 columns/);
  });

  it('refuses cells addressed by position alone or through character references', async () => {
    const implicit = '<row r="2">' + '<c><v>1</v></c>'.repeat(201) + '</row>';
    await expectRefused(
      async () => readTable('x.xlsx', await xlsxOf(sheetXml(headerRow + implicit)), spec),
      /GS2.*200 columns/,
    );
    const encoded = '<row r="2"><c r="&#88;&#x46;D2"><v>1</v></c></row>';
    await expectRefused(
      async () => readTable('x.xlsx', await xlsxOf(sheetXml(headerRow + encoded)), spec),
      /XFD2/,
    );
  });

  it('refuses a cell below row 100000 and more rows or cells than an import reads', async () => {
    const far = `<row r="1048576">${cell('A1048576', 'x')}</row>`;
    await expectRefused(
      async () => readTable('x.xlsx', await xlsxOf(sheetXml(headerRow + far)), spec),
      /1048576.*100000 rows/,
    );
    const manyRows = Array.from({ length: 100_001 }, (_, i) => `<row r="${i + 2}"/>`).join('');
    await expectRefused(
      async () => readTable('x.xlsx', await xlsxOf(sheetXml(headerRow + manyRows)), spec),
      /more than 100000 rows/,
      5000,
    );
    // 20,001 rows of 20 cells: within the row cap, beyond 400,000 cells.
    const wide = Array.from(
      { length: 20_001 },
      (_, i) => `<row r="${i + 2}">` + '<c s="1"/>'.repeat(20) + '</row>',
    ).join('');
    await expectRefused(
      async () => readTable('x.xlsx', await xlsxOf(sheetXml(headerRow + wide)), spec),
      /more than 400000 cells/,
      5000,
    );
  });

  it('refuses ranges exceljs would expand cell by cell: merges, data validation, defined names, columns', async () => {
    const body = headerRow + `<row r="2">${cell('A2', 'Mẫu')}</row>`;
    const refused = async (sheet: string, message: RegExp, workbookExtra = '') =>
      expectRefused(async () => readTable('x.xlsx', await xlsxOf(sheet, workbookExtra), spec), message);

    // Within the 200 × 100,000 bounds, but 20 million cells to create.
    await refused(
      sheetXml(body, { after: '<mergeCells count="1"><mergeCell ref="A3:GR100000"/></mergeCells>' }),
      /merged cells cover more than 100000 cells/,
    );
    const merges = Array.from({ length: 2001 }, (_, i) => `<mergeCell ref="A${i + 3}:B${i + 3}"/>`).join('');
    await refused(sheetXml(body, { after: `<mergeCells>${merges}</mergeCells>` }), /more than 2000 merged/);
    await refused(
      sheetXml(body, {
        after:
          '<dataValidations count="1"><dataValidation type="list" sqref="A3:G100000">' +
          '<formula1>"a,b"</formula1></dataValidation></dataValidations>',
      }),
      /data validations and defined names cover more than 600000 cells/,
    );
    await refused(
      sheetXml(body, {
        after:
          '<dataValidations count="1"><dataValidation type="list" sqref="B2:B20 D2:D1048576">' +
          '<formula1>"a,b"</formula1></dataValidation></dataValidations>',
      }),
      /data validation.*D1048576.*100000 rows/,
    );
    await refused(
      sheetXml(body),
      /defined name.*XFD\$1048576/,
      '<definedNames><definedName name="all">Sheet1!$A$1:$XFD$1048576</definedName></definedNames>',
    );
    await refused(
      sheetXml(body, { before: '<cols><col min="1" max="1000000000" width="9"/></cols>' }),
      /column 1000000000/,
    );
  });
});

describe('XLSX bounds: tags cut between two chunks of the stream', () => {
  // A stored part is scanned in 64 KiB slices: put each tag across the cut at every position.
  const CHUNK = 64 * 1024;
  const around = (before: string, tag: string, after: string) =>
    Array.from({ length: tag.length + 1 }, (_, cut) => {
      const pad = CHUNK - cut - before.length - '</t></is></c></row>'.length;
      return before + 'x'.repeat(pad) + '</t></is></c></row>' + tag + after;
    });

  it('still sees a cell, a merged range or a defined name whose tag the cut splits', async () => {
    const open = `<?xml version="1.0"?><worksheet xmlns="${MAIN_NS}"><sheetData>${headerRow}<row r="2">${'<c r="A2" t="inlineStr"><is><t>'}`;
    for (const xml of around(open, '<row r="3"><c r="XFD3"><v>1</v></c></row>', '</sheetData></worksheet>')) {
      const data = zipOf([stored('xl/workbook.xml', '<workbook/>'), stored('xl/worksheets/sheet1.xml', xml)]);
      await expectRefused(() => readTable('x.xlsx', data, spec), /Cell XFD3/);
    }
    for (const xml of around(
      open,
      '</sheetData><mergeCells><mergeCell ref="A5:XFD5"/>',
      '</mergeCells></worksheet>',
    )) {
      const data = zipOf([stored('xl/workbook.xml', '<workbook/>'), stored('xl/worksheets/sheet1.xml', xml)]);
      await expectRefused(() => readTable('x.xlsx', data, spec), /merged range A5:XFD5/);
    }
    const wbOpen = `<workbook xmlns="${MAIN_NS}"><sheets/><definedNames><row r="1"><c r="A1" t="inlineStr"><is><t>`;
    for (const xml of around(
      wbOpen,
      '<definedName name="n">Sheet1!$A$1:$XFD$5</definedName>',
      '</definedNames></workbook>',
    )) {
      const data = zipOf([stored('xl/workbook.xml', xml)]);
      await expectRefused(() => readTable('x.xlsx', data, spec), /defined name "n" on \$A\$1:\$XFD\$5/);
    }
  });
});

describe('XLSX bounds: zip bombs', () => {
  it('refuses an entry declaring 1 GiB of zeros before inflating it', async () => {
    const bomb = deflatedZeros(1024);
    const data = zipOf(
      workbookAround({ name: 'xl/worksheets/sheet1.xml', method: 8, data: bomb, size: 1024 * MB }),
    );
    expect(data.length).toBeLessThan(2 * MB);
    await expectRefused(() => readTable('x.xlsx', data, spec), /more than 50 MB/, 1000);
  });

  it('refuses an entry that inflates beyond the size it declares, stopping there', async () => {
    const bomb = deflatedZeros(1024); // declares 40 KB, inflates to 1 GiB
    const data = zipOf(
      workbookAround({ name: 'xl/worksheets/sheet1.xml', method: 8, data: bomb, size: 40 * 1024 }),
    );
    await expectRefused(() => readTable('x.xlsx', data, spec), /sheet1\.xml.*more than it declares/, 1000);
  });

  it('refuses an entry compressed beyond a sane ratio, even under the total', async () => {
    const data = zipOf(
      workbookAround({ name: 'xl/worksheets/sheet1.xml', method: 8, data: deflatedZeros(40), size: 40 * MB }),
    );
    await expectRefused(() => readTable('x.xlsx', data, spec), /sheet1\.xml.*100 times/, 1000);
  });

  it('refuses many small entries that add up beyond the total, and too many entries', async () => {
    const part = deflatedZeros(1);
    const many = Array.from({ length: 60 }, (_, i) => ({
      name: `xl/media/image${i}.png`,
      method: 8 as const,
      data: part,
      size: MB,
    }));
    await expectRefused(
      () => readTable('x.xlsx', zipOf(workbookAround(many[0]!).concat(many)), spec),
      /50 MB/,
    );
    const tiny = Array.from({ length: 1001 }, (_, i) => stored(`xl/x${i}.xml`, '<x/>'));
    await expectRefused(() => readTable('x.xlsx', zipOf(tiny), spec), /more than 1000 parts/);
  });

  it('refuses what is not a ZIP archive, or is a damaged one, as before', async () => {
    await expect(readTable('x.xlsx', Buffer.from('name\nA\n'), spec)).rejects.toThrow(
      /could not be read as an Excel workbook/,
    );
    const good = await xlsxOf(sheetXml(headerRow));
    await expect(readTable('x.xlsx', good.subarray(0, good.length - 30), spec)).rejects.toThrow(
      /could not be read as an Excel workbook/,
    );
  });
});

describe('XLSX bounds: ordinary workbooks still import', () => {
  it('reads a workbook with merges, a filter, a print area, a bounded validation and hidden columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh bạ');
    ws.addRow(['DANH BẠ ĐẦU MỐI']);
    ws.mergeCells('A1:C1');
    ws.addRow(['name', 'Cơ quan', 'Vai trò']);
    for (let i = 0; i < 3000; i++)
      ws.addRow([`Nguyễn Văn ${i}`, i < 2 ? 'Sở Mẫu' : `Đơn vị ${i}`, 'Đầu mối']);
    ws.mergeCells('B3:B4');
    ws.autoFilter = 'A2:C3002';
    ws.pageSetup.printArea = 'A1:C3002';
    for (let r = 3; r <= 500; r++) {
      ws.getCell(`C${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: ['"Đầu mối,Lãnh đạo"'],
      };
    }
    for (let c = 4; c <= 40; c++) ws.getColumn(c).hidden = true;
    wb.definedNames.add("'Danh bạ'!$A$2:$C$3002", '_xlnm._FilterDatabase'); // as Excel names a filter
    const data = Buffer.from(await wb.xlsx.writeBuffer());

    const m = await measured(() => readTable('danh-ba.xlsx', data, spec));
    expect(m.result).not.toBeInstanceOf(Error);
    const table = m.result as Awaited<ReturnType<typeof readTable>>;
    expect(table.headers).toEqual(['name', 'Cơ quan', 'Vai trò']);
    expect(table.rows).toHaveLength(3000);
    expect(table.rows[0]).toEqual({ line: 3, cells: ['Nguyễn Văn 0', 'Sở Mẫu', 'Đầu mối'] });
    expect(table.rows[1]?.cells[1]).toBe('Sở Mẫu'); // the merged cell below its master
    expect(m.ms).toBeLessThan(5000);
  });

  it('accepts whole-sheet settings exceljs does not expand: hidden columns to XFD, selection, formats, links', async () => {
    const sheet = sheetXml(headerRow + `<row r="2" spans="1:16384">${cell('A2', 'Mẫu')}</row>`, {
      before:
        '<dimension ref="A1:A2"/><sheetViews><sheetView workbookViewId="0">' +
        '<selection activeCell="A1" sqref="A1:XFD1048576"/></sheetView></sheetViews>' +
        '<cols><col min="2" max="16384" width="9" hidden="1"/></cols>',
      after:
        '<conditionalFormatting sqref="A1:A1048576"><cfRule type="duplicateValues" priority="1"/></conditionalFormatting>' +
        '<dataValidations count="1"><dataValidation type="list" sqref="C:C"><formula1>"a,b"</formula1></dataValidation></dataValidations>',
    });
    const table = await readTable(
      'x.xlsx',
      await xlsxOf(sheet, '<definedNames><definedName name="col">Sheet1!$A:$A</definedName></definedNames>'),
      spec,
    );
    expect(table.rows).toEqual([{ line: 2, cells: ['Mẫu'] }]);
  });
});

describe('CSV bounds and byte-order marks', () => {
  it('refuses more rows than the cap as one VALIDATION line', async () => {
    const csv = Buffer.from('name\n' + 'Mẫu\n'.repeat(20_001), 'utf8');
    await expectRefused(() => readTable('x.csv', csv, spec), /more than 20000 data rows/);
  });

  it('refuses a value beyond column 200, and drops empty columns past it instead of padding every row', async () => {
    const wide = Buffer.from('name' + ',x'.repeat(200) + '\nMẫu\n', 'utf8');
    await expectRefused(() => readTable('x.csv', wide, spec), /line 1.*column 201.*200 columns/);
    // A header followed by a million empty fields (Excel keeps a wide used range): read as one column.
    const csv = Buffer.from('name' + ','.repeat(1_000_000) + '\n' + 'Mẫu,\n'.repeat(20_000), 'utf8');
    const m = await measured(() => readTable('x.csv', csv, spec));
    expect(m.result).not.toBeInstanceOf(Error);
    const table = m.result as Awaited<ReturnType<typeof readTable>>;
    expect(table.rows).toHaveLength(20_000);
    expect(table.headers.length).toBeLessThanOrEqual(200);
    expect(m.peak).toBeLessThan(200 * MB);
  });

  it('reads UTF-8 with a byte-order mark, also before an Excel "sep=" line', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const plain = await readTable('x.csv', Buffer.concat([bom, Buffer.from('name,Cơ quan\nMẫu,Sở\n')]), spec);
    expect(plain.headers).toEqual(['name', 'Cơ quan']);
    expect(plain.rows).toEqual([{ line: 2, cells: ['Mẫu', 'Sở'] }]);
    const sep = await readTable(
      'x.csv',
      Buffer.concat([bom, Buffer.from('sep=;\r\nname;Cơ quan\r\nMẫu;Sở\r\n')]),
      spec,
    );
    expect(sep.headers).toEqual(['name', 'Cơ quan']);
    expect(sep.rows).toEqual([{ line: 3, cells: ['Mẫu', 'Sở'] }]);
  });
});

/**
 * Reading a spreadsheet (CSV or XLSX) into lines of text cells, shared by every import
 * (contacts, legacy document registers). What the columns mean is each import's business.
 */
import ExcelJS from 'exceljs';
import { cleanText, foldVietnamese } from '../../../shared/text';
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS, refuse } from './limits';
import { checkXlsxBounds, notAWorkbook } from './xlsxGuard';

export { MAX_IMPORT_ROWS } from './limits';
/** Title lines ("DANH BẠ ĐẦU MỐI ...", "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN") often sit above the header row. */
const HEADER_SEARCH_ROWS = 10;

export interface RawTable {
  headers: string[];
  /** line: the file's 1-based line (CSV) or the Excel row number, as the user sees it. */
  rows: { line: number; cells: string[] }[];
  /** How a CSV file's text was encoded (shown in the preview); null for a workbook. */
  encoding: TextEncoding | null;
}

/** How an import recognises its header row and reads number cells. */
export interface TableSpec {
  /** Whether a leading row is the header row; the first row is taken when none is. */
  isHeader(cells: readonly string[]): boolean;
  /** The text of an integer cell under this header, when digits alone lose something (a phone's 0). */
  integerText?(header: string, digits: string): string;
}

/** A header or label folded for comparison: no diacritics or case, "(...)" and "*" dropped, punctuation as spaces. */
export function foldedKey(header: string): string {
  return foldVietnamese(header)
    .replace(/\(.*?\)|\*/g, ' ') // "Số điện thoại (di động)", "Họ và tên (*)"
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A lookup from any accepted spelling of a header to its field. */
export function headerMatcher<F extends string>(
  spellings: Record<F, readonly string[]>,
): (header: string) => F | null {
  const byKey = new Map<string, F>();
  for (const field of Object.keys(spellings) as F[]) {
    for (const h of spellings[field]) byKey.set(foldedKey(h), field);
  }
  return (header) => byKey.get(foldedKey(header)) ?? null;
}

export async function readTable(fileName: string, data: Buffer, spec: TableSpec): Promise<RawTable> {
  const ext = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  if (ext === 'csv') {
    const { text, encoding } = decodeText(data);
    return { ...tableFromRecords(parseCsv(text), spec), encoding };
  }
  if (ext === 'xlsx') return { ...(await readXlsx(data, spec)), encoding: null };
  if (ext === 'xls') {
    throw refuse(
      'Old Excel .xls files are not supported: save the file as .xlsx (Excel Workbook) or CSV UTF-8.',
      'Không đọc được tệp Excel cũ (.xls): trong Excel chọn Lưu thành (Save As) → "Excel Workbook (.xlsx)" hoặc CSV.',
    );
  }
  throw refuse(
    `Unsupported file type "${ext ? '.' + ext : fileName}": import a .xlsx workbook or a .csv file.`,
    `Không nhận loại tệp "${ext ? '.' + ext : fileName}": hãy chọn tệp Excel .xlsx hoặc tệp .csv.`,
  );
}

interface RawRecord {
  line: number;
  cells: string[];
}

export function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

function tooManyRows(): Error {
  return refuse(
    `The file has more than ${MAX_IMPORT_ROWS} data rows: split it into several files.`,
    `Tệp có hơn ${MAX_IMPORT_ROWS} dòng dữ liệu: hãy chia thành nhiều tệp nhỏ hơn.`,
  );
}

/** Picks the header row, pads every row to its width, drops blank rows and what sits above the header. */
function tableFromRecords(records: RawRecord[], spec: TableSpec): Omit<RawTable, 'encoding'> {
  const nonBlank = records.filter((r) => !isBlank(r.cells));
  const first = nonBlank[0];
  if (!first)
    throw refuse('The file is empty: it has no header row.', 'Tệp trống: không có dòng tiêu đề cột.');
  const headerIdx = findHeaderIndex(
    nonBlank.map((r) => r.cells),
    spec,
  );
  const headerCells = nonBlank[headerIdx]?.cells ?? first.cells;
  const headers = headerCells.map((h) => cleanText(h));
  const data = nonBlank.slice(headerIdx + 1);
  if (data.length > MAX_IMPORT_ROWS) throw tooManyRows();
  const width = headers.length;
  return {
    headers,
    rows: data.map((r) => ({
      line: r.line,
      cells: Array.from({ length: width }, (_, i) => r.cells[i] ?? ''),
    })),
  };
}

function findHeaderIndex(rows: readonly string[][], spec: TableSpec): number {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    if (rows[i] && spec.isHeader(rows[i] ?? [])) return i;
  }
  return 0;
}
// --- CSV

/** How a CSV file was written, as the preview names it. */
export type TextEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1258';

/** UTF-16 without a byte-order mark: ASCII text has a NUL in every other byte. */
function utf16Without(b: Buffer): 'UTF-16LE' | 'UTF-16BE' | null {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > half * 0.3 && even < half * 0.05) return 'UTF-16LE';
  if (even > half * 0.3 && odd < half * 0.05) return 'UTF-16BE';
  return null;
}

/**
 * The text of a CSV file and the encoding it was read in: UTF-8 (with or without a byte-order
 * mark), UTF-16 (Excel's "Unicode text", with or without one), or Windows-1258, what Excel's plain
 * "CSV (Comma delimited)" writes on Vietnamese Windows (its tone marks as combining characters,
 * composed here so "Nguyễn" reads and searches as typed).
 */
export function decodeText(data: Buffer): { text: string; encoding: TextEncoding } {
  const b = data;
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    throw refuse(
      'This file is an Excel workbook named .csv: rename it to .xlsx or save it as CSV UTF-8.',
      'Tệp này là tệp Excel nhưng mang đuôi .csv: đổi đuôi thành .xlsx hoặc lưu lại dạng CSV.',
    );
  }
  // TextDecoder drops the byte-order mark itself.
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(b), encoding: 'UTF-16LE' };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(b), encoding: 'UTF-16BE' };
  const wide = utf16Without(b);
  if (wide) return { text: new TextDecoder(wide.toLowerCase()).decode(b), encoding: wide };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'UTF-8' };
  } catch {
    // Not UTF-8: Excel's "CSV (Comma delimited)" on Vietnamese Windows writes code page 1258.
  }
  const text = new TextDecoder('windows-1258').decode(b).normalize('NFC');
  if (text.includes('\u0000')) {
    throw refuse(
      'The CSV file is not text in a known encoding: save it from Excel as "CSV UTF-8 (Comma delimited)" or as .xlsx.',
      'Không đọc được mã chữ của tệp CSV: trong Excel hãy lưu thành "CSV UTF-8 (Comma delimited)" hoặc .xlsx.',
    );
  }
  return { text, encoding: 'Windows-1258' };
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter used most on the first line that has any (quoted text ignored); comma by default. */
function detectDelimiter(lines: readonly string[]): string {
  let seen = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (++seen > HEADER_SEARCH_ROWS) break;
    const bare = line.replace(/"[^"]*("|$)/g, '');
    let best = '';
    let bestCount = 0;
    for (const d of DELIMITERS) {
      const count = bare.split(d).length - 1;
      if (count > bestCount) {
        best = d;
        bestCount = count;
      }
    }
    if (best) return best;
  }
  return ',';
}

/** RFC 4180, leniently: CRLF/LF/CR line ends, quoted newlines and "" escapes, Excel's "sep=;" line. */
export function parseCsv(text: string): RawRecord[] {
  let start = 0;
  let line = 1;
  const lines = text.split(/\r\n|\n|\r/, HEADER_SEARCH_ROWS * 4);
  let delimiter = detectDelimiter(lines);
  const sep = /^sep=(.)\s*$/i.exec(lines[0] ?? '');
  if (sep?.[1]) {
    delimiter = sep[1];
    const nl = /\r\n|\n|\r/.exec(text);
    start = nl ? nl.index + nl[0].length : text.length;
    line = 2;
  }

  const records: RawRecord[] = [];
  let nonBlank = 0;
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoted = false;
  let recordLine = line;
  let quoteLine = line;
  /** Fields of this record so far, counting the empty ones past the column cap that are not kept. */
  let column = 0;
  const endField = () => {
    // Excel writes a delimiter for every column of its used range: empty fields past the cap are
    // dropped, so that no row is padded to thousands of columns; a value there is refused.
    if (++column <= MAX_IMPORT_COLUMNS) cells.push(field);
    else if (field.trim() !== '') {
      throw refuse(
        `CSV line ${recordLine} has a value in column ${column}, beyond the ${MAX_IMPORT_COLUMNS} columns an import reads: ` +
          'delete the columns after the table.',
        `Dòng ${recordLine} có dữ liệu ở cột ${column}, quá ${MAX_IMPORT_COLUMNS} cột được đọc: hãy xóa các cột nằm sau bảng.`,
      );
    }
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    endField();
    if (!isBlank(cells)) {
      // Header and title lines count too; the exact cap is applied once the header is known.
      if (++nonBlank > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS) throw tooManyRows();
      records.push({ line: recordLine, cells });
    }
    cells = [];
    column = 0;
  };

  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else if (ch === '\r' || ch === '\n') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        field += '\n';
        line++;
      } else field += ch;
      continue;
    }
    if (ch === '"' && !quoted && field.trim() === '') {
      inQuotes = true;
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (inQuotes)
    throw refuse(
      `CSV line ${quoteLine}: a quoted field is never closed.`,
      `Dòng ${quoteLine}: một ô mở dấu ngoặc kép (") mà không đóng lại.`,
    );
  if (field !== '' || quoted || column > 0) endRecord();
  return records;
}

// --- XLSX

async function readXlsx(data: Buffer, spec: TableSpec): Promise<Omit<RawTable, 'encoding'>> {
  // exceljs builds the whole workbook in memory: the archive and its sheets are bounded first.
  await checkXlsxBounds(data);
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types the argument as Buffer<ArrayBuffer>; any Node Buffer reads the same.
    await wb.xlsx.load(data as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch {
    throw notAWorkbook();
  }
  const sheet = wb.worksheets.find((s) => s.state === 'visible') ?? wb.worksheets[0];
  if (!sheet) throw refuse('The workbook has no worksheet.', 'Tệp Excel không có trang tính (sheet) nào.');

  const raw: { line: number; values: ExcelJS.CellValue[] }[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooMany) return;
    // Only the cells the sheet has: asking exceljs for every column up to the last would create them.
    const values: ExcelJS.CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > MAX_IMPORT_COLUMNS) {
        throw refuse(
          `Cell ${cell.address} lies beyond the ${MAX_IMPORT_COLUMNS} columns an import reads.`,
          `Ô ${cell.address} nằm ngoài ${MAX_IMPORT_COLUMNS} cột được đọc: hãy xóa các cột nằm sau bảng.`,
        );
      }
      values[col - 1] = cell.value;
    });
    raw.push({ line: rowNumber, values: Array.from(values, (v) => v ?? null) });
    if (raw.length > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS) tooMany = true;
  });
  if (tooMany) throw tooManyRows();

  // How a column reads its integers is known only once the header is found.
  const plain = raw.map((r) => ({ line: r.line, cells: r.values.map((v) => cellText(v, null)) }));
  const nonBlank = plain.filter((r) => !isBlank(r.cells));
  const header =
    nonBlank[
      findHeaderIndex(
        nonBlank.map((r) => r.cells),
        spec,
      )
    ]?.cells ?? [];
  const integerText = spec.integerText;
  const fixers = header.map((h) => (integerText ? (digits: string) => integerText(h, digits) : null));
  const records = raw.map((r) => ({
    line: r.line,
    cells: r.values.map((v, i) => cellText(v, fixers[i] ?? null)),
  }));
  return tableFromRecords(records, spec);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell as the user sees it: rich text joined, formula results, dates as dd/mm/yyyy. */
function cellText(value: ExcelJS.CellValue, integerText: ((digits: string) => string) | null): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (integerText && Number.isInteger(value) && value > 0) return integerText(String(value));
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  // exceljs reads a date cell as midnight UTC of that day.
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${pad2(value.getUTCDate())}/${pad2(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && 'error' in result)
      ? ''
      : cellText(result, integerText);
  }
  // A hyperlink's text may itself be rich text at run time, whatever the typings say.
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue, integerText);
  return ''; // an error value (#N/A...)
}

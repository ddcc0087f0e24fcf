/**
 * Reading a contacts file (CSV or XLSX) into checked rows, without the database.
 * The import service adds what needs the directory (duplicate-in-directory) and saves.
 */
import ExcelJS from 'exceljs';
import { ContactFields } from '../../../shared/contract';
import type { ContactRole, ImportReason, ImportRow } from '../../../shared/contract';
import { formatPhone, normalizePhone, splitPhones } from '../../../shared/phone';
import { cleanText, foldVietnamese } from '../../../shared/text';
import { parseContactRole } from './roleLabels';

/** More rows than any one province's directory; beyond it the file is refused, not truncated. */
export const MAX_IMPORT_ROWS = 20_000;
/** Title lines ("DANH BẠ ĐẦU MỐI ...") often sit above the header row in office spreadsheets. */
const HEADER_SEARCH_ROWS = 10;

export interface RawTable {
  headers: string[];
  /** line: the file's 1-based line (CSV) or the Excel row number, as the user sees it. */
  rows: { line: number; cells: string[] }[];
}

export type ImportField = 'fullName' | 'position' | 'organization' | 'phones' | 'email' | 'roles' | 'notes';
const IMPORT_FIELDS: readonly ImportField[] = [
  'fullName',
  'position',
  'organization',
  'phones',
  'email',
  'roles',
  'notes',
];

/** The headers an export writes; the import reads them back. */
export const IMPORT_HEADERS_VI: Record<ImportField, string> = {
  fullName: 'Họ và tên',
  position: 'Chức vụ',
  organization: 'Cơ quan',
  phones: 'Số điện thoại',
  email: 'Email',
  roles: 'Vai trò',
  notes: 'Ghi chú',
};
export const IMPORT_HEADERS_EN: Record<ImportField, string> = {
  fullName: 'name',
  position: 'position',
  organization: 'organization',
  phones: 'phone',
  email: 'email',
  roles: 'role',
  notes: 'notes',
};

/** Accepted header spellings, compared after headerKey() (folded, punctuation as spaces). */
const HEADER_ALIASES: Record<ImportField, string[]> = {
  fullName: ['full name', 'fullname', 'contact name', 'ho va ten', 'ho ten', 'ho va ten nguoi lien he'],
  position: ['title', 'job title', 'chuc vu', 'chuc danh'],
  organization: [
    'organisation',
    'org',
    'agency',
    'unit',
    'co quan',
    'don vi',
    'co quan don vi',
    'don vi co quan',
    'co quan to chuc',
    'noi cong tac',
  ],
  phones: [
    'phones',
    'phone number',
    'phone numbers',
    'telephone',
    'tel',
    'mobile',
    'so dien thoai',
    'dien thoai',
    'sdt',
    'so dt',
    'dt',
    'di dong',
    'dien thoai di dong',
    'dien thoai co quan',
  ],
  email: ['e mail', 'mail', 'thu dien tu'],
  roles: ['roles', 'vai tro'],
  notes: ['note', 'remarks', 'comments', 'ghi chu'],
};

function headerKey(header: string): string {
  return foldVietnamese(header)
    .replace(/\(.*?\)|\*/g, ' ') // "Số điện thoại (di động)", "Họ và tên (*)"
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const FIELD_BY_HEADER = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) {
  for (const h of [IMPORT_HEADERS_VI[field], IMPORT_HEADERS_EN[field], ...HEADER_ALIASES[field]]) {
    FIELD_BY_HEADER.set(headerKey(h), field);
  }
}

/** Which field a header names, or null for a column the import ignores (STT, Loại cơ quan...). */
export function headerField(header: string): ImportField | null {
  return FIELD_BY_HEADER.get(headerKey(header)) ?? null;
}

/** Column indexes per field. Several phone columns ("Điện thoại cơ quan", "Di động") are all read. */
export type HeaderMap = Record<ImportField, number[]>;

export function mapHeaders(headers: readonly string[]): HeaderMap {
  const map: HeaderMap = {
    fullName: [],
    position: [],
    organization: [],
    phones: [],
    email: [],
    roles: [],
    notes: [],
  };
  headers.forEach((h, i) => {
    const field = headerField(h);
    if (!field) return;
    if (field === 'phones' || map[field].length === 0) map[field].push(i);
  });
  if (map.fullName.length === 0) {
    const vi = IMPORT_FIELDS.map((f) => IMPORT_HEADERS_VI[f]).join(', ');
    const en = IMPORT_FIELDS.map((f) => IMPORT_HEADERS_EN[f]).join(', ');
    throw new Error(
      `No name column found in the header row. Accepted headers: ${vi} (Vietnamese) or ${en} (English); ` +
        `"${IMPORT_HEADERS_VI.fullName}" or "${IMPORT_HEADERS_EN.fullName}" is required.`,
    );
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Reading files

export async function readTable(fileName: string, data: Buffer): Promise<RawTable> {
  const ext = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  if (ext === 'csv') return tableFromRecords(parseCsv(decodeText(data)));
  if (ext === 'xlsx') return readXlsx(data);
  if (ext === 'xls') {
    throw new Error(
      'Old Excel .xls files are not supported: save the file as .xlsx (Excel Workbook) or CSV UTF-8.',
    );
  }
  throw new Error(
    `Unsupported file type "${ext ? '.' + ext : fileName}": import a .xlsx workbook or a .csv file.`,
  );
}

interface RawRecord {
  line: number;
  cells: string[];
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

function tooManyRows(): Error {
  return new Error(`The file has more than ${MAX_IMPORT_ROWS} data rows: split it into several files.`);
}

/** Picks the header row, pads every row to its width, drops blank rows and what sits above the header. */
function tableFromRecords(records: RawRecord[]): RawTable {
  const nonBlank = records.filter((r) => !isBlank(r.cells));
  const first = nonBlank[0];
  if (!first) throw new Error('The file is empty: it has no header row.');
  const headerIdx = findHeaderIndex(nonBlank.map((r) => r.cells));
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

/** The first of the leading rows that has a name column; the first row when none has. */
function findHeaderIndex(rows: readonly string[][]): number {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    if (rows[i]?.some((c) => headerField(c) === 'fullName')) return i;
  }
  return 0;
}

// --- CSV

function decodeText(data: Buffer): string {
  const b = data;
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    throw new Error('This file is an Excel workbook named .csv: rename it to .xlsx or save it as CSV UTF-8.');
  }
  // TextDecoder drops the byte-order mark itself.
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b);
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    // Excel's plain "CSV (Comma delimited)" writes the Windows code page, which loses Vietnamese letters.
    throw new Error(
      'The CSV file is not UTF-8 text: in Excel, save it as "CSV UTF-8 (Comma delimited)" or as .xlsx.',
    );
  }
  if (text.includes('\u0000')) {
    throw new Error(
      'The CSV file looks like UTF-16 without a byte-order mark: save it as "CSV UTF-8" instead.',
    );
  }
  return text;
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
  const endRecord = () => {
    cells.push(field);
    if (!isBlank(cells)) {
      // Header and title lines count too; the exact cap is applied once the header is known.
      if (++nonBlank > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS) throw tooManyRows();
      records.push({ line: recordLine, cells });
    }
    cells = [];
    field = '';
    quoted = false;
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
      cells.push(field);
      field = '';
      quoted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (inQuotes) throw new Error(`CSV line ${quoteLine}: a quoted field is never closed.`);
  if (field !== '' || quoted || cells.length > 0) endRecord();
  return records;
}

// --- XLSX

async function readXlsx(data: Buffer): Promise<RawTable> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types the argument as Buffer<ArrayBuffer>; any Node Buffer reads the same.
    await wb.xlsx.load(data as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch {
    throw new Error(
      'The file could not be read as an Excel workbook (.xlsx): it may be damaged or of another type.',
    );
  }
  const sheet = wb.worksheets.find((s) => s.state === 'visible') ?? wb.worksheets[0];
  if (!sheet) throw new Error('The workbook has no worksheet.');

  const raw: { line: number; values: ExcelJS.CellValue[] }[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooMany) return;
    const values: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(row.getCell(c).value);
    raw.push({ line: rowNumber, values });
    if (raw.length > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS) tooMany = true;
  });
  if (tooMany) throw tooManyRows();

  // The phone columns are known only once the header is found; their numbers need their 0 back.
  const plain = raw.map((r) => ({ line: r.line, cells: r.values.map((v) => cellText(v, false)) }));
  const nonBlank = plain.filter((r) => !isBlank(r.cells));
  const header = nonBlank[findHeaderIndex(nonBlank.map((r) => r.cells))];
  const phoneCols = new Set<number>();
  header?.cells.forEach((h, i) => {
    if (headerField(h) === 'phones') phoneCols.add(i);
  });
  const records = raw.map((r) => ({
    line: r.line,
    cells: r.values.map((v, i) => cellText(v, phoneCols.has(i))),
  }));
  return tableFromRecords(records);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell as the user sees it: rich text joined, formula results, dates as dd/mm/yyyy. */
function cellText(value: ExcelJS.CellValue, phoneColumn: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (phoneColumn && Number.isInteger(value) && value > 0) return restorePhoneZero(String(value));
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
      : cellText(result, phoneColumn);
  }
  // A hyperlink's text may itself be rich text at run time, whatever the typings say.
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue, phoneColumn);
  return ''; // an error value (#N/A...)
}

/**
 * Spreadsheets store 0912345678 typed into a number cell as 912345678; put the 0 back when the
 * digits are a mobile (9 digits, 3/5/7/8/9) or a landline (10 digits, 2...) without it.
 */
export function restorePhoneZero(digits: string): string {
  if (/^[35789]\d{8}$/.test(digits) || /^2\d{9}$/.test(digits)) return '0' + digits;
  return digits;
}

// ---------------------------------------------------------------------------------------------
// Checking rows

/** One file row after checking; the contract's ImportRow plus what the commit step needs. */
export type ParsedRow = ImportRow & {
  notes: string;
  /** For a duplicate-in-file row: the line of the earlier row holding the same number. */
  duplicateOfLine: number | null;
};

const MAX_LENGTH = { fullName: 200, position: 200, organization: 300, email: 200, notes: 2000 } as const;
const MAX_PHONES = 10;
const emailSchema = ContactFields.shape.email;

/** Notes keep their line breaks (a cell typed with Alt+Enter); each line is tidied like other text. */
function cleanNotes(input: string): string {
  return input
    .split(/\r\n|\n|\r/)
    .map(cleanText)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A leading ' is how exports keep Excel from reading "=...", "-..." as a formula; drop it back. */
function unguard(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

export function validateRows(table: RawTable): ParsedRow[] {
  const map = mapHeaders(table.headers);
  const out: ParsedRow[] = [];
  const firstLineOfPhone = new Map<string, number>();

  for (const { line, cells } of table.rows) {
    const get = (field: ImportField): string => {
      const i = map[field][0];
      return i === undefined ? '' : unguard(cells[i] ?? '');
    };
    const phoneCells = map.phones.map((i) => unguard(cells[i] ?? '')).filter((c) => c.trim() !== '');
    const roleCell = get('roles');
    const row: ParsedRow = {
      line,
      status: 'valid',
      reason: null,
      detail: '',
      fullName: cleanText(get('fullName')),
      position: cleanText(get('position')),
      organization: cleanText(get('organization')),
      phones: [],
      email: cleanText(get('email')).replace(/^mailto:/i, ''),
      roles: [],
      notes: cleanNotes(get('notes')),
      duplicateOfLine: null,
    };
    // A row with only an unmapped cell filled (an STT number in a template) carries no contact.
    if (
      !row.fullName &&
      !row.position &&
      !row.organization &&
      !row.email &&
      !row.notes &&
      !roleCell.trim() &&
      phoneCells.length === 0
    ) {
      continue;
    }
    const fail = (reason: ImportReason, detail: string) => {
      if (row.reason) return; // the first problem found is the one reported
      row.status = 'invalid';
      row.reason = reason;
      row.detail = detail;
    };
    const header = (field: ImportField) => table.headers[map[field][0] ?? -1] ?? IMPORT_HEADERS_VI[field];

    if (!row.fullName) fail('missing-name', '');
    for (const field of ['fullName', 'position', 'organization', 'email', 'notes'] as const) {
      const length = row[field].length;
      if (length > MAX_LENGTH[field]) fail('too-long', `${header(field)} (${length} > ${MAX_LENGTH[field]})`);
    }

    for (const token of phoneCells.flatMap(splitPhones)) {
      const compact = token.replace(/[\s.]/g, '');
      const phone =
        normalizePhone(token) ?? (/^\d+$/.test(compact) ? normalizePhone(restorePhoneZero(compact)) : null);
      if (!phone) fail('bad-phone', cleanText(token));
      else if (!row.phones.includes(phone)) row.phones.push(phone);
    }
    if (row.phones.length > MAX_PHONES)
      fail('too-long', `${header('phones')} (${row.phones.length} > ${MAX_PHONES})`);

    if (row.email && !emailSchema.safeParse(row.email).success) fail('bad-email', row.email);

    for (const token of roleCell.split(/[,;\n]/)) {
      if (!token.trim()) continue;
      const role: ContactRole | null = parseContactRole(token);
      if (!role) fail('unknown-role', cleanText(token));
      else if (!row.roles.includes(role)) row.roles.push(role);
    }

    if (row.status === 'valid') {
      const seen = row.phones.find((p) => firstLineOfPhone.has(p));
      if (seen) {
        row.status = 'duplicate';
        row.reason = 'duplicate-in-file';
        row.detail = formatPhone(seen);
        row.duplicateOfLine = firstLineOfPhone.get(seen) ?? null;
      }
      // Rows that may still be imported (duplicates, when the user includes them) hold their numbers too.
      for (const p of row.phones) if (!firstLineOfPhone.has(p)) firstLineOfPhone.set(p, line);
    }
    out.push(row);
  }
  return out;
}

/** readTable then validateRows: the whole database-free half of an import. */
export async function parseImportFile(fileName: string, data: Buffer): Promise<ParsedRow[]> {
  return validateRows(await readTable(fileName, data));
}

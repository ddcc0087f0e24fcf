/**
 * Reading a contacts file (CSV or XLSX) into checked rows, without the database.
 * The import service adds what needs the directory (duplicate-in-directory) and saves.
 */
import { ContactFields } from '../../../shared/contract';
import type { ContactRole, ImportReason, ImportRow } from '../../../shared/contract';
import { formatPhone, normalizePhone, splitPhones } from '../../../shared/phone';
import { cleanText } from '../../../shared/text';
import { refuse } from '../import/limits';
import { headerMatcher, readTable as readAnyTable, type RawTable } from '../import/table';
import { parseContactRole } from './roleLabels';

export { MAX_IMPORT_ROWS } from '../import/table';

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

/** Accepted header spellings, compared after foldedKey() (folded, punctuation as spaces). */
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

const matchHeader = headerMatcher(
  Object.fromEntries(
    IMPORT_FIELDS.map((f) => [f, [IMPORT_HEADERS_VI[f], IMPORT_HEADERS_EN[f], ...HEADER_ALIASES[f]]]),
  ) as Record<ImportField, string[]>,
);

/** Which field a header names, or null for a column the import ignores (STT, Loại cơ quan...). */
export function headerField(header: string): ImportField | null {
  return matchHeader(header);
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
    throw refuse(
      `No name column found in the header row. Accepted headers: ${vi} (Vietnamese) or ${en} (English); ` +
        `"${IMPORT_HEADERS_VI.fullName}" or "${IMPORT_HEADERS_EN.fullName}" is required.`,
      `Không thấy cột "${IMPORT_HEADERS_VI.fullName}" ở dòng tiêu đề. Các cột được đọc: ${vi}. ` +
        'Tải tệp mẫu để có đúng tiêu đề cột.',
    );
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Reading files

/** The header row is the first that names the name column; phone numbers typed as numbers get their 0 back. */
export function readTable(fileName: string, data: Buffer): Promise<RawTable> {
  return readAnyTable(fileName, data, {
    isHeader: (cells) => cells.some((c) => headerField(c) === 'fullName'),
    integerText: (header, digits) => (headerField(header) === 'phones' ? restorePhoneZero(digits) : digits),
  });
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

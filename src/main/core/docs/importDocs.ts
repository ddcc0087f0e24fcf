/**
 * Importing a legacy document register (the office's paper or Excel book) from CSV or XLSX.
 * Entries keep the book's own numbers; the commit then raises each (register, year) counter so
 * new registrations continue after the book and no number is ever given twice.
 */
import {
  clearanceRank,
  DOC_TYPE_LABELS_VI,
  DOC_TYPES,
  RegisterDocInput,
  type Clearance,
  type DocImportReason,
  type DocImportRow,
  type DocRegister,
  type DocType,
  type DocUrgency,
  type ParsedInputOf,
} from '../../../shared/contract';
import { parseDate, vnYear } from '../../../shared/dates';
import { cleanText } from '../../../shared/text';
import { stmt, type Db } from '../db/open';
import type { Writer } from '../db/recordKernel';
import { AppError } from '../errors';
import { importInvalid, refuse } from '../import/limits';
import { savePreview, takePreview } from '../import/previews';
import { foldedKey, headerMatcher, readTable, type RawTable } from '../import/table';
import type { CoreServices } from '../services';
import { readSettings } from '../db/settingsStore';
import { insertDocument, type DocFields } from './documentStore';

const KIND = 'docs';

type Field =
  | 'number'
  | 'registeredOn'
  | 'sender'
  | 'symbol'
  | 'documentDate'
  | 'type'
  | 'summary'
  | 'level'
  | 'urgency'
  | 'handler'
  | 'deadline'
  | 'notes'
  | 'recipients'
  | 'signer';

/** Column titles of the registers (Nghị định 30/2020 models and older books), with or without diacritics. */
const HEADERS: Record<Field, readonly string[]> = {
  number: ['Số đến', 'Số đi', 'Số', 'Số vào sổ', 'Số đăng ký', 'Số thứ tự', 'number'],
  registeredOn: ['Ngày đến', 'Ngày đi', 'Ngày đăng ký', 'Ngày vào sổ', 'Ngày nhận', 'registered on'],
  sender: ['Tác giả', 'Nơi gửi', 'Nơi gửi văn bản', 'Cơ quan ban hành', 'Nơi ban hành', 'sender'],
  symbol: ['Số, ký hiệu', 'Số, ký hiệu văn bản', 'Ký hiệu', 'symbol'],
  documentDate: ['Ngày văn bản', 'Ngày tháng văn bản', 'Ngày ban hành', 'document date'],
  type: ['Loại', 'Loại văn bản', 'Tên loại', 'type'],
  summary: ['Trích yếu', 'Trích yếu nội dung', 'Tên loại và trích yếu nội dung', 'summary'],
  level: ['Độ mật', 'Mức độ mật', 'level'],
  urgency: ['Độ khẩn', 'Mức độ khẩn', 'urgency'],
  handler: ['Đơn vị/người nhận', 'Đơn vị hoặc người nhận', 'Đơn vị, người nhận', 'Người xử lý', 'handler'],
  deadline: ['Hạn xử lý', 'Hạn giải quyết', 'deadline'],
  notes: ['Ghi chú', 'notes'],
  recipients: ['Nơi nhận', 'Nơi nhận văn bản', 'recipients'],
  signer: ['Người ký', 'signer'],
};
const fieldOf = headerMatcher(HEADERS);

const LEVELS: Record<string, Clearance> = {
  '': 'none',
  thuong: 'none',
  'khong mat': 'none',
  none: 'none',
  mat: 'mat',
  'toi mat': 'toi-mat',
  'tuyet mat': 'tuyet-mat',
};
const URGENCIES: Record<string, DocUrgency> = {
  '': 'none',
  thuong: 'none',
  'binh thuong': 'none',
  none: 'none',
  khan: 'khan',
  'thuong khan': 'thuong-khan',
  'hoa toc': 'hoa-toc',
  'hoa toc hen gio': 'hoa-toc',
};
/** Types by code ("QĐ") or label ("Quyết định"); anything else is 'other'. */
const TYPES = new Map<string, DocType>(
  DOC_TYPES.flatMap((t) => [
    [foldedKey(t), t],
    [foldedKey(DOC_TYPE_LABELS_VI[t]), t],
  ]),
);

const MESSAGES: Record<DocImportReason, string> = {
  'missing-number': 'The register number is missing',
  'bad-number': 'The register number is not a whole number from 1',
  'missing-date': 'The registration date is missing',
  'bad-date': 'A date is not dd/mm/yyyy or yyyy-mm-dd',
  'bad-level': 'The classification is not blank, Mật, Tối mật or Tuyệt mật',
  'bad-urgency': 'The urgency is not blank, Khẩn, Thượng khẩn or Hỏa tốc',
  'level-mismatch':
    'The classification does not belong in this register (Mật rows go to a secret register only)',
  'above-clearance': 'The classification is above your clearance',
  'summary-needs-consent':
    'A Tuyệt mật entry may keep its summary only with the sender consent, which a register file cannot ' +
    'record: clear the summary in the file or register the entry by hand',
  'number-taken': 'This number is already used in this register and year',
  'duplicate-in-file': 'This number appears earlier in the file for the same year',
  'too-long': 'A cell is too long',
  'future-year': 'The registration year is after the current year (confirm with --allow-unusual)',
  'number-far-ahead':
    'The number is far beyond the register counter and the numbers below it in the file ' +
    '(confirm with --allow-unusual)',
};

/**
 * How far a number may run ahead of what precedes it (the register's counter for its year, and the
 * file's lower numbers of that year) before it looks like a typing slip: 1,000 is more than a
 * provincial department registers in a quarter, while a slip (5000 for 500) lands well beyond it.
 * Accepted, such a number would move the counter so far that new registrations skip a thousand.
 */
const FAR_AHEAD = 1000;

/** A checked row, with what the commit needs. */
interface Parsed extends DocImportRow {
  fields: DocFields | null;
  registeredAt: string;
}

interface Saved {
  register: DocRegister;
  rows: Parsed[];
}

/** dd/mm/yyyy (as typed or as an Excel date cell reads) or yyyy-mm-dd; blank is ''. */
function isoDate(cell: string): string | null {
  const t = cell.trim();
  if (!t) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  return m ? parseDate(`${m[3]}/${m[2]}/${m[1]}`) : parseDate(t);
}

function isSecret(register: DocRegister): boolean {
  return register === 'secret-in' || register === 'secret-out';
}

function checkRows(table: RawTable, register: DocRegister, clearance: Clearance): Parsed[] {
  const cols = new Map<Field, number>();
  table.headers.forEach((h, i) => {
    const f = fieldOf(h);
    if (f && !cols.has(f)) cols.set(f, i);
  });
  // Outgoing books of Nghị định 30 have no separate registration date: the document's date is it.
  const dateField: Field | null = cols.has('registeredOn')
    ? 'registeredOn'
    : cols.has('documentDate')
      ? 'documentDate'
      : null;
  if (!cols.has('number') || !dateField)
    throw refuse(
      'The header row needs a number column ("Số đến", "Số đi" or "Số") and a date column ' +
        '("Ngày đến", "Ngày đi" or "Ngày văn bản").',
      'Dòng tiêu đề cần một cột số ("Số đến", "Số đi" hoặc "Số") và một cột ngày ' +
        '("Ngày đến", "Ngày đi" hoặc "Ngày văn bản"). Tải tệp mẫu để có đúng tiêu đề cột.',
    );
  const direction = register === 'in' || register === 'secret-in' ? 'in' : 'out';
  const firstLine = new Map<string, number>();
  const out: Parsed[] = [];

  for (const { line, cells } of table.rows) {
    const get = (f: Field) => {
      const i = cols.get(f);
      return i === undefined ? '' : cleanText(cells[i] ?? '');
    };
    // A row with only unmapped cells (an STT in a template) carries no entry.
    if ([...cols.values()].every((i) => !(cells[i] ?? '').trim())) continue;
    const row: Parsed = {
      line,
      status: 'valid',
      reason: null,
      message: '',
      detail: '',
      year: null,
      number: null,
      registeredOn: '',
      symbol: get('symbol'),
      type: TYPES.get(foldedKey(get('type'))) ?? 'other',
      level: LEVELS[foldedKey(get('level'))] ?? null,
      sender: get('sender'),
      summary: get('summary'),
      fields: null,
      registeredAt: '',
    };
    const fail = (reason: DocImportReason, detail = '') => {
      if (row.reason) return; // the first problem found is the one reported
      Object.assign(row, { status: 'invalid', reason, message: MESSAGES[reason], detail });
    };

    const numberCell = get('number');
    if (!numberCell) fail('missing-number');
    else if (!/^\d{1,7}$/.test(numberCell) || Number(numberCell) < 1) fail('bad-number', numberCell);
    else row.number = Number(numberCell);

    const registeredOn = isoDate(get(dateField));
    if (registeredOn === '') fail('missing-date');
    else if (registeredOn === null) fail('bad-date', get(dateField));
    else {
      row.registeredOn = registeredOn;
      row.year = Number(registeredOn.slice(0, 4));
      // Midnight in Vietnam, so the entry sorts among that day's registrations.
      row.registeredAt = new Date(`${registeredOn}T00:00:00+07:00`).toISOString();
    }
    const documentDate = isoDate(get('documentDate'));
    const deadline = isoDate(get('deadline'));
    if (documentDate === null) fail('bad-date', get('documentDate'));
    if (deadline === null) fail('bad-date', get('deadline'));

    const urgency = URGENCIES[foldedKey(get('urgency'))];
    if (!row.level) fail('bad-level', get('level'));
    else if ((row.level !== 'none') !== isSecret(register)) fail('level-mismatch', get('level') || '—');
    else if (clearanceRank(row.level) > clearanceRank(clearance)) fail('above-clearance', get('level'));
    if (!urgency) fail('bad-urgency', get('urgency'));
    if (row.level === 'tuyet-mat' && row.summary) fail('summary-needs-consent');

    if (row.status === 'valid') {
      const parsed = RegisterDocInput.safeParse({
        direction,
        level: row.level,
        type: row.type,
        symbol: row.symbol,
        documentDate: documentDate || row.registeredOn,
        sender: row.sender,
        recipients: get('recipients')
          .split(/[;\n]/)
          .map((r) => r.trim())
          .filter(Boolean),
        summary: row.summary,
        urgency,
        signer: get('signer'),
        handler: get('handler'),
        deadline: deadline || null,
        notes: get('notes'),
      });
      if (parsed.success) row.fields = parsed.data;
      else fail('too-long', parsed.error.issues[0]?.path.join('.') ?? '');
    }
    if (row.year !== null && row.number !== null) {
      const key = `${row.year}/${row.number}`;
      const earlier = firstLine.get(key);
      if (earlier !== undefined) fail('duplicate-in-file', `${key} (line ${earlier})`);
      else firstLine.set(key, line);
    }
    out.push(row);
  }
  return out;
}

function numberTaken(
  db: Db,
  officeCode: string,
  register: DocRegister,
  year: number,
  number: number,
): boolean {
  return (
    stmt(
      db,
      'SELECT 1 FROM documents WHERE origin_office = ? AND register = ? AND year = ? AND number = ? LIMIT 1',
    ).get(officeCode, register, year, number) !== undefined
  );
}

function markInvalid(r: Parsed, reason: DocImportReason, detail: string): void {
  Object.assign(r, { status: 'invalid', reason, message: MESSAGES[reason], detail });
}

/**
 * Marks rows that look mistaken (unless the user confirmed them): a year after the current one,
 * and numbers more than FAR_AHEAD beyond what precedes them. Per year, the numbers are walked up
 * from the counter; the first gap wider than FAR_AHEAD ends the run, and every number above it
 * is refused too, as one slip would otherwise still carry the counter along with its neighbours.
 */
function refuseUnusual(db: Db, register: DocRegister, rows: Parsed[], currentYear: number): void {
  const byYear = new Map<number, Parsed[]>();
  for (const r of rows) {
    if (r.status !== 'valid' || r.year === null || r.number === null) continue;
    if (r.year > currentYear) markInvalid(r, 'future-year', String(r.year));
    else byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  }
  for (const [year, yearRows] of byYear) {
    const counter =
      (
        stmt(db, 'SELECT last_number AS n FROM document_counters WHERE register = ? AND year = ?').get(
          register,
          year,
        ) as { n: number } | undefined
      )?.n ?? 0;
    let reach = counter;
    for (const r of [...yearRows].sort((a, b) => (a.number ?? 0) - (b.number ?? 0))) {
      const n = r.number ?? 0;
      if (n - reach > FAR_AHEAD) reach = Infinity;
      if (reach === Infinity) markInvalid(r, 'number-far-ahead', `${n} (${year}: counter ${counter})`);
      else reach = Math.max(reach, n);
    }
  }
}

/** Parses and checks a register file against the database; nothing is written until commit. */
export async function previewDocImport(
  db: Db,
  services: CoreServices,
  user: { userName: string; clearance: Clearance },
  officeCode: string,
  register: DocRegister,
  fileName: string,
  data: Buffer,
  allowUnusual: boolean,
): Promise<{
  previewId: string;
  register: DocRegister;
  rows: DocImportRow[];
  counts: { valid: number; invalid: number };
  encoding: string | null;
}> {
  let rows: Parsed[];
  let encoding: string | null;
  try {
    const table = await readTable(fileName, data, {
      isHeader: (cells) => cells.filter((c) => fieldOf(c)).length >= 2,
    });
    encoding = table.encoding;
    rows = checkRows(table, register, user.clearance);
  } catch (e) {
    throw importInvalid(e);
  }
  for (const r of rows) {
    if (r.status === 'valid' && numberTaken(db, officeCode, register, r.year ?? 0, r.number ?? 0))
      markInvalid(r, 'number-taken', `${r.year}/${r.number}`);
  }
  if (!allowUnusual) refuseUnusual(db, register, rows, vnYear(services.now()));
  const saved: Saved = { register, rows };
  const previewId = savePreview(services, KIND, user.userName, saved);
  const valid = rows.filter((r) => r.status === 'valid').length;
  return {
    previewId,
    register,
    rows: rows.map(({ fields: _f, registeredAt: _r, ...r }) => r),
    counts: { valid, invalid: rows.length - valid },
    encoding,
  };
}

export interface DocImportResult {
  register: DocRegister;
  imported: number;
  invalid: number;
  counters: { year: number; lastNumber: number }[];
}

/**
 * Writes the valid rows of a preview in one IMMEDIATE transaction, then raises the counters.
 * A number taken since the preview fails the whole commit (CONFLICT), leaving the registers as
 * they were. `authorize` sees the register before anything is written; `after` runs inside the
 * transaction (the handler's audit entry).
 */
export function commitDocImport(
  db: Db,
  services: CoreServices,
  input: ParsedInputOf<'docs.importCommit'>,
  by: Writer,
  authorize: (register: DocRegister) => void,
  after: (result: DocImportResult) => void,
): DocImportResult {
  const { register, rows } = takePreview<Saved>(services, KIND, input.previewId, by.user);
  authorize(register);
  const { protectionYears } = readSettings(db);
  const run = db.transaction(() => {
    const highest = new Map<number, number>();
    let imported = 0;
    for (const r of rows) {
      if (r.status !== 'valid' || !r.fields || r.year === null || r.number === null) continue;
      const { year, number } = r;
      if (numberTaken(db, by.office, register, year, number))
        throw new AppError(
          'CONFLICT',
          `Number ${number} of ${year} (line ${r.line}) was registered since the preview; nothing was imported`,
        );
      insertDocument(
        db,
        r.fields,
        { register, year, number, registeredAt: r.registeredAt },
        by,
        protectionYears,
        input.markProcessed ? 'done' : 'pending',
      );
      highest.set(year, Math.max(highest.get(year) ?? 0, number));
      imported++;
    }
    const counters = [...highest].map(([year, number]) => {
      const { last_number: lastNumber } = stmt(
        db,
        `INSERT INTO document_counters (register, year, last_number) VALUES (?, ?, ?)
           ON CONFLICT(register, year) DO UPDATE SET last_number = max(last_number, excluded.last_number)
           RETURNING last_number`,
      ).get(register, year, number) as { last_number: number };
      return { year, lastNumber };
    });
    const result = { register, imported, invalid: rows.length - imported, counters };
    after(result);
    return result;
  });
  return run.immediate();
}

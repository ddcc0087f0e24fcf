/**
 * Checks an .xlsx file before exceljs loads it. exceljs inflates every part of the archive into
 * memory and builds an object per cell, per merged cell, per cell under a data validation or a
 * defined name, per column setting: a 10 KB file can ask it for gigabytes. So the archive is read
 * here first, from its central directory and then part by part through a streaming inflater that
 * counts what comes out (zipGuard.ts), and the sheet XML is scanned as it streams for what exceljs
 * would build. The scan errs towards refusing: it looks at every part, with or without a namespace
 * prefix, and only a false alarm, never a miss, comes from that.
 */
import {
  EXCEL_MAX_COLUMN,
  MAX_IMPORT_COLUMNS,
  MAX_XLSX_CELLS,
  MAX_XLSX_ENTRIES,
  MAX_XLSX_MERGED_CELLS,
  MAX_XLSX_MERGES,
  MAX_XLSX_RANGE_CELLS,
  MAX_XLSX_RATIO,
  MAX_XLSX_ROW,
  MAX_XLSX_ROWS,
  MAX_XLSX_UNPACKED_BYTES,
  XLSX_RATIO_FREE_BYTES,
  refuse,
} from './limits';
import { readZipEntry, zipEntries, type ArchiveKind } from './zipGuard';

export function notAWorkbook() {
  return refuse(
    'The file could not be read as an Excel workbook (.xlsx): it may be damaged or of another type.',
    'Không đọc được tệp Excel (.xlsx): tệp có thể bị hỏng hoặc không phải tệp Excel.',
  );
}

const MB = 1024 * 1024;

const WORKBOOK: ArchiveKind = {
  en: 'workbook',
  vi: 'tệp Excel',
  damaged: notAWorkbook,
  maxEntries: MAX_XLSX_ENTRIES,
  maxUnpackedBytes: MAX_XLSX_UNPACKED_BYTES,
  tooLargeAdvice: {
    en: 'split the table into several files or save it as CSV UTF-8.',
    vi: 'hãy chia bảng thành nhiều tệp hoặc lưu dạng CSV UTF-8.',
  },
  maxRatio: MAX_XLSX_RATIO,
  ratioFreeBytes: XLSX_RATIO_FREE_BYTES,
};

/** Refuses (AppError VALIDATION, one line) a workbook beyond the import's bounds; resolves otherwise. */
export async function checkXlsxBounds(data: Buffer): Promise<void> {
  const totals: Totals = { rows: 0, cells: 0, merges: 0, mergedCells: 0, rangeCells: 0 };
  for (const e of zipEntries(data, WORKBOOK)) {
    const scan = new PartScanner(totals);
    await readZipEntry(data, e, WORKBOOK, (chunk) => scan.write(chunk));
  }
}

// ---------------------------------------------------------------------------------------------
// The sheets

interface Totals {
  rows: number;
  cells: number;
  merges: number;
  mergedCells: number;
  rangeCells: number;
}

/** An interesting element's start; a namespace prefix is allowed (exceljs would skip it: a false alarm at worst). */
const TAG_START =
  /<(?:[A-Za-z_][\w.-]*:)?(c|row|dimension|mergeCell|dataValidation|col|definedName)(?=[\s/>])/g;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const R_ATTR = /\sr\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const INCOMPLETE = -1;
const MALFORMED = -2;
/** A tag this long is not a workbook's (Excel caps a formula at 8,192 characters). */
const MAX_TAG_CHARS = 1024 * 1024;

/**
 * Where the tag whose name ends at `from` ends (just past its '>'): a '>' may stand inside a
 * quoted attribute value, a '<' nowhere. INCOMPLETE when the text stops first, MALFORMED for a
 * '<' inside (not a tag: a binary part, say; an XML reader would refuse it anyway).
 */
function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 60) return MALFORMED; // '<'
    if (quote !== 0) {
      if (ch === quote) quote = 0;
    } else if (ch === 34 || ch === 39) quote = ch;
    else if (ch === 62) return i + 1; // '>'
  }
  return INCOMPLETE;
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(ATTR)) out.set(m[1] ?? '', decodeXml(m[2] ?? m[3] ?? ''));
  return out;
}

/**
 * The r attribute of a row or cell tag, the one attribute read of the many thousands of them; the
 * last when repeated, as the XML reader keeps it (it also refuses the file, but only later).
 */
function rAttribute(tag: string): string | undefined {
  let value: string | undefined;
  R_ATTR.lastIndex = 0;
  for (let m = R_ATTR.exec(tag); m; m = R_ATTR.exec(tag)) value = m[1] ?? m[2] ?? '';
  return value === undefined ? undefined : decodeXml(value);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, e: string) => {
    if (e.startsWith('#')) {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[e] ?? whole;
  });
}

/**
 * A cell reference as exceljs decodes it: capitals then digits, '$' and stray characters skipped.
 * exceljs ignores small letters; reading them as capitals only errs towards refusing.
 */
function decodeAddress(value: string): { col?: number; row?: number } {
  let col = 0;
  let row = 0;
  let hasCol = false;
  let hasRow = false;
  for (let i = 0; i < value.length; i++) {
    let ch = value.charCodeAt(i);
    if (ch >= 97 && ch <= 122) ch -= 32;
    if (!hasRow && ch >= 65 && ch <= 90) {
      hasCol = true;
      col = col * 26 + ch - 64;
    } else if (ch >= 48 && ch <= 57) {
      hasRow = true;
      row = row * 10 + ch - 48;
    } else if (hasRow && hasCol && ch !== 36) break;
  }
  return { ...(hasCol ? { col } : {}), ...(hasRow ? { row } : {}) };
}

function columnName(col: number): string {
  let name = '';
  for (let n = col; n > 0 && name.length < 8; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function beyond(what: string): Error {
  const at = what.split(' ').pop() ?? '';
  return refuse(
    `${what} lies beyond the ${MAX_IMPORT_COLUMNS} columns and ${MAX_XLSX_ROW} rows an import reads: ` +
      'delete what is there (or its formatting), or copy the table into a new workbook.',
    `Tệp Excel có dữ liệu hoặc định dạng ngoài ${MAX_IMPORT_COLUMNS} cột và ${MAX_XLSX_ROW} dòng được đọc ` +
      `(${/^Row /.test(what) ? 'dòng' : 'ô'} ${at}): hãy xóa phần đó (cả định dạng) hoặc chép bảng sang tệp Excel mới.`,
  );
}

const VI: Record<string, string> = {
  rows: 'dòng',
  cells: 'ô',
  'merged ranges': 'vùng gộp ô',
  'split it into several files.': 'hãy chia thành nhiều tệp.',
  'split it into several files or delete unused formatted cells.':
    'hãy chia thành nhiều tệp hoặc xóa định dạng ở các ô không dùng.',
  'unmerge the cells, or save the sheet as CSV UTF-8.': 'hãy bỏ gộp ô hoặc lưu trang tính dạng CSV UTF-8.',
};

function tooMany(what: string, max: number, advice: string): Error {
  return refuse(
    `The workbook has more than ${max} ${what} (an import reads at most ${max}): ${advice}`,
    `Tệp Excel có hơn ${max} ${VI[what] ?? what} (chỉ đọc tối đa ${max}): ${VI[advice] ?? advice}`,
  );
}

/** A reference as text in a message: one short line. */
function shownRef(ref: string): string {
  const clean = ref.replace(/\s+/g, ' ').trim();
  return clean.length > 60 ? clean.slice(0, 57) + '...' : clean;
}

/**
 * One part's XML, fed in chunks of any size: counts rows and cells, follows each cell's position,
 * and measures every range exceljs expands. Tags cut by a chunk boundary wait for the next chunk.
 */
class PartScanner {
  private carry = '';
  private row = 0;
  private col = 0;

  constructor(private readonly totals: Totals) {}

  write(chunk: Buffer): void {
    // Latin-1 keeps one character per byte; references and numbers are ASCII.
    const text = this.carry + chunk.toString('latin1');
    this.carry = '';
    let pos = 0;
    TAG_START.lastIndex = 0;
    for (let m = TAG_START.exec(text); m; m = TAG_START.exec(text)) {
      const name = m[1] ?? '';
      const openEnd = tagEnd(text, m.index + m[0].length);
      let end = openEnd;
      let content = '';
      if (end > 0 && name === 'definedName' && text.charCodeAt(end - 2) !== 47) {
        // Its ranges are its text, up to the closing tag (which has no '<' before it).
        const close = text.indexOf('<', end);
        const closeEnd = close < 0 ? -1 : text.indexOf('>', close);
        content = text.slice(end, close);
        end = closeEnd < 0 ? INCOMPLETE : closeEnd + 1;
      }
      if (end === MALFORMED) continue;
      if (end === INCOMPLETE) {
        // Unfinished here: the rest comes with the next chunk.
        this.carry = text.slice(m.index);
        if (this.carry.length > MAX_TAG_CHARS) throw beyondTag();
        return;
      }
      const tag = text.slice(m.index, openEnd);
      if (name === 'definedName') this.definedName(tag, content);
      else this.element(name, tag);
      pos = end;
      TAG_START.lastIndex = end;
    }
    // A tag name cut short at the end ("<mergeCe") is kept for the next chunk.
    const lt = text.lastIndexOf('<');
    if (lt >= pos && text.indexOf('>', lt) < 0 && text.length - lt <= 256) this.carry = text.slice(lt);
  }

  private element(name: string, tag: string): void {
    switch (name) {
      case 'row': {
        if (++this.totals.rows > MAX_XLSX_ROWS)
          throw tooMany('rows', MAX_XLSX_ROWS, 'split it into several files.');
        const r = parseInt(rAttribute(tag) ?? '', 10);
        this.row = Number.isNaN(r) ? this.row + 1 : r;
        this.col = 0;
        if (this.row > MAX_XLSX_ROW) throw beyond(`Row ${this.row}`);
        return;
      }
      case 'c': {
        if (++this.totals.cells > MAX_XLSX_CELLS)
          throw tooMany(
            'cells',
            MAX_XLSX_CELLS,
            'split it into several files or delete unused formatted cells.',
          );
        const ref = rAttribute(tag);
        const at = ref === undefined ? {} : decodeAddress(ref);
        this.col = at.col ?? this.col + 1;
        const row = at.row ?? this.row;
        if (this.col > MAX_IMPORT_COLUMNS || row > MAX_XLSX_ROW)
          throw beyond(`Cell ${columnName(this.col)}${row}`);
        return;
      }
    }
    const attrs = attributes(tag);
    switch (name) {
      case 'dimension':
        this.range(attrs.get('ref') ?? '', "The sheet's declared size", null);
        return;
      case 'mergeCell':
        if (++this.totals.merges > MAX_XLSX_MERGES)
          throw tooMany(
            'merged ranges',
            MAX_XLSX_MERGES,
            'unmerge the cells, or save the sheet as CSV UTF-8.',
          );
        this.range(attrs.get('ref') ?? '', 'The merged range', 'mergedCells');
        return;
      case 'dataValidation':
        // exceljs splits the list on white space and expands each range.
        for (const ref of (attrs.get('sqref') ?? '').split(/\s+/))
          if (ref) this.range(ref, 'The data validation on', 'rangeCells');
        return;
      case 'col': {
        // exceljs creates one column object from 1 to the last column named.
        const last = Math.max(
          parseInt(attrs.get('min') ?? '0', 10) || 0,
          parseInt(attrs.get('max') ?? '0', 10) || 0,
        );
        if (last > EXCEL_MAX_COLUMN) {
          throw refuse(
            `A column setting reaches column ${last}, beyond Excel's ${EXCEL_MAX_COLUMN}: the file is not an ordinary workbook.`,
            `Thiết lập cột tới cột ${last}, quá ${EXCEL_MAX_COLUMN} cột của Excel: không phải tệp Excel thông thường.`,
          );
        }
        return;
      }
    }
  }

  /** A defined name's ranges: exceljs creates an object per cell of each absolute one ($A$1:$H$20). */
  private definedName(tag: string, text: string): void {
    const name = attributes(tag).get('name') ?? '';
    for (const part of decodeXml(text).split(',')) {
      const ref = part.slice(part.lastIndexOf('!') + 1);
      if (/\$\w+\$\d+/.test(ref)) this.range(ref, `The defined name "${shownRef(name)}" on`, 'rangeCells');
    }
  }

  /** Checks a range ("A1:H20", "$A$1", "D:D") against the bounds and adds its area to what exceljs will expand. */
  private range(ref: string, what: string, expanded: 'mergedCells' | 'rangeCells' | null): void {
    const [first = '', second] = ref.split(':');
    const a = decodeAddress(first);
    const b = second === undefined ? a : decodeAddress(second);
    // A whole column or row ("D:D", "3:3") has no corners: exceljs expands nothing for it.
    if (a.col === undefined || a.row === undefined || b.col === undefined || b.row === undefined) return;
    if (Math.max(a.col, b.col) > MAX_IMPORT_COLUMNS || Math.max(a.row, b.row) > MAX_XLSX_ROW)
      throw beyond(`${what} ${shownRef(ref)}`);
    if (!expanded) return;
    this.totals[expanded] += (Math.abs(a.col - b.col) + 1) * (Math.abs(a.row - b.row) + 1);
    if (this.totals.mergedCells > MAX_XLSX_MERGED_CELLS) {
      throw refuse(
        `The workbook's merged cells cover more than ${MAX_XLSX_MERGED_CELLS} cells ` +
          `(an import reads at most ${MAX_XLSX_MERGED_CELLS}): unmerge them, or save the sheet as CSV UTF-8.`,
        `Các ô gộp phủ hơn ${MAX_XLSX_MERGED_CELLS} ô: hãy bỏ gộp ô hoặc lưu trang tính dạng CSV UTF-8.`,
      );
    }
    if (this.totals.rangeCells > MAX_XLSX_RANGE_CELLS) {
      throw refuse(
        `The workbook's data validations and defined names cover more than ${MAX_XLSX_RANGE_CELLS} cells ` +
          `(an import reads at most ${MAX_XLSX_RANGE_CELLS}): remove those over whole columns or rows.`,
        `Kiểm tra dữ liệu (data validation) và tên vùng phủ hơn ${MAX_XLSX_RANGE_CELLS} ô: hãy xóa những thiết lập áp cho cả cột hoặc cả dòng.`,
      );
    }
  }
}

function beyondTag(): Error {
  return refuse(
    `The workbook has an XML tag longer than ${MAX_TAG_CHARS / MB} MB: it is not an ordinary workbook.`,
    'Tệp Excel có cấu trúc bất thường (thẻ XML quá dài): không phải tệp Excel thông thường.',
  );
}

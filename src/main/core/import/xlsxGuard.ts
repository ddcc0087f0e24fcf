/**
 * Checks an .xlsx file before exceljs loads it. exceljs inflates every part of the archive into
 * memory and builds an object per cell, per merged cell, per cell under a data validation or a
 * defined name, per column setting: a 10 KB file can ask it for gigabytes. So the archive is read
 * here first, from its central directory and then part by part through a streaming inflater that
 * counts what comes out, and the sheet XML is scanned as it streams for what exceljs would build.
 *
 * The ZIP is read the way jszip (exceljs's reader) reads it — last end-of-central-directory record,
 * central directory sizes, data after the local header — and anything it could read differently
 * (ZIP64, prepended data, overlapping parts, other compression) is refused, so that what exceljs
 * loads is what was checked here. The scan errs towards refusing: it looks at every part, with or
 * without a namespace prefix, and only a false alarm, never a miss, comes from that.
 */
import { createInflateRaw } from 'node:zlib';
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

export function notAWorkbook() {
  return refuse(
    'The file could not be read as an Excel workbook (.xlsx): it may be damaged or of another type.',
    'Không đọc được tệp Excel (.xlsx): tệp có thể bị hỏng hoặc không phải tệp Excel.',
  );
}

const MB = 1024 * 1024;

/** Refuses (AppError VALIDATION, one line) a workbook beyond the import's bounds; resolves otherwise. */
export async function checkXlsxBounds(data: Buffer): Promise<void> {
  const entries = centralDirectory(data);
  const totals: Totals = { rows: 0, cells: 0, merges: 0, mergedCells: 0, rangeCells: 0 };
  for (const e of entries) {
    const scan = new PartScanner(totals);
    const packed = data.subarray(e.dataStart, e.dataStart + e.packedSize);
    if (e.method === 0) {
      for (let i = 0; i < packed.length; i += 64 * 1024) scan.write(packed.subarray(i, i + 64 * 1024));
    } else if (packed.length > 0) {
      await inflateCounted(packed, e, (chunk) => scan.write(chunk));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The archive

interface Entry {
  name: string;
  method: 0 | 8;
  packedSize: number;
  size: number;
  localOffset: number;
  dataStart: number;
}

const SIG_END = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

function zip64(): Error {
  return refuse(
    'The workbook is a ZIP64 archive (over 4 GB or 65535 parts), far beyond what an import reads.',
    'Tệp Excel quá lớn (trên 4 GB hoặc 65535 phần), vượt xa giới hạn nhập.',
  );
}

/** A part's name as it may appear in a message: printable, short. */
function shown(name: string): string {
  const clean = name.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 80 ? clean.slice(0, 77) + '...' : clean;
}

/** The parts of the archive with their declared sizes, each checked against the bounds before any is inflated. */
function centralDirectory(data: Buffer): Entry[] {
  // The end record is the last of its signature, within the 64 KiB a trailing comment allows.
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - MAX16); i--) {
    if (data.readUInt32LE(i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notAWorkbook();
  const disk = data.readUInt16LE(end + 4);
  const centralDisk = data.readUInt16LE(end + 6);
  const onDisk = data.readUInt16LE(end + 8);
  const count = data.readUInt16LE(end + 10);
  const centralSize = data.readUInt32LE(end + 12);
  const centralOffset = data.readUInt32LE(end + 16);
  if ([disk, centralDisk, onDisk, count].includes(MAX16) || [centralSize, centralOffset].includes(MAX32))
    throw zip64();
  if (disk !== 0 || centralDisk !== 0 || onDisk !== count) throw notAWorkbook();
  if (count > MAX_XLSX_ENTRIES) {
    throw refuse(
      `The workbook has more than ${MAX_XLSX_ENTRIES} parts (an import reads at most ${MAX_XLSX_ENTRIES}): it is not an ordinary workbook.`,
      `Tệp Excel có hơn ${MAX_XLSX_ENTRIES} phần bên trong: không phải tệp Excel thông thường.`,
    );
  }
  // No data before the archive or between the directory and its end record: offsets mean the same to every reader.
  if (centralOffset + centralSize !== end) throw notAWorkbook();

  const entries: Entry[] = [];
  let declared = 0;
  for (let p = centralOffset; p < end;) {
    if (p + 46 > end || data.readUInt32LE(p) !== SIG_CENTRAL) throw notAWorkbook();
    const flags = data.readUInt16LE(p + 8);
    const method = data.readUInt16LE(p + 10);
    const packedSize = data.readUInt32LE(p + 20);
    const size = data.readUInt32LE(p + 24);
    const nameLength = data.readUInt16LE(p + 28);
    const next = p + 46 + nameLength + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
    const diskStart = data.readUInt16LE(p + 34);
    const localOffset = data.readUInt32LE(p + 42);
    if (next > end) throw notAWorkbook();
    const name = data.toString('latin1', p + 46, p + 46 + nameLength);
    p = next;

    if (packedSize === MAX32 || size === MAX32 || localOffset === MAX32 || diskStart === MAX16) throw zip64();
    // Encrypted parts and other compression methods: exceljs cannot read them either.
    if (flags & 1 || (method !== 0 && method !== 8) || (method === 0 && packedSize !== size))
      throw notAWorkbook();
    declared += size;
    if (localOffset + 30 > centralOffset || data.readUInt32LE(localOffset) !== SIG_LOCAL)
      throw notAWorkbook();
    const dataStart =
      localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
    if (dataStart + packedSize > centralOffset) throw notAWorkbook();
    entries.push({ name, method, packedSize, size, localOffset, dataStart });
  }
  if (entries.length !== count) throw notAWorkbook();
  if (declared > MAX_XLSX_UNPACKED_BYTES) {
    throw refuse(
      `The workbook unpacks to more than ${MAX_XLSX_UNPACKED_BYTES / MB} MB (${Math.ceil(declared / MB)} MB declared): ` +
        'split the table into several files or save it as CSV UTF-8.',
      `Tệp Excel giải nén ra hơn ${MAX_XLSX_UNPACKED_BYTES / MB} MB: hãy chia bảng thành nhiều tệp hoặc lưu dạng CSV UTF-8.`,
    );
  }
  for (const e of entries) {
    if (e.size > XLSX_RATIO_FREE_BYTES && e.size > e.packedSize * MAX_XLSX_RATIO) {
      throw refuse(
        `The workbook part "${shown(e.name)}" is compressed ${Math.floor(e.size / Math.max(e.packedSize, 1))} times, ` +
          `more than the ${MAX_XLSX_RATIO} times of any real workbook: refused as a possible zip bomb.`,
        `Một phần của tệp Excel bị nén bất thường (hơn ${MAX_XLSX_RATIO} lần): tệp bị từ chối vì có thể là tệp độc hại.`,
      );
    }
  }

  // Parts sharing bytes are how the densest zip bombs are made; no writer of workbooks does it.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    if (byOffset[i]!.localOffset < prev.dataStart + prev.packedSize) throw notAWorkbook();
  }
  return entries;
}

/**
 * Inflates one part chunk by chunk, never past the size it declares: a part that lies about its
 * size is refused as soon as it says more, so the bound holds whatever the headers claim.
 */
function inflateCounted(packed: Buffer, entry: Entry, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    let out = 0;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      reject(err);
    };
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return;
      out += chunk.length;
      if (out > entry.size) {
        fail(
          refuse(
            `The workbook part "${shown(entry.name)}" unpacks to more than it declares (${entry.size} bytes): ` +
              'the file is damaged or forged.',
            'Một phần của tệp Excel giải nén ra nhiều hơn khai báo: tệp bị hỏng hoặc bị làm giả.',
          ),
        );
        return;
      }
      try {
        onChunk(chunk);
      } catch (err) {
        fail(err as Error);
      }
    });
    inflater.on('error', () => fail(notAWorkbook()));
    inflater.on('end', () => {
      if (settled) return;
      settled = true;
      if (out === entry.size) resolve();
      else reject(notAWorkbook());
    });
    inflater.end(packed);
  });
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

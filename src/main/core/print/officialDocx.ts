/**
 * Official documents as .docx in the layout of Nghị định 30/2020/NĐ-CP: A4, Times New Roman, the
 * two-column header (issuer | national motto), number and place-date line, type name and title,
 * body paragraphs and data tables, then "Nơi nhận" beside the signature. Registers, plans, reports
 * and the contacts directory all print through this one builder so they look alike.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  FileChild,
  Header,
  HeightRule,
  ImageRun,
  type IContext,
  type IFontAttributesProperties,
  type IXmlableObject,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { officialDateLine } from '../../../shared/dates';
import { textWidthOf } from './textWidth';

export type Orientation = 'portrait' | 'landscape';
export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TextSpan {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  /** Plain text, or spans when only part of the line is bold or italic. */
  text: string | readonly TextSpan[];
  bold?: boolean;
  italic?: boolean;
  align?: Align;
  /** Body text indents its first line 1.27 cm; headings ("I. MỤC ĐÍCH") pass false. */
  firstLineIndent?: boolean;
  sizePt?: number;
  /** A heading ("I. TÌNH HÌNH") keeps with the paragraph after it. */
  keepNext?: boolean;
  /** Space above the paragraph, 6 pt unless set. */
  beforePt?: number;
}

export interface TableColumn {
  header: string;
  widthMm: number;
  align?: Align;
}

/** A row spanning every column, e.g. the organisation a run of contacts belongs to. */
export interface GroupRow {
  kind: 'group';
  text: string | readonly TextSpan[];
}

/** One string per column; "\n" inside a cell starts a new line (several phone numbers). */
export type TableRowSpec = readonly string[] | GroupRow;

export interface TableBlock {
  kind: 'table';
  columns: readonly TableColumn[];
  rows: readonly TableRowSpec[];
  /** 12 pt unless set; a register's ten-odd columns need 11 to keep dates on one line. */
  sizePt?: number;
  /** Least height of a data row, leaving room for a handwritten signature in a register. */
  minRowHeightMm?: number;
  /** A row "(1) (2) … (n)" under the header, repeated with it, as on the official register forms. */
  numberedColumns?: boolean;
}

/** A PNG picture (a QR code), square, on a line of its own. */
export interface ImageBlock {
  kind: 'image';
  png: Buffer;
  sizeMm: number;
  align?: Align;
}

export type BodyBlock = ParagraphBlock | TableBlock | ImageBlock;

export interface Signer {
  /**
   * The authority and title lines, top to bottom, each on its own line: ["GIÁM ĐỐC"],
   * ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] or ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"].
   */
  lines: readonly string[];
  name: string;
}

export interface OfficialDocSpec {
  orientation: Orientation;
  /** "UBND TỈNH NGHỆ AN"; '' when the issuer has no parent body. */
  parentBody: string;
  /** "SỞ KHOA HỌC VÀ CÔNG NGHỆ". */
  issuingBody: string;
  /**
   * Only the issuer's block on the left, without the national motto, number and date: the form of
   * an internal slip (phiếu giải quyết văn bản đến).
   */
  issuerOnly?: boolean;
  /**
   * "05/KH-SKHCN" prints as is (a number below 10 gets its leading zero); "/KH-SKHCN" (or '')
   * leaves room for the number written in when the document is registered: "Số:      /KH-SKHCN".
   */
  numberSymbol: string;
  /** Place of the date line: the province or commune ("Nghệ An"), never the office. */
  place: string;
  date: Date;
  /** "KẾ HOẠCH", "DANH BẠ ĐẦU MỐI"; '' for a letter (công văn), which has no type name. */
  typeName: string;
  /** Summary (trích yếu) lines under the type name, bold and centred. */
  titleLines: readonly string[];
  body: readonly BodyBlock[];
  /** Recipients without the archive line; "- " and the ";" are added. Null: no "Nơi nhận". */
  recipients: readonly string[] | null;
  /** Drafting unit in the last recipient line "- Lưu: VT, <unit>."; '' gives "- Lưu: VT.". */
  archiveUnit: string;
  /** The signature on the right of "Nơi nhận"; null for none. */
  signer: Signer | null;
  /** Further signatures under it, two a row (the members of a council signing a record). */
  signatures?: readonly Signer[];
  /** Appendices (phụ lục), after the signature on a page of their own. */
  appendix?: readonly BodyBlock[];
}

const FONT = 'Times New Roman';
const FONT_ALL: IFontAttributesProperties = { ascii: FONT, hAnsi: FONT, eastAsia: FONT, cs: FONT };
const TWIPS_PER_MM = 1440 / 25.4;

/** A4 in twips, portrait; Word wants the swapped size plus orient="landscape" for landscape. */
const A4 = { width: 11906, height: 16838 };
const A4_MM = { width: 210, height: 297 };
const MARGIN_MM = { top: 20, bottom: 20, left: 30, right: 15 };

/** Point sizes inside the ranges Nghị định 30 allows. */
const PT = {
  parentBody: 13,
  issuingBody: 13,
  nation: 12.5,
  motto: 13,
  /** On a portrait page the header's lines take the small end of their ranges to fit the 165 mm. */
  portraitHeader: 12,
  number: 13,
  date: 14,
  typeName: 14,
  title: 14,
  body: 14,
  table: 12,
  recipientsLabel: 12,
  recipients: 11,
  signer: 14,
  pageNumber: 13,
};

/**
 * A signer from the title as typed, one line per authority level: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
 * or with "|" between the lines (the CLI): "TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH|PHÓ CHỦ TỊCH".
 */
export function signerOf(title: string, name: string): Signer {
  const lines = title
    .split(/\n|\|/)
    .map((l) => l.trim())
    .filter(Boolean);
  return { lines, name };
}

export function mmToTwips(mm: number): number {
  return Math.round(mm * TWIPS_PER_MM);
}

/** Width between the margins, for callers sizing table columns: 165 mm portrait, 252 mm landscape. */
export function textWidthMm(orientation: Orientation): number {
  const pageWidth = orientation === 'landscape' ? A4_MM.height : A4_MM.width;
  return pageWidth - MARGIN_MM.left - MARGIN_MM.right;
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

interface RunStyle {
  sizePt: number;
  bold?: boolean;
  italic?: boolean;
}

/** Every run names the font itself as well, so pasting into another document keeps Times New Roman. */
/**
 * Bold and italic are written only when set: the document's defaults are neither, and a register's
 * 10,000 cells each saved six elements saying so.
 */
function run(text: string, style: RunStyle): TextRun {
  return new TextRun({
    text,
    font: FONT_ALL,
    size: Math.round(style.sizePt * 2),
    sizeComplexScript: Math.round(style.sizePt * 2),
    ...(style.bold ? { bold: true } : {}),
    ...(style.italic ? { italics: true } : {}),
  });
}

/** The paragraph mark carries the same font and size, so an empty line is as tall as a typed one. */
function markRun(style: RunStyle): { font: IFontAttributesProperties; size: number; bold?: boolean } {
  return { font: FONT_ALL, size: Math.round(style.sizePt * 2), ...(style.bold ? { bold: true } : {}) };
}

function spans(text: string | readonly TextSpan[], style: RunStyle): TextRun[] {
  if (typeof text === 'string') return [run(text, style)];
  return text.map((s) =>
    run(s.text, { ...style, bold: s.bold ?? style.bold, italic: s.italic ?? style.italic }),
  );
}

interface LineOptions extends RunStyle {
  align?: Align;
  beforePt?: number;
  afterPt?: number;
  keepNext?: boolean;
  indentTwips?: number;
}

/** A tight single-spaced line, the building brick of the header, title and signature blocks. */
function line(text: string | readonly TextSpan[], o: LineOptions): Paragraph {
  return new Paragraph({
    alignment: ALIGN[o.align ?? 'center'],
    spacing: { before: (o.beforePt ?? 0) * 20, after: (o.afterPt ?? 0) * 20, line: 240 },
    keepNext: o.keepNext || undefined, // unset, so a row's keepNext reaches its cells
    keepLines: o.keepNext || undefined,
    ...(o.indentTwips ? { indent: { left: o.indentTwips } } : {}),
    run: markRun(o),
    children: spans(text, o),
  });
}

/**
 * A short centred rule: an empty 2 pt paragraph whose top border is narrowed by indents, which Word
 * and LibreOffice both draw the same (drawn line shapes drift between the two).
 */
function rule(widthTwips: number, ruleMm: number): Paragraph {
  const side = Math.max(0, Math.round((widthTwips - mmToTwips(ruleMm)) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 80, after: 0, line: 240 },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: markRun({ sizePt: 2 }),
    children: [],
  });
}

const NO_BORDERS = TableBorders.NONE;
const CELL_MARGIN = { top: 0, bottom: 0, left: 57, right: 57 };
/** Twips of a cell's text, between its side margins. */
const cellText = (cellTwips: number) => cellTwips - CELL_MARGIN.left - CELL_MARGIN.right;

function plainCell(children: Paragraph[], widthTwips: number): TableCell {
  return new TableCell({
    children,
    width: { size: widthTwips, type: WidthType.DXA },
    borders: NO_BORDERS,
    margins: CELL_MARGIN,
  });
}

function layoutTable(
  rows: TableRow[],
  widths: number[],
  borders = NO_BORDERS,
  indentTwips = 0,
  margins?: typeof DATA_MARGIN,
): Table {
  return new Table({
    rows,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders,
    ...(margins ? { margins } : {}),
    ...(indentTwips ? { indent: { size: indentTwips, type: WidthType.DXA } } : {}),
  });
}

const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';

/** Blank number: non-breaking spaces keep room for the number written in on registration. */
function numberLine(numberSymbol: string): string {
  // Nghị định 30/2020: numbers below 10 are written with a leading zero ("Số: 08/SKHCN-VP").
  if (/^\d/.test(numberSymbol)) return `Số: ${numberSymbol.replace(/^(\d)(?!\d)/, '0$1')}`;
  const symbol = numberSymbol.replace(/^\//, '');
  return `Số:${'\u00a0'.repeat(10)}/${symbol}`;
}

/** Widths of the header's two columns and its font sizes, per orientation. */
function headerLayout(orientation: Orientation, textTwips: number) {
  // Portrait: 70 mm for the issuer, 95 mm for the nation line, which at 12 pt (88 mm) then fits
  // inside the text width, so the block never reaches into the left margin.
  const portrait = orientation === 'portrait';
  const right = mmToTwips(portrait ? 95 : 110);
  const small = PT.portraitHeader;
  return {
    left: textTwips - right,
    right,
    parentPt: portrait ? small : PT.parentBody,
    issuerPt: portrait ? small : PT.issuingBody,
    nationPt: portrait ? small : PT.nation,
    mottoPt: PT.motto,
  };
}

/**
 * The rule under the issuer: 1/3 to 1/2 of its name (Nghị định 30/2020), taken as 0.4 of the
 * longest line the name prints on (a long name wraps inside its column).
 */
export function issuerRuleMm(issuer: string, sizePt: number, cellTwips: number): number {
  const lineMm = Math.min(textWidthOf(issuer, sizePt, true), cellText(cellTwips) / TWIPS_PER_MM);
  return lineMm * 0.4;
}

function headerBlock(spec: OfficialDocSpec, textTwips: number): Table {
  const h = headerLayout(spec.orientation, textTwips);
  const issuer = spec.issuingBody.toUpperCase();
  const leftTop = [
    ...(spec.parentBody ? [line(spec.parentBody.toUpperCase(), { sizePt: h.parentPt })] : []),
    line(issuer, { sizePt: h.issuerPt, bold: true }),
    rule(cellText(h.left), issuerRuleMm(issuer, h.issuerPt, h.left)),
  ];
  if (spec.issuerOnly) {
    return layoutTable(
      [new TableRow({ children: [plainCell(leftTop, h.left), plainCell([], h.right)] })],
      [h.left, h.right],
    );
  }
  const rightTop = [
    line(NATION, { sizePt: h.nationPt, bold: true }),
    line(MOTTO, { sizePt: h.mottoPt, bold: true }),
    // As long as the motto above it.
    rule(cellText(h.right), textWidthOf(MOTTO, h.mottoPt, true)),
  ];
  // Without a parent body the issuer sits level with the motto rather than with the nation line.
  if (!spec.parentBody) leftTop.unshift(line('', { sizePt: h.parentPt }));
  const rows = [
    new TableRow({ children: [plainCell(leftTop, h.left), plainCell(rightTop, h.right)] }),
    new TableRow({
      children: [
        plainCell([line(numberLine(spec.numberSymbol), { sizePt: PT.number, beforePt: 6 })], h.left),
        plainCell(
          [line(officialDateLine(spec.place, spec.date), { sizePt: PT.date, italic: true, beforePt: 6 })],
          h.right,
        ),
      ],
    }),
  ];
  return layoutTable(rows, [h.left, h.right]);
}

function titleBlock(spec: OfficialDocSpec, textTwips: number): Paragraph[] {
  const out: Paragraph[] = [];
  if (spec.typeName) {
    out.push(
      line(spec.typeName.toUpperCase(), { sizePt: PT.typeName, bold: true, beforePt: 18, keepNext: true }),
    );
  }
  spec.titleLines.forEach((t, i) => {
    const beforePt = i === 0 && !spec.typeName ? 18 : 0;
    out.push(line(t, { sizePt: PT.title, bold: true, beforePt, keepNext: true }));
  });
  const last = spec.titleLines[spec.titleLines.length - 1] ?? spec.typeName;
  if (last) {
    const mm = textWidthOf(last, PT.title, true);
    out.push(rule(textTwips, Math.min(Math.max(mm * 0.4, 25), 60)));
  }
  out.push(line('', { sizePt: 6 }));
  return out;
}

function bodyParagraph(b: ParagraphBlock, keepNext = false): Paragraph {
  const style: RunStyle = { sizePt: b.sizePt ?? PT.body, bold: b.bold, italic: b.italic };
  const keep = keepNext || b.keepNext;
  return new Paragraph({
    alignment: ALIGN[b.align ?? 'justify'],
    indent: b.firstLineIndent === false ? undefined : { firstLine: mmToTwips(12.7) },
    spacing: { before: (b.beforePt ?? 6) * 20, after: 0, line: 276 },
    keepNext: keep || undefined,
    keepLines: keep || undefined,
    run: markRun(style),
    children: spans(b.text, style),
  });
}

const GRID = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
/**
 * A data table's rules and cell margins, set once on the table (its inside rules too) rather than
 * on each of a 1,000-row register's 10,000 cells: the same lines on paper, a third less XML.
 */
const GRID_BORDERS = {
  top: GRID,
  bottom: GRID,
  left: GRID,
  right: GRID,
  insideHorizontal: GRID,
  insideVertical: GRID,
};
const DATA_MARGIN = { top: 30, bottom: 30, left: 80, right: 80 };

function dataCell(
  text: string | readonly TextSpan[],
  widthTwips: number,
  o: { align: Align; sizePt: number; bold?: boolean; italic?: boolean; span?: number; keepNext?: boolean },
): TableCell {
  const lines = typeof text === 'string' ? text.split('\n') : [text];
  return new TableCell({
    children: lines.map((t) =>
      line(t, { sizePt: o.sizePt, bold: o.bold, italic: o.italic, align: o.align, keepNext: o.keepNext }),
    ),
    width: { size: widthTwips, type: WidthType.DXA },
    ...(o.span ? { columnSpan: o.span } : {}),
    verticalAlign: VerticalAlign.CENTER,
  });
}

function isGroupRow(r: TableRowSpec): r is GroupRow {
  return 'kind' in r && r.kind === 'group';
}

/** "(1)", "(2)"…: the row under a register's header that numbers its columns, as the official forms do. */
export const columnNumbers = (n: number): string[] => Array.from({ length: n }, (_, i) => `(${i + 1})`);

/** Stands for a cell's text in a prepared row, where each row puts its own. */
const MARK = '\u0001';

/** The keys from a prepared XML object down to the string `text` inside it. */
function pathTo(node: unknown, text: string): (string | number)[] | null {
  if (node === text) return [];
  if (typeof node !== 'object' || node === null) return null;
  for (const [k, v] of Object.entries(node)) {
    const rest = pathTo(v, text);
    if (rest) return [Array.isArray(node) ? Number(k) : k, ...rest];
  }
  return null;
}

/** A copy of a prepared object with `text` at `path`: only the objects on the path are new. */
function withText(node: unknown, path: readonly (string | number)[], text: string, at = 0): unknown {
  if (at === path.length) return text;
  const key = path[at] as string | number;
  if (Array.isArray(node)) {
    const copy = [...node];
    copy[key as number] = withText(node[key as number], path, text, at + 1);
    return copy;
  }
  const obj = node as Record<string, unknown>;
  return { ...obj, [key]: withText(obj[key], path, text, at + 1) };
}

/** A cell prepared once: its properties, and its one paragraph with the text's place in it. */
interface CellTemplate {
  head: unknown[];
  paragraph: unknown;
  path: (string | number)[];
}

/**
 * A data table whose rows are written from prepared XML objects. Through docx each cell is a dozen
 * objects (cell, paragraph, run and their properties), each turned into XML objects in turn, which
 * cost seconds for a 1,000-row register (bench/results.md). Here one row of each kind is built with
 * docx and prepared once, and every row copies it with its own texts, so the XML is the same.
 */
class PreparedRowsTable extends FileChild {
  constructor(
    private readonly table: Table,
    private readonly rows: readonly { cells: readonly string[]; template: TableRow }[],
    private readonly others: ReadonlyMap<number, TableRow>,
  ) {
    super('w:tbl');
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    const prepared = this.table.prepForXml(context);
    const body = prepared?.['w:tbl'] as unknown[] | undefined;
    if (!body) return prepared;
    const templates = new Map<TableRow, { head: unknown[]; cells: CellTemplate[] }>();
    const templateOf = (row: TableRow) => {
      let t = templates.get(row);
      if (!t) {
        const parts = (row.prepForXml(context)?.['w:tr'] ?? []) as Record<string, unknown>[];
        const cells = parts
          .filter((p) => 'w:tc' in p)
          .map((p, i) => {
            const [paragraph, ...head] = [...(p['w:tc'] as unknown[])].reverse();
            const path = pathTo(paragraph, `${MARK}${i}`);
            if (!path) throw new Error('A prepared cell has no place for its text');
            return { head: head.reverse(), paragraph, path };
          });
        t = { head: parts.filter((p) => !('w:tc' in p)), cells };
        templates.set(row, t);
      }
      return t;
    };
    this.rows.forEach((r, index) => {
      const other = this.others.get(index);
      if (other) {
        body.push(other.prepForXml(context));
        return;
      }
      const t = templateOf(r.template);
      body.push({
        'w:tr': [
          ...t.head,
          ...t.cells.map((c, i) => ({
            'w:tc': [
              ...c.head,
              ...(r.cells[i] ?? '').split('\n').map((text) => withText(c.paragraph, c.path, text)),
            ],
          })),
        ],
      });
    });
    return prepared;
  }
}

function dataTable(b: TableBlock, orientation: Orientation, keepEndWithNext = false): FileChild {
  const totalMm = b.columns.reduce((sum, c) => sum + c.widthMm, 0);
  // Wider than the text would run off the paper edge in print; a caller bug, so fail loudly.
  if (totalMm > textWidthMm(orientation) + 1) {
    throw new Error(`Table columns total ${totalMm} mm, wider than the ${textWidthMm(orientation)} mm text`);
  }
  const widths = b.columns.map((c) => mmToTwips(c.widthMm));
  const sizePt = b.sizePt ?? PT.table;
  const total = widths.reduce((a, w) => a + w, 0);
  const header = new TableRow({
    tableHeader: true, // Word and LibreOffice repeat it on every page the table runs onto
    cantSplit: true,
    children: b.columns.map((c, i) =>
      dataCell(c.header, widths[i] ?? 0, { align: 'center', sizePt, bold: true }),
    ),
  });
  const numbered = b.numberedColumns
    ? [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: columnNumbers(b.columns.length).map((n, i) =>
            dataCell(n, widths[i] ?? 0, { align: 'center', sizePt: sizePt - 1, italic: true }),
          ),
        }),
      ]
    : [];
  // The last two rows keep with what follows, so the closing never starts a page alone.
  const keepFrom = keepEndWithNext ? b.rows.length - 2 : Infinity;
  const dataRow = (keepNext: boolean) =>
    new TableRow({
      cantSplit: true,
      ...(b.minRowHeightMm
        ? { height: { value: mmToTwips(b.minRowHeightMm), rule: HeightRule.ATLEAST } }
        : {}),
      children: b.columns.map((c, i) =>
        dataCell(`${MARK}${i}`, widths[i] ?? 0, { align: c.align ?? 'left', sizePt, keepNext }),
      ),
    });
  const plain = dataRow(false);
  const kept = dataRow(true);
  const groups = new Map<number, TableRow>();
  const rows = b.rows.map((r, index) => {
    if (!isGroupRow(r)) return { cells: r, template: index >= keepFrom ? kept : plain };
    groups.set(
      index,
      new TableRow({
        cantSplit: true,
        keepNext: true, // a group heading never ends a page without its first row
        children: [dataCell(r.text, total, { align: 'left', sizePt, bold: true, span: b.columns.length })],
      }),
    );
    return { cells: [], template: plain };
  });
  return new PreparedRowsTable(
    layoutTable([header, ...numbered], widths, GRID_BORDERS, 0, DATA_MARGIN),
    rows,
    groups,
  );
}

function recipientLines(recipients: readonly string[], archiveUnit: string): string[] {
  const clean = recipients.map((r) => r.replace(/^\s*-\s*/, '').replace(/[;.,\s]+$/, ''));
  const archive = archiveUnit ? `Lưu: VT, ${archiveUnit}.` : 'Lưu: VT.';
  return [...clean.map((r) => `- ${r};`), `- ${archive}`];
}

/** A signature: each authority line on its own line, room to sign, then the name. */
function signatureLines(signer: Signer): Paragraph[] {
  const s = PT.signer;
  return [
    ...signer.lines.map((l) => line(l.toUpperCase(), { sizePt: s, bold: true, keepNext: true })),
    ...Array.from({ length: 4 }, () => line('', { sizePt: s, keepNext: true })),
    line(signer.name, { sizePt: s, bold: true }),
  ];
}

/**
 * "Nơi nhận" bottom-left level with the signature bottom-right, one row that never splits; then any
 * further signatures two a row.
 */
function closingBlock(spec: OfficialDocSpec, textTwips: number): Table[] {
  const right = mmToTwips(90);
  const left = textTwips - right;
  const received = spec.recipients
    ? [
        line('Nơi nhận:', { sizePt: PT.recipientsLabel, bold: true, italic: true, align: 'left' }),
        ...recipientLines(spec.recipients, spec.archiveUnit).map((r) =>
          line(r, { sizePt: PT.recipients, align: 'left' }),
        ),
      ]
    : [];
  const out: Table[] = [];
  if (spec.recipients || spec.signer) {
    const row = new TableRow({
      cantSplit: true,
      children: [plainCell(received, left), plainCell(spec.signer ? signatureLines(spec.signer) : [], right)],
    });
    out.push(layoutTable([row], [left, right]));
  }
  const more = spec.signatures ?? [];
  if (more.length) {
    const half = Math.round(textTwips / 2);
    const rows: TableRow[] = [];
    for (let i = 0; i < more.length; i += 2) {
      const pair = [more[i], more[i + 1]];
      rows.push(
        new TableRow({
          cantSplit: true,
          children: pair.map((sg) =>
            plainCell(sg ? [line('', { sizePt: 10 }), ...signatureLines(sg)] : [], half),
          ),
        }),
      );
    }
    out.push(layoutTable(rows, [half, textTwips - half]));
  }
  return out;
}

/** Page numbers centred in the top margin, none on the first page (Nghị định 30). */
function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: [PageNumber.CURRENT],
            font: FONT_ALL,
            size: PT.pageNumber * 2,
          }),
        ],
      }),
    ],
  });
}

/** Page size and margins of every section: A4 in the given orientation, Nghị định 30 margins. */
function pageProperties(orientation: Orientation) {
  return {
    size: {
      width: A4.width,
      height: A4.height,
      orientation: orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
    },
    margin: {
      top: mmToTwips(MARGIN_MM.top),
      bottom: mmToTwips(MARGIN_MM.bottom),
      left: mmToTwips(MARGIN_MM.left),
      right: mmToTwips(MARGIN_MM.right),
      header: mmToTwips(10),
      footer: mmToTwips(10),
    },
  };
}

const STYLES = {
  default: { document: { run: { font: FONT_ALL, size: PT.body * 2, language: { value: 'vi-VN' } } } },
};

/**
 * The body. With keepEndWithNext its last lines (the last two paragraphs, or a closing table's last
 * two rows) keep with what follows, so the signature block never stands alone on a page.
 */
function bodyElements(
  blocks: readonly BodyBlock[],
  orientation: Orientation,
  keepEndWithNext = false,
): FileChild[] {
  const out: FileChild[] = [];
  const lastTable = blocks.length - 1 - [...blocks].reverse().findIndex((b) => b.kind === 'table');
  const endsWithTable = blocks[blocks.length - 1]?.kind === 'table';
  blocks.forEach((b, i) => {
    if (b.kind === 'paragraph') {
      out.push(bodyParagraph(b, keepEndWithNext && i >= blocks.length - 2));
      return;
    }
    if (b.kind === 'image') {
      out.push(imageParagraph(b));
      return;
    }
    const keepTable = keepEndWithNext && endsWithTable && i === lastTable;
    // A little air around tables; the spacer after also stops Word merging two adjacent tables.
    if (blocks[i - 1]?.kind === 'paragraph') out.push(line('', { sizePt: 6 }));
    out.push(dataTable(b, orientation, keepTable));
    out.push(line('', { sizePt: 6, keepNext: keepTable }));
  });
  return out;
}

/** Pixels at 96 dpi, what docx sizes pictures in. */
const PX_PER_MM = 96 / 25.4;

function imageParagraph(b: ImageBlock): Paragraph {
  const px = Math.round(b.sizeMm * PX_PER_MM);
  return new Paragraph({
    alignment: ALIGN[b.align ?? 'center'],
    keepNext: true,
    children: [new ImageRun({ type: 'png', data: b.png, transformation: { width: px, height: px } })],
  });
}

export async function buildOfficialDocx(spec: OfficialDocSpec): Promise<Buffer> {
  const textTwips = mmToTwips(textWidthMm(spec.orientation));
  const closing = closingBlock(spec, textTwips);
  const doc = new Document({
    creator: 'TTLL Desk',
    title: [spec.typeName, ...spec.titleLines].filter(Boolean).join(' - '),
    styles: STYLES,
    sections: [
      {
        properties: { titlePage: true, page: pageProperties(spec.orientation) },
        headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({})] }) },
        children: [
          headerBlock(spec, textTwips),
          ...titleBlock(spec, textTwips),
          ...bodyElements(spec.body, spec.orientation, closing.length > 0),
          ...(closing.length ? [line('', { sizePt: 6, keepNext: true }), ...closing] : []),
          ...(spec.appendix?.length
            ? [new Paragraph({ pageBreakBefore: true }), ...bodyElements(spec.appendix, spec.orientation)]
            : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The cover of a bound book (Nghị định 30, Phụ lục IV: "bìa sổ"). */
export interface BookCover {
  /** Secrecy mark stamped in red above the title ("MẬT"); '' for an ordinary book. */
  secrecyMark: string;
  /** "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN". */
  title: string;
  /** "Năm 2026" first (printed larger), then the period, number range and "Quyển số". */
  lines: readonly string[];
}

export interface BookSpec {
  orientation: Orientation;
  parentBody: string;
  issuingBody: string;
  cover: BookCover;
  /** The pages after the cover, numbered from 1. */
  body: readonly BodyBlock[];
}

const RED = 'C00000';

/** The issuer's name centred at the top of the cover, as on a register's bìa sổ. */
function coverIssuer(spec: BookSpec, textTwips: number): Paragraph[] {
  const issuer = spec.issuingBody.toUpperCase();
  return [
    ...(spec.parentBody ? [line(spec.parentBody.toUpperCase(), { sizePt: PT.parentBody })] : []),
    line(spec.issuingBody.toUpperCase(), { sizePt: PT.issuingBody, bold: true }),
    rule(textTwips, issuerRuleMm(issuer, PT.issuingBody, textTwips)),
  ];
}

/** The secrecy mark: bold capitals in a red box narrowed by indents, as the stamp looks on paper. */
function secrecyStamp(mark: string, textTwips: number): Paragraph {
  const edge = { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 };
  const side = Math.max(0, Math.round((textTwips - mmToTwips(textWidthOf(mark, 16, true) + 10)) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    border: { top: edge, bottom: edge, left: edge, right: edge },
    spacing: { before: 0, after: 360, line: 240 },
    children: [new TextRun({ text: mark, font: FONT_ALL, size: 32, bold: true, color: RED })],
  });
}

/**
 * A bound book: a cover page without a page number, then a section whose pages are numbered from 1
 * in the top margin, so the numbers match the book's own pages.
 */
export async function buildBookDocx(spec: BookSpec): Promise<Buffer> {
  const textTwips = mmToTwips(textWidthMm(spec.orientation));
  const [first, ...rest] = spec.cover.lines;
  // The title on one line: 26 pt, smaller when a portrait page is too narrow for it.
  const title = spec.cover.title.toUpperCase();
  const titlePt = Math.max(
    16,
    Math.min(26, Math.floor((26 * (textWidthMm(spec.orientation) - 10)) / textWidthOf(title, 26, true))),
  );
  const cover = [
    ...coverIssuer(spec, textTwips),
    line('', { sizePt: 14, beforePt: 100 }),
    ...(spec.cover.secrecyMark ? [secrecyStamp(spec.cover.secrecyMark, textTwips)] : []),
    line(title, { sizePt: titlePt, bold: true, afterPt: 18 }),
    ...(first ? [line(first, { sizePt: 18, bold: true, afterPt: 12 })] : []),
    ...rest.map((l) => line(l, { sizePt: 14, afterPt: 6 })),
  ];
  const doc = new Document({
    creator: 'TTLL Desk',
    title: spec.cover.title,
    styles: STYLES,
    sections: [
      {
        properties: { page: pageProperties(spec.orientation) },
        headers: { default: new Header({ children: [new Paragraph({})] }) },
        children: cover,
      },
      {
        properties: { page: { ...pageProperties(spec.orientation), pageNumbers: { start: 1 } } },
        headers: { default: pageNumberHeader() },
        children: bodyElements(spec.body, spec.orientation),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

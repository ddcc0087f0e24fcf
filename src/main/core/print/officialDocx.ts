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
  Header,
  HeightRule,
  type IFontAttributesProperties,
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
}

export type BodyBlock = ParagraphBlock | TableBlock;

export interface Signer {
  /** "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", ... or '' when the head signs in person. */
  authority: string;
  /** "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC", ... */
  title: string;
  name: string;
}

export interface OfficialDocSpec {
  orientation: Orientation;
  /** "UBND TỈNH NGHỆ AN"; '' when the issuer has no parent body. */
  parentBody: string;
  /** "SỞ KHOA HỌC VÀ CÔNG NGHỆ". */
  issuingBody: string;
  /**
   * "05/KH-SKHCN" prints as is; "/KH-SKHCN" (or '') leaves room for the number written in when the
   * document is registered: "Số:      /KH-SKHCN".
   */
  numberSymbol: string;
  /** Place of the date line: "Nghệ An". */
  place: string;
  date: Date;
  /** "KẾ HOẠCH", "DANH BẠ ĐẦU MỐI"; '' for a letter (công văn), which has no type name. */
  typeName: string;
  /** Summary (trích yếu) lines under the type name, bold and centred. */
  titleLines: readonly string[];
  body: readonly BodyBlock[];
  /** Recipients without the archive line; "- " and the ";" are added. */
  recipients: readonly string[];
  /** Unit in the last recipient line "- Lưu: VT, <unit>."; '' gives "- Lưu: VT.". */
  archiveUnit: string;
  signer: Signer;
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

/** "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" (two lines: on the head's behalf) or "GIÁM ĐỐC" as a Signer's title lines. */
export function splitSigner(title: string): Pick<Signer, 'authority' | 'title'> {
  const lines = title
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length >= 2) return { authority: lines[0] ?? '', title: lines.slice(1).join(' ') };
  return { authority: '', title: lines[0] ?? '' };
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
function run(text: string, style: RunStyle): TextRun {
  return new TextRun({
    text,
    font: FONT_ALL,
    size: Math.round(style.sizePt * 2),
    sizeComplexScript: Math.round(style.sizePt * 2),
    bold: style.bold ?? false,
    italics: style.italic ?? false,
  });
}

/** The paragraph mark carries the same font and size, so an empty line is as tall as a typed one. */
function markRun(style: RunStyle): { font: IFontAttributesProperties; size: number; bold: boolean } {
  return { font: FONT_ALL, size: Math.round(style.sizePt * 2), bold: style.bold ?? false };
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
}

/** A tight single-spaced line, the building brick of the header, title and signature blocks. */
function line(text: string | readonly TextSpan[], o: LineOptions): Paragraph {
  return new Paragraph({
    alignment: ALIGN[o.align ?? 'center'],
    spacing: { before: (o.beforePt ?? 0) * 20, after: (o.afterPt ?? 0) * 20, line: 240 },
    keepNext: o.keepNext || undefined, // unset, so a row's keepNext reaches its cells
    run: markRun(o),
    children: spans(text, o),
  });
}

/**
 * A short centred rule: an empty 2 pt paragraph whose top border is narrowed by indents, which Word
 * and LibreOffice both draw the same (drawn line shapes drift between the two).
 */
function rule(cellWidthTwips: number, ruleMm: number): Paragraph {
  const side = Math.max(0, Math.round((cellWidthTwips - mmToTwips(ruleMm)) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 80, after: 0, line: 240 },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: markRun({ sizePt: 2 }),
    children: [],
  });
}

/**
 * Rough printed width of a line in Times New Roman, enough to size the rules (Nghị định 30: the rule
 * under the issuer is 1/3 to 1/2 of its line, the one under the motto as long as the motto).
 */
function estimateWidthMm(text: string, sizePt: number, bold: boolean): number {
  let em = 0;
  for (const ch of text) {
    if (ch === ' ') em += 0.25;
    else if (/[-.,:;]/.test(ch)) em += 0.3;
    else if (ch === ch.toUpperCase() && ch !== ch.toLowerCase()) em += bold ? 0.74 : 0.69;
    else em += 0.47;
  }
  return (em * sizePt * 25.4) / 72;
}

const NO_BORDERS = TableBorders.NONE;
const CELL_MARGIN = { top: 0, bottom: 0, left: 57, right: 57 };

function plainCell(children: Paragraph[], widthTwips: number): TableCell {
  return new TableCell({
    children,
    width: { size: widthTwips, type: WidthType.DXA },
    borders: NO_BORDERS,
    margins: CELL_MARGIN,
  });
}

function layoutTable(rows: TableRow[], widths: number[], borders = NO_BORDERS, indentTwips = 0): Table {
  return new Table({
    rows,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders,
    ...(indentTwips ? { indent: { size: indentTwips, type: WidthType.DXA } } : {}),
  });
}

const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';

/** Blank number: non-breaking spaces keep room for the number written in on registration. */
function numberLine(numberSymbol: string): string {
  if (/^\d/.test(numberSymbol)) return `Số: ${numberSymbol}`;
  const symbol = numberSymbol.replace(/^\//, '');
  return `Số:${'\u00a0'.repeat(10)}/${symbol}`;
}

function headerBlock(spec: OfficialDocSpec, textTwips: number): Table {
  // "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" needs about 95 mm and "SỞ KHOA HỌC VÀ CÔNG NGHỆ" about 70 mm,
  // more than the 165 mm of a portrait page: there the block reaches 10 mm into the left margin, as
  // the usual templates do, rather than break the issuer's name.
  const portrait = spec.orientation === 'portrait';
  const outdent = portrait ? mmToTwips(10) : 0;
  const right = mmToTwips(portrait ? 98 : 140);
  const left = textTwips + outdent - right;
  const issuerMm = estimateWidthMm(spec.issuingBody.toUpperCase(), PT.issuingBody, true);
  const leftTop = [
    ...(spec.parentBody ? [line(spec.parentBody.toUpperCase(), { sizePt: PT.parentBody })] : []),
    line(spec.issuingBody.toUpperCase(), { sizePt: PT.issuingBody, bold: true }),
    rule(left, Math.min(Math.max(issuerMm * 0.4, 18), 40)),
  ];
  const rightTop = [
    line(NATION, { sizePt: PT.nation, bold: true }),
    line(MOTTO, { sizePt: PT.motto, bold: true }),
    rule(right, estimateWidthMm(MOTTO, PT.motto, true)),
  ];
  // Without a parent body the issuer sits level with the motto rather than with the nation line.
  if (!spec.parentBody) leftTop.unshift(line('', { sizePt: PT.parentBody }));
  const rows = [
    new TableRow({ children: [plainCell(leftTop, left), plainCell(rightTop, right)] }),
    new TableRow({
      children: [
        plainCell([line(numberLine(spec.numberSymbol), { sizePt: PT.number, beforePt: 6 })], left),
        plainCell(
          [line(officialDateLine(spec.place, spec.date), { sizePt: PT.date, italic: true, beforePt: 6 })],
          right,
        ),
      ],
    }),
  ];
  return layoutTable(rows, [left, right], NO_BORDERS, -outdent);
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
    const mm = estimateWidthMm(last, PT.title, true);
    out.push(rule(textTwips, Math.min(Math.max(mm * 0.4, 25), 60)));
  }
  out.push(line('', { sizePt: 6 }));
  return out;
}

function bodyParagraph(b: ParagraphBlock): Paragraph {
  const style: RunStyle = { sizePt: b.sizePt ?? PT.body, bold: b.bold, italic: b.italic };
  return new Paragraph({
    alignment: ALIGN[b.align ?? 'justify'],
    indent: b.firstLineIndent === false ? undefined : { firstLine: mmToTwips(12.7) },
    spacing: { before: 120, after: 0, line: 276 },
    run: markRun(style),
    children: spans(b.text, style),
  });
}

const GRID = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const GRID_BORDERS = { top: GRID, bottom: GRID, left: GRID, right: GRID };
const DATA_MARGIN = { top: 30, bottom: 30, left: 80, right: 80 };

function dataCell(
  text: string | readonly TextSpan[],
  widthTwips: number,
  o: { align: Align; sizePt: number; bold?: boolean; span?: number },
): TableCell {
  const lines = typeof text === 'string' ? text.split('\n') : [text];
  return new TableCell({
    children: lines.map((t) => line(t, { sizePt: o.sizePt, bold: o.bold, align: o.align })),
    width: { size: widthTwips, type: WidthType.DXA },
    columnSpan: o.span ?? 1,
    verticalAlign: VerticalAlign.CENTER,
    borders: GRID_BORDERS,
    margins: DATA_MARGIN,
  });
}

function isGroupRow(r: TableRowSpec): r is GroupRow {
  return 'kind' in r && r.kind === 'group';
}

function dataTable(b: TableBlock, orientation: Orientation): Table {
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
  const rows = b.rows.map((r) => {
    if (isGroupRow(r)) {
      return new TableRow({
        cantSplit: true,
        keepNext: true, // a group heading never ends a page without its first row
        children: [dataCell(r.text, total, { align: 'left', sizePt, bold: true, span: b.columns.length })],
      });
    }
    return new TableRow({
      cantSplit: true,
      ...(b.minRowHeightMm
        ? { height: { value: mmToTwips(b.minRowHeightMm), rule: HeightRule.ATLEAST } }
        : {}),
      children: b.columns.map((c, i) =>
        dataCell(r[i] ?? '', widths[i] ?? 0, { align: c.align ?? 'left', sizePt }),
      ),
    });
  });
  return layoutTable([header, ...rows], widths, GRID_BORDERS);
}

function recipientLines(spec: OfficialDocSpec): string[] {
  const clean = spec.recipients.map((r) => r.replace(/^\s*-\s*/, '').replace(/[;.,\s]+$/, ''));
  const archive = spec.archiveUnit ? `Lưu: VT, ${spec.archiveUnit}.` : 'Lưu: VT.';
  return [...clean.map((r) => `- ${r};`), `- ${archive}`];
}

/** "Nơi nhận" bottom-left level with the signature bottom-right, kept on one page. */
function closingBlock(spec: OfficialDocSpec, textTwips: number): Table {
  const right = mmToTwips(90);
  const left = textTwips - right;
  const received = [
    line('Nơi nhận:', { sizePt: PT.recipientsLabel, bold: true, italic: true, align: 'left' }),
    ...recipientLines(spec).map((r) => line(r, { sizePt: PT.recipients, align: 'left' })),
  ];
  const s = PT.signer;
  const signature = [
    ...(spec.signer.authority ? [line(spec.signer.authority.toUpperCase(), { sizePt: s, bold: true })] : []),
    line(spec.signer.title.toUpperCase(), { sizePt: s, bold: true }),
    ...Array.from({ length: 4 }, () => line('', { sizePt: s })),
    line(spec.signer.name, { sizePt: s, bold: true }),
  ];
  const row = new TableRow({
    cantSplit: true,
    children: [plainCell(received, left), plainCell(signature, right)],
  });
  return layoutTable([row], [left, right]);
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

function bodyElements(blocks: readonly BodyBlock[], orientation: Orientation): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'paragraph') {
      out.push(bodyParagraph(b));
      return;
    }
    // A little air around tables; the spacer after also stops Word merging two adjacent tables.
    if (blocks[i - 1]?.kind === 'paragraph') out.push(line('', { sizePt: 6 }));
    out.push(dataTable(b, orientation));
    out.push(line('', { sizePt: 6 }));
  });
  return out;
}

export async function buildOfficialDocx(spec: OfficialDocSpec): Promise<Buffer> {
  const textTwips = mmToTwips(textWidthMm(spec.orientation));
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
          ...bodyElements(spec.body, spec.orientation),
          line('', { sizePt: 6 }),
          closingBlock(spec, textTwips),
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
  /** "Năm 2026" first (printed larger), then the period and number range. */
  lines: readonly string[];
  /** Small italic line at the foot: which official form the book follows. */
  footnote: string;
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
  const issuerMm = estimateWidthMm(spec.issuingBody.toUpperCase(), PT.issuingBody, true);
  return [
    ...(spec.parentBody ? [line(spec.parentBody.toUpperCase(), { sizePt: PT.parentBody })] : []),
    line(spec.issuingBody.toUpperCase(), { sizePt: PT.issuingBody, bold: true }),
    rule(textTwips, Math.min(Math.max(issuerMm * 0.4, 18), 40)),
  ];
}

/** The secrecy mark: bold capitals in a red box narrowed by indents, as the stamp looks on paper. */
function secrecyStamp(mark: string, textTwips: number): Paragraph {
  const edge = { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 };
  const side = Math.max(0, Math.round((textTwips - mmToTwips(estimateWidthMm(mark, 16, true) + 10)) / 2));
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
  const cover = [
    ...coverIssuer(spec, textTwips),
    line('', { sizePt: 14, beforePt: 100 }),
    ...(spec.cover.secrecyMark ? [secrecyStamp(spec.cover.secrecyMark, textTwips)] : []),
    line(spec.cover.title.toUpperCase(), { sizePt: 26, bold: true, afterPt: 18 }),
    ...(first ? [line(first, { sizePt: 18, bold: true, afterPt: 12 })] : []),
    ...rest.map((l) => line(l, { sizePt: 14, afterPt: 6 })),
    line(spec.cover.footnote, { sizePt: 11, italic: true, beforePt: 150 }),
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

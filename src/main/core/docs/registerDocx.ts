/**
 * Printed registers as bound books (a cover, then landscape pages of the layout's table) and the
 * leader's list of overdue entries, both through the Nghị định 30 builder.
 */
import type { Clearance, OfficeProfile } from '../../../shared/contract';
import { formatDate } from '../../../shared/dates';
import { draftingUnitOf, issuer } from '../print/office';
import {
  buildBookDocx,
  buildOfficialDocx,
  signerOf,
  type TableColumn,
  type TableRowSpec,
} from '../print/officialDocx';
import type { RegisterLayout } from './registerLayouts';
import { LEVEL_VI, type OverdueRow, type PrintRow } from './registerRows';

export interface RegisterPrint {
  office: OfficeProfile;
  layout: RegisterLayout;
  year: number;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  rows: readonly PrintRow[];
  /** Highest level among the rows, stamped on the cover of a book holding classified entries. */
  highest: Clearance;
  /** "Quyển số" on the cover; dots to write it in by hand when not given. */
  volume?: number;
}

export async function buildRegisterDocx(p: RegisterPrint): Promise<Buffer> {
  const columns: TableColumn[] = p.layout.columns.map((c) => ({
    header: c.header,
    widthMm: c.widthMm,
    align: c.align,
  }));
  const rows: TableRowSpec[] = p.rows.map((r) =>
    p.layout.columns.map((c) => (c.field === 'blank' ? '' : (r.cells[c.field] ?? ''))),
  );
  if (rows.length === 0) rows.push({ kind: 'group', text: 'Không có mục nào trong kỳ.' });
  const first = p.rows[0];
  const last = p.rows[p.rows.length - 1];
  const { parentBody, issuingBody } = issuer(p.office);
  return buildBookDocx({
    orientation: p.layout.orientation,
    parentBody,
    issuingBody,
    cover: {
      secrecyMark: p.highest === 'none' ? '' : LEVEL_VI[p.highest].toUpperCase(),
      title: p.layout.title,
      lines: [
        `Năm ${p.year}`,
        `Từ ngày ${formatDate(p.from)} đến ngày ${formatDate(p.to)}`,
        first && last ? `Từ số ${first.number} đến số ${last.number}` : 'Từ số ........ đến số ........',
        `Quyển số: ${p.volume ? String(p.volume).padStart(2, '0') : '........'}`,
      ],
    },
    body: [
      {
        kind: 'table',
        columns,
        rows,
        sizePt: p.layout.fontPt,
        minRowHeightMm: 11,
        numberedColumns: p.layout.numberedColumns,
      },
    ],
  });
}

const REGISTER_VI: Record<string, string> = {
  in: 'Sổ đến',
  out: 'Sổ đi',
  'secret-in': 'Sổ mật đến',
  'secret-out': 'Sổ mật đi',
};

/** Portrait widths filling the 165 mm text. */
const OVERDUE_COLUMNS: readonly TableColumn[] = [
  { header: 'Số đến', widthMm: 18, align: 'center' },
  { header: 'Số ký hiệu', widthMm: 28, align: 'center' },
  { header: 'Trích yếu', widthMm: 50 },
  { header: 'Người xử lý', widthMm: 27 },
  { header: 'Hạn xử lý', widthMm: 24, align: 'center' },
  { header: 'Quá hạn (ngày)', widthMm: 18, align: 'center' },
];

export interface OverduePrint {
  office: OfficeProfile;
  now: Date;
  /** YYYY-MM-DD of today in Vietnam, from which days overdue are counted. */
  today: string;
  /** Entries the printing user may read (the handler leaves out the others). */
  rows: readonly OverdueRow[];
  /** Signer's title lines ("TRƯỞNG PHÒNG", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"); "NGƯỜI LẬP" when ''. */
  signerTitle: string;
  signerName: string;
  draftingUnit?: string;
}

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

export async function buildOverdueDocx(p: OverduePrint): Promise<Buffer> {
  const rows: TableRowSpec[] = p.rows.map((r) => {
    return [
      `${r.number}\n${REGISTER_VI[r.register] ?? r.register}`,
      r.symbol,
      r.summary,
      r.handler,
      formatDate(r.deadline),
      String(daysBetween(r.deadline, p.today)),
    ];
  });
  if (rows.length === 0) rows.push({ kind: 'group', text: 'Không có văn bản nào quá hạn xử lý.' });
  return buildOfficialDocx({
    orientation: 'portrait',
    ...issuer(p.office),
    numberSymbol: `/DS-${p.office.code}`,
    date: p.now,
    typeName: 'DANH SÁCH VĂN BẢN QUÁ HẠN XỬ LÝ',
    titleLines: [`Tính đến ngày ${formatDate(p.now)}`],
    body: [{ kind: 'table', columns: OVERDUE_COLUMNS, rows, sizePt: 11 }],
    recipients: ['Lãnh đạo (để chỉ đạo)'],
    archiveUnit: draftingUnitOf(p.office, p.draftingUnit),
    signer: signerOf(p.signerTitle || 'NGƯỜI LẬP', p.signerName),
  });
}

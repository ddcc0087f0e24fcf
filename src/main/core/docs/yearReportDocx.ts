/**
 * The yearly report on protecting state secrets (DOMAIN.md): an official BÁO CÁO in its four
 * sections (situation, results, shortcomings, proposals), each the text the leader edited (the
 * defaults otherwise), with the counts by level in the results: classified documents received,
 * sent, copied, recalled, declassified and destroyed in the report period.
 */
import {
  YEAR_REPORT_DEFAULT_SECTIONS,
  type OfficeProfile,
  type YearReport,
  type YearReportSections,
} from '../../../shared/contract';
import { formatDate } from '../../../shared/dates';
import { draftingUnitOf, issuer } from '../print/office';
import {
  buildOfficialDocx,
  type BodyBlock,
  signerOf,
  type TableColumn,
  textWidthMm,
} from '../print/officialDocx';

const LEVELS = ['tuyet-mat', 'toi-mat', 'mat'] as const;
const ROWS: readonly [keyof YearReport, string][] = [
  ['received', 'Tài liệu, vật chứa bí mật nhà nước nhận đến'],
  ['sent', 'Tài liệu, vật chứa bí mật nhà nước phát hành'],
  ['copied', 'Bản sao, trích sao tài liệu bí mật nhà nước'],
  ['recalled', 'Tài liệu bí mật nhà nước thu hồi'],
  ['declassified', 'Tài liệu bí mật nhà nước được giải mật'],
  ['destroyed', 'Tài liệu, vật chứa bí mật nhà nước tiêu hủy'],
];

const COLUMNS: readonly TableColumn[] = [
  { header: 'TT', widthMm: 12, align: 'center' },
  { header: 'Nội dung', widthMm: 65 },
  { header: 'Tuyệt mật', widthMm: 22, align: 'center' },
  { header: 'Tối mật', widthMm: 22, align: 'center' },
  { header: 'Mật', widthMm: 22, align: 'center' },
  { header: 'Tổng số', widthMm: 22, align: 'center' },
];

export interface YearReportPrint {
  report: YearReport;
  office: OfficeProfile;
  sections: YearReportSections;
  signerTitle: string;
  signerName: string;
  draftingUnit?: string;
  /** Further recipients after the provincial police. */
  recipients?: readonly string[];
  at: Date;
}

/** A section's text as paragraphs: one per line, blank lines dropped. */
function paragraphs(text: string): BodyBlock[] {
  return text
    .split(/\r?\n/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => ({ kind: 'paragraph', text: t }));
}

const heading = (text: string): BodyBlock => ({
  kind: 'paragraph',
  text,
  bold: true,
  firstLineIndent: false,
  keepNext: true,
});

export async function buildYearReportDocx(p: YearReportPrint): Promise<Buffer> {
  const width = COLUMNS.reduce((a, c) => a + c.widthMm, 0);
  if (width !== textWidthMm('portrait')) throw new Error(`Year report columns total ${width} mm`);
  const { report } = p;
  const text = (k: keyof YearReportSections) => p.sections[k]?.trim() || YEAR_REPORT_DEFAULT_SECTIONS[k];
  const rows = ROWS.map(([key, label], i) => {
    const counts = report[key] as Record<(typeof LEVELS)[number], number>;
    const total = LEVELS.reduce((a, l) => a + counts[l], 0);
    return [String(i + 1), label, ...LEVELS.map((l) => String(counts[l])), String(total)];
  });
  const proposals = paragraphs(text('proposals'));
  // An official text ends with "./." after its last word.
  const lastProposal = proposals[proposals.length - 1];
  if (lastProposal?.kind === 'paragraph' && typeof lastProposal.text === 'string')
    lastProposal.text = lastProposal.text.replace(/[.\s]*(\.\/\.)?$/, './.');
  return buildOfficialDocx({
    orientation: 'portrait',
    ...issuer(p.office),
    numberSymbol: `/BC-${p.office.code}`,
    date: p.at,
    typeName: 'BÁO CÁO',
    titleLines: [`Công tác bảo vệ bí mật nhà nước năm ${report.year}`],
    body: [
      {
        kind: 'paragraph',
        text: `Kỳ báo cáo: từ ngày ${formatDate(report.from)} đến ngày ${formatDate(report.to)}.`,
        italic: true,
        align: 'center',
        firstLineIndent: false,
      },
      heading('I. TÌNH HÌNH'),
      ...paragraphs(text('situation')),
      heading('II. KẾT QUẢ THỰC HIỆN'),
      ...paragraphs(text('results')),
      { kind: 'table', columns: COLUMNS, rows },
      heading('III. TỒN TẠI, HẠN CHẾ'),
      ...paragraphs(text('shortcomings')),
      heading('IV. ĐỀ XUẤT, KIẾN NGHỊ'),
      ...proposals,
    ],
    recipients: ['Công an tỉnh (PA03)', ...(p.recipients ?? [])],
    archiveUnit: draftingUnitOf(p.office, p.draftingUnit),
    signer: signerOf(p.signerTitle, p.signerName),
  });
}

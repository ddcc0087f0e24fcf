/**
 * The yearly report on protecting state secrets (DOMAIN.md): an official BÁO CÁO whose table gives,
 * by level, how many classified documents were received, sent, copied, recalled, declassified and
 * destroyed in the report period.
 */
import type { OfficeProfile, YearReport } from '../../../shared/contract';
import { formatDate } from '../../../shared/dates';
import { buildOfficialDocx, splitSigner, type TableColumn, textWidthMm } from '../print/officialDocx';

const LEVELS = ['tuyet-mat', 'toi-mat', 'mat'] as const;
const ROWS: readonly [keyof YearReport, string][] = [
  ['received', 'Tài liệu mật nhận đến'],
  ['sent', 'Tài liệu mật phát hành'],
  ['copied', 'Bản sao, trích sao tài liệu mật'],
  ['recalled', 'Tài liệu mật thu hồi'],
  ['declassified', 'Tài liệu mật được giải mật'],
  ['destroyed', 'Tài liệu mật tiêu hủy'],
];

const COLUMNS: readonly TableColumn[] = [
  { header: 'TT', widthMm: 12, align: 'center' },
  { header: 'Nội dung', widthMm: 65 },
  { header: 'Tuyệt mật', widthMm: 22, align: 'center' },
  { header: 'Tối mật', widthMm: 22, align: 'center' },
  { header: 'Mật', widthMm: 22, align: 'center' },
  { header: 'Tổng số', widthMm: 22, align: 'center' },
];

export async function buildYearReportDocx(
  report: YearReport,
  office: OfficeProfile,
  signerTitle: string,
  signerName: string,
  at = new Date(),
): Promise<Buffer> {
  const width = COLUMNS.reduce((a, c) => a + c.widthMm, 0);
  if (width !== textWidthMm('portrait')) throw new Error(`Year report columns total ${width} mm`);
  const rows = ROWS.map(([key, label], i) => {
    const counts = report[key] as Record<(typeof LEVELS)[number], number>;
    const total = LEVELS.reduce((a, l) => a + counts[l], 0);
    return [String(i + 1), label, ...LEVELS.map((l) => String(counts[l])), String(total)];
  });
  return buildOfficialDocx({
    orientation: 'portrait',
    parentBody: office.parentOffice,
    issuingBody: office.name,
    numberSymbol: `/BC-${office.code}`,
    place: office.province,
    date: at,
    typeName: 'BÁO CÁO',
    titleLines: [`Công tác bảo vệ bí mật nhà nước năm ${report.year}`],
    body: [
      {
        kind: 'paragraph',
        text: `Kỳ báo cáo: từ ngày ${formatDate(report.from)} đến ngày ${formatDate(report.to)}. Số liệu lấy từ sổ đăng ký văn bản mật, sổ sao chụp và các quyết định thu hồi, giải mật, tiêu hủy đã ghi nhận.`,
        firstLineIndent: true,
      },
      { kind: 'paragraph', text: 'I. SỐ LIỆU TÀI LIỆU MẬT', bold: true, firstLineIndent: false },
      { kind: 'table', columns: COLUMNS, rows },
    ],
    recipients: ['Công an tỉnh (PA03)'],
    archiveUnit: office.code,
    signer: { ...splitSigner(signerTitle), name: signerName },
  });
}

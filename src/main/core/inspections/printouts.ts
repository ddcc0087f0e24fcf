/**
 * BIÊN BẢN KIỂM TRA of one inspection and BÁO CÁO kết quả kiểm tra of a round, through the shared
 * Nghị định 30 builder (A4 portrait, Times New Roman); the round's figures also as XLSX.
 */
import ExcelJS from 'exceljs';
import type { InspectionDetail, OfficeProfile, UnitKind } from '../../../shared/contract';
import { isoToTyped } from '../../../shared/dates';
import { dash, heading, para } from '../print/blocks';
import { draftingUnitOf, issuer } from '../print/office';
import {
  type BodyBlock,
  buildOfficialDocx,
  type Signer,
  type TableColumn,
  textWidthMm,
} from '../print/officialDocx';
import type { RoundData } from './round';

export const RESULT_VI = { dat: 'Đạt', 'khong-dat': 'Không đạt', 'khong-ap-dung': 'Không áp dụng' } as const;
export const SEVERITY_VI = { high: 'Nghiêm trọng', medium: 'Trung bình', low: 'Nhẹ' } as const;
export const UNIT_KIND_VI: Record<UnitKind, string> = {
  telecom: 'Doanh nghiệp viễn thông',
  postal: 'Doanh nghiệp bưu chính',
  radio: 'Tần số vô tuyến điện',
  commune: 'Xã, phường',
};

/** Checks that a table's widths fill the 165 mm of a portrait page. */
function portraitColumns(columns: readonly TableColumn[]): readonly TableColumn[] {
  const total = columns.reduce((a, c) => a + c.widthMm, 0);
  if (total !== textWidthMm('portrait')) throw new Error(`Columns total ${total} mm`);
  return columns;
}

const RESULT_COLUMNS = portraitColumns([
  { header: 'TT', widthMm: 10, align: 'center' },
  { header: 'Nội dung kiểm tra', widthMm: 75 },
  { header: 'Kết quả', widthMm: 25, align: 'center' },
  { header: 'Ghi chú', widthMm: 55 },
]);

export async function buildRecordDocx(d: InspectionDetail, office: OfficeProfile): Promise<Buffer> {
  const i = d.inspection;
  const team = i.teamNames.filter(Boolean);
  const self = new Map((d.selfReport?.answers ?? []).map((a) => [a.key, a]));
  const findings = d.findings;
  const body: BodyBlock[] = [
    para(
      `Hôm nay, ngày ${isoToTyped(i.date)}${i.place ? `, tại ${i.place}` : ''}, ${office.name} tiến hành kiểm tra công tác bảo đảm thông tin liên lạc tại ${i.orgName}${i.reinspectionOf ? ' (kiểm tra lại)' : ''}.`,
    ),
    heading('I. THÀNH PHẦN'),
    heading('1. Đoàn kiểm tra'),
    ...(team.length ? team.map(dash) : [dash(office.name)]),
    heading('2. Đơn vị được kiểm tra'),
    dash(`${i.orgName}; đại diện: ........................................`),
    heading('II. NỘI DUNG VÀ KẾT QUẢ KIỂM TRA'),
    para(`Nội dung kiểm tra theo danh mục: ${i.checklistName}.`),
    {
      kind: 'table',
      columns: RESULT_COLUMNS,
      rows: d.items.map((it) => {
        const own = self.get(it.key);
        const selfNote = own?.result ? `Tự kiểm tra: ${RESULT_VI[own.result]}` : '';
        return [
          String(it.no),
          it.requirement,
          it.result ? RESULT_VI[it.result] : 'Chưa kiểm tra',
          [it.notes, selfNote].filter(Boolean).join('\n'),
        ];
      }),
    },
    heading('III. TỒN TẠI, HẠN CHẾ'),
    ...(findings.length
      ? findings.map((f, n) =>
          para(
            `${n + 1}. ${f.description}${f.itemNo ? ` (nội dung ${f.itemNo})` : ''}; mức độ: ${SEVERITY_VI[f.severity].toLowerCase()}.`,
          ),
        )
      : [para('Không phát hiện tồn tại, hạn chế.')]),
    heading('IV. KIẾN NGHỊ'),
    ...(findings.some((f) => f.recommendation || f.actions.length)
      ? findings.flatMap((f, n) => [
          ...(f.recommendation ? [para(`${n + 1}. ${f.recommendation}`)] : []),
          ...f.actions.map((a) =>
            dash(
              `${a.text}${a.ownerName ? `; thực hiện: ${a.ownerName}` : ''}; thời hạn: ${isoToTyped(a.deadline)}.`,
            ),
          ),
        ])
      : [para('Không có kiến nghị.')]),
    para(
      'Biên bản được lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản; các bên đã đọc lại và thống nhất ký tên dưới đây.',
    ),
  ];
  return buildOfficialDocx({
    orientation: 'portrait',
    ...issuer(office),
    numberSymbol: `/BB-${office.code}`,
    // A record is dated the day it was made: the inspection's.
    date: new Date(`${i.date}T00:00:00+07:00`),
    typeName: 'BIÊN BẢN',
    titleLines: [`Kiểm tra công tác bảo đảm thông tin liên lạc tại ${i.orgName}`],
    body,
    recipients: null,
    archiveUnit: draftingUnitOf(office),
    signer: null,
    signatures: [
      { lines: ['ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA'], name: '' },
      { lines: ['TRƯỞNG ĐOÀN KIỂM TRA'], name: team[0] ?? '' },
    ],
  });
}

const KIND_COLUMNS = portraitColumns([
  { header: 'Loại đơn vị', widthMm: 45 },
  { header: 'Số cuộc', widthMm: 20, align: 'center' },
  { header: 'Số nội dung', widthMm: 25, align: 'center' },
  { header: 'Đạt', widthMm: 25, align: 'center' },
  { header: 'Không đạt', widthMm: 25, align: 'center' },
  { header: 'Không áp dụng', widthMm: 25, align: 'center' },
]);
const OVERDUE_COLUMNS = portraitColumns([
  { header: 'TT', widthMm: 10, align: 'center' },
  { header: 'Đơn vị', widthMm: 45 },
  { header: 'Biện pháp khắc phục', widthMm: 80 },
  { header: 'Thời hạn', widthMm: 30, align: 'center' },
]);

export async function buildRoundDocx(
  eventName: string,
  r: RoundData,
  office: OfficeProfile,
  signer: Signer,
  at: Date,
): Promise<Buffer> {
  const sev = (['high', 'medium', 'low'] as const).map(
    (s) => `${SEVERITY_VI[s].toLowerCase()} ${r.openBySeverity[s]}`,
  );
  const body: BodyBlock[] = [
    para(
      `Thực hiện kế hoạch bảo đảm thông tin liên lạc phục vụ ${eventName}, ${office.name} báo cáo kết quả kiểm tra, tự kiểm tra như sau:`,
    ),
    heading('I. KẾT QUẢ CHUNG'),
    dash(`Số cuộc kiểm tra theo kế hoạch: ${r.planned}; đã kiểm tra: ${r.done}; đã kết thúc: ${r.closed}.`),
    dash(`Số đơn vị đã gửi báo cáo tự kiểm tra: ${r.selfInspected}.`),
    heading('II. KẾT QUẢ THEO LOẠI ĐƠN VỊ'),
    {
      kind: 'table',
      columns: KIND_COLUMNS,
      rows: r.byKind.length
        ? r.byKind.map((k) => [
            UNIT_KIND_VI[k.unitKind],
            String(k.inspections),
            String(k.items),
            String(k.passed),
            String(k.failed),
            String(k.notApplicable),
          ])
        : [{ kind: 'group', text: 'Chưa có cuộc kiểm tra.' }],
    },
    heading('III. TỒN TẠI CHƯA KHẮC PHỤC'),
    para(`Tổng số ${r.openFindings.length} tồn tại chưa khắc phục (${sev.join('; ')}).`),
    ...r.openFindings.map((f) =>
      dash(`${f.orgName}: ${f.description} (${SEVERITY_VI[f.severity].toLowerCase()}).`),
    ),
    heading('IV. BIỆN PHÁP KHẮC PHỤC QUÁ HẠN'),
    r.overdue.length
      ? {
          kind: 'table',
          columns: OVERDUE_COLUMNS,
          rows: r.overdue.map((a, n) => [String(n + 1), a.orgName, a.text, isoToTyped(a.deadline)]),
        }
      : para('Không có biện pháp khắc phục quá hạn.'),
  ];
  return buildOfficialDocx({
    orientation: 'portrait',
    ...issuer(office),
    numberSymbol: `/BC-${office.code}`,
    date: at,
    typeName: 'BÁO CÁO',
    titleLines: [`Kết quả kiểm tra bảo đảm thông tin liên lạc phục vụ ${eventName}`],
    body,
    recipients: ['Lãnh đạo cơ quan'],
    archiveUnit: draftingUnitOf(office),
    signer,
  });
}

export async function roundXlsx(eventName: string, r: RoundData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TTLL Desk';
  const sum = wb.addWorksheet('Tổng hợp');
  sum.columns = [{ width: 40 }, { width: 14 }];
  sum.addRow([`Kết quả kiểm tra: ${eventName}`]).font = { bold: true };
  for (const [label, value] of [
    ['Theo kế hoạch', r.planned],
    ['Đã kiểm tra', r.done],
    ['Đã kết thúc', r.closed],
    ['Đơn vị tự kiểm tra', r.selfInspected],
    ['Tồn tại nghiêm trọng chưa khắc phục', r.openBySeverity.high],
    ['Tồn tại trung bình chưa khắc phục', r.openBySeverity.medium],
    ['Tồn tại nhẹ chưa khắc phục', r.openBySeverity.low],
    ['Biện pháp khắc phục quá hạn', r.overdueActions],
  ] as const)
    sum.addRow([label, value]);
  const kinds = wb.addWorksheet('Theo loại đơn vị', { views: [{ state: 'frozen', ySplit: 1 }] });
  kinds.columns = KIND_COLUMNS.map((c) => ({ header: c.header, width: c.widthMm / 2 }));
  kinds.getRow(1).font = { bold: true };
  for (const k of r.byKind)
    kinds.addRow([UNIT_KIND_VI[k.unitKind], k.inspections, k.items, k.passed, k.failed, k.notApplicable]);
  const open = wb.addWorksheet('Tồn tại', { views: [{ state: 'frozen', ySplit: 1 }] });
  open.columns = [
    { header: 'Đơn vị', width: 36 },
    { header: 'Mức độ', width: 14 },
    { header: 'Tồn tại', width: 60 },
    { header: 'Kiến nghị', width: 60 },
  ];
  open.getRow(1).font = { bold: true };
  for (const f of r.openFindings)
    open.addRow([f.orgName, SEVERITY_VI[f.severity], f.description, f.recommendation]);
  const late = wb.addWorksheet('Quá hạn', { views: [{ state: 'frozen', ySplit: 1 }] });
  late.columns = [
    { header: 'Đơn vị', width: 36 },
    { header: 'Biện pháp khắc phục', width: 60 },
    { header: 'Thời hạn', width: 14 },
  ];
  late.getRow(1).font = { bold: true };
  for (const a of r.overdue) late.addRow([a.orgName, a.text, isoToTyped(a.deadline)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

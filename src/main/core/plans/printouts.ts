/**
 * The plan as an official KẾ HOẠCH laid out like seed 000 (A4 portrait, through the shared ND30
 * builder), the progress report (BÁO CÁO) of a reporting period, and the tasks as XLSX.
 */
import ExcelJS from 'exceljs';
import type { OfficeProfile, Plan, Task } from '../../../shared/contract';
import { formatDate, isoToTyped } from '../../../shared/dates';
import { draftingUnitOf, issuer } from '../print/office';
import {
  type BodyBlock,
  buildOfficialDocx,
  signerOf,
  type TableColumn,
  type TableRowSpec,
  textWidthMm,
} from '../print/officialDocx';

const heading = (text: string): BodyBlock => ({
  kind: 'paragraph',
  text,
  bold: true,
  firstLineIndent: false,
  keepNext: true,
});
const para = (text: string): BodyBlock => ({
  kind: 'paragraph',
  text,
  align: 'justify',
  firstLineIndent: true,
});
const dash = (text: string) => para(`- ${text}`);

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

/** "Hoàn thành trước ngày 14/01/2026", else the computed last due date. */
function deadlineOf(t: Task): string {
  return t.deadlineText || (t.lastDue ? `Trước ngày ${isoToTyped(t.lastDue)}` : '');
}
const leadOf = (t: Task) => t.leadOrgName ?? t.leadText;
const coordinatingOf = (t: Task) => t.coordinatingOrgNames.filter(Boolean).join('; ') || t.coordinatingText;

/** Tasks under their headings, each with a)–đ) lettered fields, as seed 000 writes them. */
function numberedTasks(tasks: readonly Task[]): BodyBlock[] {
  const out: BodyBlock[] = [];
  let section: string | null = null;
  tasks.forEach((t, i) => {
    if (t.section && t.section !== section) out.push(heading(t.section));
    section = t.section;
    const lines = [t.content, ...t.subItems.map((s) => `- ${s}`)].filter(Boolean);
    out.push({
      kind: 'paragraph',
      text: [{ text: `Nhiệm vụ ${i + 1}: `, bold: true }, { text: t.title }],
      align: 'justify',
      firstLineIndent: true,
    });
    if (lines.length) out.push(para(`a) Nội dung: ${lines.join('\n')}`));
    out.push(para(`b) Cơ quan chủ trì: ${leadOf(t)}`));
    if (coordinatingOf(t)) out.push(para(`c) Cơ quan phối hợp: ${coordinatingOf(t)}`));
    out.push(para(`d) Thời gian thực hiện: ${deadlineOf(t)}`));
    if (t.product) out.push(para(`đ) Sản phẩm dự kiến: ${t.product}`));
  });
  return out;
}

/** The same tasks as one table; the widths fill the 165 mm of a portrait page. */
const TASK_COLUMNS: readonly TableColumn[] = [
  { header: 'TT', widthMm: 10, align: 'center' },
  { header: 'Nội dung nhiệm vụ', widthMm: 50 },
  { header: 'Chủ trì', widthMm: 28 },
  { header: 'Phối hợp', widthMm: 28 },
  { header: 'Thời hạn', widthMm: 27, align: 'center' },
  { header: 'Sản phẩm', widthMm: 22 },
];

function taskTable(tasks: readonly Task[]): BodyBlock {
  const total = TASK_COLUMNS.reduce((a, c) => a + c.widthMm, 0);
  if (total !== textWidthMm('portrait')) throw new Error(`Task columns total ${total} mm`);
  const rows: TableRowSpec[] = [];
  let section: string | null = null;
  tasks.forEach((t, i) => {
    if (t.section && t.section !== section) rows.push({ kind: 'group', text: t.section });
    section = t.section;
    rows.push([
      String(i + 1),
      [t.title, ...t.subItems.map((s) => `- ${s}`)].join('\n'),
      leadOf(t),
      coordinatingOf(t),
      deadlineOf(t),
      t.product,
    ]);
  });
  return { kind: 'table', columns: TASK_COLUMNS, rows };
}

export async function buildPlanDocx(
  plan: Plan,
  tasks: readonly Task[],
  office: OfficeProfile,
  layout: 'numbered' | 'table',
  at: Date,
): Promise<Buffer> {
  const d = plan.doc;
  const head = issuer(office);
  let n = 0;
  const part = (title: string) => heading(`${ROMAN[n++]}. ${title.toUpperCase()}`);
  const body: BodyBlock[] = [
    ...d.legalBases.map(para),
    ...(d.intro ? [para(d.intro)] : []),
    part('Mục đích, yêu cầu'),
    heading('1. Mục đích'),
    ...d.purpose.map(dash),
    heading('2. Yêu cầu'),
    ...d.requirements.map(dash),
    part(d.tasksHeading || 'Nội dung kế hoạch'),
    ...(layout === 'table' ? [taskTable(tasks)] : numberedTasks(tasks)),
    ...(d.budget ? [part('Kinh phí thực hiện'), para(d.budget)] : []),
    ...(d.duties.length
      ? [
          part('Tổ chức thực hiện'),
          ...d.duties.flatMap((u, i) => [heading(`${i + 1}. ${u.unit}`), ...u.items.map(dash)]),
        ]
      : []),
    ...(d.closing ? [para(d.closing)] : []),
  ];
  const appendix: BodyBlock[] = d.appendices.flatMap((a) => [
    { kind: 'paragraph', text: a.title.toUpperCase(), bold: true, align: 'center', firstLineIndent: false },
    ...(a.subtitle
      ? [{ kind: 'paragraph' as const, text: a.subtitle, bold: true, align: 'center' as const }]
      : []),
    {
      kind: 'paragraph',
      text: `(Kèm theo Kế hoạch số ${d.numberSymbol || '/KH'}${d.issuedOn ? ` ngày ${isoToTyped(d.issuedOn)}` : ''} của ${d.issuingBody || head.issuingBody})`,
      italic: true,
      align: 'center',
    },
    ...a.sections.flatMap((s) => [heading(s.heading), ...s.items.map(dash)]),
  ]);
  return buildOfficialDocx({
    orientation: 'portrait',
    parentBody: d.parentBody || head.parentBody,
    issuingBody: d.issuingBody || head.issuingBody,
    place: d.place || head.place,
    numberSymbol: d.numberSymbol,
    date: d.issuedOn ? new Date(`${d.issuedOn}T00:00:00+07:00`) : at,
    typeName: 'KẾ HOẠCH',
    titleLines: [d.title],
    body,
    recipients: d.recipients,
    archiveUnit: d.archiveUnit || draftingUnitOf(office),
    signer: { lines: d.signer.lines, name: d.signer.name },
    appendix,
  });
}

export interface ProgressReportData {
  eventName: string;
  period: string;
  periodEnd: string;
  tasks: readonly Task[];
  notReported: readonly string[];
  signerTitle: string;
  signerName: string;
  draftingUnit?: string | undefined;
}

const REPORT_COLUMNS: readonly TableColumn[] = [
  { header: 'TT', widthMm: 10, align: 'center' },
  { header: 'Nhiệm vụ', widthMm: 60 },
  { header: 'Chủ trì', widthMm: 35 },
  { header: 'Thời hạn', widthMm: 25, align: 'center' },
  { header: 'Tiến độ', widthMm: 35 },
];

function reportRows(tasks: readonly Task[]): TableRowSpec[] {
  if (tasks.length === 0) return [{ kind: 'group', text: [{ text: 'Không có.', bold: false }] }];
  return tasks.map((t, i) => [
    String(i + 1),
    t.title,
    leadOf(t),
    t.nextDue ? isoToTyped(t.nextDue) : t.lastDue ? isoToTyped(t.lastDue) : deadlineOf(t),
    t.lastReport ? `${t.lastReport.percent}% (${isoToTyped(t.lastReport.period)})` : `${t.percent}%`,
  ]);
}

/** BÁO CÁO tình hình thực hiện of one period: done, in progress, late, and who has not reported. */
export async function buildProgressDocx(
  r: ProgressReportData,
  office: OfficeProfile,
  at: Date,
): Promise<Buffer> {
  const done = r.tasks.filter((t) => t.status === 'done' || t.lastReport?.status === 'done');
  const late = r.tasks.filter((t) => t.overdue && !done.includes(t));
  const running = r.tasks.filter((t) => !done.includes(t) && !late.includes(t) && t.status !== 'cancelled');
  const table = (tasks: readonly Task[]): BodyBlock => ({
    kind: 'table',
    columns: REPORT_COLUMNS,
    rows: reportRows(tasks),
  });
  const body: BodyBlock[] = [
    para(
      `Thực hiện ${r.eventName}, ${office.name} báo cáo tình hình thực hiện các nhiệm vụ trong kỳ từ ngày ${isoToTyped(r.period)} đến ngày ${isoToTyped(r.periodEnd)} như sau:`,
    ),
    heading('I. KẾT QUẢ THỰC HIỆN'),
    para(
      `Tổng số ${r.tasks.length} nhiệm vụ: đã hoàn thành ${done.length}, đang thực hiện ${running.length}, chậm so với thời hạn ${late.length}.`,
    ),
    heading(`1. Nhiệm vụ đã hoàn thành (${done.length})`),
    table(done),
    heading(`2. Nhiệm vụ đang thực hiện (${running.length})`),
    table(running),
    heading(`3. Nhiệm vụ chậm so với thời hạn (${late.length})`),
    table(late),
    heading('II. ĐƠN VỊ CHƯA BÁO CÁO TRONG KỲ'),
    ...(r.notReported.length ? r.notReported.map(dash) : [para('Tất cả các đơn vị đã báo cáo.')]),
  ];
  return buildOfficialDocx({
    orientation: 'portrait',
    ...issuer(office),
    numberSymbol: `/BC-${office.code}`,
    date: at,
    typeName: 'BÁO CÁO',
    titleLines: [
      `Tình hình thực hiện kế hoạch ${r.eventName} (kỳ ${formatDate(`${r.period}T00:00:00+07:00`)})`,
    ],
    body,
    recipients: ['Lãnh đạo cơ quan'],
    archiveUnit: draftingUnitOf(office, r.draftingUnit),
    signer: signerOf(r.signerTitle, r.signerName),
  });
}

const STATUS_VI: Record<Task['status'], string> = {
  todo: 'Chưa thực hiện',
  'in-progress': 'Đang thực hiện',
  done: 'Đã hoàn thành',
  cancelled: 'Hủy bỏ',
};

export async function tasksXlsx(tasks: readonly Task[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TTLL Desk';
  const sheet = wb.addWorksheet('Nhiệm vụ', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'TT', width: 6 },
    { header: 'Mục', width: 8 },
    { header: 'Nhiệm vụ', width: 50 },
    { header: 'Kế hoạch', width: 40 },
    { header: 'Chủ trì', width: 30 },
    { header: 'Phối hợp', width: 30 },
    { header: 'Thời hạn (theo kế hoạch)', width: 28 },
    { header: 'Hạn tiếp theo', width: 14 },
    { header: 'Sản phẩm', width: 24 },
    { header: 'Trạng thái', width: 16 },
    { header: 'Tiến độ (%)', width: 10 },
    { header: 'Quá hạn', width: 9 },
    { header: 'Báo cáo gần nhất', width: 16 },
    { header: 'Ghi chú', width: 30 },
  ];
  sheet.getRow(1).font = { bold: true };
  tasks.forEach((t, i) =>
    sheet.addRow([
      i + 1,
      t.code,
      t.title,
      t.planTitle,
      leadOf(t),
      coordinatingOf(t),
      deadlineOf(t),
      t.nextDue ? isoToTyped(t.nextDue) : '',
      t.product,
      STATUS_VI[t.status],
      t.lastReport?.percent ?? t.percent,
      t.overdue ? 'Có' : '',
      t.lastReport ? isoToTyped(t.lastReport.period) : '',
      t.notes,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

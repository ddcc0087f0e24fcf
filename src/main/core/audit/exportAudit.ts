/**
 * The audit log, filtered as on screen, as an XLSX workbook for an inspection: every matching
 * entry (newest first) with what it is about in words. The export itself is an audited act.
 */
import ExcelJS from 'exceljs';
import { auditContract, type AuditListEntry } from '../../../shared/contract';
import { fileStamp, formatDateTime } from '../../../shared/dates';
import { defineHandlers } from '../handler';
import { listAudit } from './auditLog';
import { withTargetLabels } from './targetLabels';
import { withholdAbove } from './withheld';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** An export past this many entries is refused in favour of a narrower period (memory, Excel). */
export const AUDIT_EXPORT_MAX = 200_000;

/** The details column of an entry about a document above the reader's clearance (audit/withheld.ts). */
const WITHHELD_VI = 'Đã ẩn: thuộc văn bản có độ mật cao hơn độ mật được phép xem';

const OUTCOME_VI: Record<AuditListEntry['outcome'], string> = {
  ok: 'Thành công',
  denied: 'Bị từ chối',
  failed: 'Không thành công',
};

export async function auditXlsx(
  entries: readonly AuditListEntry[],
  actionLabels: Readonly<Record<string, string>>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TTLL Desk';
  const sheet = wb.addWorksheet('Nhật ký', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Số thứ tự', width: 10 },
    { header: 'Thời gian', width: 18 },
    { header: 'Người thực hiện', width: 16 },
    { header: 'Thao tác', width: 34 },
    { header: 'Mã thao tác', width: 26 },
    { header: 'Đối tượng', width: 44 },
    { header: 'Loại đối tượng', width: 14 },
    { header: 'Mã đối tượng', width: 38 },
    { header: 'Kết quả', width: 16 },
    { header: 'Chi tiết', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 10 } };
  for (const e of entries)
    sheet.addRow([
      e.seq,
      formatDateTime(e.at),
      e.actor,
      actionLabels[e.action] ?? e.action,
      e.action,
      e.label ?? '',
      e.targetType,
      e.targetId,
      OUTCOME_VI[e.outcome],
      e.withheld ? WITHHELD_VI : JSON.stringify(e.details),
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const auditExportHandlers = defineHandlers(auditContract)({
  'audit.export': {
    run: async (ctx, input) => {
      const { actionLabels = {}, ...filter } = input;
      const page = listAudit(ctx.db, { ...filter, limit: AUDIT_EXPORT_MAX, offset: 0 });
      const now = ctx.now();
      const shown = withholdAbove(ctx.db, page, ctx.user.clearance);
      const data = await auditXlsx(withTargetLabels(ctx.db, shown).items, actionLabels);
      ctx.tx(() =>
        ctx.audit({
          action: 'audit.export',
          targetType: 'audit',
          targetId: 'log',
          details: { ...filter, rows: page.items.length, total: page.total },
        }),
      );
      return {
        fileName: `nhat-ky-${fileStamp(now)}.xlsx`,
        mime: XLSX_MIME,
        dataBase64: data.toString('base64'),
      };
    },
  },
});

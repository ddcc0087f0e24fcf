import { inspectionsContract } from '../../../shared/contract';
import { fileStamp, vnIsoDate } from '../../../shared/dates';
import { defineHandlers } from '../handler';
import { DOCX_MIME } from '../print/mime';
import { signerOf } from '../print/officialDocx';
import { EVENT_RECORDS, getLive } from '../plans/store';
import { inspectionDetail } from './store';
import { roundData } from './round';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The printouts' module is loaded on first print: docx and exceljs are large and most sessions never print.
export const inspectionsPrintHandlers = defineHandlers(inspectionsContract)({
  'inspections.print': {
    run: async (ctx, input) => {
      const detail = inspectionDetail(ctx.db, input.id, vnIsoDate(ctx.now()));
      const { buildRecordDocx } = await import('./printouts');
      const data = await buildRecordDocx(detail, ctx.office);
      ctx.tx(() =>
        ctx.audit({
          action: 'inspections.print',
          targetType: 'inspection',
          targetId: input.id,
          details: { items: detail.items.length, findings: detail.findings.length },
        }),
      );
      return {
        fileName: `bien-ban-kiem-tra-${fileStamp(ctx.now())}.docx`,
        mime: DOCX_MIME,
        dataBase64: data.toString('base64'),
      };
    },
  },
  'inspections.report': {
    run: async (ctx, input) => {
      const ev = getLive(ctx.db, EVENT_RECORDS, input.eventId);
      const round = roundData(ctx.db, ev.id, vnIsoDate(ctx.now()));
      const { buildRoundDocx, roundXlsx } = await import('./printouts');
      const data =
        input.format === 'xlsx'
          ? await roundXlsx(ev.name, round)
          : await buildRoundDocx(
              ev.name,
              round,
              ctx.office,
              signerOf(input.signerTitle, input.signerName),
              ctx.now(),
            );
      ctx.tx(() =>
        ctx.audit({
          action: 'inspections.print',
          targetType: 'event',
          targetId: ev.id,
          details: { report: 'round', format: input.format, inspections: round.planned },
        }),
      );
      return {
        fileName: `bao-cao-kiem-tra-${fileStamp(ctx.now())}.${input.format}`,
        mime: input.format === 'xlsx' ? XLSX_MIME : DOCX_MIME,
        dataBase64: data.toString('base64'),
      };
    },
  },
});

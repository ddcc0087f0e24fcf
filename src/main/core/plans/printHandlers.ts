import { plansContract } from '../../../shared/contract';
import { fileStamp, vnIsoDate } from '../../../shared/dates';
import { defineHandlers } from '../handler';
import { DOCX_MIME } from '../print/mime';
import { calendarOf } from './dueIndex';
import { EVENT_RECORDS, getLive, PLAN_RECORDS, planView, reportingScope } from './store';
import { listTasks, overview, periodHolding } from './views';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ALL = { view: 'all', query: '', sort: 'plan' } as const;

// The printouts' module is loaded on first print: docx and exceljs are large and most sessions never print.
export const plansPrintHandlers = defineHandlers(plansContract)({
  'plans.print': {
    run: async (ctx, input) => {
      const plan = planView(ctx.db, getLive(ctx.db, PLAN_RECORDS, input.planId));
      const tasks = listTasks(ctx.db, { ...ALL, planId: plan.id }, vnIsoDate(ctx.now())).items;
      const { buildPlanDocx } = await import('./printouts');
      const data = await buildPlanDocx(plan, tasks, ctx.office, input.layout, ctx.now());
      ctx.tx(() =>
        ctx.audit({
          action: 'plans.print',
          targetType: 'plan',
          targetId: plan.id,
          details: { layout: input.layout, tasks: tasks.length },
        }),
      );
      return {
        fileName: `ke-hoach-${fileStamp(ctx.now())}.docx`,
        mime: DOCX_MIME,
        dataBase64: data.toString('base64'),
      };
    },
  },
  'plans.printProgress': {
    run: async (ctx, input) => {
      const ev = getLive(ctx.db, EVENT_RECORDS, input.eventId);
      const today = vnIsoDate(ctx.now());
      const scope = reportingScope(ctx.db, input);
      const cal = calendarOf(ev);
      const { start: period, end: periodEnd } = periodHolding(scope, cal, input.period);
      const tasks = listTasks(ctx.db, { ...ALL, eventId: ev.id, planId: input.planId }, today).items;
      const missing = overview(ctx.db, scope, cal, period, today).notReported.map((o) => o.orgName);
      const { buildProgressDocx } = await import('./printouts');
      const data = await buildProgressDocx(
        {
          eventName: ev.name,
          period,
          periodEnd,
          tasks,
          notReported: missing,
          signerTitle: input.signerTitle,
          signerName: input.signerName,
          draftingUnit: input.draftingUnit,
        },
        ctx.office,
        ctx.now(),
      );
      ctx.tx(() =>
        ctx.audit({
          action: 'plans.print',
          targetType: 'event',
          targetId: ev.id,
          details: { report: 'progress', period, tasks: tasks.length, notReported: missing.length },
        }),
      );
      return {
        fileName: `bao-cao-tien-do-${period}.docx`,
        mime: DOCX_MIME,
        dataBase64: data.toString('base64'),
      };
    },
  },
  'plans.tasks.export': {
    run: async (ctx, input) => {
      getLive(ctx.db, EVENT_RECORDS, input.eventId);
      const tasks = listTasks(ctx.db, { ...ALL, eventId: input.eventId }, vnIsoDate(ctx.now())).items;
      const { tasksXlsx } = await import('./printouts');
      const data = await tasksXlsx(tasks);
      ctx.tx(() =>
        ctx.audit({
          action: 'plans.export',
          targetType: 'event',
          targetId: input.eventId,
          details: { rows: tasks.length },
        }),
      );
      return {
        fileName: `nhiem-vu-${fileStamp(ctx.now())}.xlsx`,
        mime: XLSX_MIME,
        dataBase64: data.toString('base64'),
      };
    },
  },
});

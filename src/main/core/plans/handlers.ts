import type { z } from 'zod';
import { clearanceRank, plansContract, PlanDoc, type FromTemplateOutput } from '../../../shared/contract';
import { stmt } from '../db/open';
import { getSetting, putSetting } from '../db/settingsStore';
import { vnIsoDate } from '../../../shared/dates';
import {
  daysBetween,
  periodStart,
  shiftDeadline,
  shiftDeadlineText,
  shiftPhases,
  shiftSchedule,
} from '../../../shared/deadlines';
import { checkReferences } from '../contacts/references';
import { exportStoredFile, fileOut, mayExportAttachments } from '../attachments/exportPermission';
import { tombstoneRecord, updateRecord, writerOf } from '../db/recordKernel';
import { AppError } from '../errors';
import { defineHandlers, type CtxOf } from '../handler';
import { dropPreview } from '../import/previews';
import { calendarOf } from './dueIndex';
import {
  EVENT_RECORDS,
  eventView,
  getLive,
  insertPlan,
  insertProgress,
  insertTask,
  listEvents,
  listPlans,
  orgNames,
  PLAN_RECORDS,
  planView,
  PROGRESS_RECORDS,
  progressView,
  reportingScope,
  saveEvent,
  scheduleOf,
  setReporting,
  TASK_RECORDS,
  taskInputOf,
  type TaskInput,
  type TaskRow,
  updateTask,
} from './store';
import { addEvidence, getEvidence, listEvidence, removeEvidence, viewable } from './evidence';
import { previewPlanImport, takePlanImport } from './importPlan';
import {
  blueprintOf,
  findTemplate,
  liveOrgs,
  matchParties,
  planFromBlueprint,
  templateSummaries,
  type PartyMatch,
  type PlanBlueprint,
} from './templates';
import { listTasks, loadTask, overview, periodGrid } from './views';

type Ctx = CtxOf<typeof plansContract>;

/** Where a user's own organisation is remembered: per user and office (users have no organisation of their own). */
const myOrgKey = (ctx: Ctx) => `plans.myOrg:${ctx.office.code}:${ctx.user.userName}`;
function myOrg(ctx: Ctx) {
  const id = getSetting(ctx.db, myOrgKey(ctx));
  const name = typeof id === 'string' ? orgNames(ctx.db).get(id) : undefined;
  return name === undefined ? { orgId: null, orgName: null } : { orgId: id as string, orgName: name };
}
const today = (ctx: Ctx) => vnIsoDate(ctx.now());

function taskOut(ctx: Ctx, id: string) {
  const t = loadTask(ctx.db, id, today(ctx));
  if (!t) throw new AppError('NOT_FOUND', `No task ${id}`);
  return t.task;
}

/** Organisations and the contact a task names must exist and be live. */
function checkTaskReferences(ctx: Ctx, f: TaskInput, current: TaskRow | null): void {
  const was = current ? taskInputOf(current) : null;
  checkReferences(ctx.db, [
    { path: 'leadOrgId', table: 'organizations', id: f.leadOrgId, current: was?.leadOrgId },
    ...f.coordinatingOrgIds.map((id) => ({
      path: 'coordinatingOrgIds',
      table: 'organizations' as const,
      id,
      current: was?.coordinatingOrgIds.includes(id) ? id : null,
    })),
    {
      path: 'responsibleContactId',
      table: 'contacts',
      id: f.responsibleContactId,
      current: was?.responsibleContactId,
    },
  ]);
}

/** Evidence names live entries of the register that this user may see. */
function checkEvidence(ctx: Ctx, ids: readonly string[]): void {
  const find = stmt(ctx.db, 'SELECT level_rank AS rank, deleted FROM documents WHERE id = ?');
  const bad = ids.filter((id) => {
    const d = find.get(id) as { rank: number; deleted: number } | undefined;
    return !d || d.deleted === 1 || d.rank > clearanceRank(ctx.user.clearance);
  });
  if (bad.length > 0)
    throw new AppError('VALIDATION', `No register entry ${bad.join(', ')}`, [
      { path: 'evidenceEntryIds', message: 'no such entry', code: 'reference' },
    ]);
}

/**
 * A plan from a template or an imported file: the parties as matched, with the user's mapping over
 * them. Made only when every party has organisations (or with force, their text kept on the
 * tasks), plan and tasks in one transaction with the audit entry.
 */
function makePlan(
  ctx: Ctx,
  blueprint: PlanBlueprint,
  matched: readonly PartyMatch[],
  input: { eventId: string; mapping: Record<string, string[]>; force: boolean },
  audit: { action: 'plans.create' | 'plans.import'; details: Record<string, string> },
): z.output<typeof FromTemplateOutput> {
  const parties = matched.map((p) => {
    const chosen = input.mapping[p.key];
    return chosen ? { ...p, matched: chosen } : p;
  });
  const unclear = parties.some((p) => p.matched.length === 0);
  if (unclear && !input.force) return { status: 'needs-mapping' as const, parties };
  return ctx.tx(() => {
    checkReferences(
      ctx.db,
      parties.flatMap((p) =>
        p.matched.map((id) => ({ path: `mapping.${p.key}`, table: 'organizations' as const, id })),
      ),
    );
    const row = planFromBlueprint(ctx.db, blueprint, input.eventId, parties, ctx.office, writerOf(ctx));
    const plan = planView(ctx.db, row);
    ctx.audit({
      action: audit.action,
      targetType: 'plan',
      targetId: row.id,
      details: { ...audit.details, eventId: input.eventId, tasks: plan.taskCount },
    });
    return { status: 'created' as const, plan, parties };
  });
}

export const plansHandlers = defineHandlers(plansContract)({
  'plans.events.list': { run: (ctx) => listEvents(ctx.db) },
  'plans.events.save': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const { id, version, ...fields } = input;
        const row = saveEvent(ctx.db, id, version, fields, writerOf(ctx));
        ctx.audit({
          action: id ? 'plans.events.update' : 'plans.events.create',
          targetType: 'event',
          targetId: row.id,
          details: { version: row.version, keyDay: row.keyDay },
        });
        return eventView(row);
      }),
  },
  'plans.events.copy': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const by = writerOf(ctx);
        const from = getLive(ctx.db, EVENT_RECORDS, input.fromEventId);
        const shift = daysBetween(from.keyDay, input.keyDay);
        const ev = saveEvent(
          ctx.db,
          undefined,
          undefined,
          {
            name: input.name,
            keyDay: input.keyDay,
            phases: shiftPhases(calendarOf(from).phases, shift),
            notes: from.notes,
          },
          by,
        );
        let tasks = 0;
        for (const plan of listPlans(ctx.db, from.id)) {
          // A copy is a new draft: the number and date are given when it is issued again.
          const doc = PlanDoc.parse({
            ...plan.doc,
            issuedOn: null,
            numberSymbol: plan.doc.numberSymbol.replace(/^\d+/, ''),
          });
          const copy = insertPlan(
            ctx.db,
            {
              eventId: ev.id,
              templateKey: plan.templateKey,
              doc,
              reporting: shiftSchedule(plan.reporting, shift),
            },
            by,
          );
          const rows = stmt(
            ctx.db,
            'SELECT id FROM plan_tasks WHERE plan_id = ? AND deleted = 0 ORDER BY ordinal',
          ).all(plan.id) as { id: string }[];
          for (const { id } of rows) {
            const t = taskInputOf(getLive(ctx.db, TASK_RECORDS, id));
            insertTask(
              ctx.db,
              {
                ...t,
                planId: copy.id,
                deadline: shiftDeadline(t.deadline, shift),
                deadlineText: shiftDeadlineText(t.deadlineText, shift),
                status: 'todo',
                percent: 0,
              },
              by,
            );
            tasks += 1;
          }
        }
        ctx.audit({
          action: 'plans.events.copy',
          targetType: 'event',
          targetId: ev.id,
          details: { from: from.id, shiftDays: shift, tasks },
        });
        return eventView(ev);
      }),
  },
  'plans.list': { run: (ctx, input) => listPlans(ctx.db, input.eventId) },
  'plans.get': { run: (ctx, input) => planView(ctx.db, getLive(ctx.db, PLAN_RECORDS, input.id)) },
  'plans.save': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const current = getLive(ctx.db, PLAN_RECORDS, input.id);
        if (input.registryEntryId) {
          const entry = stmt(ctx.db, 'SELECT direction, deleted FROM documents WHERE id = ?').get(
            input.registryEntryId,
          ) as { direction: string; deleted: number } | undefined;
          if (!entry || entry.deleted || entry.direction !== 'out')
            throw new AppError(
              'VALIDATION',
              'The plan can be linked only to an entry of the outgoing register',
              [{ path: 'registryEntryId', message: 'not an outgoing entry', code: 'reference' }],
            );
        }
        const row = updateRecord(
          ctx.db,
          PLAN_RECORDS,
          current,
          {
            status: input.status,
            registryEntryId: input.registryEntryId,
            title: input.doc.title,
            doc: JSON.stringify(input.doc),
          },
          writerOf(ctx),
          { expected: input.version },
        );
        ctx.audit({
          action: 'plans.update',
          targetType: 'plan',
          targetId: row.id,
          details: { version: row.version },
        });
        return planView(ctx.db, row);
      }),
  },
  'plans.setReporting': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const row = setReporting(
          ctx.db,
          getLive(ctx.db, PLAN_RECORDS, input.id),
          input.reporting,
          writerOf(ctx),
          input.version,
        );
        ctx.audit({
          action: 'plans.reporting.set',
          targetType: 'plan',
          targetId: row.id,
          details: { version: row.version, reporting: input.reporting },
        });
        return planView(ctx.db, row);
      }),
  },
  'plans.templates': { run: () => templateSummaries() },
  'plans.fromTemplate': {
    run: (ctx, input) => {
      const t = findTemplate(input.templateKey);
      return makePlan(ctx, blueprintOf(t), matchParties(t.parties, liveOrgs(ctx.db)), input, {
        action: 'plans.create',
        details: { template: `${t.key}@${t.version}` },
      });
    },
  },
  'plans.importPreview': {
    run: (ctx, input) =>
      previewPlanImport(
        ctx.db,
        ctx.services,
        ctx.user.userName,
        input.eventId,
        input.fileName,
        Buffer.from(input.dataBase64, 'base64'),
      ),
  },
  'plans.importCommit': {
    run: (ctx, input) => {
      const p = takePlanImport(ctx.services, input.previewId, ctx.user.userName, input.deadlines);
      const out = makePlan(
        ctx,
        p.blueprint,
        matchParties(p.parties, liveOrgs(ctx.db)),
        { ...input, eventId: p.eventId },
        { action: 'plans.import', details: { fileName: p.fileName, format: p.format } },
      );
      // Kept while the user still has organisations to choose; a made plan cannot be made twice.
      if (out.status === 'created') dropPreview(ctx.services, input.previewId);
      return out;
    },
  },
  'plans.tasks.list': { run: (ctx, input) => listTasks(ctx.db, input, today(ctx)) },
  'plans.tasks.get': {
    run: (ctx, input) => {
      const t = loadTask(ctx.db, input.id, today(ctx));
      if (!t) throw new AppError('NOT_FOUND', `No task ${input.id}`);
      const names = orgNames(ctx.db);
      const history = stmt(
        ctx.db,
        `SELECT version, source, source_office AS office FROM change_feed
            WHERE table_name = 'plan_tasks' AND record_id = ? ORDER BY seq DESC`,
      ).all(input.id) as { version: number; source: string; office: string }[];
      return {
        task: t.task,
        progress: [...t.reports].reverse().map((r) => progressView(r, names)),
        history,
        dueDates: t.dates,
        evidence: listEvidence(ctx.db, input.id),
        mayExportFiles: mayExportAttachments(ctx.db, ctx.user.userName),
      };
    },
  },
  'plans.tasks.save': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const { id, version, ...fields } = input;
        const current = id ? getLive(ctx.db, TASK_RECORDS, id) : null;
        checkTaskReferences(ctx, fields, current);
        const row = id
          ? updateTask(ctx.db, id, version, fields, writerOf(ctx))
          : insertTask(ctx.db, fields, writerOf(ctx));
        ctx.audit({
          action: id ? 'plans.tasks.update' : 'plans.tasks.create',
          targetType: 'task',
          targetId: row.id,
          details: { version: row.version, status: row.status, percent: row.percent },
        });
        return taskOut(ctx, row.id);
      }),
  },
  'plans.tasks.delete': {
    run: (ctx, input) =>
      ctx.tx(() => {
        tombstoneRecord(ctx.db, TASK_RECORDS, getLive(ctx.db, TASK_RECORDS, input.id), true, writerOf(ctx), {
          expected: input.version,
        });
        ctx.audit({ action: 'plans.tasks.delete', targetType: 'task', targetId: input.id, details: {} });
        return { ok: true as const };
      }),
  },
  'plans.progress.report': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const task = getLive(ctx.db, TASK_RECORDS, input.taskId);
        checkReferences(ctx.db, [{ path: 'orgId', table: 'organizations', id: input.orgId }]);
        checkEvidence(ctx, input.evidenceEntryIds);
        // The day of its plan's period the report is for: the period's first day.
        const period = periodStart(
          scheduleOf(getLive(ctx.db, PLAN_RECORDS, task.planId)),
          input.period ?? today(ctx),
        );
        const row = insertProgress(ctx.db, { ...input, period }, writerOf(ctx));
        ctx.audit({
          action: 'plans.progress.report',
          targetType: 'task',
          targetId: input.taskId,
          details: {
            progressId: row.id,
            orgId: input.orgId,
            period,
            status: input.status,
            percent: input.percent,
          },
        });
        return progressView(row, orgNames(ctx.db));
      }),
  },
  'plans.evidence.add': {
    run: (ctx, input) =>
      ctx.tx(() => {
        getLive(ctx.db, TASK_RECORDS, input.taskId);
        if (input.progressId && getLive(ctx.db, PROGRESS_RECORDS, input.progressId).taskId !== input.taskId)
          throw new AppError('VALIDATION', 'The report is not one of this task', [
            { path: 'progressId', message: 'another task', code: 'reference' },
          ]);
        const e = addEvidence(
          ctx.db,
          { ...input, data: Buffer.from(input.dataBase64, 'base64') },
          writerOf(ctx),
        );
        ctx.audit({
          action: 'plans.evidence.add',
          targetType: 'task',
          targetId: input.taskId,
          details: {
            evidence: e.id,
            progressId: e.progressId,
            fileName: e.fileName,
            size: e.size,
            sha256: e.sha256,
          },
        });
        return e;
      }),
  },
  'plans.evidence.content': {
    run: (ctx, input) => {
      const e = getEvidence(ctx.db, input.id);
      if (!viewable(e)) throw new AppError('VALIDATION', 'A Word file is not shown in the viewer: export it');
      return fileOut(e);
    },
  },
  'plans.evidence.export': {
    run: (ctx, input) => {
      const e = getEvidence(ctx.db, input.id);
      return exportStoredFile(
        ctx,
        {
          action: 'plans.evidence.export',
          targetType: 'task',
          targetId: e.taskId,
          details: { evidence: e.id, fileName: e.fileName, sha256: e.sha256 },
        },
        e,
      );
    },
  },
  'plans.evidence.remove': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const e = getEvidence(ctx.db, input.id);
        removeEvidence(ctx.db, e, input.version, writerOf(ctx));
        ctx.audit({
          action: 'plans.evidence.remove',
          targetType: 'task',
          targetId: e.taskId,
          details: { evidence: e.id, fileName: e.fileName },
        });
        return { ok: true as const };
      }),
  },
  'plans.myOrg.get': { run: (ctx) => myOrg(ctx) },
  'plans.myOrg.set': {
    run: (ctx, input) =>
      ctx.tx(() => {
        if (input.orgId)
          checkReferences(ctx.db, [{ path: 'orgId', table: 'organizations', id: input.orgId }]);
        putSetting(ctx.db, myOrgKey(ctx), input.orgId);
        ctx.audit({
          action: 'plans.myOrg.set',
          targetType: 'user',
          targetId: ctx.user.userName,
          details: { orgId: input.orgId },
        });
        return myOrg(ctx);
      }),
  },
  'plans.periods': {
    run: (ctx, input) => {
      const cal = calendarOf(getLive(ctx.db, EVENT_RECORDS, input.eventId));
      return periodGrid(ctx.db, reportingScope(ctx.db, input), cal, today(ctx));
    },
  },
  'plans.overview': {
    run: (ctx, input) => {
      const cal = calendarOf(getLive(ctx.db, EVENT_RECORDS, input.eventId));
      return overview(ctx.db, reportingScope(ctx.db, input), cal, input.period ?? today(ctx), today(ctx));
    },
  },
});

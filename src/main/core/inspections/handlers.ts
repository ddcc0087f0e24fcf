import { inspectionsContract } from '../../../shared/contract';
import { isoToTyped, vnIsoDate } from '../../../shared/dates';
import { checkReferences } from '../contacts/references';
import { writerOf } from '../db/recordKernel';
import { AppError } from '../errors';
import { exportStoredFile, fileOut, mayExportAttachments } from '../attachments/exportPermission';
import { defineHandlers, type CtxOf } from '../handler';
import { EVENT_RECORDS, getLive, insertTask, listPlans, type TaskInput } from '../plans/store';
import {
  addFile,
  closeInspection,
  findChecklist,
  findingsOf,
  getFile,
  INSPECTION_RECORDS,
  inspectionDetail,
  inspectionSummaries,
  inspectionSummary,
  listChecklists,
  openFinding,
  planInspection,
  recordItem,
  saveAction,
  saveChecklist,
  saveFinding,
  saveSelfReport,
  selfReports,
  settleFinding,
} from './store';
import { roundData } from './round';

type Ctx = CtxOf<typeof inspectionsContract>;
const today = (ctx: Ctx) => vnIsoDate(ctx.now());

/** The plan tasks go in: the one named, else the event's first plan. */
function planFor(ctx: Ctx, eventId: string, planId: string | undefined): string {
  const plans = listPlans(ctx.db, eventId);
  const plan = planId ? plans.find((p) => p.id === planId) : plans[0];
  if (!plan)
    throw new AppError('VALIDATION', 'The event has no plan to put the task in', [
      { path: 'planId', message: 'no plan in the event', code: 'reference' },
    ]);
  return plan.id;
}

/** A dated task of the plans module (a self-inspection request, a remediation action). */
function dueTask(
  planId: string,
  f: Pick<TaskInput, 'section' | 'title' | 'leadOrgId' | 'responsibleContactId' | 'product' | 'notes'>,
  date: string,
): TaskInput {
  return {
    planId,
    code: '',
    content: '',
    subItems: [],
    leadText: '',
    coordinatingOrgIds: [],
    coordinatingText: '',
    deadline: { kind: 'date', date },
    deadlineText: `Trước ngày ${isoToTyped(date)}`,
    status: 'todo',
    percent: 0,
    ...f,
    title: f.title.slice(0, 500),
  };
}

function findingOut(ctx: Ctx, inspectionId: string, id: string) {
  const f = findingsOf(ctx.db, inspectionId, today(ctx)).find((x) => x.id === id);
  if (!f) throw new AppError('NOT_FOUND', `No finding ${id}`);
  return f;
}

/** A finding resolved (its remediation done) or accepted by a leader, audited with its note. */
function settle(
  ctx: Ctx,
  input: { id: string; version: number; note: string },
  status: 'resolved' | 'accepted',
  action: 'inspections.findings.resolve' | 'inspections.findings.accept',
) {
  return ctx.tx(() => {
    const row = settleFinding(ctx.db, input.id, input.version, status, input.note, writerOf(ctx));
    ctx.audit({
      action,
      targetType: 'inspection',
      targetId: row.inspectionId,
      details: { findingId: row.id, note: input.note },
    });
    return findingOut(ctx, row.inspectionId, row.id);
  });
}

export const inspectionsHandlers = defineHandlers(inspectionsContract)({
  'inspections.templates': { run: (ctx) => listChecklists(ctx.db) },
  'inspections.checklists.get': { run: (ctx, input) => findChecklist(ctx.db, input.ref) },
  'inspections.checklists.save': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const c = saveChecklist(ctx.db, input, writerOf(ctx));
        ctx.audit({
          action: input.id ? 'inspections.checklists.update' : 'inspections.checklists.create',
          targetType: 'checklist',
          targetId: c.ref,
          details: { edition: c.edition, items: c.items.length, copiedFrom: c.copiedFrom },
        });
        return c;
      }),
  },
  'inspections.plan': {
    run: (ctx, input) =>
      ctx.tx(() => {
        getLive(ctx.db, EVENT_RECORDS, input.eventId);
        checkReferences(ctx.db, [
          { path: 'orgId', table: 'organizations', id: input.orgId },
          ...input.teamContactIds.map((id) => ({ path: 'teamContactIds', table: 'contacts' as const, id })),
        ]);
        const row = planInspection(ctx.db, input, writerOf(ctx));
        ctx.audit({
          action: 'inspections.plan',
          targetType: 'inspection',
          targetId: row.id,
          details: {
            orgId: row.orgId,
            checklist: row.checklistRef,
            date: row.date,
            reinspectionOf: row.reinspectionOf,
          },
        });
        return inspectionSummary(ctx.db, row.id);
      }),
  },
  'inspections.list': { run: (ctx, input) => inspectionSummaries(ctx.db, { eventId: input.eventId }) },
  'inspections.get': {
    run: (ctx, input) => ({
      ...inspectionDetail(ctx.db, input.id, today(ctx)),
      mayExportFiles: mayExportAttachments(ctx.db, ctx.user.userName),
    }),
  },
  'inspections.record': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const item = recordItem(
          ctx.db,
          input.inspectionId,
          input.itemNo,
          input.result,
          input.notes,
          writerOf(ctx),
        );
        ctx.audit({
          action: 'inspections.record',
          targetType: 'inspection',
          targetId: input.inspectionId,
          details: { itemNo: input.itemNo, result: input.result },
        });
        return item;
      }),
  },
  'inspections.attach': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const data = Buffer.from(input.dataBase64, 'base64');
        const file = addFile(ctx.db, input.inspectionId, input.itemNo, input.fileName, data, writerOf(ctx));
        ctx.audit({
          action: 'inspections.attach',
          targetType: 'inspection',
          targetId: input.inspectionId,
          details: { fileId: file.id, itemNo: file.itemNo, size: file.size, sha256: file.sha256 },
        });
        return file;
      }),
  },
  'inspections.files.content': {
    run: (ctx, input) => {
      const f = getFile(ctx.db, input.id);
      return fileOut(f);
    },
  },
  'inspections.files.export': {
    run: (ctx, input) => {
      const f = getFile(ctx.db, input.id);
      return exportStoredFile(
        ctx,
        {
          action: 'inspections.files.export',
          targetType: 'inspection',
          targetId: f.inspectionId,
          details: { fileId: f.id, fileName: f.fileName, sha256: f.sha256 },
        },
        f,
      );
    },
  },
  'inspections.findings.save': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const row = saveFinding(ctx.db, input, writerOf(ctx));
        ctx.audit({
          action: 'inspections.findings.save',
          targetType: 'inspection',
          targetId: row.inspectionId,
          details: { findingId: row.id, version: row.version, severity: row.severity },
        });
        return findingOut(ctx, row.inspectionId, row.id);
      }),
  },
  'inspections.actions.save': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const finding = openFinding(ctx.db, input.findingId);
        checkReferences(ctx.db, [
          { path: 'ownerOrgId', table: 'organizations', id: input.ownerOrgId },
          { path: 'ownerContactId', table: 'contacts', id: input.ownerContactId },
        ]);
        const by = writerOf(ctx);
        let taskId: string | null = null;
        if (input.asTask) {
          const insp = getLive(ctx.db, INSPECTION_RECORDS, finding.inspectionId);
          const task = insertTask(
            ctx.db,
            dueTask(
              planFor(ctx, insp.eventId, input.planId),
              {
                section: 'Khắc phục sau kiểm tra',
                title: `Khắc phục: ${input.text}`,
                leadOrgId: input.ownerOrgId ?? insp.orgId,
                responsibleContactId: input.ownerContactId,
                product: 'Báo cáo kết quả khắc phục',
                notes: `Kiểm tra ngày ${isoToTyped(insp.date)}: ${finding.description}`.slice(0, 4000),
              },
              input.deadline,
            ),
            by,
          );
          taskId = task.id;
        }
        const row = saveAction(ctx.db, input, taskId, by);
        ctx.audit({
          action: 'inspections.actions.save',
          targetType: 'inspection',
          targetId: finding.inspectionId,
          details: {
            actionId: row.id,
            findingId: finding.id,
            deadline: row.deadline,
            done: row.done,
            taskId,
          },
        });
        const a = findingOut(ctx, finding.inspectionId, finding.id).actions.find((x) => x.id === row.id);
        if (!a) throw new AppError('NOT_FOUND', `No action ${row.id}`);
        return a;
      }),
  },
  'inspections.findings.resolve': {
    run: (ctx, input) => settle(ctx, input, 'resolved', 'inspections.findings.resolve'),
  },
  'inspections.findings.accept': {
    run: (ctx, input) => settle(ctx, input, 'accepted', 'inspections.findings.accept'),
  },
  'inspections.close': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const row = closeInspection(ctx.db, input.id, writerOf(ctx));
        ctx.audit({ action: 'inspections.close', targetType: 'inspection', targetId: row.id, details: {} });
        return inspectionSummary(ctx.db, row.id);
      }),
  },
  'inspections.requestSelf': {
    run: (ctx, input) =>
      ctx.tx(() => {
        getLive(ctx.db, EVENT_RECORDS, input.eventId);
        checkReferences(
          ctx.db,
          input.orgIds.map((id) => ({ path: 'orgIds', table: 'organizations' as const, id })),
        );
        const planId = planFor(ctx, input.eventId, input.planId);
        const by = writerOf(ctx);
        const taskIds = input.orgIds.map(
          (orgId) =>
            insertTask(
              ctx.db,
              dueTask(
                planId,
                {
                  section: 'Công tác tự kiểm tra',
                  title: 'Tự kiểm tra công tác bảo đảm thông tin liên lạc phục vụ bầu cử',
                  leadOrgId: orgId,
                  responsibleContactId: null,
                  product: 'Báo cáo tự kiểm tra',
                  notes: '',
                },
                input.deadline,
              ),
              by,
            ).id,
        );
        ctx.audit({
          action: 'inspections.requestSelf',
          targetType: 'event',
          targetId: input.eventId,
          details: { planId, units: taskIds.length, deadline: input.deadline },
        });
        return { taskIds };
      }),
  },
  'inspections.self.save': {
    run: (ctx, input) =>
      ctx.tx(() => {
        getLive(ctx.db, EVENT_RECORDS, input.eventId);
        checkReferences(ctx.db, [{ path: 'orgId', table: 'organizations', id: input.orgId }]);
        const row = saveSelfReport(ctx.db, input, writerOf(ctx));
        ctx.audit({
          action: 'inspections.self.save',
          targetType: 'organization',
          targetId: input.orgId,
          details: { reportId: row.id, eventId: input.eventId, answers: input.answers.length },
        });
        const out = selfReports(ctx.db, input.eventId, input.orgId).find((r) => r.id === row.id);
        if (!out) throw new AppError('NOT_FOUND', `No self-inspection report ${row.id}`);
        return out;
      }),
  },
  'inspections.self.list': { run: (ctx, input) => selfReports(ctx.db, input.eventId) },
  'inspections.overview': {
    run: (ctx, input) => {
      getLive(ctx.db, EVENT_RECORDS, input.eventId);
      const { openFindings: _f, overdue: _o, ...figures } = roundData(ctx.db, input.eventId, today(ctx));
      return figures;
    },
  },
});

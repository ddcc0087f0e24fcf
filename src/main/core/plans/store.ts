/**
 * Events, plans, tasks and progress reports: shared records written through the record kernel.
 * Plans and tasks travel down to communes and companies; progress reports travel up, each the
 * reporting office's own record (never an edit of the province's task).
 */
import { eq } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  type DeadlineSpec,
  type EventPhase,
  PlanDoc,
  type Plan,
  type PlanEvent,
  type Progress,
  ReportingSchedule,
  type TaskStatus,
  WEEKLY_ON_MONDAY,
} from '../../../shared/contract';
import { defaultPhases, dueDates, type EventCalendar, phaseWindow } from '../../../shared/deadlines';
import { stmt, type Db } from '../db/open';
import { orm } from '../db/orm';
import {
  findRecord,
  insertRecord,
  recordTable,
  updateRecord,
  type RecordTable,
  type RowOf,
  type Writer,
} from '../db/recordKernel';
import { recordMeta } from '../db/sharedRecord';
import { sharedTable } from '../db/tablePolicy';
import { AppError } from '../errors';
import {
  calendarOf,
  rebuildEventDues,
  rebuildPlanDues,
  rebuildProgressDues,
  rebuildTaskDues,
} from './dueIndex';
import { planEvents, planProgress, plans, planTasks } from './schema';

/** A table of the module; each write rebuilds the stored due dates of the tasks it touches (dueIndex.ts). */
const records = <T extends SQLiteTable>(
  table: T,
  travels: 'down' | 'up',
  rebuild: (db: Db, id: string) => void,
  what: string,
) => recordTable(table, sharedTable(travels, 'any', { rebuild }), what);

export const EVENT_RECORDS = records(planEvents, 'down', rebuildEventDues, 'event');
export const PLAN_RECORDS = records(plans, 'down', rebuildPlanDues, 'plan');
export const TASK_RECORDS = records(planTasks, 'down', rebuildTaskDues, 'task');
/** Any office reports on the tasks it was given; its reports travel up to the plan's office. */
export const PROGRESS_RECORDS = records(planProgress, 'up', rebuildProgressDues, 'progress report');

export type EventRow = typeof planEvents.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
export type TaskRow = typeof planTasks.$inferSelect;
export type ProgressRow = typeof planProgress.$inferSelect;

/** A live (not tombstoned) record, or NOT_FOUND. */
export function getLive<T extends SQLiteTable>(db: Db, rt: RecordTable<T>, id: string): RowOf<T> {
  const row = findRecord(db, rt, id);
  if (!row || row.deleted) throw new AppError('NOT_FOUND', `No ${rt.what} ${id}`);
  return row;
}

// ── events ───────────────────────────────────────────────────────────────────

export function eventView(r: EventRow): PlanEvent {
  return {
    ...recordMeta(r),
    name: r.name,
    keyDay: r.keyDay,
    phases: [...calendarOf(r).phases],
    notes: r.notes,
  };
}

export function listEvents(db: Db): PlanEvent[] {
  return orm(db)
    .select()
    .from(planEvents)
    .where(eq(planEvents.deleted, false))
    .all()
    .sort((a, b) => (a.keyDay < b.keyDay ? 1 : a.keyDay > b.keyDay ? -1 : 0))
    .map(eventView);
}

export interface EventInput {
  name: string;
  keyDay: string;
  phases?: EventPhase[] | undefined;
  notes: string;
}

function checkPhases(keyDay: string, phases: readonly EventPhase[]): void {
  for (const p of phases)
    if (p.end < p.start)
      throw new AppError('VALIDATION', `Phase ${p.key} ends before it starts`, [
        { path: 'phases', message: 'end before start', code: 'phase-order' },
      ]);
  if (!phases.some((p) => p.start <= keyDay && keyDay <= p.end) && phases.length > 0)
    throw new AppError('VALIDATION', 'No phase holds the key day', [
      { path: 'phases', message: 'the key day is in no phase', code: 'phase-key-day' },
    ]);
}

export function saveEvent(
  db: Db,
  id: string | undefined,
  version: number | undefined,
  f: EventInput,
  by: Writer,
): EventRow {
  const phases = f.phases ?? defaultPhases(f.keyDay);
  checkPhases(f.keyDay, phases);
  const values = { name: f.name, keyDay: f.keyDay, phases: JSON.stringify(phases), notes: f.notes };
  if (!id) return insertRecord(db, EVENT_RECORDS, values, by);
  return updateRecord(db, EVENT_RECORDS, getLive(db, EVENT_RECORDS, id), values, by, { expected: version });
}

// ── plans ────────────────────────────────────────────────────────────────────

export function planView(db: Db, r: PlanRow): Plan {
  const ev = findRecord(db, EVENT_RECORDS, r.eventId);
  const count = stmt(db, 'SELECT count(*) AS n FROM plan_tasks WHERE plan_id = ? AND deleted = 0').get(
    r.id,
  ) as {
    n: number;
  };
  return {
    ...recordMeta(r),
    eventId: r.eventId,
    eventName: ev?.name ?? '',
    status: r.status,
    templateKey: r.templateKey,
    registryEntryId: r.registryEntryId,
    doc: PlanDoc.parse(JSON.parse(r.doc)),
    taskCount: count.n,
    reporting: scheduleOf(r),
  };
}

export function listPlans(db: Db, eventId?: string): Plan[] {
  const rows = orm(db).select().from(plans).where(eq(plans.deleted, false)).all();
  return rows.filter((r) => !eventId || r.eventId === eventId).map((r) => planView(db, r));
}

export function insertPlan(
  db: Db,
  f: { eventId: string; templateKey: string | null; doc: PlanDoc; reporting?: ReportingSchedule },
  by: Writer,
): PlanRow {
  const ev = getLive(db, EVENT_RECORDS, f.eventId);
  const reporting = f.reporting ?? WEEKLY_ON_MONDAY;
  checkSchedule(reporting, calendarOf(ev));
  return insertRecord(
    db,
    PLAN_RECORDS,
    {
      eventId: f.eventId,
      status: 'draft',
      templateKey: f.templateKey,
      registryEntryId: null,
      title: f.doc.title,
      doc: JSON.stringify(f.doc),
      reporting: JSON.stringify(reporting),
    },
    by,
  );
}

export const scheduleOf = (r: Pick<PlanRow, 'reporting'>): ReportingSchedule =>
  ReportingSchedule.parse(JSON.parse(r.reporting));

/** Listed reporting dates fall within the event (its phases); the other kinds fit any event. */
function checkSchedule(s: ReportingSchedule, ev: EventCalendar): void {
  const w = phaseWindow(ev);
  if (s.kind === 'dates' && s.dates.some((d) => d < w.start || d > w.end))
    throw new AppError('VALIDATION', `Reporting dates must fall within the event (${w.start} to ${w.end})`, [
      { path: 'reporting.dates', message: 'outside the event', code: 'reporting-dates' },
    ]);
}

/** Whose reports are counted: an event's tasks, or one plan's, by the periods of a schedule. */
export interface ReportingScope {
  eventId: string;
  planId?: string | undefined;
  schedule: ReportingSchedule;
}

/**
 * An event's periods follow its plan given (which must be of the event), or its plans' schedule
 * when they share one, else weekly on Monday.
 */
export function reportingScope(
  db: Db,
  input: { eventId: string; planId?: string | undefined },
): ReportingScope {
  const { eventId, planId } = input;
  if (planId) {
    const plan = getLive(db, PLAN_RECORDS, planId);
    if (plan.eventId !== eventId)
      throw new AppError('VALIDATION', `Plan ${planId} is not a plan of event ${eventId}`);
    return { eventId, planId, schedule: scheduleOf(plan) };
  }
  const kinds = stmt(db, 'SELECT DISTINCT reporting FROM plans WHERE event_id = ? AND deleted = 0').all(
    eventId,
  ) as { reporting: string }[];
  return { eventId, schedule: kinds.length === 1 ? scheduleOf(kinds[0]!) : WEEKLY_ON_MONDAY };
}

/** Sets how often the plan's progress is reported; its tasks' stored periods follow (rebuild hook). */
export function setReporting(
  db: Db,
  plan: PlanRow,
  reporting: ReportingSchedule,
  by: Writer,
  expected: number,
): PlanRow {
  checkSchedule(reporting, calendarOf(getLive(db, EVENT_RECORDS, plan.eventId)));
  return updateRecord(db, PLAN_RECORDS, plan, { reporting: JSON.stringify(reporting) }, by, { expected });
}

// ── tasks ────────────────────────────────────────────────────────────────────

export interface TaskInput {
  planId: string;
  code: string;
  section: string;
  title: string;
  content: string;
  subItems: string[];
  leadOrgId: string | null;
  leadText: string;
  coordinatingOrgIds: string[];
  coordinatingText: string;
  responsibleContactId: string | null;
  deadline: DeadlineSpec;
  deadlineText: string;
  product: string;
  status: TaskStatus;
  percent: number;
  notes: string;
}

/** The stored columns of a task, its due span computed against the event's calendar. */
export function taskValues(f: TaskInput, ev: EventCalendar) {
  const dates = dueDates(f.deadline, ev);
  return {
    planId: f.planId,
    code: f.code,
    section: f.section,
    title: f.title,
    content: f.content,
    subItems: JSON.stringify(f.subItems),
    leadOrgId: f.leadOrgId,
    leadText: f.leadText,
    coordinatingOrgIds: JSON.stringify(f.coordinatingOrgIds),
    coordinatingText: f.coordinatingText,
    responsibleContactId: f.responsibleContactId,
    deadline: JSON.stringify(f.deadline),
    deadlineText: f.deadlineText,
    firstDue: dates[0] ?? null,
    lastDue: dates.at(-1) ?? null,
    product: f.product,
    status: f.status,
    percent: f.percent,
    notes: f.notes,
  };
}

/** A stored task as the contract's fields (its JSON columns were written from checked input). */
export function taskInputOf(r: TaskRow): TaskInput {
  return {
    planId: r.planId,
    code: r.code,
    section: r.section,
    title: r.title,
    content: r.content,
    subItems: JSON.parse(r.subItems) as string[],
    leadOrgId: r.leadOrgId,
    leadText: r.leadText,
    coordinatingOrgIds: JSON.parse(r.coordinatingOrgIds) as string[],
    coordinatingText: r.coordinatingText,
    responsibleContactId: r.responsibleContactId,
    deadline: JSON.parse(r.deadline) as DeadlineSpec,
    deadlineText: r.deadlineText,
    product: r.product,
    status: r.status,
    percent: r.percent,
    notes: r.notes,
  };
}

/** The event a plan belongs to, as a calendar. */
export function planCalendar(db: Db, planId: string): EventCalendar {
  const plan = getLive(db, PLAN_RECORDS, planId);
  return calendarOf(getLive(db, EVENT_RECORDS, plan.eventId));
}

export function insertTask(db: Db, f: TaskInput, by: Writer): TaskRow {
  const ev = planCalendar(db, f.planId);
  const n = stmt(db, 'SELECT coalesce(max(ordinal), 0) + 1 AS n FROM plan_tasks WHERE plan_id = ?').get(
    f.planId,
  ) as {
    n: number;
  };
  return insertRecord(db, TASK_RECORDS, { ...taskValues(f, ev), ordinal: n.n }, by);
}

export function updateTask(
  db: Db,
  id: string,
  version: number | undefined,
  f: TaskInput,
  by: Writer,
): TaskRow {
  const current = getLive(db, TASK_RECORDS, id);
  if (current.planId !== f.planId)
    throw new AppError('VALIDATION', 'A task cannot move to another plan', [
      { path: 'planId', message: 'fixed', code: 'fixed' },
    ]);
  return updateRecord(db, TASK_RECORDS, current, taskValues(f, planCalendar(db, f.planId)), by, {
    expected: version,
  });
}

// ── progress ─────────────────────────────────────────────────────────────────

export function insertProgress(
  db: Db,
  f: {
    taskId: string;
    orgId: string;
    period: string;
    status: TaskStatus;
    percent: number;
    text: string;
    evidenceEntryIds: string[];
  },
  by: Writer,
): ProgressRow {
  const { evidenceEntryIds, ...rest } = f;
  return insertRecord(
    db,
    PROGRESS_RECORDS,
    { ...rest, evidenceEntryIds: JSON.stringify(evidenceEntryIds), enteredBy: by.user },
    by,
  );
}

export function progressView(r: ProgressRow, orgNames: ReadonlyMap<string, string>): Progress {
  return {
    ...recordMeta(r),
    taskId: r.taskId,
    orgId: r.orgId,
    orgName: orgNames.get(r.orgId) ?? '',
    period: r.period,
    status: r.status,
    percent: r.percent,
    text: r.text,
    evidenceEntryIds: JSON.parse(r.evidenceEntryIds) as string[],
    enteredBy: r.enteredBy,
  };
}

/** Names of every organisation (deleted ones too: old tasks still name them). */
export function orgNames(db: Db): Map<string, string> {
  const rows = stmt(db, 'SELECT id, name FROM organizations').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

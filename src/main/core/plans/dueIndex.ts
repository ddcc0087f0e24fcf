/**
 * The stored due dates and state of every live task (plan_task_state, plan_task_dues,
 * plan_task_orgs), so lists and the overview answer overdue / due soon / this week / not reported
 * with indexed SQL instead of recomputing each deadline on every read. Rebuilt in the write's
 * transaction by the rebuild hooks of tasks, progress reports, plans and events, local or applied
 * from a package in any order: an event's new key day or phases, or its plan's new reporting
 * schedule, move the due dates and periods of its tasks.
 */
import { type DeadlineSpec, EventPhase, ReportingSchedule, type TaskStatus } from '../../../shared/contract';
import {
  dueDates,
  type EventCalendar,
  isRecurring,
  periodStart,
  phaseWindow,
} from '../../../shared/deadlines';
import { foldVietnamese } from '../../../shared/text';
import { stmt, type Db } from '../db/open';

export function calendarOf(r: { keyDay: string; phases: string }): EventCalendar {
  return { keyDay: r.keyDay, phases: EventPhase.array().parse(JSON.parse(r.phases)) };
}

/** A task's latest report, kept with its state: lists show it without reading the reports. */
export interface LastReport {
  period: string;
  status: TaskStatus;
  percent: number;
  orgId: string;
  at: string;
}

/**
 * Where a task stands: its latest report, and the status and percent it is counted at (its
 * latest report's while the task itself is open).
 */
function standing(db: Db, taskId: string, own: { status: TaskStatus; percent: number }) {
  const last = stmt(
    db,
    `SELECT period, status, percent, org_id AS orgId, updated_at AS at FROM plan_progress
      WHERE task_id = ? AND deleted = 0 ORDER BY period DESC, updated_at DESC, rowid DESC LIMIT 1`,
  ).get(taskId) as LastReport | undefined;
  const open = own.status === 'todo' || own.status === 'in-progress';
  const status = open ? (last?.status ?? own.status) : own.status;
  return {
    status,
    percent: status === 'done' ? 100 : (last?.percent ?? own.percent),
    lastReport: last ? JSON.stringify(last) : null,
  };
}

function dropTask(db: Db, taskId: string): void {
  stmt(db, 'DELETE FROM plan_task_state WHERE task_id = ?').run(taskId);
  stmt(db, 'DELETE FROM plan_task_dues WHERE task_id = ?').run(taskId);
  stmt(db, 'DELETE FROM plan_task_text WHERE task_id = ?').run(taskId);
  stmt(db, 'DELETE FROM plan_task_orgs WHERE task_id = ?').run(taskId);
}

interface TaskSql {
  id: string;
  deleted: number;
  plan_id: string;
  ordinal: number;
  code: string;
  title: string;
  content: string;
  sub_items: string;
  lead_org_id: string | null;
  lead_text: string;
  coordinating_org_ids: string;
  deadline: string;
  product: string;
  notes: string;
  status: TaskStatus;
  percent: number;
  event_id: string | null;
  live_plan: number | null;
  reporting: string | null;
  key_day: string | null;
  phases: string | null;
  live_event: number | null;
}

/** Rebuilds one task's derived rows; a tombstone, or a task whose plan or event is not here (yet), has none. */
export function rebuildTaskDues(db: Db, taskId: string): void {
  dropTask(db, taskId);
  const t = stmt(
    db,
    `SELECT t.*, p.event_id, p.deleted = 0 AS live_plan, p.reporting, e.key_day, e.phases, e.deleted = 0 AS live_event
       FROM plan_tasks t LEFT JOIN plans p ON p.id = t.plan_id LEFT JOIN plan_events e ON e.id = p.event_id
      WHERE t.id = ?`,
  ).get(taskId) as TaskSql | undefined;
  if (!t || t.deleted || !t.live_plan || !t.live_event || !t.event_id || !t.key_day || !t.phases) return;
  if (!t.reporting) return; // never for a live plan (NOT NULL): the LEFT JOIN's type only
  const cal = calendarOf({ keyDay: t.key_day, phases: t.phases });
  const schedule = ReportingSchedule.parse(JSON.parse(t.reporting));
  const spec = JSON.parse(t.deadline) as DeadlineSpec;
  const dates = dueDates(spec, cal, schedule);
  const now = standing(db, taskId, t);
  const subItems = JSON.parse(t.sub_items) as string[];
  const hay = [t.code, t.title, t.content, ...subItems, t.lead_text, t.product, t.notes];
  stmt(
    db,
    `INSERT INTO plan_task_state (task_id, event_id, plan_id, ordinal, lead_org_id, recurring, status, percent,
        first_due, last_due, event_start, calendar, last_report)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    taskId,
    t.event_id,
    t.plan_id,
    t.ordinal,
    t.lead_org_id,
    isRecurring(spec) ? 1 : 0,
    now.status,
    now.percent,
    dates[0] ?? null,
    dates.at(-1) ?? null,
    periodStart(schedule, phaseWindow(cal).start),
    calendarKey(t.key_day, t.phases, t.reporting),
    now.lastReport,
  );
  stmt(db, 'INSERT INTO plan_task_text (task_id, folded) VALUES (?, ?)').run(
    taskId,
    foldVietnamese(hay.join(' ')),
  );
  const due = stmt(
    db,
    'INSERT OR IGNORE INTO plan_task_dues (task_id, due, period, reported) VALUES (?, ?, ?, ?)',
  );
  const done = reportedPeriods(db, taskId, schedule);
  for (const d of dates) {
    const period = periodStart(schedule, d);
    due.run(taskId, d, period, done.has(period) ? 1 : 0);
  }
  const org = stmt(db, 'INSERT OR IGNORE INTO plan_task_orgs (org_id, task_id) VALUES (?, ?)');
  for (const id of [t.lead_org_id, ...(JSON.parse(t.coordinating_org_ids) as string[])])
    if (id) org.run(id, taskId);
}

/**
 * The periods (of the plan's schedule) in which the task has a live report. A report names a day
 * of the period it is for; under a schedule changed since, it counts for the period holding that day.
 */
function reportedPeriods(db: Db, taskId: string, schedule: ReportingSchedule): Set<string> {
  const rows = stmt(db, 'SELECT DISTINCT period FROM plan_progress WHERE task_id = ? AND deleted = 0').all(
    taskId,
  ) as { period: string }[];
  return new Set(rows.map((r) => periodStart(schedule, r.period)));
}

const calendarKey = (keyDay: string, phases: string, reporting: string) => `${keyDay} ${phases} ${reporting}`;

/** A report changes where its task stands (its latest report, status and percent). */
export function rebuildProgressDues(db: Db, progressId: string): void {
  const r = stmt(db, 'SELECT task_id FROM plan_progress WHERE id = ?').get(progressId) as
    { task_id: string } | undefined;
  const t =
    r &&
    (stmt(
      db,
      'SELECT t.status, t.percent, p.reporting FROM plan_tasks t JOIN plans p ON p.id = t.plan_id WHERE t.id = ?',
    ).get(r.task_id) as { status: TaskStatus; percent: number; reporting: string } | undefined);
  if (!r || !t) return; // the task or its plan has not arrived: its own rebuild reads its reports
  const now = standing(db, r.task_id, t);
  // Every period marked again: a report moved or removed unmarks its old one.
  const done = reportedPeriods(db, r.task_id, ReportingSchedule.parse(JSON.parse(t.reporting)));
  stmt(
    db,
    'UPDATE plan_task_dues SET reported = period IN (SELECT value FROM json_each(?)) WHERE task_id = ?',
  ).run(JSON.stringify([...done]), r.task_id);
  stmt(db, 'UPDATE plan_task_state SET status = ?, percent = ?, last_report = ? WHERE task_id = ?').run(
    now.status,
    now.percent,
    now.lastReport,
    r.task_id,
  );
}

/**
 * Tasks of a plan or an event whose derived rows no longer match: missing for a live task,
 * present for one no longer live (tombstoned, or its plan or event), or computed from another
 * event or calendar (a changed key day or phases, or the plan's reporting schedule).
 */
function rebuildStale(db: Db, where: 'p.id = ?' | 'p.event_id = ?', id: string): void {
  const stale = stmt(
    db,
    `SELECT t.id FROM plan_tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN plan_events e ON e.id = p.event_id
        LEFT JOIN plan_task_state s ON s.task_id = t.id
      WHERE ${where} AND CASE WHEN t.deleted = 0 AND p.deleted = 0 AND e.deleted = 0
        THEN s.task_id IS NULL OR s.event_id IS NOT p.event_id
          OR s.calendar IS NOT e.key_day || ' ' || e.phases || ' ' || p.reporting
        ELSE s.task_id IS NOT NULL END`,
  ).all(id) as { id: string }[];
  for (const t of stale) rebuildTaskDues(db, t.id);
}

export const rebuildPlanDues = (db: Db, planId: string): void => rebuildStale(db, 'p.id = ?', planId);
export const rebuildEventDues = (db: Db, eventId: string): void =>
  rebuildStale(db, 'p.event_id = ?', eventId);

/** Schema step 2: the due dates of the tasks already stored. */
export function fillTaskDues(db: Db): void {
  for (const t of db.prepare('SELECT id FROM plan_tasks').all() as { id: string }[])
    rebuildTaskDues(db, t.id);
}

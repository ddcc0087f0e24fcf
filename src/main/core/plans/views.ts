/**
 * What the lists, the overview and the period grid show: tasks with their due dates and state on
 * "today" (Vietnam time), their latest report, and who has reported in each period. Everything is
 * read from the stored due dates and state (dueIndex.ts): one indexed query gives the facts of the
 * tasks in scope, and only the tasks shown are read whole.
 */
import { z } from 'zod';
import type { Overview, PeriodRow, Task, TaskListInput, TaskStatus } from '../../../shared/contract';
import { addDaysIso } from '../../../shared/dates';
import {
  activeInWeek,
  type DueState,
  dueState,
  eventPeriods,
  type EventCalendar,
  weekStart,
} from '../../../shared/deadlines';
import { compareVietnamese, foldVietnamese } from '../../../shared/text';
import { stmt, type Db } from '../db/open';
import { rowFromSql } from '../db/sqlRow';
import { orgNames, type ProgressRow, taskInputOf, type TaskRow } from './store';

type Filter = Omit<z.output<typeof TaskListInput>, 'limit'> & { limit?: number };

/** A task in scope as the stored state gives it, with where it stands today. */
interface Facts {
  id: string;
  leadOrgId: string | null;
  status: TaskStatus;
  percent: number;
  recurring: boolean;
  firstDue: string | null;
  lastDue: string | null;
  eventStart: string;
  inWeek: boolean;
  due: DueState;
}

interface FactsSql {
  id: string;
  lead_org_id: string | null;
  status: TaskStatus;
  percent: number;
  recurring: number;
  first_due: string | null;
  last_due: string | null;
  event_start: string;
  next_due: string | null;
  passed_reported: number | null;
  in_week: number;
}

interface Scope {
  taskId?: string;
  eventId?: string | undefined;
  planId?: string | undefined;
  orgId?: string | undefined;
  /** Folded words to find in the task's text or its lead organisation's name. */
  query?: string;
}

/**
 * The facts of every live task in scope, in plan order. Only recurring deadlines look up their
 * due dates (the next one; the period of the last one passed, and whether it was reported); a
 * single one is its last due date.
 */
function taskFacts(db: Db, scope: Scope, today: string): Facts[] {
  const where: string[] = [];
  const args: Record<string, string> = {};
  if (scope.taskId) (where.push('s.task_id = @taskId'), (args.taskId = scope.taskId));
  if (scope.eventId) (where.push('s.event_id = @eventId'), (args.eventId = scope.eventId));
  if (scope.planId) (where.push('s.plan_id = @planId'), (args.planId = scope.planId));
  if (scope.orgId)
    (where.push('s.task_id IN (SELECT task_id FROM plan_task_orgs WHERE org_id = @orgId)'),
      (args.orgId = scope.orgId));
  if (scope.query) {
    const q = scope.query;
    const leads = [...orgNames(db)].filter(([, name]) => foldVietnamese(name).includes(q)).map(([id]) => id);
    where.push('(instr(s.folded, @query) > 0 OR s.lead_org_id IN (SELECT value FROM json_each(@leads)))');
    Object.assign(args, { query: q, leads: JSON.stringify(leads) });
  }
  const monday = weekStart(today);
  const rows = stmt(
    db,
    `SELECT s.task_id AS id, s.lead_org_id, s.status, s.percent, s.recurring, s.first_due, s.last_due, s.event_start,
        CASE WHEN s.recurring THEN (SELECT min(d.due) FROM plan_task_dues d WHERE d.task_id = s.task_id AND d.due >= @today)
          WHEN s.last_due >= @today THEN s.last_due END AS next_due,
        CASE WHEN s.recurring AND s.status IN ('todo', 'in-progress') THEN
          (SELECT EXISTS (SELECT 1 FROM plan_progress g WHERE g.task_id = d.task_id AND g.period = d.period AND g.deleted = 0)
             FROM plan_task_dues d WHERE d.task_id = s.task_id AND d.due < @today ORDER BY d.due DESC LIMIT 1) END
          AS passed_reported,
        CASE WHEN s.recurring THEN EXISTS (SELECT 1 FROM plan_task_dues d WHERE d.task_id = s.task_id AND d.due BETWEEN @monday AND @sunday)
          ELSE coalesce(s.last_due BETWEEN @monday AND @sunday, 0) END AS in_week
       FROM plan_task_state s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY s.plan_id, s.ordinal`,
  ).all({ ...args, today, monday, sunday: weekEnd(monday) }) as FactsSql[];
  return rows.map((r) => {
    const f = {
      id: r.id,
      leadOrgId: r.lead_org_id,
      status: r.status,
      percent: r.percent,
      recurring: r.recurring === 1,
      firstDue: r.first_due,
      lastDue: r.last_due,
      eventStart: r.event_start,
      inWeek: r.in_week === 1,
    };
    const lastPassedReported = r.passed_reported === null ? null : r.passed_reported === 1;
    return { ...f, due: dueState({ ...f, nextDue: r.next_due, lastPassedReported }, today) };
  });
}

/** The tasks whole, in the order of `facts`. */
function readTasks(db: Db, facts: readonly Facts[]): Task[] {
  if (facts.length === 0) return [];
  const rows = stmt(
    db,
    `SELECT t.*, s.event_id AS event_id_, p.title AS plan_title_, g.period AS r_period, g.status AS r_status,
        g.percent AS r_percent, g.org_id AS r_org, g.updated_at AS r_at
       FROM json_each(?) j JOIN plan_tasks t ON t.id = j.value JOIN plan_task_state s ON s.task_id = t.id
       JOIN plans p ON p.id = t.plan_id LEFT JOIN plan_progress g ON g.id = s.last_report_id
      ORDER BY j.key`,
  ).all(JSON.stringify(facts.map((f) => f.id))) as Record<string, unknown>[];
  const names = orgNames(db);
  // Only the contacts the tasks name: the directory may hold a hundred thousand.
  const responsible = [...new Set(rows.map((r) => r.responsible_contact_id).filter(Boolean))];
  const people = new Map(
    (
      stmt(db, 'SELECT id, full_name AS name FROM contacts WHERE id IN (SELECT value FROM json_each(?))').all(
        JSON.stringify(responsible),
      ) as { id: string; name: string }[]
    ).map((c) => [c.id, c.name]),
  );
  return rows.map((r, i) => {
    const row = rowFromSql<TaskRow>(r);
    const input = taskInputOf(row);
    return {
      id: row.id,
      originOffice: row.originOffice,
      version: row.version,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
      deleted: row.deleted,
      ...input,
      eventId: r.event_id_ as string,
      planTitle: r.plan_title_ as string,
      leadOrgName: row.leadOrgId ? (names.get(row.leadOrgId) ?? null) : null,
      coordinatingOrgNames: input.coordinatingOrgIds.map((id) => names.get(id) ?? ''),
      responsibleName: row.responsibleContactId ? (people.get(row.responsibleContactId) ?? null) : null,
      ...facts[i]!.due,
      lastReport: r.r_period
        ? {
            period: r.r_period as string,
            status: r.r_status as TaskStatus,
            percent: r.r_percent as number,
            orgName: names.get(r.r_org as string) ?? null,
            at: r.r_at as string,
          }
        : null,
    };
  });
}

/** One live task with its reports (oldest first) and every due date, or null. */
export function loadTask(
  db: Db,
  id: string,
  today: string,
): { task: Task; reports: ProgressRow[]; dates: string[] } | null {
  const f = taskFacts(db, { taskId: id }, today)[0];
  if (!f) return null;
  const reports = (
    stmt(
      db,
      'SELECT * FROM plan_progress WHERE task_id = ? AND deleted = 0 ORDER BY period, updated_at, rowid',
    ).all(id) as Record<string, unknown>[]
  ).map((r) => rowFromSql<ProgressRow>(r));
  const dates = (
    stmt(db, 'SELECT due FROM plan_task_dues WHERE task_id = ? ORDER BY due').all(id) as { due: string }[]
  ).map((d) => d.due);
  return { task: readTasks(db, [f])[0]!, reports, dates };
}

/** The task list with its views, organisation filter and folded search. */
export function listTasks(db: Db, f: Filter, today: string): { items: Task[]; total: number } {
  const facts = taskFacts(
    db,
    { eventId: f.eventId, planId: f.planId, orgId: f.orgId, query: foldVietnamese(f.query.trim()) },
    today,
  ).filter((t) => {
    if (f.view === 'overdue') return t.due.overdue;
    if (f.view === 'due-soon') return t.due.dueSoon || t.due.overdue;
    if (f.view === 'this-week') return t.inWeek;
    return true;
  });
  if (f.sort === 'deadline') {
    const key = (t: Facts) => t.due.nextDue ?? t.due.lastDue ?? '9';
    facts.sort((a, b) => key(a).localeCompare(key(b)));
  }
  if (f.sort === 'lead') {
    // Tasks without a directory organisation sort by the lead as written.
    const names = orgNames(db);
    const leadText = new Map(
      (
        stmt(
          db,
          'SELECT id, lead_text AS t FROM plan_tasks WHERE id IN (SELECT value FROM json_each(?))',
        ).all(JSON.stringify(facts.filter((t) => !t.leadOrgId).map((t) => t.id))) as {
          id: string;
          t: string;
        }[]
      ).map((r) => [r.id, r.t]),
    );
    const key = (t: Facts) => (t.leadOrgId ? (names.get(t.leadOrgId) ?? '') : (leadText.get(t.id) ?? ''));
    facts.sort((a, b) => compareVietnamese(key(a), key(b)));
  }
  return { items: readTasks(db, facts.slice(0, f.limit ?? facts.length)), total: facts.length };
}

/** Lead organisations expected to report in the week from `monday`, and those that did. */
function reporting(
  db: Db,
  eventId: string,
  facts: readonly Facts[],
  monday: string,
  names: ReadonlyMap<string, string>,
) {
  const reported = new Set(
    (
      stmt(
        db,
        `SELECT DISTINCT g.org_id AS orgId FROM plan_task_state s
            JOIN plan_progress g ON g.task_id = s.task_id AND g.period = ? AND g.deleted = 0
          WHERE s.event_id = ?`,
      ).all(monday, eventId) as { orgId: string }[]
    ).map((r) => r.orgId),
  );
  const expected = new Set<string>();
  for (const f of facts) if (f.leadOrgId && activeInWeek(f, monday)) expected.add(f.leadOrgId);
  const named = (ids: Iterable<string>) =>
    [...ids]
      .map((orgId) => ({ orgId, orgName: names.get(orgId) ?? '' }))
      .sort((a, b) => compareVietnamese(a.orgName, b.orgName));
  return {
    reported: named(reported),
    missing: named([...expected].filter((id) => !reported.has(id))),
  };
}

/** For each reporting period of the event: who reported and who, expected to, did not. */
export function periodGrid(db: Db, eventId: string, cal: EventCalendar, today: string): PeriodRow[] {
  const facts = taskFacts(db, { eventId }, today);
  const names = orgNames(db);
  const current = weekStart(today);
  return eventPeriods(cal)
    .filter((p) => p <= current)
    .map((period) => ({ period, ...reporting(db, eventId, facts, period, names) }));
}

export function overview(db: Db, eventId: string, period: string, today: string): Overview {
  const facts = taskFacts(db, { eventId }, today);
  const names = orgNames(db);
  const byOrg = new Map<string | null, Facts[]>();
  for (const f of facts) {
    const list = byOrg.get(f.leadOrgId);
    if (list) list.push(f);
    else byOrg.set(f.leadOrgId, [f]);
  }
  const count = (list: readonly Facts[], p: (f: Facts) => boolean) => list.filter(p).length;
  return {
    period: weekStart(period),
    tasks: facts.length,
    done: count(facts, (f) => f.status === 'done'),
    overdue: count(facts, (f) => f.due.overdue),
    dueSoon: count(facts, (f) => f.due.dueSoon),
    thisWeek: count(facts, (f) => f.inWeek),
    notReported: reporting(db, eventId, facts, weekStart(period), names).missing,
    byOrg: [...byOrg.entries()]
      .map(([orgId, list]) => ({
        orgId,
        orgName: orgId ? (names.get(orgId) ?? '') : 'Chưa giao đơn vị',
        tasks: list.length,
        done: count(list, (f) => f.status === 'done'),
        overdue: count(list, (f) => f.due.overdue),
        percent: Math.round(list.reduce((a, f) => a + f.percent, 0) / list.length),
      }))
      .sort((a, b) => compareVietnamese(a.orgName, b.orgName)),
  };
}

/** The last day of the week from `monday`, for headings ("từ 09/3 đến 15/3"). */
export function weekEnd(monday: string): string {
  return addDaysIso(monday, 6);
}

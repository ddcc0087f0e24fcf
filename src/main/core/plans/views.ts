/**
 * What the lists, the overview and the period grid show: tasks with their due dates and state on
 * "today" (Vietnam time), their latest report, and who has reported in each period. Everything is
 * read from the stored due dates and state (dueIndex.ts): one indexed query gives the facts of the
 * tasks in scope, and only the tasks shown are read whole.
 */
import { z } from 'zod';
import type { Overview, PeriodRow, Task, TaskListInput } from '../../../shared/contract';
import { addDaysIso } from '../../../shared/dates';
import {
  eventPeriods,
  type EventCalendar,
  periodAt,
  periodStart,
  phaseWindow,
  type ReportingPeriod,
  weekStart,
} from '../../../shared/deadlines';
import { compareVietnamese, foldVietnamese } from '../../../shared/text';
import { stmt, type Db } from '../db/open';
import { rowFromSql } from '../db/sqlRow';
import type { LastReport } from './dueIndex';
import { orgNames, type ProgressRow, type ReportingScope, taskInputOf, type TaskRow } from './store';

type Filter = Omit<z.output<typeof TaskListInput>, 'limit' | 'offset'> & { limit?: number; offset?: number };

/** Where a task in scope stands today, as the stored state gives it. */
interface Facts {
  id: string;
  leadOrgId: string | null;
  nextDue: string | null;
  lastDue: string | null;
  overdue: boolean;
  dueSoon: boolean;
}

interface Scope {
  taskId?: string;
  eventId?: string | undefined;
  planId?: string | undefined;
  orgId?: string | undefined;
  /** Folded words to find in the task's text or its lead organisation's name. */
  query?: string;
}

const OPEN = "status IN ('todo', 'in-progress')";

/**
 * The live tasks in scope as a table `f` (a CTE, flattened into each query: only the columns a
 * query reads are worked out), each with where it stands on @today: its next due date; overdue
 * (a single deadline passed while open; a recurring one whose last due date before today fell in
 * a period with no report); `near`, bit 1: a due date within 7 days (@soon), bit 2: one this
 * week. A single deadline is its last due date; a recurring one reads its due dates near today,
 * in two index seeks: the last one passed (with its period's reported flag), and those from
 * Monday to @soon. (The overview reads `f` through LIMIT -1, which keeps SQLite from flattening
 * it into the aggregate: `near` is then worked out once a row, not once per sum.)
 */
function facts(db: Db, scope: Scope, today: string) {
  const where: string[] = [];
  const args: Record<string, string> = {};
  const add = (cond: string, name: keyof Scope, value: string | undefined) => {
    if (!value) return;
    where.push(cond);
    args[name] = value;
  };
  add('s.task_id = @taskId', 'taskId', scope.taskId);
  add('s.event_id = @eventId', 'eventId', scope.eventId);
  add('s.plan_id = @planId', 'planId', scope.planId);
  add('s.task_id IN (SELECT task_id FROM plan_task_orgs WHERE org_id = @orgId)', 'orgId', scope.orgId);
  if (scope.query) {
    const q = scope.query;
    const leads = [...orgNames(db)].filter(([, name]) => foldVietnamese(name).includes(q)).map(([id]) => id);
    add(
      '(instr((SELECT folded FROM plan_task_text x WHERE x.task_id = s.task_id), @query) > 0 OR s.lead_org_id IN (SELECT value FROM json_each(@leads)))',
      'query',
      q,
    );
    args.leads = JSON.stringify(leads);
  }
  const monday = weekStart(today);
  const near = `(SELECT max(d.due >= @today) + 2 * max(d.due <= @sunday) FROM plan_task_dues d
      WHERE d.task_id = s.task_id AND d.due BETWEEN @monday AND @soon)`;
  const sql = `WITH f AS (
      SELECT s.task_id AS id, s.plan_id, s.ordinal, s.lead_org_id, s.status, s.percent, s.last_due,
        CASE WHEN s.recurring THEN (SELECT min(d.due) FROM plan_task_dues d WHERE d.task_id = s.task_id AND d.due >= @today)
          WHEN s.last_due >= @today THEN s.last_due END AS next_due,
        CASE WHEN NOT s.${OPEN} THEN 0
          WHEN s.recurring THEN coalesce((SELECT NOT d.reported FROM plan_task_dues d
            WHERE d.task_id = s.task_id AND d.due < @today ORDER BY d.due DESC LIMIT 1), 0)
          ELSE coalesce(s.last_due < @today, 0) END AS overdue,
        CASE WHEN s.recurring THEN coalesce(${near}, 0)
          ELSE coalesce(s.last_due BETWEEN @today AND @soon, 0) + 2 * coalesce(s.last_due BETWEEN @monday AND @sunday, 0)
          END AS near
      FROM plan_task_state s ${where.length ? `WHERE ${where.join(' AND ')}` : ''})`;
  return {
    sql,
    args: { ...args, today, monday, sunday: weekEnd(monday), soon: addDaysIso(today, 7) },
  };
}

/** Due within 7 days while open; due this week (the bits of `near`). */
const DUE_SOON = `(${OPEN} AND near & 1)`;
const IN_WEEK = '(near & 2 > 0)';
const VIEW_WHERE: Record<Filter['view'], string> = {
  all: '1',
  overdue: 'overdue',
  'due-soon': `(${DUE_SOON} OR overdue)`,
  'this-week': IN_WEEK,
};

/** The facts of the tasks in scope and view, in plan order or by deadline. */
function taskFacts(db: Db, scope: Scope, today: string, view: Filter['view'] = 'all', byDeadline = false) {
  const f = facts(db, scope, today);
  const order = byDeadline ? "coalesce(next_due, last_due, '9'), plan_id, ordinal" : 'plan_id, ordinal';
  const rows = stmt(
    db,
    `${f.sql} SELECT id, lead_org_id, next_due, last_due, overdue, ${DUE_SOON} AS due_soon FROM f
      WHERE ${VIEW_WHERE[view]} ORDER BY ${order}`,
  ).all(f.args) as Record<string, unknown>[];
  return rows.map((r) => rowFromSql<Facts>(r, ['overdue', 'dueSoon']));
}

/** The tasks whole, in the order of `facts`. */
function readTasks(db: Db, facts: readonly Facts[]): Task[] {
  if (facts.length === 0) return [];
  const rows = stmt(
    db,
    `SELECT t.*, s.event_id AS event_id_, p.title AS plan_title_, s.last_report AS last_report_
       FROM json_each(?) j JOIN plan_tasks t ON t.id = j.value JOIN plan_task_state s ON s.task_id = t.id
       JOIN plans p ON p.id = t.plan_id ORDER BY j.key`,
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
    const last = r.last_report_ ? (JSON.parse(r.last_report_ as string) as LastReport) : null;
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
      nextDue: facts[i]!.nextDue,
      lastDue: facts[i]!.lastDue,
      overdue: facts[i]!.overdue,
      dueSoon: facts[i]!.dueSoon,
      lastReport: last
        ? {
            period: last.period,
            status: last.status,
            percent: last.percent,
            orgName: names.get(last.orgId) ?? null,
            at: last.at,
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
  const scope = {
    eventId: f.eventId,
    planId: f.planId,
    orgId: f.orgId,
    query: foldVietnamese(f.query.trim()),
  };
  const found = taskFacts(db, scope, today, f.view, f.sort === 'deadline');
  if (f.sort === 'lead') {
    // Tasks without a directory organisation sort by the lead as written.
    const names = orgNames(db);
    const leadText = new Map(
      (
        stmt(
          db,
          'SELECT id, lead_text AS t FROM plan_tasks WHERE id IN (SELECT value FROM json_each(?))',
        ).all(JSON.stringify(found.filter((t) => !t.leadOrgId).map((t) => t.id))) as {
          id: string;
          t: string;
        }[]
      ).map((r) => [r.id, r.t]),
    );
    const key = (t: Facts) => (t.leadOrgId ? (names.get(t.leadOrgId) ?? '') : (leadText.get(t.id) ?? ''));
    found.sort((a, b) => compareVietnamese(key(a), key(b)));
  }
  // Only the page's tasks are read whole (a search may match a thousand).
  const from = f.offset ?? 0;
  return { items: readTasks(db, found.slice(from, from + (f.limit ?? found.length))), total: found.length };
}

/**
 * For each period: the lead organisations that reported on a task in scope, and those expected
 * to that did not. A task is expected to be reported on once the event has begun, while it runs:
 * a recurring one in the periods its due dates span, a single one until its period, and after it
 * while not done; never a cancelled one. A report counts for the period holding the day it is for.
 */
function reporting(
  db: Db,
  scope: ReportingScope,
  periods: readonly ReportingPeriod[],
  names: ReadonlyMap<string, string>,
) {
  if (periods.length === 0) return [];
  const plan = scope.planId ? 'AND s.plan_id = @planId' : '';
  const args = {
    eventId: scope.eventId,
    planId: scope.planId ?? null,
    periods: JSON.stringify(periods.map((p) => [p.start, p.end])),
    from: periods[0]!.start,
    to: periods.at(-1)!.end,
  };
  const by = () => new Map(periods.map((p) => [p.start, new Set<string>()]));
  const reported = by();
  for (const r of stmt(
    db,
    `SELECT DISTINCT g.period, g.org_id AS orgId FROM plan_task_state s
        JOIN plan_progress g ON g.task_id = s.task_id AND g.deleted = 0
      WHERE s.event_id = @eventId ${plan} AND g.period BETWEEN @from AND @to`,
  ).all(args) as { period: string; orgId: string }[])
    reported.get(periodStart(scope.schedule, r.period))?.add(r.orgId);
  const expected = by();
  for (const r of stmt(
    db,
    `WITH per AS MATERIALIZED (
        SELECT json_extract(value, '$[0]') AS start, json_extract(value, '$[1]') AS end FROM json_each(@periods))
      SELECT DISTINCT per.start AS period, s.lead_org_id AS orgId FROM plan_task_state s, per
      WHERE s.event_id = @eventId ${plan} AND s.lead_org_id IS NOT NULL AND s.status != 'cancelled'
        AND s.last_due IS NOT NULL AND per.start >= s.event_start
        AND CASE WHEN s.recurring THEN per.start <= s.last_due AND per.end >= s.first_due
          ELSE per.start <= s.last_due OR s.status != 'done' END`,
  ).all(args) as { period: string; orgId: string }[])
    expected.get(r.period)?.add(r.orgId);
  const named = (ids: Iterable<string>) =>
    [...ids]
      .map((orgId) => ({ orgId, orgName: names.get(orgId) ?? '' }))
      .sort((a, b) => compareVietnamese(a.orgName, b.orgName));
  return periods.map((p) => {
    const did = reported.get(p.start)!;
    return {
      period: p.start,
      end: p.end,
      reported: named(did),
      missing: named([...expected.get(p.start)!].filter((id) => !did.has(id))),
    };
  });
}

/** For each reporting period of the event up to today's: who reported and who, expected to, did not. */
export function periodGrid(db: Db, scope: ReportingScope, cal: EventCalendar, today: string): PeriodRow[] {
  const periods = eventPeriods(cal, scope.schedule).filter((p) => p.start <= today);
  return reporting(db, scope, periods, orgNames(db));
}

/** The reporting period holding `day`, as the event's schedule cuts it. */
export function periodHolding(scope: ReportingScope, cal: EventCalendar, day: string): ReportingPeriod {
  return periodAt(scope.schedule, periodStart(scope.schedule, day), phaseWindow(cal).end);
}

export function overview(
  db: Db,
  scope: ReportingScope,
  cal: EventCalendar,
  day: string,
  today: string,
): Overview {
  const names = orgNames(db);
  const f = facts(db, { eventId: scope.eventId, planId: scope.planId }, today);
  const groups = stmt(
    db,
    `${f.sql} SELECT lead_org_id AS orgId, count(*) AS tasks, sum(status = 'done') AS done, sum(overdue) AS overdue,
        sum(${DUE_SOON}) AS dueSoon, sum(${IN_WEEK}) AS thisWeek, sum(percent) AS percent
      FROM (SELECT * FROM f LIMIT -1) GROUP BY lead_org_id`,
  ).all(f.args) as {
    orgId: string | null;
    tasks: number;
    done: number;
    overdue: number;
    dueSoon: number;
    thisWeek: number;
    percent: number;
  }[];
  const total = (k: 'tasks' | 'done' | 'overdue' | 'dueSoon' | 'thisWeek') =>
    groups.reduce((a, g) => a + g[k], 0);
  const period = periodHolding(scope, cal, day);
  return {
    period: period.start,
    periodEnd: period.end,
    reporting: scope.schedule,
    tasks: total('tasks'),
    done: total('done'),
    overdue: total('overdue'),
    dueSoon: total('dueSoon'),
    thisWeek: total('thisWeek'),
    notReported: reporting(db, scope, [period], names)[0]!.missing,
    byOrg: groups
      .map((g) => ({
        orgId: g.orgId,
        orgName: g.orgId ? (names.get(g.orgId) ?? '') : 'Chưa giao đơn vị',
        tasks: g.tasks,
        done: g.done,
        overdue: g.overdue,
        percent: Math.round(g.percent / g.tasks),
      }))
      .sort((x, y) => compareVietnamese(x.orgName, y.orgName)),
  };
}

/** The last day of the week from `monday`, for headings ("từ 09/3 đến 15/3"). */
export function weekEnd(monday: string): string {
  return addDaysIso(monday, 6);
}

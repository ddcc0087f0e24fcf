/**
 * What the lists, the overview and the period grid show: tasks with their due dates and state on
 * "today" (Vietnam time), their latest report, and who has reported in each period.
 */
import { z } from 'zod';
import type { Overview, PeriodRow, Task, TaskListInput } from '../../../shared/contract';
import { addDaysIso } from '../../../shared/dates';
import {
  activeInWeek,
  dueDates,
  dueInWeek,
  dueState,
  eventPeriods,
  type EventCalendar,
  weekStart,
} from '../../../shared/deadlines';
import { compareVietnamese, foldVietnamese } from '../../../shared/text';
import { stmt, type Db } from '../db/open';
import { rowFromSql } from '../db/sqlRow';
import { calendarOf, type EventRow, orgNames, type ProgressRow, taskInputOf, type TaskRow } from './store';

type Filter = Omit<z.output<typeof TaskListInput>, 'limit'> & { limit?: number };

interface Loaded {
  task: Task;
  dates: string[];
  calendar: EventCalendar;
  reports: ProgressRow[];
  /** The task's status, or its latest report's while the task itself is open. */
  status: Task['status'];
}

/** Live tasks of live plans (of one event, plan or task), with what they are shown with. */
function loadTasks(
  db: Db,
  f: { eventId?: string | undefined; planId?: string | undefined; taskId?: string },
  today: string,
): Loaded[] {
  const conds: [string, string | undefined][] = [
    ['p.event_id = ?', f.eventId],
    ['t.plan_id = ?', f.planId],
    ['t.id = ?', f.taskId],
  ];
  const given = conds.filter((c): c is [string, string] => !!c[1]);
  const where = ['t.deleted = 0', 'p.deleted = 0', ...given.map((c) => c[0])];
  const args = given.map((c) => c[1]);
  const rows = stmt(
    db,
    `SELECT t.*, p.event_id AS event_id_, p.title AS plan_title_ FROM plan_tasks t JOIN plans p ON p.id = t.plan_id
        WHERE ${where.join(' AND ')} ORDER BY p.id, t.ordinal`,
  ).all(...args) as Record<string, unknown>[];
  const reports = new Map<string, ProgressRow[]>();
  for (const r of stmt(
    db,
    `SELECT g.* FROM plan_progress g JOIN plan_tasks t ON t.id = g.task_id JOIN plans p ON p.id = t.plan_id
        WHERE g.deleted = 0 AND ${where.join(' AND ')} ORDER BY g.period, g.updated_at`,
  ).all(...args) as Record<string, unknown>[]) {
    const row = rowFromSql<ProgressRow>(r);
    const list = reports.get(row.taskId);
    if (list) list.push(row);
    else reports.set(row.taskId, [row]);
  }
  const events = new Map<string, EventCalendar>();
  const calendar = (id: string) => {
    let c = events.get(id);
    if (!c) {
      const e = stmt(db, 'SELECT key_day AS keyDay, phases FROM plan_events WHERE id = ?').get(id) as Pick<
        EventRow,
        'keyDay' | 'phases'
      >;
      c = calendarOf(e);
      events.set(id, c);
    }
    return c;
  };
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
  // Tasks of a plan share a few deadlines: their due dates are computed once per event and deadline.
  const dueCache = new Map<string, string[]>();
  return rows.map((r) => {
    const row = rowFromSql<TaskRow>(r);
    const input = taskInputOf(row);
    const cal = calendar(r.event_id_ as string);
    const dueKey = `${r.event_id_ as string}|${row.deadline}`;
    const dates = dueCache.get(dueKey) ?? dueDates(input.deadline, cal);
    dueCache.set(dueKey, dates);
    const own = reports.get(row.id) ?? [];
    const last = own.at(-1);
    const open = row.status === 'todo' || row.status === 'in-progress';
    const status = open ? (last?.status ?? row.status) : row.status;
    const state = dueState(input.deadline, cal, status, today, new Set(own.map((g) => g.period)), dates);
    const task: Task = {
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
      ...state,
      lastReport: last
        ? {
            period: last.period,
            status: last.status,
            percent: last.percent,
            orgName: names.get(last.orgId) ?? null,
            at: last.updatedAt,
          }
        : null,
    };
    return { task, dates, calendar: cal, reports: own, status };
  });
}

export function loadTask(db: Db, id: string, today: string): Loaded | null {
  return loadTasks(db, { taskId: id }, today)[0] ?? null;
}

/** The task list with its views, organisation filter and folded search. */
export function listTasks(db: Db, f: Filter, today: string): { items: Task[]; total: number } {
  const monday = weekStart(today);
  const q = foldVietnamese(f.query.trim());
  const items = loadTasks(db, f, today)
    .filter(({ task: t, dates }) => {
      if (f.orgId && t.leadOrgId !== f.orgId && !t.coordinatingOrgIds.includes(f.orgId)) return false;
      if (f.view === 'overdue' && !t.overdue) return false;
      if (f.view === 'due-soon' && !(t.dueSoon || t.overdue)) return false;
      if (f.view === 'this-week' && !dueInWeek(dates, monday)) return false;
      if (!q) return true;
      const hay = [
        t.code,
        t.title,
        t.content,
        ...t.subItems,
        t.leadOrgName ?? t.leadText,
        t.product,
        t.notes,
      ];
      return foldVietnamese(hay.join(' ')).includes(q);
    })
    .map((l) => l.task);
  if (f.sort === 'deadline')
    items.sort((a, b) => (a.nextDue ?? a.lastDue ?? '9').localeCompare(b.nextDue ?? b.lastDue ?? '9'));
  if (f.sort === 'lead')
    items.sort((a, b) => compareVietnamese(a.leadOrgName ?? a.leadText, b.leadOrgName ?? b.leadText));
  return { items: items.slice(0, f.limit ?? items.length), total: items.length };
}

/** Lead organisations expected to report in the week from `monday`, and those that did. */
function reporting(loaded: readonly Loaded[], monday: string, names: ReadonlyMap<string, string>) {
  const expected = new Set<string>();
  const reported = new Set<string>();
  for (const l of loaded) {
    for (const g of l.reports) if (g.period === monday) reported.add(g.orgId);
    const t = l.task;
    if (t.leadOrgId && activeInWeek(t.deadline, l.calendar, l.status, monday, l.dates))
      expected.add(t.leadOrgId);
  }
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
  const loaded = loadTasks(db, { eventId }, today);
  const names = orgNames(db);
  const current = weekStart(today);
  return eventPeriods(cal)
    .filter((p) => p <= current)
    .map((period) => ({ period, ...reporting(loaded, period, names) }));
}

export function overview(db: Db, eventId: string, period: string, today: string): Overview {
  const loaded = loadTasks(db, { eventId }, today);
  const names = orgNames(db);
  const byOrg = new Map<string | null, Loaded[]>();
  for (const l of loaded) {
    const list = byOrg.get(l.task.leadOrgId);
    if (list) list.push(l);
    else byOrg.set(l.task.leadOrgId, [l]);
  }
  const percentOf = (l: Loaded) =>
    l.status === 'done' ? 100 : (l.task.lastReport?.percent ?? l.task.percent);
  const count = (list: readonly Loaded[], f: (l: Loaded) => boolean) => list.filter(f).length;
  return {
    period: weekStart(period),
    tasks: loaded.length,
    done: count(loaded, (l) => l.status === 'done'),
    overdue: count(loaded, (l) => l.task.overdue),
    dueSoon: count(loaded, (l) => l.task.dueSoon),
    thisWeek: count(loaded, (l) => dueInWeek(l.dates, weekStart(today))),
    notReported: reporting(loaded, weekStart(period), names).missing,
    byOrg: [...byOrg.entries()]
      .map(([orgId, list]) => ({
        orgId,
        orgName: orgId ? (names.get(orgId) ?? '') : 'Chưa giao đơn vị',
        tasks: list.length,
        done: count(list, (l) => l.status === 'done'),
        overdue: count(list, (l) => l.task.overdue),
        percent: Math.round(list.reduce((a, l) => a + percentOf(l), 0) / list.length),
      }))
      .sort((a, b) => compareVietnamese(a.orgName, b.orgName)),
  };
}

/** The last day of the week from `monday`, for headings ("từ 09/3 đến 15/3"). */
export const weekEnd = (monday: string) => addDaysIso(monday, 6);

/**
 * Deadlines of a plan's tasks as concrete due dates, in Vietnam calendar days ("yyyy-mm-dd"), and
 * the plan's reporting periods (by default the week from Monday 00:00 Vietnam time; a plan may
 * report every N days, monthly or on listed dates). Pure: the core passes "today" from its clock.
 */
import {
  WEEKLY_ON_MONDAY,
  type DeadlineSpec,
  type EventPhase,
  type PhaseKey,
  type ReportingSchedule,
} from './contract/plans';
import { addDaysIso, isoToTyped, parseDate, vnIsoDate } from './dates';

export interface EventCalendar {
  keyDay: string;
  phases: readonly EventPhase[];
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** Days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** 1 Monday … 7 Sunday. */
function isoWeekday(iso: string): number {
  return ((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the week holding this day. */
export function weekStart(iso: string): string {
  return addDaysIso(iso, 1 - isoWeekday(iso));
}

/** Day `day` of the month (yyyy-mm), or the month's last day when it is shorter. */
function dayOfMonth(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** The year and month `delta` months from the month of `iso`. */
function monthFrom(iso: string, delta: number): [number, number] {
  const m = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + delta;
  return [Math.floor(m / 12), (m % 12) + 1];
}

/**
 * The first day of the reporting period holding `day`. A day before the first of listed dates
 * belongs to the first period (a report sent early).
 */
export function periodStart(s: ReportingSchedule, day: string): string {
  switch (s.kind) {
    case 'weekly':
      return addDaysIso(day, -((isoWeekday(day) - s.weekday + 7) % 7));
    case 'every':
      return addDaysIso(s.from, Math.floor(daysBetween(s.from, day) / s.days) * s.days);
    case 'monthly': {
      const here = dayOfMonth(...monthFrom(day, 0), s.day);
      return here <= day ? here : dayOfMonth(...monthFrom(day, -1), s.day);
    }
    case 'dates':
      return s.dates.findLast((d) => d <= day) ?? s.dates[0]!;
  }
}

/** The first day of the period after the one starting at `start`; null after the last listed date. */
function nextStart(s: ReportingSchedule, start: string): string | null {
  switch (s.kind) {
    case 'weekly':
      return addDaysIso(start, 7);
    case 'every':
      return addDaysIso(start, s.days);
    case 'monthly':
      return dayOfMonth(...monthFrom(start, 1), s.day);
    case 'dates':
      return s.dates.find((d) => d > start) ?? null;
  }
}

export interface ReportingPeriod {
  start: string;
  end: string;
}

/** The period starting at `start`: to the day before the next; the last listed date's to `lastDay`. */
export function periodAt(s: ReportingSchedule, start: string, lastDay: string): ReportingPeriod {
  const next = nextStart(s, start);
  return { start, end: next ? addDaysIso(next, -1) : lastDay > start ? lastDay : start };
}

/** The reporting period an instant falls in, in Vietnam time (by default the week from Monday). */
export function periodOf(at: Date, s: ReportingSchedule = WEEKLY_ON_MONDAY): string {
  return periodStart(s, vnIsoDate(at));
}

/**
 * The calendar of an event by default: preparation from 90 days before the key day, heightened
 * duty from 3 days before to the day after, then a month for results and reports.
 */
export function defaultPhases(keyDay: string): EventPhase[] {
  return [
    { key: 'before', start: addDaysIso(keyDay, -90), end: addDaysIso(keyDay, -4) },
    { key: 'during', start: addDaysIso(keyDay, -3), end: addDaysIso(keyDay, 1) },
    { key: 'after', start: addDaysIso(keyDay, 2), end: addDaysIso(keyDay, 30) },
  ];
}

/** The span of the phases listed (none: all of the event's), or of the key day alone. */
export function phaseWindow(
  ev: EventCalendar,
  keys: readonly PhaseKey[] = [],
): { start: string; end: string } {
  const ps = ev.phases.filter((p) => keys.length === 0 || keys.includes(p.key));
  if (ps.length === 0) return { start: ev.keyDay, end: ev.keyDay };
  return {
    start: ps.map((p) => p.start).reduce((a, b) => (a < b ? a : b)),
    end: ps.map((p) => p.end).reduce((a, b) => (a > b ? a : b)),
  };
}

/** Every day of the window that is the weekday (1 Monday … 7 Sunday). */
function weekdaysIn(window: { start: string; end: string }, weekday: number): string[] {
  const out: string[] = [];
  let d = addDaysIso(window.start, (weekday - isoWeekday(window.start) + 7) % 7);
  for (; d <= window.end; d = addDaysIso(d, 7)) out.push(d);
  return out;
}

/** Whether a deadline recurs (reported every period) rather than falling once. */
export function isRecurring(spec: DeadlineSpec): boolean {
  return spec.kind === 'weekly' || spec.kind === 'continuous';
}

/** Every due date of the deadline, in order. Continuous work is due at the start of each reporting period. */
export function dueDates(
  spec: DeadlineSpec,
  ev: EventCalendar,
  schedule: ReportingSchedule = WEEKLY_ON_MONDAY,
): string[] {
  switch (spec.kind) {
    case 'date':
      return [spec.date];
    case 'relative':
      return [addDaysIso(ev.keyDay, spec.days)];
    case 'weekly':
      return weekdaysIn(phaseWindow(ev, spec.phases), spec.weekday);
    case 'continuous':
      return periodStarts(schedule, phaseWindow(ev, spec.phases));
    case 'phase':
      return [phaseWindow(ev, spec.phases).end];
    case 'unread':
      return [];
  }
}

/** The same deadline for an event whose key day is `days` later: only fixed dates move. */
export function shiftDeadline(spec: DeadlineSpec, days: number): DeadlineSpec {
  return spec.kind === 'date' ? { kind: 'date', date: addDaysIso(spec.date, days) } : spec;
}

/** The deadline as written, its dates moved too ("Trước ngày 31/01/2026" → "Trước ngày 30/01/2027"). */
export function shiftDeadlineText(text: string, days: number): string {
  return text.replace(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/g, (m) => {
    const iso = parseDate(m);
    return iso ? isoToTyped(addDaysIso(iso, days)) : m;
  });
}

/** A plan's schedule for an event whose key day is `days` later: only dates move. */
export function shiftSchedule(s: ReportingSchedule, days: number): ReportingSchedule {
  if (s.kind === 'every') return { ...s, from: addDaysIso(s.from, days) };
  if (s.kind === 'dates') return { ...s, dates: s.dates.map((d) => addDaysIso(d, days)) };
  return s;
}

/** An event's phases moved with its key day. */
export function shiftPhases(phases: readonly EventPhase[], days: number): EventPhase[] {
  return phases.map((p) => ({ ...p, start: addDaysIso(p.start, days), end: addDaysIso(p.end, days) }));
}

/** The days within the window that start a reporting period. */
function periodStarts(s: ReportingSchedule, window: { start: string; end: string }): string[] {
  const out: string[] = [];
  let d: string | null = periodStart(s, window.start);
  if (d < window.start) d = nextStart(s, d);
  for (; d !== null && d <= window.end; d = nextStart(s, d)) out.push(d);
  return out;
}

/** The event's reporting periods, from the one holding its first day to the one holding its last. */
export function eventPeriods(ev: EventCalendar, s: ReportingSchedule = WEEKLY_ON_MONDAY): ReportingPeriod[] {
  const w = phaseWindow(ev);
  const out: ReportingPeriod[] = [];
  for (let d: string | null = periodStart(s, w.start); d !== null && d <= w.end; d = nextStart(s, d))
    out.push(periodAt(s, d, w.end));
  return out;
}

/** The weekdays' names, Monday first. */
export const WEEKDAYS_VI = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

/** The schedule in the words of a plan ("Thứ Hai hằng tuần", "Ngày 25 hằng tháng"…). */
export function describeSchedule(s: ReportingSchedule): string {
  switch (s.kind) {
    case 'weekly':
      return `${WEEKDAYS_VI[s.weekday - 1]} hằng tuần`;
    case 'every':
      return `${s.days} ngày một lần từ ${isoToTyped(s.from)}`;
    case 'monthly':
      return `Ngày ${s.day} hằng tháng`;
    case 'dates': {
      // "Các ngày 10/02, 25/02, 10/03/2026": the year once when all share it.
      const oneYear = s.dates.every((d) => d.slice(0, 4) === s.dates[0]!.slice(0, 4));
      const shown = s.dates.map((d, i) =>
        oneYear && i < s.dates.length - 1 ? isoToTyped(d).slice(0, 5) : isoToTyped(d),
      );
      return `${s.dates.length > 1 ? 'Các ngày' : 'Ngày'} ${shown.join(', ')}`;
    }
  }
}

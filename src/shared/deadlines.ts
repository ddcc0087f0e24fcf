/**
 * Deadlines of a plan's tasks as concrete due dates, in Vietnam calendar days ("yyyy-mm-dd"),
 * weeks starting on Monday (a reporting period is the week from Monday 00:00 Vietnam time).
 * Pure: the core passes "today" from its clock.
 */
import type { DeadlineSpec, EventPhase, PhaseKey } from './contract/plans';
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

/** The reporting period (its Monday) an instant falls in, in Vietnam time. */
export function periodOf(at: Date): string {
  return weekStart(vnIsoDate(at));
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

/** Every due date of the deadline, in order. Continuous work is due at each period's Monday. */
export function dueDates(spec: DeadlineSpec, ev: EventCalendar): string[] {
  switch (spec.kind) {
    case 'date':
      return [spec.date];
    case 'relative':
      return [addDaysIso(ev.keyDay, spec.days)];
    case 'weekly':
      return weekdaysIn(phaseWindow(ev, spec.phases), spec.weekday);
    case 'continuous':
      return weekdaysIn(phaseWindow(ev, spec.phases), 1);
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

/** An event's phases moved with its key day. */
export function shiftPhases(phases: readonly EventPhase[], days: number): EventPhase[] {
  return phases.map((p) => ({ ...p, start: addDaysIso(p.start, days), end: addDaysIso(p.end, days) }));
}

/** The Mondays of the event's reporting periods, from the first phase's week to the last's. */
export function eventPeriods(ev: EventCalendar): string[] {
  const w = phaseWindow(ev);
  const out: string[] = [];
  for (let d = weekStart(w.start); d <= w.end; d = addDaysIso(d, 7)) out.push(d);
  return out;
}

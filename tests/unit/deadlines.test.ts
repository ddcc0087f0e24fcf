import { describe, expect, it } from 'vitest';
import { ReportingSchedule, type DeadlineSpec } from '../../src/shared/contract';
import { addDaysIso } from '../../src/shared/dates';
import {
  defaultPhases,
  describeSchedule,
  dueDates,
  eventPeriods,
  periodAt,
  periodOf,
  periodStart,
  shiftDeadline,
  shiftDeadlineText,
  shiftPhases,
  shiftSchedule,
  weekStart,
} from '../../src/shared/deadlines';

const KEY_DAY = '2026-03-15';
const election = { keyDay: KEY_DAY, phases: defaultPhases(KEY_DAY) };

describe('due dates of every kind of deadline', () => {
  it('a fixed date, a day relative to the key day, a phase', () => {
    expect(dueDates({ kind: 'date', date: '2026-01-14' }, election)).toEqual(['2026-01-14']);
    // "trước ngày bầu cử 10 ngày"
    expect(dueDates({ kind: 'relative', days: -10 }, election)).toEqual(['2026-03-05']);
    expect(dueDates({ kind: 'relative', days: 7 }, election)).toEqual(['2026-03-22']);
    // "trước, trong và sau ngày bầu cử": by the end of the last phase
    expect(dueDates({ kind: 'phase', phases: ['before', 'during', 'after'] }, election)).toEqual([
      '2026-04-14',
    ]);
    expect(dueDates({ kind: 'phase', phases: ['during'] }, election)).toEqual(['2026-03-16']);
  });

  it('a recurring task over the whole election period: every Monday, and Thường xuyên each period', () => {
    const weekly = dueDates({ kind: 'weekly', weekday: 1, phases: [] }, election);
    // 15/12/2025 (90 days before) to 14/04/2026: the Mondays 15/12/2025 … 13/04/2026.
    expect(weekly[0]).toBe('2025-12-15');
    expect(weekly.at(-1)).toBe('2026-04-13');
    expect(weekly).toHaveLength(18);
    expect(new Set(weekly.map((d) => new Date(`${d}T00:00:00Z`).getUTCDay()))).toEqual(new Set([1]));
    expect(dueDates({ kind: 'continuous', phases: [] }, election)).toEqual(weekly);
    // Only within a phase: the days around the key day hold one Monday, 16/03.
    expect(dueDates({ kind: 'weekly', weekday: 1, phases: ['during'] }, election)).toEqual(['2026-03-16']);
    // Fridays of the preparation phase.
    const fridays = dueDates({ kind: 'weekly', weekday: 5, phases: ['before'] }, election);
    expect(fridays[0]).toBe('2025-12-19');
    expect(fridays.at(-1)).toBe('2026-03-06');
  });

  it('a copy for a new key day shifts fixed dates and phases; relative ones follow the key day', () => {
    const next = '2031-03-16';
    const shift = 1827; // days from 15/03/2026 to 16/03/2031
    const moved = { keyDay: next, phases: shiftPhases(election.phases, shift) };
    expect(moved.phases.find((p) => p.key === 'during')).toEqual({
      key: 'during',
      start: '2031-03-13',
      end: '2031-03-17',
    });
    const fixed: DeadlineSpec = { kind: 'date', date: '2026-01-31' };
    expect(dueDates(shiftDeadline(fixed, shift), moved)).toEqual(['2031-02-01']);
    expect(shiftDeadlineText('Trước ngày 31/01/2026.', shift)).toBe('Trước ngày 01/02/2031.');
    expect(dueDates(shiftDeadline({ kind: 'relative', days: -10 }, shift), moved)).toEqual(['2031-03-06']);
    const weekly = dueDates({ kind: 'weekly', weekday: 1, phases: [] }, moved);
    expect(weekly.every((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(weekly[0]! >= moved.phases[0]!.start).toBe(true);
  });
});

describe('weeks and reporting periods (Vietnam time, from Monday 00:00)', () => {
  it('the week turns at Monday 00:00 UTC+7, which is Sunday 17:00 UTC', () => {
    expect(periodOf(new Date('2026-03-08T16:59:59Z'))).toBe('2026-03-02');
    expect(periodOf(new Date('2026-03-08T17:00:00Z'))).toBe('2026-03-09');
    expect(weekStart('2026-03-15')).toBe('2026-03-09');
    expect(weekStart('2026-03-16')).toBe('2026-03-16');
    expect(eventPeriods(election)[0]).toEqual({ start: '2025-12-15', end: '2025-12-21' });
  });
});

describe('reporting schedules other than weekly on Monday', () => {
  const every10: ReportingSchedule = { kind: 'every', days: 10, from: '2026-02-01' };
  const on31: ReportingSchedule = { kind: 'monthly', day: 31 };
  const listed: ReportingSchedule = { kind: 'dates', dates: ['2026-02-10', '2026-02-25', '2026-03-10'] };

  it('weekly on another weekday: the week runs from that weekday', () => {
    const friday: ReportingSchedule = { kind: 'weekly', weekday: 5 };
    expect(periodStart(friday, '2026-03-13')).toBe('2026-03-13'); // a Friday
    expect(periodStart(friday, '2026-03-19')).toBe('2026-03-13'); // the Thursday after
    expect(periodAt(friday, '2026-03-13', '2026-12-31')).toEqual({ start: '2026-03-13', end: '2026-03-19' });
    // Friday 00:00 in Vietnam is Thursday 17:00 UTC.
    expect(periodOf(new Date('2026-03-12T16:59:59Z'), friday)).toBe('2026-03-06');
    expect(periodOf(new Date('2026-03-12T17:00:00Z'), friday)).toBe('2026-03-13');
  });

  it('every N days from a date, before it too', () => {
    expect(periodStart(every10, '2026-02-01')).toBe('2026-02-01');
    expect(periodStart(every10, '2026-02-10')).toBe('2026-02-01');
    expect(periodStart(every10, '2026-02-11')).toBe('2026-02-11');
    expect(periodStart(every10, '2026-01-31')).toBe('2026-01-22');
    expect(periodAt(every10, '2026-02-11', '2026-12-31')).toEqual({ start: '2026-02-11', end: '2026-02-20' });
  });

  it('monthly on day D, clamped to the month’s last day (29 February 2028)', () => {
    expect(periodStart(on31, '2026-03-31')).toBe('2026-03-31');
    expect(periodStart(on31, '2026-03-30')).toBe('2026-02-28');
    expect(periodStart(on31, '2028-02-29')).toBe('2028-02-29');
    expect(periodStart(on31, '2028-03-01')).toBe('2028-02-29');
    expect(periodAt(on31, '2028-02-29', '2028-12-31')).toEqual({ start: '2028-02-29', end: '2028-03-30' });
    expect(periodAt(on31, '2026-01-31', '2026-12-31')).toEqual({ start: '2026-01-31', end: '2026-02-27' });
    const on25: ReportingSchedule = { kind: 'monthly', day: 25 };
    expect(periodStart(on25, '2026-01-10')).toBe('2025-12-25'); // across the year
  });

  it('listed dates: each starts a period, the last runs to the event’s end, an early report counts for the first', () => {
    expect(periodStart(listed, '2026-02-24')).toBe('2026-02-10');
    expect(periodStart(listed, '2026-02-25')).toBe('2026-02-25');
    expect(periodStart(listed, '2026-02-01')).toBe('2026-02-10');
    expect(periodAt(listed, '2026-02-25', '2026-04-14')).toEqual({ start: '2026-02-25', end: '2026-03-09' });
    expect(periodAt(listed, '2026-03-10', '2026-04-14')).toEqual({ start: '2026-03-10', end: '2026-04-14' });
    expect(ReportingSchedule.safeParse({ kind: 'dates', dates: ['2026-02-25', '2026-02-10'] }).success).toBe(
      false,
    );
    expect(ReportingSchedule.safeParse({ kind: 'dates', dates: ['2026-02-10', '2026-02-10'] }).success).toBe(
      false,
    );
    expect(ReportingSchedule.safeParse({ kind: 'every', days: 0, from: '2026-02-01' }).success).toBe(false);
    expect(ReportingSchedule.safeParse({ kind: 'monthly', day: 32 }).success).toBe(false);
  });

  it('the event’s periods and continuous work follow the schedule', () => {
    const periods = eventPeriods(election, every10);
    expect(periods[0]).toEqual({ start: '2025-12-13', end: '2025-12-22' });
    expect(periods.at(-1)!.start <= '2026-04-14').toBe(true);
    expect(periods.at(-1)!.end >= '2026-04-14').toBe(true);
    for (let i = 1; i < periods.length; i++)
      expect(periods[i]!.start).toBe(addDaysIso(periods[i - 1]!.end, 1));
    // Continuous work is due on each period's first day within the window.
    const due = dueDates({ kind: 'continuous', phases: ['during'] }, election, every10);
    expect(due).toEqual(['2026-03-13']);
    expect(dueDates({ kind: 'continuous', phases: [] }, election, listed)).toEqual(listed.dates);
  });

  it('is said in the plan’s words, and moves with a copied event', () => {
    expect(describeSchedule({ kind: 'weekly', weekday: 1 })).toBe('Thứ Hai hằng tuần');
    expect(describeSchedule({ kind: 'weekly', weekday: 7 })).toBe('Chủ nhật hằng tuần');
    expect(describeSchedule(every10)).toBe('10 ngày một lần từ 01/02/2026');
    expect(describeSchedule({ kind: 'monthly', day: 25 })).toBe('Ngày 25 hằng tháng');
    expect(describeSchedule(listed)).toBe('Các ngày 10/02, 25/02, 10/03/2026');
    expect(shiftSchedule(every10, 365)).toEqual({ ...every10, from: '2027-02-01' });
    expect(shiftSchedule(on31, 365)).toEqual(on31);
  });
});

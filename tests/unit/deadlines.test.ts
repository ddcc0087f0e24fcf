import { describe, expect, it } from 'vitest';
import type { DeadlineSpec } from '../../src/shared/contract';
import {
  defaultPhases,
  dueDates,
  eventPeriods,
  periodOf,
  shiftDeadline,
  shiftDeadlineText,
  shiftPhases,
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
    expect(eventPeriods(election)[0]).toBe('2025-12-15');
  });
});

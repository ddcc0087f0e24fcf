/**
 * A task's deadline as a plan words it, and what it means: the core turns each kind into due dates
 * against the event's key day (election day) and phases. `asWritten` is always kept, so a deadline
 * read as `text` still shows what the plan says.
 */
import { z } from 'zod';
import { IsoDate } from './docs';

/** The phases of an event: before, around and after its key day. */
export const PlanPhase = z.enum(['before', 'during', 'after']);
export type PlanPhase = z.infer<typeof PlanPhase>;

const asWritten = z.string().max(2000);

export const DeadlineSpec = z.discriminatedUnion('kind', [
  /** "Hoàn thành trước ngày 14/01/2026". */
  z.object({ kind: z.literal('date'), date: IsoDate, asWritten }),
  /** "trước ngày bầu cử 10 ngày": days before or after the key day. */
  z.object({
    kind: z.literal('relative'),
    days: z.number().int().min(0).max(3660),
    direction: z.enum(['before', 'after']),
    asWritten,
  }),
  /** "thứ Hai hằng tuần trong thời gian bầu cử": weekday 1 (Monday) to 7 (Sunday). */
  z.object({
    kind: z.literal('weekly'),
    weekday: z.number().int().min(1).max(7),
    within: PlanPhase.optional(),
    asWritten,
  }),
  /** "Thường xuyên": reported on every reporting period. */
  z.object({ kind: z.literal('continuous'), asWritten }),
  /** "trước, trong và sau ngày bầu cử". */
  z.object({ kind: z.literal('phase'), phases: z.array(PlanPhase).min(1).max(3), asWritten }),
  /** Anything else ("Theo lịch của UBND thành phố"): kept as written, for a person to set. */
  z.object({ kind: z.literal('text'), asWritten }),
]);
export type DeadlineSpec = z.infer<typeof DeadlineSpec>;

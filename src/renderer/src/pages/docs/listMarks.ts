import type { DocEntry } from '../../../../shared/contract';

/** Whole days from one "yyyy-mm-dd" to another (negative when `to` is earlier). */
export function daysBetweenIso(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Days an entry is past its processing deadline on `today` (Vietnam's "yyyy-mm-dd"), 0 when it is
 * not overdue: the core's rule (registered, not processed, deadline before today).
 */
export function overdueDays(e: Pick<DocEntry, 'status' | 'processing' | 'deadline'>, today: string): number {
  if (e.status !== 'registered' || e.processing === 'done' || !e.deadline) return 0;
  return Math.max(0, daysBetweenIso(e.deadline, today));
}

/** Who an entry came from (incoming) or went to (outgoing), as one line; null when hidden. */
export function partyOf(e: Pick<DocEntry, 'direction' | 'sender' | 'recipients'>): string | null {
  if (e.direction === 'out') return e.recipients ? e.recipients.join('; ') : null;
  return e.sender;
}

/** When the idle warning shows: the last minute, or the last half of a shorter timeout. */
export function warnWindowMs(timeoutMinutes: number): number {
  return Math.min(60_000, (timeoutMinutes * 60_000) / 2);
}

/** Milliseconds left before the core's idle lock, counted from the last call that counted. */
export function idleRemainingMs(timeoutMinutes: number, lastActivity: number, now: number): number {
  return timeoutMinutes * 60_000 - (now - lastActivity);
}

/**
 * What the window does at `now`: nothing, keep the session alive (the user typed or clicked since
 * the last call, so they are at the desk), or warn with the seconds left.
 */
export function idleAction(
  timeoutMinutes: number,
  lastActivity: number,
  lastInput: number,
  now: number,
): { kind: 'none' } | { kind: 'keep-alive' } | { kind: 'warn'; seconds: number } | { kind: 'expired' } {
  const left = idleRemainingMs(timeoutMinutes, lastActivity, now);
  if (left > warnWindowMs(timeoutMinutes)) return { kind: 'none' };
  if (lastInput > lastActivity) return { kind: 'keep-alive' };
  if (left <= 0) return { kind: 'expired' };
  return { kind: 'warn', seconds: Math.ceil(left / 1000) };
}

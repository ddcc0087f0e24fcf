import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { makePrivate, PRIVATE_FILE_MODE } from './privateFiles';

/**
 * Failed sign-ins slow down, per user name and overall, across restarts. While locked the
 * database cannot be read, so the counters live in a small owner-only file of their own.
 *
 * A name is kept only as a short keyed hash (BUCKET_BITS bits of an HMAC under a random salt in
 * the file): a copy of the file cannot confirm a guessed name, since thousands of names share each
 * bucket and only buckets with recent failures are there. Two names in one bucket share a delay.
 */
const Counter = z.object({
  /** Attempts charged and not cleared by a sign-in. */
  failures: z.number().int().min(0),
  /** When the last one was charged (ms since the epoch). */
  last: z.number(),
});
type Counter = z.infer<typeof Counter>;

const ThrottleFile = z.object({
  format: z.literal('ttll-throttle/1'),
  /** Random, new whenever the file is made: the database records it, so a reset is reported. */
  id: z.string(),
  salt: z.string(),
  overall: Counter,
  users: z.record(z.string(), Counter),
});
type ThrottleFile = z.infer<typeof ThrottleFile>;

export const THROTTLE_FILE = 'login-throttle.json';
const BUCKET_BITS = 12;
/** Per name: 3 free attempts, then 5 s doubling up to 5 min. */
const USER_FREE = 3;
const USER_CAP_S = 300;
/** Overall (many names tried): 20 free, then 1 s doubling up to 1 min, so no one is shut out long. */
const OVERALL_FREE = 20;
const OVERALL_CAP_S = 60;
/** A name's counter with no failure for a day is forgotten. */
const FORGET_MS = 24 * 3600_000;
/** The overall count drops by one every 10 min without failures, so a burst does not slow the office for a day. */
const OVERALL_DECAY_MS = 10 * 60_000;

export function userDelaySeconds(failures: number): number {
  return failures <= USER_FREE ? 0 : Math.min(USER_CAP_S, 5 * 2 ** (failures - USER_FREE - 1));
}

export function overallDelaySeconds(failures: number): number {
  return failures <= OVERALL_FREE ? 0 : Math.min(OVERALL_CAP_S, 2 ** (failures - OVERALL_FREE - 1));
}

/** Seconds left of a counter's delay; never more than the delay itself, should the clock go back. */
function waitOf(c: Counter | undefined, delay: (n: number) => number, now: number): number {
  if (!c) return 0;
  const ms = delay(c.failures) * 1000;
  return Math.ceil(Math.max(0, Math.min(ms, c.last + ms - now)) / 1000);
}

export class LoginThrottle {
  /**
   * @param seedOverall failures known elsewhere when the file is missing or unreadable (the lines
   *   of the sealed-events file): deleting the file does not clear the overall count.
   */
  constructor(
    private readonly path: string,
    private readonly seedOverall: () => number,
  ) {}

  /**
   * Charges one attempt by this name, or answers how many seconds it must wait (nothing charged).
   * The attempt counts as failed before the password is checked, so parallel guesses and a process
   * killed during the check count too; a sign-in clears it (succeeded).
   */
  attempt(userName: string, now: Date): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const t = now.getTime();
    const f = this.read(t);
    const key = this.bucket(f, userName);
    const wait = Math.max(
      waitOf(f.users[key], userDelaySeconds, t),
      waitOf(f.overall, overallDelaySeconds, t),
    );
    if (wait > 0) {
      this.write(f); // a file made afresh here (seeded) keeps its id and time from now on
      return { ok: false, retryAfterSeconds: wait };
    }
    f.users[key] = { failures: (f.users[key]?.failures ?? 0) + 1, last: t };
    f.overall = { failures: f.overall.failures + 1, last: t };
    this.write(f);
    return { ok: true };
  }

  /** A sign-in with this name succeeded: its failures are forgotten and its overall charge undone. */
  succeeded(userName: string, now: Date): void {
    const f = this.read(now.getTime());
    delete f.users[this.bucket(f, userName)];
    f.overall = { ...f.overall, failures: Math.max(0, f.overall.failures - 1) };
    this.write(f);
  }

  /** The file's id (the file is made if missing), for the database to compare at the next unlock. */
  fileId(now: Date): string {
    const f = this.read(now.getTime());
    this.write(f);
    return f.id;
  }

  private bucket(f: ThrottleFile, userName: string): string {
    const h = createHmac('sha256', Buffer.from(f.salt, 'base64'))
      .update(userName.normalize('NFC').toLowerCase())
      .digest();
    return (h.readUInt32BE(0) >>> (32 - BUCKET_BITS)).toString(16);
  }

  private read(now: number): ThrottleFile {
    let f: ThrottleFile;
    try {
      f = ThrottleFile.parse(JSON.parse(readFileSync(this.path, 'utf8')));
    } catch {
      f = {
        format: 'ttll-throttle/1',
        id: randomBytes(12).toString('hex'),
        salt: randomBytes(16).toString('base64'),
        overall: { failures: this.seedOverall(), last: now },
        users: {},
      };
    }
    for (const [k, c] of Object.entries(f.users)) if (now - c.last > FORGET_MS) delete f.users[k];
    const decayed = Math.min(f.overall.failures, Math.floor((now - f.overall.last) / OVERALL_DECAY_MS));
    if (decayed > 0)
      f.overall = {
        failures: f.overall.failures - decayed,
        last: f.overall.last + decayed * OVERALL_DECAY_MS,
      };
    return f;
  }

  /** Whole or not at all: a temporary file renamed over the old one. */
  private write(f: ThrottleFile): void {
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(f), { mode: PRIVATE_FILE_MODE });
    makePrivate(tmp);
    renameSync(tmp, this.path);
  }
}

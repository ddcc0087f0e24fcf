import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open';
import { getSetting, putSetting } from '../db/settingsStore';
import { SEALED_FILE } from './dataFolder';
import { THROTTLE_FILE, type LoginThrottle } from './loginThrottle';
import type { AuditPort } from './ports';
import {
  appendSealed,
  ensureSealedFile,
  readSealed,
  removeSealed,
  sealedFileState,
  type SealedFileState,
} from './sealedEvents';

/*
 * What happens while the vault is locked, when the database cannot be written: failed sign-ins
 * are sealed into a side file and moved into the audit log at the next unlock, and that file and
 * the login-throttle file are checked then, so deleting or cutting either shows in the log.
 */

/** The setting naming the sealed-events file a lock left and how many events it held then. */
const SEALED_SETTING = 'vault.sealedFile';
/** The setting naming the login-throttle file the last unlock found (a new one means it was reset). */
const THROTTLE_SETTING = 'vault.throttleFile';

/** An event recorded while locked. */
export interface LockedEvent {
  action: string;
  actor: string;
  outcome: 'failed' | 'ok';
  reason: string;
}

/** Why the sealed-events file is not the one the last lock left, or null when it is. */
function sealedProblem(
  expected: SealedFileState,
  found: SealedFileState | null,
  mine: { id: string | null; n: number } | null,
): 'missing' | 'replaced' | 'shortened' | null {
  if (!found) return 'missing';
  if (found.id !== expected.id) return 'replaced';
  const atLeast = expected.lines + (mine && mine.id === expected.id ? mine.n : 0);
  return found.lines < atLeast ? 'shortened' : null;
}

/** The sealed-events file of a data folder. */
export class LockedEvents {
  /** Events this process sealed into the file since it last drained it. */
  private appended: { id: string | null; n: number } | null = null;
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly audit: AuditPort,
    private readonly now: () => Date,
  ) {
    this.path = join(dataDir, SEALED_FILE);
  }

  /** How many events the file holds (0 when there is none). */
  lines(): number {
    return sealedFileState(this.path)?.lines ?? 0;
  }

  /** Seals an event to the audit key (the key file's public half) until the next unlock. */
  record(auditSealKey: string, e: LockedEvent): void {
    const id = appendSealed(this.path, auditSealKey, { ...e, at: this.now().toISOString() });
    const mine = this.appended;
    this.appended = mine && mine.id === id ? { id, n: mine.n + 1 } : { id, n: 1 };
  }

  /**
   * Names the file that will hold what happens while locked: at the next unlock it must be there,
   * the same file, with at least as many events (drain). Inside the lock's transaction.
   */
  expect(db: Db): void {
    putSetting(db, SEALED_SETTING, ensureSealedFile(this.path));
  }

  /**
   * Moves events sealed while locked into the audit log, in one transaction, then drops the file.
   * The file is read under the write lock, so a second process unlocking at the same moment
   * waits and then finds it gone instead of moving the same events in again. A file that the last
   * lock left and that is now gone, another file, or shorter than it was (or than this process
   * made it) is recorded as 'vault.sealed-missing'.
   */
  drain(db: Db): void {
    const mine = this.appended;
    this.appended = null;
    if (!existsSync(this.path) && !getSetting(db, SEALED_SETTING)) return;
    const priv = getSetting(db, 'vault.auditSealPrivate') as string | null;
    db.transaction(() => {
      const expected = getSetting(db, SEALED_SETTING) as SealedFileState | null;
      const found = sealedFileState(this.path);
      const problem = expected ? sealedProblem(expected, found, mine) : null;
      if (problem)
        this.audit.append(db, {
          actor: 'system',
          action: 'vault.sealed-missing',
          targetType: 'file',
          targetId: SEALED_FILE,
          outcome: 'failed',
          at: this.now().toISOString(),
          details: { reason: problem, expected, found },
        });
      if (found && priv) {
        const { events, unreadable } = readSealed(this.path, priv);
        for (const ev of events as (LockedEvent & { at: string })[]) {
          this.audit.append(db, {
            actor: ev.actor,
            action: ev.action,
            targetType: 'user',
            targetId: ev.actor,
            outcome: ev.outcome,
            details: { reason: ev.reason, occurredAt: ev.at },
          });
        }
        if (unreadable > 0) {
          this.audit.append(db, {
            actor: 'system',
            action: 'vault.sealed-unreadable',
            targetType: 'file',
            targetId: SEALED_FILE,
            outcome: 'failed',
            details: { lines: unreadable },
          });
        }
      }
      if (expected) putSetting(db, SEALED_SETTING, null);
    }).immediate();
    removeSealed(this.path);
  }
}

/**
 * The login-throttle file the last unlock saw must still be there: a file deleted or replaced
 * (its counters reset) is recorded as 'vault.throttle-reset'; the one found is noted for next time.
 */
export function accountThrottle(db: Db, throttle: LoginThrottle, audit: AuditPort, now: () => Date): void {
  const found = throttle.fileId(now());
  db.transaction(() => {
    const expected = getSetting(db, THROTTLE_SETTING) as string | null;
    if (expected === found) return;
    if (expected)
      audit.append(db, {
        actor: 'system',
        action: 'vault.throttle-reset',
        targetType: 'file',
        targetId: THROTTLE_FILE,
        outcome: 'failed',
        at: now().toISOString(),
        details: { expected, found },
      });
    putSetting(db, THROTTLE_SETTING, found);
  }).immediate();
}

import { homedir } from 'node:os';
import { join } from 'node:path';
import { allows, type SessionUser, type WireResult } from '../../shared/contract';
import type { AuditInput } from './audit/auditLog';
import { appendAudit } from './audit/auditLog';
import { auditPort } from './audit';
import { backupDue, backupNow } from './backup/backupService';
import type { Cipher, Db } from './db/open';
import { crashPoint } from './crashPoint';
import { AppError, toWireError } from './errors';
import type { AuditEntryOf, Ctx, PublicCtx } from './handler';
import type { CoreModule } from './module';
import { recordTypes } from './db/recordTypes';
import { buildRegistry, type ModuleRegistry, type RegisteredChannel } from './moduleRegistry';
import { MODULES } from './modules';
import type { CoreServices } from './services';
import { readSettings } from './db/settingsStore';
import { kdfTargetMs } from './vault/kdf';
import { VaultSession } from './vault/vaultSession';

/** Per-OS application data folder (the Electron shell may pass its own userData path). */
export function defaultDataDir(): string {
  if (process.env.TTLL_DATA_DIR) return process.env.TTLL_DATA_DIR;
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'TTLL Desk');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'TTLL Desk');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'ttll-desk');
}

export interface CoreOptions {
  dataDir: string;
  kdfTargetMs?: number;
  cipher?: Cipher;
  /** How long a write waits for another process's write lock (default BUSY_TIMEOUT_MS, 5 s). */
  busyTimeoutMs?: number;
  /** Starts the idle-lock and backup timers (off for one-shot CLI commands and unit tests). */
  timers?: boolean;
  onLocked?: (reason: string) => void;
  /** The modules served (default: all of the app's); a test may add one of its own. */
  modules?: readonly CoreModule[];
  /** The clock (default: the system's); tests inject time here, once for the whole core. */
  now?: () => Date;
}

// Polling the status must not count as activity, or an open window would never idle-lock.
const PASSIVE: ReadonlySet<string> = new Set(['vault.status']);
// All a user whose password an administrator set may do before changing it: change it, lock,
// read the status, or sign in as someone (which ends the session). Public channels included.
const WHILE_MUST_CHANGE: ReadonlySet<string> = new Set([
  'vault.changePassword',
  'vault.lock',
  'vault.status',
  'vault.unlock',
  'vault.recover',
]);

/**
 * The application, plain Node: one vault session and the handlers map behind one entry point,
 * `invoke`, used alike by Electron IPC, the browser host and the CLI.
 */
export class Core {
  readonly vault: VaultSession;
  readonly registry: ModuleRegistry;
  private readonly services: CoreServices;
  private readonly now: () => Date;
  private lastActivity = 0;
  private timer: NodeJS.Timeout | null = null;

  private constructor(opts: CoreOptions) {
    this.registry = buildRegistry(opts.modules ?? MODULES);
    this.now = opts.now ?? (() => new Date());
    this.lastActivity = this.now().getTime();
    this.vault = new VaultSession(opts.dataDir, {
      kdfTargetMs: opts.kdfTargetMs ?? kdfTargetMs(),
      audit: auditPort,
      ...(opts.cipher ? { cipher: opts.cipher } : {}),
      steps: this.registry.steps,
      sealed: this.registry.sealed,
      provisions: this.registry.provisions,
      now: this.now,
      busyTimeoutMs: opts.busyTimeoutMs,
    });
    this.services = {
      importPreviews: new Map(),
      idleTimeoutMinutes: 10,
      kdfTargetMs: opts.kdfTargetMs ?? kdfTargetMs(),
      onLocked: opts.onLocked ?? (() => undefined),
      auditActions: this.registry.auditActions,
      recordTypes: recordTypes(this.registry.tables),
      packagesProgress: null,
      now: this.now,
    };
    if (opts.timers) {
      this.timer = setInterval(() => this.tick(), 15_000);
      this.timer.unref();
    }
  }

  static open(opts: CoreOptions): Core {
    return new Core(opts);
  }

  async invoke(channel: string, input: unknown): Promise<WireResult<unknown>> {
    const entry = this.registry.channels.get(channel);
    if (!entry)
      return {
        ok: false,
        error: { code: 'VALIDATION', message: `Unknown channel: ${String(channel).slice(0, 60)}` },
      };
    const parsed = entry.spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'VALIDATION',
          message: `Invalid input for ${channel}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
          issues: parsed.error.issues.map((i) => ({
            path: i.path.join('.'),
            message: i.message,
            // A rule of our own (a refine) says which in params.code ("password-short").
            code:
              i.code === 'custom' && typeof i.params?.code === 'string' ? (i.params.code as string) : i.code,
            ...('minimum' in i
              ? { limit: Number(i.minimum) }
              : 'maximum' in i
                ? { limit: Number(i.maximum) }
                : {}),
          })),
        },
      };
    }
    if (!PASSIVE.has(channel)) this.lastActivity = this.now().getTime();
    try {
      const data = await this.dispatch(channel, entry, parsed.data);
      return { ok: true, data: entry.spec.output.parse(data) };
    } catch (err) {
      if (!(err instanceof AppError))
        console.error(
          `[core] ${channel} failed: ${(err as Error).name}: ${(err as Error).stack?.split('\n')[1]?.trim() ?? ''}`,
        );
      return { ok: false, error: toWireError(err) };
    }
  }

  private async dispatch(
    channel: string,
    { spec, handler }: RegisteredChannel,
    input: unknown,
  ): Promise<unknown> {
    const base: PublicCtx = { vault: this.vault, services: this.services, now: this.now };
    const run = handler.run as (ctx: PublicCtx | Ctx<string>, input: unknown) => unknown;
    const mustChangeFirst =
      !WHILE_MUST_CHANGE.has(channel) &&
      this.vault.state() === 'unlocked' &&
      this.vault.current().user.mustChangePassword;
    if (spec.access === 'public' && !mustChangeFirst) return run(base, input);
    const { db, user, office, ring } = this.vault.current();
    this.recheckUser(db, user);
    const audit = (e: AuditEntryOf<string>) =>
      appendAudit(db, {
        outcome: 'ok',
        ...e,
        actor: user.userName,
        at: this.now().toISOString(),
      } as AuditInput);
    let denied = false;
    const deny = (e: AuditEntryOf<string> & { level?: string }, message: string): never => {
      const { level, ...entry } = e;
      db.transaction(() =>
        audit({ ...entry, outcome: 'denied', details: { ...entry.details, ...(level ? { level } : {}) } }),
      ).immediate();
      denied = true;
      throw new AppError('FORBIDDEN', message);
    };
    if (!allows(spec.access, user))
      deny(
        { action: 'audit.denied', targetType: 'channel', targetId: channel, details: { role: user.role } },
        `Role ${user.role} may not call ${channel}`,
      );
    if (mustChangeFirst)
      deny(
        {
          action: 'audit.denied',
          targetType: 'channel',
          targetId: channel,
          details: { reason: 'must change password' },
        },
        'The password was set by an administrator: change it first (vault.changePassword)',
      );
    const ctx: Ctx<string> = {
      ...base,
      db,
      user,
      office,
      keys: ring,
      audit,
      deny,
      // IMMEDIATE: take the write lock up front, so a second connection waits instead of failing mid-transaction.
      // A handler that awaited (scrypt) may find its session locked meanwhile: LOCKED, not INTERNAL.
      tx: (fn) => {
        if (!db.open) throw new AppError('LOCKED', 'The vault was locked meanwhile');
        return db
          .transaction(() => {
            const result = fn();
            crashPoint(`tx:${channel}`, db);
            return result;
          })
          .immediate();
      },
    };
    try {
      return await run(ctx, input);
    } catch (err) {
      // Every refusal is audited: one raised deep inside an act (the record kernel's not-owner, a
      // level key this session lacks) rather than through ctx.deny is recorded here, after the
      // act's transaction rolled back.
      if (err instanceof AppError && err.code === 'FORBIDDEN' && !denied)
        db.transaction(() =>
          audit({
            action: 'audit.denied',
            targetType: 'channel',
            targetId: channel,
            outcome: 'denied',
            details: { message: err.message },
          }),
        ).immediate();
      throw err;
    }
  }

  /**
   * The account may have been disabled, demoted or re-cleared by another process (an
   * administrator at another window or the CLI) since this session began: every call reads it
   * again, and a changed account ends the session, so a demotion takes effect at once.
   */
  private recheckUser(db: Db, user: SessionUser): void {
    const row = db
      .prepare('SELECT role, clearance, disabled FROM users WHERE user_name = ?')
      .get(user.userName) as { role: string; clearance: string; disabled: number } | undefined;
    // The account's clearance as recorded (the session's may be lower: keys not granted yet).
    const { accountClearance } = this.vault.current();
    if (row && !row.disabled && row.role === user.role && row.clearance === accountClearance) return;
    this.lock(row && !row.disabled ? 'account-changed' : 'account-disabled');
    throw new AppError('LOCKED', 'Your account was changed by an administrator; sign in again');
  }

  /** Idle lock and scheduled backup; runs every 15 s while the app is open. */
  tick(now = this.now().getTime()): void {
    if (this.vault.state() !== 'unlocked') return;
    const { idleTimeoutMinutes } = readSettings(this.vault.current().db);
    if (now - this.lastActivity >= idleTimeoutMinutes * 60_000) {
      this.lock('idle');
      return;
    }
    if (backupDue(this.vault, now)) {
      try {
        backupNow(this.vault, 'system', undefined, this.now());
      } catch (e) {
        // Already audited as failed; the next tick tries again.
        console.error(`[core] scheduled backup failed: ${(e as Error).message}`);
      }
    }
  }

  /** Locks from outside a call (idle, suspend, screen lock, window closed). */
  lock(reason: string): void {
    try {
      this.vault.lockAudited(reason);
    } finally {
      this.services.onLocked(reason);
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.lock('close');
  }
}

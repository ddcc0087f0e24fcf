import { homedir } from 'node:os';
import { join } from 'node:path';
import { contract, isChannel, type Channel, type WireResult } from '../../shared/contract';
import type { AuditInput } from './audit/auditLog';
import { appendAudit } from './audit/auditLog';
import { backupDue, backupNow } from './backup/backupService';
import type { Cipher } from './db/open';
import { AppError, toWireError } from './errors';
import type { Ctx, HandlerDef, PublicCtx } from './handler';
import { handlers } from './handlers';
import type { CoreServices } from './services';
import { readSettings } from './settings/settingsStore';
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
}

// Polling the status must not count as activity, or an open window would never idle-lock.
const PASSIVE: ReadonlySet<Channel> = new Set(['app.status']);

/**
 * The application, plain Node: one vault session and the handlers map behind one entry point,
 * `invoke`, used alike by Electron IPC, the browser host and the CLI.
 */
export class Core {
  readonly vault: VaultSession;
  private readonly services: CoreServices;
  private lastActivity = Date.now();
  private timer: NodeJS.Timeout | null = null;

  private constructor(opts: CoreOptions) {
    this.vault = new VaultSession(opts.dataDir, {
      kdfTargetMs: opts.kdfTargetMs ?? kdfTargetMs(),
      ...(opts.cipher ? { cipher: opts.cipher } : {}),
      busyTimeoutMs: opts.busyTimeoutMs,
    });
    this.services = {
      importPreviews: new Map(),
      idleTimeoutMinutes: 10,
      kdfTargetMs: opts.kdfTargetMs ?? kdfTargetMs(),
      onLocked: opts.onLocked ?? (() => undefined),
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
    if (!isChannel(channel))
      return {
        ok: false,
        error: { code: 'VALIDATION', message: `Unknown channel: ${String(channel).slice(0, 60)}` },
      };
    const parsed = contract[channel].input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'VALIDATION',
          message: `Invalid input for ${channel}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
          issues: parsed.error.issues.map((i) => ({
            path: i.path.join('.'),
            message: i.message,
            code: i.code,
            ...('minimum' in i
              ? { limit: Number(i.minimum) }
              : 'maximum' in i
                ? { limit: Number(i.maximum) }
                : {}),
          })),
        },
      };
    }
    if (!PASSIVE.has(channel)) this.lastActivity = Date.now();
    try {
      const data = await this.dispatch(channel, handlers[channel] as HandlerDef<Channel>, parsed.data);
      return { ok: true, data: contract[channel].output.parse(data) };
    } catch (err) {
      if (!(err instanceof AppError))
        console.error(
          `[core] ${channel} failed: ${(err as Error).name}: ${(err as Error).stack?.split('\n')[1]?.trim() ?? ''}`,
        );
      return { ok: false, error: toWireError(err) };
    }
  }

  private async dispatch(channel: Channel, def: HandlerDef<Channel>, input: unknown): Promise<unknown> {
    const base: PublicCtx = { vault: this.vault, services: this.services };
    if (def.access === 'public') return def.run(base, input as never);
    const { db, user, office } = this.vault.current();
    if (def.access !== 'signed-in' && !def.access.includes(user.role)) {
      db.transaction(() =>
        appendAudit(db, {
          actor: user.userName,
          action: channel,
          targetType: 'channel',
          targetId: channel,
          outcome: 'denied',
          details: { role: user.role },
        }),
      ).immediate();
      throw new AppError('FORBIDDEN', `Role ${user.role} may not call ${channel}`);
    }
    const ctx: Ctx = {
      ...base,
      db,
      user,
      office,
      audit: (e) => appendAudit(db, { outcome: 'ok', ...e, actor: user.userName } as AuditInput),
      // IMMEDIATE: take the write lock up front, so a second connection waits instead of failing mid-transaction.
      tx: (fn) => db.transaction(fn).immediate(),
    };
    return def.run(ctx, input as never);
  }

  /** Idle lock and scheduled backup; runs every 15 s while the app is open. */
  tick(now = Date.now()): void {
    if (this.vault.state() !== 'unlocked') return;
    const { idleTimeoutMinutes } = readSettings(this.vault.current().db);
    if (now - this.lastActivity >= idleTimeoutMinutes * 60_000) {
      this.lock('idle');
      return;
    }
    if (backupDue(this.vault, now)) {
      try {
        backupNow(this.vault, 'system');
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

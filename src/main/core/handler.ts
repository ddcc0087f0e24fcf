import type { z } from 'zod';
import type {
  AuditAction,
  ChannelSpec,
  Clearance,
  ModuleContract,
  OfficeProfile,
  SessionUser,
} from '../../shared/contract';
import type { AuditRecord } from './vault/ports';
import type { Db } from './db/open';
import type { CoreServices } from './services';
import type { KeyRing } from './vault/keyRing';
import type { VaultSession } from './vault/vaultSession';

export interface PublicCtx {
  vault: VaultSession;
  services: CoreServices;
  /** The clock of this core: every date the core writes comes from here, so tests set time once. */
  now(): Date;
}

export type AuditEntryOf<A extends string> = Omit<AuditRecord, 'actor' | 'outcome' | 'action'> & {
  action: A;
  outcome?: AuditRecord['outcome'];
};

export interface Ctx<A extends string = AuditAction> extends PublicCtx {
  db: Db;
  /** The user, with the clearance this session can read (cleared and holding that level's key). */
  user: SessionUser;
  office: OfficeProfile;
  /**
   * The keys this session holds: `keys.level('mat')` is the Mật key (null when not held), used to
   * seal and open that level's data (vault/sealedValue.ts); `keys.audit()` for administrators.
   */
  keys: KeyRing;
  /** Appends an audit entry by the current user; call inside the act's transaction. */
  audit(entry: AuditEntryOf<A>): void;
  /**
   * Runs fn in one IMMEDIATE SQLite transaction (all or nothing). Handlers own transactions;
   * stores never open one, so an act and its audit entry commit together.
   */
  tx<T>(fn: () => T): T;
  /**
   * Refuses an act: records the denied attempt in its own transaction (the act's transaction,
   * if any, rolls back) and throws FORBIDDEN with the message.
   */
  deny(entry: AuditEntryOf<A> & { level?: Clearance }, message: string): never;
}

type Result<S extends ChannelSpec> = z.output<S['output']> | Promise<z.output<S['output']>>;

/** A channel's handler: public channels get no session; all others a signed-in context. */
export type HandlerOf<S extends ChannelSpec, A extends string> = S['access'] extends 'public'
  ? { run(ctx: PublicCtx, input: z.output<S['input']>): Result<S> }
  : { run(ctx: Ctx<A>, input: z.output<S['input']>): Result<S> };

export type HandlersOf<M extends ModuleContract, K extends keyof M['channels'] = keyof M['channels']> = {
  [C in K]: HandlerOf<M['channels'][C], M['auditActions'][number]>;
};

/**
 * Typed helper so each file of a module declares handlers for some of its module's channels;
 * the module entry checks that together they cover all of them.
 */
export function defineHandlers<M extends ModuleContract>(_contract: M) {
  return <K extends keyof M['channels']>(h: HandlersOf<M, K>): HandlersOf<M, K> => h;
}

/** The context a module's handlers get: its audit entries limited to its own actions. */
export type CtxOf<M extends ModuleContract> = Ctx<M['auditActions'][number]>;

import type {
  Channel,
  OfficeProfile,
  OutputOf,
  ParsedInputOf,
  Role,
  SessionUser,
} from '../../shared/contract';
import type { AuditInput } from './audit/auditLog';
import type { Db } from './db/open';
import type { CoreServices } from './services';
import type { VaultSession } from './vault/vaultSession';

/** Who may call a channel: anyone (setup, unlock), any signed-in user, or the roles listed. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface PublicCtx {
  vault: VaultSession;
  services: CoreServices;
}

export interface Ctx extends PublicCtx {
  db: Db;
  user: SessionUser;
  office: OfficeProfile;
  /** Appends an audit entry by the current user; call inside the act's transaction. */
  audit(entry: Omit<AuditInput, 'actor' | 'outcome'> & { outcome?: AuditInput['outcome'] }): void;
  /** Runs fn in one SQLite transaction (all or nothing). */
  tx<T>(fn: () => T): T;
}

type Result<C extends Channel> = OutputOf<C> | Promise<OutputOf<C>>;

export type HandlerDef<C extends Channel> =
  | { access: 'public'; run(ctx: PublicCtx, input: ParsedInputOf<C>): Result<C> }
  | { access: Exclude<Access, 'public'>; run(ctx: Ctx, input: ParsedInputOf<C>): Result<C> };

export type Handlers<K extends Channel> = { [C in K]: HandlerDef<C> };

/** Typed helper so each module declares only its own channels. */
export function defineHandlers<K extends Channel>(h: Handlers<K>): Handlers<K> {
  return h;
}

export const EDITORS: readonly Role[] = ['admin', 'coordinator', 'clerk'];
export const READERS_NOT_VIEWER: readonly Role[] = ['admin', 'leader', 'coordinator', 'clerk'];
export const ADMIN: readonly Role[] = ['admin'];

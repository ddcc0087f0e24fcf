import type { z } from 'zod';
import { auditContract } from './audit';
import { backupContract } from './backup';
import { contactsContract } from './contacts';
import type { Access, ModuleContract } from './define';
import { docsContract } from './docs';
import { exchangeContract } from './exchange';
import { plansContract } from './plans';
import type { ErrorCode, Role } from './enums';
import { settingsContract } from './settings';
import { usersContract } from './users';
import { vaultContract } from './vault';

/**
 * The shared half of every module, in load order. A new module adds its contract here (one
 * line) and its core entry to src/main/core/modules.ts.
 */
export const MODULE_CONTRACTS = [
  vaultContract,
  usersContract,
  settingsContract,
  auditContract,
  backupContract,
  contactsContract,
  docsContract,
  plansContract,
  exchangeContract,
] as const satisfies readonly ModuleContract[];

type ModuleOf = (typeof MODULE_CONTRACTS)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
type AllChannels = UnionToIntersection<ModuleOf['channels']>;

/**
 * The one contract: every call from the renderer (IPC or HTTP) and the CLI is one of these
 * channels, its input and output checked by these schemas on the core side, its roles here.
 */
export const contract = Object.assign({}, ...MODULE_CONTRACTS.map((m) => m.channels)) as {
  [C in keyof AllChannels]: AllChannels[C];
};

export type Contract = typeof contract;
export type Channel = keyof Contract & string;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;
export const CHANNELS = Object.keys(contract) as Channel[];
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/** Every audit action the built-in modules write; `ctx.audit` accepts only these. */
export type AuditAction = ModuleOf['auditActions'][number];
export const AUDIT_ACTIONS: readonly AuditAction[] = MODULE_CONTRACTS.flatMap((m) => m.auditActions);

/** Whether a user of this role may call the channel (the core checks it again on every call). */
export function allows(access: Access, user: { role: Role } | null): boolean {
  if (access === 'public') return true;
  if (!user) return false;
  return access === 'signed-in' || access.includes(user.role);
}
export function can(user: { role: Role } | null, channel: Channel): boolean {
  return allows((contract[channel] as { access: Access }).access, user);
}

export interface WireError {
  code: ErrorCode;
  message: string;
  /** Field problems: `code` is zod's issue code (or 'phone', 'cycle'), `limit` a length bound, so the UI can word them. */
  issues?: { path: string; message: string; code?: string; limit?: number }[];
  /** THROTTLED: seconds until another attempt is accepted. */
  retryAfterSeconds?: number;
}
export type WireResult<T> = { ok: true; data: T } | { ok: false; error: WireError };

export * from './enums';
export * from './common';
export * from './define';
export * from './vault';
export * from './users';
export * from './settings';
export * from './audit';
export * from './backup';
export * from './contacts';
export * from './docs';
export * from './plans';
export * from './exchange';
export * from './exchangePackages';
export * from './packageReasons';

import type { z } from 'zod';
import type { Role } from './enums';

/** Who may call a channel: anyone (setup, unlock), any signed-in user, or the roles listed. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  access: Access;
}

/**
 * The shared half of a module: its key, its channels (each named `<key>.…`, with the roles that
 * may call it) and the audit actions its handlers write (also `<key>.…`). The renderer, the core,
 * the CLI and the host all read permissions and actions from here, so they are declared once.
 */
export interface ModuleContract<
  K extends string = string,
  C extends Record<string, ChannelSpec> = Record<string, ChannelSpec>,
  A extends readonly string[] = readonly string[],
> {
  key: K;
  channels: C;
  auditActions: A;
}

export function defineModuleContract<
  const K extends string,
  const C extends Record<`${K}.${string}`, ChannelSpec>,
  const A extends readonly `${K}.${string}`[],
>(m: { key: K; channels: C; auditActions: A }): ModuleContract<K, C, A> {
  return m;
}

// Roles that recur across modules.
export const ADMIN: readonly Role[] = ['admin'];
export const EDITORS: readonly Role[] = ['admin', 'coordinator', 'clerk'];
export const READERS_NOT_VIEWER: readonly Role[] = ['admin', 'leader', 'coordinator', 'clerk'];

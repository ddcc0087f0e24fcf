import type { OfficeLevel } from '../../../shared/contract';

/** Which way a shared table's records travel in packages between offices. */
export type Travel = 'down' | 'up' | 'both' | 'never';

/**
 * What a table is for the exchange. A local table never leaves this office (settings, counters,
 * derived indexes); a shared table carries the shared record shape, and says which way it
 * travels and which kinds of office may originate its records.
 */
export type TablePolicy =
  | { kind: 'local'; why: string }
  | { kind: 'shared'; travels: Travel; originators: readonly OfficeLevel[] | 'any' };

export const localTable = (why: string): TablePolicy => ({ kind: 'local', why });
export const sharedTable = (
  travels: Travel,
  originators: readonly OfficeLevel[] | 'any' = 'any',
): TablePolicy => ({ kind: 'shared', travels, originators });

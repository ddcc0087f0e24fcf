import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { ModuleContract } from '../../shared/contract';
import type { CliCommand } from './cliCommand';
import type { HandlersOf } from './handler';
import type { Db } from './db/open';
import type { TablePolicy } from './db/tablePolicy';
import type { Provision } from './vault/ports';
import type { SealedData } from './vault/sealedValue';

export type { Provision };

/** One schema step of a module: applied once, in order, inside the unlock's transaction. */
export interface Migration {
  /** 1, 2, 3… within the module; never renumber or edit a shipped step, add a new one. */
  step: number;
  sql: string;
  /** Fills what the SQL made from the records already there, when that takes code (derived due dates). */
  fill?: (db: Db) => void;
}

/** A table of a module: its drizzle definition (the single source of types) and its policy. */
export interface ModuleTable {
  table: SQLiteTable;
  policy: TablePolicy;
}

/**
 * A core module declares itself here: its contract (key, channels with their roles, audit
 * actions), the handlers of every channel, its schema steps, its tables with their exchange
 * policy, and its CLI commands. The core, the CLI and the audit page derive everything from
 * the list of modules (src/main/core/modules.ts).
 */
export interface CoreModule<M extends ModuleContract = ModuleContract> {
  contract: M;
  handlers: HandlersOf<M>;
  migrations: readonly Migration[];
  tables: readonly ModuleTable[];
  cli?: readonly CliCommand[];
  /** First words its CLI commands may take besides its key (`events create` of the plans module). */
  cliWords?: readonly string[];
  /** Data kept under the level keys, if any. */
  sealed?: SealedData;
  provision?: Provision;
}

export function defineModule<M extends ModuleContract>(m: CoreModule<M>): CoreModule<M> {
  return m;
}

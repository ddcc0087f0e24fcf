import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { ModuleContract, OfficeProfile } from '../../shared/contract';
import type { AuditInput } from './audit/auditLog';
import type { CliCommand } from './cliCommand';
import type { HandlersOf } from './handler';
import type { Db } from './db/open';
import type { TablePolicy } from './db/tablePolicy';
import type { SealedData } from './vault/sealedValue';

/** One schema step of a module: applied once, in order, inside the unlock's transaction. */
export interface Migration {
  /** 1, 2, 3… within the module; never renumber or edit a shipped step, add a new one. */
  step: number;
  sql: string;
}

/** A table of a module: its drizzle definition (the single source of types) and its policy. */
export interface ModuleTable {
  table: SQLiteTable;
  policy: TablePolicy;
}

/**
 * Data a module makes once for each vault (the exchange's office keys): at setup, and at the
 * first unlock of a vault made before the module had it, in a transaction with its audit entry.
 */
export interface Provision {
  /** Whether the vault still lacks it: a read, so an everyday unlock takes no write lock. */
  pending(db: Db): boolean;
  /** Makes it inside the caller's transaction; returns the audit entry recording it. */
  make(
    db: Db,
    at: { office: OfficeProfile; actor: string; now: Date },
  ): Omit<AuditInput, 'actor' | 'outcome'>;
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

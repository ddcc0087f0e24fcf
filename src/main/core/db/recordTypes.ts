/**
 * The record types that travel in packages, derived from the modules' shared tables and their
 * policies (one place: a module that declares a shared table with a policy adds a record type, and
 * nothing here or in the exchange changes). A type is named after its table, or by the policy's
 * `recordType`. It lives with the policies, below the modules: the core's services hold it and
 * the exchange reads it.
 */
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { OfficeLevel } from '../../../shared/contract';
import type { RecordTable } from './recordKernel';
import { policyTravels, type SharedPolicy, type TablePolicy } from './tablePolicy';

export interface RecordType {
  name: string;
  module: string;
  table: RecordTable;
}

export interface RecordTypes {
  byName: ReadonlyMap<string, RecordType>;
  byTable: ReadonlyMap<string, RecordType>;
}

/** The modules' tables by name (the module registry's), each with its policy and its module. */
type DeclaredTables = ReadonlyMap<string, { table: SQLiteTable; policy: TablePolicy; module: string }>;

export function recordTypes(tables: DeclaredTables): RecordTypes {
  const byName = new Map<string, RecordType>();
  const byTable = new Map<string, RecordType>();
  for (const [tableName, t] of tables) {
    if (t.policy.kind !== 'shared' || t.policy.travels === 'never' || t.policy.ownPackage) continue;
    const policy: SharedPolicy = t.policy;
    const name = policy.recordType ?? tableName;
    if (byName.has(name)) throw new Error(`Record type ${name} is declared twice`);
    // A module's tables are RecordTables (recordTable()) when they carry a name for messages.
    const what = 'what' in t && typeof t.what === 'string' ? t.what : name;
    const type: RecordType = { name, module: t.module, table: { table: t.table, policy, what } };
    byName.set(name, type);
    byTable.set(tableName, type);
  }
  return { byName, byTable };
}

/** Whether records of this type go from an office of level `from` to one of level `to`. */
export function typeTravels(type: RecordType, from: OfficeLevel, to: OfficeLevel): boolean {
  return policyTravels(type.table.policy, from, to);
}

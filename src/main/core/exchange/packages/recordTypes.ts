/**
 * The record types that travel in packages, derived from the modules' shared tables and their
 * policies (one place: a module that declares a shared table with a policy adds a record type, and
 * nothing here changes). A type is named after its table, or by the policy's `recordType`.
 */
import type { OfficeLevel } from '../../../../shared/contract';
import type { RecordTable } from '../../db/recordKernel';
import { policyTravels, type SharedPolicy } from '../../db/tablePolicy';
import type { ModuleRegistry } from '../../moduleRegistry';

export interface RecordType {
  name: string;
  module: string;
  table: RecordTable;
}

export interface RecordTypes {
  byName: ReadonlyMap<string, RecordType>;
  byTable: ReadonlyMap<string, RecordType>;
}

export function recordTypes(tables: ModuleRegistry['tables']): RecordTypes {
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

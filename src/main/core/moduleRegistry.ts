import { getTableName } from 'drizzle-orm';
import type { ChannelSpec } from '../../shared/contract';
import type { CliCommand } from './cliCommand';
import { SCHEMA_MIGRATIONS_TABLE, type SchemaStep } from './db/migrations';
import type { HandlerOf } from './handler';
import type { CoreModule, ModuleTable, Provision } from './module';
import type { SealedData } from './vault/sealedValue';

export interface RegisteredChannel {
  module: string;
  spec: ChannelSpec;
  handler: HandlerOf<ChannelSpec, string>;
}

/** Everything the core, the CLI and the audit page derive from the list of modules. */
export interface ModuleRegistry {
  channels: ReadonlyMap<string, RegisteredChannel>;
  steps: readonly SchemaStep[];
  tables: ReadonlyMap<string, ModuleTable & { module: string }>;
  auditActions: readonly string[];
  cli: readonly CliCommand[];
  /** The modules' data kept under level keys, in load order. */
  sealed: readonly SealedData[];
  /** What modules make once per vault, in load order. */
  provisions: readonly Provision[];
}

/**
 * Builds the registry and checks what types cannot: one name per module (channels and audit
 * actions start with `<key>.`), no channel, table, action or command declared twice, every
 * channel with a handler, steps numbered 1, 2, 3… in each module, and every derived index built
 * from a shared table whose policy says how to rebuild it after a record is applied.
 */
export function buildRegistry(modules: readonly CoreModule[]): ModuleRegistry {
  const channels = new Map<string, RegisteredChannel>();
  const tables = new Map<string, ModuleTable & { module: string }>([
    ['schema_migrations', { ...SCHEMA_MIGRATIONS_TABLE, module: 'core' }],
  ]);
  const steps: SchemaStep[] = [];
  const auditActions: string[] = [];
  const cli: CliCommand[] = [];
  const sealed: SealedData[] = [];
  const provisions: Provision[] = [];
  const keys = new Set<string>();
  for (const m of modules) {
    const key = m.contract.key;
    if (keys.has(key)) throw new Error(`Module ${key} is declared twice`);
    keys.add(key);
    const handlers = m.handlers as Record<string, HandlerOf<ChannelSpec, string> | undefined>;
    for (const [name, spec] of Object.entries(m.contract.channels)) {
      if (!name.startsWith(`${key}.`)) throw new Error(`Channel ${name} is not named after module ${key}`);
      if (channels.has(name)) throw new Error(`Channel ${name} is declared twice`);
      const handler = handlers[name];
      if (!handler) throw new Error(`Channel ${name} has no handler`);
      channels.set(name, { module: key, spec, handler });
    }
    for (const name of Object.keys(handlers))
      if (!channels.has(name)) throw new Error(`Handler ${name} has no channel in module ${key}`);
    for (const a of m.contract.auditActions) {
      if (!a.startsWith(`${key}.`)) throw new Error(`Audit action ${a} is not named after module ${key}`);
      if (auditActions.includes(a)) throw new Error(`Audit action ${a} is declared twice`);
      auditActions.push(a);
    }
    m.migrations.forEach((s, i) => {
      if (s.step !== i + 1) throw new Error(`Module ${key}: schema step ${s.step} is out of order`);
      steps.push({ id: `${key}/${s.step}`, sql: s.sql });
    });
    for (const t of m.tables) {
      const name = getTableName(t.table);
      if (tables.has(name)) throw new Error(`Table ${name} is declared twice`);
      tables.set(name, { ...t, module: key });
    }
    if (m.sealed) sealed.push(m.sealed);
    if (m.provision) provisions.push(m.provision);
    for (const c of m.cli ?? []) {
      const word = c.name.split(' ')[0] ?? '';
      if (word !== key && !m.cliWords?.includes(word))
        throw new Error(`CLI command ${c.name} is not named after module ${key}`);
      if (cli.some((x) => x.name === c.name)) throw new Error(`CLI command ${c.name} is declared twice`);
      cli.push(c);
    }
  }
  for (const [name, { policy }] of tables) {
    if (policy.kind !== 'local' || !policy.derivedFrom) continue;
    const source = tables.get(getTableName(policy.derivedFrom));
    if (source?.policy.kind !== 'shared' || !source.policy.rebuild)
      throw new Error(`Table ${name} is derived from a table with no rebuild hook`);
  }
  return { channels, steps, tables, auditActions, cli, sealed, provisions };
}

import { getTableConfig, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { SHARED_RECORD_COLUMN_NAMES } from '../../src/main/core/db/sharedRecord';
import type { Db } from '../../src/main/core/db/open';
import { setupCore } from '../helpers/core';

// The drizzle tables the modules declare are the single source of types: the database the
// schema steps build must match them in columns, types, defaults, keys, foreign keys and indexes.

const sqlDefault = (c: SQLiteColumn): string | null => {
  if (!c.hasDefault || c.default === undefined) return null;
  const v = c.default as unknown;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  return String(v);
};

function describeDb(db: Db, table: string) {
  const columns = (
    db.prepare(`PRAGMA table_info(${table})`).all() as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[]
  )
    .map(
      (c) =>
        `${c.name} ${c.type.toLowerCase()}${c.notnull || c.pk ? ' not null' : ''}${c.pk ? ' pk' : ''} default=${c.dflt_value}`,
    )
    .sort();
  const foreignKeys = (
    db.prepare(`PRAGMA foreign_key_list(${table})`).all() as { from: string; table: string; to: string }[]
  )
    .map((f) => `${f.from} -> ${f.table}.${f.to}`)
    .sort();
  const indexes = (
    db.prepare(`PRAGMA index_list(${table})`).all() as {
      name: string;
      unique: number;
      origin: string;
      partial: number;
    }[]
  )
    .filter((i) => i.origin !== 'pk')
    .map((i) => {
      const cols = (db.prepare(`PRAGMA index_info(${i.name})`).all() as { name: string }[]).map(
        (c) => c.name,
      );
      return `${i.unique ? 'unique ' : ''}(${cols.join(', ')})`;
    })
    .sort();
  return { columns, foreignKeys, indexes };
}

function describeDrizzle(table: Parameters<typeof getTableConfig>[0]) {
  const cfg = getTableConfig(table);
  const columns = cfg.columns
    .map((c) => {
      const pk = c.primary || cfg.primaryKeys.some((k) => k.columns.some((x) => x.name === c.name));
      return `${c.name} ${c.getSQLType()}${c.notNull || pk ? ' not null' : ''}${pk ? ' pk' : ''} default=${sqlDefault(c)}`;
    })
    .sort();
  const foreignKeys = cfg.foreignKeys
    .flatMap((fk) => {
      const r = fk.reference();
      return r.columns.map(
        (col, i) => `${col.name} -> ${getTableConfig(r.foreignTable).name}.${r.foreignColumns[i]?.name}`,
      );
    })
    .sort();
  const indexes = [
    ...cfg.indexes.map(
      (i) =>
        `${i.config.unique ? 'unique ' : ''}(${i.config.columns.map((c) => (c as SQLiteColumn).name).join(', ')})`,
    ),
    ...cfg.columns.filter((c) => c.isUnique).map((c) => `unique (${c.name})`),
    ...cfg.uniqueConstraints.map((u) => `unique (${u.columns.map((c) => c.name).join(', ')})`),
  ].sort();
  return { name: cfg.name, columns, foreignKeys, indexes };
}

describe('schema', () => {
  it('every table of the migrated database is declared by one module, with a policy', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as {
        name: string;
      }[]
    )
      .map((t) => t.name)
      // FTS5 virtual tables and their shadow tables are indexes, rebuilt from the records.
      .filter((n) => !/_fts($|_)/.test(n))
      .sort();
    expect(tables).toEqual([...core.registry.tables.keys()].sort());
    for (const [name, t] of core.registry.tables) {
      if (t.policy.kind !== 'shared') continue;
      const cols = (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((c) => c.name);
      for (const c of SHARED_RECORD_COLUMN_NAMES) expect(cols, `${name}.${c}`).toContain(c);
    }
  });

  it('the drizzle schema matches the migrated database: types, defaults, keys, foreign keys, indexes', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const actual: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const { table } of core.registry.tables.values()) {
      const { name, ...declared } = describeDrizzle(table);
      expected[name] = declared;
      actual[name] = describeDb(db, name);
    }
    expect(actual).toEqual(expected);
  });
});

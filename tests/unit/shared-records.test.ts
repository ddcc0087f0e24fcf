import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { SHARED_RECORD_COLUMN_NAMES } from '../../src/main/core/db/sharedRecord';
import { setupCore } from '../helpers/core';

describe('records that can travel', () => {
  it('every table that is not declared local carries the shared record shape', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[]
    )
      .map((t) => t.name)
      // FTS5 virtual tables and their shadow tables are indexes, rebuilt from the records.
      .filter((n) => !/_fts($|_)/.test(n));
    const shared = tables.filter((t) => core.registry.tables.get(t)?.policy.kind !== 'local');
    expect(shared.sort()).toEqual([
      'contacts',
      'document_attachments',
      'document_copies',
      'document_decisions',
      'document_transfers',
      'documents',
      'organizations',
    ]);
    for (const t of shared) {
      const cols = (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string; pk: number }[]).map(
        (c) => c.name,
      );
      for (const c of SHARED_RECORD_COLUMN_NAMES) expect(cols, `${t}.${c}`).toContain(c);
    }
  });

  it('the drizzle schema matches the migrated database column for column', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    for (const { table } of core.registry.tables.values()) {
      const cfg = getTableConfig(table);
      const cols = (
        db.prepare(`PRAGMA table_info(${cfg.name})`).all() as { name: string; notnull: number }[]
      ).map((c) => `${c.name}${c.notnull === 1 ? ' not null' : ''}`);
      const declared = cfg.columns.map((c) => `${c.name}${c.notNull ? ' not null' : ''}`);
      expect(cols.sort(), cfg.name).toEqual(declared.sort());
    }
  });
});

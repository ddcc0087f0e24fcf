import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { AppError } from '../errors';
import type { Db } from './open';
import { localTable } from './tablePolicy';

/** A module's schema step, named `<module>/<step>` (e.g. `docs/2`). */
export interface SchemaStep {
  id: string;
  sql: string;
  fill?: ((db: Db) => void) | undefined;
}

/** Which steps this database has applied: the one table the runner itself owns. */
export const schemaMigrations = sqliteTable('schema_migrations', {
  id: text('id').primaryKey(),
  appliedAt: text('applied_at').notNull(),
});
export const SCHEMA_MIGRATIONS_TABLE = {
  table: schemaMigrations,
  policy: localTable('schema steps applied to this database'),
};

/** Vaults made before modules owned their steps counted one global user_version; its steps by number. */
const LEGACY_STEPS: Record<number, string[]> = {
  1: ['settings/1', 'users/1', 'audit/1', 'contacts/1'],
  2: ['docs/1'],
  3: ['docs/2', 'users/2'],
};

/**
 * Applies the steps this database lacks, in the order given (modules in load order, each
 * module's steps by number), all in one transaction at unlock. drizzle-kit cannot open an
 * encrypted file, so the SQL lives in each module's migrations/ folder; a test checks the
 * result against the drizzle schema. A step this app does not know means a newer app wrote
 * the file: refuse rather than guess.
 */
export function applyMigrations(
  db: Db,
  steps: readonly SchemaStep[],
  now: () => Date = () => new Date(),
): void {
  if (upToDate(db, steps)) return; // no write lock taken on an everyday unlock
  // IMMEDIATE, and what is applied read again under the write lock: another process upgrading
  // the same file at the same moment is waited for, and its steps are not applied twice.
  const run = db.transaction(() => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)',
    );
    const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
    let applied = new Set(
      (db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id),
    );
    if (applied.size === 0) {
      const legacy = db.pragma('user_version', { simple: true }) as number;
      if (legacy > Object.keys(LEGACY_STEPS).length)
        throw new AppError('SCHEMA_NEWER', `Database schema ${legacy} is newer than this app`);
      const at = now().toISOString();
      for (let v = 1; v <= legacy; v++) for (const id of LEGACY_STEPS[v] ?? []) record.run(id, at);
      applied = new Set(Object.entries(LEGACY_STEPS).flatMap(([v, ids]) => (Number(v) <= legacy ? ids : [])));
    }
    const known = new Set(steps.map((s) => s.id));
    const unknown = [...applied].filter((id) => !known.has(id));
    if (unknown.length)
      throw new AppError(
        'SCHEMA_NEWER',
        `The database has schema steps this app does not know: ${unknown.join(', ')}`,
      );
    for (const s of steps) {
      if (applied.has(s.id)) continue;
      db.exec(s.sql);
      s.fill?.(db);
      record.run(s.id, now().toISOString());
    }
  });
  run.immediate();
}

function upToDate(db: Db, steps: readonly SchemaStep[]): boolean {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!table) return false;
  const applied = new Set(
    (db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id),
  );
  return applied.size === steps.length && steps.every((s) => applied.has(s.id));
}

import { integer, text } from 'drizzle-orm/sqlite-core';

/**
 * The shape of every record that can travel between offices (ARCHITECTURE.md, Data):
 * UUIDv7 id, origin office, version (+1 on each change), updatedAt (UTC ISO), updatedBy,
 * tombstone. Spread into each shared drizzle table; SHARED_RECORD_SQL is the same for migrations.
 */
export const sharedRecordColumns = () => ({
  id: text('id').primaryKey(),
  originOffice: text('origin_office').notNull(),
  version: integer('version').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
});

export const SHARED_RECORD_SQL = `
  id TEXT PRIMARY KEY NOT NULL,
  origin_office TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;

export const SHARED_RECORD_COLUMN_NAMES = [
  'id',
  'origin_office',
  'version',
  'updated_at',
  'updated_by',
  'deleted',
] as const;

/** The values of a contract enum, for a typed drizzle text column (`text(name, { enum })`). */
export const enumValues = <T extends string>(e: { options: readonly T[] }) => e.options as [T, ...T[]];

/** The shared-record fields of a row as the contract's SharedRecordMeta (the tombstone flag a boolean). */
export const recordMeta = (r: {
  id: string;
  originOffice: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  deleted: boolean;
}) => ({
  id: r.id,
  originOffice: r.originOffice,
  version: r.version,
  updatedAt: r.updatedAt,
  updatedBy: r.updatedBy,
  deleted: Boolean(r.deleted),
});

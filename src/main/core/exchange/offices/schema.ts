import { isNull } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { OFFICE_LEVELS } from '../../../../shared/contract';
import { sharedRecordColumns } from '../../db/sharedRecord';

/**
 * This office's own exchange keys, private halves included. Local: they never leave the
 * encrypted database. A rotation retires the current row and adds one, so packages encrypted
 * to an older key can still be opened.
 */
export const exchangeOwnKeys = sqliteTable(
  'exchange_own_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    office: text('office').notNull(),
    /** Ed25519 seed, hex. */
    signingSecret: text('signing_secret').notNull(),
    signingKey: text('signing_key').notNull(),
    /** age X25519 identity, `AGE-SECRET-KEY-1…`. */
    ageIdentity: text('age_identity').notNull(),
    recipient: text('recipient').notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdAt: text('created_at').notNull(),
    retiredAt: text('retired_at'),
  },
  // One current key pair per office code.
  (t) => [uniqueIndex('exchange_own_keys_current').on(t.office).where(isNull(t.retiredAt))],
);

/**
 * The directory of offices: kept by the province, travelling down in a package it signs. Lists
 * are JSON arrays (record type names or `*`). `organization_id` names the contacts directory's
 * organisation that is this office; no foreign key, since a directory package may arrive before
 * the organisations it names.
 */
export const exchangeOffices = sqliteTable('exchange_offices', {
  ...sharedRecordColumns(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  level: text('level', { enum: OFFICE_LEVELS }).notNull(),
  signingKey: text('signing_key').notNull(),
  recipient: text('recipient').notNull(),
  fingerprint: text('fingerprint').notNull(),
  groups: text('groups').notNull(),
  maySend: text('may_send').notNull(),
  mayReceive: text('may_receive').notNull(),
  validFrom: text('valid_from').notNull(),
  validTo: text('valid_to'),
  revokedAt: text('revoked_at'),
  revokedReason: text('revoked_reason'),
  organizationId: text('organization_id'),
});

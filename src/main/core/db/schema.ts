import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedRecordColumns } from './sharedRecord';

// Local tables (LOCAL_TABLES in sharedRecord.ts).

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const users = sqliteTable('users', {
  userName: text('user_name').primaryKey(),
  fullName: text('full_name').notNull(),
  role: text('role').notNull(),
  clearance: text('clearance').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const auditLog = sqliteTable('audit_log', {
  seq: integer('seq').primaryKey(),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: text('target_id').notNull(),
  outcome: text('outcome').notNull(),
  details: text('details').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/** Normalised phone → contact, for duplicate flags; rebuilt from contacts, never exchanged. */
export const contactPhones = sqliteTable(
  'contact_phones',
  {
    contactId: text('contact_id').notNull(),
    phone: text('phone').notNull(),
  },
  (t) => [index('contact_phones_phone').on(t.phone)],
);

/** Stable integer keys for the contacts' full-text index rows, and their Vietnamese sort key. */
export const contactSearchKeys = sqliteTable(
  'contact_search_keys',
  {
    n: integer('n').primaryKey(),
    contactId: text('contact_id').notNull().unique(),
    sortKey: text('sort_key').notNull().default(''),
  },
  (t) => [index('contact_search_keys_sort').on(t.sortKey)],
);

// Shared tables.

export const organizations = sqliteTable('organizations', {
  ...sharedRecordColumns(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  parentId: text('parent_id'),
  area: text('area').notNull(),
  address: text('address').notNull(),
  switchboard: text('switchboard').notNull(),
});

export const contacts = sqliteTable('contacts', {
  ...sharedRecordColumns(),
  fullName: text('full_name').notNull(),
  position: text('position').notNull(),
  organizationId: text('organization_id'),
  phones: text('phones').notNull(),
  email: text('email').notNull(),
  roles: text('roles').notNull(),
  notes: text('notes').notNull(),
});

/** Last number given per register and calendar year; never decremented, so numbers are never reused. */
export const documentCounters = sqliteTable(
  'document_counters',
  {
    register: text('register').notNull(),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.register, t.year] })],
);

/** Stable integer keys for the documents' full-text index rows. */
export const documentSearchKeys = sqliteTable('document_search_keys', {
  n: integer('n').primaryKey(),
  documentId: text('document_id').notNull().unique(),
});

export const documents = sqliteTable('documents', {
  ...sharedRecordColumns(),
  register: text('register').notNull(),
  year: integer('year').notNull(),
  number: integer('number').notNull(),
  registeredAt: text('registered_at').notNull(),
  direction: text('direction').notNull(),
  level: text('level').notNull(),
  levelRank: integer('level_rank').notNull(),
  type: text('type').notNull(),
  symbol: text('symbol').notNull(),
  documentDate: text('document_date').notNull(),
  sender: text('sender').notNull(),
  senderContactId: text('sender_contact_id'),
  organizationId: text('organization_id'),
  recipients: text('recipients').notNull(),
  summary: text('summary').notNull(),
  senderConsent: integer('sender_consent', { mode: 'boolean' }).notNull(),
  urgency: text('urgency').notNull(),
  copies: integer('copies').notNull(),
  pages: integer('pages').notNull(),
  handler: text('handler').notNull(),
  deadline: text('deadline'),
  notes: text('notes').notNull(),
  status: text('status').notNull(),
  voidReason: text('void_reason'),
  voidedBy: text('voided_by'),
  voidedAt: text('voided_at'),
});

export const DRIZZLE_TABLES = [
  settings,
  users,
  auditLog,
  contactPhones,
  contactSearchKeys,
  organizations,
  contacts,
  documentCounters,
  documentSearchKeys,
  documents,
];

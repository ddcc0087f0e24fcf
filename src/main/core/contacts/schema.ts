import { type AnySQLiteColumn, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ORG_KINDS } from '../../../shared/contract';
import { sharedRecordColumns } from '../db/sharedRecord';

/** Normalised phone → contact, for duplicate flags; rebuilt from contacts, never exchanged. */
export const contactPhones = sqliteTable(
  'contact_phones',
  {
    contactId: text('contact_id').notNull(),
    phone: text('phone').notNull(),
  },
  (t) => [index('contact_phones_phone').on(t.phone), index('contact_phones_contact').on(t.contactId)],
);

/** Stable integer keys for the contacts' full-text index rows, and their Vietnamese sort key. */
export const contactSearchKeys = sqliteTable(
  'contact_search_keys',
  {
    n: integer('n').primaryKey(),
    contactId: text('contact_id').notNull().unique(),
    sortKey: text('sort_key').notNull().default(''),
  },
  (t) => [index('contact_search_keys_sort').on(t.sortKey, t.contactId)],
);

export const organizations = sqliteTable(
  'organizations',
  {
    ...sharedRecordColumns(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ORG_KINDS }).notNull(),
    parentId: text('parent_id').references((): AnySQLiteColumn => organizations.id),
    area: text('area').notNull(),
    address: text('address').notNull(),
    switchboard: text('switchboard').notNull(),
  },
  (t) => [index('organizations_kind').on(t.kind)],
);

export const contacts = sqliteTable(
  'contacts',
  {
    ...sharedRecordColumns(),
    fullName: text('full_name').notNull(),
    position: text('position').notNull(),
    organizationId: text('organization_id').references(() => organizations.id),
    phones: text('phones').notNull(),
    email: text('email').notNull(),
    roles: text('roles').notNull(),
    notes: text('notes').notNull(),
  },
  (t) => [index('contacts_org').on(t.organizationId), index('contacts_live').on(t.deleted)],
);

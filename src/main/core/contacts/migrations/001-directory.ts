import { SHARED_RECORD_SQL } from '../../db/sharedRecord';
import type { Migration } from '../../module';

// Organisations and focal-point contacts (shared records), with the local phone and search indexes.
export default {
  step: 1,
  sql: `
  CREATE TABLE organizations (${SHARED_RECORD_SQL},
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id TEXT REFERENCES organizations(id),
    area TEXT NOT NULL,
    address TEXT NOT NULL,
    switchboard TEXT NOT NULL
  );
  CREATE INDEX organizations_kind ON organizations(kind);
  CREATE TABLE contacts (${SHARED_RECORD_SQL},
    full_name TEXT NOT NULL,
    position TEXT NOT NULL,
    organization_id TEXT REFERENCES organizations(id),
    phones TEXT NOT NULL,
    email TEXT NOT NULL,
    roles TEXT NOT NULL,
    notes TEXT NOT NULL
  );
  CREATE INDEX contacts_org ON contacts(organization_id);
  CREATE TABLE contact_phones (contact_id TEXT NOT NULL, phone TEXT NOT NULL);
  CREATE INDEX contact_phones_phone ON contact_phones(phone);
  CREATE INDEX contact_phones_contact ON contact_phones(contact_id);
  -- Folded text (no diacritics, đ→d, lower case) so queries fold the same way. Index rows are
  -- keyed through contact_search_keys (an explicit INTEGER PRIMARY KEY, which VACUUM keeps),
  -- so an update finds its index row by key instead of scanning the index.
  -- sort_key orders names in Vietnamese collation so lists sort and page inside SQLite.
  CREATE TABLE contact_search_keys (
    n INTEGER PRIMARY KEY NOT NULL,
    contact_id TEXT NOT NULL UNIQUE,
    sort_key TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX contact_search_keys_sort ON contact_search_keys(sort_key);
  CREATE VIRTUAL TABLE contacts_fts USING fts5(body, tokenize = 'unicode61');
  `,
} satisfies Migration;

import type { Db } from './open';
import { SHARED_RECORD_SQL } from './sharedRecord';

/**
 * Schema migrations, applied in order inside one transaction at unlock. drizzle-kit cannot open
 * an encrypted file, so the SQL lives here; a test checks it against the drizzle schema.
 * Never edit a shipped migration: add a new one.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
  CREATE TABLE users (
    user_name TEXT PRIMARY KEY NOT NULL,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL,
    clearance TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  -- Append-only: the app never updates or deletes audit entries.
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

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
  // Document registry (issue 4): entries are shared records; the number counters and the
  // search keys are local to this office.
  `
  CREATE TABLE documents (${SHARED_RECORD_SQL},
    register TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    registered_at TEXT NOT NULL,
    direction TEXT NOT NULL,
    level TEXT NOT NULL,
    level_rank INTEGER NOT NULL,
    type TEXT NOT NULL,
    symbol TEXT NOT NULL,
    document_date TEXT NOT NULL,
    sender TEXT NOT NULL,
    sender_contact_id TEXT,
    organization_id TEXT,
    recipients TEXT NOT NULL,
    summary TEXT NOT NULL,
    sender_consent INTEGER NOT NULL,
    urgency TEXT NOT NULL,
    copies INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    handler TEXT NOT NULL,
    deadline TEXT,
    notes TEXT NOT NULL,
    status TEXT NOT NULL,
    void_reason TEXT,
    voided_by TEXT,
    voided_at TEXT,
    UNIQUE (origin_office, register, year, number)
  );
  CREATE INDEX documents_registered ON documents(registered_at);
  CREATE TABLE document_counters (
    register TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (register, year)
  );
  -- Same keyed folded-text index as contacts (see contact_search_keys above).
  CREATE TABLE document_search_keys (n INTEGER PRIMARY KEY NOT NULL, document_id TEXT NOT NULL UNIQUE);
  CREATE VIRTUAL TABLE documents_fts USING fts5(body, tokenize = 'unicode61');
  `,
];

export function applyMigrations(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`Database schema ${current} is newer than this app (${MIGRATIONS.length})`);
  }
  const run = db.transaction(() => {
    for (let v = current; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    }
  });
  run();
}

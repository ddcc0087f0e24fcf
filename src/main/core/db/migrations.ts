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
  // Life cycle of documents (issue 4): outgoing signer, processing, custody, protection period;
  // attachments (content inside the encrypted database, never as files), the transfer and copy
  // registers, and the decisions taken on an entry (recall, extension, declassification,
  // destruction). Exporting attachments is a per-user permission.
  `
  ALTER TABLE documents ADD COLUMN signer TEXT NOT NULL DEFAULT '';
  ALTER TABLE documents ADD COLUMN processing TEXT NOT NULL DEFAULT 'pending';
  ALTER TABLE documents ADD COLUMN processed_at TEXT;
  ALTER TABLE documents ADD COLUMN reply_id TEXT;
  ALTER TABLE documents ADD COLUMN holder TEXT NOT NULL DEFAULT '';
  ALTER TABLE documents ADD COLUMN protect_until TEXT;
  ALTER TABLE documents ADD COLUMN declassified_at TEXT;
  CREATE INDEX documents_protect_until ON documents(protect_until) WHERE protect_until IS NOT NULL;
  CREATE INDEX documents_deadline ON documents(deadline) WHERE deadline IS NOT NULL;
  CREATE INDEX documents_register_year ON documents(register, year, number);
  -- Covers what a text search needs from each matching entry (live, readable, order, the common
  -- year and direction filters), so a search over 100,000 entries does not read every matching
  -- row (bench/results.md).
  CREATE INDEX documents_search_cover ON documents(id, deleted, level_rank, registered_at, year, direction);
  CREATE TABLE document_attachments (${SHARED_RECORD_SQL},
    document_id TEXT NOT NULL REFERENCES documents(id),
    file_name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL
  );
  CREATE INDEX document_attachments_doc ON document_attachments(document_id);
  CREATE TABLE document_transfers (${SHARED_RECORD_SQL},
    document_id TEXT NOT NULL REFERENCES documents(id),
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    transferred_at TEXT NOT NULL,
    to_person TEXT NOT NULL,
    to_unit TEXT NOT NULL,
    purpose TEXT NOT NULL,
    returned_at TEXT,
    return_note TEXT NOT NULL DEFAULT '',
    UNIQUE (origin_office, year, number)
  );
  CREATE INDEX document_transfers_doc ON document_transfers(document_id);
  CREATE TABLE document_copies (${SHARED_RECORD_SQL},
    document_id TEXT NOT NULL REFERENCES documents(id),
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    kind TEXT NOT NULL,
    authorised_by TEXT NOT NULL,
    authorisation_ref TEXT NOT NULL,
    made_at TEXT NOT NULL,
    copy_index INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    recipient TEXT NOT NULL,
    UNIQUE (origin_office, year, number)
  );
  CREATE INDEX document_copies_doc ON document_copies(document_id);
  CREATE TABLE document_decisions (${SHARED_RECORD_SQL},
    document_id TEXT NOT NULL REFERENCES documents(id),
    kind TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    decision_ref TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    details TEXT NOT NULL
  );
  CREATE INDEX document_decisions_doc ON document_decisions(document_id);
  CREATE INDEX document_decisions_kind ON document_decisions(kind, decided_at);
  ALTER TABLE users ADD COLUMN can_export_attachments INTEGER NOT NULL DEFAULT 0;
  `,
];

function schemaVersion(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`Database schema ${current} is newer than this app (${MIGRATIONS.length})`);
  }
  return current;
}

export function applyMigrations(db: Db): void {
  if (schemaVersion(db) === MIGRATIONS.length) return; // up to date: no write lock taken
  // IMMEDIATE, and the version read again under the write lock: another process upgrading the
  // same file at the same moment is waited for, and its migrations are not applied twice.
  const run = db.transaction(() => {
    for (let v = schemaVersion(db); v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    }
  });
  run.immediate();
}

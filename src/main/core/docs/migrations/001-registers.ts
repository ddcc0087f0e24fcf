import { SHARED_RECORD_SQL } from '../../db/sharedRecord';
import type { Migration } from '../../module';

// Document registers: entries are shared records; the number counters and search keys are local.
export default {
  step: 1,
  sql: `
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
} satisfies Migration;

import { SHARED_RECORD_SQL } from '../../db/sharedRecord';
import type { Migration } from '../../module';

// Life cycle of documents: signer, processing, custody, protection period; attachments (inside the
// encrypted database, never as files), the transfer and copy registers, and decisions (recall,
// extension, declassification, destruction).
export default {
  step: 2,
  sql: `
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
  `,
} satisfies Migration;

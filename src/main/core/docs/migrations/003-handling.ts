import type { Migration } from '../../module';

// How this office handles an entry (processing, when it was done, the reply, who holds it) is this
// office's own record, not a change to the entry, which belongs to the office that registered it:
// it moves from the documents' columns to document_handling, keyed by entry and office, and the
// entry's columns go (so a received entry's handling never travels back as the sender's record).
// The existing entries are all this office's, so their origin office is this office. WITHOUT ROWID:
// the overdue list and the processing filter read a handling row per entry by its key, in one lookup.
// Registry queries now filter on the origin office (registers count only this office's entries):
// the text search's covering index includes it, and the latest registration of this office (the
// clock check at each registration) is found by index, not by a scan.
export default {
  step: 3,
  sql: `
  CREATE TABLE document_handling (
    document_id TEXT NOT NULL REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
    office TEXT NOT NULL,
    processing TEXT NOT NULL DEFAULT 'pending',
    processed_at TEXT,
    reply_id TEXT,
    holder TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (document_id, office)
  ) WITHOUT ROWID;
  INSERT INTO document_handling
      (document_id, office, processing, processed_at, reply_id, holder, updated_at, updated_by)
    SELECT id, origin_office, processing, processed_at, reply_id, holder, updated_at, updated_by FROM documents;
  CREATE INDEX document_handling_office ON document_handling(office, processing);
  ALTER TABLE documents DROP COLUMN processing;
  ALTER TABLE documents DROP COLUMN processed_at;
  ALTER TABLE documents DROP COLUMN reply_id;
  ALTER TABLE documents DROP COLUMN holder;
  DROP INDEX documents_search_cover;
  CREATE INDEX documents_search_cover
    ON documents(id, deleted, origin_office, level_rank, registered_at, year, direction);
  CREATE INDEX documents_office_registered ON documents(origin_office, registered_at);
  `,
} satisfies Migration;

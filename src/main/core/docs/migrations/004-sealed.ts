import type { Migration } from '../../module';

// Classified text sealed under the key of its secrecy level (README, "Keys and clearances"): each
// table that holds an entry's classified text gets a `sealed` blob (the text fields, AES-256-GCM
// under the level key, bound to table, row, field group and key epoch) and its plain columns are
// emptied for classified entries; an attachment's bytes are sealed in place. `sealed_epoch` finds
// the entries to re-seal after a key rotation. documents_sealed_fts indexes classified entries by
// keyed hashes of their folded words, never the words. Existing classified rows stay in clear
// until the first sign-in that holds their level's key (the upgrade of the key file seals them).
export default {
  step: 4,
  sql: `
  ALTER TABLE documents ADD COLUMN sealed BLOB;
  ALTER TABLE documents ADD COLUMN sealed_epoch INTEGER;
  CREATE INDEX documents_sealed ON documents(level, sealed_epoch) WHERE sealed_epoch IS NOT NULL;
  -- Classified entries still in clear (none, once sealed): what each sign-in checks, by index.
  CREATE INDEX documents_in_clear ON documents(level) WHERE level_rank > 0 AND sealed IS NULL;
  ALTER TABLE document_handling ADD COLUMN sealed BLOB;
  ALTER TABLE document_attachments ADD COLUMN sealed BLOB;
  ALTER TABLE document_transfers ADD COLUMN sealed BLOB;
  ALTER TABLE document_copies ADD COLUMN sealed BLOB;
  ALTER TABLE document_decisions ADD COLUMN sealed BLOB;
  CREATE VIRTUAL TABLE documents_sealed_fts USING fts5(body, tokenize = 'unicode61');
  `,
} satisfies Migration;

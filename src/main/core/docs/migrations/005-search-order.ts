import type { Migration } from '../../module';

// A search lists its newest matches first straight from the full-text indexes: their rowid (the
// entry's search key n) now follows the registration time, registered_at in milliseconds × 1,024
// plus the entry's place among those registered in the same millisecond (by id, the list's own
// tie-break), so the indexes are read in rowid order and stop at the page instead of sorting
// every match (bench/results.md). Existing keys and both indexes' rows are renumbered; an entry
// without a readable time, or past 1,024 in one millisecond, takes the next free key. The folded
// text index also keeps prefixes of 1 to 4 letters, so a typed word ("xa", "17") reads one list
// instead of merging every word it begins; the keyed hashes are matched whole and need none.
export default {
  step: 5,
  sql: `
  CREATE TEMP TABLE search_keys_before AS SELECT n, document_id FROM document_search_keys;
  DELETE FROM document_search_keys;
  INSERT INTO document_search_keys (n, document_id)
    SELECT base + place - 1, id FROM (
      SELECT id, base, row_number() OVER (PARTITION BY base ORDER BY registered_at, id) AS place
        FROM (SELECT d.id, d.registered_at,
                CAST(round((julianday(d.registered_at) - 2440587.5) * 86400000) AS INTEGER) * 1024 AS base
                FROM documents d JOIN search_keys_before b ON b.document_id = d.id))
     WHERE base IS NOT NULL AND place <= 1024;
  INSERT INTO document_search_keys (document_id)
    SELECT document_id FROM search_keys_before b
     WHERE NOT EXISTS (SELECT 1 FROM document_search_keys k WHERE k.document_id = b.document_id)
     ORDER BY b.n;
  CREATE VIRTUAL TABLE documents_fts_renumbered USING fts5(body, tokenize = 'unicode61', prefix = '1 2 3 4');
  INSERT INTO documents_fts_renumbered (rowid, body)
    SELECT k.n, f.body FROM documents_fts f
      JOIN search_keys_before b ON b.n = f.rowid JOIN document_search_keys k ON k.document_id = b.document_id;
  DROP TABLE documents_fts;
  ALTER TABLE documents_fts_renumbered RENAME TO documents_fts;
  CREATE VIRTUAL TABLE documents_sealed_fts_renumbered USING fts5(body, tokenize = 'unicode61');
  INSERT INTO documents_sealed_fts_renumbered (rowid, body)
    SELECT k.n, f.body FROM documents_sealed_fts f
      JOIN search_keys_before b ON b.n = f.rowid JOIN document_search_keys k ON k.document_id = b.document_id;
  DROP TABLE documents_sealed_fts;
  ALTER TABLE documents_sealed_fts_renumbered RENAME TO documents_sealed_fts;
  DROP TABLE search_keys_before;
  `,
} satisfies Migration;

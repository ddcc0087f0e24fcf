import type { Migration } from '../../module';

// The full-text indexes merge their segments 8 at a time instead of FTS5's 4: each batch of writes
// (a registration, an import's thousand entries) leaves a segment, and merging them half as often
// makes a registration about a tenth cheaper (`npm run bench -- registry`, before and after in
// turn on one machine: 100,000 in batches of 1,000 at 10,200 and 10,800 /s before, 11,700 twice
// after), while a search at 100,000 entries reads no slower (p95 7–10 ms either way). Stored in
// each index's own configuration, so a backup keeps it.
export default {
  step: 7,
  sql: `
  INSERT INTO documents_fts (documents_fts, rank) VALUES ('automerge', 8);
  INSERT INTO documents_sealed_fts (documents_sealed_fts, rank) VALUES ('automerge', 8);
  `,
} satisfies Migration;

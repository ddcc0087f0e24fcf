import type { Migration } from '../../module';

// The change feed of shared records (written by the record kernel, src/main/core/db/recordKernel.ts)
// and this database's incarnation: a random UUID, replaced when a backup is restored, so changes
// made after a restore are never taken for those made before it.
export default {
  step: 2,
  sql: `
  CREATE TABLE change_feed (
    seq INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('local', 'package')),
    source_office TEXT NOT NULL,
    incarnation TEXT NOT NULL
  );
  CREATE INDEX change_feed_record ON change_feed(table_name, record_id);
  INSERT OR IGNORE INTO settings (key, value) SELECT 'kernel.incarnation', json_quote(lower(
    hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))));
  `,
} satisfies Migration;

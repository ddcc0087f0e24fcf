import type { Migration } from '../../module';

// The copies of sent packages are kept in pieces of at most 1 MiB: a package is written to its
// file as it is made, never held whole, and is copied in and written out again piece by piece.
export default {
  step: 6,
  sql: `
  CREATE TABLE exchange_sent_chunks (
    office TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    n INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (office, sequence, n),
    FOREIGN KEY (office, sequence) REFERENCES exchange_sent_files (office, sequence) ON DELETE CASCADE
  );
  INSERT INTO exchange_sent_chunks (office, sequence, n, bytes)
    SELECT office, sequence, 0, bytes FROM exchange_sent_files;
  ALTER TABLE exchange_sent_files DROP COLUMN bytes;
  `,
} satisfies Migration;

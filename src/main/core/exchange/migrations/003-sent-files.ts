import type { Migration } from '../../module';

// Copies of the packages sent and not yet acknowledged, so a lost or damaged file can be made again
// byte for byte (the receiver would otherwise wait at a gap for a package no one can rebuild).
export default {
  step: 3,
  sql: `
  CREATE TABLE exchange_sent_files (
    office TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    records INTEGER NOT NULL,
    receipt INTEGER NOT NULL CHECK (receipt IN (0, 1)),
    bytes BLOB NOT NULL,
    PRIMARY KEY (office, sequence)
  );
  `,
} satisfies Migration;

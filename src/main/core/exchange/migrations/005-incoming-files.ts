import type { Migration } from '../../module';

// The files of packages being imported, decrypted one at a time and checked against their records
// before the apply transaction (packages/files.ts); emptied after each import.
export default {
  step: 5,
  sql: `
  CREATE TABLE exchange_incoming_files (
    run TEXT NOT NULL,
    package_hash TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (run, package_hash, sha256)
  );
  `,
} satisfies Migration;

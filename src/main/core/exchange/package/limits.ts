/**
 * Caps on a package, all checked from sizes the container declares before anything is hashed,
 * decrypted or parsed: a hostile file costs at most these bounds. A package file is read in
 * chunks (container.ts), never whole: memory holds the envelope, the records and one chunk; an
 * attachment is decrypted into memory only when the table that takes it allows its size
 * (packages/files.ts), and streamed to a file otherwise. No ZIP64: every size stays below 4 GiB.
 */
const MiB = 1024 * 1024;

/** The whole file. */
export const MAX_PACKAGE_BYTES = 2048 * MiB;
/** envelope.json: the manifest of 1,000 blobs is about 150 KB, base64 adds a third. */
export const MAX_ENVELOPE_BYTES = 1 * MiB;
/** The encrypted records blob. */
export const MAX_RECORDS_BYTES = 64 * MiB;
/** One encrypted attachment (a recording, a scanned register). */
export const MAX_BLOB_BYTES = 1024 * MiB;
/** Attachments per package. */
export const MAX_BLOBS = 1000;
/** Entries of the archive: the envelope, the records, the attachments. */
export const MAX_ENTRIES = 2 + MAX_BLOBS;
/** Records per package. */
export const MAX_RECORDS = 100_000;
/** Offices a package is addressed to (a province has about 130 communes plus companies). */
export const MAX_RECIPIENTS = 500;

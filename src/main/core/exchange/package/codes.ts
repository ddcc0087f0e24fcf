/**
 * The stable reason codes of a package that is refused (or judged by its sequence). They are the
 * contract with the UI (which words them in Vietnamese), the CLI (`--json`) and the exchange log:
 * a code is never renamed or reused. The English text goes to logs and the CLI.
 */
export const PACKAGE_REASONS = {
  PKG_TOO_LARGE: 'The file is larger than a data package may be.',
  PKG_NOT_ZIP: 'The file is not a data package (not a readable archive, or damaged).',
  PKG_TRAILING_DATA: 'The file has data after the end of the package: it was altered.',
  PKG_TOO_MANY_ENTRIES: 'The package holds more entries than a data package may.',
  PKG_ENTRY_FORBIDDEN: 'The package holds an entry that a data package may not hold.',
  PKG_ENTRY_DUPLICATE: 'The package holds two entries with the same name.',
  PKG_ENTRY_COMPRESSED:
    'The package holds a compressed or encrypted entry; data packages store entries as they are.',
  PKG_ENTRY_TOO_LARGE: 'An entry of the package is larger than allowed.',
  PKG_ENVELOPE_INVALID: 'The package envelope (envelope.json) is missing or malformed.',
  PKG_SIGNATURE_MISSING: 'The package is not signed.',
  PKG_VERSION_UNSUPPORTED: 'The package was made in a format version this program does not read.',
  PKG_MANIFEST_INVALID: 'The package manifest is malformed (wrong fields, types or numbers).',
  PKG_MANIFEST_DUPLICATE_KEY: 'The package manifest names a field twice.',
  PKG_MANIFEST_NOT_CANONICAL: 'The package manifest is not in its one canonical form.',
  PKG_UNKNOWN_SENDER: 'The sending office or its key is not in the directory.',
  PKG_KEY_REVOKED: "The sending office's key has been revoked.",
  PKG_SIGNATURE_INVALID: 'The signature does not match the package and its sender.',
  PKG_NOT_FOR_US: 'The package is not addressed to this office.',
  PKG_BLOB_MISMATCH:
    'A part of the package is missing, extra, or differs from what the signed manifest lists.',
  PKG_DECRYPT_FAILED: 'The package could not be decrypted with this office’s key.',
  PKG_PAYLOAD_INVALID: 'The decrypted records are malformed.',
  PKG_KEY_INVALID: 'A public key is malformed or unsafe (small order).',
  PKG_SEQUENCE_GAP: 'Packages from this office are missing before this one.',
  PKG_SEQUENCE_FORK: 'This office sent two different packages with the same sequence number.',
  PKG_ALREADY_APPLIED: 'This package was applied before (a replay): nothing to do.',
  PKG_AUDIT_REWRITTEN:
    "The sending office's audit log no longer extends the head an earlier package showed: its history was rewritten.",
  PKG_TYPE_NOT_ALLOWED:
    'The package holds records of a type this office does not take from its sender (unknown, not allowed by the directory, or travelling the wrong way).',
  PKG_NOT_OWNER:
    'The package changes a record that its sender may not change (the record belongs to another office).',
  PKG_RECORD_INVALID:
    'A record of the package does not fit this office’s data (missing fields or references).',
  PKG_FILE_MISMATCH:
    'A file of the package is missing, extra, or differs from the record that names it (content hash or size).',
  PKG_FILE_TOO_LARGE: 'A record of the package names a file larger than this office accepts for it.',
  PKG_STORAGE_FULL: 'The disk is full: the package could not be applied, and nothing of it was.',
} as const;

export type PackageReason = keyof typeof PACKAGE_REASONS;

/** A refusal with its stable code; thrown inside the package code, returned as a result by openPackage. */
export class PackageError extends Error {
  constructor(
    readonly code: PackageReason,
    detail?: string,
  ) {
    super(detail ? `${PACKAGE_REASONS[code]} (${detail})` : PACKAGE_REASONS[code]);
    this.name = 'PackageError';
  }
}

/**
 * The acts on keys and the directory, shared by the handlers and the CLI through them: the key
 * file, registering an office by key file and fingerprint, and the directory package (published
 * by the province, accepted by its offices only from the province's pinned key).
 */
import type { z } from 'zod';
import {
  KEY_FILE_FORMAT,
  OfficeKeyFile,
  type AddOfficeInput,
  type ExchangeOffice,
  type OfficeProfile,
  type OfficeTerms,
} from '../../../../shared/contract';
import { vnIsoDate } from '../../../../shared/dates';
import { stmt, type Db } from '../../db/open';
import { findRecord, insertRecord, updateRecord, type Writer } from '../../db/recordKernel';
import { getSetting, putSetting } from '../../db/settingsStore';
import { rowFromSql } from '../../db/sqlRow';
import { AppError } from '../../errors';
import { PackageError } from '../package/codes';
import { checkRecipient, fingerprint, signingKeyBytes } from '../package/keys';
import type { PackageRecord } from '../package/payload';
import { OFFICE_RECORDS, OFFICE_RECORD_TYPE, findOffice, officeView, type OfficeRow } from './directory';
import { ownPublicKeys } from './ownKeys';

/** Office codes a package manifest can name (package/manifest.ts OfficeCode). */
const PACKAGE_OFFICE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** This office's public key file (what it hands to its province). */
export function ownKeyFile(db: Db, office: OfficeProfile): OfficeKeyFile {
  const keys = ownPublicKeys(db);
  return {
    format: KEY_FILE_FORMAT,
    office: { code: keys.office, name: office.name, level: office.level, parentOffice: office.parentOffice },
    signingKey: keys.signingKey,
    recipient: keys.recipient,
    createdAt: vnIsoDate(new Date(keys.createdAt)),
  };
}

const invalid = (message: string, path: string, code: string): AppError =>
  new AppError('VALIDATION', message, [{ path, message, code }]);

/** Refuses an office code a package manifest cannot name (the profile admits Đ and &, manifests do not). */
export function checkPackageOfficeCode(code: string, path: string): void {
  if (!PACKAGE_OFFICE_CODE.test(code))
    throw invalid(
      `Office code ${code} cannot name an office in packages (letters A–Z, digits, . _ -)`,
      path,
      'office-code',
    );
}

/** Parses a key file strictly and checks its keys are safe to use (canonical, not small-order). */
export function parseKeyFile(text: string): OfficeKeyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('The key file is not JSON', 'keyFile', 'key-file');
  }
  const parsed = OfficeKeyFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      `The key file is not an office key file (${issue?.path.join('.') || 'file'}: ${issue?.message})`,
      'keyFile',
      'key-file',
    );
  }
  const file = parsed.data;
  checkPackageOfficeCode(file.office.code, 'keyFile');
  try {
    signingKeyBytes(file.signingKey);
    checkRecipient(file.recipient);
  } catch (e) {
    if (e instanceof PackageError)
      throw invalid(`The key file's keys are unusable: ${e.message}`, 'keyFile', 'key-invalid');
    throw e;
  }
  return file;
}

/**
 * The fingerprint check: what the administrator typed from the printed form must be the
 * fingerprint of the file's keys, or nothing is registered. A file swapped on the way (another
 * key under the office's name) is refused here.
 */
export function checkFingerprint(file: OfficeKeyFile, typed: string): string {
  const actual = fingerprint({
    office: file.office.code,
    signingKey: file.signingKey,
    recipient: file.recipient,
  });
  if (actual !== typed)
    throw invalid(
      'The fingerprint typed does not match the key file: the file is not the one the printed form describes, or the fingerprint was mistyped. Nothing was added',
      'fingerprint',
      'fingerprint-mismatch',
    );
  return actual;
}

function organizationName(db: Db, id: string | null): string | null {
  if (!id) return null;
  const r = stmt(db, 'SELECT name FROM organizations WHERE id = ? AND deleted = 0').get(id) as
    { name: string } | undefined;
  return r?.name ?? null;
}

export function viewOf(db: Db, row: OfficeRow, at: Date): ExchangeOffice {
  return officeView(row, vnIsoDate(at), organizationName(db, row.organizationId));
}

/** The organisation exists and is not already another office's. */
function checkOrganization(db: Db, organizationId: string | null, code: string): void {
  if (!organizationId) return;
  if (!organizationName(db, organizationId))
    throw new AppError('NOT_FOUND', `No organization ${organizationId}`);
  const other = stmt(
    db,
    'SELECT code FROM exchange_offices WHERE organization_id = ? AND code <> ? AND deleted = 0',
  ).get(organizationId, code) as { code: string } | undefined;
  if (other)
    throw new AppError('CONFLICT', `The organization is already linked to office ${other.code}`, [
      { path: 'organizationId', message: `linked to ${other.code}`, code: 'organization-linked' },
    ]);
}

type Terms = z.output<typeof OfficeTerms>;

function termsColumns(t: Terms, fallback: { name: string; level: OfficeRow['level']; validFrom: string }) {
  return {
    name: t.name ?? fallback.name,
    level: t.level ?? fallback.level,
    groups: JSON.stringify([...new Set(t.groups)]),
    maySend: JSON.stringify([...new Set(t.maySend)]),
    mayReceive: JSON.stringify([...new Set(t.mayReceive)]),
    validFrom: t.validFrom ?? fallback.validFrom,
    validTo: t.validTo,
    organizationId: t.organizationId,
  };
}

function checkValidity(c: { validFrom: string; validTo: string | null }): void {
  if (c.validTo !== null && c.validTo < c.validFrom)
    throw invalid('The end of validity is before its start', 'validTo', 'date-order');
}

/**
 * Registers an office from its key file, after the fingerprint check. An office whose entry was
 * revoked registers again with new keys (never the revoked ones); a live entry is updated instead.
 */
export function addOffice(db: Db, input: z.output<typeof AddOfficeInput>, by: Writer): OfficeRow {
  const file = parseKeyFile(input.keyFile);
  const fp = checkFingerprint(file, input.fingerprint);
  const code = file.office.code;
  const cols = {
    ...termsColumns(input, {
      name: file.office.name,
      level: file.office.level,
      validFrom: vnIsoDate(by.now),
    }),
    code,
    signingKey: file.signingKey,
    recipient: file.recipient,
    fingerprint: fp,
    revokedAt: null,
    revokedReason: null,
  };
  checkValidity(cols);
  checkOrganization(db, cols.organizationId, code);
  const existing = findOffice(db, code);
  if (!existing) return insertRecord(db, OFFICE_RECORDS, cols, by);
  if (!existing.deleted && !existing.revokedAt)
    throw new AppError(
      'CONFLICT',
      `Office ${code} is already in the directory; change it or revoke it first`,
    );
  if (existing.signingKey === file.signingKey || existing.recipient === file.recipient)
    throw invalid(
      `These keys of office ${code} were revoked; the office must make new keys`,
      'keyFile',
      'key-revoked',
    );
  return updateRecord(db, OFFICE_RECORDS, existing, { ...cols, deleted: false }, by, { live: false });
}

export function getOffice(db: Db, id: string): OfficeRow {
  const row = findRecord(db, OFFICE_RECORDS, id);
  if (!row || row.deleted) throw new AppError('NOT_FOUND', `No office ${id} in the directory`);
  return row;
}

export function updateOffice(
  db: Db,
  id: string,
  version: number | undefined,
  t: Terms,
  by: Writer,
): OfficeRow {
  const row = getOffice(db, id);
  const cols = termsColumns(t, row);
  checkValidity(cols);
  checkOrganization(db, cols.organizationId, row.code);
  return updateRecord(db, OFFICE_RECORDS, row, cols, by, { expected: version });
}

export function revokeOffice(
  db: Db,
  id: string,
  version: number | undefined,
  reason: string,
  by: Writer,
): OfficeRow {
  const row = getOffice(db, id);
  if (row.code === by.office) throw invalid('This office cannot revoke its own entry', 'id', 'own-office');
  if (row.revokedAt) throw new AppError('CONFLICT', `Office ${row.code} is already revoked`);
  return updateRecord(
    db,
    OFFICE_RECORDS,
    row,
    { revokedAt: by.now.toISOString(), revokedReason: reason },
    by,
    {
      expected: version,
    },
  );
}

// The directory package's place in the province's sequence, and the last one accepted here.
const PUBLISHED = 'exchange.directory.published';
const ACCEPTED = 'exchange.directory.accepted';

export interface DirectoryMark {
  sequence: number;
  hash: string;
}

export const lastPublished = (db: Db): DirectoryMark | null =>
  getSetting(db, PUBLISHED) as DirectoryMark | null;
export const markPublished = (db: Db, m: DirectoryMark): void => putSetting(db, PUBLISHED, m);
export const lastAccepted = (db: Db): DirectoryMark | null =>
  getSetting(db, ACCEPTED) as DirectoryMark | null;
export const markAccepted = (db: Db, m: DirectoryMark): void => putSetting(db, ACCEPTED, m);

/** Every directory entry, tombstones and revocations included (they must travel too), as package records. */
export function directoryRecords(db: Db): PackageRecord[] {
  return (stmt(db, 'SELECT * FROM exchange_offices ORDER BY code').all() as Record<string, unknown>[]).map(
    (r) => ({ type: OFFICE_RECORD_TYPE, record: rowFromSql<PackageRecord['record']>(r) }),
  );
}

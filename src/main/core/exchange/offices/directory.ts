/**
 * The directory of offices (exchange_offices): who the province exchanges with, their public
 * keys, groups and what record types each may send and receive. The province writes it through
 * the record kernel and publishes it as a package it signs; other offices apply it from there.
 * Also the pinned province key: the one key a directory package is accepted from.
 */
import type { ExchangeOffice, OfficeLevel } from '../../../../shared/contract';
import { vnIsoDate } from '../../../../shared/dates';
import { stmt, type Db } from '../../db/open';
import { recordTable, type RowOf } from '../../db/recordKernel';
import { getSetting, putSetting, readOffice } from '../../db/settingsStore';
import { rowFromSql } from '../../db/sqlRow';
import { sharedTable } from '../../db/tablePolicy';
import { signingKeyId, type OfficePublicKeys } from '../package/keys';
import type { SenderKey } from '../package/package';
import { exchangeOffices } from './schema';

/** The record type a directory package carries its entries as. */
export const OFFICE_RECORD_TYPE = 'exchange.office';

/** The province originates the directory; it travels down. */
export const OFFICE_RECORDS = recordTable(
  exchangeOffices,
  sharedTable('down', ['province'], { recordType: OFFICE_RECORD_TYPE, ownPackage: true }),
  'office',
);

export type OfficeRow = RowOf<typeof exchangeOffices>;

/** Allowed record types meaning "every type". */
export const ALL_TYPES = '*';

const parseList = (json: string): string[] => JSON.parse(json) as string[];

/** A directory row as the contract shows it (lists parsed, `active` worked out for `today`). */
export function officeView(row: OfficeRow, today: string, organizationName: string | null): ExchangeOffice {
  return {
    ...row,
    groups: parseList(row.groups),
    maySend: parseList(row.maySend),
    mayReceive: parseList(row.mayReceive),
    organizationName,
    active: isActive(row, today),
  };
}

/** In the directory, not revoked, and `today` (YYYY-MM-DD) within its validity. */
export function isActive(
  row: Pick<OfficeRow, 'deleted' | 'revokedAt' | 'validFrom' | 'validTo'>,
  today: string,
): boolean {
  return (
    !row.deleted && !row.revokedAt && row.validFrom <= today && (row.validTo === null || today <= row.validTo)
  );
}

const toRow = (r: Record<string, unknown>): OfficeRow => rowFromSql<OfficeRow>(r);

export function findOffice(db: Db, code: string): OfficeRow | null {
  const r = stmt(db, 'SELECT * FROM exchange_offices WHERE code = ?').get(code) as
    Record<string, unknown> | undefined;
  return r ? toRow(r) : null;
}

/** Every directory entry (tombstones left out), by code. */
export function listOffices(db: Db): OfficeRow[] {
  return (
    stmt(db, 'SELECT * FROM exchange_offices WHERE deleted = 0 ORDER BY code').all() as Record<
      string,
      unknown
    >[]
  ).map(toRow);
}

/** The office linked to a contacts organisation ("UBND xã Tân Kỳ" in a task's lead field). */
export function officeForOrganization(db: Db, organizationId: string): OfficeRow | null {
  const r = stmt(db, 'SELECT * FROM exchange_offices WHERE organization_id = ? AND deleted = 0').get(
    organizationId,
  ) as Record<string, unknown> | undefined;
  return r ? toRow(r) : null;
}

/**
 * The sender's signing key for openPackage (package.ts OpenContext.senderKey): the directory's
 * entry when its key has this id. A revoked entry, or one outside its validity, is reported
 * revoked, so its packages are refused (PKG_KEY_REVOKED) rather than taken as from a stranger.
 * `at` is the core's clock (ctx.now()): validity is by the day in Vietnam.
 */
export function senderKey(db: Db, office: string, keyId: string, at: Date): SenderKey | undefined {
  const row = findOffice(db, office);
  if (!row || row.deleted || signingKeyId(row.signingKey) !== keyId) return undefined;
  return { signingKey: row.signingKey, revoked: !isActive(row, vnIsoDate(at)) };
}

/** Which offices a package goes to: by codes, by group, or all; only active entries, never this office. */
export interface RecipientTarget {
  codes?: readonly string[];
  group?: string;
  all?: boolean;
}

export function resolveRecipients(db: Db, target: RecipientTarget, at: Date): OfficePublicKeys[] {
  const today = vnIsoDate(at);
  const self = readOffice(db).code;
  return listOffices(db)
    .filter((o) => o.code !== self && isActive(o, today))
    .filter(
      (o) =>
        target.all === true ||
        (target.codes?.includes(o.code) ?? false) ||
        (target.group !== undefined && parseList(o.groups).includes(target.group)),
    )
    .map((o) => ({ office: o.code, signingKey: o.signingKey, recipient: o.recipient }));
}

/** Whether an office may send (or receive) records of a type, by its directory entry. */
export function allowsType(list: readonly string[], type: string): boolean {
  return list.includes(ALL_TYPES) || list.includes(type);
}

// The pinned province key.

const PROVINCE_KEY = 'exchange.provinceKey';

export interface PinnedProvinceKey {
  office: string;
  level: OfficeLevel;
  signingKey: string;
  recipient: string;
  fingerprint: string;
  pinnedAt: string;
}

/** The province key directories are accepted from; null until pinned. */
export function pinnedProvinceKey(db: Db): PinnedProvinceKey | null {
  return (getSetting(db, PROVINCE_KEY) as PinnedProvinceKey | null) ?? null;
}

/** Pins the province key (at setup of the province itself, or at the first directory accepted). */
export function pinProvinceKey(db: Db, key: PinnedProvinceKey): void {
  putSetting(db, PROVINCE_KEY, key);
}

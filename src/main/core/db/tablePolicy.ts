import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { OfficeLevel } from '../../../shared/contract';
import { stmt, type Db } from './open';
import { prefixMatch } from './where';

/**
 * Which way a shared table's records travel in packages between offices: `down` from the
 * province to communes and agencies, `up` from them to the province, `both`, or `never` (the
 * records carry the shared shape, so they can be audited and may travel later, but no package
 * carries them today).
 */
export type Travel = 'down' | 'up' | 'both' | 'never';

/** The fields of a shared record the exchange rules look at. */
export interface RecordOwner {
  id: string;
  originOffice: string;
}

/** A table that never leaves this office (settings, counters, derived indexes, its own handling). */
export interface LocalPolicy {
  kind: 'local';
  why: string;
  /** For a derived index: the shared table it is rebuilt from (whose policy must then have `rebuild`). */
  derivedFrom?: SQLiteTable;
}

/**
 * A table of shared records (src/main/core/db/sharedRecord.ts). Every write goes through the
 * record kernel (src/main/core/db/recordKernel.ts), which reads this policy.
 */
export interface SharedPolicy {
  kind: 'shared';
  travels: Travel;
  /** The kinds of office that may create its records ('any': every office). */
  originators: readonly OfficeLevel[] | 'any';
  /**
   * Rebuilds what this office derives from one record (search index, phone index) after any
   * write to it, local or applied from a package, in the write's transaction. The record may be
   * a tombstone (drop its derived rows) and may reference records not applied yet. `written` is
   * the row as just written (a bulk write need not read it back).
   */
  rebuild?: (db: Db, id: string, written: Readonly<Record<string, unknown>>) => void;
  /** Which of its records may travel at all (none given: all of them), e.g. no classified entry. */
  recordTravels?: (record: Readonly<Record<string, unknown>>) => boolean;
  /**
   * Its records travel only when chosen one by one (a selection), never with "every change since
   * the last package" (registry entries: an office decides which documents it shares).
   */
  chosenOnly?: boolean;
  /** The record type's name in packages and the directory's lists; the table's name when not given. */
  recordType?: string;
  /**
   * Its records travel only in a package of their own with rules of their own (the directory of
   * offices, accepted only from the province's pinned key), never in data packages.
   */
  ownPackage?: boolean;
  /**
   * A rule granting more than ownership: whether `office` may change this record although it
   * did not originate it. Without one, only the origin office changes a record.
   */
  alsoChangedBy?: (record: RecordOwner, office: string) => boolean;
  /**
   * Its records leave only the office that made them, never relayed onwards: a file goes where
   * its task or report goes, and one commune's report never reaches another commune.
   */
  fromOriginOnly?: boolean;
  /** Its records carry a file, which travels as an attachment of the package (exchange/packages/files.ts). */
  file?: FilePolicy;
  /**
   * The ids of up to `limit` live records whose indexed text holds every folded word as a word
   * prefix, from the table's own full-text index: the package picker finds them among 100,000
   * without reading the table. A table without one is scanned by its title.
   */
  findByWords?: (db: Db, words: readonly string[], limit: number) => string[];
}

/**
 * Where a record keeps its file (field names of the table's row): the bytes travel as an
 * encrypted attachment, never in the records' JSON, and on arrival must match the record's
 * SHA-256 and size. A tombstone travels without its bytes.
 */
export interface FilePolicy {
  content: string;
  sha256: string;
  size: string;
  /** The largest file the table accepts (a package naming a larger one is refused before decrypting). */
  maxBytes: number;
}

export type TablePolicy = LocalPolicy | SharedPolicy;

/**
 * A `findByWords` from one query of the table's full-text index: its two parameters are the
 * FTS5 match (every word a prefix) and the limit, and it selects the records' `id`.
 */
export const indexSearch =
  (sql: string): NonNullable<SharedPolicy['findByWords']> =>
  (db, words, limit) =>
    (stmt(db, sql).all(prefixMatch(words), limit) as { id: string }[]).map((r) => r.id);

export const localTable = (why: string, opts: { derivedFrom?: SQLiteTable } = {}): LocalPolicy => ({
  kind: 'local',
  why,
  ...opts,
});

export const sharedTable = (
  travels: Travel,
  originators: readonly OfficeLevel[] | 'any' = 'any',
  hooks: Pick<
    SharedPolicy,
    | 'rebuild'
    | 'recordTravels'
    | 'alsoChangedBy'
    | 'chosenOnly'
    | 'recordType'
    | 'ownPackage'
    | 'fromOriginOnly'
    | 'file'
    | 'findByWords'
  > = {},
): SharedPolicy => ({ kind: 'shared', travels, originators, ...hooks });

/** Whether records of a table with this policy may come from an office of level `from` to one of level `to`. */
function travelsBetween(travels: Travel, from: OfficeLevel, to: OfficeLevel): boolean {
  const up = from !== 'province' && to === 'province';
  const down = from === 'province' && to !== 'province';
  switch (travels) {
    case 'never':
      return false;
    case 'both':
      return true;
    case 'up':
      return up;
    case 'down':
      return down;
  }
}

/**
 * Whether records of a table go from an office of level `from` to one of level `to`: its
 * direction, and for records that leave only their origin office, never sideways (commune to
 * commune), where what they hang on (a commune's report) does not go.
 */
export function policyTravels(policy: SharedPolicy, from: OfficeLevel, to: OfficeLevel): boolean {
  const vertical = (from === 'province') !== (to === 'province');
  return travelsBetween(policy.travels, from, to) && (!policy.fromOriginOnly || vertical);
}

/**
 * The record kernel: the one way shared records (src/main/core/db/sharedRecord.ts) are written,
 * by this office (insert, update, tombstone) or from a package of another office (apply). Every
 * write here
 *
 * - enforces ownership: only the origin office changes a record, unless the table's policy has
 *   a rule granting more (`alsoChangedBy`); the refusal is FORBIDDEN with the reason `not-owner`;
 * - bumps the version (optimistic concurrency: the stored version must be the one read);
 * - appends one row to the change feed (settings/schema.ts `change_feed`) in the same
 *   transaction, with the version written, where it came from and the database's incarnation;
 * - runs the table's `rebuild` hook, so derived indexes (search, phones) follow the record.
 *
 * Time comes from the writer (`now`, from ctx.now() in handlers), never from the system clock.
 * Callers hold the transaction (handlers through ctx.tx); nothing here opens one except
 * applyPackage, which applies a whole package all or nothing.
 */
import { and, eq, getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { newRecordId } from './recordId';
import type { OfficeLevel, OfficeProfile, SessionUser } from '../../../shared/contract';
import { AppError } from '../errors';
import { currentIncarnation, getSetting, INCARNATION_SQL } from './settingsStore';
import { stmt, type Db } from './open';
import { orm } from './orm';
import { policyTravels, type SharedPolicy } from './tablePolicy';

/** The meta fields every shared record carries. */
export interface RecordMeta {
  id: string;
  originOffice: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  deleted: boolean;
}

/** A shared table as the kernel writes it: its drizzle definition, its policy, and what to call one record in messages. */
export interface RecordTable<T extends SQLiteTable = SQLiteTable> {
  table: T;
  policy: SharedPolicy;
  what: string;
}

export function recordTable<T extends SQLiteTable>(
  table: T,
  policy: SharedPolicy,
  what: string,
): RecordTable<T> {
  return { table, policy, what };
}

export type RowOf<T extends SQLiteTable> = T['$inferSelect'] & RecordMeta;
/** What a caller may change in a record: everything but the meta, which the kernel keeps. */
export type ChangesOf<T extends SQLiteTable> = Partial<Omit<T['$inferSelect'], keyof RecordMeta>>;

/** Who writes, from which office, and when. */
export interface Writer {
  office: string;
  /** The kind of office (checked against the table's originators); unknown: not checked. */
  level?: OfficeLevel;
  user: string;
  now: Date;
}

/** The writer of a handler's act: its office, its user and its clock. */
export function writerOf(ctx: { office: OfficeProfile; user: SessionUser; now(): Date }): Writer {
  return { office: ctx.office.code, level: ctx.office.level, user: ctx.user.userName, now: ctx.now() };
}

/** Why a change was refused: a code for programs (issue code `not-owner`), a sentence for people. */
export const NOT_OWNER = 'not-owner';

function columns(table: SQLiteTable): Record<string, SQLiteColumn> {
  return getTableColumns(table) as Record<string, SQLiteColumn>;
}

function column(table: SQLiteTable, key: string): SQLiteColumn {
  const c = columns(table)[key];
  if (!c) throw new Error(`Table ${getTableName(table)} has no column ${key}`);
  return c;
}

/** Whether `office` may change this record: its origin, or granted by the table's rule. */
export function mayChange(rt: RecordTable, record: RecordMeta, office: string): boolean {
  return record.originOffice === office || (rt.policy.alsoChangedBy?.(record, office) ?? false);
}

/**
 * Refuses a change to a record of another office (FORBIDDEN, issue code `not-owner`). Also the
 * check for adding a record under one of another office (a transfer of its document, say).
 */
export function requireOwner(rt: RecordTable, record: RecordMeta, by: Pick<Writer, 'office'>): void {
  if (mayChange(rt, record, by.office)) return;
  const message =
    `The ${rt.what} belongs to office ${record.originOffice}: only that office can change it ` +
    `(this office: ${by.office})`;
  throw new AppError('FORBIDDEN', message, [{ path: 'originOffice', message, code: NOT_OWNER }]);
}

/**
 * Optimistic concurrency: the version the caller saw must still be the stored one (no version
 * given: not checked), and an edit needs a live (not tombstoned) record.
 */
export function checkVersion(
  current: { version: number; deleted: boolean },
  expected: number | null | undefined,
  what: string,
  opts: { live: boolean },
): void {
  if (expected !== undefined && expected !== null && expected !== current.version) {
    throw new AppError('CONFLICT', `The ${what} was changed by someone else`);
  }
  if (opts.live && current.deleted) throw new AppError('CONFLICT', `The ${what} was deleted`);
}

/** Ownership, then the version seen: what every local change of a record checks first. */
export function guardChange(
  rt: RecordTable,
  current: RecordMeta,
  by: Writer,
  expected: number | null | undefined,
  opts: { live: boolean } = { live: true },
): void {
  requireOwner(rt, current, by);
  checkVersion(current, expected, rt.what, opts);
}

function stamp(by: Writer) {
  return { updatedAt: by.now.toISOString(), updatedBy: `${by.office}/${by.user}` };
}

/** The office that wrote a version of a record, from its `updatedBy` (`OFFICE/user`). */
export function writerOffice(record: { updatedBy: string }): string {
  const i = record.updatedBy.indexOf('/');
  return i < 0 ? record.updatedBy : record.updatedBy.slice(0, i);
}

function appendFeed(
  db: Db,
  rt: RecordTable,
  row: RecordMeta,
  source: 'local' | 'package',
  sourceOffice: string,
): number {
  // No RETURNING: a statement with one opens a statement journal, and at that FTS5 writes the
  // full-text rows pending in the transaction to disk, a segment per record in a bulk write.
  const r = stmt(
    db,
    `INSERT INTO change_feed (table_name, record_id, version, source, source_office, incarnation)
       VALUES (?, ?, ?, ?, ?, ${INCARNATION_SQL})`,
  ).run(getTableName(rt.table), row.id, row.version, source, sourceOffice);
  return Number(r.lastInsertRowid);
}

/** A table's columns as [key, column] pairs, listed once per table. */
const columnLists = new WeakMap<SQLiteTable, [string, SQLiteColumn][]>();
/** The INSERT of a table for each set of present columns (a string of 0/1 per column). */
const insertSql = new WeakMap<SQLiteTable, Map<string, string>>();

/**
 * Inserts a row with a statement prepared once per table and set of columns: building the query
 * through drizzle costs more than the insert itself, which bulk writes (imports, packages) pay per
 * row (bench/results.md); the column list and the statement's text are kept per table too.
 * Values map to SQLite as drizzle maps them; absent ones take the default.
 */
function insertRow(db: Db, table: SQLiteTable, row: Record<string, unknown>): void {
  let list = columnLists.get(table);
  if (!list) columnLists.set(table, (list = Object.entries(columns(table))));
  let present = '';
  const values: unknown[] = [];
  for (const [k, c] of list) {
    const v = row[k];
    present += v === undefined ? '0' : '1';
    if (v !== undefined) values.push(v === null ? null : c.mapToDriverValue(v));
  }
  let texts = insertSql.get(table);
  if (!texts) insertSql.set(table, (texts = new Map()));
  let sql = texts.get(present);
  if (sql === undefined) {
    const names = list.filter(([k]) => row[k] !== undefined).map(([, c]) => `"${c.name}"`);
    sql = `INSERT INTO "${getTableName(table)}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
    texts.set(present, sql);
  }
  stmt(db, sql).run(...values);
}

/**
 * A record by id, its values mapped as drizzle maps them, through a statement prepared once per
 * table: drizzle's query builder cost more than the query when a package applies each record.
 */
export function findRecord<T extends SQLiteTable>(db: Db, rt: RecordTable<T>, id: string): RowOf<T> | null {
  const r = stmt(db, `SELECT * FROM "${getTableName(rt.table)}" WHERE id = ?`).get(id) as
    Record<string, unknown> | undefined;
  if (!r) return null;
  const row: Record<string, unknown> = {};
  for (const [k, c] of Object.entries(columns(rt.table))) {
    const v = r[c.name];
    row[k] = v === null || v === undefined ? null : c.mapFromDriverValue(v);
  }
  return row as RowOf<T>;
}

/** Creates a record of this office: version 1, its origin this office. */
export function insertRecord<T extends SQLiteTable>(
  db: Db,
  rt: RecordTable<T>,
  values: Omit<T['$inferInsert'], keyof RecordMeta>,
  by: Writer,
  /** The new record's id when the caller needs it first (values sealed to their row, vault/sealedValue.ts). */
  opts: { id?: string } = {},
): RowOf<T> {
  const { originators } = rt.policy;
  if (originators !== 'any' && by.level && !originators.includes(by.level))
    throw new AppError('FORBIDDEN', `A ${by.level} office cannot create a ${rt.what}`, [
      { path: 'originOffice', message: `originated only by ${originators.join(', ')}`, code: 'originator' },
    ]);
  // Object.assign, not a spread followed by the meta fields: V8 adds fields after a spread of a
  // wide row one at a time, several microseconds per record in a bulk write.
  const row = Object.assign({}, values, {
    id: opts.id ?? newRecordId(),
    originOffice: by.office,
    version: 1,
    ...stamp(by),
    deleted: false,
  }) as RowOf<T>;
  insertRow(db, rt.table, row);
  appendFeed(db, rt, row, 'local', by.office);
  rt.policy.rebuild?.(db, row.id, row);
  return row;
}

/**
 * Changes a record of this office (or one a rule lets it change): checks ownership and the
 * version seen (`expected`; `current` is the row the caller read and checked), writes the changes
 * with version + 1, and refuses (CONFLICT) if someone changed it since `current` was read.
 */
export function updateRecord<T extends SQLiteTable>(
  db: Db,
  rt: RecordTable<T>,
  current: RowOf<T>,
  changes: ChangesOf<T> & { deleted?: boolean },
  by: Writer,
  opts: { expected?: number | null; live?: boolean } = {},
): RowOf<T> {
  guardChange(rt, current, by, opts.expected, { live: opts.live ?? true });
  const next = { ...current, ...changes, version: current.version + 1, ...stamp(by) } as RowOf<T>;
  const { id: _id, originOffice: _origin, ...set } = next;
  const r = orm(db)
    .update(rt.table)
    .set(set as never)
    .where(and(eq(column(rt.table, 'id'), current.id), eq(column(rt.table, 'version'), current.version)))
    .run();
  if (r.changes !== 1) throw new AppError('CONFLICT', `The ${rt.what} was changed by someone else`);
  appendFeed(db, rt, next, 'local', by.office);
  rt.policy.rebuild?.(db, next.id, next);
  return next;
}

/** Deletes (as a tombstone, which travels) or restores a record; no change if it already is so. */
export function tombstoneRecord<T extends SQLiteTable>(
  db: Db,
  rt: RecordTable<T>,
  current: RowOf<T>,
  deleted: boolean,
  by: Writer,
  opts: { expected?: number | null; changes?: ChangesOf<T> } = {},
): RowOf<T> {
  guardChange(rt, current, by, opts.expected, { live: false });
  if (Boolean(current.deleted) === deleted) return current;
  return updateRecord(db, rt, current, { ...opts.changes, deleted } as ChangesOf<T>, by, { live: false });
}

/** Why a record from a package was not applied. */
export type ApplyRefusal =
  /** The table's records (or this one) do not travel, or not between these kinds of office. */
  | 'not-exchanged'
  /** The record originated at this office: only this office changes it. */
  | 'own-record'
  /** This version was written by an office that may not change the record. */
  | 'not-owner'
  /** The record is known here with another origin office. */
  | 'origin-mismatch'
  /** The origin office's kind may not originate records of this table. */
  | 'originator'
  /** The record lacks a field of the table or a meta field is of the wrong type. */
  | 'malformed';

export type ApplyResult =
  | { outcome: 'inserted' | 'updated' | 'deleted'; seq: number }
  | { outcome: 'unchanged'; reason: 'not-newer' }
  | { outcome: 'rejected'; reason: ApplyRefusal; message: string };

/** The office a package came from (its kind, when known, is checked against the table's policy). */
export interface PackageSource {
  office: string;
  level?: OfficeLevel;
}

function thisOffice(db: Db): OfficeProfile {
  const o = getSetting(db, 'office') as OfficeProfile | null;
  if (!o) throw new AppError('NOT_INITIALIZED', 'This office has no profile');
  return o;
}

function isMeta(r: Record<string, unknown>): boolean {
  return (
    typeof r.id === 'string' &&
    typeof r.originOffice === 'string' &&
    Number.isInteger(r.version) &&
    (r.version as number) >= 1 &&
    typeof r.updatedAt === 'string' &&
    typeof r.updatedBy === 'string' &&
    (typeof r.deleted === 'boolean' || r.deleted === 0 || r.deleted === 1)
  );
}

/**
 * Applies one record received in a package from `source` (the exchange itself is a later step):
 * the higher version wins (an equal or lower one changes nothing), a tombstone deletes, and a
 * version written by an office that may not change the record is refused with its reason. The
 * carrier may be another office than the origin (a relay); what counts is who wrote the version.
 * Foreign keys are checked at commit (defer_foreign_keys), so a package's records may come in
 * any order within one transaction. Call inside a transaction (applyPackage opens one).
 */
export function applyRecord<T extends SQLiteTable>(
  db: Db,
  rt: RecordTable<T>,
  incoming: RowOf<T>,
  source: PackageSource,
): ApplyResult {
  const reject = (reason: ApplyRefusal, message: string): ApplyResult => ({
    outcome: 'rejected',
    reason,
    message,
  });
  const here = thisOffice(db);
  const { policy, what } = rt;
  if (policy.travels === 'never' || (source.level && !policyTravels(policy, source.level, here.level)))
    return reject('not-exchanged', `${what} records do not travel to this office`);
  const given = incoming as unknown as Record<string, unknown>;
  const keys = Object.keys(columns(rt.table));
  if (!isMeta(given) || keys.some((k) => !(k in given)))
    return reject('malformed', `The ${what} record lacks fields of the table`);
  const record = Object.fromEntries(keys.map((k) => [k, given[k]])) as RowOf<T>;
  record.deleted = Boolean(record.deleted);
  if (policy.recordTravels && !policy.recordTravels(record))
    return reject('not-exchanged', `This ${what} may not travel between offices`);
  if (policy.fromOriginOnly && source.office && source.office !== record.originOffice)
    return reject(
      'not-owner',
      `The ${what} ${record.id} of ${record.originOffice} may come only from that office`,
    );
  if (record.originOffice === here.code)
    return reject('own-record', `The ${what} ${record.id} originated at this office; only it changes it`);
  if (!mayChange(rt, record, writerOffice(record)))
    return reject(
      'not-owner',
      `The ${what} ${record.id} belongs to ${record.originOffice} but this version was written by ${writerOffice(record)}`,
    );
  const { originators } = policy;
  if (source.level && source.office === record.originOffice && originators !== 'any')
    if (!originators.includes(source.level))
      return reject('originator', `A ${source.level} office cannot originate a ${what}`);
  stmt(db, 'PRAGMA defer_foreign_keys = ON').run();
  const local = findRecord(db, rt, record.id);
  if (local && local.originOffice !== record.originOffice)
    return reject(
      'origin-mismatch',
      `The ${what} ${record.id} is known here from ${local.originOffice}, not ${record.originOffice}`,
    );
  if (local && record.version <= local.version) return { outcome: 'unchanged', reason: 'not-newer' };
  if (local) {
    const { id: _id, ...set } = record;
    orm(db)
      .update(rt.table)
      .set(set as never)
      .where(eq(column(rt.table, 'id'), record.id))
      .run();
  } else {
    insertRow(db, rt.table, record);
  }
  const seq = appendFeed(db, rt, record, 'package', source.office);
  policy.rebuild?.(db, record.id, record);
  return { outcome: record.deleted ? 'deleted' : local ? 'updated' : 'inserted', seq };
}

/**
 * Applies a package's records in one IMMEDIATE transaction: all are applied (each with its
 * outcome, refusals included) or, if the database refuses (a foreign key still missing at
 * commit), none.
 */
export function applyPackage(
  db: Db,
  items: readonly { table: RecordTable; record: RecordMeta }[],
  source: PackageSource,
): ApplyResult[] {
  return db
    .transaction(() => {
      db.pragma('defer_foreign_keys = ON');
      return items.map((i) => applyRecord(db, i.table, i.record as RowOf<SQLiteTable>, source));
    })
    .immediate();
}

/** One change to a shared record, in the order this office made or received it. */
export interface Change {
  seq: number;
  tableName: string;
  recordId: string;
  version: number;
  source: 'local' | 'package';
  sourceOffice: string;
  incarnation: string;
}

/**
 * The changes after `seq`, oldest first. `excludeOffice` leaves out what was applied from that
 * office's packages, so a package to an office never carries back what came from it.
 */
export function changesSince(db: Db, seq: number, opts: { excludeOffice?: string } = {}): Change[] {
  return stmt(
    db,
    `SELECT seq, table_name AS tableName, record_id AS recordId, version, source,
        source_office AS sourceOffice, incarnation
       FROM change_feed
      WHERE seq > ? AND NOT (source = 'package' AND source_office IS ?)
      ORDER BY seq`,
  ).all(seq, opts.excludeOffice ?? null) as Change[];
}

/** The last change's sequence number (0 when none) and the incarnation it belongs to: a package's cursor. */
export function feedPosition(db: Db): { seq: number; incarnation: string } {
  const r = stmt(db, 'SELECT max(seq) AS seq FROM change_feed').get() as { seq: number | null };
  return { seq: r.seq ?? 0, incarnation: currentIncarnation(db) };
}

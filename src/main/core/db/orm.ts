import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { AppError } from '../errors';
import type { Db } from './open';

const cache = new WeakMap<Db, BetterSQLite3Database>();

/** One drizzle wrapper per open connection. */
export function orm(db: Db): BetterSQLite3Database {
  let o = cache.get(db);
  if (!o) {
    o = drizzle({ client: db });
    cache.set(db, o);
  }
  return o;
}

/** Meta of a record created here. */
export function newRecordMeta(officeCode: string, userName: string) {
  return {
    id: uuidv7(),
    originOffice: officeCode,
    version: 1,
    updatedAt: new Date().toISOString(),
    updatedBy: `${officeCode}/${userName}`,
    deleted: false,
  };
}

/** Meta after a change: version + 1, stamped by this office's user. */
export function bumpRecordMeta(current: { version: number }, officeCode: string, userName: string) {
  return {
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
    updatedBy: `${officeCode}/${userName}`,
  };
}

/**
 * Optimistic concurrency for shared records: the version the caller saw must still be the stored
 * one (no version given: not checked), and an edit needs a live (not tombstoned) record.
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

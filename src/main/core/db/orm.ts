import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Db } from './open';

const cache = new WeakMap<Db, BetterSQLite3Database>();

/**
 * One drizzle wrapper per open connection. Shared records are written only through the record
 * kernel (recordKernel.ts), which keeps their meta (id, origin, version, stamp, tombstone).
 */
export function orm(db: Db): BetterSQLite3Database {
  let o = cache.get(db);
  if (!o) {
    o = drizzle({ client: db });
    cache.set(db, o);
  }
  return o;
}

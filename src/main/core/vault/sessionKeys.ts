import type { Db } from '../db/open';
import type { KeyRing } from './keyRing';

/**
 * The key ring of the session that opened a connection. Handlers reach it as ctx.keys; stores and
 * the record kernel's rebuild hooks, which get only the connection, reach it here. A connection
 * with no ring bound (a backup being verified, a test opening a file itself) holds no level key.
 */
const rings = new WeakMap<Db, KeyRing>();

export function bindKeys(db: Db, ring: KeyRing): void {
  rings.set(db, ring);
}

export function keysOf(db: Db): KeyRing | null {
  return rings.get(db) ?? null;
}

// What an insider can do to the audit log with a copy of the data folder, their own password and
// the app's own code (it is open source): open the key file, unwrap the keys granted to them,
// open the database with SQLite, drop the append-only triggers and rewrite the chain.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { entryHash, toEntry, type AuditRow } from '../../src/main/core/audit/auditLog';
import {
  evolve,
  GENESIS,
  macOf,
  openSegment,
  segmentsOf,
  type Segment,
} from '../../src/main/core/audit/sealing';
import { applyKey, type Db } from '../../src/main/core/db/open';
import { readKeyFile, type KeyFileV2 } from '../../src/main/core/vault/keyfile';
import { KeyRing, openGrant } from '../../src/main/core/vault/keyRing';
import { masterKey, openPasswordSlot } from '../../src/main/core/vault/keySlots';
import { holderOf } from '../../src/main/core/vault/x25519';
import { DB_FILE, KEY_FILE } from '../../src/main/core/vault/dataFolder';

/** The keys a name and password open in the key file, as a ring. */
export function ringOf(dataDir: string, userName: string, password: string): KeyRing {
  const kf = readKeyFile(join(dataDir, KEY_FILE)) as KeyFileV2;
  const s = openPasswordSlot(kf, masterKey(kf, userName, password));
  if (!s) throw new Error('wrong credentials');
  const holder = holderOf(s.slot.pub);
  const ring = new KeyRing();
  for (const g of kf.grants.filter((x) => x.to === holder)) {
    const k = openGrant(s.privateDer, s.slot.pub, g);
    if (k) ring.put(g.key, g.epoch, k, kf.epochs[g.key] === g.epoch);
  }
  return ring;
}

/** The database opened with the data key of that user, the triggers dropped. */
export function openAs(dataDir: string, ring: KeyRing): Db {
  const kf = readKeyFile(join(dataDir, KEY_FILE)) as KeyFileV2;
  const db = new Database(join(dataDir, DB_FILE));
  applyKey(db, ring.current('data')!.key.toString('hex'), kf.cipher);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  return db;
}

const setting = (db: Db, key: string): unknown => {
  const r = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return r ? JSON.parse(r.value) : null;
};
const putSetting = (db: Db, key: string, value: unknown) =>
  db
    .prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    .run(key, JSON.stringify(value));

export type Seal =
  /** Leave each entry's mac as it was. */
  | { kind: 'keep' }
  /** No seals at all: macs emptied, the sealing record and the current key removed. */
  | { kind: 'strip' }
  /** Re-seal from the rewritten entries on with the key the database holds now (all a non-administrator has). */
  | { kind: 'current-key' }
  /** Re-seal everything from K0 (an administrator holding the audit key). */
  | { kind: 'k0'; ring: KeyRing };

/**
 * Removes the entries `drop` selects, renumbers and re-hashes the rest, re-seals them as `seal`
 * says and sets the head: a log that reads as if the dropped acts never happened.
 */
export function rewriteLog(db: Db, drop: (r: AuditRow) => boolean, seal: Seal): number[] {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
  const dropped = rows.filter(drop).map((r) => r.seq);
  const firstChanged = dropped.length ? Math.min(...dropped) : 1;
  const head = setting(db, 'audit.head') as { seq: number; hash: string; key?: string };
  const segments: Segment[] = segmentsOf(db);
  let k0: Buffer | null = null;
  if (seal.kind === 'k0') {
    const seg = segments[0]!;
    k0 = openSegment(seal.ring, seg);
    if (!k0 || seg.start !== 1) throw new Error('expected one segment from entry 1');
  }
  let key = seal.kind === 'current-key' && head.key ? Buffer.from(head.key, 'hex') : k0;
  let prev = GENESIS;
  let seq = 0;
  db.exec('DELETE FROM audit_log');
  const insert = db.prepare(
    'INSERT INTO audit_log (seq, at, actor, action, target_type, target_id, outcome, details, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of rows) {
    if (dropped.includes(r.seq)) continue;
    seq++;
    const e = { ...toEntry(r), seq };
    const hash = entryHash(e, prev);
    let mac = r.mac;
    if (seal.kind === 'strip') mac = '';
    else if (seal.kind === 'k0' && key) {
      mac = macOf(key, hash);
      key = evolve(key);
    } else if (seal.kind === 'current-key' && key && seq >= firstChanged) {
      mac = macOf(key, hash);
      key = evolve(key);
    }
    insert.run(
      seq,
      e.at,
      e.actor,
      e.action,
      e.targetType,
      e.targetId,
      e.outcome,
      JSON.stringify(e.details),
      prev,
      hash,
      mac,
    );
    prev = hash;
  }
  if (seal.kind === 'strip') {
    db.prepare("DELETE FROM settings WHERE key = 'audit.sealing'").run();
    putSetting(db, 'audit.head', { seq, hash: prev });
  } else
    putSetting(db, 'audit.head', {
      seq,
      hash: prev,
      ...(key ? { key: key.toString('hex') } : head.key ? { key: head.key } : {}),
    });
  return dropped;
}

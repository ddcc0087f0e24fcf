import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEntry, AuditHead } from '../../../shared/contract';
import { stmt, type Db } from '../db/open';
import { likeLiteral, Where } from '../db/where';
import type { AuditRecord } from '../vault/ports';
import { evolve, GENESIS, macOf, readHead, writeHead } from './sealing';

/** The entry a caller writes (the vault's port names the same shape: the log is one of its ports). */
export type AuditInput = AuditRecord;

export function entryHash(e: AuditEntry, prevHash: string): string {
  const canon = canonicalize({ ...e, prevHash });
  return createHash('sha256')
    .update(canon ?? '')
    .digest('hex');
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  outcome: AuditEntry['outcome'];
  details: string;
  prev_hash: string;
  hash: string;
  mac: string;
}

export function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    outcome: r.outcome,
    details: JSON.parse(r.details) as Record<string, unknown>,
  };
}

/**
 * Appends one hash-chained entry, sealed with the head's current key when sealing is on
 * (audit/sealing.ts), which then moves on. Call inside the transaction of the act it records, so
 * the act and its entry commit together. The head (last seq and hash, the next key) is kept in
 * settings, so cutting entries off the end is caught by verify.
 */
export function appendAudit(db: Db, input: AuditInput): AuditEntry {
  const head = readHead(db);
  const entry: AuditEntry = {
    seq: (head?.seq ?? 0) + 1,
    at: input.at ?? new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    outcome: input.outcome,
    details: input.details,
  };
  const prevHash = head?.hash ?? GENESIS;
  const hash = entryHash(entry, prevHash);
  const key = head?.key ? Buffer.from(head.key, 'hex') : null;
  const mac = key ? macOf(key, hash) : '';
  stmt(
    db,
    `INSERT INTO audit_log (seq, at, actor, action, target_type, target_id, outcome, details, prev_hash, hash, mac)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.outcome,
    JSON.stringify(entry.details),
    prevHash,
    hash,
    mac,
  );
  if (key) {
    const next = evolve(key);
    writeHead(db, { seq: entry.seq, hash, key: next.toString('hex') });
    key.fill(0);
    next.fill(0);
  } else writeHead(db, { seq: entry.seq, hash });
  return entry;
}

/**
 * The last entry of the log: what a backup, a printed report or an exchange package anchors
 * outside the database, so a later rewrite of the log (even by an administrator) is caught by
 * `audit verify --anchor`. Null for an empty log.
 */
export function auditHead(db: Db): AuditHead | null {
  const r = stmt(db, 'SELECT seq, at, hash, mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    Pick<AuditRow, 'seq' | 'at' | 'hash' | 'mac'> | undefined;
  return r ? { seq: r.seq, hash: r.hash, at: r.at, mac: r.mac, count: r.seq } : null;
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  limit: number;
  offset: number;
}

export function listAudit(db: Db, f: AuditFilter): { items: AuditEntry[]; total: number } {
  const where = new Where()
    .when(f.actor, 'actor = ?')
    .when(f.action, "action LIKE ? ESCAPE '\\'", `${likeLiteral(f.action ?? '')}%`)
    .when(f.from, 'at >= ?')
    .when(f.to, 'at <= ?')
    .when(f.targetType, 'target_type = ?')
    .when(f.targetId, 'target_id = ?');
  const total = (stmt(db, `SELECT count(*) AS n FROM audit_log ${where}`).get(...where.args) as { n: number })
    .n;
  const rows = stmt(db, `SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`).all(
    ...where.args,
    f.limit,
    f.offset,
  ) as AuditRow[];
  return { items: rows.map(toEntry), total };
}

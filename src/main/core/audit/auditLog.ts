import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEntry, AuditVerifyOutput } from '../../../shared/contract';
import { stmt, type Db } from '../db/open';
import { Where } from '../db/where';
import { getSetting, putSetting } from '../settings/settingsStore';

export type AuditInput = Omit<AuditEntry, 'seq' | 'at'> & { at?: string };

const GENESIS = '0'.repeat(64);

function entryHash(e: AuditEntry, prevHash: string): string {
  const canon = canonicalize({ ...e, prevHash });
  return createHash('sha256')
    .update(canon ?? '')
    .digest('hex');
}

interface AuditRow {
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
}

function toEntry(r: AuditRow): AuditEntry {
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
 * Appends one hash-chained entry. Call inside the transaction of the act it records, so the
 * act and its entry commit together. The head (last seq and hash) is kept in settings too,
 * so cutting entries off the end is caught by verify.
 */
export function appendAudit(db: Db, input: AuditInput): AuditEntry {
  const head = getSetting(db, 'audit.head') as { seq: number; hash: string } | null;
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
  stmt(
    db,
    `INSERT INTO audit_log (seq, at, actor, action, target_type, target_id, outcome, details, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
  );
  putSetting(db, 'audit.head', { seq: entry.seq, hash });
  return entry;
}

/** Walks the chain in seq order and names the first entry that was edited, removed or moved. */
export function verifyAudit(db: Db): AuditVerifyOutput {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  const rows = stmt(db, 'SELECT * FROM audit_log ORDER BY rowid').iterate() as IterableIterator<AuditRow>;
  for (const r of rows) {
    count++;
    if (r.seq !== expectedSeq) {
      return {
        ok: false,
        count,
        firstBroken: {
          seq: expectedSeq,
          reason: `entry ${expectedSeq} missing or out of order (found ${r.seq})`,
        },
      };
    }
    if (r.prev_hash !== prevHash) {
      return { ok: false, count, firstBroken: { seq: r.seq, reason: 'link to the previous entry broken' } };
    }
    if (entryHash(toEntry(r), r.prev_hash) !== r.hash) {
      return {
        ok: false,
        count,
        firstBroken: { seq: r.seq, reason: 'content changed after it was written' },
      };
    }
    prevHash = r.hash;
    expectedSeq++;
  }
  const head = getSetting(db, 'audit.head') as { seq: number; hash: string } | null;
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prevHash)) {
    return {
      ok: false,
      count,
      firstBroken: { seq: expectedSeq, reason: `entries after ${expectedSeq - 1} were removed` },
    };
  }
  return { ok: true, count, firstBroken: null };
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
    .when(f.action, 'action LIKE ?', `${f.action}%`)
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

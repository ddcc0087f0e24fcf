import { stmt, type Db } from '../db/open';
import { appendAudit, type AuditRow } from './auditLog';
import { readHead, segmentsOf } from './sealing';
import type { CarriedRecord, ForkRecord } from './verifyChain';

const hashAt = (db: Db, seq: number) =>
  (stmt(db, 'SELECT hash FROM audit_log WHERE seq = ?').get(seq) as { hash: string } | undefined)?.hash;
const lastSeq = (db: Db) =>
  (stmt(db, 'SELECT coalesce(max(seq), 0) AS n FROM audit_log').get() as { n: number }).n;

/**
 * Where a restored log and the log it replaces part: the last entry they share (two chained logs
 * that agree at one entry agree on everything before it, so a binary search finds it), and the
 * replaced log's entries after it, to be carried over. `replaced` is null when the replaced
 * database could not be read (a damaged one): the fork then records that its tail is lost.
 */
export function forkOf(restored: Db, replaced: Db | null): { record: ForkRecord; carried: AuditRow[] } {
  const m = lastSeq(restored);
  const backupHead = { seq: m, hash: hashAt(restored, m) ?? '0'.repeat(64) };
  if (!replaced)
    return { record: { backupHead, common: 0, replaced: null, carried: 0, segments: [] }, carried: [] };
  return replaced.transaction(() => {
    const last = lastSeq(replaced);
    let lo = 0;
    let hi = Math.min(m, last);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (hashAt(restored, mid) === hashAt(replaced, mid)) lo = mid;
      else hi = mid - 1;
    }
    const carried = stmt(replaced, 'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').all(
      lo,
    ) as AuditRow[];
    const head = readHead(replaced);
    return {
      record: {
        backupHead,
        common: lo,
        replaced: { seq: last, hash: hashAt(replaced, last) ?? '0'.repeat(64), key: head?.key ?? null },
        carried: carried.length,
        segments: segmentsOf(replaced),
      },
      carried,
    };
  })();
}

/**
 * Appends the replaced log's entries after the fork as entries of their own: the same actor,
 * action, target, outcome and time (so the log's filters find them), and in `details.carried` the
 * original seq, links, seal and details, from which verify recomputes the original's hash.
 */
export function appendCarried(db: Db, rows: readonly AuditRow[]): void {
  for (const r of rows) {
    const carried: CarriedRecord = {
      seq: r.seq,
      prevHash: r.prev_hash,
      hash: r.hash,
      mac: r.mac ?? '',
      details: JSON.parse(r.details) as Record<string, unknown>,
    };
    appendAudit(db, {
      actor: r.actor,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      outcome: r.outcome,
      at: r.at,
      details: { carried },
    });
  }
}

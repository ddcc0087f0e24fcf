/**
 * The exchange state of this office (local tables, schema.ts): each peer's chains (what was sent to
 * it and applied from it, what it acknowledged, the change-feed watermark), the packages of each
 * chain, the audit heads each office showed, forks in quarantine and the log of every package.
 * Callers hold the transaction.
 */
import type { PackageLogEntry, TypeCounts } from '../../../../shared/contract';
import { stmt, type Db } from '../../db/open';
import { filePiecesNow } from '../package/streams';
import type { SenderChain } from '../package/sequence';

/** A package written (or being written) to a file but not yet recorded as sent. */
export interface PendingSend {
  sequence: number;
  hash: string;
  path: string;
  fileName: string;
  size: number;
  records: number;
  /** The change-feed watermark it covers; null for a selection or a receipt. */
  watermark: number | null;
  counts: TypeCounts;
  receipt: boolean;
  createdAt: string;
}

export interface PeerState {
  office: string;
  sentSeq: number;
  sentHash: string | null;
  sentAt: string | null;
  watermark: number;
  appliedSeq: number;
  appliedHash: string | null;
  appliedAt: string | null;
  ackedSeq: number;
  ackedAt: string | null;
  pending: PendingSend | null;
}

const PEER_COLUMNS = `office, sent_seq AS sentSeq, sent_hash AS sentHash, sent_at AS sentAt, watermark,
  applied_seq AS appliedSeq, applied_hash AS appliedHash, applied_at AS appliedAt,
  acked_seq AS ackedSeq, acked_at AS ackedAt, pending`;

type PeerRow = Omit<PeerState, 'pending'> & { pending: string | null };

const toPeer = (r: PeerRow): PeerState => ({
  ...r,
  pending: r.pending ? (JSON.parse(r.pending) as PendingSend) : null,
});

export function peerState(db: Db, office: string): PeerState {
  const r = stmt(db, `SELECT ${PEER_COLUMNS} FROM exchange_peers WHERE office = ?`).get(office) as
    PeerRow | undefined;
  if (r) return toPeer(r);
  return {
    office,
    sentSeq: 0,
    sentHash: null,
    sentAt: null,
    watermark: 0,
    appliedSeq: 0,
    appliedHash: null,
    appliedAt: null,
    ackedSeq: 0,
    ackedAt: null,
    pending: null,
  };
}

export function listPeers(db: Db): PeerState[] {
  return (stmt(db, `SELECT ${PEER_COLUMNS} FROM exchange_peers ORDER BY office`).all() as PeerRow[]).map(
    toPeer,
  );
}

/**
 * What each office's packages showed beyond its chain: the last time a package of it was read,
 * and the packages still missing (the highest sequence held back by a gap, not applied since).
 */
export function peerSightings(
  db: Db,
): Map<string, { lastSeenAt: string; missing: { from: number; to: number } | null }> {
  const rows = stmt(
    db,
    `SELECT l.sender AS office, max(l.at) AS lastSeenAt,
            max(CASE WHEN l.reason = 'PKG_SEQUENCE_GAP' THEN l.sequence END) AS heldBack,
            coalesce(p.applied_seq, 0) AS appliedSeq
       FROM exchange_log l LEFT JOIN exchange_peers p ON p.office = l.sender
      WHERE l.direction = 'in' AND l.sender <> ''
      GROUP BY l.sender`,
  ).all() as { office: string; lastSeenAt: string; heldBack: number | null; appliedSeq: number }[];
  return new Map(
    rows.map((r) => [
      r.office,
      {
        lastSeenAt: r.lastSeenAt,
        missing:
          r.heldBack !== null && r.heldBack > r.appliedSeq + 1
            ? { from: r.appliedSeq + 1, to: r.heldBack - 1 }
            : null,
      },
    ]),
  );
}

/** Sets (or clears, with null) the package to `office` being written. */
export function setPending(db: Db, office: string, pending: PendingSend | null): void {
  ensurePeer(db, office);
  stmt(db, 'UPDATE exchange_peers SET pending = ? WHERE office = ?').run(
    pending ? JSON.stringify(pending) : null,
    office,
  );
}

function ensurePeer(db: Db, office: string): void {
  stmt(db, 'INSERT OR IGNORE INTO exchange_peers (office) VALUES (?)').run(office);
}

function addToChain(db: Db, office: string, direction: 'in' | 'out', sequence: number, hash: string): void {
  stmt(db, 'INSERT INTO exchange_chain (office, direction, sequence, hash) VALUES (?, ?, ?, ?)').run(
    office,
    direction,
    sequence,
    hash,
  );
}

/**
 * A package to `office` is safely written: its chain advances (and the watermark, for "changes
 * since"), and it is no longer pending.
 */
export function recordSent(db: Db, office: string, p: PendingSend): void {
  ensurePeer(db, office);
  addToChain(db, office, 'out', p.sequence, p.hash);
  stmt(
    db,
    `UPDATE exchange_peers SET sent_seq = ?, sent_hash = ?, sent_at = ?, watermark = coalesce(?, watermark),
       pending = NULL
      WHERE office = ?`,
  ).run(p.sequence, p.hash, p.createdAt, p.watermark, office);
}

/** A package from `office` was applied: its chain advances. */
export function recordApplied(
  db: Db,
  office: string,
  p: { sequence: number; hash: string; at: string },
): void {
  ensurePeer(db, office);
  addToChain(db, office, 'in', p.sequence, p.hash);
  stmt(
    db,
    'UPDATE exchange_peers SET applied_seq = ?, applied_hash = ?, applied_at = ? WHERE office = ?',
  ).run(p.sequence, p.hash, p.at, office);
}

/**
 * `office` acknowledged our package `ack.sequence`: recorded when it is one we sent it (same hash)
 * and later than what it acknowledged before. Returns whether it counted.
 */
export function recordAck(
  db: Db,
  office: string,
  ack: { sequence: number; hash: string },
  at: string,
): boolean {
  const sent = stmt(
    db,
    "SELECT hash FROM exchange_chain WHERE office = ? AND direction = 'out' AND sequence = ?",
  ).get(office, ack.sequence) as { hash: string } | undefined;
  if (sent?.hash !== ack.hash) return false;
  const r = stmt(
    db,
    'UPDATE exchange_peers SET acked_seq = ?, acked_at = ? WHERE office = ? AND acked_seq < ?',
  ).run(ack.sequence, at, office, ack.sequence);
  // What it acknowledged arrived: the copies kept to write it again are no longer needed.
  stmt(db, 'DELETE FROM exchange_sent_files WHERE office = ? AND sequence <= ?').run(office, ack.sequence);
  return r.changes === 1;
}

/**
 * How many packages with records `office` has not acknowledged. Receipts (and empty packages) take
 * a place in the chain but carry no data, so they never make an office behind: a receipt is
 * acknowledged only by the peer's next package, which may never come.
 */
export function unacknowledgedData(db: Db, office: string): number {
  // Every package sent is kept until acknowledged (keepSentFile, recordAck), so those kept are the unacknowledged ones.
  return (
    stmt(db, 'SELECT count(*) AS n FROM exchange_sent_files WHERE office = ? AND records > 0').get(
      office,
    ) as {
      n: number;
    }
  ).n;
}

/**
 * Keeps a package sent to `office` until it acknowledges it (resend): its file copied in, piece by
 * piece, so it is never held whole. Call in a transaction.
 */
export function keepSentFile(db: Db, office: string, p: PendingSend, path: string): void {
  stmt(db, 'DELETE FROM exchange_sent_files WHERE office = ? AND sequence = ?').run(office, p.sequence);
  stmt(
    db,
    `INSERT INTO exchange_sent_files (office, sequence, file_name, records, receipt) VALUES (?, ?, ?, ?, ?)`,
  ).run(office, p.sequence, p.fileName, p.records, p.receipt ? 1 : 0);
  const put = stmt(db, 'INSERT INTO exchange_sent_chunks (office, sequence, n, bytes) VALUES (?, ?, ?, ?)');
  let n = 0;
  for (const piece of filePiecesNow(path)) put.run(office, p.sequence, n++, piece);
}

export interface KeptFile {
  sequence: number;
  fileName: string;
  records: number;
  receipt: boolean;
}

/**
 * The packages sent to `office` from `fromSequence` on and still kept (not acknowledged), in
 * order, without their bytes: a resend reads them one at a time (sentFilePieces).
 */
export function sentFiles(db: Db, office: string, fromSequence: number): KeptFile[] {
  const rows = stmt(
    db,
    `SELECT sequence, file_name AS fileName, records, receipt FROM exchange_sent_files
      WHERE office = ? AND sequence >= ? ORDER BY sequence`,
  ).all(office, fromSequence) as (Omit<KeptFile, 'receipt'> & { receipt: number })[];
  return rows.map((r) => ({ ...r, receipt: r.receipt === 1 }));
}

/** A kept package's bytes, piece by piece. */
export function* sentFilePieces(db: Db, office: string, sequence: number): Generator<Buffer> {
  const piece = stmt(
    db,
    'SELECT bytes FROM exchange_sent_chunks WHERE office = ? AND sequence = ? AND n = ?',
  );
  for (let n = 0; ; n++) {
    const row = piece.get(office, sequence, n) as { bytes: Buffer } | undefined;
    if (!row) break;
    yield row.bytes;
  }
}

/** The chain of packages applied from `office`, as sequence.ts judges a new one against it. */
export function senderChain(db: Db, office: string): SenderChain {
  const p = peerState(db, office);
  return {
    last: p.appliedSeq > 0 && p.appliedHash ? { sequence: p.appliedSeq, hash: p.appliedHash } : null,
    hashAt: (sequence) =>
      (
        stmt(
          db,
          "SELECT hash FROM exchange_chain WHERE office = ? AND direction = 'in' AND sequence = ?",
        ).get(office, sequence) as { hash: string } | undefined
      )?.hash,
  };
}

export interface AuditHeadRef {
  count: number;
  hash: string;
}

/**
 * Whether `head` extends every head this office showed before: a lower count than the highest
 * kept, or a kept head of the same count with another hash, means its history was rewritten.
 * Returns the conflicting head kept, or null when consistent.
 */
export function rewrittenAgainst(db: Db, office: string, head: AuditHeadRef): AuditHeadRef | null {
  const conflict = stmt(
    db,
    `SELECT count, hash FROM exchange_audit_heads
      WHERE office = ? AND (count > ? OR (count = ? AND hash <> ?))
      ORDER BY count DESC LIMIT 1`,
  ).get(office, head.count, head.count, head.hash) as AuditHeadRef | undefined;
  return conflict ?? null;
}

export function keepAuditHead(db: Db, office: string, head: AuditHeadRef): void {
  stmt(db, 'INSERT OR IGNORE INTO exchange_audit_heads (office, count, hash) VALUES (?, ?, ?)').run(
    office,
    head.count,
    head.hash,
  );
}

export interface QuarantinedFork {
  id: number;
  office: string;
  sequence: number;
  appliedHash: string | null;
  hash: string;
  detail: string;
  at: string;
  resolution: 'kept' | 'restarted' | null;
  resolvedReason: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

type Resolution = 'resolution' | 'resolvedReason' | 'resolvedBy' | 'resolvedAt';

export function quarantine(db: Db, q: Omit<QuarantinedFork, 'id' | Resolution>): void {
  const known = stmt(db, 'SELECT 1 FROM exchange_quarantine WHERE office = ? AND hash = ?').get(
    q.office,
    q.hash,
  );
  if (known) return;
  stmt(
    db,
    `INSERT INTO exchange_quarantine (office, sequence, applied_hash, hash, detail, at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(q.office, q.sequence, q.appliedHash, q.hash, q.detail, q.at);
}

const QUARANTINE_COLUMNS = `id, office, sequence, applied_hash AS appliedHash, hash, detail, at, resolution,
  resolved_reason AS resolvedReason, resolved_by AS resolvedBy, resolved_at AS resolvedAt`;

/** The forks held, the unresolved first, newest first. */
export function listQuarantine(db: Db): QuarantinedFork[] {
  return stmt(
    db,
    `SELECT ${QUARANTINE_COLUMNS} FROM exchange_quarantine ORDER BY resolution IS NOT NULL, id DESC`,
  ).all() as QuarantinedFork[];
}

export function quarantinedFork(db: Db, id: number): QuarantinedFork | undefined {
  return stmt(db, `SELECT ${QUARANTINE_COLUMNS} FROM exchange_quarantine WHERE id = ?`).get(id) as
    QuarantinedFork | undefined;
}

export function resolveFork(
  db: Db,
  id: number,
  r: { resolution: 'kept' | 'restarted'; reason: string; by: string; at: string },
): void {
  stmt(
    db,
    `UPDATE exchange_quarantine SET resolution = ?, resolved_reason = ?, resolved_by = ?, resolved_at = ?
      WHERE id = ?`,
  ).run(r.resolution, r.reason, r.by, r.at, id);
}

/**
 * Rewinds the chain applied from `office` to just before `sequence` (it restarted from a backup):
 * its packages from `sequence` on apply again, and the audit heads it showed are forgotten, since
 * a restored office shows an older head. The records applied stay (the higher version wins).
 * Returns how many heads were forgotten.
 */
export function rewindChain(db: Db, office: string, sequence: number): number {
  const before = sequence - 1;
  const hash = senderChain(db, office).hashAt(before) ?? null;
  stmt(db, "DELETE FROM exchange_chain WHERE office = ? AND direction = 'in' AND sequence > ?").run(
    office,
    before,
  );
  stmt(db, 'UPDATE exchange_peers SET applied_seq = ?, applied_hash = ? WHERE office = ?').run(
    before,
    hash,
    office,
  );
  return stmt(db, 'DELETE FROM exchange_audit_heads WHERE office = ?').run(office).changes;
}

export function appendLog(db: Db, e: Omit<PackageLogEntry, 'id'>): number {
  const r = stmt(
    db,
    `INSERT INTO exchange_log
       (hash, direction, sender, recipients, sequence, result, reason, counts, receipt, file_name, size, at, user_name)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.hash,
    e.direction,
    e.sender,
    JSON.stringify(e.recipients),
    e.sequence,
    e.result,
    e.reason,
    JSON.stringify(e.counts),
    e.receipt ? 1 : 0,
    e.fileName,
    e.size,
    e.at,
    e.userName,
  );
  return Number(r.lastInsertRowid);
}

export function listLog(
  db: Db,
  f: { limit: number; offset: number; office?: string | undefined },
): {
  items: PackageLogEntry[];
  total: number;
} {
  const where = f.office ? 'WHERE sender = ? OR recipients LIKE ?' : '';
  const args = f.office ? [f.office, `%${JSON.stringify(f.office)}%`] : [];
  const total = (stmt(db, `SELECT count(*) AS n FROM exchange_log ${where}`).get(...args) as { n: number }).n;
  const rows = stmt(
    db,
    `SELECT id, hash, direction, sender, recipients, sequence, result, reason, counts, receipt,
            file_name AS fileName, size, at, user_name AS userName
       FROM exchange_log ${where} ORDER BY id DESC LIMIT ? OFFSET ?`,
  ).all(...args, f.limit, f.offset) as (Omit<PackageLogEntry, 'recipients' | 'counts' | 'receipt'> & {
    recipients: string;
    counts: string;
    receipt: number;
  })[];
  return {
    total,
    items: rows.map((r) => ({
      ...r,
      recipients: JSON.parse(r.recipients) as string[],
      counts: JSON.parse(r.counts) as TypeCounts,
      receipt: r.receipt === 1,
    })),
  };
}

/**
 * Sending: one package per recipient, with every change since the last package to it (the
 * change-feed watermark) or a selection of records, written to a folder as a file of its own as it
 * is made: memory holds the records and one of their files at a time.
 * A recipient's chain (sequence, prevHash, watermark) advances only once its file is safely on
 * disk (temporary file, fsync, rename, folder fsync), in the transaction of its log row and audit.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { OfficeLevel, SentPackage, TypeCounts } from '../../../../shared/contract';
import { auditHead } from '../../audit/auditLog';
import type { Db } from '../../db/open';
import { changesSince, feedPosition, findRecord } from '../../db/recordKernel';
import { crashPoint } from '../../crashPoint';
import { AppError } from '../../errors';
import type { OfficePublicKeys } from '../package/keys';
import type { Manifest } from '../package/manifest';
import { buildPackageFile, type BuildInput, type BuiltPackageFile } from '../package/package';
import { filePiecesNow, tally, writeChunks, writeFileStreamed, type Tally } from '../package/streams';
import type { PackageRecord } from '../package/payload';
import { allowsType, findOffice, resolveRecipients, type RecipientTarget } from '../offices/directory';
import { ownKeys } from '../offices/ownKeys';
import type { ExchangeEnv } from './env';
import { outgoingFiles, withoutFile } from './files';
import { requireWritableFolder } from './outputFolder';
import { typeTravels, type RecordType } from '../../db/recordTypes';
import {
  appendLog,
  keepSentFile,
  peerState,
  recordSent,
  sentFilePieces,
  sentFiles,
  setPending,
  type PendingSend,
} from './state';

export const PACKAGE_SUFFIX = '.ttllpkg';

export interface Selection {
  type: string;
  ids: readonly string[];
}

/** `<sender>-<recipient>-<sequence>.ttllpkg`: the office codes and the place in the chain at a glance. */
export function packageFileName(sender: string, recipient: string, sequence: number): string {
  return `${sender}-${recipient}-${String(sequence).padStart(6, '0')}${PACKAGE_SUFFIX}`;
}

/** A directory entry as the exchange rules read it. */
export interface PeerOffice {
  code: string;
  level: OfficeLevel;
  /** Record types it may send to this office / receive from it (`*`: every type). */
  maySend: readonly string[];
  mayReceive: readonly string[];
}

export function peerOffice(db: Db, code: string): PeerOffice | null {
  const row = findOffice(db, code);
  if (!row || row.deleted) return null;
  return {
    code: row.code,
    level: row.level,
    maySend: JSON.parse(row.maySend) as string[],
    mayReceive: JSON.parse(row.mayReceive) as string[],
  };
}

export function peerOf(env: ExchangeEnv, code: string): PeerOffice {
  const peer = peerOffice(env.db, code);
  if (!peer) throw new AppError('NOT_FOUND', `Office ${code} is not in the directory`);
  return peer;
}

/** Whether records of `type` go from this office to `peer` at all. */
export function sendable(env: ExchangeEnv, type: RecordType, peer: PeerOffice): boolean {
  return typeTravels(type, env.office.level, peer.level) && allowsType(peer.mayReceive, type.name);
}

/**
 * Whether this record may leave the office: not a classified registry entry, and not a record
 * of another office whose type leaves only its origin.
 */
export const travels = (env: ExchangeEnv, type: RecordType, row: Record<string, unknown>): boolean =>
  (type.table.policy.recordTravels?.(row) ?? true) &&
  (!type.table.policy.fromOriginOnly || row.originOffice === env.office.code);

/** Every record changed since the last package to `peer` that may go to it, once each, current version. */
function changedRecords(env: ExchangeEnv, peer: PeerOffice): { records: PackageRecord[]; watermark: number } {
  const { db } = env;
  const since = peerState(db, peer.code).watermark;
  const watermark = feedPosition(db).seq;
  const seen = new Set<string>();
  const records: PackageRecord[] = [];
  for (const c of changesSince(db, since, { excludeOffice: peer.code })) {
    const key = `${c.tableName}\0${c.recordId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const type = env.types.byTable.get(c.tableName);
    if (!type || type.table.policy.chosenOnly || !sendable(env, type, peer)) continue;
    const row = findRecord(db, type.table, c.recordId) as Record<string, unknown> | null;
    if (!row || !travels(env, type, row)) continue;
    records.push({ type: type.name, record: withoutFile(type, row) });
  }
  return { records, watermark };
}

/** The chosen records; refuses one that may not travel (a classified entry) or not to this office. */
function selectedRecords(env: ExchangeEnv, peer: PeerOffice, select: readonly Selection[]): PackageRecord[] {
  const records: PackageRecord[] = [];
  for (const s of select) {
    const type = env.types.byName.get(s.type);
    if (!type) throw new AppError('VALIDATION', `Records of type ${s.type} do not travel`);
    if (!sendable(env, type, peer))
      throw new AppError('VALIDATION', `Records of type ${s.type} do not go to office ${peer.code}`);
    for (const id of s.ids) {
      const row = findRecord(env.db, type.table, id) as Record<string, unknown> | null;
      if (!row) throw new AppError('NOT_FOUND', `No ${type.table.what} ${id}`);
      if (!travels(env, type, row))
        throw new AppError(
          'FORBIDDEN',
          `The ${type.table.what} ${id} may not leave this office (classified, or another office's)`,
        );
      records.push({ type: type.name, record: withoutFile(type, row) });
    }
  }
  return records;
}

/** The head of this office's audit chain, as every package it makes carries it. */
export function ownAuditHead(db: Db): Manifest['auditHead'] {
  const head = auditHead(db);
  if (!head) throw new AppError('NOT_INITIALIZED', 'This office has no audit log yet');
  return { count: head.count, hash: head.hash };
}

/** Whether the file at `path` is the package with this hash (read back after a crash, piece by piece). */
function whole(path: string, hash: string): boolean {
  try {
    const h = createHash('sha256');
    for (const piece of filePiecesNow(path)) h.update(piece);
    return h.digest('hex') === hash;
  } catch {
    return false;
  }
}

/** Records a package written to its file as sent, with its log row and audit entry, and keeps a copy. */
function commitSent(env: ExchangeEnv, office: string, p: PendingSend): void {
  env.tx(() => {
    recordSent(env.db, office, p);
    keepSentFile(env.db, office, p, p.path);
    appendLog(env.db, {
      hash: p.hash,
      direction: 'out',
      sender: env.office.code,
      recipients: [office],
      sequence: p.sequence,
      result: 'sent',
      reason: null,
      counts: p.counts,
      receipt: p.receipt,
      fileName: p.fileName,
      size: p.size,
      at: p.createdAt,
      userName: env.userName,
    });
    env.audit({
      action: 'exchange.package.export',
      targetType: 'package',
      targetId: p.hash,
      details: { office, sequence: p.sequence, records: p.records, receipt: p.receipt, counts: p.counts },
    });
  });
}

/**
 * A package left pending by a crash between its file and the record of it: sent if its file is
 * there whole (the recipient may get it), else forgotten, so its sequence is used again without
 * two different packages ever carrying it.
 */
function settlePending(env: ExchangeEnv, office: string): void {
  const { pending } = peerState(env.db, office);
  if (!pending) return;
  if (whole(pending.path, pending.hash)) commitSent(env, office, pending);
  else env.tx(() => setPending(env.db, office, null));
}

/**
 * Builds, writes and records one package to `to`. It is marked pending once written whole under
 * a temporary name, before it takes its own, and recorded as sent after, so a crash between the two
 * never makes two packages with one sequence (settlePending).
 */
async function sendOne(
  env: ExchangeEnv,
  to: OfficePublicKeys,
  content: {
    records: PackageRecord[];
    files: NonNullable<BuildInput['attachments']>;
    watermark: number | null;
    receipt: boolean;
  },
  outDir: string,
): Promise<SentPackage> {
  const { db } = env;
  settlePending(env, to.office);
  const peer = peerState(db, to.office);
  const sequence = peer.sentSeq + 1;
  const createdAt = env.now().toISOString();
  const fileName = packageFileName(env.office.code, to.office, sequence);
  const counts: TypeCounts = {};
  for (const r of content.records) {
    const c = (counts[r.type] ??= { new: 0, updated: 0, deleted: 0, unchanged: 0 });
    if (r.record.deleted) c.deleted++;
    else if (r.record.version === 1) c.new++;
    else c.updated++;
  }
  const path = join(outDir, fileName);
  const pendingOf = (built: BuiltPackageFile): PendingSend => ({
    sequence,
    hash: built.hash,
    path,
    fileName,
    size: built.size,
    records: content.records.length,
    watermark: content.watermark,
    counts,
    receipt: content.receipt,
    createdAt,
  });
  // Written as it is made (a file of the database read when its turn comes, one at a time), and
  // marked pending once whole under its temporary name, before it takes its own.
  let marked = false;
  const markPending = (built: BuiltPackageFile) =>
    env.tx(() => {
      // Another export to this office meanwhile (a second window) would have taken this sequence.
      const now = peerState(db, to.office);
      if (now.sentSeq !== peer.sentSeq || now.pending)
        throw new AppError('CONFLICT', `Another package to ${to.office} was made meanwhile; export again`);
      setPending(db, to.office, pendingOf(built));
      marked = true;
    });
  const sender = ownKeys(db);
  let built: BuiltPackageFile;
  try {
    built = await buildPackageFile(
      {
        sender,
        recipients: [to],
        sequence,
        prevHash: peer.sentHash,
        createdAt,
        auditHead: ownAuditHead(db),
        ack: peer.appliedHash ? { sequence: peer.appliedSeq, hash: peer.appliedHash } : null,
        records: content.records,
        attachments: content.files,
      },
      path,
      markPending,
    );
  } catch (err) {
    if (marked) env.tx(() => setPending(db, to.office, null));
    if (err instanceof AppError) throw err;
    throw new AppError('IO', `Could not write ${path}: ${(err as Error).message}`);
  } finally {
    sender.signingSecret.fill(0);
  }
  const sent = pendingOf(built);
  crashPoint(`exchange.written:${to.office}`, db);
  commitSent(env, to.office, sent);
  return {
    office: to.office,
    sequence,
    fileName,
    path,
    size: sent.size,
    hash: sent.hash,
    records: sent.records,
    receipt: content.receipt,
  };
}

/**
 * One package per recipient of `target` into `outDir`: every change since the last package to it,
 * or the selection. Recipients are done one after the other (progress after each); one that fails
 * stops the batch, and those written before it stay sent.
 */
export async function exportPackages(
  env: ExchangeEnv,
  input: { to: RecipientTarget; select?: readonly Selection[] | undefined; outDir: string },
): Promise<SentPackage[]> {
  requireWritableFolder(input.outDir, 'outDir');
  const recipients = resolveRecipients(env.db, input.to, env.now());
  if (recipients.length === 0)
    throw new AppError('VALIDATION', 'No office in the directory matches the recipients');
  const files: SentPackage[] = [];
  for (const to of recipients) {
    const peer = peerOf(env, to.office);
    // One read transaction: the watermark and the records are of the same moment; each file is read
    // as the package is written, refused if it no longer matches its record (outgoingFiles).
    const content = env.db.transaction(() => {
      const c = input.select
        ? { records: selectedRecords(env, peer, input.select), watermark: null }
        : changedRecords(env, peer);
      return { ...c, files: outgoingFiles(env.db, env.types, c.records) };
    })();
    files.push(await sendOne(env, to, { ...content, receipt: false }, input.outDir));
    env.onProgress?.(files.length, recipients.length);
  }
  return files;
}

/** A receipt to `office`: a package with no records whose `ack` names the last package applied from it. */
export async function sendReceipt(
  env: ExchangeEnv,
  to: OfficePublicKeys,
  outDir: string,
): Promise<SentPackage> {
  return sendOne(env, to, { records: [], files: [], watermark: null, receipt: true }, outDir);
}

/**
 * Writes again, byte for byte, the packages sent to `office` from `fromSequence` on (default: the
 * first it has not acknowledged), for a file lost or damaged on the way. The receiver applies a
 * copy as the original, skips one it has (a replay) and so closes the gap the loss left.
 */
export async function resendPackages(
  env: ExchangeEnv,
  input: { office: string; fromSequence?: number | undefined; outDir: string },
): Promise<SentPackage[]> {
  requireWritableFolder(input.outDir, 'outDir');
  const peer = peerState(env.db, input.office);
  const from = input.fromSequence ?? peer.ackedSeq + 1;
  const kept = sentFiles(env.db, input.office, from);
  if (kept.length === 0)
    throw new AppError(
      'NOT_FOUND',
      `No package to ${input.office} from #${from} is kept: it was acknowledged, or none was sent`,
    );
  const files: SentPackage[] = [];
  for (const f of kept) {
    const path = join(input.outDir, f.fileName);
    // Copied out piece by piece, hashed on the way: memory holds one piece.
    let written: Tally;
    try {
      written = await writeFileStreamed(path, async (out) => {
        const t = tally(sentFilePieces(env.db, input.office, f.sequence), false);
        await writeChunks(out, t.chunks);
        return t.done();
      });
    } catch (err) {
      throw new AppError('IO', `Could not write ${path}: ${(err as Error).message}`);
    }
    env.tx(() =>
      env.audit({
        action: 'exchange.package.resend',
        targetType: 'package',
        targetId: written.sha256,
        details: { office: input.office, sequence: f.sequence },
      }),
    );
    files.push({
      office: input.office,
      sequence: f.sequence,
      fileName: f.fileName,
      path,
      size: written.size,
      hash: written.sha256,
      records: f.records,
      receipt: f.receipt,
    });
  }
  return files;
}

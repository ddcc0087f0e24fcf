/**
 * Receiving: each package of a file or folder is verified completely (openPackage: container,
 * signature, addressee, blobs, decryption, schema), then judged in its sender's chain (in chain
 * order across the batch), against the audit heads its sender showed before, and record by record
 * against the directory (the sender may send that type, it travels that way) and the record
 * kernel (ownership, versions). It is applied in one transaction with its log row, its chain state
 * and its audit entry, or not at all.
 *
 * A record the kernel refuses makes the whole package rejected with that reason (PKG_NOT_OWNER,
 * PKG_TYPE_NOT_ALLOWED, PKG_RECORD_INVALID): a package is its sender's signed statement, and
 * applying part of it would leave this office in a state its sender never had. A rejected package
 * applies nothing and never stops the others. A preview runs the very same steps inside one
 * transaction that is rolled back, so what it shows is what an import does.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { getTableName } from 'drizzle-orm';
import type { PackageOutcome, SentPackage, TypeCounts } from '../../../../shared/contract';
import { crashPoint } from '../../crashPoint';
import { applyRecord, type ApplyRefusal, type RowOf } from '../../db/recordKernel';
import { AppError } from '../../errors';
import { PACKAGE_REASONS, PackageError, type PackageReason } from '../package/codes';
import { openPackageFile, type OpenedPackage, type RefusedPackage } from '../package/package';
import { inChainOrder, judgeSequence } from '../package/sequence';
import { allowsType, resolveRecipients, senderKey } from '../offices/directory';
import { ownKeyRing } from '../offices/ownKeys';
import type { ExchangeEnv } from './env';
import { openFileStage, type FileStage } from './files';
import { requireWritableFolder } from './outputFolder';
import { typeTravels } from '../../db/recordTypes';
import { PACKAGE_SUFFIX, peerOffice, sendReceipt } from './send';
import {
  appendLog,
  keepAuditHead,
  quarantine,
  recordAck,
  recordApplied,
  rewrittenAgainst,
  senderChain,
} from './state';

/** A refusal of a package while judging or applying it: its transaction rolls back. */
class Refusal extends Error {
  constructor(
    readonly result: 'rejected' | 'quarantined',
    readonly code: PackageReason,
    detail: string,
    readonly missing: { from: number; to: number } | null = null,
    readonly appliedHash: string | null = null,
  ) {
    super(`${PACKAGE_REASONS[code]} (${detail})`);
  }
}

/** Thrown to roll a preview back once every package was judged. */
class PreviewDone extends Error {}

type Candidate = { file: string } & ({ opened: OpenedPackage } | { refused: PackageOutcome });

/** The record kernel's refusal of a record, as the reason its whole package is rejected. */
const KERNEL_REFUSALS: Record<ApplyRefusal, PackageReason> = {
  'not-exchanged': 'PKG_TYPE_NOT_ALLOWED',
  originator: 'PKG_TYPE_NOT_ALLOWED',
  'own-record': 'PKG_NOT_OWNER',
  'not-owner': 'PKG_NOT_OWNER',
  'origin-mismatch': 'PKG_NOT_OWNER',
  malformed: 'PKG_RECORD_INVALID',
};

function packageFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new AppError('NOT_FOUND', `No file or folder ${path}`);
  }
  if (!st.isDirectory()) return [path];
  return readdirSync(path)
    .filter((n) => n.endsWith(PACKAGE_SUFFIX))
    .sort()
    .map((n) => join(path, n));
}

const blank = (file: string): Omit<PackageOutcome, 'result' | 'reason' | 'message'> => ({
  file: basename(file),
  hash: null,
  sender: null,
  sequence: null,
  missing: null,
  counts: {},
  receipt: false,
});

/** Reads and verifies every package (before any transaction: decryption is asynchronous). */
async function readCandidates(
  env: ExchangeEnv,
  files: readonly string[],
  total: number,
  stage: FileStage,
): Promise<Candidate[]> {
  // Current key first, then those retired since (a package made before a rotation still opens).
  const [us, ...retired] = ownKeyRing(env.db);
  if (!us) throw new AppError('VALIDATION', 'This office has no exchange keys yet');
  const at = env.now();
  const out: Candidate[] = [];
  try {
    for (const file of files) {
      const r = await openPackageFile(file, {
        us,
        retired,
        senderKey: (office, keyId) => senderKey(env.db, office, keyId, at),
      });
      const staged = r.ok ? await stageFiles(stage, r) : r;
      out.push(
        staged.ok
          ? { file, opened: staged }
          : { file, refused: refusedOutcome(file, staged.hash, staged.code, staged.message) },
      );
      env.onProgress?.(out.length, total);
    }
  } finally {
    for (const k of [us, ...retired]) k.signingSecret.fill(0);
  }
  return out;
}

/** The package with its files staged, or refused with the reason one of them was. */
async function stageFiles(stage: FileStage, p: OpenedPackage): Promise<OpenedPackage | RefusedPackage> {
  try {
    await stage.stage(p);
    return p;
  } catch (err) {
    if (!(err instanceof PackageError)) throw err;
    return { ok: false, hash: p.hash, code: err.code, message: err.message };
  }
}

function refusedOutcome(
  file: string,
  hash: string | null,
  code: PackageReason,
  message: string,
): PackageOutcome {
  return { ...blank(file), hash, result: 'rejected', reason: code, message };
}

const isReceipt = (p: OpenedPackage): boolean => p.records.length === 0 && p.manifest.ack !== null;

/**
 * Judges one package, applies its records and advances its sender's chain (call inside a
 * transaction; a Refusal rolls it back). Returns null for a replay, else the counts per type.
 */
function judgeAndApply(
  env: ExchangeEnv,
  p: OpenedPackage,
  stage: FileStage,
  crashCount: { n: number },
): TypeCounts | null {
  const { db } = env;
  const { manifest } = p;
  const sender = manifest.sender.office;
  const verdict = judgeSequence(senderChain(db, sender), manifest, p.hash);
  if (verdict.kind === 'replay') return null;
  if (verdict.kind === 'gap')
    throw new Refusal(
      'rejected',
      verdict.code,
      `missing ${verdict.missing.from}–${verdict.missing.to} from ${sender}`,
      verdict.missing,
    );
  if (verdict.kind === 'fork')
    throw new Refusal(
      'quarantined',
      verdict.code,
      verdict.detail,
      null,
      senderChain(db, sender).hashAt(manifest.sequence) ?? null,
    );

  const rewritten = rewrittenAgainst(db, sender, manifest.auditHead);
  if (rewritten)
    throw new Refusal(
      'rejected',
      'PKG_AUDIT_REWRITTEN',
      `head ${manifest.auditHead.count} does not extend head ${rewritten.count} shown before`,
    );

  const from = peerOffice(db, sender);
  if (!from) throw new Refusal('rejected', 'PKG_UNKNOWN_SENDER', `office ${sender}`);
  const counts: TypeCounts = {};
  const touched = new Set<string>();
  for (const { type: name, record } of p.records) {
    const type = env.types.byName.get(name);
    if (!type) throw new Refusal('rejected', 'PKG_TYPE_NOT_ALLOWED', `unknown record type ${name}`);
    if (!allowsType(from.maySend, name) || !typeTravels(type, from.level, env.office.level))
      throw new Refusal('rejected', 'PKG_TYPE_NOT_ALLOWED', `${sender} may not send ${name} records here`);
    const file = type.table.policy.file;
    const content = file ? stage.content(p, type, record) : null;
    if (file && !content)
      throw new Refusal('rejected', 'PKG_FILE_MISMATCH', `no file for ${type.table.what} ${record.id}`);
    const row = file ? { ...record, [file.content]: content } : record;
    const r = applyRecord(db, type.table, row as RowOf<never>, { office: sender, level: from.level });
    if (r.outcome === 'rejected') throw new Refusal('rejected', KERNEL_REFUSALS[r.reason], r.message);
    const c = (counts[name] ??= { new: 0, updated: 0, deleted: 0, unchanged: 0 });
    c[r.outcome === 'inserted' ? 'new' : r.outcome] += 1;
    touched.add(getTableName(type.table.table));
    crashPoint(`exchange.apply:${++crashCount.n}`, db);
  }
  // References are checked here, not only at commit, so a preview (rolled back) reports them too.
  for (const table of touched) {
    const bad = db.pragma(`foreign_key_check("${table}")`) as { table: string; parent: string }[];
    if (bad.length > 0)
      throw new Refusal(
        'rejected',
        'PKG_RECORD_INVALID',
        `${bad.length} ${table} record(s) refer to ${bad[0]!.parent} records this office does not have`,
      );
  }
  // The chain state, the sender's audit head and its receipt move with the records.
  const at = env.now().toISOString();
  recordApplied(db, sender, { sequence: manifest.sequence, hash: p.hash, at });
  keepAuditHead(db, sender, manifest.auditHead);
  if (manifest.ack) recordAck(db, sender, manifest.ack, at);
  return counts;
}

/** The outcome of a package judged and applied (counts) or found already applied (null). */
function appliedOutcome(
  base: ReturnType<typeof outcomeOf>,
  counts: TypeCounts | null,
  message: string,
): PackageOutcome {
  return counts
    ? { ...base, counts, result: 'applied', reason: null, message }
    : {
        ...base,
        result: 'already-applied',
        reason: 'PKG_ALREADY_APPLIED',
        message: PACKAGE_REASONS.PKG_ALREADY_APPLIED,
      };
}

function outcomeOf(file: string, p: OpenedPackage): Omit<PackageOutcome, 'result' | 'reason' | 'message'> {
  return {
    ...blank(file),
    hash: p.hash,
    sender: p.manifest.sender.office,
    sequence: p.manifest.sequence,
    receipt: isReceipt(p),
  };
}

/**
 * The log row and audit entry of a package's outcome (inside its transaction). A package refused
 * before its manifest could be trusted is logged with what is known: its hash and file name.
 */
function record(env: ExchangeEnv, p: OpenedPackage | null, o: PackageOutcome, size: number): void {
  const at = env.now().toISOString();
  appendLog(env.db, {
    hash: o.hash ?? '',
    direction: 'in',
    sender: o.sender ?? '',
    recipients: p ? p.manifest.recipients.map((r) => r.office) : [],
    sequence: o.sequence,
    result: o.result,
    reason: o.reason,
    counts: o.counts,
    receipt: o.receipt,
    fileName: o.file,
    size,
    at,
    userName: env.userName,
  });
  env.audit({
    action: 'exchange.package.import',
    targetType: 'package',
    targetId: o.hash ?? o.file,
    outcome: o.result === 'rejected' || o.result === 'quarantined' ? 'failed' : 'ok',
    details: {
      file: o.file,
      sender: o.sender,
      sequence: o.sequence,
      result: o.result,
      reason: o.reason,
      counts: o.counts,
    },
  });
}

const isDiskFull = (err: unknown): boolean =>
  err instanceof Database.SqliteError && /^SQLITE_FULL/.test(err.code);

/** Applies one package, or records why not; never throws for the package's own faults. */
function importOne(
  env: ExchangeEnv,
  c: Candidate & { opened: OpenedPackage },
  stage: FileStage,
  crash: { n: number },
): PackageOutcome {
  const p = c.opened;
  const base = outcomeOf(c.file, p);
  const size = statSync(c.file).size;
  try {
    return env.tx(() => {
      const o = appliedOutcome(base, judgeAndApply(env, p, stage, crash), 'Applied.');
      record(env, p, o, size);
      return o;
    });
  } catch (err) {
    if (isDiskFull(err))
      return {
        ...base,
        result: 'rejected',
        reason: 'PKG_STORAGE_FULL',
        message: PACKAGE_REASONS.PKG_STORAGE_FULL,
      };
    if (!(err instanceof Refusal)) throw err;
    const o: PackageOutcome = {
      ...base,
      result: err.result,
      reason: err.code,
      message: err.message,
      missing: err.missing,
    };
    env.tx(() => {
      if (err.result === 'quarantined')
        quarantine(env.db, {
          office: p.manifest.sender.office,
          sequence: p.manifest.sequence,
          appliedHash: err.appliedHash,
          hash: p.hash,
          detail: err.message,
          at: env.now().toISOString(),
        });
      record(env, p, o, size);
    });
    return o;
  }
}

function logRefused(env: ExchangeEnv, c: Candidate & { refused: PackageOutcome }): PackageOutcome {
  env.tx(() => record(env, null, c.refused, statSync(c.file).size));
  return c.refused;
}

/**
 * Imports a file or a folder: each package applied in its own transaction or refused with its
 * reason, in chain order; then, when `receiptsDir` is given, a receipt to each office whose data
 * was applied (receipts themselves are not answered).
 */
export async function importPackages(
  env: ExchangeEnv,
  input: { path: string; receiptsDir?: string | undefined },
): Promise<{ packages: PackageOutcome[]; receipts: SentPackage[] }> {
  if (input.receiptsDir) requireWritableFolder(input.receiptsDir, 'receiptsDir');
  const files = packageFiles(input.path);
  // Reading (verifying, decrypting) and applying each count for half.
  const total = files.length * 2;
  const stage = openFileStage(env.db, env.types);
  const outcomes = new Map<Candidate, PackageOutcome>();
  const answer = new Set<string>();
  let candidates: Candidate[] = [];
  try {
    candidates = await readCandidates(env, files, total, stage);
    const crash = { n: 0 };
    let done = candidates.length;
    for (const c of ordered(candidates)) {
      const o = 'refused' in c ? logRefused(env, c) : importOne(env, c, stage, crash);
      if ('opened' in c && o.result === 'applied' && !o.receipt) answer.add(c.opened.manifest.sender.office);
      outcomes.set(c, o);
      env.onProgress?.(++done, total);
    }
  } finally {
    stage.close();
  }
  const receipts: SentPackage[] = [];
  if (input.receiptsDir)
    for (const office of answer) {
      const [to] = resolveRecipients(env.db, { codes: [office] }, env.now());
      if (to) receipts.push(await sendReceipt(env, to, input.receiptsDir));
    }
  return { packages: candidates.map((c) => outcomes.get(c)!), receipts };
}

/** Refused packages first (as read), then the opened ones by sender and sequence. */
function ordered(candidates: Candidate[]): Candidate[] {
  const opened = candidates.flatMap((c) => ('opened' in c ? [{ c, manifest: c.opened.manifest }] : []));
  return [...candidates.filter((c) => 'refused' in c), ...inChainOrder(opened).map((x) => x.c)];
}

/** What an import would do, package by package, with nothing written. */
export async function previewPackages(env: ExchangeEnv, input: { path: string }): Promise<PackageOutcome[]> {
  const files = packageFiles(input.path);
  const stage = openFileStage(env.db, env.types);
  try {
    const candidates = await readCandidates(env, files, files.length, stage);
    const outcomes = new Map<Candidate, PackageOutcome>();
    const crash = { n: 0 };
    try {
      env.db
        .transaction(() => {
          for (const c of ordered(candidates)) {
            if ('refused' in c) {
              outcomes.set(c, c.refused);
              continue;
            }
            const p = c.opened;
            const base = outcomeOf(c.file, p);
            try {
              // A savepoint per package: a refused one is undone, the next ones see those before it.
              const counts = env.db.transaction(() => judgeAndApply(env, p, stage, crash))();
              outcomes.set(c, appliedOutcome(base, counts, 'Will be applied.'));
            } catch (err) {
              if (!(err instanceof Refusal)) throw err;
              outcomes.set(c, {
                ...base,
                result: err.result,
                reason: err.code,
                message: err.message,
                missing: err.missing,
              });
            }
          }
          throw new PreviewDone();
        })
        .immediate();
    } catch (err) {
      if (!(err instanceof PreviewDone)) throw err;
    }
    return candidates.map((c) => outcomes.get(c)!);
  } finally {
    stage.close();
  }
}

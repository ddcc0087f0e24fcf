import type { AuditAnchor, AuditEntry, AuditVerifyOutput } from '../../../shared/contract';
import { stmt, type Db } from '../db/open';
import type { KeyRing } from '../vault/keyRing';
import { auditHead, entryHash, toEntry, type AuditRow } from './auditLog';
import { evolve, GENESIS, macOf, openSegment, readHead, segmentsOf, type Segment } from './sealing';

/**
 * What a restore writes into its 'backup.restore' entry (backup/backupService.ts): the backup's
 * head it continues from, the last entry the replaced log shared with it, the replaced log's head
 * and next key, how many of its entries follow as carried entries, and its sealing records.
 */
export interface ForkRecord {
  backupHead: { seq: number; hash: string };
  common: number;
  replaced: { seq: number; hash: string; key: string | null } | null;
  carried: number;
  segments: Segment[];
}

/** An entry of the replaced log, carried over at a restore (in `details.carried` of its copy). */
export interface CarriedRecord {
  seq: number;
  prevHash: string;
  hash: string;
  mac: string;
  details: Record<string, unknown>;
}

export interface VerifyOptions {
  /** The session's keys: the seals are checked when they hold the audit key. */
  ring?: KeyRing | null;
  /** The vault has an audit key (key file version 2), so its log must be sealed. */
  sealed?: boolean;
  anchors?: readonly AuditAnchor[];
}

/** Entries a first segment may begin at, with unsealed entries before it. */
const ORIGINS: ReadonlySet<string> = new Set(['vault.setup', 'vault.upgrade', 'backup.restore']);

interface SealState {
  key: Buffer | null;
  /** A segment has begun (entries before the first one are from before sealing). */
  started: boolean;
  /** Sealing was paused by a restore made without the audit key. */
  paused: boolean;
}

const copy = (s: SealState): SealState => ({ ...s, key: s.key ? Buffer.from(s.key) : null });
const pausingRestore = (e: AuditEntry) => e.action === 'backup.restore' && e.details.sealing === 'paused';

/** Walks the seals of consecutive entries: recomputes each key from K0 and checks each mac. */
class SealWalk {
  constructor(
    private readonly starts: ReadonlyMap<number, Buffer | null>,
    readonly st: SealState,
  ) {}

  /** The problem with this entry's seal, or null; moves the key on. */
  step(seq: number, e: AuditEntry, hash: string, mac: string): string | null {
    const st = this.st;
    if (this.starts.has(seq)) {
      const k0 = this.starts.get(seq);
      if (!k0)
        return 'the sealing record starting here does not open with the audit key (replaced or altered)';
      if (st.key && e.action !== 'backup.restore')
        return 'sealing starts again here though the previous key was still in use (the entries before were re-sealed?)';
      if (!st.key && st.paused && e.action !== 'audit.seal-start' && e.action !== 'backup.restore')
        return 'sealing starts again here with no record of why';
      if (!st.key && !st.started && seq > 1 && !ORIGINS.has(e.action) && !st.paused)
        return `entries before #${seq} are not sealed and no setup, upgrade or restore explains it (the sealing record was removed?)`;
      st.key = Buffer.from(k0);
      st.started = true;
      st.paused = false;
    }
    if (st.key) {
      if (mac === '' && pausingRestore(e)) {
        st.key = null;
        st.paused = true;
        return null;
      }
      if (mac === '') return 'not sealed, though sealing was on (its seal was removed?)';
      if (mac !== macOf(st.key, hash))
        return 'its seal does not match: the entry was rewritten, or the log re-sealed without the audit key';
      st.key = evolve(st.key);
      return null;
    }
    if (mac !== '') return 'sealed, though no sealing record covers it';
    if (pausingRestore(e)) st.paused = true;
    return null;
  }

  /** The key stored after the last entry must be the one the walk arrived at. */
  end(storedKey: string | null | undefined): string | null {
    if (this.st.key) {
      return storedKey === this.st.key.toString('hex')
        ? null
        : 'the current sealing key does not follow from the last entry: entries were cut off the end, or the key replaced';
    }
    return storedKey ? 'a sealing key is stored where no sealing record leads to it' : null;
  }
}

function openStarts(segs: readonly Segment[], ring: KeyRing): Map<number, Buffer | null> {
  const m = new Map<number, Buffer | null>();
  for (const s of segs) m.set(s.start, m.has(s.start) ? null : openSegment(ring, s));
  return m;
}

function rowAt(db: Db, seq: number): AuditRow | undefined {
  return stmt(db, 'SELECT * FROM audit_log WHERE seq = ?').get(seq) as AuditRow | undefined;
}

interface ForkAt {
  seq: number;
  sealing: string;
  fork: ForkRecord;
}

function forksOf(db: Db): ForkAt[] {
  const rows = stmt(
    db,
    "SELECT seq, details FROM audit_log WHERE action = 'backup.restore' ORDER BY seq",
  ).all() as {
    seq: number;
    details: string;
  }[];
  const out: ForkAt[] = [];
  for (const r of rows) {
    const d = JSON.parse(r.details) as { fork?: ForkRecord; sealing?: string };
    // Restores recorded before forks were: nothing to account for.
    if (d.fork && typeof d.fork === 'object')
      out.push({ seq: r.seq, sealing: d.sealing ?? '', fork: d.fork });
  }
  return out;
}

/**
 * Checks one restore's fork: the restore entry follows the backup's head it names, and the
 * carried entries are the replaced log's, in order, from the last entry it shared with the backup
 * to its head (each hash recomputed; with the audit key, each seal and the replaced log's key).
 */
function checkFork(
  db: Db,
  f: ForkAt,
  at: { state: SealState; hash: string } | undefined,
  ring: KeyRing | null,
): { seq: number; reason: string } | null {
  const { fork } = f;
  const restore = rowAt(db, f.seq);
  if (!restore || fork.backupHead?.seq !== f.seq - 1 || restore.prev_hash !== fork.backupHead.hash)
    return { seq: f.seq, reason: 'the restore does not follow the backup head it names' };
  if (!fork.replaced)
    return {
      seq: f.seq,
      reason: `the replaced database could not be read at this restore: its entries after #${fork.common} are not accounted for`,
    };
  if (!at)
    return {
      seq: f.seq,
      reason: `the restore names #${fork.common} as shared with the replaced log, which is not in the log`,
    };
  const walk = ring
    ? new SealWalk(
        openStarts(
          (fork.segments ?? []).filter((s) => s.start > fork.common),
          ring,
        ),
        copy(at.state),
      )
    : null;
  const rows = stmt(db, 'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(
    f.seq,
    fork.carried,
  ) as AuditRow[];
  if (rows.length !== fork.carried)
    return { seq: f.seq, reason: `${fork.carried} carried entries recorded, ${rows.length} found` };
  let prev = at.hash;
  let seq = fork.common;
  for (const r of rows) {
    const e = toEntry(r);
    const c = e.details.carried as CarriedRecord | undefined;
    seq++;
    if (!c || c.seq !== seq || c.prevHash !== prev)
      return { seq: r.seq, reason: `carried entry for #${seq} missing or out of order` };
    const original: AuditEntry = { ...e, seq: c.seq, details: c.details };
    if (entryHash(original, c.prevHash) !== c.hash)
      return { seq: r.seq, reason: `the carried copy of #${seq} differs from the replaced entry` };
    const p = walk?.step(c.seq, original, c.hash, c.mac ?? '');
    if (p) return { seq: r.seq, reason: `carried #${seq}: ${p}` };
    prev = c.hash;
  }
  if (seq !== fork.replaced.seq || prev !== fork.replaced.hash)
    return { seq: f.seq, reason: 'the carried entries do not reach the replaced log head' };
  const p = walk?.end(fork.replaced.key);
  if (p) return { seq: f.seq, reason: `replaced log: ${p}` };
  return null;
}

interface Known {
  seq: number;
  hash: string;
  mac?: string;
  restore: number;
}

/** Every entry carried at a restore (at any depth), and each fork's replaced head. */
function carriedHeads(db: Db, forks: readonly ForkAt[]): Known[] {
  const out: Known[] = [];
  const rows = stmt(db, `SELECT seq, details FROM audit_log WHERE details LIKE '%"carried":%'`).all() as {
    seq: number;
    details: string;
  }[];
  for (const r of rows) {
    let c = (JSON.parse(r.details) as { carried?: CarriedRecord }).carried;
    while (c && typeof c === 'object') {
      out.push({ seq: c.seq, hash: c.hash, mac: c.mac, restore: r.seq });
      c = (c.details as { carried?: CarriedRecord } | undefined)?.carried;
    }
  }
  for (const f of forks)
    if (f.fork.replaced) out.push({ seq: f.fork.replaced.seq, hash: f.fork.replaced.hash, restore: f.seq });
  return out;
}

function checkAnchors(
  db: Db,
  anchors: readonly AuditAnchor[],
  forks: readonly ForkAt[],
  lastSeq: number,
): AuditVerifyOutput['anchors'] {
  let carried: Known[] | null = null;
  return anchors.map((a) => {
    const source = a.source ?? 'given';
    const base = { seq: a.seq ?? null, hash: a.hash, source };
    const main = (
      a.seq
        ? rowAt(db, a.seq)
        : (stmt(db, 'SELECT * FROM audit_log WHERE hash = ? ORDER BY seq LIMIT 1').get(a.hash) as
            AuditRow | undefined)
    ) as AuditRow | undefined;
    const macOk = (m: string | undefined) => a.mac === undefined || m === undefined || a.mac === m;
    if (main && main.hash === a.hash && macOk(main.mac))
      return { ...base, status: 'in-chain' as const, detail: `entry #${main.seq}` };
    carried ??= carriedHeads(db, forks);
    const k = carried.find((x) => x.hash === a.hash && (!a.seq || x.seq === a.seq) && macOk(x.mac));
    if (k)
      return {
        ...base,
        status: 'in-fork' as const,
        detail: `#${k.seq} of the log replaced at the restore #${k.restore}, carried over`,
      };
    if (main && main.hash === a.hash)
      return {
        ...base,
        status: 'mismatch' as const,
        detail: `entry #${main.seq} has the anchored hash under another seal: the log was re-sealed`,
      };
    if (a.seq && a.seq > lastSeq)
      return {
        ...base,
        status: 'missing' as const,
        detail: `the log ends at #${lastSeq}, before the anchored #${a.seq}: entries were removed`,
      };
    return {
      ...base,
      status: 'mismatch' as const,
      detail: a.seq
        ? `entry #${a.seq} is not the anchored one: the log up to it was rewritten`
        : 'no entry has the anchored hash: the log was rewritten',
    };
  });
}

/**
 * Walks the chain in seq order and names the first entry that was edited, removed or moved; with
 * the audit key, checks every seal (a non-administrator can re-hash the chain, not re-seal it);
 * checks each restore's carried entries; and says whether each anchored head is still accounted
 * for, in the log or carried over at a restore.
 */
export function verifyAudit(db: Db, opts: VerifyOptions = {}): AuditVerifyOutput {
  const ring = opts.sealed && opts.ring?.current('audit') ? opts.ring : null;
  const segs = segmentsOf(db);
  const stored = readHead(db);
  const forks = forksOf(db);
  const commons = new Set(forks.map((f) => f.fork.common));
  const snapshots = new Map<number, { state: SealState; hash: string }>();
  const state: SealState = { key: null, started: false, paused: false };
  snapshots.set(0, { state: copy(state), hash: GENESIS });
  const walk = ring ? new SealWalk(openStarts(segs, ring), state) : null;

  let broken: { seq: number; reason: string } | null = null;
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  const rows = stmt(db, 'SELECT * FROM audit_log ORDER BY rowid').iterate() as IterableIterator<AuditRow>;
  for (const r of rows) {
    count++;
    if (r.seq !== expectedSeq) {
      broken = { seq: expectedSeq, reason: `entry ${expectedSeq} missing or out of order (found ${r.seq})` };
      break;
    }
    if (r.prev_hash !== prevHash) {
      broken = { seq: r.seq, reason: 'link to the previous entry broken' };
      break;
    }
    const e = toEntry(r);
    if (entryHash(e, r.prev_hash) !== r.hash) {
      broken = { seq: r.seq, reason: 'content changed after it was written' };
      break;
    }
    const p = walk?.step(r.seq, e, r.hash, r.mac);
    if (p) {
      broken = { seq: r.seq, reason: p };
      break;
    }
    if (commons.has(r.seq)) snapshots.set(r.seq, { state: copy(state), hash: r.hash });
    prevHash = r.hash;
    expectedSeq++;
  }
  const last = expectedSeq - 1;
  if (!broken && stored && (stored.seq !== last || stored.hash !== prevHash))
    broken = { seq: expectedSeq, reason: `entries after ${last} were removed` };
  if (!broken && ring) {
    const beyond = segs.find((s) => s.start > last);
    if (beyond)
      broken = {
        seq: beyond.start,
        reason: `entries from #${beyond.start} were removed (a sealing record starts there)`,
      };
    else if (segs.length === 0 && last > 0)
      broken = { seq: 1, reason: 'the log is not sealed: its sealing record was removed' };
    else {
      const p = walk?.end(stored?.key);
      if (p) broken = { seq: expectedSeq, reason: p };
    }
  }
  if (!broken)
    for (const f of forks) {
      broken = checkFork(db, f, snapshots.get(f.fork.common), ring);
      if (broken) break;
    }
  const anchors = checkAnchors(db, opts.anchors ?? [], forks, last);
  const lost = anchors.find((a) => a.status === 'mismatch' || a.status === 'missing');
  if (!broken && lost)
    broken = { seq: lost.seq ?? 0, reason: `anchored head (${lost.source}): ${lost.detail}` };
  state.key?.fill(0);
  return {
    ok: broken === null,
    count,
    firstBroken: broken,
    head: auditHead(db),
    sealing: ring ? 'verified' : opts.sealed ? 'not-checked' : 'none',
    sealedFrom: segs.length ? Math.min(...segs.map((s) => s.start)) : null,
    forks: forks.map((f) => ({
      seq: f.seq,
      backupHead: { seq: f.fork.backupHead?.seq ?? 0, hash: f.fork.backupHead?.hash ?? '' },
      replacedHead: f.fork.replaced ? { seq: f.fork.replaced.seq, hash: f.fork.replaced.hash } : null,
      carried: f.fork.carried,
      sealing: f.sealing,
    })),
    anchors,
  };
}

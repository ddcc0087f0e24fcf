import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileStamp } from '../../../shared/dates';
import type { Clearance, OfficeProfile, Role, SessionUser } from '../../../shared/contract';
import { applyMigrations, type SchemaStep } from '../db/migrations';
import { checkIntegrity, DEFAULT_CIPHER, openEncrypted, stmt, type Cipher, type Db } from '../db/open';
import { crashPoint } from '../crashPoint';
import { AppError, isBusy } from '../errors';
import type { AuditPort, AuditRecord, Provision } from './ports';
import type { SealedData } from './sealedValue';
import { getSetting, putSetting, readOffice } from '../db/settingsStore';
import { calibrateKdf, type KdfParams } from './kdf';
import {
  FIRST_EPOCHS,
  heldBy,
  newGeneration,
  RECOVERY,
  rotated,
  withGrants,
  withoutGrants,
  withoutHolder,
  withoutLegacy,
  withSlot,
} from './keyFileOps';
import {
  KEY_NAMES,
  readKeyFile,
  syncDir,
  writeKeyFile,
  type AnyKeyFile,
  type KeyFileV1,
  type KeyFileV2,
  type KeyName,
  type Slot,
} from './keyfile';
import {
  effectiveClearance,
  keysFor,
  KeyRing,
  LEVELS,
  newKey,
  ringFrom,
  sealGrant,
  type LevelName,
} from './keyRing';
import {
  legacyIdOf,
  legacySlotsOf,
  masterKey,
  masterKeyAsync,
  openLegacyRecovery,
  openLegacySlot,
  openPasswordSlot,
  openRecoverySlot,
  passwordSlot,
  recoverySlot,
} from './keySlots';
import { LoginThrottle, THROTTLE_FILE } from './loginThrottle';
import { claimFile, makePrivate, PRIVATE_DIR_MODE } from './privateFiles';
import { generateRecoveryKey } from './recoveryKey';
import { bindKeys } from './sessionKeys';
import {
  appendSealed,
  ensureSealedFile,
  newSealKeyPair,
  readSealed,
  removeSealed,
  sealedFileState,
  type SealedFileState,
} from './sealedEvents';
import { holderOf, newKeyPair, openFrom, sealTo, type KeyPair } from './x25519';

export const DB_FILE = 'ttll.db';
export const KEY_FILE = 'ttll.keys.json';
/** A key file written before the database change it goes with; promoted or dropped at the next unlock. */
export const NEXT_KEY_FILE = 'ttll.keys.json.next';
const SEALED_FILE = 'locked-events.sealed';
/** The setting naming the sealed-events file a lock left and how many events it held then. */
const SEALED_SETTING = 'vault.sealedFile';
/** The setting naming the login-throttle file the last unlock found (a new one means it was reset). */
const THROTTLE_SETTING = 'vault.throttleFile';
/** The setting naming the key-file generation the database was last sealed for. */
const GENERATION_SETTING = 'vault.keyFileGeneration';
/** Entries re-sealed per transaction during a rotation (each commit is a point progress is shown). */
const RESEAL_CHUNK = 500;
const DEFAULT_KDF: KdfParams = { alg: 'scrypt', N: 16384, r: 8, p: 1 };
const PENDING_RECOVERY = { info: 'ttll-pending-recovery/1', bindKeys: true };

/** Refused by the login throttle; the UI shows the wait. */
export function throttledError(retryAfterSeconds: number): AppError {
  return new AppError(
    'THROTTLED',
    `Too many failed sign-ins: try again in ${retryAfterSeconds} s`,
    undefined,
    retryAfterSeconds,
  );
}

/** Why the sealed-events file is not the one the last lock left, or null when it is. */
function sealedProblem(
  expected: SealedFileState,
  found: SealedFileState | null,
  mine: { id: string | null; n: number } | null,
): 'missing' | 'replaced' | 'shortened' | null {
  if (!found) return 'missing';
  if (found.id !== expected.id) return 'replaced';
  const atLeast = expected.lines + (mine && mine.id === expected.id ? mine.n : 0);
  return found.lines < atLeast ? 'shortened' : null;
}

/**
 * Empties the write-ahead log into the database and truncates it, so page images from before a
 * sealing or a re-sealing do not linger in the -wal file. Best effort: a reader elsewhere may hold
 * an old snapshot; the next checkpoint does it.
 */
function truncateWal(db: Db): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // busy: the log is reused from its start at the next checkpoint anyway
  }
}

/** The default backup folder inside the data folder, and the files the app makes there. */
export const BACKUP_SUBDIR = 'backups';
/** The configured backup folder, or the default one inside the data folder. */
export function backupDirOf(vault: { dataDir: string }, configured: string): string {
  return configured || join(vault.dataDir, BACKUP_SUBDIR);
}

const BACKUP_FILE = /^ttll-.*\.ttllbak(\.keys\.json|\.anchor\.json|\.partial)?$/;
/** Files of the vault's own in the data folder: databases (live, kept, staged) and their sides. */
function isVaultFile(name: string): boolean {
  return (
    name === DB_FILE ||
    name.startsWith(`${DB_FILE}-`) ||
    name.startsWith(`${DB_FILE}.`) ||
    name === KEY_FILE ||
    name.startsWith(`${KEY_FILE}.`) ||
    name === SEALED_FILE ||
    name === THROTTLE_FILE ||
    /^restore-.+\.staging/.test(name)
  );
}

export type VaultState = 'uninitialized' | 'locked' | 'unlocked' | 'damaged';

interface Unlocked {
  db: Db;
  /** The keys of this session: the data key, the level keys up to the clearance, the audit key for administrators. */
  ring: KeyRing;
  /** This user's holder id and key pair in the key file (null on a version 1 vault). */
  holder: string | null;
  pair: KeyPair | null;
  /** The user, with the clearance this session can read: cleared for it and holding its keys. */
  user: SessionUser;
  /** The clearance the users table records (the session's is lower while keys are pending). */
  accountClearance: Clearance;
  office: OfficeProfile;
}

interface UserRow {
  user_name: string;
  full_name: string;
  role: Role;
  clearance: Clearance;
  disabled: number;
  key_holder: string | null;
  must_change_password: number;
}

/** How a password (or the recovery key) opened the key file. */
type Credential =
  | { kind: 'slot'; kf: KeyFileV2; slot: Slot; holder: string; pair: KeyPair; ring: KeyRing }
  | { kind: 'legacy'; kf: AnyKeyFile; legacyId: string; dataKey: Buffer; master: Buffer | null }
  | { kind: 'recovery'; kf: KeyFileV2; ring: KeyRing };

/** Progress of re-sealing data under new keys, for the UI. */
export interface ResealProgress {
  key: LevelName;
  done: number;
  total: number;
}

/** What a change of a user's access did to the key file. */
export interface AccessChange {
  granted: KeyName[];
  revoked: KeyName[];
  /** Keys the user should hold but this session could not grant (not held, or no slot yet). */
  missing: KeyName[];
}

export interface AccessPlan {
  kf: KeyFileV2;
  change: AccessChange;
}

/** A user's slot made in memory, written to the key file once the user's row commits. */
export interface Enrolment {
  userName: string;
  holder: string;
  slot: Slot;
}

/**
 * Owns the keys and the open database for one process (Electron main, host or CLI). The keys
 * never leave this object; locking zeroes them and closes the database.
 */
export class VaultSession {
  private open: Unlocked | null = null;
  /** Set when the key unwrapped but the database file could not be used. */
  private damaged: { reason: string; dataKey: Buffer; userName: string } | null = null;
  private resealing: Promise<ResealProgress[]> | null = null;
  private progress: ResealProgress | null = null;
  /** Events this process sealed into the side file since it last drained it. */
  private sealedAppended: { id: string | null; n: number } | null = null;
  private readonly throttle: LoginThrottle;

  constructor(
    readonly dataDir: string,
    private readonly opts: {
      kdfTargetMs: number;
      cipher?: Cipher;
      /** The audit log every vault act is recorded in (the audit module's, handed in by the core). */
      audit: AuditPort;
      /** The schema steps of every module, applied at unlock. */
      steps: readonly SchemaStep[];
      /** The modules' data kept under level keys. */
      sealed?: readonly SealedData[];
      /** What modules make once per vault: at setup, and at the first unlock of an older vault. */
      provisions?: readonly Provision[];
      now: () => Date;
      busyTimeoutMs?: number;
    },
  ) {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    this.restrictAccess();
    // A throttle file deleted while locked restarts from the failures sealed since the last lock.
    this.throttle = new LoginThrottle(
      join(dataDir, THROTTLE_FILE),
      () => sealedFileState(this.sealedPath)?.lines ?? 0,
    );
  }

  /**
   * Owner-only modes on the data folder (0700) and everything the vault keeps in it (0600):
   * database with -wal and -shm, key file, sealed events, kept databases, and the default backup
   * folder with its backups. Run on open, setup and unlock, so a folder that existed with looser
   * modes is tightened. Other files a user may keep in the folder are not touched.
   */
  private restrictAccess(): void {
    makePrivate(this.dataDir);
    let names: string[];
    try {
      names = readdirSync(this.dataDir);
    } catch {
      return;
    }
    for (const name of names) {
      if (isVaultFile(name)) makePrivate(join(this.dataDir, name));
    }
    if (!names.includes(BACKUP_SUBDIR)) return;
    const backups = join(this.dataDir, BACKUP_SUBDIR);
    try {
      if (!statSync(backups).isDirectory()) return;
      makePrivate(backups);
      for (const name of readdirSync(backups)) if (BACKUP_FILE.test(name)) makePrivate(join(backups, name));
    } catch {
      // an unreadable backups entry is reported when a backup is made or listed
    }
  }

  /** The core's clock. */
  now(): Date {
    return this.opts.now();
  }

  get dbPath(): string {
    return join(this.dataDir, DB_FILE);
  }
  get keyPath(): string {
    return join(this.dataDir, KEY_FILE);
  }
  get nextKeyPath(): string {
    return join(this.dataDir, NEXT_KEY_FILE);
  }
  private get sealedPath(): string {
    return join(this.dataDir, SEALED_FILE);
  }

  state(): VaultState {
    if (this.open) return 'unlocked';
    if (this.damaged) return 'damaged';
    if (!existsSync(this.keyPath) && !existsSync(this.dbPath)) return 'uninitialized';
    return 'locked';
  }

  damagedReason(): string | null {
    return this.damaged?.reason ?? null;
  }

  /** Who proved a password on a damaged vault (the actor of a restore there). */
  damagedUser(): string | null {
    return this.damaged?.userName ?? null;
  }

  /** The unlocked session, or LOCKED. */
  current(): Unlocked {
    if (!this.open) throw new AppError('LOCKED', 'The vault is locked');
    return this.open;
  }

  keyFile(): AnyKeyFile {
    const kf = readKeyFile(this.keyPath);
    if (!kf) throw new AppError('NOT_INITIALIZED', 'This data folder has not been set up');
    return kf;
  }

  /** The key file as a version 2 one; CONFLICT while the vault still waits for its upgrade. */
  private keyFileV2(): KeyFileV2 {
    const kf = this.keyFile();
    if (kf.format !== 'ttll-vault/2')
      throw new AppError('CONFLICT', 'An administrator must sign in once to upgrade this vault first');
    return kf;
  }

  private writeKeys(kf: KeyFileV2): void {
    writeKeyFile(this.keyPath, kf);
  }

  cipher(): Cipher {
    return this.keyFile().cipher;
  }

  /** Re-sealing under way (after a rotation), for the status shown to the user. */
  resealProgress(): ResealProgress | null {
    return this.progress;
  }

  setup(
    office: OfficeProfile,
    admin: { userName: string; fullName: string; password: string; clearance: Clearance },
  ): {
    recoveryKey: string;
    user: SessionUser;
  } {
    if (this.state() !== 'uninitialized')
      throw new AppError('ALREADY_INITIALIZED', 'This data folder is already set up');
    const cipher = this.opts.cipher ?? DEFAULT_CIPHER;
    const recoveryKey = generateRecoveryKey();
    const kdf = calibrateKdf(this.opts.kdfTargetMs);
    const seal = newSealKeyPair();
    const ring = new KeyRing();
    for (const name of KEY_NAMES) ring.put(name, 1, newKey(), true);
    const recoveryPair = newKeyPair();
    const adminPair = newKeyPair();
    let kf: KeyFileV2 = {
      format: 'ttll-vault/2',
      cipher,
      generation: newGeneration(),
      vaultSalt: randomBytes(16).toString('base64'),
      kdf,
      auditSealKey: seal.publicDer,
      slots: [],
      legacySlots: [],
      recovery: recoverySlot(recoveryKey, recoveryPair),
      epochs: { ...FIRST_EPOCHS },
      grants: [],
      retired: [],
      rotate: [],
    };
    recoveryPair.privateDer.fill(0);
    const master = masterKey(kf, admin.userName, admin.password);
    kf = withSlot(kf, passwordSlot(master, adminPair));
    master.fill(0);
    const holder = holderOf(adminPair.publicDer);
    kf = withGrants(kf, RECOVERY, ring, KEY_NAMES).kf;
    const user: SessionUser = {
      userName: admin.userName,
      fullName: admin.fullName,
      role: 'admin',
      clearance: admin.clearance,
      mustChangePassword: false,
    };
    const granted = keysFor({ ...user, disabled: false });
    kf = withGrants(kf, holder, ring, granted).kf;
    const dataKey = ring.current('data')?.key ?? Buffer.alloc(0);

    // Build the database under a temporary name and move it into place only when complete,
    // so a crash during setup leaves an uninitialized folder, not half a vault.
    const building = `${this.dbPath}.creating`;
    rmSync(building, { force: true });
    const db = openEncrypted(building, dataKey.toString('hex'), cipher, { create: true });
    const now = this.opts.now().toISOString();
    try {
      applyMigrations(db, this.opts.steps, this.opts.now);
      db.transaction(() => {
        putSetting(db, 'office', office);
        putSetting(db, 'vault.auditSealPrivate', seal.privateDer);
        putSetting(db, 'vault.kdf', kdf);
        putSetting(db, GENERATION_SETTING, kf.generation);
        db.prepare(
          'INSERT INTO users (user_name, full_name, role, clearance, disabled, created_at, updated_at, key_holder) VALUES (?, ?, ?, ?, 0, ?, ?, ?)',
        ).run(user.userName, user.fullName, user.role, user.clearance, now, now, holder);
        // The log is sealed from its first entry (audit/sealing.ts).
        const audit = ring.current('audit');
        if (audit) this.opts.audit.startSegment(db, audit);
        this.opts.audit.append(db, {
          actor: user.userName,
          action: 'vault.setup',
          targetType: 'office',
          targetId: office.code,
          outcome: 'ok',
          details: { cipher, kdfN: kdf.N },
        });
        this.provide(db, user.userName, office);
      })();
      db.pragma('journal_mode = DELETE'); // fold the WAL into the file before the rename
      db.close();
    } catch (e) {
      db.close();
      rmSync(building, { force: true });
      ring.zero();
      throw e;
    }
    renameSync(building, this.dbPath);
    this.writeKeys(kf);
    this.restrictAccess();
    const slot = kf.slots[0] as Slot;
    this.attach(
      { kind: 'slot', kf, slot, holder, pair: adminPair, ring: ring.only(granted) },
      admin.userName,
      () => null,
    );
    ring.zero();
    return { recoveryKey, user: this.current().user };
  }

  /**
   * Signs in with a name and password; `recoveryKey` is set when this sign-in upgraded the vault.
   * Throttled (THROTTLED, with the seconds to wait) after repeated failures; scrypt runs off the
   * event loop, so other calls are served meanwhile. A session still open then is ended.
   */
  async unlock(userName: string, password: string): Promise<SessionUser & { recoveryKey?: string }> {
    const cur = this.keyFile();
    const wait = this.throttle.attempt(userName, this.opts.now());
    if (!wait.ok) {
      this.recordWhileLocked(cur, {
        action: 'vault.login',
        actor: userName,
        outcome: 'failed',
        reason: 'throttled',
      });
      throw throttledError(wait.retryAfterSeconds);
    }
    const next = this.pendingKeyFile();
    // With a key file waiting to be settled both files are opened ahead: settling, under the write
    // lock, keeps one of them, and nothing slow may run there.
    const [fromNext, fromCur] = await Promise.all([
      next ? this.openWithPassword(next, userName, password) : null,
      this.openWithPassword(cur, userName, password),
    ]);
    const cred = fromNext ?? fromCur;
    if (!cred) {
      this.recordWhileLocked(cur, {
        action: 'vault.login',
        actor: userName,
        outcome: 'failed',
        reason: 'wrong credentials',
      });
      throw new AppError('WRONG_CREDENTIALS', 'Wrong user name or password');
    }
    this.lock(); // another sign-in may have finished while this one waited for scrypt
    const same = (a: AnyKeyFile, b: AnyKeyFile) => JSON.stringify(a) === JSON.stringify(b);
    const reopen = (kf: AnyKeyFile) => [fromNext, fromCur].find((c) => c && same(c.kf, kf)) ?? null;
    const user = this.attach(cred, userName, reopen, password);
    this.throttle.succeeded(userName, this.opts.now());
    return user;
  }

  /**
   * Opens with the recovery key and sets a new password for the user. The session holds every
   * key the recovery key holds (so it can restore a clearance no administrator holds any more).
   */
  async recover(
    recoveryKey: string,
    userName: string,
    newPassword: string,
  ): Promise<SessionUser & { recoveryKey?: string }> {
    const kf = this.keyFile();
    const fail = (): never => {
      this.recordWhileLocked(kf, {
        action: 'vault.recover',
        actor: userName,
        outcome: 'failed',
        reason: 'wrong recovery key',
      });
      throw new AppError('WRONG_CREDENTIALS', 'The recovery key does not open this vault');
    };
    let user: SessionUser & { recoveryKey?: string };
    if (kf.format === 'ttll-vault/1') {
      // A version 1 vault: the recovery key opens the data key; the administrator it is used for
      // upgrades the vault with the new password (and gets a new recovery key).
      const dataKey = openLegacyRecovery(kf, recoveryKey);
      if (!dataKey) return fail();
      user = this.attach(
        { kind: 'legacy', kf, legacyId: '', dataKey, master: null },
        userName,
        () => null,
        newPassword,
        { recovery: true },
      );
    } else {
      const priv = openRecoverySlot(kf, recoveryKey);
      if (!priv) return fail();
      // The slow step before the session opens: nothing is served half-recovered meanwhile.
      const e = await this.prepareEnrolment(userName, newPassword);
      this.lock();
      const ring = ringFrom(kf, RECOVERY, priv, kf.recovery.pub);
      priv.fill(0);
      user = this.attach({ kind: 'recovery', kf, ring }, userName, () => null);
      const o = this.current();
      const row = this.userRow(o.db, userName);
      try {
        // The new slot is written under the write lock, with its audit entry: both or neither.
        o.db
          .transaction(() => {
            stmt(o.db, 'UPDATE users SET key_holder = ? WHERE user_name = ?').run(e.holder, userName);
            this.commitEnrolment(
              { ...e, pair: undefined },
              row?.key_holder ?? null,
              keysFor(this.rowAccess(row)),
            );
            this.opts.audit.append(o.db, {
              actor: userName,
              action: 'vault.recover',
              targetType: 'user',
              targetId: userName,
              outcome: 'ok',
              details: {},
            });
          })
          .immediate();
      } catch (err) {
        this.lock();
        throw err;
      }
      o.holder = e.holder;
      o.pair = e.pair;
      return user;
    }
    this.audit({
      actor: userName,
      action: 'vault.recover',
      targetType: 'user',
      targetId: userName,
      outcome: 'ok',
      details: {},
    });
    return user;
  }

  /** A new slot (and key pair) for a user, made in memory: the slow step, before any write. */
  async prepareEnrolment(userName: string, password: string): Promise<Enrolment & { pair: KeyPair }> {
    const kf = this.keyFileV2();
    const pair = newKeyPair();
    const master = await masterKeyAsync(kf, userName, password);
    const slot = passwordSlot(master, pair);
    master.fill(0);
    return { userName, holder: holderOf(pair.publicDer), slot, pair };
  }

  /**
   * Writes an enrolment into the key file: the new slot, the user's previous slot and grants
   * removed (and their version 1 slot), and the named keys this session holds granted to it.
   */
  commitEnrolment(
    e: Enrolment & { pair?: KeyPair },
    previousHolder: string | null,
    names: readonly KeyName[],
  ): KeyName[] {
    const { ring } = this.current();
    let kf = this.keyFileV2();
    if (previousHolder && previousHolder !== e.holder) kf = withoutHolder(kf, previousHolder);
    if (kf.legacySalt) kf = withoutLegacy(kf, [legacyIdOf(kf.legacySalt, e.userName)]);
    kf = withSlot(kf, e.slot);
    const r = withGrants(kf, e.holder, ring, names);
    this.writeKeys(r.kf);
    e.pair?.privateDer.fill(0);
    return r.missing;
  }

  /** This user's private key wrapped under a new password (the slow step, before the write lock). */
  async prepareOwnSlot(password: string): Promise<Slot> {
    const o = this.current();
    if (!o.pair || !o.holder)
      throw new AppError('CONFLICT', 'An administrator must sign in once to upgrade this vault first');
    const master = await masterKeyAsync(this.keyFileV2(), o.user.userName, password);
    const slot = passwordSlot(master, o.pair);
    master.fill(0);
    return slot;
  }

  /** Replaces this user's slot; grants and data are untouched. Call under the write lock. */
  writeOwnSlot(slot: Slot): void {
    this.writeKeys(withSlot(this.keyFileV2(), slot));
  }

  /**
   * Whether the password is this signed-in user's (their own slot opens with it). Throttled like
   * a sign-in: someone at an unlocked desk could otherwise guess the password here.
   */
  async verifyPassword(
    userName: string,
    password: string,
  ): Promise<'ok' | 'wrong' | { retryAfterSeconds: number }> {
    const o = this.current();
    const wait = this.throttle.attempt(userName, this.opts.now());
    if (!wait.ok) return { retryAfterSeconds: wait.retryAfterSeconds };
    const cred = await this.openWithPassword(this.keyFile(), userName, password);
    if (!cred) return 'wrong';
    let ok = false;
    if (cred.kind === 'slot') {
      cred.ring.zero();
      cred.pair.privateDer.fill(0);
      ok = cred.holder === o.holder;
    } else ok = cred.kind === 'legacy' && o.holder === null;
    if (!ok) return 'wrong';
    this.throttle.succeeded(userName, this.opts.now());
    return 'ok';
  }

  /**
   * Whether the name and password are those of another active administrator (their slot opens
   * with them and is the one the users table names). Throttled like a sign-in, since a signed-in
   * administrator could otherwise guess a colleague's password here.
   */
  async verifyOtherAdmin(
    userName: string,
    password: string,
  ): Promise<'ok' | 'wrong' | { retryAfterSeconds: number }> {
    const o = this.current();
    const kf = this.keyFile();
    const wait = this.throttle.attempt(userName, this.opts.now());
    if (!wait.ok) return { retryAfterSeconds: wait.retryAfterSeconds };
    const cred = await this.openWithPassword(kf, userName, password);
    if (!cred || cred.kind === 'recovery') return 'wrong';
    if (cred.kind === 'slot') {
      cred.ring.zero();
      cred.pair.privateDer.fill(0);
    } else {
      cred.dataKey.fill(0);
      cred.master?.fill(0);
    }
    if (this.open !== o) throw new AppError('LOCKED', 'The vault was locked meanwhile');
    const row = this.userRow(o.db, userName);
    const holder = cred.kind === 'slot' ? cred.holder : null;
    const ok =
      !!row &&
      row.role === 'admin' &&
      row.disabled === 0 &&
      userName !== o.user.userName &&
      (cred.kind === 'legacy' || row.key_holder === holder);
    if (!ok) return 'wrong';
    this.throttle.succeeded(userName, this.opts.now());
    return 'ok';
  }

  /** Whether the recovery key opens this vault (cheap: no slow KDF, it has full entropy). */
  recoveryKeyOpens(recoveryKey: string): boolean {
    const kf = this.keyFile();
    const key =
      kf.format === 'ttll-vault/1' ? openLegacyRecovery(kf, recoveryKey) : openRecoverySlot(kf, recoveryKey);
    key?.fill(0);
    return !!key;
  }

  /** The keys the key file grants to a holder (a user's key_holder). */
  heldBy(holder: string | null): Set<KeyName> {
    return this.grantsNow().of(holder);
  }

  /** Who holds what, from one reading of the key file (for a list of users). */
  grantsNow(): { legacy: boolean; of(holder: string | null): Set<KeyName> } {
    const kf = this.keyFile();
    return {
      legacy: kf.format !== 'ttll-vault/2',
      of: (holder) => (!holder || kf.format !== 'ttll-vault/2' ? new Set() : heldBy(kf, holder)),
    };
  }

  /** True on a vault not yet upgraded from key file version 1 (no level keys yet). */
  isLegacy(): boolean {
    return this.keyFile().format === 'ttll-vault/1';
  }

  /**
   * What bringing a user's grants in line with their role, clearance and state does: grants what
   * they should hold and this session holds, removes the rest (a disabled user's slot and legacy
   * slot too). Level keys removed from someone are due for rotation: rotated at once if this
   * session holds them, else at the next sign-in of someone who does. Nothing is written until
   * writeAccess; call resealStale after it to re-seal the data under the new epochs.
   */
  planAccess(row: {
    userName: string;
    role: Role;
    clearance: Clearance;
    disabled: boolean;
    keyHolder: string | null;
  }): AccessPlan {
    let kf = this.keyFileV2();
    const needed = keysFor(row);
    const held = row.keyHolder ? heldBy(kf, row.keyHolder) : new Set<KeyName>();
    const revoked = [...held].filter((k) => !needed.includes(k));
    let missing: KeyName[] = [];
    if (row.keyHolder) {
      kf = withoutGrants(kf, row.keyHolder, revoked);
      if (row.disabled) kf = withoutHolder(kf, row.keyHolder);
      else {
        const r = withGrants(kf, row.keyHolder, this.current().ring, needed);
        kf = r.kf;
        missing = r.missing;
      }
    } else if (!row.disabled) missing = needed.filter((k) => k !== 'data');
    if (row.disabled && kf.legacySalt) kf = withoutLegacy(kf, [legacyIdOf(kf.legacySalt, row.userName)]);
    const granted = needed.filter((k) => !held.has(k) && !missing.includes(k));
    return { kf, change: { granted, revoked, missing } };
  }

  /** Writes a planned access change, rotating the keys due that this session holds. */
  writeAccess(plan: AccessPlan): void {
    this.writeKeys(this.rotateDue(plan.kf));
  }

  /** Rotates the keys due for rotation that this session holds (new epochs in the key file). */
  private rotateDue(kf: KeyFileV2): KeyFileV2 {
    const { ring } = this.current();
    let out = kf;
    for (const name of kf.rotate) {
      const cur = ring.current(name);
      if (cur && cur.epoch === out.epochs[name]) out = rotated(out, ring, name);
    }
    return out;
  }

  /**
   * Re-seals, in chunks of one transaction each, every row still sealed under an older epoch of a
   * level key this session holds, yielding to the event loop between chunks (so other calls, such
   * as vault.status with resealProgress(), are served). A lock stops it; the next sign-in resumes.
   */
  async resealStale(onProgress?: (p: ResealProgress) => void): Promise<ResealProgress[]> {
    if (this.resealing) return this.resealing;
    const steps = this.resealSteps(this.current(), onProgress);
    this.resealing = (async () => {
      try {
        for (;;) {
          const r = steps.next();
          if (r.done) return r.value;
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        this.resealing = null;
        this.progress = null;
      }
    })();
    return this.resealing;
  }

  /** The same without yielding (after sign-in, in the CLI); skipped while one is under way. */
  resealStaleNow(onProgress?: (p: ResealProgress) => void): ResealProgress[] {
    if (this.resealing) return [];
    const steps = this.resealSteps(this.current(), onProgress);
    try {
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
      }
    } finally {
      this.progress = null;
    }
  }

  private *resealSteps(
    session: Unlocked,
    onProgress?: (p: ResealProgress) => void,
  ): Generator<void, ResealProgress[]> {
    const done: ResealProgress[] = [];
    const sealed = this.opts.sealed ?? [];
    for (const level of LEVELS) {
      const cur = session.ring.current(level);
      if (!cur) continue;
      const total = sealed.reduce((n, s) => n + s.staleCount(session.db, level, cur.epoch), 0);
      if (total === 0) continue;
      const p: ResealProgress = { key: level, done: 0, total };
      this.progress = p;
      onProgress?.({ ...p });
      for (;;) {
        if (this.open !== session) return done;
        const n = session.db
          .transaction(() => {
            const sum = sealed.reduce(
              (n, s) => n + s.reseal(session.db, session.ring, level, RESEAL_CHUNK),
              0,
            );
            crashPoint(`reseal:${level}`, session.db);
            return sum;
          })
          .immediate();
        if (n === 0) break;
        p.done = Math.min(total, p.done + n);
        onProgress?.({ ...p });
        yield;
      }
      done.push({ ...p });
      truncateWal(session.db);
      this.audit({
        actor: session.user.userName,
        action: 'vault.rotate',
        targetType: 'key',
        targetId: level,
        outcome: 'ok',
        details: { epoch: cur.epoch, resealed: p.done },
      });
    }
    return done;
  }

  private pendingProvisions(db: Db): Provision[] {
    return (this.opts.provisions ?? []).filter((p) => p.pending(db));
  }

  /** Makes what the modules lack for this vault, each audited; call inside a transaction. */
  private provide(db: Db, actor: string, office: OfficeProfile): void {
    for (const p of this.pendingProvisions(db))
      this.opts.audit.append(db, { actor, outcome: 'ok', ...p.make(db, { office, actor, now: this.opts.now() }) });
  }

  lock(): void {
    if (this.open) {
      this.open.db.close();
      this.open.ring.zero();
      this.open.pair?.privateDer.fill(0);
      this.open = null;
    }
    if (this.damaged) {
      this.damaged.dataKey.fill(0);
      this.damaged = null;
    }
  }

  /**
   * Locks, recording who and why. Locking never fails: when another process keeps the database
   * busy past the timeout, the entry is sealed like a failed login and moved in at the next unlock.
   */
  lockAudited(reason: string): void {
    if (!this.open) return this.lock();
    const { userName } = this.open.user;
    const { db } = this.open;
    const entry = { actor: userName, action: 'vault.lock', outcome: 'ok' as const };
    try {
      db.transaction(() => {
        this.opts.audit.append(db, { ...entry, targetType: 'user', targetId: userName, details: { reason } });
        // The file that will hold what happens while locked: at the next unlock it must be there,
        // the same file, with at least as many events (drainSealed).
        putSetting(db, SEALED_SETTING, ensureSealedFile(this.sealedPath));
      }).immediate();
    } catch (e) {
      if (!isBusy(e)) throw e;
      this.recordWhileLocked(this.keyFile(), { ...entry, reason });
    } finally {
      this.lock();
    }
  }

  /**
   * Writes an audit entry in its own transaction (for acts outside a handler's transaction).
   * IMMEDIATE: the entry reads the chain head, then writes; a deferred transaction would fail at
   * once (SQLITE_BUSY, no wait) when another connection writes between the two.
   */
  audit(entry: AuditRecord): void {
    const { db } = this.current();
    db.transaction(() => this.opts.audit.append(db, entry)).immediate();
  }

  /** The database's page key of the open session (backups are encrypted with it). */
  dataKey(): Buffer {
    const k = this.current().ring.current('data');
    if (!k) throw new AppError('LOCKED', 'The vault is locked');
    return k.key;
  }

  /** The key of a damaged vault, to verify and restore a backup; null otherwise. */
  keyForRestore(): Buffer | null {
    return this.open?.ring.current('data')?.key ?? this.damaged?.dataKey ?? null;
  }

  // Opening the key file.

  private pendingKeyFile(): AnyKeyFile | null {
    try {
      return readKeyFile(this.nextKeyPath);
    } catch {
      return null; // a torn .next never committed anything: it is dropped at unlock
    }
  }

  /** One scrypt (two while version 1 slots remain); null for a wrong name or password alike. */
  private async openWithPassword(
    kf: AnyKeyFile,
    userName: string,
    password: string,
  ): Promise<Credential | null> {
    if (kf.format === 'ttll-vault/1') {
      const r = await openLegacySlot(legacySlotsOf(kf), kf.vaultSalt, DEFAULT_KDF, userName, password);
      return r ? { kind: 'legacy', kf, legacyId: r.slot.id, dataKey: r.dataKey, master: null } : null;
    }
    const master = await masterKeyAsync(kf, userName, password);
    const s = openPasswordSlot(kf, master);
    if (s) {
      master.fill(0);
      const pair = { publicDer: s.slot.pub, privateDer: s.privateDer };
      const holder = holderOf(s.slot.pub);
      return {
        kind: 'slot',
        kf,
        slot: s.slot,
        holder,
        pair,
        ring: ringFrom(kf, holder, s.privateDer, s.slot.pub),
      };
    }
    if (kf.legacySlots.length === 0 || !kf.legacySalt) {
      master.fill(0);
      return null;
    }
    const r = await openLegacySlot(kf.legacySlots, kf.legacySalt, kf.kdf, userName, password);
    if (!r) {
      master.fill(0);
      return null;
    }
    return { kind: 'legacy', kf, legacyId: r.slot.id, dataKey: r.dataKey, master };
  }

  private dataKeyOf(cred: Credential): Buffer | null {
    return cred.kind === 'legacy' ? cred.dataKey : (cred.ring.current('data')?.key ?? null);
  }

  private userRow(db: Db, userName: string): UserRow | undefined {
    return stmt(db, 'SELECT * FROM users WHERE user_name = ?').get(userName) as UserRow | undefined;
  }

  private rowAccess(row: UserRow | undefined) {
    return {
      role: row?.role ?? 'viewer',
      clearance: row?.clearance ?? 'none',
      disabled: !row || row.disabled === 1,
    };
  }

  /**
   * Opens the database with an unwrapped key. A file that cannot be used puts the session in
   * the damaged state (the file is left untouched) so the user can restore a backup. Then settles
   * a key file written ahead of its database change, upgrades or converts version 1 slots, and
   * brings keys and data in line (grants, rotation, re-sealing).
   */
  private attach(
    credIn: Credential,
    userName: string,
    reopen: (kf: AnyKeyFile) => Credential | null,
    password?: string,
    flags: { recovery?: boolean } = {},
  ): SessionUser & { recoveryKey?: string } {
    let cred = credIn;
    const dataKey = this.dataKeyOf(cred);
    if (!dataKey) throw new AppError('WRONG_CREDENTIALS', 'Wrong user name or password');
    const cipher = cred.kf.cipher;
    this.restrictAccess();
    let db: Db;
    try {
      db = openEncrypted(this.dbPath, dataKey.toString('hex'), cipher, {
        create: false,
        busyTimeoutMs: this.opts.busyTimeoutMs,
      });
    } catch (e) {
      this.damaged = { reason: (e as Error).message, dataKey: Buffer.from(dataKey), userName };
      throw e;
    }
    let row: UserRow | undefined;
    let office: OfficeProfile;
    try {
      const problem = checkIntegrity(db);
      if (problem) throw new AppError('DB_DAMAGED', `integrity check failed: ${problem}`);
      applyMigrations(db, this.opts.steps, this.opts.now);
      row = this.userRow(db, userName);
      office = readOffice(db);
    } catch (e) {
      if (e instanceof AppError && e.code === 'SCHEMA_NEWER') {
        // Not damage: a newer app wrote this file. Leave it as it is and say so.
        db.close();
        throw e;
      }
      // The key was right, so any failure here is the file: a damaged page can make SQLite throw
      // (SQLITE_CORRUPT, a failed page MAC) instead of reporting rows from quick_check. Except
      // another process keeping the lock through a schema upgrade: that is not damage.
      db.close();
      if (isBusy(e)) this.busyAtLogin(userName);
      this.damaged = { reason: (e as Error).message, dataKey: Buffer.from(dataKey), userName };
      throw new AppError('DB_DAMAGED', 'The database file is damaged');
    }
    // Everything below that reads and writes the key file does it under the database's write
    // lock (IMMEDIATE transactions), so two processes signing in at once see one another's edits.
    // The session opens only once its login entry is committed: a login either succeeds with its
    // entry or fails leaving the vault locked.
    let opened: { ring: KeyRing; holder: string | null; pair: KeyPair | null; recoveryKey?: string };
    try {
      const settled = db.transaction(() => this.settlePendingKeyFile(db, cred, reopen)).immediate();
      if (!settled) throw new AppError('WRONG_CREDENTIALS', 'Wrong user name or password');
      cred = settled;
      this.drainSealed(db);
      this.accountThrottle(db);
      const login = (outcome: 'ok' | 'denied', details: Record<string, unknown>) =>
        this.opts.audit.append(db, {
          actor: userName,
          action: 'vault.login',
          targetType: 'user',
          targetId: userName,
          outcome,
          details,
        });
      if (!row || row.disabled) {
        db.transaction(() => login('denied', { reason: row ? 'disabled' : 'no such user' })).immediate();
        throw new AppError(
          row ? 'USER_DISABLED' : 'WRONG_CREDENTIALS',
          row ? 'This account is disabled' : 'Wrong user name or password',
        );
      }
      const r = row;
      const c = cred;
      const first = db.transaction(() => this.keysAtLogin(db, c, r, dataKey, password, flags)).immediate();
      // The upgrade of a version 1 vault runs in a transaction of its own: its key file is switched
      // in after the commit.
      opened =
        first === 'upgrade' && c.kind === 'legacy' && c.kf.format === 'ttll-vault/1'
          ? (this.tryUpgrade(db, c.kf, c.legacyId, r, password ?? '', dataKey, flags) ??
            this.legacyKeys(dataKey))
          : first === 'upgrade'
            ? this.legacyKeys(dataKey)
            : first;
      if (this.pendingProvisions(db).length)
        db.transaction(() => this.provide(db, userName, office)).immediate();
      db.transaction(() => login('ok', {})).immediate();
    } catch (e) {
      db.close();
      if (isBusy(e)) this.busyAtLogin(userName);
      throw e;
    }
    const { ring, holder, pair, recoveryKey } = opened;
    const user: SessionUser = {
      userName: row.user_name,
      fullName: row.full_name,
      role: row.role,
      clearance: effectiveClearance(row.clearance, ring),
      mustChangePassword: row.must_change_password === 1,
    };
    this.damaged = null;
    this.open = { db, ring, holder, pair, user, accountClearance: row.clearance, office };
    bindKeys(db, ring);
    this.resumeSealing();
    this.maintain();
    return recoveryKey ? { ...user, recoveryKey } : user;
  }

  /**
   * The keys of a sign-in, by how the key file was opened: a version 2 slot gives its grants; a
   * version 1 slot of an administrator upgrades the vault; another version 1 slot is converted
   * (version 2 vault) or signs in as before (version 1 vault). Under the write lock.
   */
  private keysAtLogin(
    db: Db,
    cred: Credential,
    row: UserRow,
    dataKey: Buffer,
    password: string | undefined,
    flags: { recovery?: boolean },
  ): { ring: KeyRing; holder: string | null; pair: KeyPair | null; recoveryKey?: string } | 'upgrade' {
    if (cred.kind === 'slot') {
      const { ring, holder, pair } = cred;
      if (row.key_holder !== holder)
        stmt(db, 'UPDATE users SET key_holder = ? WHERE user_name = ?').run(holder, row.user_name);
      const recoveryKey = this.takePendingRecoveryKey(holder, pair.privateDer);
      return { ring, holder, pair, ...(recoveryKey ? { recoveryKey } : {}) };
    }
    if (cred.kind === 'recovery') return { ring: cred.ring, holder: null, pair: null };
    if (cred.kf.format === 'ttll-vault/2') return this.convertLegacySlot(db, cred, row);
    if (row.role === 'admin' && password) return 'upgrade';
    if (flags.recovery)
      throw new AppError(
        'FORBIDDEN',
        'On a vault not yet upgraded, the recovery key is for an administrator',
      );
    return this.legacyKeys(dataKey);
  }

  /** A session on a version 1 vault: it reads and writes as before, classified text in clear. */
  private legacyKeys(dataKey: Buffer): { ring: KeyRing; holder: null; pair: null } {
    const ring = new KeyRing(true);
    ring.put('data', 1, dataKey, true);
    return { ring, holder: null, pair: null };
  }

  /**
   * A key file written ahead of its database change (ttll.keys.json.next) is promoted when the
   * database committed that change (it names the file's generation), dropped otherwise. Returns
   * the credential for the file that stays (opened again with the password if needed).
   */
  private settlePendingKeyFile(
    db: Db,
    cred: Credential,
    reopen: (kf: AnyKeyFile) => Credential | null,
  ): Credential | null {
    const next = this.pendingKeyFile();
    if (!existsSync(this.nextKeyPath)) return cred;
    const nextGeneration = next?.format === 'ttll-vault/2' ? next.generation : null;
    const fromNext = cred.kf.format === 'ttll-vault/2' && cred.kf.generation === nextGeneration;
    if (next && nextGeneration && getSetting(db, GENERATION_SETTING) === nextGeneration) {
      renameSync(this.nextKeyPath, this.keyPath);
      syncDir(this.dataDir);
      return fromNext ? cred : reopen(next);
    }
    rmSync(this.nextKeyPath, { force: true });
    return fromNext ? reopen(this.keyFile()) : cred;
  }

  /**
   * The upgrade of a version 1 vault, at the first sign-in of an administrator: level keys and an
   * audit key are made, the classified data in clear is sealed under them, the key file becomes
   * version 2. All or nothing: the new key file is written beside the old one first, the database
   * commits (naming its generation), then the new file replaces the old (see settlePendingKeyFile).
   * The recovery key changes (the old one can only open the data key): it is returned to show once,
   * and kept sealed to this administrator in the key file until then.
   */
  private upgrade(
    db: Db,
    kf1: KeyFileV1,
    legacyId: string,
    row: UserRow,
    password: string,
    dataKey: Buffer,
    flags: { recovery?: boolean },
  ): { ring: KeyRing; holder: string; pair: KeyPair; recoveryKey: string } {
    const kdf =
      (getSetting(db, 'vault.kdf') as KdfParams | null) ??
      legacySlotsOf(kf1)[0]?.kdf ??
      calibrateKdf(this.opts.kdfTargetMs);
    const full = new KeyRing();
    full.put('data', 1, dataKey, true);
    for (const name of KEY_NAMES) if (name !== 'data') full.put(name, 1, newKey(), true);
    const recoveryKey = generateRecoveryKey();
    const recoveryPair = newKeyPair();
    const pair = newKeyPair();
    const holder = holderOf(pair.publicDer);
    const disabled = new Set(
      (stmt(db, 'SELECT user_name FROM users WHERE disabled = 1').all() as { user_name: string }[]).map((u) =>
        legacyIdOf(kf1.vaultSalt, u.user_name),
      ),
    );
    // The administrator's own version 1 slot goes (converted), and those of disabled users.
    const legacySlots = legacySlotsOf(kf1).filter(
      (s) => s.id !== legacyId && s.id !== legacyIdOf(kf1.vaultSalt, row.user_name) && !disabled.has(s.id),
    );
    let kf: KeyFileV2 = {
      format: 'ttll-vault/2',
      cipher: kf1.cipher,
      generation: newGeneration(),
      vaultSalt: randomBytes(16).toString('base64'),
      kdf,
      auditSealKey: kf1.auditSealKey,
      slots: [],
      legacySlots,
      ...(legacySlots.length ? { legacySalt: kf1.vaultSalt } : {}),
      recovery: recoverySlot(recoveryKey, recoveryPair),
      epochs: { ...FIRST_EPOCHS },
      grants: [],
      retired: [],
      rotate: [],
    };
    recoveryPair.privateDer.fill(0);
    const master = masterKey(kf, row.user_name, password);
    kf = withSlot(kf, passwordSlot(master, pair));
    master.fill(0);
    kf = withGrants(kf, RECOVERY, full, KEY_NAMES).kf;
    const mine = keysFor({ role: row.role, clearance: row.clearance, disabled: false });
    kf = withGrants(kf, holder, full, mine).kf;
    kf = {
      ...kf,
      pendingRecoveryKey: {
        to: holder,
        ...sealTo(
          pair.publicDer,
          Buffer.from(recoveryKey),
          `ttll-pending-recovery/1|${holder}`,
          PENDING_RECOVERY,
        ),
      },
    };

    db.transaction(() => {
      // Under the write lock: no other process is upgrading, or settling a .next file, meanwhile.
      if (this.keyFile().format !== 'ttll-vault/1')
        throw new AppError(
          'BUSY',
          'The vault was upgraded by another sign-in at the same moment; sign in again',
        );
      writeKeyFile(this.nextKeyPath, kf);
      try {
        crashPoint('upgrade-after-next');
        const sealed = (this.opts.sealed ?? []).reduce((n, s) => n + s.sealClear(db, full), 0);
        stmt(db, 'UPDATE users SET key_holder = ? WHERE user_name = ?').run(holder, row.user_name);
        putSetting(db, GENERATION_SETTING, kf.generation);
        // Sealing of the log begins with the upgrade's entry (the audit key is new).
        const audit = full.current('audit');
        if (audit && !this.opts.audit.sealing(db)) this.opts.audit.startSegment(db, audit);
        this.opts.audit.append(db, {
          actor: row.user_name,
          action: 'vault.upgrade',
          targetType: 'vault',
          targetId: KEY_FILE,
          outcome: 'ok',
          details: {
            from: 'ttll-vault/1',
            to: 'ttll-vault/2',
            sealedRows: sealed,
            legacySlotsKept: legacySlots.length,
            disabledSlotsRemoved: legacySlotsOf(kf1).filter((s) => disabled.has(s.id)).length,
            viaRecoveryKey: flags.recovery === true,
          },
        });
      } catch (e) {
        rmSync(this.nextKeyPath, { force: true });
        full.zero();
        throw e;
      }
    }).immediate();
    crashPoint('upgrade-after-commit');
    truncateWal(db);
    // Another process may have promoted it already (settlePendingKeyFile, under the lock).
    if (existsSync(this.nextKeyPath)) renameSync(this.nextKeyPath, this.keyPath);
    syncDir(this.dataDir);
    // Shown now, like the recovery key of a new vault; kept sealed only for a crash before this.
    const { pendingRecoveryKey: _shown, ...rest } = kf;
    this.writeKeys(rest);
    const ring = full.only(mine);
    full.zero();
    return { ring, holder, pair, recoveryKey };
  }

  /** The upgrade, or null (audited, the vault left as it was) when it failed: the user still signs in. */
  private tryUpgrade(
    ...args: Parameters<VaultSession['upgrade']>
  ): ReturnType<VaultSession['upgrade']> | null {
    const [db, , , row] = args;
    try {
      return this.upgrade(...args);
    } catch (e) {
      if (isBusy(e) || (e instanceof AppError && e.code === 'BUSY')) throw e;
      console.error(`[vault] upgrade of the key file failed: ${(e as Error).message}`);
      db.transaction(() =>
        this.opts.audit.append(db, {
          actor: row.user_name,
          action: 'vault.upgrade',
          targetType: 'vault',
          targetId: KEY_FILE,
          outcome: 'failed',
          details: { error: (e as Error).message },
        }),
      )();
      return null;
    }
  }

  /** The recovery key sealed to this user by an upgrade interrupted before it was shown, once. */
  private takePendingRecoveryKey(holder: string, privateDer: Buffer): string | undefined {
    const kf = this.keyFile();
    const p = kf.format === 'ttll-vault/2' ? kf.pendingRecoveryKey : undefined;
    if (kf.format !== 'ttll-vault/2' || !p || p.to !== holder) return undefined;
    const pub = kf.slots.find((s) => holderOf(s.pub) === holder)?.pub ?? '';
    const key = openFrom(
      privateDer,
      pub,
      p.eph,
      p.sealed,
      `ttll-pending-recovery/1|${holder}`,
      PENDING_RECOVERY,
    );
    const { pendingRecoveryKey: _shown, ...rest } = kf;
    this.writeKeys(rest);
    return key?.toString('utf8');
  }

  /**
   * A user with a version 1 slot signs in after the upgrade: they get a key pair and a version 2
   * slot with the data key. Level keys need an administrator to confirm the clearance
   * (users.update): until then the user reads as uncleared (pendingClearance in users.list).
   */
  private convertLegacySlot(
    db: Db,
    cred: Extract<Credential, { kind: 'legacy' }>,
    row: UserRow,
  ): { ring: KeyRing; holder: string; pair: KeyPair } {
    const pair = newKeyPair();
    const holder = holderOf(pair.publicDer);
    const master = cred.master ?? Buffer.alloc(0);
    let next = withSlot(this.keyFileV2(), passwordSlot(master, pair));
    master.fill(0);
    next = withoutLegacy(next, [cred.legacyId]);
    if (row.key_holder) next = withoutHolder(next, row.key_holder);
    const ring = new KeyRing();
    ring.put('data', next.epochs.data, cred.dataKey, true);
    next = {
      ...next,
      grants: [...next.grants, sealGrant(holder, pair.publicDer, 'data', next.epochs.data, cred.dataKey)],
    };
    db.transaction(() =>
      stmt(db, 'UPDATE users SET key_holder = ? WHERE user_name = ?').run(holder, row.user_name),
    )();
    this.writeKeys(next);
    return { ring, holder, pair };
  }

  /**
   * After each sign-in on a version 2 vault: grants follow the users table (a disabled user's slot
   * and grants go, grants above a clearance go: repairs an act interrupted between the database
   * and the key file), keys due for rotation that this session holds are rotated, data in clear
   * that must be sealed is sealed, and data under older epochs is re-sealed.
   */
  private maintain(): void {
    const o = this.current();
    if (this.keyFile().format !== 'ttll-vault/2') return;
    try {
      const sealed = o.db
        .transaction(() => {
          this.reconcile(o.db);
          return (this.opts.sealed ?? []).reduce((n, s) => n + s.sealClear(o.db, o.ring), 0);
        })
        .immediate();
      if (sealed > 0)
        this.audit({
          actor: o.user.userName,
          action: 'vault.upgrade',
          targetType: 'vault',
          targetId: DB_FILE,
          outcome: 'ok',
          details: { sealedRows: sealed },
        });
      this.resealStaleNow();
    } catch (e) {
      if (isBusy(e)) return; // another process is writing: the next sign-in does it
      console.error(`[vault] maintenance after sign-in failed: ${(e as Error).message}`);
      this.audit({
        actor: o.user.userName,
        action: 'vault.rotate',
        targetType: 'vault',
        targetId: KEY_FILE,
        outcome: 'failed',
        details: { error: (e as Error).message },
      });
    }
  }

  /**
   * An administrator's sign-in where the log is not being sealed (a restore made without the
   * audit key paused it): a new sealing segment starts, with an entry saying so. Verify judges
   * whether the unsealed entries before it are explained (audit/verifyChain.ts).
   */
  private resumeSealing(): void {
    const o = this.current();
    const audit = o.ring.current('audit');
    if (!audit || this.keyFile().format !== 'ttll-vault/2') return;
    try {
      o.db
        .transaction(() => {
          if (this.opts.audit.sealing(o.db)) return;
          const start = this.opts.audit.startSegment(o.db, audit);
          this.opts.audit.append(o.db, {
            actor: o.user.userName,
            action: 'audit.seal-start',
            targetType: 'audit',
            targetId: 'chain',
            outcome: 'ok',
            at: this.opts.now().toISOString(),
            details: { from: start },
          });
        })
        .immediate();
    } catch (e) {
      if (!isBusy(e)) throw e; // another process is writing: the next sign-in does it
    }
  }

  /** Brings a database file (a backup being restored) to this app's schema; SCHEMA_NEWER for a newer app's. */
  applySchema(db: Db): void {
    applyMigrations(db, this.opts.steps, this.opts.now);
  }

  /** Grants follow the users table; keys due for rotation that this session holds are rotated. Under the write lock. */
  private reconcile(db: Db): void {
    const kf0 = this.keyFileV2();
    let kf = kf0;
    for (const r of stmt(db, 'SELECT * FROM users').all() as UserRow[]) {
      const access = this.rowAccess(r);
      if (r.key_holder) {
        const extra = [...heldBy(kf, r.key_holder)].filter((k) => !keysFor(access).includes(k));
        kf = withoutGrants(kf, r.key_holder, extra);
        if (access.disabled) kf = withoutHolder(kf, r.key_holder);
      }
      if (access.disabled && kf.legacySalt) kf = withoutLegacy(kf, [legacyIdOf(kf.legacySalt, r.user_name)]);
    }
    kf = this.rotateDue(kf);
    if (JSON.stringify(kf) !== JSON.stringify(kf0)) this.writeKeys(kf);
  }

  /** Office profile edits reach the session without a re-login. */
  refreshOffice(): void {
    const o = this.current();
    o.office = readOffice(o.db);
  }

  private recordWhileLocked(
    kf: AnyKeyFile,
    e: { action: string; actor: string; outcome: 'failed' | 'ok'; reason: string },
  ): void {
    const id = appendSealed(this.sealedPath, kf.auditSealKey, { ...e, at: this.opts.now().toISOString() });
    const mine = this.sealedAppended;
    this.sealedAppended = mine && mine.id === id ? { id, n: mine.n + 1 } : { id, n: 1 };
  }

  /**
   * Moves events sealed while locked into the audit log, in one transaction, then drops the file.
   * The file is read under the write lock, so a second process unlocking at the same moment
   * waits and then finds it gone instead of moving the same events in again. A file that the last
   * lock left and that is now gone, another file, or shorter than it was (or than this process
   * made it) is recorded as 'vault.sealed-missing'.
   */
  private drainSealed(db: Db): void {
    const mine = this.sealedAppended;
    this.sealedAppended = null;
    if (!existsSync(this.sealedPath) && !getSetting(db, SEALED_SETTING)) return;
    const priv = getSetting(db, 'vault.auditSealPrivate') as string | null;
    db.transaction(() => {
      const expected = getSetting(db, SEALED_SETTING) as SealedFileState | null;
      const found = sealedFileState(this.sealedPath);
      const problem = expected ? sealedProblem(expected, found, mine) : null;
      if (problem)
        this.opts.audit.append(db, {
          actor: 'system',
          action: 'vault.sealed-missing',
          targetType: 'file',
          targetId: SEALED_FILE,
          outcome: 'failed',
          at: this.opts.now().toISOString(),
          details: { reason: problem, expected, found },
        });
      if (found && priv) {
        const { events, unreadable } = readSealed(this.sealedPath, priv);
        for (const ev of events as {
          action: string;
          actor: string;
          outcome: 'failed' | 'ok';
          reason: string;
          at: string;
        }[]) {
          this.opts.audit.append(db, {
            actor: ev.actor,
            action: ev.action,
            targetType: 'user',
            targetId: ev.actor,
            outcome: ev.outcome,
            details: { reason: ev.reason, occurredAt: ev.at },
          });
        }
        if (unreadable > 0) {
          this.opts.audit.append(db, {
            actor: 'system',
            action: 'vault.sealed-unreadable',
            targetType: 'file',
            targetId: SEALED_FILE,
            outcome: 'failed',
            details: { lines: unreadable },
          });
        }
      }
      if (expected) putSetting(db, SEALED_SETTING, null);
    }).immediate();
    removeSealed(this.sealedPath);
  }

  /**
   * The login-throttle file the last unlock saw must still be there: a file deleted or replaced
   * (its counters reset) is recorded as 'vault.throttle-reset'; the one found is noted for next time.
   */
  private accountThrottle(db: Db): void {
    const found = this.throttle.fileId(this.opts.now());
    db.transaction(() => {
      const expected = getSetting(db, THROTTLE_SETTING) as string | null;
      if (expected === found) return;
      if (expected)
        this.opts.audit.append(db, {
          actor: 'system',
          action: 'vault.throttle-reset',
          targetType: 'file',
          targetId: THROTTLE_FILE,
          outcome: 'failed',
          at: this.opts.now().toISOString(),
          details: { expected, found },
        });
      putSetting(db, THROTTLE_SETTING, found);
    }).immediate();
  }

  /** Another process kept the write lock past the timeout: the login fails, recorded while locked. */
  private busyAtLogin(userName: string): never {
    this.recordWhileLocked(this.keyFile(), {
      action: 'vault.login',
      actor: userName,
      outcome: 'failed',
      reason: 'database busy',
    });
    throw new AppError('BUSY', 'Another program kept the database busy; you were not signed in. Try again');
  }

  /**
   * Swaps in a verified backup file. The replaced database (with any -wal and -shm) moves onto
   * `kept`, the name claimKeptName gave it (`ttll.db.<label>-<yyyymmdd-hhmmss>[-n]`): that name,
   * and its -wal and -shm, are claimed by exclusive create before anything moves onto them, so
   * restores in the same second, or a file already there, take the next counter and the replaced
   * database is never deleted or overwritten.
   */
  replaceDatabase(verifiedCopy: string, kept: string | null): void {
    this.lock();
    if (kept && existsSync(this.dbPath)) {
      renameSync(this.dbPath, kept); // onto the empty file claimed for it
      for (const ext of ['-wal', '-shm']) {
        if (existsSync(this.dbPath + ext)) renameSync(this.dbPath + ext, kept + ext);
        else rmSync(kept + ext, { force: true }); // our own empty claim, unused
      }
    }
    if (existsSync(this.dbPath))
      throw new AppError('CONFLICT', 'Another database appeared in the data folder during the restore');
    renameSync(verifiedCopy, this.dbPath);
  }

  /** Frees a name claimed for a restore that did not happen (the claims are empty files of ours). */
  releaseKeptName(name: string): void {
    for (const p of [name, `${name}-wal`, `${name}-shm`]) rmSync(p, { force: true });
  }

  /** A name of its own for the database about to be replaced (null when there is none): never an existing file. */
  claimKeptName(label: string): string | null {
    if (!existsSync(this.dbPath)) return null;
    const now = this.opts.now();
    const stamp = `${fileStamp(now)}${String(now.getUTCSeconds()).padStart(2, '0')}`;
    for (let n = 1; ; n++) {
      const name = `${this.dbPath}.${label}-${stamp}${n > 1 ? `-${n}` : ''}`;
      const claimed: string[] = [];
      for (const p of [name, `${name}-wal`, `${name}-shm`]) {
        if (!claimFile(p)) break;
        claimed.push(p);
      }
      if (claimed.length === 3) return name;
      for (const p of claimed) rmSync(p, { force: true }); // ours, empty; try the next counter
    }
  }
}

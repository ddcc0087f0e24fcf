import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clearance, OfficeProfile, Role, SessionUser } from '../../../shared/contract';
import { applyMigrations, type SchemaStep } from '../db/migrations';
import { checkIntegrity, DEFAULT_CIPHER, openEncrypted, type Cipher, type Db } from '../db/open';
import { readOffice } from '../db/settingsStore';
import { AppError, isBusy } from '../errors';
import { planAccess, reconcileGrants, rotateDue, type AccessPlan } from './accessPlan';
import { dataKeyOf, legacyKeys, openWithPassword, type Credential, type SessionKeys } from './credentials';
import { claimKeptName, releaseKeptName, replaceDatabase } from './databaseSwap';
import { DB_FILE, KEY_FILE, restrictAccess } from './dataFolder';
import { heldBy, RECOVERY, withGrants, withoutHolder, withoutLegacy, withSlot } from './keyFileOps';
import { KeyFileStore } from './keyFileStore';
import type { AnyKeyFile, KeyName, Slot } from './keyfile';
import { effectiveClearance, keysFor, type KeyRing, ringFrom } from './keyRing';
import { legacyIdOf, masterKeyAsync, openLegacyRecovery, openRecoverySlot, passwordSlot } from './keySlots';
import { accountThrottle, LockedEvents, type LockedEvent } from './lockedEvents';
import { LoginThrottle, THROTTLE_FILE } from './loginThrottle';
import { createVault } from './newVault';
import type { AuditPort, AuditRecord, Provision } from './ports';
import { PRIVATE_DIR_MODE } from './privateFiles';
import { Resealer, type ResealProgress } from './reseal';
import type { SealedData } from './sealedValue';
import { bindKeys } from './sessionKeys';
import { convertLegacySlot, takePendingRecoveryKey, tryUpgrade, type UpgradeDeps } from './upgrade';
import { allUserRows, rowAccess, setKeyHolder, userRow, type UserRow } from './userRows';
import { holderOf, newKeyPair, type KeyPair } from './x25519';

/*
 * The session of one process over a data folder: its state (uninitialized, locked, unlocked,
 * damaged), sign-in and recovery, what a sign-in brings in line, lock, and the user-key
 * operations other modules call. The jobs it delegates have files of their own: the data folder
 * (dataFolder.ts), the key file on disk (keyFileStore.ts), opening it with a password
 * (credentials.ts), making a vault (newVault.ts), the version 1 upgrade (upgrade.ts), grants
 * (accessPlan.ts), re-sealing (reseal.ts), events while locked (lockedEvents.ts) and the file
 * moves of a restore (databaseSwap.ts).
 */

/** Refused by the login throttle; the UI shows the wait. */
export function throttledError(retryAfterSeconds: number): AppError {
  return new AppError(
    'THROTTLED',
    `Too many failed sign-ins: try again in ${retryAfterSeconds} s`,
    undefined,
    retryAfterSeconds,
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
  private readonly keys: KeyFileStore;
  private readonly throttle: LoginThrottle;
  private readonly lockedEvents: LockedEvents;
  private readonly resealer: Resealer;

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
    restrictAccess(dataDir);
    this.keys = new KeyFileStore(dataDir);
    this.lockedEvents = new LockedEvents(dataDir, opts.audit, opts.now);
    // A throttle file deleted while locked restarts from the failures sealed since the last lock.
    this.throttle = new LoginThrottle(join(dataDir, THROTTLE_FILE), () => this.lockedEvents.lines());
    this.resealer = new Resealer({
      sealed: opts.sealed ?? [],
      isOpen: (session) => this.open === session,
      audit: (entry) => this.audit(entry),
    });
  }

  /** The core's clock. */
  now(): Date {
    return this.opts.now();
  }

  get dbPath(): string {
    return join(this.dataDir, DB_FILE);
  }
  get keyPath(): string {
    return this.keys.path;
  }
  get nextKeyPath(): string {
    return this.keys.nextPath;
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
    return this.keys.read();
  }

  cipher(): Cipher {
    return this.keyFile().cipher;
  }

  /** Re-sealing under way (after a rotation), for the status shown to the user. */
  resealProgress(): ResealProgress | null {
    return this.resealer.progress();
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
    const made = createVault(
      {
        dbPath: this.dbPath,
        cipher: this.opts.cipher ?? DEFAULT_CIPHER,
        kdfTargetMs: this.opts.kdfTargetMs,
        steps: this.opts.steps,
        audit: this.opts.audit,
        now: this.opts.now,
        provide: (db, actor) => this.provide(db, actor, office),
      },
      office,
      admin,
    );
    this.keys.write(made.kf);
    restrictAccess(this.dataDir);
    this.attach(made.cred, admin.userName, () => null);
    made.ring.zero();
    return { recoveryKey: made.recoveryKey, user: this.current().user };
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
    const next = this.keys.pending();
    // With a key file waiting to be settled both files are opened ahead: settling, under the write
    // lock, keeps one of them, and nothing slow may run there.
    const [fromNext, fromCur] = await Promise.all([
      next ? openWithPassword(next, userName, password) : null,
      openWithPassword(cur, userName, password),
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
      const row = userRow(o.db, userName);
      try {
        // The new slot is written under the write lock, with its audit entry: both or neither.
        o.db
          .transaction(() => {
            setKeyHolder(o.db, userName, e.holder);
            this.commitEnrolment({ ...e, pair: undefined }, row?.key_holder ?? null, keysFor(rowAccess(row)));
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
    const kf = this.keys.v2();
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
    let kf = this.keys.v2();
    if (previousHolder && previousHolder !== e.holder) kf = withoutHolder(kf, previousHolder);
    if (kf.legacySalt) kf = withoutLegacy(kf, [legacyIdOf(kf.legacySalt, e.userName)]);
    kf = withSlot(kf, e.slot);
    const r = withGrants(kf, e.holder, ring, names);
    this.keys.write(r.kf);
    e.pair?.privateDer.fill(0);
    return r.missing;
  }

  /** This user's private key wrapped under a new password (the slow step, before the write lock). */
  async prepareOwnSlot(password: string): Promise<Slot> {
    const o = this.current();
    if (!o.pair || !o.holder)
      throw new AppError('CONFLICT', 'An administrator must sign in once to upgrade this vault first');
    const master = await masterKeyAsync(this.keys.v2(), o.user.userName, password);
    const slot = passwordSlot(master, o.pair);
    master.fill(0);
    return slot;
  }

  /** Replaces this user's slot; grants and data are untouched. Call under the write lock. */
  writeOwnSlot(slot: Slot): void {
    this.keys.write(withSlot(this.keys.v2(), slot));
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
    const cred = await openWithPassword(this.keyFile(), userName, password);
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
    const cred = await openWithPassword(kf, userName, password);
    if (!cred || cred.kind === 'recovery') return 'wrong';
    if (cred.kind === 'slot') {
      cred.ring.zero();
      cred.pair.privateDer.fill(0);
    } else {
      cred.dataKey.fill(0);
      cred.master?.fill(0);
    }
    if (this.open !== o) throw new AppError('LOCKED', 'The vault was locked meanwhile');
    const row = userRow(o.db, userName);
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
    const kf = this.keys.v2();
    return planAccess(kf, this.current().ring, row);
  }

  /** Writes a planned access change, rotating the keys due that this session holds. */
  writeAccess(plan: AccessPlan): void {
    this.keys.write(rotateDue(plan.kf, this.current().ring));
  }

  /**
   * Re-seals, in chunks of one transaction each, every row still sealed under an older epoch of a
   * level key this session holds, yielding to the event loop between chunks (so other calls, such
   * as vault.status with resealProgress(), are served). A lock stops it; the next sign-in resumes.
   */
  resealStale(onProgress?: (p: ResealProgress) => void): Promise<ResealProgress[]> {
    return this.resealer.run(() => this.current(), onProgress);
  }

  /** The same without yielding (after sign-in, in the CLI); skipped while one is under way. */
  resealStaleNow(onProgress?: (p: ResealProgress) => void): ResealProgress[] {
    return this.resealer.runNow(() => this.current(), onProgress);
  }

  private pendingProvisions(db: Db): Provision[] {
    return (this.opts.provisions ?? []).filter((p) => p.pending(db));
  }

  /** Makes what the modules lack for this vault, each audited; call inside a transaction. */
  private provide(db: Db, actor: string, office: OfficeProfile): void {
    for (const p of this.pendingProvisions(db))
      this.opts.audit.append(db, {
        actor,
        outcome: 'ok',
        ...p.make(db, { office, actor, now: this.opts.now() }),
      });
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
        // the same file, with at least as many events (LockedEvents.drain).
        this.lockedEvents.expect(db);
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
    const dataKey = dataKeyOf(cred);
    if (!dataKey) throw new AppError('WRONG_CREDENTIALS', 'Wrong user name or password');
    const cipher = cred.kf.cipher;
    restrictAccess(this.dataDir);
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
      row = userRow(db, userName);
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
    let opened: SessionKeys;
    try {
      const settled = db.transaction(() => this.keys.settle(db, cred, reopen)).immediate();
      if (!settled) throw new AppError('WRONG_CREDENTIALS', 'Wrong user name or password');
      cred = settled;
      this.lockedEvents.drain(db);
      accountThrottle(db, this.throttle, this.opts.audit, this.opts.now);
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
          ? (tryUpgrade(this.upgradeDeps(), db, c.kf, c.legacyId, r, password ?? '', dataKey, flags) ??
            legacyKeys(dataKey))
          : first === 'upgrade'
            ? legacyKeys(dataKey)
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
  ): SessionKeys | 'upgrade' {
    if (cred.kind === 'slot') {
      const { ring, holder, pair } = cred;
      if (row.key_holder !== holder) setKeyHolder(db, row.user_name, holder);
      const recoveryKey = takePendingRecoveryKey(this.keys, holder, pair.privateDer);
      return { ring, holder, pair, ...(recoveryKey ? { recoveryKey } : {}) };
    }
    if (cred.kind === 'recovery') return { ring: cred.ring, holder: null, pair: null };
    if (cred.kf.format === 'ttll-vault/2') return convertLegacySlot(this.keys, db, cred, row);
    if (row.role === 'admin' && password) return 'upgrade';
    if (flags.recovery)
      throw new AppError(
        'FORBIDDEN',
        'On a vault not yet upgraded, the recovery key is for an administrator',
      );
    return legacyKeys(dataKey);
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
          this.reconcile(o.db, o.ring);
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
  private reconcile(db: Db, ring: KeyRing): void {
    const kf0 = this.keys.v2();
    const kf = reconcileGrants(kf0, allUserRows(db), ring);
    if (JSON.stringify(kf) !== JSON.stringify(kf0)) this.keys.write(kf);
  }

  private upgradeDeps(): UpgradeDeps {
    return {
      dataDir: this.dataDir,
      keys: this.keys,
      audit: this.opts.audit,
      sealed: this.opts.sealed ?? [],
      kdfTargetMs: this.opts.kdfTargetMs,
    };
  }

  /** Office profile edits reach the session without a re-login. */
  refreshOffice(): void {
    const o = this.current();
    o.office = readOffice(o.db);
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
   * Swaps in a verified backup file (databaseSwap.ts): the session locks, the replaced database
   * moves onto `kept`, the name claimKeptName gave it.
   */
  replaceDatabase(verifiedCopy: string, kept: string | null): void {
    this.lock();
    replaceDatabase(this.dbPath, verifiedCopy, kept);
  }

  /** Frees a name claimed for a restore that did not happen (the claims are empty files of ours). */
  releaseKeptName(name: string): void {
    releaseKeptName(name);
  }

  /** A name of its own for the database about to be replaced (null when there is none): never an existing file. */
  claimKeptName(label: string): string | null {
    return claimKeptName(this.dbPath, label, this.opts.now());
  }

  /** Seals an event to the audit key while the database cannot be written (lockedEvents.ts). */
  private recordWhileLocked(kf: AnyKeyFile, e: LockedEvent): void {
    this.lockedEvents.record(kf.auditSealKey, e);
  }
}

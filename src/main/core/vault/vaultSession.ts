import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileStamp } from '../../../shared/dates';
import type { Clearance, OfficeProfile, Role, SessionUser } from '../../../shared/contract';
import { appendAudit, type AuditInput } from '../audit/auditLog';
import { applyMigrations, type SchemaStep } from '../db/migrations';
import { checkIntegrity, DEFAULT_CIPHER, openEncrypted, type Cipher, type Db } from '../db/open';
import { AppError, isBusy } from '../errors';
import { getSetting, putSetting, readOffice } from '../settings/settingsStore';
import { calibrateKdf, type KdfParams } from './kdf';
import { readKeyFile, writeKeyFile, type KeyFile } from './keyfile';
import { passwordSlot, recoverySlot, unwrapWithPassword, unwrapWithRecovery, withSlot } from './keySlots';
import { claimFile, makePrivate, PRIVATE_DIR_MODE } from './privateFiles';
import { generateRecoveryKey } from './recoveryKey';
import { appendSealed, newSealKeyPair, readSealed, removeSealed } from './sealedEvents';

export const DB_FILE = 'ttll.db';
export const KEY_FILE = 'ttll.keys.json';
const SEALED_FILE = 'locked-events.sealed';
/** The default backup folder inside the data folder, and the files the app makes there. */
export const BACKUP_SUBDIR = 'backups';
const BACKUP_FILE = /^ttll-.*\.ttllbak(\.keys\.json|\.partial)?$/;
/** Files of the vault's own in the data folder: databases (live, kept, staged) and their sides. */
function isVaultFile(name: string): boolean {
  return (
    name === DB_FILE ||
    name.startsWith(`${DB_FILE}-`) ||
    name.startsWith(`${DB_FILE}.`) ||
    name === KEY_FILE ||
    name.startsWith(`${KEY_FILE}.`) ||
    name === SEALED_FILE ||
    /^restore-.+\.staging/.test(name)
  );
}

export type VaultState = 'uninitialized' | 'locked' | 'unlocked' | 'damaged';

interface Unlocked {
  db: Db;
  dataKey: Buffer;
  user: SessionUser;
  office: OfficeProfile;
}

interface UserRow {
  user_name: string;
  full_name: string;
  role: Role;
  clearance: Clearance;
  disabled: number;
  must_change_password: number;
}

/**
 * Owns the data key and the open database for one process (Electron main, host or CLI).
 * The key never leaves this object; locking zeroes it and closes the database.
 */
export class VaultSession {
  private open: Unlocked | null = null;
  /** Set when the key unwrapped but the database file could not be used. */
  private damaged: { reason: string; dataKey: Buffer; userName: string } | null = null;

  constructor(
    readonly dataDir: string,
    private readonly opts: {
      kdfTargetMs: number;
      cipher?: Cipher;
      /** The schema steps of every module, applied at unlock. */
      steps: readonly SchemaStep[];
      now: () => Date;
      busyTimeoutMs?: number;
    },
  ) {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    this.restrictAccess();
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

  keyFile(): KeyFile {
    const kf = readKeyFile(this.keyPath);
    if (!kf) throw new AppError('NOT_INITIALIZED', 'This data folder has not been set up');
    return kf;
  }

  cipher(): Cipher {
    return this.keyFile().cipher;
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
    const dataKey = randomBytes(32);
    const recoveryKey = generateRecoveryKey();
    const kdf = calibrateKdf(this.opts.kdfTargetMs);
    const seal = newSealKeyPair();
    const base: KeyFile = {
      format: 'ttll-vault/1',
      cipher,
      vaultSalt: randomBytes(16).toString('base64'),
      auditSealKey: seal.publicDer,
      slots: [],
    };
    const kf = withSlot(
      withSlot(base, passwordSlot(base, admin.userName, admin.password, dataKey, kdf)),
      recoverySlot(recoveryKey, dataKey),
    );

    // Build the database under a temporary name and move it into place only when complete,
    // so a crash during setup leaves an uninitialized folder, not half a vault.
    const building = `${this.dbPath}.creating`;
    rmSync(building, { force: true });
    const db = openEncrypted(building, dataKey.toString('hex'), cipher, { create: true });
    const now = this.opts.now().toISOString();
    const user: SessionUser = {
      userName: admin.userName,
      fullName: admin.fullName,
      role: 'admin',
      clearance: admin.clearance,
      mustChangePassword: false,
    };
    try {
      applyMigrations(db, this.opts.steps, this.opts.now);
      db.transaction(() => {
        putSetting(db, 'office', office);
        putSetting(db, 'vault.auditSealPrivate', seal.privateDer);
        putSetting(db, 'vault.kdf', kdf);
        db.prepare(
          'INSERT INTO users (user_name, full_name, role, clearance, disabled, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)',
        ).run(user.userName, user.fullName, user.role, user.clearance, now, now);
        appendAudit(db, {
          actor: user.userName,
          action: 'vault.setup',
          targetType: 'office',
          targetId: office.code,
          outcome: 'ok',
          details: { cipher, kdfN: kdf.N },
        });
      })();
      db.pragma('journal_mode = DELETE'); // fold the WAL into the file before the rename
      db.close();
    } catch (e) {
      db.close();
      rmSync(building, { force: true });
      throw e;
    }
    renameSync(building, this.dbPath);
    writeKeyFile(this.keyPath, kf);
    this.restrictAccess();
    this.attach(dataKey, admin.userName, cipher);
    return { recoveryKey, user };
  }

  unlock(userName: string, password: string): SessionUser {
    const kf = this.keyFile();
    const dataKey = unwrapWithPassword(kf, userName, password);
    if (!dataKey) {
      this.recordWhileLocked(kf, {
        action: 'vault.login',
        actor: userName,
        outcome: 'failed',
        reason: 'wrong credentials',
      });
      throw new AppError('WRONG_CREDENTIALS', 'Wrong user name or password');
    }
    return this.attach(dataKey, userName, kf.cipher);
  }

  recover(recoveryKey: string, userName: string, newPassword: string): SessionUser {
    const kf = this.keyFile();
    const dataKey = unwrapWithRecovery(kf, recoveryKey);
    if (!dataKey) {
      this.recordWhileLocked(kf, {
        action: 'vault.recover',
        actor: userName,
        outcome: 'failed',
        reason: 'wrong recovery key',
      });
      throw new AppError('WRONG_CREDENTIALS', 'The recovery key does not open this vault');
    }
    const user = this.attach(dataKey, userName, kf.cipher);
    const { db } = this.current();
    try {
      // The new key slot is written under the write lock, with its audit entry: both or neither.
      db.transaction(() => {
        this.setPassword(userName, newPassword);
        appendAudit(db, {
          actor: userName,
          action: 'vault.recover',
          targetType: 'user',
          targetId: userName,
          outcome: 'ok',
          details: {},
        });
      }).immediate();
    } catch (e) {
      this.lock();
      throw e;
    }
    return user;
  }

  /** Re-wraps the data key for a user; the database itself is not re-encrypted. */
  setPassword(userName: string, password: string): void {
    const { dataKey, db } = this.current();
    const kdf = (getSetting(db, 'vault.kdf') as KdfParams | null) ?? calibrateKdf(this.opts.kdfTargetMs);
    const kf = this.keyFile();
    writeKeyFile(this.keyPath, withSlot(kf, passwordSlot(kf, userName, password, dataKey, kdf)));
  }

  verifyPassword(userName: string, password: string): boolean {
    return unwrapWithPassword(this.keyFile(), userName, password) !== null;
  }

  lock(): void {
    if (this.open) {
      this.open.db.close();
      this.open.dataKey.fill(0);
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
    const entry = { actor: userName, action: 'vault.lock', outcome: 'ok' as const };
    try {
      this.audit({ ...entry, targetType: 'user', targetId: userName, details: { reason } });
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
  audit(entry: AuditInput): void {
    const { db } = this.current();
    db.transaction(() => appendAudit(db, entry)).immediate();
  }

  /** The key of a damaged vault, to verify and restore a backup; null otherwise. */
  keyForRestore(): Buffer | null {
    return this.open?.dataKey ?? this.damaged?.dataKey ?? null;
  }

  /**
   * Opens the database with an unwrapped key. A file that cannot be used puts the session in
   * the damaged state (the file is left untouched) so the user can restore a backup.
   */
  private attach(dataKey: Buffer, userName: string, cipher: Cipher): SessionUser {
    this.restrictAccess();
    let db: Db;
    try {
      db = openEncrypted(this.dbPath, dataKey.toString('hex'), cipher, {
        create: false,
        busyTimeoutMs: this.opts.busyTimeoutMs,
      });
    } catch (e) {
      this.damaged = { reason: (e as Error).message, dataKey, userName };
      throw e;
    }
    let row: UserRow | undefined;
    let office: OfficeProfile;
    try {
      const problem = checkIntegrity(db);
      if (problem) throw new AppError('DB_DAMAGED', `integrity check failed: ${problem}`);
      applyMigrations(db, this.opts.steps, this.opts.now);
      row = db.prepare('SELECT * FROM users WHERE user_name = ?').get(userName) as UserRow | undefined;
      office = readOffice(db);
    } catch (e) {
      if (e instanceof AppError && e.code === 'SCHEMA_NEWER') {
        // Not damage: a newer app wrote this file. Leave it as it is and say so.
        db.close();
        dataKey.fill(0);
        throw e;
      }
      // The key was right, so any failure here is the file: a damaged page can make SQLite throw
      // (SQLITE_CORRUPT, a failed page MAC) instead of reporting rows from quick_check. Except
      // another process keeping the lock through a schema upgrade: that is not damage.
      db.close();
      if (isBusy(e)) this.busyAtLogin(dataKey, userName);
      this.damaged = { reason: (e as Error).message, dataKey, userName };
      throw new AppError('DB_DAMAGED', 'The database file is damaged');
    }
    // The session opens only once its login entry is committed: a login either succeeds with
    // its entry or fails leaving the vault locked (each write below waits for the lock).
    try {
      this.drainSealed(db);
      const login = (outcome: 'ok' | 'denied', details: Record<string, unknown>) =>
        db
          .transaction(() =>
            appendAudit(db, {
              actor: userName,
              action: 'vault.login',
              targetType: 'user',
              targetId: userName,
              outcome,
              details,
            }),
          )
          .immediate();
      if (!row || row.disabled) {
        login('denied', { reason: row ? 'disabled' : 'no such user' });
        throw new AppError(
          row ? 'USER_DISABLED' : 'WRONG_CREDENTIALS',
          row ? 'This account is disabled' : 'Wrong user name or password',
        );
      }
      login('ok', {});
    } catch (e) {
      db.close();
      if (isBusy(e)) this.busyAtLogin(dataKey, userName);
      dataKey.fill(0);
      throw e;
    }
    const user: SessionUser = {
      userName: row.user_name,
      fullName: row.full_name,
      role: row.role,
      clearance: row.clearance,
      mustChangePassword: row.must_change_password === 1,
    };
    this.damaged = null;
    this.open = { db, dataKey, user, office };
    return user;
  }

  /** Another process kept the write lock past the timeout: the login fails, recorded while locked. */
  private busyAtLogin(dataKey: Buffer, userName: string): never {
    dataKey.fill(0);
    this.recordWhileLocked(this.keyFile(), {
      action: 'vault.login',
      actor: userName,
      outcome: 'failed',
      reason: 'database busy',
    });
    throw new AppError('BUSY', 'Another program kept the database busy; you were not signed in. Try again');
  }

  /** Office profile edits reach the session without a re-login. */
  refreshOffice(): void {
    const o = this.current();
    o.office = readOffice(o.db);
  }

  private recordWhileLocked(
    kf: KeyFile,
    e: { action: string; actor: string; outcome: 'failed' | 'ok'; reason: string },
  ): void {
    appendSealed(this.sealedPath, kf.auditSealKey, { ...e, at: this.opts.now().toISOString() });
  }

  /**
   * Moves events sealed while locked into the audit log, in one transaction, then drops the file.
   * The file is read under the write lock, so a second process unlocking at the same moment
   * waits and then finds it gone instead of moving the same events in again.
   */
  private drainSealed(db: Db): void {
    const priv = getSetting(db, 'vault.auditSealPrivate') as string | null;
    if (!priv || !existsSync(this.sealedPath)) return;
    db.transaction(() => {
      const { events, unreadable } = readSealed(this.sealedPath, priv);
      for (const ev of events as {
        action: string;
        actor: string;
        outcome: 'failed' | 'ok';
        reason: string;
        at: string;
      }[]) {
        appendAudit(db, {
          actor: ev.actor,
          action: ev.action,
          targetType: 'user',
          targetId: ev.actor,
          outcome: ev.outcome,
          details: { reason: ev.reason, occurredAt: ev.at },
        });
      }
      if (unreadable > 0) {
        appendAudit(db, {
          actor: 'system',
          action: 'vault.sealed-unreadable',
          targetType: 'file',
          targetId: SEALED_FILE,
          outcome: 'failed',
          details: { lines: unreadable },
        });
      }
    }).immediate();
    removeSealed(this.sealedPath);
  }

  /**
   * Swaps in a verified backup file. The replaced database (with any -wal and -shm) is kept
   * beside it as `ttll.db.<label>-<yyyymmdd-hhmmss>[-n]`, never deleted or overwritten: the
   * name, and its -wal and -shm, are claimed by exclusive create before anything moves onto
   * them, so restores in the same second, or a file already there, take the next counter.
   */
  replaceDatabase(verifiedCopy: string, label: string): string | null {
    this.lock();
    let kept: string | null = null;
    if (existsSync(this.dbPath)) {
      kept = this.claimKeptName(label);
      renameSync(this.dbPath, kept); // onto the empty file claimed for it
      for (const ext of ['-wal', '-shm']) {
        if (existsSync(this.dbPath + ext)) renameSync(this.dbPath + ext, kept + ext);
        else rmSync(kept + ext, { force: true }); // our own empty claim, unused
      }
    }
    if (existsSync(this.dbPath))
      throw new AppError('CONFLICT', 'Another database appeared in the data folder during the restore');
    renameSync(verifiedCopy, this.dbPath);
    return kept;
  }

  private claimKeptName(label: string): string {
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

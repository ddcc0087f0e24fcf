import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { appendAudit } from '../audit/auditLog';
import { appendCarried, forkOf } from '../audit/fork';
import { startSegment, withholdKey } from '../audit/sealing';
import { applyKey, openEncrypted, type Cipher, type Db } from '../db/open';
import { AppError } from '../errors';
import { getSetting, newIncarnation, putSetting, readSettings, writeSettings } from '../db/settingsStore';
import { backupDirOf } from '../vault/dataFolder';
import type { VaultSession } from '../vault/vaultSession';
import {
  createBackup,
  pruneBackups,
  removeStaged,
  stagingCopy,
  verifyBackup,
  verifyBackupKeyFile,
  type BackupInfo,
} from './backupFiles';

/** Folders backups of this vault were written to: the only ones, besides the scheduled one, it lists. */
export const KNOWN_BACKUP_DIRS = 'backup.knownDirs';

/** Makes a verified backup, prunes old ones, records it; actor 'system' for the schedule. */
export function backupNow(
  vault: VaultSession,
  actor: string,
  dir: string | undefined,
  now: Date,
): BackupInfo {
  const { db, office } = vault.current();
  const dataKey = vault.dataKey();
  const settings = readSettings(db);
  const target = dir || backupDirOf(vault, settings.backupDir);
  let info: BackupInfo;
  try {
    info = createBackup(db, dataKey.toString('hex'), vault.cipher(), vault.keyPath, target, office.code, now);
  } catch (e) {
    db.transaction(() =>
      appendAudit(db, {
        actor,
        action: 'backup.create',
        targetType: 'backup',
        targetId: target,
        outcome: 'failed',
        details: { error: (e as Error).message },
      }),
    ).immediate();
    if (e instanceof AppError) throw e;
    throw new AppError('IO', `Backup to ${target} failed: ${(e as Error).message}`);
  }
  const removed = pruneBackups(target, settings.backupKeep);
  db.transaction(() => {
    writeSettings(db, { ...readSettings(db), lastBackupAt: now.toISOString() });
    const known = (getSetting(db, KNOWN_BACKUP_DIRS) as string[] | null) ?? [];
    if (!known.includes(resolve(target))) putSetting(db, KNOWN_BACKUP_DIRS, [...known, resolve(target)]);
    appendAudit(db, {
      actor,
      action: 'backup.create',
      targetType: 'backup',
      targetId: info.file,
      outcome: 'ok',
      details: { sizeBytes: info.sizeBytes, pruned: removed },
    });
  }).immediate();
  return info;
}

/** True when the schedule says a backup is due now. */
export function backupDue(vault: VaultSession, now = vault.now().getTime()): boolean {
  if (vault.state() !== 'unlocked') return false;
  const s = readSettings(vault.current().db);
  if (s.backupEveryHours <= 0) return false;
  return !s.lastBackupAt || now - Date.parse(s.lastBackupAt) >= s.backupEveryHours * 3600_000;
}

/**
 * Restores after checking the backup opens with this vault's key and passes a full integrity
 * check. The backup is only read: it is copied into the data folder (owner-only) and the check
 * runs on that private copy, so the backup's bytes never change, nothing is created beside it,
 * read-only media work, and what is checked is exactly what is swapped in. The current database
 * is kept under a name of its own, never overwritten. The vault is locked afterwards: the user
 * logs in to the restored data.
 *
 * The audit log survives the restore: before the swap, the staged copy's log gets a
 * 'backup.restore' entry naming the fork (the backup's head, the last entry the replaced log
 * shared with it, the replaced log's head and sealing records), then every entry of the replaced
 * log after that shared entry, carried over (fork.ts). An administrator's restore starts a new
 * sealing segment first; a restore without the audit key (from a damaged vault) pauses sealing
 * until an administrator signs in.
 */
export function restoreBackup(vault: VaultSession, file: string, actor: string, now: Date): void {
  const key = vault.keyForRestore();
  if (!key) throw new AppError('LOCKED', 'Unlock the vault before restoring');
  const keyHex = key.toString('hex');
  const cipher = vault.cipher();
  if (!existsSync(file)) throw new AppError('BACKUP_INVALID', `Backup file not found: ${file}`);
  if (!statSync(file).isFile()) throw new AppError('BACKUP_INVALID', `Not a backup file: ${file}`);
  verifyBackupKeyFile(file, cipher);
  let staged: string;
  try {
    staged = stagingCopy(file, vault.dataDir);
  } catch (e) {
    throw new AppError('IO', `Cannot copy the backup into the data folder: ${(e as Error).message}`);
  }
  try {
    verifyBackup(staged, keyHex, cipher);
    const kept = vault.claimKeptName('before-restore');
    try {
      continueLog(vault, staged, keyHex, cipher, { actor, file, kept: kept ?? '', at: now.toISOString() });
    } catch (e) {
      if (kept) vault.releaseKeptName(kept);
      throw e;
    }
    vault.replaceDatabase(staged, kept);
  } finally {
    removeStaged(staged);
  }
}

/** The database being replaced, to read its log: the session's, else opened (null if it cannot be read). */
function replacedDb(
  vault: VaultSession,
  keyHex: string,
  cipher: Cipher,
): { db: Db | null; close: () => void } {
  if (vault.state() === 'unlocked') return { db: vault.current().db, close: () => undefined };
  if (!existsSync(vault.dbPath)) return { db: null, close: () => undefined };
  let db: Db | null = null;
  try {
    // Read-only: a damaged file is never written to.
    db = new Database(vault.dbPath, { readonly: true, fileMustExist: true });
    applyKey(db, keyHex, cipher);
    db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    const opened = db;
    return { db: opened, close: () => opened.close() };
  } catch {
    db?.close();
    return { db: null, close: () => undefined };
  }
}

function continueLog(
  vault: VaultSession,
  staged: string,
  keyHex: string,
  cipher: Cipher,
  r: { actor: string; file: string; kept: string; at: string },
): void {
  const restored = openEncrypted(staged, keyHex, cipher, { create: false });
  const replaced = replacedDb(vault, keyHex, cipher);
  try {
    // An older backup is brought to this app's schema first (a newer app's is refused here).
    vault.applySchema(restored);
    let fork: ReturnType<typeof forkOf>;
    try {
      fork = forkOf(restored, replaced.db);
    } catch {
      fork = forkOf(restored, null);
    }
    const legacy = vault.isLegacy();
    const audit = !legacy && vault.state() === 'unlocked' ? vault.current().ring.current('audit') : null;
    restored
      .transaction(() => {
        // Start a new incarnation: versions and change sequences issued from here on may repeat
        // numbers issued before the restore (after the backup was made); the incarnation tells them apart.
        const incarnation = newIncarnation(restored);
        withholdKey(restored);
        if (audit) startSegment(restored, audit);
        appendAudit(restored, {
          actor: r.actor,
          action: 'backup.restore',
          targetType: 'backup',
          targetId: r.file,
          outcome: 'ok',
          at: r.at,
          details: {
            keptPrevious: r.kept,
            incarnation,
            sealing: legacy ? 'none' : audit ? 'rekeyed' : 'paused',
            fork: fork.record,
          },
        });
        appendCarried(restored, fork.carried);
      })
      .immediate();
  } finally {
    replaced.close();
    restored.close();
  }
}

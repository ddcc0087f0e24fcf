import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appendAudit } from '../audit/auditLog';
import { openEncrypted } from '../db/open';
import { AppError } from '../errors';
import {
  getSetting,
  newIncarnation,
  putSetting,
  readSettings,
  writeSettings,
} from '../settings/settingsStore';
import { BACKUP_SUBDIR, type VaultSession } from '../vault/vaultSession';
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

export function backupDirOf(vault: VaultSession, configured: string): string {
  return configured || join(vault.dataDir, BACKUP_SUBDIR);
}

/** Makes a verified backup, prunes old ones, records it; actor 'system' for the schedule. */
export function backupNow(vault: VaultSession, actor: string, dir?: string): BackupInfo {
  const { db, dataKey, office } = vault.current();
  const settings = readSettings(db);
  const target = dir || backupDirOf(vault, settings.backupDir);
  let info: BackupInfo;
  try {
    info = createBackup(db, dataKey.toString('hex'), vault.cipher(), vault.keyPath, target, office.code);
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
    writeSettings(db, { ...readSettings(db), lastBackupAt: vault.now().toISOString() });
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
 */
export function restoreBackup(vault: VaultSession, file: string, actor: string): void {
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
  let kept: string | null;
  try {
    verifyBackup(staged, keyHex, cipher);
    kept = vault.replaceDatabase(staged, 'before-restore');
  } finally {
    removeStaged(staged);
  }
  // Record the restore in the restored log itself, so its chain shows where it began again, and
  // start a new incarnation: versions and change sequences issued from here on may repeat numbers
  // issued before the restore (after the backup was made), and the incarnation tells them apart.
  const db = openEncrypted(vault.dbPath, keyHex, cipher, { create: false });
  try {
    db.transaction(() => {
      const incarnation = newIncarnation(db);
      appendAudit(db, {
        actor,
        action: 'backup.restore',
        targetType: 'backup',
        targetId: file,
        outcome: 'ok',
        details: { keptPrevious: kept ?? '', incarnation },
      });
    }).immediate();
  } finally {
    db.close();
  }
}

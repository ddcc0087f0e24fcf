import { join } from 'node:path';
import { fileStamp } from '../../../shared/dates';
import { appendAudit } from '../audit/auditLog';
import { startSegment, withholdKey } from '../audit/sealing';
import { openEncrypted } from '../db/open';
import { AppError } from '../errors';
import { newIncarnation, readSettings, writeSettings } from '../settings/settingsStore';
import type { VaultSession } from '../vault/vaultSession';
import { createBackup, pruneBackups, stagingCopy, verifyBackup, type BackupInfo } from './backupFiles';

export function backupDirOf(vault: VaultSession, configured: string): string {
  return configured || join(vault.dataDir, 'backups');
}

/** Makes a verified backup, prunes old ones, records it; actor 'system' for the schedule. */
export function backupNow(vault: VaultSession, actor: string, dir?: string, now = new Date()): BackupInfo {
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
export function backupDue(vault: VaultSession, now = Date.now()): boolean {
  if (vault.state() !== 'unlocked') return false;
  const s = readSettings(vault.current().db);
  if (s.backupEveryHours <= 0) return false;
  return !s.lastBackupAt || now - Date.parse(s.lastBackupAt) >= s.backupEveryHours * 3600_000;
}

/**
 * Restores after checking the backup opens with this vault's key and passes a full integrity
 * check, on a staged copy in the data folder. The current database is kept, renamed, never
 * overwritten. The vault is locked afterwards: the user logs in to the restored data.
 */
export function restoreBackup(vault: VaultSession, file: string, actor: string): void {
  const key = vault.keyForRestore();
  if (!key) throw new AppError('LOCKED', 'Unlock the vault before restoring');
  const keyHex = key.toString('hex');
  const cipher = vault.cipher();
  verifyBackup(file, keyHex, cipher);
  const staged = stagingCopy(file, vault.dataDir);
  verifyBackup(staged, keyHex, cipher);
  // An administrator's session holds the audit key: the restored log is sealed anew from its
  // restore entry. Without it (a restore from a damaged vault), sealing pauses until an
  // administrator signs in (vault/vaultSession.ts, resumeSealing).
  const legacy = vault.isLegacy();
  const held = !legacy && vault.state() === 'unlocked' ? vault.current().ring.current('audit') : null;
  const audit = held ? { key: Buffer.from(held.key), epoch: held.epoch } : null;
  const kept = vault.replaceDatabase(staged, `before-restore-${fileStamp()}`);
  // Record the restore in the restored log itself, so its chain shows where it began again, and
  // start a new incarnation: versions and change sequences issued from here on may repeat numbers
  // issued before the restore (after the backup was made), and the incarnation tells them apart.
  const db = openEncrypted(vault.dbPath, keyHex, cipher, { create: false });
  try {
    // An older backup is brought to this app's schema first.
    vault.applySchema(db);
    db.transaction(() => {
      const incarnation = newIncarnation(db);
      withholdKey(db);
      if (audit) startSegment(db, audit);
      appendAudit(db, {
        actor,
        action: 'backup.restore',
        targetType: 'backup',
        targetId: file,
        outcome: 'ok',
        details: {
          keptPrevious: kept ?? '',
          incarnation,
          sealing: legacy ? 'none' : audit ? 'rekeyed' : 'paused',
        },
      });
    }).immediate();
  } finally {
    db.close();
    audit?.key.fill(0);
  }
}

import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fileStamp } from '../../../shared/dates';
import { appendAudit } from '../audit/auditLog';
import { appendCarried, forkOf } from '../audit/fork';
import { startSegment, withholdKey } from '../audit/sealing';
import { applyKey, openEncrypted, type Cipher, type Db } from '../db/open';
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
 *
 * The audit log survives the restore: before the swap, the staged copy's log gets a
 * 'backup.restore' entry naming the fork (the backup's head, the last entry the replaced log
 * shared with it, the replaced log's head and sealing records), then every entry of the replaced
 * log after that shared entry, carried over (fork.ts). An administrator's restore starts a new
 * sealing segment first; a restore without the audit key (from a damaged vault) pauses sealing
 * until an administrator signs in.
 */
export function restoreBackup(vault: VaultSession, file: string, actor: string, now = new Date()): void {
  const key = vault.keyForRestore();
  if (!key) throw new AppError('LOCKED', 'Unlock the vault before restoring');
  const keyHex = key.toString('hex');
  const cipher = vault.cipher();
  verifyBackup(file, keyHex, cipher);
  const staged = stagingCopy(file, vault.dataDir);
  try {
    verifyBackup(staged, keyHex, cipher);
    const suffix = `before-restore-${fileStamp(now)}`;
    const kept = existsSync(vault.dbPath) ? `${vault.dbPath}.${suffix}` : '';
    continueLog(vault, staged, keyHex, cipher, { actor, file, kept, at: now.toISOString() });
    vault.replaceDatabase(staged, suffix);
  } finally {
    rmSync(staged, { force: true });
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

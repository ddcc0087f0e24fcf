import { isAbsolute, relative, resolve } from 'node:path';
import { backupContract } from '../../../shared/contract';
import { AppError } from '../errors';
import { defineHandlers } from '../handler';
import { getSetting, readSettings } from '../db/settingsStore';
import type { VaultSession } from '../vault/vaultSession';
import { listBackups } from './backupFiles';
import { backupDirOf } from '../vault/dataFolder';
import { backupNow, KNOWN_BACKUP_DIRS, restoreBackup } from './backupService';

export const backupHandlers = defineHandlers(backupContract)({
  'backup.create': { run: (ctx, input) => backupNow(ctx.vault, ctx.user.userName, input.dir, ctx.now()) },
  'backup.list': {
    // Public so a damaged vault can offer its backups. Listing a folder tells what files are
    // there: administrators only, and only within the folders backups are kept in.
    run: ({ vault }, input) => {
      if (vault.state() === 'unlocked') {
        refuseNonAdmin(vault, 'backup.list', 'Only an administrator can list backups');
        const roots = backupRoots(vault);
        const dir = input.dir || roots[0]!;
        if (!within(dir, roots))
          throw new AppError('FORBIDDEN', `Backups are listed only from their folders: ${roots.join(', ')}`);
        return listBackups(dir);
      }
      if (vault.state() === 'damaged') {
        const dir = backupDirOf(vault, '');
        if (input.dir && !within(input.dir, [dir]))
          throw new AppError('FORBIDDEN', `A damaged vault lists backups only from ${dir}`);
        return listBackups(dir);
      }
      throw new AppError('LOCKED', 'Unlock the vault first');
    },
  },
  'backup.restore': {
    // Public because a damaged vault has no signed-in user: there, proving a password (which
    // unwrapped the key) is what allows the restore. An unlocked vault requires an admin.
    run: ({ vault, services, now }, input) => {
      let actor: string;
      if (vault.state() === 'unlocked') {
        refuseNonAdmin(vault, 'backup.restore', 'Only an administrator can restore a backup');
        actor = vault.current().user.userName;
      } else if (vault.state() === 'damaged') {
        actor = vault.damagedUser() ?? 'unknown';
      } else {
        throw new AppError('LOCKED', 'Unlock the vault first');
      }
      restoreBackup(vault, input.file, actor, now());
      services.onLocked('restore');
      return { ok: true as const };
    },
  },
});

/** A public channel's own role check (the dispatcher checks only non-public ones): audited. */
function refuseNonAdmin(vault: VaultSession, channel: string, message: string): void {
  const { user } = vault.current();
  if (user.role === 'admin') return;
  vault.audit({
    actor: user.userName,
    action: 'audit.denied',
    targetType: 'channel',
    targetId: channel,
    outcome: 'denied',
    details: { role: user.role },
  });
  throw new AppError('FORBIDDEN', message);
}

/** The scheduled folder first, then every folder a backup of this vault was written to. */
function backupRoots(vault: VaultSession): string[] {
  const { db } = vault.current();
  const known = (getSetting(db, KNOWN_BACKUP_DIRS) as string[] | null) ?? [];
  return [...new Set([backupDirOf(vault, readSettings(db).backupDir), backupDirOf(vault, ''), ...known])];
}

function within(dir: string, roots: readonly string[]): boolean {
  const target = resolve(dir);
  return roots.some((root) => {
    const rel = relative(resolve(root), target);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}

import { backupContract } from '../../../shared/contract';
import { AppError } from '../errors';
import { defineHandlers } from '../handler';
import { readSettings } from '../settings/settingsStore';
import { listBackups } from './backupFiles';
import { backupDirOf, backupNow, restoreBackup } from './backupService';

export const backupHandlers = defineHandlers(backupContract)({
  'backup.create': { run: (ctx, input) => backupNow(ctx.vault, ctx.user.userName, input.dir, ctx.now()) },
  'backup.list': {
    // Public so a damaged vault can offer its backups; a locked one lists only the folder given.
    run: ({ vault }, input) => {
      if (vault.state() === 'unlocked')
        return listBackups(input.dir || backupDirOf(vault, readSettings(vault.current().db).backupDir));
      if (vault.state() === 'damaged') return listBackups(input.dir || backupDirOf(vault, ''));
      throw new AppError('LOCKED', 'Unlock the vault first');
    },
  },
  'backup.restore': {
    // Public because a damaged vault has no signed-in user: there, proving a password (which
    // unwrapped the key) is what allows the restore. An unlocked vault requires an admin.
    run: ({ vault, services, now }, input) => {
      let actor: string;
      if (vault.state() === 'unlocked') {
        const { user } = vault.current();
        if (user.role !== 'admin')
          throw new AppError('FORBIDDEN', 'Only an administrator can restore a backup');
        actor = user.userName;
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

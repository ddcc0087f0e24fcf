import { vaultContract } from '../../../shared/contract';
import { AppError } from '../errors';
import { defineHandlers } from '../handler';
import { readSettings } from '../db/settingsStore';
import { setMustChangePassword } from '../users/mustChangePassword';
import { checkPassword } from '../users/passwordPolicy';
import { throttledError } from './vaultSession';

export const vaultHandlers = defineHandlers(vaultContract)({
  'vault.status': {
    run: ({ vault, services }) => {
      const state = vault.state();
      const open = state === 'unlocked' ? vault.current() : null;
      return {
        state,
        office: open?.office ?? null,
        user: open?.user ?? null,
        idleTimeoutMinutes: open ? readSettings(open.db).idleTimeoutMinutes : services.idleTimeoutMinutes,
        damagedReason: vault.damagedReason(),
        keyRotation: vault.resealProgress(),
      };
    },
  },
  'vault.setup': {
    run: ({ vault }, input) => {
      if (vault.state() === 'uninitialized')
        checkPassword(input.admin.password, { path: 'admin.password', userName: input.admin.userName });
      return vault.setup(input.office, input.admin);
    },
  },
  'vault.unlock': {
    run: async ({ vault }, input) => {
      if (vault.state() === 'unlocked') vault.lock();
      return vault.unlock(input.userName, input.password);
    },
  },
  'vault.recover': {
    run: async ({ vault, now }, input) => {
      checkPassword(input.newPassword, { path: 'newPassword', userName: input.userName });
      if (vault.state() === 'unlocked') vault.lock();
      const { recoveryKey } = await vault.recover(input.recoveryKey, input.userName, input.newPassword);
      // The holder of the recovery key chose this password: no change is due.
      const open = vault.current();
      open.db.transaction(() => setMustChangePassword(open.db, open.user.userName, false, now())).immediate();
      open.user.mustChangePassword = false;
      return recoveryKey ? { ...open.user, recoveryKey } : open.user;
    },
  },
  'vault.lock': {
    run: ({ vault, services }) => {
      try {
        vault.lockAudited('manual');
      } finally {
        services.onLocked('manual');
      }
      return { ok: true as const };
    },
  },
  'vault.changePassword': {
    run: async (ctx, input) => {
      const verified = await ctx.vault.verifyPassword(ctx.user.userName, input.currentPassword);
      if (verified !== 'ok') {
        ctx.tx(() =>
          ctx.audit({
            action: 'vault.change-password',
            targetType: 'user',
            targetId: ctx.user.userName,
            outcome: 'failed',
            details: verified === 'wrong' ? {} : { reason: 'throttled' },
          }),
        );
        throw verified === 'wrong'
          ? new AppError('WRONG_CREDENTIALS', 'The current password is wrong')
          : throttledError(verified.retryAfterSeconds);
      }
      checkPassword(input.newPassword, {
        path: 'newPassword',
        userName: ctx.user.userName,
        current: input.currentPassword,
      });
      // The slow step (scrypt) first; the new slot is then written under the write lock, with its
      // audit entry: both or neither.
      const slot = await ctx.vault.prepareOwnSlot(input.newPassword);
      ctx.tx(() => {
        ctx.vault.writeOwnSlot(slot);
        setMustChangePassword(ctx.db, ctx.user.userName, false, ctx.now());
        ctx.audit({
          action: 'vault.change-password',
          targetType: 'user',
          targetId: ctx.user.userName,
          details: {},
        });
      });
      // The session's user: every channel is served again.
      ctx.vault.current().user.mustChangePassword = false;
      return { ok: true as const };
    },
  },
});

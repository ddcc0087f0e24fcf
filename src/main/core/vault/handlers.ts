import { vaultContract } from '../../../shared/contract';
import { AppError } from '../errors';
import { defineHandlers } from '../handler';
import { readSettings } from '../settings/settingsStore';

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
    run: ({ vault }, input) => vault.setup(input.office, input.admin),
  },
  'vault.unlock': {
    run: ({ vault }, input) => {
      if (vault.state() === 'unlocked') vault.lock();
      return vault.unlock(input.userName, input.password);
    },
  },
  'vault.recover': {
    run: ({ vault }, input) => {
      if (vault.state() === 'unlocked') vault.lock();
      return vault.recover(input.recoveryKey, input.userName, input.newPassword);
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
    run: (ctx, input) => {
      if (!ctx.vault.verifyPassword(ctx.user.userName, input.currentPassword)) {
        ctx.tx(() =>
          ctx.audit({
            action: 'vault.change-password',
            targetType: 'user',
            targetId: ctx.user.userName,
            outcome: 'failed',
            details: {},
          }),
        );
        throw new AppError('WRONG_CREDENTIALS', 'The current password is wrong');
      }
      // The slow step (scrypt) first; the new slot is then written under the write lock, with its
      // audit entry: both or neither.
      const slot = ctx.vault.prepareOwnSlot(input.newPassword);
      ctx.tx(() => {
        ctx.vault.writeOwnSlot(slot);
        ctx.audit({
          action: 'vault.change-password',
          targetType: 'user',
          targetId: ctx.user.userName,
          details: {},
        });
      });
      return { ok: true as const };
    },
  },
});

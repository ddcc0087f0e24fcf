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
      if (vault.state() === 'unlocked') {
        const { user } = vault.current();
        vault.audit({
          actor: user.userName,
          action: 'vault.lock',
          targetType: 'user',
          targetId: user.userName,
          outcome: 'ok',
          details: { reason: 'manual' },
        });
      }
      vault.lock();
      services.onLocked('manual');
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
      ctx.vault.changeOwnPassword(input.newPassword);
      ctx.tx(() =>
        ctx.audit({
          action: 'vault.change-password',
          targetType: 'user',
          targetId: ctx.user.userName,
          details: {},
        }),
      );
      return { ok: true as const };
    },
  },
});

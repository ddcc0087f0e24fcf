import type { z } from 'zod';
import { vaultContract, type SessionUser } from '../../../shared/contract';
import type { Db } from '../db/open';
import { readSettings } from '../db/settingsStore';
import { AppError } from '../errors';
import type { AccountPort, AuditRecord } from './ports';
import { throttledError, type VaultSession } from './vaultSession';

type Channels = typeof vaultContract.channels;
type In<C extends keyof Channels> = z.output<Channels[C]['input']>;

/**
 * What a vault call gets: the part of the core's handler context it uses, named here so the vault
 * needs nothing from the handler layer above it (the core's context fits it as it is).
 */
export interface VaultCallCtx {
  vault: VaultSession;
  services: { idleTimeoutMinutes: number; onLocked(reason: string): void };
  now(): Date;
}

/** A signed-in call's context: its database, user, transaction and audit entries. */
export interface SignedInVaultCtx extends VaultCallCtx {
  db: Db;
  user: SessionUser;
  tx<T>(fn: () => T): T;
  audit(
    entry: Omit<AuditRecord, 'actor' | 'outcome' | 'action'> & {
      action: (typeof vaultContract.auditActions)[number];
      outcome?: AuditRecord['outcome'];
    },
  ): void;
}

/**
 * The calls of the vault's channels (setup, sign-in, lock, passwords), with the users module's
 * password rules handed in; the composition root registers them as the vault module (modules.ts).
 */
export const vaultCalls = ({ checkPassword, setMustChangePassword }: AccountPort) => ({
  'vault.status': {
    run: ({ vault, services }: VaultCallCtx) => {
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
    run: ({ vault }: VaultCallCtx, input: In<'vault.setup'>) => {
      if (vault.state() === 'uninitialized')
        checkPassword(input.admin.password, { path: 'admin.password', userName: input.admin.userName });
      return vault.setup(input.office, input.admin);
    },
  },
  'vault.unlock': {
    run: async ({ vault }: VaultCallCtx, input: In<'vault.unlock'>) => {
      if (vault.state() === 'unlocked') vault.lock();
      return vault.unlock(input.userName, input.password);
    },
  },
  'vault.recover': {
    run: async ({ vault, now }: VaultCallCtx, input: In<'vault.recover'>) => {
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
    run: ({ vault, services }: VaultCallCtx) => {
      try {
        vault.lockAudited('manual');
      } finally {
        services.onLocked('manual');
      }
      return { ok: true as const };
    },
  },
  'vault.changePassword': {
    run: async (ctx: SignedInVaultCtx, input: In<'vault.changePassword'>) => {
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

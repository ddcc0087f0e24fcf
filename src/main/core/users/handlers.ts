import { usersContract } from '../../../shared/contract';
import type { UserRow } from '../../../shared/contract';
import { AppError } from '../errors';
import { defineHandlers } from '../handler';
import type { Db } from '../db/open';
import { setMustChangePassword } from './mustChangePassword';
import { checkPassword } from './passwordPolicy';

interface Row {
  user_name: string;
  full_name: string;
  role: UserRow['role'];
  clearance: UserRow['clearance'];
  disabled: number;
  can_export_attachments: number;
  created_at: string;
}

const toUser = (r: Row): UserRow => ({
  userName: r.user_name,
  fullName: r.full_name,
  role: r.role,
  clearance: r.clearance,
  disabled: r.disabled === 1,
  canExportAttachments: r.can_export_attachments === 1,
  createdAt: r.created_at,
});

function getUser(db: Db, userName: string): UserRow {
  const r = db.prepare('SELECT * FROM users WHERE user_name = ?').get(userName) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', `No user ${userName}`);
  return toUser(r);
}

function activeAdmins(db: Db): number {
  return (
    db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }
  ).n;
}

export const usersHandlers = defineHandlers(usersContract)({
  'users.list': {
    run: ({ db }) => (db.prepare('SELECT * FROM users ORDER BY user_name').all() as Row[]).map(toUser),
  },
  'users.create': {
    run: (ctx, input) => {
      const now = new Date().toISOString();
      checkPassword(input.password, { path: 'password', userName: input.userName });
      ctx.tx(() => {
        const exists = ctx.db.prepare('SELECT 1 FROM users WHERE user_name = ?').get(input.userName);
        if (exists) throw new AppError('DUPLICATE', `User ${input.userName} already exists`);
        // Set by the administrator: the user must change it at the first sign-in.
        ctx.db
          .prepare(
            'INSERT INTO users (user_name, full_name, role, clearance, disabled, must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 1, ?, ?)',
          )
          .run(input.userName, input.fullName, input.role, input.clearance, now, now);
        ctx.audit({
          action: 'users.create',
          targetType: 'user',
          targetId: input.userName,
          details: { role: input.role, clearance: input.clearance },
        });
      });
      // The key slot is written after the row commits; a failure here leaves a user who cannot
      // log in yet (the admin resets the password), never a slot without a user.
      ctx.vault.setPassword(input.userName, input.password);
      return getUser(ctx.db, input.userName);
    },
  },
  'users.update': {
    run: (ctx, input) =>
      ctx.tx(() => {
        const before = getUser(ctx.db, input.userName);
        const after = {
          ...before,
          ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        } as UserRow;
        const losesAdmin =
          before.role === 'admin' && !before.disabled && (after.role !== 'admin' || after.disabled);
        if (losesAdmin && activeAdmins(ctx.db) <= 1) {
          throw new AppError('CONFLICT', 'At least one active administrator must remain');
        }
        ctx.db
          .prepare(
            'UPDATE users SET full_name = ?, role = ?, clearance = ?, disabled = ?, can_export_attachments = ?, updated_at = ? WHERE user_name = ?',
          )
          .run(
            after.fullName,
            after.role,
            after.clearance,
            after.disabled ? 1 : 0,
            after.canExportAttachments ? 1 : 0,
            new Date().toISOString(),
            input.userName,
          );
        ctx.audit({
          action: 'users.update',
          targetType: 'user',
          targetId: input.userName,
          details: {
            role: after.role,
            clearance: after.clearance,
            disabled: after.disabled,
            canExportAttachments: after.canExportAttachments,
          },
        });
        return after;
      }),
  },
  'users.resetPassword': {
    run: (ctx, input) => {
      // One's own password is changed by proving the current one (vault.changePassword), never reset.
      if (input.userName === ctx.user.userName)
        ctx.deny(
          {
            action: 'users.reset-password',
            targetType: 'user',
            targetId: input.userName,
            details: { reason: 'own password' },
          },
          'Your own password cannot be reset: change it (vault.changePassword), giving the current one',
        );
      getUser(ctx.db, input.userName);
      checkPassword(input.newPassword, { path: 'newPassword', userName: input.userName });
      // The new key slot is written under the write lock, with its audit entry: both or neither.
      ctx.tx(() => {
        ctx.vault.setPassword(input.userName, input.newPassword);
        setMustChangePassword(ctx.db, input.userName, true, ctx.now());
        ctx.audit({
          action: 'users.reset-password',
          targetType: 'user',
          targetId: input.userName,
          details: {},
        });
      });
      return { ok: true as const };
    },
  },
});

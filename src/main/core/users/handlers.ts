import { usersContract } from '../../../shared/contract';
import type { Clearance, UserRow } from '../../../shared/contract';
import { AppError } from '../errors';
import { defineHandlers, type CtxOf } from '../handler';
import type { Db } from '../db/open';
import type { KeyName } from '../vault/keyfile';
import { keysFor, LEVELS } from '../vault/keyRing';
import { throttledError, type VaultSession } from '../vault/vaultSession';
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
  key_holder: string | null;
}

type UsersCtx = CtxOf<typeof usersContract>;

/** Keys besides the data key that a user should hold and the key file does not grant them. */
function pendingKeys(vault: VaultSession, r: Row, grants = vault.grantsNow()): KeyName[] {
  if (r.disabled === 1 || grants.legacy) return [];
  const held = grants.of(r.key_holder);
  return keysFor({ role: r.role, clearance: r.clearance, disabled: false }).filter(
    (k) => k !== 'data' && !held.has(k),
  );
}

const toUser = (vault: VaultSession, r: Row, grants = vault.grantsNow()): UserRow => ({
  userName: r.user_name,
  fullName: r.full_name,
  role: r.role,
  clearance: r.clearance,
  disabled: r.disabled === 1,
  canExportAttachments: r.can_export_attachments === 1,
  createdAt: r.created_at,
  pendingClearance: pendingKeys(vault, r, grants).length > 0,
});

function getRow(db: Db, userName: string): Row {
  const r = db.prepare('SELECT * FROM users WHERE user_name = ?').get(userName) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', `No user ${userName}`);
  return r;
}

function activeAdmins(db: Db): number {
  return (
    db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }
  ).n;
}

const isLevel = (k: KeyName) => (LEVELS as readonly string[]).includes(k);

/**
 * Granting a clearance takes that level's key: only a session holding it (a cleared user, or one
 * opened with the recovery key) can give it. A refusal is audited with the levels missing.
 */
function requireLevelKeys(
  ctx: UsersCtx,
  action: 'users.create' | 'users.update',
  userName: string,
  clearance: Clearance,
  alreadyHeld: ReadonlySet<KeyName>,
): void {
  if (ctx.vault.isLegacy()) return;
  const lacking = keysFor({ role: 'viewer', clearance, disabled: false }).filter(
    (k) => isLevel(k) && !alreadyHeld.has(k) && !ctx.keys.has(k),
  );
  if (lacking.length)
    ctx.deny(
      { action, targetType: 'user', targetId: userName, details: { clearance, lackingKeys: lacking } },
      `You do not hold the key of the ${lacking.join(', ')} level: only a user cleared for it, or the recovery key, can grant it`,
    );
}

/**
 * An administrator's own role or clearance changes only with a second administrator's name and
 * password, or the recovery key: one administrator alone cannot raise their own clearance.
 * Returns who approved (the second administrator's name, or "recovery-key"); a refusal is audited.
 */
async function approveOwnChange(
  ctx: UsersCtx,
  secondAdmin: { userName: string; password: string } | undefined,
  recoveryKey: string | undefined,
  after: UserRow,
): Promise<string> {
  const refuse = (reason: string, message: string): never =>
    ctx.deny(
      {
        action: 'users.update',
        targetType: 'user',
        targetId: ctx.user.userName,
        details: {
          reason,
          role: after.role,
          clearance: after.clearance,
          ...(secondAdmin ? { secondAdmin: secondAdmin.userName } : {}),
        },
      },
      message,
    );
  if (recoveryKey !== undefined) {
    if (ctx.vault.recoveryKeyOpens(recoveryKey)) return 'recovery-key';
    return refuse('wrong recovery key', 'The recovery key does not open this vault');
  }
  if (!secondAdmin)
    return refuse(
      'own role or clearance',
      'Changing your own role or clearance needs a second administrator (secondAdmin) or the recovery key',
    );
  if (secondAdmin.userName === ctx.user.userName)
    return refuse('second administrator is oneself', 'The second administrator must be someone else');
  const r = await ctx.vault.verifyOtherAdmin(secondAdmin.userName, secondAdmin.password);
  if (r === 'ok') return secondAdmin.userName;
  if (r === 'wrong')
    return refuse(
      'second administrator not verified',
      'The second administrator name or password is wrong, or that user is not an active administrator',
    );
  ctx.tx(() =>
    ctx.audit({
      action: 'users.update',
      targetType: 'user',
      targetId: ctx.user.userName,
      outcome: 'denied',
      details: { reason: 'throttled', secondAdmin: secondAdmin.userName },
    }),
  );
  throw throttledError(r.retryAfterSeconds);
}

export const usersHandlers = defineHandlers(usersContract)({
  'users.list': {
    run: ({ db, vault }) => {
      const grants = vault.grantsNow();
      return (db.prepare('SELECT * FROM users ORDER BY user_name').all() as Row[]).map((r) =>
        toUser(vault, r, grants),
      );
    },
  },
  'users.create': {
    run: async (ctx, input) => {
      checkPassword(input.password, { path: 'password', userName: input.userName });
      requireLevelKeys(ctx, 'users.create', input.userName, input.clearance, new Set());
      if (ctx.db.prepare('SELECT 1 FROM users WHERE user_name = ?').get(input.userName))
        throw new AppError('DUPLICATE', `User ${input.userName} already exists`);
      // The slow step (scrypt) before any write; then the row, its audit entry and the slot (with
      // the keys of the role and clearance) under the write lock: all or nothing.
      const enrolment = await ctx.vault.prepareEnrolment(input.userName, input.password);
      const now = ctx.now().toISOString();
      ctx.tx(() => {
        const exists = ctx.db.prepare('SELECT 1 FROM users WHERE user_name = ?').get(input.userName);
        if (exists) throw new AppError('DUPLICATE', `User ${input.userName} already exists`);
        // Set by the administrator: the user must change it at the first sign-in.
        ctx.db
          .prepare(
            'INSERT INTO users (user_name, full_name, role, clearance, disabled, must_change_password, created_at, updated_at, key_holder) VALUES (?, ?, ?, ?, 0, 1, ?, ?, ?)',
          )
          .run(input.userName, input.fullName, input.role, input.clearance, now, now, enrolment.holder);
        ctx.audit({
          action: 'users.create',
          targetType: 'user',
          targetId: input.userName,
          details: { role: input.role, clearance: input.clearance },
        });
        ctx.vault.commitEnrolment(
          enrolment,
          null,
          keysFor({ role: input.role, clearance: input.clearance, disabled: false }),
        );
      });
      return toUser(ctx.vault, getRow(ctx.db, input.userName));
    },
  },
  'users.update': {
    run: async (ctx, input) => {
      const { secondAdmin, recoveryKey, ...change } = input;
      const before = toUser(ctx.vault, getRow(ctx.db, input.userName));
      const holder = getRow(ctx.db, input.userName).key_holder;
      const after = {
        ...before,
        ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
      } as UserRow;
      const ownAccess =
        input.userName === ctx.user.userName &&
        (after.role !== before.role || after.clearance !== before.clearance);
      const approvedBy = ownAccess ? await approveOwnChange(ctx, secondAdmin, recoveryKey, after) : null;
      if (!after.disabled)
        requireLevelKeys(ctx, 'users.update', input.userName, after.clearance, ctx.vault.heldBy(holder));
      const plan = ctx.tx(() => {
        const current = toUser(ctx.vault, getRow(ctx.db, input.userName));
        const losesAdmin =
          current.role === 'admin' && !current.disabled && (after.role !== 'admin' || after.disabled);
        if (losesAdmin && activeAdmins(ctx.db) <= 1) {
          throw new AppError('CONFLICT', 'At least one active administrator must remain');
        }
        // The key file follows at once, under the same write lock: a disabled user's slot and
        // grants go, a lowered clearance's grants go, missing keys this session holds are granted
        // (confirming a pending clearance), and each level key someone lost gets a new epoch.
        const p = ctx.vault.isLegacy() ? null : ctx.vault.planAccess({ ...after, keyHolder: holder });
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
            ctx.now().toISOString(),
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
            ...(approvedBy ? { approvedBy } : {}),
            ...(p
              ? {
                  keysGranted: p.change.granted,
                  keysRevoked: p.change.revoked,
                  keysMissing: p.change.missing,
                }
              : {}),
          },
        });
        if (p) ctx.vault.writeAccess(p);
        return p;
      });
      // The rows sealed under an old epoch are re-sealed in chunks (one transaction each).
      const rotated = plan ? await ctx.vault.resealStale() : [];
      return {
        ...toUser(ctx.vault, getRow(ctx.db, input.userName)),
        rotated: rotated.map((r) => ({ key: r.key, resealed: r.done })),
      };
    },
  },
  'users.resetPassword': {
    run: async (ctx, input) => {
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
      const row = getRow(ctx.db, input.userName);
      if (row.disabled === 1)
        throw new AppError('CONFLICT', 'The user is disabled: enable them first, then set a password');
      checkPassword(input.newPassword, { path: 'newPassword', userName: input.userName });
      // A new key pair: the old one is locked in the slot of the forgotten password. The keys
      // this administrator holds are granted again; the others wait for someone who holds them.
      const enrolment = await ctx.vault.prepareEnrolment(input.userName, input.newPassword);
      // The new slot is written under the write lock, with its audit entry: both or neither.
      ctx.tx(() => {
        ctx.db
          .prepare('UPDATE users SET key_holder = ? WHERE user_name = ?')
          .run(enrolment.holder, input.userName);
        setMustChangePassword(ctx.db, input.userName, true, ctx.now());
        const missing = ctx.vault.commitEnrolment(
          enrolment,
          row.key_holder,
          keysFor({ role: row.role, clearance: row.clearance, disabled: false }),
        );
        ctx.audit({
          action: 'users.reset-password',
          targetType: 'user',
          targetId: input.userName,
          details: missing.length ? { keysMissing: missing } : {},
        });
      });
      return { ok: true as const };
    },
  },
});

import { z } from 'zod';
import { Clearance, Role } from './enums';
import { Empty, Ok, Password, RequiredText, UserName } from './common';
import { ADMIN, defineModuleContract } from './define';

export const UserRow = z.object({
  userName: z.string(),
  fullName: z.string(),
  role: Role,
  clearance: Clearance,
  disabled: z.boolean(),
  /** May export attachments out of the encrypted store (a separate, audited permission). */
  canExportAttachments: z.boolean(),
  createdAt: z.string(),
  /**
   * Cleared (or administrator) but not holding the keys that go with it yet: a user from before the
   * key-file upgrade after their first sign-in, or one whose clearance an administrator without
   * that level's key set. An administrator holding the keys confirms it with users.update.
   */
  pendingClearance: z.boolean(),
});
export type UserRow = z.infer<typeof UserRow>;

export const CreateUserInput = z.object({
  userName: UserName,
  fullName: RequiredText(100),
  role: Role,
  clearance: Clearance,
  password: Password,
});
export const UpdateUserInput = z.object({
  userName: UserName,
  fullName: RequiredText(100).optional(),
  role: Role.optional(),
  clearance: Clearance.optional(),
  disabled: z.boolean().optional(),
  canExportAttachments: z.boolean().optional(),
  /**
   * An administrator changing their own role or clearance needs a second administrator's name
   * and password (checked against the key file), or the recovery key.
   */
  secondAdmin: z.object({ userName: UserName, password: z.string().min(1).max(256) }).optional(),
  recoveryKey: z.string().min(1).max(64).optional(),
});
/** A user after an update, with what it did to the keys (a lost level is re-keyed: rows re-sealed). */
export const UpdateUserOutput = UserRow.extend({
  rotated: z.array(z.object({ key: Clearance, resealed: z.number().int() })),
});
export const ResetPasswordInput = z.object({ userName: UserName, newPassword: Password });

export const usersContract = defineModuleContract({
  key: 'users',
  channels: {
    'users.list': { input: Empty, output: z.array(UserRow), access: ADMIN },
    'users.create': { input: CreateUserInput, output: UserRow, access: ADMIN },
    'users.update': { input: UpdateUserInput, output: UpdateUserOutput, access: ADMIN },
    'users.resetPassword': { input: ResetPasswordInput, output: Ok, access: ADMIN },
  },
  auditActions: ['users.create', 'users.update', 'users.reset-password'],
});

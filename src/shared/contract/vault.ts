import { z } from 'zod';
import { Clearance, OfficeLevel, Role } from './enums';
import { Empty, Ok, Password, RequiredText, Text, UserName } from './common';
import { defineModuleContract } from './define';

/** A unit of the office that drafts documents: "VP" (Văn phòng), "HTS" (Phòng Hạ tầng số). */
export const DraftingUnit = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[\p{Lu}\p{N}&-]{1,20}$/u, 'drafting unit code: 1–20 capital letters, digits, - or &'),
  name: Text(200).default(''),
});
export type DraftingUnit = z.infer<typeof DraftingUnit>;

export const OfficeProfile = z.object({
  name: RequiredText(200),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9Đ&-]{2,20}$/u, 'office code: 2–20 capital letters, digits, - or &'),
  level: OfficeLevel,
  province: RequiredText(100),
  /** The body above ("UBND tỉnh Nghệ An"), printed above the office's name; '' when none. */
  parentOffice: Text(200).default(''),
  /**
   * The place in the date line of printouts ("Nghệ An", "Tân Kỳ"): the province or commune, never
   * the office. '' means the province (vaults made before it existed read so).
   */
  placeName: Text(100).default(''),
  /** The office's drafting units (phòng, ban): the code goes in symbols and in "Lưu: VT, <code>". */
  draftingUnits: z.array(DraftingUnit).max(50).default([]),
});
export type OfficeProfile = z.infer<typeof OfficeProfile>;

export const SessionUser = z.object({
  userName: z.string(),
  fullName: z.string(),
  role: Role,
  clearance: Clearance,
  /** The password was set by an administrator: until it is changed, only vault.changePassword is served. */
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const AppState = z.enum(['uninitialized', 'locked', 'unlocked', 'damaged']);
export type AppState = z.infer<typeof AppState>;

/** Data being re-sealed under a new key after someone lost a clearance (done of total entries). */
export const KeyRotation = z.object({ key: Clearance, done: z.number().int(), total: z.number().int() });
export type KeyRotation = z.infer<typeof KeyRotation>;

export const AppStatus = z.object({
  state: AppState,
  office: OfficeProfile.nullable(),
  user: SessionUser.nullable(),
  idleTimeoutMinutes: z.number().int(),
  damagedReason: z.string().nullable(),
  keyRotation: KeyRotation.nullable().default(null),
});
export type AppStatus = z.infer<typeof AppStatus>;

export const SetupInput = z.object({
  office: OfficeProfile,
  admin: z.object({
    userName: UserName,
    fullName: RequiredText(100),
    password: Password,
    clearance: Clearance.default('none'),
  }),
});
export const SetupOutput = z.object({ recoveryKey: z.string(), user: SessionUser });
/**
 * The signed-in user. `recoveryKey` is set once, when this sign-in upgraded the vault's key file
 * (the old recovery key stops opening the classified keys): show it like the one made at setup.
 */
export const UnlockOutput = SessionUser.extend({ recoveryKey: z.string().optional() });

export const UnlockInput = z.object({ userName: UserName, password: z.string().min(1).max(256) });
export const RecoverInput = z.object({
  recoveryKey: z.string().min(10).max(200),
  userName: UserName,
  newPassword: Password,
});
export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: Password,
});

export const vaultContract = defineModuleContract({
  key: 'vault',
  channels: {
    'vault.status': { input: Empty, output: AppStatus, access: 'public' },
    'vault.setup': { input: SetupInput, output: SetupOutput, access: 'public' },
    'vault.unlock': { input: UnlockInput, output: UnlockOutput, access: 'public' },
    'vault.recover': { input: RecoverInput, output: UnlockOutput, access: 'public' },
    'vault.lock': { input: Empty, output: Ok, access: 'public' },
    'vault.changePassword': { input: ChangePasswordInput, output: Ok, access: 'signed-in' },
  },
  auditActions: [
    'vault.setup',
    'vault.login',
    'vault.lock',
    'vault.recover',
    'vault.change-password',
    'vault.sealed-unreadable',
    'vault.sealed-missing',
    'vault.throttle-reset',
    'vault.upgrade',
    'vault.rotate',
  ],
});

import { z } from 'zod';
import { Clearance, Role } from './enums';
import { Password, RequiredText, Text, UserName } from './common';

export const UserRow = z.object({
  userName: z.string(),
  fullName: z.string(),
  role: Role,
  clearance: Clearance,
  disabled: z.boolean(),
  /** May export attachments out of the encrypted store (a separate, audited permission). */
  canExportAttachments: z.boolean(),
  createdAt: z.string(),
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
});
export const ResetPasswordInput = z.object({ userName: UserName, newPassword: Password });

export const Settings = z.object({
  idleTimeoutMinutes: z.number().int().min(1).max(240),
  backupDir: Text(1000),
  backupEveryHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30),
  backupKeep: z.number().int().min(1).max(365),
  lastBackupAt: z.string().nullable(),
  /** Protection periods of classified documents in years from the document date (DOMAIN.md). */
  protectionYears: z.object({
    mat: z.number().int().min(1).max(100),
    'toi-mat': z.number().int().min(1).max(100),
    'tuyet-mat': z.number().int().min(1).max(100),
  }),
  /** First day (dd/mm) of the yearly classified-documents report period; it ends the day before, a year later. */
  reportPeriodStart: z.object({
    day: z.number().int().min(1).max(28),
    month: z.number().int().min(1).max(12),
  }),
});
export type Settings = z.infer<typeof Settings>;
export const UpdateSettingsInput = Settings.omit({ lastBackupAt: true }).partial();

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditListInput = z.object({
  actor: Text(40).optional(),
  action: Text(60).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});
export const AuditListOutput = z.object({ items: z.array(AuditEntry), total: z.number().int() });
export const AuditVerifyOutput = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerifyOutput = z.infer<typeof AuditVerifyOutput>;

export const BackupInfo = z.object({ file: z.string(), sizeBytes: z.number().int(), createdAt: z.string() });
export const BackupCreateInput = z.object({ dir: Text(1000).optional() });
export const BackupListInput = z.object({ dir: Text(1000).optional() });
export const BackupRestoreInput = z.object({ file: RequiredText(1000) });

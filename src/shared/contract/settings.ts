import { z } from 'zod';
import { Empty, Text } from './common';
import { ADMIN, defineModuleContract } from './define';

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

export const settingsContract = defineModuleContract({
  key: 'settings',
  channels: {
    'settings.get': { input: Empty, output: Settings, access: 'signed-in' },
    'settings.update': { input: UpdateSettingsInput, output: Settings, access: ADMIN },
  },
  auditActions: ['settings.update'],
});

import { z } from 'zod';
import { Empty, Text } from './common';
import { ADMIN, defineModuleContract } from './define';
import { OfficeProfile } from './vault';

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

/**
 * What may change in the office profile after setup. The code and the level stay: records carry
 * the code as their origin office.
 */
export const UpdateOfficeInput = OfficeProfile.pick({
  name: true,
  parentOffice: true,
  province: true,
  placeName: true,
  draftingUnits: true,
})
  .partial()
  .refine(
    (o) => new Set((o.draftingUnits ?? []).map((u) => u.code)).size === (o.draftingUnits ?? []).length,
    { message: 'drafting unit codes must differ', path: ['draftingUnits'] },
  );

export const settingsContract = defineModuleContract({
  key: 'settings',
  channels: {
    'settings.get': { input: Empty, output: Settings, access: 'signed-in' },
    'settings.update': { input: UpdateSettingsInput, output: Settings, access: ADMIN },
    /** This office's profile as printouts use it (name, body above, place, drafting units). */
    'settings.office': { input: Empty, output: OfficeProfile, access: 'signed-in' },
    'settings.updateOffice': { input: UpdateOfficeInput, output: OfficeProfile, access: ADMIN },
  },
  auditActions: ['settings.update', 'settings.updateOffice'],
});

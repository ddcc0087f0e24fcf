import { z } from 'zod';
import { RequiredText, Text, Ok } from './common';
import { ADMIN, defineModuleContract } from './define';

export const BackupInfo = z.object({ file: z.string(), sizeBytes: z.number().int(), createdAt: z.string() });
export const BackupCreateInput = z.object({ dir: Text(1000).optional() });
export const BackupListInput = z.object({ dir: Text(1000).optional() });
export const BackupRestoreInput = z.object({ file: RequiredText(1000) });

export const backupContract = defineModuleContract({
  key: 'backup',
  channels: {
    'backup.create': { input: BackupCreateInput, output: BackupInfo, access: ADMIN },
    // Public: a damaged database is restored from the unlock screen, before anyone can sign in.
    'backup.list': { input: BackupListInput, output: z.array(BackupInfo), access: 'public' },
    'backup.restore': { input: BackupRestoreInput, output: Ok, access: 'public' },
  },
  auditActions: ['backup.create', 'backup.restore'],
});

import { z } from 'zod';
import { Empty, FileOut, Ok } from './common';
import * as admin from './admin';
import * as contacts from './contacts';
import * as registry from './registry';
import * as registryPrint from './registryPrint';
import * as vault from './vault';
import type { ErrorCode } from './enums';

/**
 * The one contract: every call from the renderer (IPC or HTTP) and the CLI is one of these
 * channels, its input and output checked by these schemas on the core side.
 */
export const contract = {
  'app.status': { input: Empty, output: vault.AppStatus },
  'vault.setup': { input: vault.SetupInput, output: vault.SetupOutput },
  'vault.unlock': { input: vault.UnlockInput, output: vault.SessionUser },
  'vault.recover': { input: vault.RecoverInput, output: vault.SessionUser },
  'vault.lock': { input: Empty, output: Ok },
  'vault.changePassword': { input: vault.ChangePasswordInput, output: Ok },

  'users.list': { input: Empty, output: z.array(admin.UserRow) },
  'users.create': { input: admin.CreateUserInput, output: admin.UserRow },
  'users.update': { input: admin.UpdateUserInput, output: admin.UserRow },
  'users.resetPassword': { input: admin.ResetPasswordInput, output: Ok },

  'settings.get': { input: Empty, output: admin.Settings },
  'settings.update': { input: admin.UpdateSettingsInput, output: admin.Settings },

  'audit.list': { input: admin.AuditListInput, output: admin.AuditListOutput },
  'audit.verify': { input: Empty, output: admin.AuditVerifyOutput },

  'backup.create': { input: admin.BackupCreateInput, output: admin.BackupInfo },
  'backup.list': { input: admin.BackupListInput, output: z.array(admin.BackupInfo) },
  'backup.restore': { input: admin.BackupRestoreInput, output: Ok },

  'orgs.list': { input: contacts.OrganizationListInput, output: z.array(contacts.Organization) },
  'orgs.save': { input: contacts.SaveOrganizationInput, output: contacts.Organization },
  'orgs.delete': { input: contacts.DeleteInput, output: Ok },
  'orgs.restore': { input: contacts.RestoreInput, output: Ok },

  'contacts.list': { input: contacts.ContactListInput, output: contacts.ContactListOutput },
  'contacts.stats': { input: Empty, output: contacts.ContactStats },
  'contacts.save': { input: contacts.SaveContactInput, output: contacts.Contact },
  'contacts.delete': { input: contacts.DeleteInput, output: Ok },
  'contacts.restore': { input: contacts.RestoreInput, output: Ok },
  'contacts.importPreview': { input: contacts.ImportPreviewInput, output: contacts.ImportPreviewOutput },
  'contacts.importCommit': { input: contacts.ImportCommitInput, output: contacts.ImportCommitOutput },
  'contacts.export': { input: contacts.ExportInput, output: FileOut },
  'contacts.printDirectory': { input: contacts.PrintDirectoryInput, output: FileOut },

  'docs.register': { input: registry.RegisterDocInput, output: registry.RegisterDocOutput },
  'docs.list': { input: registry.DocListInput, output: registry.DocListOutput },
  'docs.get': { input: registry.DocGetInput, output: registry.DocDetail },
  'docs.void': { input: registry.DocVoidInput, output: registry.DocEntry },
  'docs.attach': { input: registry.AttachInput, output: registry.AttachmentMeta },
  'docs.attachmentContent': { input: registry.AttachmentRef, output: registry.AttachmentContent },
  'docs.exportAttachment': { input: registry.AttachmentRef, output: FileOut },
  'docs.transfer': { input: registry.TransferInput, output: registry.DocTransfer },
  'docs.returnTransfer': { input: registry.ReturnTransferInput, output: registry.DocTransfer },
  'docs.recordCopies': { input: registry.RecordCopiesInput, output: z.array(registry.DocCopy) },
  'docs.setProcessing': { input: registry.SetProcessingInput, output: registry.DocEntry },
  'docs.decide': { input: registry.DecideInput, output: registry.DocEntry },
  'docs.expiring': { input: registry.ExpiringInput, output: registry.ExpiringOutput },
  'docs.yearReport': { input: registry.YearReportInput, output: registry.YearReport },
  'docs.printYearReport': { input: registry.PrintYearReportInput, output: FileOut },
  'docs.printRegister': { input: registryPrint.PrintRegisterInput, output: FileOut },
  'docs.printOverdue': { input: Empty, output: FileOut },
  'docs.importPreview': { input: registry.DocImportPreviewInput, output: registry.DocImportPreviewOutput },
  'docs.importCommit': { input: registry.DocImportCommitInput, output: registry.DocImportCommitOutput },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;
export const CHANNELS = Object.keys(contract) as Channel[];
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

export interface WireError {
  code: ErrorCode;
  message: string;
  /** Field problems: `code` is zod's issue code (or 'phone', 'cycle'), `limit` a length bound, so the UI can word them. */
  issues?: { path: string; message: string; code?: string; limit?: number }[];
}
export type WireResult<T> = { ok: true; data: T } | { ok: false; error: WireError };

export * from './enums';
export * from './common';
export * from './vault';
export * from './admin';
export * from './contacts';
export * from './registry';
export * from './registryPrint';

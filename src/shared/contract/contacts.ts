import { z } from 'zod';
import { ContactRole, OrgKind } from './enums';
import { Base64, Empty, FileOut, Id, Ok, RequiredText, SharedRecordMeta, Text } from './common';
import { EDITORS, READERS_NOT_VIEWER, defineModuleContract } from './define';

export const OrganizationFields = z.object({
  name: RequiredText(300),
  kind: OrgKind,
  parentId: Id.nullable().default(null),
  area: Text(200).default(''),
  address: Text(500).default(''),
  switchboard: Text(40).default(''),
});
export const Organization = SharedRecordMeta.extend(OrganizationFields.shape).extend({
  parentName: z.string().nullable(),
  contactCount: z.number().int(),
});
export type Organization = z.infer<typeof Organization>;
export const SaveOrganizationInput = OrganizationFields.extend({
  id: Id.optional(),
  version: z.number().int().positive().optional(),
});
export const OrganizationListInput = z.object({
  query: Text(200).default(''),
  kind: OrgKind.optional(),
  area: Text(200).optional(),
  includeDeleted: z.boolean().default(false),
});

export const ContactFields = z.object({
  fullName: RequiredText(200),
  position: Text(200).default(''),
  organizationId: Id.nullable().default(null),
  /** Free-form on input; the core normalises each number and rejects ones that are not Vietnamese. */
  phones: z.array(Text(40)).max(10).default([]),
  email: Text(200)
    .pipe(z.union([z.literal(''), z.string().email()]))
    .default(''),
  roles: z.array(ContactRole).max(4).default([]),
  notes: Text(2000).default(''),
});
export const Contact = SharedRecordMeta.extend(ContactFields.shape).extend({
  organizationName: z.string().nullable(),
  organizationKind: OrgKind.nullable(),
  area: z.string(),
  duplicateOf: z.array(Id),
});
export type Contact = z.infer<typeof Contact>;
export const SaveContactInput = ContactFields.extend({
  id: Id.optional(),
  version: z.number().int().positive().optional(),
});
export const ContactListInput = z.object({
  query: Text(200).default(''),
  organizationId: Id.optional(),
  kind: OrgKind.optional(),
  area: Text(200).optional(),
  limit: z.number().int().min(1).max(5000).default(500),
  offset: z.number().int().min(0).default(0),
});
export const ContactListOutput = z.object({ items: z.array(Contact), total: z.number().int() });
/** Live contacts, and how many of them share a phone number with another live contact. */
export const ContactStats = z.object({ total: z.number().int(), duplicates: z.number().int() });

export const DeleteInput = z.object({ id: Id, version: z.number().int().positive() });
export const RestoreInput = z.object({ id: Id });

/** Why an import row is refused or flagged; the UI and CLI each word it in their language. */
export const IMPORT_REASONS = [
  'missing-name',
  'bad-phone',
  'bad-email',
  'unknown-role',
  'too-long',
  'duplicate-in-file',
  'duplicate-in-directory',
] as const;
export const ImportReason = z.enum(IMPORT_REASONS);
export type ImportReason = z.infer<typeof ImportReason>;

export const ImportRow = z.object({
  line: z.number().int(),
  status: z.enum(['valid', 'invalid', 'duplicate']),
  reason: ImportReason.nullable(),
  /** The offending value, shown beside the reason ("0123" for bad-phone). */
  detail: z.string(),
  fullName: z.string(),
  position: z.string(),
  organization: z.string(),
  phones: z.array(z.string()),
  email: z.string(),
  roles: z.array(ContactRole),
});
export type ImportRow = z.infer<typeof ImportRow>;
export const ImportPreviewInput = z.object({ fileName: RequiredText(260), dataBase64: Base64 });
export const ImportPreviewOutput = z.object({
  previewId: z.string(),
  rows: z.array(ImportRow),
  counts: z.object({ valid: z.number().int(), invalid: z.number().int(), duplicate: z.number().int() }),
  /** How a CSV file's text was encoded ("Windows-1258" from Excel's plain CSV); null for XLSX. */
  encoding: z.string().nullable(),
});
export const ImportCommitInput = z.object({
  previewId: z.string(),
  includeDuplicates: z.boolean().default(false),
});
export const ImportCommitOutput = z.object({
  imported: z.number().int(),
  organizationsCreated: z.number().int(),
});

export const ExportInput = z.object({ format: z.enum(['xlsx', 'csv']) });
export const PrintDirectoryInput = z.object({
  kind: OrgKind.optional(),
  area: Text(200).optional(),
  signerTitle: Text(200).default(''),
  signerName: Text(200).default(''),
  /** Unit in "Lưu: VT, <unit>."; the office's first drafting unit when omitted. */
  draftingUnit: Text(20).optional(),
});

export const contactsContract = defineModuleContract({
  key: 'contacts',
  channels: {
    'contacts.orgs.list': {
      input: OrganizationListInput,
      output: z.array(Organization),
      access: 'signed-in',
    },
    'contacts.orgs.save': { input: SaveOrganizationInput, output: Organization, access: EDITORS },
    'contacts.orgs.delete': { input: DeleteInput, output: Ok, access: EDITORS },
    'contacts.orgs.restore': { input: RestoreInput, output: Ok, access: EDITORS },
    'contacts.list': { input: ContactListInput, output: ContactListOutput, access: 'signed-in' },
    'contacts.stats': { input: Empty, output: ContactStats, access: 'signed-in' },
    'contacts.save': { input: SaveContactInput, output: Contact, access: EDITORS },
    'contacts.delete': { input: DeleteInput, output: Ok, access: EDITORS },
    'contacts.restore': { input: RestoreInput, output: Ok, access: EDITORS },
    'contacts.importPreview': { input: ImportPreviewInput, output: ImportPreviewOutput, access: EDITORS },
    /** An XLSX file with the import's headers and one example row, to fill in. */
    'contacts.importTemplate': { input: Empty, output: FileOut, access: EDITORS },
    'contacts.importCommit': { input: ImportCommitInput, output: ImportCommitOutput, access: EDITORS },
    'contacts.export': { input: ExportInput, output: FileOut, access: READERS_NOT_VIEWER },
    'contacts.printDirectory': { input: PrintDirectoryInput, output: FileOut, access: READERS_NOT_VIEWER },
  },
  auditActions: [
    'contacts.orgs.create',
    'contacts.orgs.update',
    'contacts.orgs.delete',
    'contacts.orgs.restore',
    'contacts.create',
    'contacts.update',
    'contacts.delete',
    'contacts.restore',
    'contacts.import',
    'contacts.export',
    'contacts.print',
  ],
});

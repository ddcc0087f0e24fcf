import { z } from 'zod';
import { Base64, Empty, FileOut, Id, RequiredText, SharedRecordMeta, Text } from './common';
import { ADMIN, defineModuleContract } from './define';
import { EXCHANGE_PACKAGE_AUDIT_ACTIONS, EXCHANGE_PACKAGE_CHANNELS } from './exchangePackages';
import { IsoDate } from './docs';
import type { Role } from './enums';
import { OfficeLevel } from './enums';
import { OfficeProfile } from './vault';

/** Administrators manage keys and the directory; coordinators read them (and print the key form). */
const EXCHANGE_READERS: readonly Role[] = ['admin', 'coordinator'];

/** Ed25519 public key, 64 lower-case hex digits. */
export const SigningKeyHex = z.string().regex(/^[0-9a-f]{64}$/, 'Ed25519 public key, 64 hex digits');
/** age X25519 recipient, `age1…` (bech32, checked again by the core for small order). */
export const AgeRecipient = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'age X25519 recipient');
/** A fingerprint as printed: 8 groups of 5 digits. */
export const Fingerprint = z.string().regex(/^\d{5}( \d{5}){7}$/, 'fingerprint: 8 groups of 5 digits');
/** A fingerprint as typed: any spacing or dashes, exactly 40 digits once they are removed. */
export const TypedFingerprint = z
  .string()
  .max(200)
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{40}$/, 'fingerprint: 40 digits (8 groups of 5)'))
  .transform((d) => d.match(/\d{5}/g)!.join(' '));

/** A record type name (what the exchange registry declares), or `*` for every type. */
export const RecordTypeName = z.string().regex(/^(\*|[a-z][a-z0-9_.-]{0,63})$/, 'record type or *');
const TypeList = z.array(RecordTypeName).max(200);
/** A group of offices ("xa", "vien-thong", "buu-chinh"): lower case, digits and dashes. */
export const OfficeGroup = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'group: lower-case letters, digits, dashes');

export const KEY_FILE_FORMAT = 'ttll-desk/office-key/v1';
/**
 * The public key file an office hands to its province: strict, versioned. Its keys are trusted
 * only when the fingerprint the administrator types from the printed form matches them.
 */
export const OfficeKeyFile = z.strictObject({
  format: z.literal(KEY_FILE_FORMAT),
  office: z.strictObject({
    code: OfficeProfile.shape.code,
    name: RequiredText(200),
    level: OfficeLevel,
    parentOffice: Text(200),
  }),
  signingKey: SigningKeyHex,
  recipient: AgeRecipient,
  createdAt: IsoDate,
});
export type OfficeKeyFile = z.infer<typeof OfficeKeyFile>;

export const OwnKeys = z.object({
  office: z.string(),
  signingKey: SigningKeyHex,
  recipient: AgeRecipient,
  fingerprint: Fingerprint,
  createdAt: IsoDate,
});
export type OwnKeys = z.infer<typeof OwnKeys>;

export const PinnedProvince = z.object({ office: z.string(), fingerprint: Fingerprint, pinnedAt: IsoDate });

export const ExchangeOffice = SharedRecordMeta.extend({
  code: z.string(),
  name: z.string(),
  level: OfficeLevel,
  signingKey: SigningKeyHex,
  recipient: AgeRecipient,
  fingerprint: Fingerprint,
  groups: z.array(z.string()),
  maySend: z.array(z.string()),
  mayReceive: z.array(z.string()),
  validFrom: IsoDate,
  validTo: IsoDate.nullable(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  /** Not revoked and within its validity today. */
  active: z.boolean(),
});
export type ExchangeOffice = z.infer<typeof ExchangeOffice>;

/** What the administrator sets of an office besides its keys. */
export const OfficeTerms = z.object({
  name: RequiredText(200).optional(),
  level: OfficeLevel.optional(),
  groups: z.array(OfficeGroup).max(20).default([]),
  maySend: TypeList.default([]),
  mayReceive: TypeList.default(['*']),
  validFrom: IsoDate.optional(),
  validTo: IsoDate.nullable().default(null),
  organizationId: Id.nullable().default(null),
});

export const AddOfficeInput = OfficeTerms.extend({
  /** The key file's text (JSON). */
  keyFile: z.string().max(20_000),
  fingerprint: TypedFingerprint,
});
export const UpdateDirectoryOfficeInput = OfficeTerms.extend({
  id: Id,
  version: z.number().int().positive().optional(),
});
export const RevokeOfficeInput = z.object({
  id: Id,
  version: z.number().int().positive().optional(),
  reason: RequiredText(500),
});

export const DirectoryList = z.object({
  offices: z.array(ExchangeOffice),
  province: PinnedProvince.nullable(),
});

export const PublishedDirectory = z.object({
  file: FileOut,
  sequence: z.number().int().positive(),
  hash: z.string(),
  offices: z.number().int(),
  recipients: z.number().int(),
});

export const AcceptDirectoryInput = z.object({
  dataBase64: Base64,
  /** The province's fingerprint, needed only for the first directory (when no key is pinned yet). */
  fingerprint: TypedFingerprint.optional(),
});
export const AcceptedDirectory = z.object({
  province: z.string(),
  sequence: z.number().int(),
  /** The province key was pinned by this acceptance (the first). */
  pinned: z.boolean(),
  inserted: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
});

export const exchangeContract = defineModuleContract({
  key: 'exchange',
  channels: {
    'exchange.ownKeys': { input: Empty, output: OwnKeys, access: EXCHANGE_READERS },
    'exchange.exportKeyFile': { input: Empty, output: FileOut, access: EXCHANGE_READERS },
    'exchange.printKeyForm': { input: Empty, output: FileOut, access: EXCHANGE_READERS },
    'exchange.directoryList': {
      input: z.object({ includeRevoked: z.boolean().default(true) }),
      output: DirectoryList,
      access: EXCHANGE_READERS,
    },
    'exchange.addOffice': { input: AddOfficeInput, output: ExchangeOffice, access: ADMIN },
    'exchange.updateOffice': { input: UpdateDirectoryOfficeInput, output: ExchangeOffice, access: ADMIN },
    'exchange.revokeOffice': { input: RevokeOfficeInput, output: ExchangeOffice, access: ADMIN },
    'exchange.publishDirectory': { input: Empty, output: PublishedDirectory, access: ADMIN },
    'exchange.acceptDirectory': { input: AcceptDirectoryInput, output: AcceptedDirectory, access: ADMIN },
    ...EXCHANGE_PACKAGE_CHANNELS,
  },
  auditActions: [
    'exchange.keys.create',
    'exchange.keys.export',
    'exchange.keys.print',
    'exchange.office.add',
    'exchange.office.update',
    'exchange.office.revoke',
    'exchange.directory.publish',
    'exchange.directory.accept',
    ...EXCHANGE_PACKAGE_AUDIT_ACTIONS,
  ],
});

import { z } from 'zod';
import { Clearance } from './enums';
import { Base64, Id, RequiredText, Text } from './common';

/** Document types with their Vietnamese labels, kept in one place (symbols use the code). */
export const DOC_TYPE_LABELS_VI = {
  CV: 'Công văn',
  KH: 'Kế hoạch',
  BC: 'Báo cáo',
  QĐ: 'Quyết định',
  TB: 'Thông báo',
  TTr: 'Tờ trình',
  BB: 'Biên bản',
  other: 'Khác',
} as const;
export const DOC_TYPES = Object.keys(DOC_TYPE_LABELS_VI) as [
  keyof typeof DOC_TYPE_LABELS_VI,
  ...(keyof typeof DOC_TYPE_LABELS_VI)[],
];
export const DocType = z.enum(DOC_TYPES);
export type DocType = z.infer<typeof DocType>;

export const DocDirection = z.enum(['in', 'out']);
export type DocDirection = z.infer<typeof DocDirection>;
export const DocRegister = z.enum(['in', 'out', 'secret-in', 'secret-out']);
export type DocRegister = z.infer<typeof DocRegister>;
export const DocUrgency = z.enum(['none', 'khan', 'thuong-khan', 'hoa-toc']);
export type DocUrgency = z.infer<typeof DocUrgency>;
/** registered → (recalled | destroyed); voided is a mistaken entry that keeps its number. */
export const DocStatus = z.enum(['registered', 'voided', 'recalled', 'destroyed']);
export type DocStatus = z.infer<typeof DocStatus>;
export const DocProcessing = z.enum(['pending', 'in-progress', 'done']);
export type DocProcessing = z.infer<typeof DocProcessing>;

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD');

export const RegisterDocInput = z.object({
  direction: DocDirection,
  level: Clearance.default('none'),
  type: DocType,
  symbol: Text(100).default(''),
  documentDate: IsoDate,
  sender: Text(500).default(''),
  senderContactId: Id.nullable().default(null),
  organizationId: Id.nullable().default(null),
  recipients: z.array(RequiredText(500)).max(200).default([]),
  summary: Text(2000).default(''),
  urgency: DocUrgency.default('none'),
  copies: z.number().int().min(0).max(100000).default(1),
  pages: z.number().int().min(0).max(100000).default(1),
  signer: Text(200).default(''),
  handler: Text(200).default(''),
  deadline: IsoDate.nullable().default(null),
  notes: Text(2000).default(''),
  senderConsentToSummary: z.boolean().default(false),
});

/** An entry; restricted ones (level above the reader's clearance) have their text fields null. */
export const DocEntry = z.object({
  id: Id,
  version: z.number().int().positive(),
  register: DocRegister,
  year: z.number().int(),
  number: z.number().int().positive(),
  registeredAt: z.string(),
  direction: DocDirection,
  level: Clearance,
  status: DocStatus,
  restricted: z.boolean(),
  symbol: z.string(),
  type: DocType.nullable(),
  documentDate: z.string().nullable(),
  sender: z.string().nullable(),
  recipients: z.array(z.string()).nullable(),
  summary: z.string().nullable(),
  urgency: DocUrgency.nullable(),
  copies: z.number().int().nullable(),
  pages: z.number().int().nullable(),
  handler: z.string().nullable(),
  deadline: z.string().nullable(),
  notes: z.string().nullable(),
  voidReason: z.string().nullable(),
  voidedBy: z.string().nullable(),
  voidedAt: z.string().nullable(),
  signer: z.string().nullable(),
  processing: DocProcessing.nullable(),
  processedAt: z.string().nullable(),
  replyId: z.string().nullable(),
  holder: z.string().nullable(),
  protectUntil: z.string().nullable(),
  declassifiedAt: z.string().nullable(),
});
export type DocEntry = z.infer<typeof DocEntry>;

export const RegisterDocOutput = z.object({ entry: DocEntry, clockWarning: z.boolean() });

export const DocListInput = z.object({
  year: z.number().int().optional(),
  direction: DocDirection.optional(),
  level: Clearance.optional(),
  urgency: DocUrgency.optional(),
  status: DocStatus.optional(),
  overdue: z.boolean().optional(),
  query: Text(200).default(''),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});
export const DocListOutput = z.object({ items: z.array(DocEntry), total: z.number().int() });

export const DocGetInput = z.object({ id: Id });
export const DocVoidInput = z.object({
  id: Id,
  version: z.number().int().positive(),
  reason: RequiredText(500),
});

/** Why a row of a legacy register file is refused; the UI and CLI each word it in their language. */
export const DOC_IMPORT_REASONS = [
  'missing-number',
  'bad-number',
  'missing-date',
  'bad-date',
  'bad-level',
  'bad-urgency',
  'level-mismatch',
  'above-clearance',
  'summary-needs-consent',
  'number-taken',
  'duplicate-in-file',
  'too-long',
] as const;
export const DocImportReason = z.enum(DOC_IMPORT_REASONS);
export type DocImportReason = z.infer<typeof DocImportReason>;

export const DocImportRow = z.object({
  line: z.number().int(),
  status: z.enum(['valid', 'invalid']),
  reason: DocImportReason.nullable(),
  /** The reason in English (CLI, logs); the UI words the code itself. */
  message: z.string(),
  /** The offending value ("31/02/2024"), shown beside the reason. */
  detail: z.string(),
  year: z.number().int().nullable(),
  number: z.number().int().nullable(),
  registeredOn: z.string(),
  symbol: z.string(),
  type: DocType,
  level: Clearance.nullable(),
  sender: z.string(),
  summary: z.string(),
});
export type DocImportRow = z.infer<typeof DocImportRow>;
export const DocImportPreviewInput = z.object({
  register: DocRegister,
  fileName: RequiredText(260),
  dataBase64: Base64,
});
export const DocImportPreviewOutput = z.object({
  previewId: z.string(),
  register: DocRegister,
  rows: z.array(DocImportRow),
  counts: z.object({ valid: z.number().int(), invalid: z.number().int() }),
});
export const DocImportCommitInput = z.object({ previewId: z.string() });
export const DocImportCommitOutput = z.object({
  imported: z.number().int(),
  /** Per year imported: the register's counter after the import (new entries continue after it). */
  counters: z.array(z.object({ year: z.number().int(), lastNumber: z.number().int() })),
});

import { z } from 'zod';
import { isIsoCalendarDate } from '../dates';
import { Clearance } from './enums';
import { Base64, FileOut, Id, RequiredText, Text } from './common';
import { READERS_NOT_VIEWER, defineModuleContract } from './define';
import type { Role } from './enums';

/**
 * Document types with their Vietnamese names, keyed by the abbreviation Nghị định 30/2020 gives
 * them in its Appendix III (the code is what the symbol carries: 05/KH-SKHCN, 08/GM-SKHCN). A
 * letter (công văn) has no abbreviation: its symbol is number/office-unit (08/SKHCN-VP).
 */
export const DOC_TYPE_LABELS_VI = {
  CV: 'Công văn',
  NQ: 'Nghị quyết',
  QĐ: 'Quyết định',
  CT: 'Chỉ thị',
  QC: 'Quy chế',
  QyĐ: 'Quy định',
  TC: 'Thông cáo',
  TB: 'Thông báo',
  HD: 'Hướng dẫn',
  CTr: 'Chương trình',
  KH: 'Kế hoạch',
  PA: 'Phương án',
  ĐA: 'Đề án',
  DA: 'Dự án',
  BC: 'Báo cáo',
  BB: 'Biên bản',
  TTr: 'Tờ trình',
  HĐ: 'Hợp đồng',
  CĐ: 'Công điện',
  BGN: 'Bản ghi nhớ',
  BTT: 'Bản thỏa thuận',
  GUQ: 'Giấy ủy quyền',
  GM: 'Giấy mời',
  GGT: 'Giấy giới thiệu',
  GNP: 'Giấy nghỉ phép',
  PG: 'Phiếu gửi',
  PC: 'Phiếu chuyển',
  PB: 'Phiếu báo',
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

export const IsoDate = z.string().refine(isIsoCalendarDate, 'date: a real calendar day, YYYY-MM-DD');

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
  /**
   * Abbreviation of the unit that drafted an outgoing letter ("VP"): its symbol is then
   * 08/SKHCN-VP (Nghị định 30/2020). Only used when the symbol is built, not stored.
   */
  draftingUnit: z
    .string()
    .trim()
    .max(20)
    .regex(/^[\p{L}\p{N}&-]*$/u, 'drafting unit: letters, digits, - or &')
    .default(''),
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
  processing: DocProcessing.optional(),
  /** Part of the handling unit or person, diacritics ignored. */
  handler: Text(200).optional(),
  sort: z.enum(['newest', 'oldest', 'deadline']).default('newest'),
  query: Text(200).default(''),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});
export const DocListOutput = z.object({
  items: z.array(DocEntry),
  total: z.number().int(),
  /** A text search counts up to a cap: true when more entries than `total` match. */
  totalCapped: z.boolean(),
});

export const DocGetInput = z.object({ id: Id });
/** What names a document before it is registered: the same symbol, sender and date twice is likely one. */
export const FindSimilarInput = z.object({
  direction: DocDirection,
  symbol: Text(100),
  sender: Text(500).default(''),
  documentDate: IsoDate,
});
export const DocVoidInput = z.object({
  id: Id,
  version: z.number().int().positive(),
  reason: RequiredText(500),
});

export const AttachmentMeta = z.object({
  id: Id,
  documentId: Id,
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  addedAt: z.string(),
  addedBy: z.string(),
});
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;
/** The file types the in-app viewer shows; recognised by their first bytes, not their name. */
export const ATTACHMENT_MIMES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** A task's evidence may also be a Word file (downloaded, not shown in the viewer). */
export const EVIDENCE_MIMES = [...ATTACHMENT_MIMES, DOCX_MIME] as const;
export type EvidenceMime = (typeof EVIDENCE_MIMES)[number];
export const AttachInput = z.object({ documentId: Id, fileName: RequiredText(260), dataBase64: Base64 });
export const AttachmentRef = z.object({ id: Id });
export const AttachmentContent = z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() });

export const DocTransfer = z.object({
  id: Id,
  documentId: Id,
  year: z.number().int(),
  number: z.number().int(),
  transferredAt: z.string(),
  transferredBy: z.string(),
  toPerson: z.string(),
  toUnit: z.string(),
  purpose: z.string(),
  returnedAt: z.string().nullable(),
  returnNote: z.string(),
});
export type DocTransfer = z.infer<typeof DocTransfer>;
export const TransferInput = z.object({
  documentId: Id,
  toPerson: RequiredText(200),
  toUnit: Text(200).default(''),
  purpose: Text(500).default(''),
});
export const ReturnTransferInput = z.object({ transferId: Id, note: Text(500).default('') });

export const CopyKind = z.enum(['copy', 'extract']);
export type CopyKind = z.infer<typeof CopyKind>;
export const DocCopy = z.object({
  id: Id,
  documentId: Id,
  year: z.number().int(),
  number: z.number().int(),
  kind: CopyKind,
  authorisedBy: z.string(),
  authorisationRef: z.string(),
  madeAt: z.string(),
  copyIndex: z.number().int(),
  quantity: z.number().int(),
  recipient: z.string(),
});
export type DocCopy = z.infer<typeof DocCopy>;
/** A copy or extract exists only with a named authority and the written authorisation it gave. */
export const RecordCopiesInput = z.object({
  documentId: Id,
  kind: CopyKind.default('copy'),
  authorisedBy: RequiredText(200),
  authorisationRef: RequiredText(200),
  quantity: z.number().int().min(1).max(100),
  recipient: Text(300).default(''),
});

export const DecisionKind = z.enum(['recall', 'extend', 'declassify', 'destroy']);
export type DecisionKind = z.infer<typeof DecisionKind>;
export const DocDecision = z.object({
  id: Id,
  documentId: Id,
  kind: DecisionKind,
  decidedAt: z.string(),
  decisionRef: z.string(),
  decidedBy: z.string(),
  recordedBy: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type DocDecision = z.infer<typeof DocDecision>;
const DecisionBase = {
  documentId: Id,
  version: z.number().int().positive(),
  decisionRef: RequiredText(200),
  decidedBy: RequiredText(200),
  decidedAt: IsoDate,
};
export const DecideInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recall'), ...DecisionBase, reason: RequiredText(500) }),
  z.object({ kind: z.literal('extend'), ...DecisionBase, until: IsoDate }),
  z.object({ kind: z.literal('declassify'), ...DecisionBase }),
  z.object({
    kind: z.literal('destroy'),
    ...DecisionBase,
    council: z.array(RequiredText(200)).min(2).max(20),
    recordRef: RequiredText(200),
    method: RequiredText(300),
  }),
]);

export const SetProcessingInput = z.object({
  id: Id,
  version: z.number().int().positive(),
  processing: DocProcessing,
  replyId: Id.nullable().default(null),
});

/** One entry with its attachments, transfers, copies and decisions (empty when restricted). */
export const DocDetail = z.object({
  entry: DocEntry,
  attachments: z.array(AttachmentMeta),
  transfers: z.array(DocTransfer),
  copies: z.array(DocCopy),
  decisions: z.array(DocDecision),
  /** Whether this user holds the per-user permission to export attachments (offered only then). */
  mayExportAttachments: z.boolean(),
});
export type DocDetail = z.infer<typeof DocDetail>;

export const ExpiringInput = z.object({ withinDays: z.number().int().min(0).max(36500).default(365) });
export const ExpiringOutput = z.array(DocEntry);

export const YearReportInput = z.object({ year: z.number().int().min(2000).max(2200) });
/**
 * Who signs a printout: the authority lines ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
 * one per line, up to three) and the name.
 */
export const PrintSigner = {
  signerTitle: Text(200).default(''),
  signerName: Text(200).default(''),
};
/** The drafting unit written in "Lưu: VT, <unit>."; the office's first drafting unit when omitted. */
const DraftingUnitField = { draftingUnit: Text(20).optional() };
/** The report's sections as the leader edits them around the counts; defaults when omitted. */
export const YearReportSections = z.object({
  situation: Text(8000).optional(),
  results: Text(8000).optional(),
  shortcomings: Text(8000).optional(),
  proposals: Text(8000).optional(),
});
export type YearReportSections = z.infer<typeof YearReportSections>;
/**
 * The sections' text offered by default (the UI shows it to edit). Paragraphs are separated by line
 * breaks; the counts table goes after the results section.
 */
export const YEAR_REPORT_DEFAULT_SECTIONS: Required<YearReportSections> = {
  situation:
    'Trong kỳ báo cáo, cơ quan quán triệt và thực hiện Luật Bảo vệ bí mật nhà nước và các văn bản hướng dẫn thi hành; tài liệu, vật chứa bí mật nhà nước được đăng ký vào sổ, quản lý, lưu giữ và giao nhận theo quy định. Không để xảy ra lộ, mất bí mật nhà nước.',
  results:
    'Số liệu tài liệu, vật chứa bí mật nhà nước trong kỳ báo cáo, lấy từ sổ đăng ký bí mật nhà nước đến, đi, sổ quản lý sao, chụp và các quyết định thu hồi, gia hạn, giải mật, tiêu hủy đã ghi nhận, như sau:',
  shortcomings:
    'Một số tài liệu chưa được rà soát kịp thời khi hết thời hạn bảo vệ; việc cập nhật sổ sách có lúc còn chậm.',
  proposals:
    'Đề nghị Công an tỉnh tiếp tục tổ chức tập huấn, hướng dẫn nghiệp vụ bảo vệ bí mật nhà nước cho cán bộ làm công tác văn thư, lưu trữ và người được giao quản lý tài liệu mật.',
};
export const PrintYearReportInput = YearReportInput.extend({
  ...PrintSigner,
  ...DraftingUnitField,
  recipients: z.array(RequiredText(300)).max(30).optional(),
  sections: YearReportSections.default({}),
});
export const PrintOverdueInput = z.object({ ...PrintSigner, ...DraftingUnitField });
/** The destruction record of an entry, from its recorded destroy decision and council. */
export const PrintDestructionInput = z.object({
  documentId: Id,
  /** Where the council met; the office's place name when omitted. */
  location: Text(300).optional(),
});
/** The slip for handling an incoming entry (phiếu giải quyết văn bản đến). */
export const PrintHandlingSlipInput = z.object({ documentId: Id });
const LevelCounts = z.object({
  mat: z.number().int(),
  'toi-mat': z.number().int(),
  'tuyet-mat': z.number().int(),
});
export const YearReport = z.object({
  year: z.number().int(),
  from: IsoDate,
  to: IsoDate,
  received: LevelCounts,
  sent: LevelCounts,
  copied: LevelCounts,
  recalled: LevelCounts,
  declassified: LevelCounts,
  destroyed: LevelCounts,
});
export type YearReport = z.infer<typeof YearReport>;
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
  'future-year',
  'number-far-ahead',
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
  /**
   * The user confirmed rows that look mistaken: a year after the current one, or a number far
   * beyond the register's counter (importDocs.ts, FAR_AHEAD). Refused unless true.
   */
  allowUnusual: z.boolean().default(false),
});
export const DocImportPreviewOutput = z.object({
  previewId: z.string(),
  register: DocRegister,
  rows: z.array(DocImportRow),
  counts: z.object({ valid: z.number().int(), invalid: z.number().int() }),
  /** How a CSV file's text was encoded ("Windows-1258" from Excel's plain CSV); null for XLSX. */
  encoding: z.string().nullable(),
});
export const DocImportTemplateInput = z.object({ register: DocRegister });
export const DocImportCommitInput = z.object({
  previewId: z.string(),
  /**
   * Old entries were handled on paper: by default they come in as processed, so their past
   * deadlines do not fill the overdue list. False keeps them pending.
   */
  markProcessed: z.boolean().default(true),
});
export const DocImportCommitOutput = z.object({
  imported: z.number().int(),
  /** Per year imported: the register's counter after the import (new entries continue after it). */
  counters: z.array(z.object({ year: z.number().int(), lastNumber: z.number().int() })),
});

/** The bound books printed from the registry: the four registers, transfers and copies. */
export const PRINT_REGISTERS = ['in', 'out', 'secret-in', 'secret-out', 'transfer', 'copy'] as const;
export const PrintRegister = z.enum(PRINT_REGISTERS);
export type PrintRegister = z.infer<typeof PrintRegister>;

/** A year's book, or part of it: from/to default to 1 January and 31 December of the year. */
export const PrintRegisterInput = z
  .object({
    register: PrintRegister,
    year: z.number().int().min(2000).max(2100),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    /** "Quyển số" on the cover: the book's number within the year. */
    volume: z.number().int().min(1).max(99).optional(),
  })
  .refine((i) => [i.from, i.to].every((d) => d === undefined || d.startsWith(`${i.year}-`)), {
    message: 'from and to must fall within the year',
    path: ['from'],
  })
  .refine((i) => !i.from || !i.to || i.from <= i.to, { message: 'from is after to', path: ['to'] });

/** Who keeps the registers; a coordinator may also register ordinary (unclassified) entries. */
export const REGISTRARS: readonly Role[] = ['admin', 'clerk', 'coordinator'];
/** Who keeps classified entries. */
export const SECRET_REGISTRARS: readonly Role[] = ['admin', 'clerk'];
/** The leader marks processing done too (the one who directs the handling). */
const PROCESSORS: readonly Role[] = [...REGISTRARS, 'leader'];
const REPORT_READERS: readonly Role[] = ['admin', 'leader', 'clerk'];
const PRINTERS: readonly Role[] = ['admin', 'clerk', 'leader'];

export const docsContract = defineModuleContract({
  key: 'docs',
  channels: {
    'docs.register': { input: RegisterDocInput, output: RegisterDocOutput, access: REGISTRARS },
    'docs.list': { input: DocListInput, output: DocListOutput, access: 'signed-in' },
    'docs.get': { input: DocGetInput, output: DocDetail, access: 'signed-in' },
    'docs.findSimilar': { input: FindSimilarInput, output: z.array(DocEntry), access: REGISTRARS },
    'docs.void': { input: DocVoidInput, output: DocEntry, access: REGISTRARS },
    'docs.attach': { input: AttachInput, output: AttachmentMeta, access: REGISTRARS },
    'docs.attachmentContent': { input: AttachmentRef, output: AttachmentContent, access: 'signed-in' },
    'docs.exportAttachment': { input: AttachmentRef, output: FileOut, access: 'signed-in' },
    'docs.transfer': { input: TransferInput, output: DocTransfer, access: REGISTRARS },
    'docs.returnTransfer': { input: ReturnTransferInput, output: DocTransfer, access: REGISTRARS },
    'docs.recordCopies': { input: RecordCopiesInput, output: z.array(DocCopy), access: REGISTRARS },
    'docs.setProcessing': { input: SetProcessingInput, output: DocEntry, access: PROCESSORS },
    'docs.decide': { input: DecideInput, output: DocEntry, access: REGISTRARS },
    'docs.expiring': { input: ExpiringInput, output: ExpiringOutput, access: READERS_NOT_VIEWER },
    'docs.yearReport': { input: YearReportInput, output: YearReport, access: REPORT_READERS },
    'docs.printYearReport': { input: PrintYearReportInput, output: FileOut, access: REPORT_READERS },
    'docs.printRegister': { input: PrintRegisterInput, output: FileOut, access: PRINTERS },
    'docs.printOverdue': { input: PrintOverdueInput, output: FileOut, access: PRINTERS },
    'docs.printDestruction': { input: PrintDestructionInput, output: FileOut, access: PRINTERS },
    'docs.printHandlingSlip': { input: PrintHandlingSlipInput, output: FileOut, access: PRINTERS },
    'docs.importPreview': {
      input: DocImportPreviewInput,
      output: DocImportPreviewOutput,
      access: REGISTRARS,
    },
    'docs.importCommit': { input: DocImportCommitInput, output: DocImportCommitOutput, access: REGISTRARS },
    /** An XLSX file with the legacy register's headers and one example row, to fill in. */
    'docs.importTemplate': { input: DocImportTemplateInput, output: FileOut, access: REGISTRARS },
  },
  auditActions: [
    'docs.register',
    'docs.view',
    'docs.viewList',
    'docs.void',
    'docs.import',
    'docs.attach',
    'docs.attachment.view',
    'docs.attachment.export',
    'docs.transfer',
    'docs.returnTransfer',
    'docs.recordCopies',
    'docs.setProcessing',
    'docs.recall',
    'docs.extend',
    'docs.declassify',
    'docs.destroy',
    'docs.print',
  ],
});

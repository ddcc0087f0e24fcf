import { z } from 'zod';
import { Base64, Empty, FileOut, Id, RequiredText, SharedRecordMeta, Text } from './common';
import { defineModuleContract } from './define';
import { IsoDate, PrintSigner } from './docs';
import type { Role } from './enums';

/** Who plans and conducts inspections and enters self-inspection reports. */
export const INSPECTORS: readonly Role[] = ['admin', 'coordinator'];
/** Only a leader accepts a finding left unresolved (the inspection may then close). */
const LEADERS: readonly Role[] = ['leader'];
/** Closing: the inspectors, and the leader who signs the record. */
const CLOSERS: readonly Role[] = ['admin', 'coordinator', 'leader'];
/** Printouts: every role but the viewer (as for plans). */
const PRINTERS: readonly Role[] = ['admin', 'leader', 'coordinator', 'clerk'];

/** The kinds of unit the shipped checklists are written for (seed 000's appendix). */
export const UNIT_KINDS = ['telecom', 'postal', 'radio', 'commune'] as const;
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

/** đạt / không đạt / không áp dụng. */
export const ITEM_RESULTS = ['dat', 'khong-dat', 'khong-ap-dung'] as const;
export const ItemResult = z.enum(ITEM_RESULTS);
export type ItemResult = z.infer<typeof ItemResult>;

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;
/** A finding is open until resolved (remediated) or accepted by a leader as it is. */
export const FINDING_STATUSES = ['open', 'resolved', 'accepted'] as const;
export const FindingStatus = z.enum(FINDING_STATUSES);
export const INSPECTION_STATUSES = ['planned', 'in-progress', 'done', 'closed'] as const;
export const InspectionStatus = z.enum(INSPECTION_STATUSES);
export type InspectionStatus = z.infer<typeof InspectionStatus>;

/** One thing to check: its key is stable across editions and copies, so reports compare by it. */
export const ChecklistItem = z.object({
  key: RequiredText(60),
  requirement: RequiredText(2000),
  verify: Text(2000).default(''),
  evidence: Text(2000).default(''),
  legalBasis: Text(500).default(''),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/**
 * A checklist: a shipped template (`ref` its key, e.g. "telecom") or an office's copy (`ref` its
 * record id). `edition` counts the edits of its items.
 */
export const Checklist = z.object({
  ref: z.string(),
  shipped: z.boolean(),
  edition: z.number().int(),
  name: z.string(),
  unitKind: UnitKind,
  basedOn: z.string(),
  items: z.array(ChecklistItem),
  /** The checklist this one was copied from (`ref@edition`), '' for a shipped template. */
  copiedFrom: z.string(),
  version: z.number().int().nullable(),
});
export type Checklist = z.infer<typeof Checklist>;
export const ChecklistSummary = Checklist.omit({ items: true }).extend({ itemCount: z.number().int() });
export type ChecklistSummary = z.infer<typeof ChecklistSummary>;

export const SaveChecklistInput = z.object({
  /** Edit this copy (with the version read); omitted: a new copy of `copyFrom`. */
  id: Id.optional(),
  version: z.number().int().positive().optional(),
  copyFrom: RequiredText(100).optional(),
  name: RequiredText(500),
  items: z.array(ChecklistItem).min(1).max(300),
});

export const PlanInspectionInput = z.object({
  eventId: Id,
  orgId: Id,
  /** A checklist's ref (shipped key or copy id): its items are copied into the inspection. */
  checklist: RequiredText(100),
  date: IsoDate,
  place: Text(500).default(''),
  teamContactIds: z.array(Id).max(30).default([]),
  /** The inspection this one re-inspects. */
  reinspectionOf: Id.nullable().default(null),
});

export const RecordItemInput = z.object({
  inspectionId: Id,
  /** The item's number in the inspection's checklist, from 1. */
  itemNo: z.number().int().min(1),
  result: ItemResult,
  notes: Text(4000).default(''),
});

export const AttachFileInput = z.object({
  inspectionId: Id,
  itemNo: z.number().int().min(1),
  fileName: RequiredText(260),
  dataBase64: Base64,
});
export const AttachmentInfo = z.object({
  id: Id,
  itemNo: z.number().int(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  addedAt: z.string(),
});

export const SaveFindingInput = z.object({
  inspectionId: Id,
  id: Id.optional(),
  version: z.number().int().positive().optional(),
  itemNo: z.number().int().min(1).nullable().default(null),
  severity: Severity,
  description: RequiredText(4000),
  recommendation: Text(4000).default(''),
});

export const SaveActionInput = z.object({
  findingId: Id,
  id: Id.optional(),
  version: z.number().int().positive().optional(),
  text: RequiredText(2000),
  ownerOrgId: Id.nullable().default(null),
  ownerContactId: Id.nullable().default(null),
  deadline: IsoDate,
  done: z.boolean().default(false),
  /** Also make it a task of the plans module (in the event's first plan, or `planId`). */
  asTask: z.boolean().default(false),
  planId: Id.optional(),
});

export const RemediationAction = SharedRecordMeta.extend({
  findingId: Id,
  text: z.string(),
  ownerOrgId: Id.nullable(),
  ownerContactId: Id.nullable(),
  ownerName: z.string(),
  deadline: IsoDate,
  done: z.boolean(),
  overdue: z.boolean(),
  taskId: Id.nullable(),
});
export type RemediationAction = z.infer<typeof RemediationAction>;

export const Finding = SharedRecordMeta.extend({
  inspectionId: Id,
  itemNo: z.number().int().nullable(),
  severity: Severity,
  description: z.string(),
  recommendation: z.string(),
  status: FindingStatus,
  /** The leader's note when accepted, or how it was resolved. */
  statusNote: z.string(),
  actions: z.array(RemediationAction),
});
export type Finding = z.infer<typeof Finding>;

export const InspectionItem = ChecklistItem.extend({
  no: z.number().int(),
  result: ItemResult.nullable(),
  notes: z.string(),
});
export type InspectionItem = z.infer<typeof InspectionItem>;

export const InspectionSummary = SharedRecordMeta.extend({
  eventId: Id,
  orgId: Id,
  orgName: z.string(),
  unitKind: UnitKind,
  checklistName: z.string(),
  /** `ref@edition` of the checklist the items were copied from. */
  checklistRef: z.string(),
  date: IsoDate,
  place: z.string(),
  teamContactIds: z.array(Id),
  teamNames: z.array(z.string()),
  status: InspectionStatus,
  reinspectionOf: Id.nullable(),
  itemCount: z.number().int(),
  recorded: z.number().int(),
  failed: z.number().int(),
  openFindings: z.number().int(),
});
export type InspectionSummary = z.infer<typeof InspectionSummary>;

/** A unit's own answers to an item, beside the office's. */
export const SelfAnswer = z.object({ key: z.string(), result: ItemResult.nullable(), notes: z.string() });
export type SelfAnswer = z.infer<typeof SelfAnswer>;

export const InspectionDetail = z.object({
  inspection: InspectionSummary,
  items: z.array(InspectionItem),
  attachments: z.array(AttachmentInfo),
  findings: z.array(Finding),
  /** The unit's latest self-inspection report in the event, by item key; null when none. */
  selfReport: z
    .object({ id: Id, originOffice: z.string(), reportedOn: IsoDate, answers: z.array(SelfAnswer) })
    .nullable(),
});
export type InspectionDetail = z.infer<typeof InspectionDetail>;
/** What the screen gets: the inspection and whether this user may take its files out. */
export const InspectionView = InspectionDetail.extend({ mayExportFiles: z.boolean() });

export const SelfReportInput = z.object({
  eventId: Id,
  orgId: Id,
  checklist: RequiredText(100),
  reportedOn: IsoDate,
  answers: z
    .array(z.object({ key: RequiredText(60), result: ItemResult, notes: Text(4000).default('') }))
    .max(300),
});
export const SelfReport = SharedRecordMeta.extend({
  eventId: Id,
  orgId: Id,
  orgName: z.string(),
  checklistRef: z.string(),
  reportedOn: IsoDate,
  answers: z.array(SelfAnswer),
});

export const RequestSelfInput = z.object({
  eventId: Id,
  orgIds: z.array(Id).min(1).max(500),
  deadline: IsoDate,
  /** The plan the request tasks go in; omitted: the event's first plan. */
  planId: Id.optional(),
});

export const RoundOverview = z.object({
  planned: z.number().int(),
  done: z.number().int(),
  closed: z.number().int(),
  selfInspected: z.number().int(),
  openBySeverity: z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int() }),
  overdueActions: z.number().int(),
  byKind: z.array(
    z.object({
      unitKind: UnitKind,
      inspections: z.number().int(),
      items: z.number().int(),
      passed: z.number().int(),
      failed: z.number().int(),
      notApplicable: z.number().int(),
    }),
  ),
});
export type RoundOverview = z.infer<typeof RoundOverview>;

const ById = z.object({ id: Id });
const Versioned = z.object({ id: Id, version: z.number().int().positive(), note: Text(2000).default('') });

export const inspectionsContract = defineModuleContract({
  key: 'inspections',
  channels: {
    'inspections.templates': { input: Empty, output: z.array(ChecklistSummary), access: 'signed-in' },
    'inspections.checklists.get': {
      input: z.object({ ref: RequiredText(100) }),
      output: Checklist,
      access: 'signed-in',
    },
    /** A copy of a checklist, or an edit of one (a new edition; past inspections keep theirs). */
    'inspections.checklists.save': { input: SaveChecklistInput, output: Checklist, access: ['admin'] },
    'inspections.plan': { input: PlanInspectionInput, output: InspectionSummary, access: INSPECTORS },
    'inspections.list': {
      input: z.object({ eventId: Id.optional() }),
      output: z.array(InspectionSummary),
      access: 'signed-in',
    },
    'inspections.get': { input: ById, output: InspectionView, access: 'signed-in' },
    /** One item's result: its own committed write, so a closed or killed app loses nothing saved. */
    'inspections.record': { input: RecordItemInput, output: InspectionItem, access: INSPECTORS },
    'inspections.attach': { input: AttachFileInput, output: AttachmentInfo, access: INSPECTORS },
    /** A photo or file shown inside the app (bytes in memory only). */
    'inspections.files.content': { input: ById, output: FileOut, access: 'signed-in' },
    /** Taken out of the encrypted store: only with the per-user export permission, audited. */
    'inspections.files.export': { input: ById, output: FileOut, access: 'signed-in' },
    'inspections.findings.save': { input: SaveFindingInput, output: Finding, access: INSPECTORS },
    'inspections.actions.save': { input: SaveActionInput, output: RemediationAction, access: INSPECTORS },
    'inspections.findings.resolve': { input: Versioned, output: Finding, access: INSPECTORS },
    'inspections.findings.accept': { input: Versioned, output: Finding, access: LEADERS },
    'inspections.close': { input: ById, output: InspectionSummary, access: CLOSERS },
    /** Self-inspection requests: one task per unit in the event's plan, with the deadline. */
    'inspections.requestSelf': {
      input: RequestSelfInput,
      output: z.object({ taskIds: z.array(Id) }),
      access: INSPECTORS,
    },
    'inspections.self.save': { input: SelfReportInput, output: SelfReport, access: INSPECTORS },
    'inspections.self.list': {
      input: z.object({ eventId: Id }),
      output: z.array(SelfReport),
      access: 'signed-in',
    },
    'inspections.overview': { input: z.object({ eventId: Id }), output: RoundOverview, access: 'signed-in' },
    'inspections.print': { input: ById, output: FileOut, access: PRINTERS },
    'inspections.report': {
      input: z.object({ eventId: Id, format: z.enum(['docx', 'xlsx']).default('docx'), ...PrintSigner }),
      output: FileOut,
      access: PRINTERS,
    },
  },
  auditActions: [
    'inspections.checklists.create',
    'inspections.checklists.update',
    'inspections.plan',
    'inspections.record',
    'inspections.attach',
    'inspections.files.export',
    'inspections.findings.save',
    'inspections.actions.save',
    'inspections.findings.resolve',
    'inspections.findings.accept',
    'inspections.close',
    'inspections.requestSelf',
    'inspections.self.save',
    'inspections.print',
  ],
});

import { z } from 'zod';
import { Base64, Empty, FileOut, Id, Ok, RequiredText, SharedRecordMeta, Text } from './common';
import { defineModuleContract } from './define';
import { AttachmentContent, EVIDENCE_MIMES, IsoDate, PrintSigner } from './docs';
import type { Role } from './enums';

/** Who edits events, plans and tasks and enters progress; everyone signed in reads them. */
export const PLAN_EDITORS: readonly Role[] = ['admin', 'coordinator'];
/** Printouts and exports: every role but the viewer (as for the directory). */
const PLAN_PRINTERS: readonly Role[] = ['admin', 'leader', 'coordinator', 'clerk'];

/** Phases of an event's calendar: preparation, the days around the key day, after. */
export const PHASE_KEYS = ['before', 'during', 'after'] as const;
export const PhaseKey = z.enum(PHASE_KEYS);
export type PhaseKey = z.infer<typeof PhaseKey>;
export const EventPhase = z.object({ key: PhaseKey, start: IsoDate, end: IsoDate });
export type EventPhase = z.infer<typeof EventPhase>;

/**
 * A task's deadline as the plan states it; the core turns it into due dates (shared/deadlines.ts).
 * `relative`: days from the key day (negative before it). `weekly`: that weekday (1 Monday … 7
 * Sunday) of every week of the phases (none listed: the whole event). `continuous` ("Thường
 * xuyên"): due each reporting period (Mondays) of the phases. `phase`: by the end of the last one listed.
 * `unread`: the words kept in deadlineText were not understood.
 */
export const DeadlineSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), date: IsoDate }),
  z.object({ kind: z.literal('relative'), days: z.number().int().min(-1000).max(1000) }),
  z.object({
    kind: z.literal('weekly'),
    weekday: z.number().int().min(1).max(7),
    phases: z.array(PhaseKey).max(3).default([]),
  }),
  z.object({ kind: z.literal('continuous'), phases: z.array(PhaseKey).max(3).default([]) }),
  z.object({ kind: z.literal('phase'), phases: z.array(PhaseKey).min(1).max(3) }),
  /** Not read from the plan's words ("chưa đọc được thời hạn"): no due date until a person sets one. */
  z.object({ kind: z.literal('unread') }),
]);
export type DeadlineSpec = z.infer<typeof DeadlineSpec>;

/**
 * How often a plan's progress is reported: the days its reporting periods start on, in Vietnam
 * calendar days; a period runs to the day before the next one starts (shared/deadlines.ts).
 * `weekly`: every week from that weekday (1 Monday … 7 Sunday; seed 001 reports on Mondays).
 * `every`: every N days from a date. `monthly`: on day D of each month (its last day when the
 * month is shorter). `dates`: on the dates listed (the last period runs to the event's end).
 */
export const ReportingSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('weekly'), weekday: z.number().int().min(1).max(7) }),
  z.object({ kind: z.literal('every'), days: z.number().int().min(1).max(366), from: IsoDate }),
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31) }),
  z.object({
    kind: z.literal('dates'),
    dates: z
      .array(IsoDate)
      .min(1)
      .max(366)
      .refine((d) => d.every((x, i) => i === 0 || d[i - 1]! < x), 'dates in order, each once'),
  }),
]);
export type ReportingSchedule = z.infer<typeof ReportingSchedule>;
/** Every Monday: the schedule of a plan that sets none. */
export const WEEKLY_ON_MONDAY: ReportingSchedule = { kind: 'weekly', weekday: 1 };

export const EventFields = z.object({
  name: RequiredText(300),
  keyDay: IsoDate,
  /** Omitted: the default calendar around the key day. */
  phases: z.array(EventPhase).max(3).optional(),
  notes: Text(2000).default(''),
});
export const PlanEvent = SharedRecordMeta.extend({
  name: z.string(),
  keyDay: IsoDate,
  phases: z.array(EventPhase),
  notes: z.string(),
});
export type PlanEvent = z.infer<typeof PlanEvent>;
export const SaveEventInput = EventFields.extend({
  id: Id.optional(),
  version: z.number().int().positive().optional(),
});
export const CopyEventInput = z.object({ fromEventId: Id, name: RequiredText(300), keyDay: IsoDate });

const Lines = (max: number, each = 2000) => z.array(Text(each)).max(max).default([]);
export const PlanSigner = z.object({
  /** Authority lines top to bottom: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] or ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]. */
  lines: Lines(3, 100),
  name: Text(200).default(''),
});
export const PlanAppendix = z.object({
  title: Text(500),
  subtitle: Text(500).default(''),
  sections: z
    .array(z.object({ heading: Text(500), items: Lines(100) }))
    .max(50)
    .default([]),
});
/** The parts of the plan as an official document (seed 000 and 001), its tasks aside. */
export const PlanDoc = z.object({
  parentBody: Text(200).default(''),
  issuingBody: Text(200).default(''),
  /** "05/KH-SKHCN"; "/KH-SKHCN" leaves the number to be written in at registration. */
  numberSymbol: Text(60).default(''),
  place: Text(100).default(''),
  issuedOn: IsoDate.nullable().default(null),
  title: RequiredText(1000),
  legalBases: Lines(30),
  /** The sentence that opens the plan ("Sở ... xây dựng Kế hoạch ... như sau:"). */
  intro: Text(4000).default(''),
  purpose: Lines(30),
  requirements: Lines(30),
  /** Heading of the tasks' part: "II. NỘI DUNG KẾ HOẠCH". */
  tasksHeading: Text(300).default('NỘI DUNG KẾ HOẠCH'),
  budget: Text(4000).default(''),
  duties: z
    .array(z.object({ unit: Text(300), items: Lines(30) }))
    .max(50)
    .default([]),
  closing: Text(4000).default(''),
  recipients: Lines(40, 300),
  archiveUnit: Text(20).default(''),
  signer: PlanSigner.default({ lines: [], name: '' }),
  appendices: z.array(PlanAppendix).max(10).default([]),
});
export type PlanDoc = z.infer<typeof PlanDoc>;

export const PLAN_STATUSES = ['draft', 'issued'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export const Plan = SharedRecordMeta.extend({
  eventId: Id,
  eventName: z.string(),
  status: PlanStatus,
  templateKey: z.string().nullable(),
  /** The outgoing register entry the issued plan is numbered from. */
  registryEntryId: Id.nullable(),
  doc: PlanDoc,
  taskCount: z.number().int(),
  reporting: ReportingSchedule,
});
export type Plan = z.infer<typeof Plan>;
export const SetReportingInput = z.object({
  id: Id,
  version: z.number().int().positive(),
  reporting: ReportingSchedule,
});
export const SavePlanInput = z.object({
  id: Id,
  version: z.number().int().positive(),
  status: PlanStatus,
  registryEntryId: Id.nullable().default(null),
  doc: PlanDoc,
});

export const TASK_STATUSES = ['todo', 'in-progress', 'done', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;
const Percent = z.number().int().min(0).max(100);

/**
 * Organisations coordinating one task: "UBND các xã, phường" in a province's plan is every commune
 * (about 130 in a province, more before the 2025 mergers), and companies may join them.
 */
export const MAX_TASK_ORGS = 1000;

export const TaskFields = z.object({
  planId: Id,
  /** "2.1", or the item's number in the plan. */
  code: Text(20).default(''),
  /** The heading the task sits under ("2. Ứng dụng công nghệ thông tin ..."); '' for none. */
  section: Text(500).default(''),
  title: RequiredText(500),
  content: Text(8000).default(''),
  subItems: Lines(100),
  leadOrgId: Id.nullable().default(null),
  /** The lead as the plan writes it, kept when no directory organisation is matched. */
  leadText: Text(500).default(''),
  coordinatingOrgIds: z.array(Id).max(MAX_TASK_ORGS).default([]),
  coordinatingText: Text(1000).default(''),
  responsibleContactId: Id.nullable().default(null),
  deadline: DeadlineSpec,
  /** The deadline as written ("Trước ngày 31/01/2026", "Thường xuyên"). */
  deadlineText: Text(300).default(''),
  product: Text(1000).default(''),
  status: TaskStatus.default('todo'),
  percent: Percent.default(0),
  notes: Text(4000).default(''),
});
export const SaveTaskInput = TaskFields.extend({
  id: Id.optional(),
  version: z.number().int().positive().optional(),
});
export const ProgressBrief = z.object({
  period: IsoDate,
  status: TaskStatus,
  percent: Percent,
  orgName: z.string().nullable(),
  at: z.string(),
});
export const Task = SharedRecordMeta.extend(TaskFields.shape).extend({
  eventId: Id,
  planTitle: z.string(),
  leadOrgName: z.string().nullable(),
  coordinatingOrgNames: z.array(z.string()),
  responsibleName: z.string().nullable(),
  /** The first due date from today on (Vietnam time), null when none is left. */
  nextDue: IsoDate.nullable(),
  /** The last due date of the deadline (its only one for a single date). */
  lastDue: IsoDate.nullable(),
  overdue: z.boolean(),
  /** Due within the next 7 days and not done. */
  dueSoon: z.boolean(),
  lastReport: ProgressBrief.nullable(),
});
export type Task = z.infer<typeof Task>;

export const TASK_VIEWS = ['all', 'overdue', 'due-soon', 'this-week'] as const;
export const TaskListInput = z.object({
  eventId: Id.optional(),
  planId: Id.optional(),
  /** Tasks this organisation leads or coordinates. */
  orgId: Id.optional(),
  view: z.enum(TASK_VIEWS).default('all'),
  query: Text(200).default(''),
  sort: z.enum(['plan', 'deadline', 'lead']).default('plan'),
  limit: z.number().int().min(1).max(100_000).default(5000),
  /** Tasks skipped before the first one returned (the list's page). */
  offset: z.number().int().min(0).max(100_000).default(0),
});
export const TaskListOutput = z.object({ items: z.array(Task), total: z.number().int() });

export const ReportProgressInput = z.object({
  taskId: Id,
  orgId: Id,
  status: TaskStatus,
  percent: Percent,
  text: Text(8000).default(''),
  /** Evidence: entries of the document register (the report sent, the decision issued). */
  evidenceEntryIds: z.array(Id).max(50).default([]),
  /** Any day of the reporting period (of the task's plan); today when omitted. */
  period: IsoDate.optional(),
});
export const Progress = SharedRecordMeta.extend({
  taskId: Id,
  orgId: Id,
  orgName: z.string(),
  period: IsoDate,
  status: TaskStatus,
  percent: Percent,
  text: z.string(),
  evidenceEntryIds: z.array(Id),
  enteredBy: z.string(),
});
export type Progress = z.infer<typeof Progress>;

/** A file of evidence on a task, or on one of its progress reports (progressId). */
export const Evidence = z.object({
  id: Id,
  taskId: Id,
  progressId: Id.nullable(),
  fileName: z.string(),
  mime: z.enum(EVIDENCE_MIMES),
  size: z.number().int(),
  sha256: z.string(),
  version: z.number().int(),
  addedAt: z.string(),
  addedBy: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;
export const AddEvidenceInput = z.object({
  taskId: Id,
  progressId: Id.nullable().default(null),
  fileName: RequiredText(260),
  dataBase64: Base64,
});
const EvidenceRef = z.object({ id: Id });

export const TaskDetail = z.object({
  task: Task,
  progress: z.array(Progress),
  /** Versions of the task as the change feed recorded them (newest first). */
  history: z.array(z.object({ version: z.number().int(), source: z.string(), office: z.string() })),
  dueDates: z.array(IsoDate),
  evidence: z.array(Evidence),
  /** Whether this user may export files (the per-user permission of the registry's attachments). */
  mayExportFiles: z.boolean(),
});

/** A reporting period (its first and last day) and who has reported in it. */
export const PeriodRow = z.object({
  period: IsoDate,
  end: IsoDate,
  reported: z.array(z.object({ orgId: Id, orgName: z.string() })),
  missing: z.array(z.object({ orgId: Id, orgName: z.string() })),
});
export type PeriodRow = z.infer<typeof PeriodRow>;
/**
 * The periods of an event are those of its plan given, or of its plans when they share one
 * schedule (weekly on Monday when they differ and none is given).
 */
export const PeriodsInput = z.object({ eventId: Id, planId: Id.optional() });
export const OverviewInput = z.object({ eventId: Id, planId: Id.optional(), period: IsoDate.optional() });
export const Overview = z.object({
  period: IsoDate,
  periodEnd: IsoDate,
  /** The schedule the periods follow. */
  reporting: ReportingSchedule,
  tasks: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  dueSoon: z.number().int(),
  thisWeek: z.number().int(),
  notReported: z.array(z.object({ orgId: Id, orgName: z.string() })),
  byOrg: z.array(
    z.object({
      orgId: Id.nullable(),
      orgName: z.string(),
      tasks: z.number().int(),
      done: z.number().int(),
      overdue: z.number().int(),
      /** Mean of the tasks' latest reported (else recorded) percentages. */
      percent: z.number().int(),
    }),
  ),
});
export type Overview = z.infer<typeof Overview>;

/** A role of a template ("Các doanh nghiệp viễn thông") and the directory's organisations for it. */
export const TemplateParty = z.object({
  key: z.string(),
  label: z.string(),
  /** A group of organisations (every commune, every company) rather than one. */
  many: z.boolean(),
  /** The organisations chosen when the match is clear; empty when it is not. */
  matched: z.array(Id),
  candidates: z.array(z.object({ id: Id, name: z.string() })),
});
export const TemplateSummary = z.object({
  key: z.string(),
  version: z.number().int(),
  name: z.string(),
  level: z.string(),
  title: z.string(),
  taskCount: z.number().int(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;
export const FromTemplateInput = z.object({
  eventId: Id,
  templateKey: RequiredText(100),
  /** Party key → organisations; parties left out keep the match found, if clear. */
  mapping: z.record(z.string(), z.array(Id).max(500)).default({}),
  /** Create although some parties match nothing or are unclear (their text is kept on the tasks). */
  force: z.boolean().default(false),
});
export const FromTemplateOutput = z.discriminatedUnion('status', [
  z.object({ status: z.literal('needs-mapping'), parties: z.array(TemplateParty) }),
  z.object({ status: z.literal('created'), plan: Plan, parties: z.array(TemplateParty) }),
]);

/** What an import preview flags on a task, for a person to fill in. */
export const PLAN_IMPORT_ISSUES = [
  'no-lead',
  'no-deadline',
  'deadline-not-understood',
  'no-content',
] as const;
export type PlanImportIssue = (typeof PLAN_IMPORT_ISSUES)[number];
const LineRef = z.object({ line: z.number().int(), text: z.string() });
/** An organisation as the plan writes it, and the party (TemplateParty key) it is matched as. */
const WrittenOrg = z.object({ text: z.string(), party: z.string() });
export const PlanImportTask = z.object({
  /** Its heading's number ("2.1") and text; line numbers are the file's paragraphs, from 1. */
  number: z.string(),
  title: z.string(),
  section: z.string().nullable(),
  line: z.number().int(),
  content: z.string(),
  subItems: z.array(LineRef.extend({ deadline: DeadlineSpec.nullable(), deadlineText: z.string() })),
  lead: z.array(WrittenOrg),
  coordinating: z.array(WrittenOrg),
  /** Null when the plan states none or it is not understood; deadlineText is what it says. */
  deadline: DeadlineSpec.nullable(),
  deadlineText: z.string(),
  /** The due dates in the event's calendar. */
  dueDates: z.array(IsoDate),
  product: z.string().nullable(),
  /** Lines under the task that fit no field. */
  unrecognised: z.array(LineRef),
  issues: z.array(z.enum(PLAN_IMPORT_ISSUES)),
});
export type PlanImportTask = z.infer<typeof PlanImportTask>;
export const PlanImportPreviewInput = z.object({
  eventId: Id,
  fileName: RequiredText(260),
  dataBase64: Base64,
});
export const PlanImportPreview = z.object({
  previewId: z.string(),
  format: z.enum(['docx', 'text']),
  /** The plan as it will be saved (header, legal bases, recipients, signer …), tasks apart. */
  doc: PlanDoc,
  /** "Nghệ An, ngày 05 tháng 01 năm 2026" as written; doc.issuedOn when day, month and year are given. */
  dateAsWritten: z.string().nullable(),
  tasks: z.array(PlanImportTask),
  /** Every organisation the tasks name, matched to the directory as a template's roles are. */
  parties: z.array(TemplateParty),
});
export type PlanImportPreview = z.infer<typeof PlanImportPreview>;
export const PlanImportCommitInput = FromTemplateInput.omit({ eventId: true, templateKey: true }).extend({
  previewId: z.string(),
  /** Deadlines the user corrected in the preview, by task index, as words: read again by the core. */
  deadlines: z.record(z.string().regex(/^\d{1,4}$/), Text(300)).default({}),
});

export const PrintPlanInput = z.object({
  planId: Id,
  /** Tasks as numbered items under their headings (as seed 000), or as one table. */
  layout: z.enum(['numbered', 'table']).default('numbered'),
});
export const PrintProgressInput = z.object({
  eventId: Id,
  planId: Id.optional(),
  /** Any day of the period reported on. */
  period: IsoDate,
  ...PrintSigner,
  draftingUnit: Text(20).optional(),
});

/** The user's own organisation in the directory ("tasks of my organisation"), or none chosen yet. */
export const MyOrg = z.object({ orgId: Id.nullable(), orgName: z.string().nullable() });

export const plansContract = defineModuleContract({
  key: 'plans',
  channels: {
    'plans.events.list': { input: Empty, output: z.array(PlanEvent), access: 'signed-in' },
    'plans.events.save': { input: SaveEventInput, output: PlanEvent, access: PLAN_EDITORS },
    /** A new event with the plans and tasks of another, every date shifted with the key day. */
    'plans.events.copy': { input: CopyEventInput, output: PlanEvent, access: PLAN_EDITORS },
    'plans.list': {
      input: z.object({ eventId: Id.optional() }),
      output: z.array(Plan),
      access: 'signed-in',
    },
    'plans.get': { input: z.object({ id: Id }), output: Plan, access: 'signed-in' },
    'plans.save': { input: SavePlanInput, output: Plan, access: PLAN_EDITORS },
    'plans.setReporting': { input: SetReportingInput, output: Plan, access: PLAN_EDITORS },
    'plans.templates': { input: Empty, output: z.array(TemplateSummary), access: 'signed-in' },
    'plans.fromTemplate': { input: FromTemplateInput, output: FromTemplateOutput, access: PLAN_EDITORS },
    /** A plan read from its Word (or text) file, kept for commit under previewId; nothing saved. */
    'plans.importPreview': { input: PlanImportPreviewInput, output: PlanImportPreview, access: PLAN_EDITORS },
    /** The previewed plan and its tasks, in one transaction; needs-mapping as fromTemplate. */
    'plans.importCommit': { input: PlanImportCommitInput, output: FromTemplateOutput, access: PLAN_EDITORS },
    'plans.tasks.list': { input: TaskListInput, output: TaskListOutput, access: 'signed-in' },
    'plans.tasks.get': { input: z.object({ id: Id }), output: TaskDetail, access: 'signed-in' },
    'plans.tasks.save': { input: SaveTaskInput, output: Task, access: PLAN_EDITORS },
    'plans.tasks.delete': {
      input: z.object({ id: Id, version: z.number().int().positive() }),
      output: Ok,
      access: PLAN_EDITORS,
    },
    'plans.progress.report': { input: ReportProgressInput, output: Progress, access: PLAN_EDITORS },
    'plans.evidence.add': { input: AddEvidenceInput, output: Evidence, access: PLAN_EDITORS },
    /** The file shown in the app's viewer (PDF, images). */
    'plans.evidence.content': { input: EvidenceRef, output: AttachmentContent, access: 'signed-in' },
    /** The file taken out of the encrypted store: needs the export permission; audited. */
    'plans.evidence.export': { input: EvidenceRef, output: FileOut, access: 'signed-in' },
    'plans.evidence.remove': {
      input: EvidenceRef.extend({ version: z.number().int().positive() }),
      output: Ok,
      access: PLAN_EDITORS,
    },
    /** Each user chooses their organisation once; it is remembered for them in this office. */
    'plans.myOrg.get': { input: Empty, output: MyOrg, access: 'signed-in' },
    'plans.myOrg.set': { input: z.object({ orgId: Id.nullable() }), output: MyOrg, access: 'signed-in' },
    'plans.periods': { input: PeriodsInput, output: z.array(PeriodRow), access: 'signed-in' },
    'plans.overview': { input: OverviewInput, output: Overview, access: 'signed-in' },
    'plans.print': { input: PrintPlanInput, output: FileOut, access: PLAN_PRINTERS },
    'plans.printProgress': { input: PrintProgressInput, output: FileOut, access: PLAN_PRINTERS },
    'plans.tasks.export': { input: z.object({ eventId: Id }), output: FileOut, access: PLAN_PRINTERS },
  },
  auditActions: [
    'plans.events.create',
    'plans.events.update',
    'plans.events.copy',
    'plans.create',
    'plans.import',
    'plans.update',
    'plans.reporting.set',
    'plans.tasks.create',
    'plans.tasks.update',
    'plans.tasks.delete',
    'plans.progress.report',
    'plans.evidence.add',
    'plans.evidence.export',
    'plans.evidence.remove',
    'plans.myOrg.set',
    'plans.print',
    'plans.export',
  ],
});

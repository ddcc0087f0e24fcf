import {
  type AnySQLiteColumn,
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { EVIDENCE_MIMES, PLAN_STATUSES, TASK_STATUSES } from '../../../shared/contract';
import { contacts, organizations } from '../contacts/schema';
import { documents } from '../docs/schema';
import { sharedRecordColumns } from '../db/sharedRecord';

/** An event (an election, a holiday): its key day and its phases (JSON EventPhase[]). */
export const planEvents = sqliteTable('plan_events', {
  ...sharedRecordColumns(),
  name: text('name').notNull(),
  keyDay: text('key_day').notNull(),
  phases: text('phases').notNull(),
  notes: text('notes').notNull(),
});

/** A plan of an event: list columns, and the document's parts as JSON (PlanDoc). */
export const plans = sqliteTable(
  'plans',
  {
    ...sharedRecordColumns(),
    eventId: text('event_id')
      .notNull()
      .references((): AnySQLiteColumn => planEvents.id),
    status: text('status', { enum: PLAN_STATUSES }).notNull(),
    templateKey: text('template_key'),
    registryEntryId: text('registry_entry_id').references((): AnySQLiteColumn => documents.id),
    title: text('title').notNull(),
    doc: text('doc').notNull(),
    /** How often progress is reported (JSON ReportingSchedule). */
    reporting: text('reporting').notNull().default('{"kind":"weekly","weekday":1}'),
  },
  (t) => [index('plans_event').on(t.eventId)],
);

/**
 * A task of a plan. `first_due`/`last_due` are the deadline's span when it was written (they
 * travel with the task); what lists read is plan_task_state below, kept to the event's calendar.
 */
export const planTasks = sqliteTable(
  'plan_tasks',
  {
    ...sharedRecordColumns(),
    planId: text('plan_id')
      .notNull()
      .references((): AnySQLiteColumn => plans.id),
    ordinal: integer('ordinal').notNull(),
    code: text('code').notNull(),
    section: text('section').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    subItems: text('sub_items').notNull(),
    leadOrgId: text('lead_org_id').references((): AnySQLiteColumn => organizations.id),
    leadText: text('lead_text').notNull(),
    coordinatingOrgIds: text('coordinating_org_ids').notNull(),
    coordinatingText: text('coordinating_text').notNull(),
    responsibleContactId: text('responsible_contact_id').references((): AnySQLiteColumn => contacts.id),
    deadline: text('deadline').notNull(),
    deadlineText: text('deadline_text').notNull(),
    firstDue: text('first_due'),
    lastDue: text('last_due'),
    product: text('product').notNull(),
    status: text('status', { enum: TASK_STATUSES }).notNull(),
    percent: integer('percent').notNull(),
    notes: text('notes').notNull(),
  },
  (t) => [
    index('plan_tasks_plan').on(t.planId, t.ordinal),
    index('plan_tasks_lead').on(t.leadOrgId),
    index('plan_tasks_due').on(t.lastDue),
  ],
);

/** A unit's report on a task for a period (its Monday): its own record, owned by the office entering it. */
export const planProgress = sqliteTable(
  'plan_progress',
  {
    ...sharedRecordColumns(),
    taskId: text('task_id')
      .notNull()
      .references((): AnySQLiteColumn => planTasks.id),
    orgId: text('org_id')
      .notNull()
      .references((): AnySQLiteColumn => organizations.id),
    period: text('period').notNull(),
    status: text('status', { enum: TASK_STATUSES }).notNull(),
    percent: integer('percent').notNull(),
    text: text('text').notNull(),
    evidenceEntryIds: text('evidence_entry_ids').notNull(),
    enteredBy: text('entered_by').notNull(),
  },
  (t) => [
    // Covering: who reported on which task in which period is read from the index alone.
    index('plan_progress_task').on(t.taskId, t.period, t.deleted, t.orgId),
    index('plan_progress_org').on(t.orgId, t.period),
  ],
);

/**
 * This office's view of each live task (derived, rebuilt by the plans' rebuild hooks): its event,
 * its latest report and the status and percent it stands at (the report's while the task is open), its due span
 * against the event's current calendar. Lists and the overview read these columns instead of
 * recomputing deadlines.
 */
export const planTaskState = sqliteTable(
  'plan_task_state',
  {
    taskId: text('task_id').notNull(),
    eventId: text('event_id').notNull(),
    planId: text('plan_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    leadOrgId: text('lead_org_id'),
    recurring: integer('recurring', { mode: 'boolean' }).notNull(),
    status: text('status', { enum: TASK_STATUSES }).notNull(),
    percent: integer('percent').notNull(),
    firstDue: text('first_due'),
    lastDue: text('last_due'),
    /** The first day of the event's first reporting period: no report is expected before it. */
    eventStart: text('event_start').notNull(),
    /** The key day, phases and plan's schedule the due dates were computed from (a change rebuilds them). */
    calendar: text('calendar').notNull(),
    /** The latest report (JSON LastReport), or null. */
    lastReport: text('last_report'),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.taskId] }),
    uniqueIndex('plan_task_state_task').on(t.taskId),
    index('plan_task_state_plan').on(t.planId, t.ordinal),
  ],
);

/** The folded text of each live task that the lists search (derived, as plan_task_state). */
export const planTaskText = sqliteTable('plan_task_text', {
  taskId: text('task_id').primaryKey(),
  folded: text('folded').notNull(),
});

/** Every due date of each live task, with its reporting period (derived, as plan_task_state). */
export const planTaskDues = sqliteTable(
  'plan_task_dues',
  {
    taskId: text('task_id').notNull(),
    due: text('due').notNull(),
    period: text('period').notNull(),
    /** Whether the task has a report in that period (what makes a recurring task overdue). */
    reported: integer('reported', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.due] })],
);

/** The organisations of each live task, lead and coordinating ("tasks of this organisation"). */
export const planTaskOrgs = sqliteTable(
  'plan_task_orgs',
  {
    orgId: text('org_id').notNull(),
    taskId: text('task_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.orgId] }), index('plan_task_orgs_org').on(t.orgId)],
);

/**
 * A file of evidence on a task or on one of its progress reports (a PDF, a photo, a Word report):
 * its bytes live only inside the encrypted database, never in a file of the data folder.
 */
export const planEvidence = sqliteTable(
  'plan_evidence',
  {
    ...sharedRecordColumns(),
    taskId: text('task_id')
      .notNull()
      .references((): AnySQLiteColumn => planTasks.id),
    progressId: text('progress_id').references((): AnySQLiteColumn => planProgress.id),
    fileName: text('file_name').notNull(),
    mime: text('mime', { enum: EVIDENCE_MIMES }).notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('plan_evidence_task').on(t.taskId)],
);

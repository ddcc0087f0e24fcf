import {
  type AnySQLiteColumn,
  blob,
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  FINDING_STATUSES,
  INSPECTION_STATUSES,
  ITEM_RESULTS,
  SEVERITIES,
  UNIT_KINDS,
} from '../../../shared/contract';
import { contacts, organizations } from '../contacts/schema';
import { sharedRecordColumns } from '../db/sharedRecord';
import { planEvents, planTasks } from '../plans/schema';

/** An office's copy of a checklist (items as JSON ChecklistItem[]); `edition` +1 per edit of its items. */
export const inspectionChecklists = sqliteTable('inspection_checklists', {
  ...sharedRecordColumns(),
  name: text('name').notNull(),
  unitKind: text('unit_kind', { enum: UNIT_KINDS }).notNull(),
  basedOn: text('based_on').notNull(),
  edition: integer('edition').notNull(),
  items: text('items').notNull(),
  copiedFrom: text('copied_from').notNull(),
});

/**
 * A planned inspection of one unit within an event. `items` is the checklist as it was when
 * planned (JSON ChecklistItem[]): editing the checklist later never changes this inspection.
 */
export const inspections = sqliteTable(
  'inspections',
  {
    ...sharedRecordColumns(),
    eventId: text('event_id')
      .notNull()
      .references((): AnySQLiteColumn => planEvents.id),
    orgId: text('org_id')
      .notNull()
      .references((): AnySQLiteColumn => organizations.id),
    unitKind: text('unit_kind', { enum: UNIT_KINDS }).notNull(),
    checklistRef: text('checklist_ref').notNull(),
    checklistName: text('checklist_name').notNull(),
    items: text('items').notNull(),
    date: text('date').notNull(),
    place: text('place').notNull(),
    teamContactIds: text('team_contact_ids').notNull(),
    status: text('status', { enum: INSPECTION_STATUSES }).notNull(),
    reinspectionOf: text('reinspection_of').references((): AnySQLiteColumn => inspections.id),
  },
  (t) => [index('inspections_event').on(t.eventId, t.date), index('inspections_org').on(t.orgId)],
);

/** One item's result in an inspection: one row per item, written as the inspector goes. */
export const inspectionResults = sqliteTable(
  'inspection_results',
  {
    ...sharedRecordColumns(),
    inspectionId: text('inspection_id')
      .notNull()
      .references((): AnySQLiteColumn => inspections.id),
    itemNo: integer('item_no').notNull(),
    result: text('result', { enum: ITEM_RESULTS }).notNull(),
    notes: text('notes').notNull(),
  },
  (t) => [uniqueIndex('inspection_results_item').on(t.inspectionId, t.itemNo)],
);

export const inspectionFindings = sqliteTable(
  'inspection_findings',
  {
    ...sharedRecordColumns(),
    inspectionId: text('inspection_id')
      .notNull()
      .references((): AnySQLiteColumn => inspections.id),
    itemNo: integer('item_no'),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    description: text('description').notNull(),
    recommendation: text('recommendation').notNull(),
    status: text('status', { enum: FINDING_STATUSES }).notNull(),
    statusNote: text('status_note').notNull(),
  },
  (t) => [index('inspection_findings_inspection').on(t.inspectionId)],
);

/** A remediation action of a finding; `task_id` when it was also made a task of the plans module. */
export const inspectionActions = sqliteTable(
  'inspection_actions',
  {
    ...sharedRecordColumns(),
    findingId: text('finding_id')
      .notNull()
      .references((): AnySQLiteColumn => inspectionFindings.id),
    text: text('text').notNull(),
    ownerOrgId: text('owner_org_id').references((): AnySQLiteColumn => organizations.id),
    ownerContactId: text('owner_contact_id').references((): AnySQLiteColumn => contacts.id),
    deadline: text('deadline').notNull(),
    done: integer('done', { mode: 'boolean' }).notNull(),
    taskId: text('task_id').references((): AnySQLiteColumn => planTasks.id),
  },
  (t) => [
    index('inspection_actions_finding').on(t.findingId),
    index('inspection_actions_deadline').on(t.deadline),
  ],
);

/** A photo or file taken during an inspection; its bytes live only inside the encrypted database. */
export const inspectionFiles = sqliteTable(
  'inspection_files',
  {
    ...sharedRecordColumns(),
    inspectionId: text('inspection_id')
      .notNull()
      .references((): AnySQLiteColumn => inspections.id),
    itemNo: integer('item_no').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('inspection_files_inspection').on(t.inspectionId)],
);

/** A unit's self-inspection report (answers as JSON SelfAnswer[], by item key). */
export const selfInspections = sqliteTable(
  'self_inspections',
  {
    ...sharedRecordColumns(),
    eventId: text('event_id')
      .notNull()
      .references((): AnySQLiteColumn => planEvents.id),
    orgId: text('org_id')
      .notNull()
      .references((): AnySQLiteColumn => organizations.id),
    checklistRef: text('checklist_ref').notNull(),
    reportedOn: text('reported_on').notNull(),
    answers: text('answers').notNull(),
  },
  (t) => [index('self_inspections_event').on(t.eventId, t.orgId)],
);

/**
 * Checklists, inspections, results, findings, remediation, files and self-inspection reports:
 * shared records written through the record kernel. What the office decides (checklists,
 * inspections and what they found) travels down; what units report of themselves travels up.
 */
import { z } from 'zod';
import {
  ATTACHMENT_MIMES,
  type Checklist,
  ChecklistItem,
  type ChecklistSummary,
  type Finding,
  type InspectionDetail,
  type InspectionItem,
  type InspectionStatus,
  type InspectionSummary,
  type ItemResult,
  type RemediationAction,
  SelfAnswer,
  UnitKind,
} from '../../../shared/contract';
import commune from '../../../../resources/inspection-checklists/commune.json' with { type: 'json' };
import postal from '../../../../resources/inspection-checklists/postal.json' with { type: 'json' };
import radio from '../../../../resources/inspection-checklists/radio-frequency.json' with { type: 'json' };
import telecom from '../../../../resources/inspection-checklists/telecom.json' with { type: 'json' };
import { CHECKED_FILE, checkedFile } from '../attachments/fileCheck';
import { stmt, type Db } from '../db/open';
import { recordMeta } from '../db/sharedRecord';
import { rowFromSql } from '../db/sqlRow';
import { findRecord, insertRecord, recordTable, updateRecord, type Writer } from '../db/recordKernel';
import { sharedTable } from '../db/tablePolicy';
import { AppError } from '../errors';
import { getLive, orgNames } from '../plans/store';
import {
  inspectionActions,
  inspectionChecklists,
  inspectionFiles,
  inspectionFindings,
  inspectionResults,
  inspections,
  selfInspections,
} from './schema';

/** The office's checklists and inspections go down to the units inspected; only a province makes them. */
export const CHECKLIST_RECORDS = recordTable(
  inspectionChecklists,
  sharedTable('down', ['province']),
  'checklist',
);
export const INSPECTION_RECORDS = recordTable(inspections, sharedTable('down', ['province']), 'inspection');
export const RESULT_RECORDS = recordTable(inspectionResults, sharedTable('down', ['province']), 'result');
export const FINDING_RECORDS = recordTable(inspectionFindings, sharedTable('down', ['province']), 'finding');
export const ACTION_RECORDS = recordTable(inspectionActions, sharedTable('down', ['province']), 'action');
/** Photos and files of an inspection go down with it, as files of the package. */
export const FILE_RECORDS = recordTable(
  inspectionFiles,
  sharedTable('down', ['province'], { file: CHECKED_FILE }),
  'inspection file',
);
/**
 * A unit's self-inspection travels up to the province. Any office may originate one: a commune
 * or company writes its own, and the province enters those it received on paper.
 */
export const SELF_RECORDS = recordTable(selfInspections, sharedTable('up', 'any'), 'self-inspection report');

export type InspectionRow = typeof inspections.$inferSelect;
export type FindingRow = typeof inspectionFindings.$inferSelect;
type ActionRow = typeof inspectionActions.$inferSelect;
type ChecklistRow = typeof inspectionChecklists.$inferSelect;

// ── checklists ───────────────────────────────────────────────────────────────

const ShippedChecklist = z.object({
  key: z.string(),
  edition: z.number().int().positive(),
  name: z.string(),
  unitKind: UnitKind,
  basedOn: z.string(),
  items: z.array(ChecklistItem).min(1),
});

/** The shipped templates (resources/inspection-checklists), checked at load. */
const SHIPPED: readonly Checklist[] = [telecom, postal, radio, commune].map((raw) => {
  const t = ShippedChecklist.parse(raw);
  return { ...t, ref: t.key, shipped: true, copiedFrom: '', version: null };
});

const items = (json: string) => ChecklistItem.array().parse(JSON.parse(json));

function checklistView(r: ChecklistRow): Checklist {
  return {
    ref: r.id,
    shipped: false,
    edition: r.edition,
    name: r.name,
    unitKind: r.unitKind,
    basedOn: r.basedOn,
    items: items(r.items),
    copiedFrom: r.copiedFrom,
    version: r.version,
  };
}

const summary = (c: Checklist): ChecklistSummary => {
  const { items: list, ...rest } = c;
  return { ...rest, itemCount: list.length };
};

export function listChecklists(db: Db): ChecklistSummary[] {
  const rows = stmt(db, 'SELECT * FROM inspection_checklists WHERE deleted = 0 ORDER BY id').all() as Record<
    string,
    unknown
  >[];
  return [...SHIPPED, ...rows.map((r) => checklistView(rowFromSql<ChecklistRow>(r)))].map(summary);
}

/** A shipped template by its key, or a copy by its id. */
export function findChecklist(db: Db, ref: string): Checklist {
  const shipped = SHIPPED.find((c) => c.ref === ref);
  if (shipped) return shipped;
  const row = z.string().uuid().safeParse(ref).success ? findRecord(db, CHECKLIST_RECORDS, ref) : null;
  if (!row || row.deleted) throw new AppError('NOT_FOUND', `No checklist ${ref}`);
  return checklistView(row);
}

export function saveChecklist(
  db: Db,
  f: {
    id?: string | undefined;
    version?: number | undefined;
    copyFrom?: string | undefined;
    name: string;
    items: ChecklistItem[];
  },
  by: Writer,
): Checklist {
  const keys = new Set(f.items.map((i) => i.key));
  if (keys.size !== f.items.length)
    throw new AppError('VALIDATION', 'Two items have the same key', [
      { path: 'items', message: 'keys must differ', code: 'duplicate-key' },
    ]);
  if (f.id) {
    const current = getLive(db, CHECKLIST_RECORDS, f.id);
    const row = updateRecord(
      db,
      CHECKLIST_RECORDS,
      current,
      { name: f.name, items: JSON.stringify(f.items), edition: current.edition + 1 },
      by,
      { expected: f.version },
    );
    return checklistView(row);
  }
  if (!f.copyFrom)
    throw new AppError('VALIDATION', 'A new checklist is a copy of another', [
      { path: 'copyFrom', message: 'required', code: 'required' },
    ]);
  const from = findChecklist(db, f.copyFrom);
  const row = insertRecord(
    db,
    CHECKLIST_RECORDS,
    {
      name: f.name,
      unitKind: from.unitKind,
      basedOn: from.basedOn,
      edition: 1,
      items: JSON.stringify(f.items),
      copiedFrom: `${from.ref}@${from.edition}`,
    },
    by,
  );
  return checklistView(row);
}

// ── inspections ──────────────────────────────────────────────────────────────

export function planInspection(
  db: Db,
  f: {
    eventId: string;
    orgId: string;
    checklist: string;
    date: string;
    place: string;
    teamContactIds: string[];
    reinspectionOf: string | null;
  },
  by: Writer,
): InspectionRow {
  const c = findChecklist(db, f.checklist);
  if (f.reinspectionOf) {
    const original = getLive(db, INSPECTION_RECORDS, f.reinspectionOf);
    if (original.orgId !== f.orgId || original.eventId !== f.eventId)
      throw new AppError('VALIDATION', 'A re-inspection is of the same unit in the same event', [
        { path: 'reinspectionOf', message: 'another unit or event', code: 'reference' },
      ]);
  }
  return insertRecord(
    db,
    INSPECTION_RECORDS,
    {
      eventId: f.eventId,
      orgId: f.orgId,
      unitKind: c.unitKind,
      checklistRef: `${c.ref}@${c.edition}`,
      checklistName: c.name,
      // The items as they are now: later edits of the checklist leave this inspection as it was.
      items: JSON.stringify(c.items),
      date: f.date,
      place: f.place,
      teamContactIds: JSON.stringify(f.teamContactIds),
      status: 'planned',
      reinspectionOf: f.reinspectionOf,
    },
    by,
  );
}

/** An inspection that may still be filled in (not closed), or CONFLICT. */
export function openInspection(db: Db, id: string): InspectionRow {
  const row = getLive(db, INSPECTION_RECORDS, id);
  if (row.status === 'closed') throw new AppError('CONFLICT', 'The inspection is closed');
  return row;
}

export const checklistOf = (r: Pick<InspectionRow, 'items'>) => items(r.items);

function itemOf(r: InspectionRow, itemNo: number): ChecklistItem {
  const item = checklistOf(r)[itemNo - 1];
  if (!item)
    throw new AppError('VALIDATION', `The checklist has no item ${itemNo}`, [
      { path: 'itemNo', message: 'no such item', code: 'reference' },
    ]);
  return item;
}

function setStatus(db: Db, r: InspectionRow, status: InspectionStatus, by: Writer): InspectionRow {
  return r.status === status ? r : updateRecord(db, INSPECTION_RECORDS, r, { status }, by);
}

type ResultRow = typeof inspectionResults.$inferSelect;
function resultRows(db: Db, inspectionId: string): ResultRow[] {
  const rows = stmt(db, 'SELECT * FROM inspection_results WHERE inspection_id = ? AND deleted = 0').all(
    inspectionId,
  ) as Record<string, unknown>[];
  return rows.map((r) => rowFromSql<ResultRow>(r));
}

/** One item's result: inserted or changed in place; the inspection is under way, or done when every item has one. */
export function recordItem(
  db: Db,
  inspectionId: string,
  itemNo: number,
  result: ItemResult,
  notes: string,
  by: Writer,
): InspectionItem {
  const insp = openInspection(db, inspectionId);
  const item = itemOf(insp, itemNo);
  const found = stmt(db, 'SELECT id FROM inspection_results WHERE inspection_id = ? AND item_no = ?').get(
    inspectionId,
    itemNo,
  ) as { id: string } | undefined;
  if (found) {
    const current = getLive(db, RESULT_RECORDS, found.id);
    updateRecord(db, RESULT_RECORDS, current, { result, notes }, by);
  } else insertRecord(db, RESULT_RECORDS, { inspectionId, itemNo, result, notes }, by);
  const recorded = resultRows(db, inspectionId).length;
  setStatus(db, insp, recorded >= checklistOf(insp).length ? 'done' : 'in-progress', by);
  return { ...item, no: itemNo, result, notes };
}

export function addFile(
  db: Db,
  inspectionId: string,
  itemNo: number,
  fileName: string,
  data: Buffer,
  by: Writer,
) {
  itemOf(openInspection(db, inspectionId), itemNo);
  const { mime, sha256 } = checkedFile(data, ATTACHMENT_MIMES, 'Only PDF, PNG and JPEG files can be kept');
  const row = insertRecord(
    db,
    FILE_RECORDS,
    { inspectionId, itemNo, fileName, mime, size: data.length, sha256, content: data },
    by,
  );
  return { id: row.id, itemNo, fileName, mime, size: row.size, sha256, addedAt: row.updatedAt };
}

// ── findings and remediation ─────────────────────────────────────────────────

export function saveFinding(
  db: Db,
  f: {
    inspectionId: string;
    id?: string | undefined;
    version?: number | undefined;
    itemNo: number | null;
    severity: FindingRow['severity'];
    description: string;
    recommendation: string;
  },
  by: Writer,
): FindingRow {
  const insp = openInspection(db, f.inspectionId);
  if (f.itemNo !== null) itemOf(insp, f.itemNo);
  const values = {
    itemNo: f.itemNo,
    severity: f.severity,
    description: f.description,
    recommendation: f.recommendation,
  };
  if (!f.id)
    return insertRecord(
      db,
      FINDING_RECORDS,
      { ...values, inspectionId: f.inspectionId, status: 'open', statusNote: '' },
      by,
    );
  const current = getLive(db, FINDING_RECORDS, f.id);
  if (current.inspectionId !== f.inspectionId)
    throw new AppError('VALIDATION', 'A finding cannot move to another inspection');
  return updateRecord(db, FINDING_RECORDS, current, values, by, { expected: f.version });
}

/** A finding of an inspection not closed yet. */
export function openFinding(db: Db, id: string): FindingRow {
  const finding = getLive(db, FINDING_RECORDS, id);
  openInspection(db, finding.inspectionId);
  return finding;
}

export function saveAction(
  db: Db,
  f: {
    findingId: string;
    id?: string | undefined;
    version?: number | undefined;
    text: string;
    ownerOrgId: string | null;
    ownerContactId: string | null;
    deadline: string;
    done: boolean;
  },
  taskId: string | null,
  by: Writer,
): ActionRow {
  openFinding(db, f.findingId);
  const values = {
    text: f.text,
    ownerOrgId: f.ownerOrgId,
    ownerContactId: f.ownerContactId,
    deadline: f.deadline,
    done: f.done,
  };
  if (!f.id) return insertRecord(db, ACTION_RECORDS, { ...values, findingId: f.findingId, taskId }, by);
  const current = getLive(db, ACTION_RECORDS, f.id);
  return updateRecord(db, ACTION_RECORDS, current, { ...values, taskId: taskId ?? current.taskId }, by, {
    expected: f.version,
  });
}

export function actionsOf(db: Db, findingIds: readonly string[]): ActionRow[] {
  if (findingIds.length === 0) return [];
  const rows = stmt(
    db,
    `SELECT * FROM inspection_actions WHERE deleted = 0 AND finding_id IN (SELECT value FROM json_each(?))
       ORDER BY deadline, id`,
  ).all(JSON.stringify(findingIds)) as Record<string, unknown>[];
  return rows.map((r) => rowFromSql<ActionRow>(r, ['deleted', 'done']));
}

function contactNames(db: Db): Map<string, string> {
  const rows = stmt(db, 'SELECT id, full_name AS name FROM contacts').all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function findingsOf(db: Db, inspectionId: string, today: string): Finding[] {
  const rows = (
    stmt(db, 'SELECT * FROM inspection_findings WHERE inspection_id = ? AND deleted = 0 ORDER BY id').all(
      inspectionId,
    ) as Record<string, unknown>[]
  ).map((r) => rowFromSql<FindingRow>(r));
  const actions = actionsOf(
    db,
    rows.map((r) => r.id),
  );
  const orgs = orgNames(db);
  const people = contactNames(db);
  return rows.map((r) => ({
    ...recordMeta(r),
    inspectionId: r.inspectionId,
    itemNo: r.itemNo,
    severity: r.severity,
    description: r.description,
    recommendation: r.recommendation,
    status: r.status,
    statusNote: r.statusNote,
    actions: actions.filter((a) => a.findingId === r.id).map((a) => actionView(a, today, orgs, people)),
  }));
}

export function actionView(
  a: ActionRow,
  today: string,
  orgs: ReadonlyMap<string, string>,
  people: ReadonlyMap<string, string>,
): RemediationAction {
  const owner = [a.ownerOrgId && orgs.get(a.ownerOrgId), a.ownerContactId && people.get(a.ownerContactId)];
  return {
    ...recordMeta(a),
    findingId: a.findingId,
    text: a.text,
    ownerOrgId: a.ownerOrgId,
    ownerContactId: a.ownerContactId,
    ownerName: owner.filter(Boolean).join(' – '),
    deadline: a.deadline,
    done: a.done,
    overdue: !a.done && a.deadline < today,
    taskId: a.taskId,
  };
}

/** Resolved (its remediation done) or accepted by a leader as it stands. */
export function settleFinding(
  db: Db,
  id: string,
  version: number,
  status: 'resolved' | 'accepted',
  note: string,
  by: Writer,
): FindingRow {
  const current = openFinding(db, id);
  if (status === 'resolved' && actionsOf(db, [id]).some((a) => !a.done))
    throw new AppError('CONFLICT', 'The finding has remediation actions not done yet');
  return updateRecord(db, FINDING_RECORDS, current, { status, statusNote: note }, by, { expected: version });
}

/** Closes an inspection whose every item has a result and whose findings are resolved or accepted. */
export function closeInspection(db: Db, id: string, by: Writer): InspectionRow {
  const insp = openInspection(db, id);
  const missing = checklistOf(insp).length - resultRows(db, id).length;
  if (missing > 0) throw new AppError('CONFLICT', `${missing} checklist items have no result yet`);
  const open = stmt(
    db,
    "SELECT count(*) AS n FROM inspection_findings WHERE inspection_id = ? AND deleted = 0 AND status = 'open'",
  ).get(id) as { n: number };
  if (open.n > 0)
    throw new AppError(
      'CONFLICT',
      `${open.n} findings are still open: resolve them or have a leader accept them`,
    );
  return updateRecord(db, INSPECTION_RECORDS, insp, { status: 'closed' }, by);
}

// ── views ────────────────────────────────────────────────────────────────────

interface Counts {
  recorded: number;
  failed: number;
  openFindings: number;
}

export function inspectionSummaries(
  db: Db,
  filter: { eventId?: string | undefined; id?: string },
): InspectionSummary[] {
  const rows = (
    stmt(
      db,
      `SELECT i.*,
         (SELECT count(*) FROM inspection_results r WHERE r.inspection_id = i.id AND r.deleted = 0) AS n_recorded,
         (SELECT count(*) FROM inspection_results r WHERE r.inspection_id = i.id AND r.deleted = 0
            AND r.result = 'khong-dat') AS n_failed,
         (SELECT count(*) FROM inspection_findings f WHERE f.inspection_id = i.id AND f.deleted = 0
            AND f.status = 'open') AS n_open
       FROM inspections i
       WHERE i.deleted = 0 AND (? IS NULL OR i.event_id = ?) AND (? IS NULL OR i.id = ?)
       ORDER BY i.date, i.id`,
    ).all(filter.eventId ?? null, filter.eventId ?? null, filter.id ?? null, filter.id ?? null) as Record<
      string,
      unknown
    >[]
  ).map((r) => ({
    row: rowFromSql<InspectionRow>(r),
    counts: { recorded: r.n_recorded, failed: r.n_failed, openFindings: r.n_open } as Counts,
  }));
  const orgs = orgNames(db);
  const people = contactNames(db);
  return rows.map(({ row, counts }) => summaryOf(row, counts, orgs, people));
}

function summaryOf(
  r: InspectionRow,
  counts: Counts,
  orgs: ReadonlyMap<string, string>,
  people: ReadonlyMap<string, string>,
): InspectionSummary {
  const team = z.string().array().parse(JSON.parse(r.teamContactIds));
  return {
    ...recordMeta(r),
    eventId: r.eventId,
    orgId: r.orgId,
    orgName: orgs.get(r.orgId) ?? '',
    unitKind: r.unitKind,
    checklistName: r.checklistName,
    checklistRef: r.checklistRef,
    date: r.date,
    place: r.place,
    teamContactIds: team,
    teamNames: team.map((id) => people.get(id) ?? ''),
    status: r.status,
    reinspectionOf: r.reinspectionOf,
    itemCount: checklistOf(r).length,
    ...counts,
  };
}

export function inspectionSummary(db: Db, id: string): InspectionSummary {
  const s = inspectionSummaries(db, { id })[0];
  if (!s) throw new AppError('NOT_FOUND', `No inspection ${id}`);
  return s;
}

function inspectionItems(db: Db, r: InspectionRow): InspectionItem[] {
  const results = new Map(resultRows(db, r.id).map((x) => [x.itemNo, x]));
  return checklistOf(r).map((item, i) => {
    const res = results.get(i + 1);
    return { ...item, no: i + 1, result: res?.result ?? null, notes: res?.notes ?? '' };
  });
}

/** A live photo or file of an inspection, with its bytes. */
export function getFile(db: Db, id: string) {
  const r = stmt(
    db,
    `SELECT id, inspection_id AS inspectionId, file_name AS fileName, mime, sha256, content
       FROM inspection_files WHERE id = ? AND deleted = 0`,
  ).get(id) as
    | { id: string; inspectionId: string; fileName: string; mime: string; sha256: string; content: Buffer }
    | undefined;
  if (!r) throw new AppError('NOT_FOUND', `No inspection file ${id}`);
  return r;
}

function filesOf(db: Db, inspectionId: string) {
  return stmt(
    db,
    `SELECT id, item_no AS itemNo, file_name AS fileName, mime, size, sha256, updated_at AS addedAt
       FROM inspection_files WHERE inspection_id = ? AND deleted = 0 ORDER BY item_no, id`,
  ).all(inspectionId) as InspectionDetail['attachments'];
}

/** An inspection with its items, files, findings and the unit's latest self-inspection beside it. */
export function inspectionDetail(db: Db, id: string, today: string): InspectionDetail {
  const row = getLive(db, INSPECTION_RECORDS, id);
  const self = selfReports(db, row.eventId, row.orgId).at(-1);
  return {
    inspection: inspectionSummary(db, row.id),
    items: inspectionItems(db, row),
    attachments: filesOf(db, row.id),
    findings: findingsOf(db, row.id, today),
    selfReport: self
      ? { id: self.id, originOffice: self.originOffice, reportedOn: self.reportedOn, answers: self.answers }
      : null,
  };
}

// ── self-inspection reports ──────────────────────────────────────────────────

type SelfRow = typeof selfInspections.$inferSelect;

export function saveSelfReport(
  db: Db,
  f: { eventId: string; orgId: string; checklist: string; reportedOn: string; answers: SelfAnswer[] },
  by: Writer,
): SelfRow {
  const c = findChecklist(db, f.checklist);
  const keys = new Set(c.items.map((i) => i.key));
  const unknown = f.answers.filter((a) => !keys.has(a.key)).map((a) => a.key);
  if (unknown.length > 0)
    throw new AppError('VALIDATION', `The checklist has no item ${unknown.join(', ')}`, [
      { path: 'answers', message: 'no such item', code: 'reference' },
    ]);
  return insertRecord(
    db,
    SELF_RECORDS,
    {
      eventId: f.eventId,
      orgId: f.orgId,
      checklistRef: `${c.ref}@${c.edition}`,
      reportedOn: f.reportedOn,
      answers: JSON.stringify(f.answers),
    },
    by,
  );
}

export function selfReports(db: Db, eventId: string, orgId?: string) {
  const rows = (
    stmt(
      db,
      `SELECT * FROM self_inspections WHERE deleted = 0 AND event_id = ? AND (? IS NULL OR org_id = ?)
         ORDER BY reported_on, id`,
    ).all(eventId, orgId ?? null, orgId ?? null) as Record<string, unknown>[]
  ).map((r) => rowFromSql<SelfRow>(r));
  const orgs = orgNames(db);
  return rows.map((r) => ({
    ...recordMeta(r),
    eventId: r.eventId,
    orgId: r.orgId,
    orgName: orgs.get(r.orgId) ?? '',
    checklistRef: r.checklistRef,
    reportedOn: r.reportedOn,
    answers: SelfAnswer.array().parse(JSON.parse(r.answers)),
  }));
}

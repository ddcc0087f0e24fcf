/**
 * Evidence files on tasks and progress reports, stored as the registry's attachments are (the
 * same checks, docs/attachments.ts): inside the encrypted database, listed without their bytes,
 * taken out only by a user allowed to export files, each export audited.
 */
import { and, asc, eq } from 'drizzle-orm';
import { DOCX_MIME, EVIDENCE_MIMES, type Evidence } from '../../../shared/contract';
import { CHECKED_FILE, checkedFile } from '../attachments/fileCheck';
import type { Db } from '../db/open';
import { orm } from '../db/orm';
import { insertRecord, recordTable, tombstoneRecord, type Writer } from '../db/recordKernel';
import { sharedTable } from '../db/tablePolicy';
import { AppError } from '../errors';
import { planEvidence } from './schema';

/**
 * Evidence travels with what it hangs on, as a file of the package: the province's on a task goes
 * down with the task, a commune's on its report goes up with the report; none is relayed.
 */
export const EVIDENCE_RECORDS = recordTable(
  planEvidence,
  sharedTable('both', 'any', {
    fromOriginOnly: true,
    file: CHECKED_FILE,
  }),
  'evidence file',
);

type EvidenceRow = typeof planEvidence.$inferSelect;

const META = {
  id: planEvidence.id,
  taskId: planEvidence.taskId,
  progressId: planEvidence.progressId,
  fileName: planEvidence.fileName,
  mime: planEvidence.mime,
  size: planEvidence.size,
  sha256: planEvidence.sha256,
  originOffice: planEvidence.originOffice,
  version: planEvidence.version,
  updatedAt: planEvidence.updatedAt,
  updatedBy: planEvidence.updatedBy,
  deleted: planEvidence.deleted,
};

const toEvidence = (r: Omit<EvidenceRow, 'content'>): Evidence => ({
  id: r.id,
  taskId: r.taskId,
  progressId: r.progressId,
  fileName: r.fileName,
  mime: r.mime,
  size: r.size,
  sha256: r.sha256,
  version: r.version,
  addedAt: r.updatedAt,
  addedBy: r.updatedBy,
});

export function addEvidence(
  db: Db,
  f: { taskId: string; progressId: string | null; fileName: string; data: Buffer },
  by: Writer,
): Evidence {
  const { mime, sha256 } = checkedFile(
    f.data,
    EVIDENCE_MIMES,
    'Only PDF, PNG, JPEG and Word (.docx) files can be kept as evidence',
  );
  const row = insertRecord(
    db,
    EVIDENCE_RECORDS,
    {
      taskId: f.taskId,
      progressId: f.progressId,
      fileName: f.fileName,
      mime,
      size: f.data.length,
      sha256,
      content: f.data,
    },
    by,
  );
  return toEvidence(row);
}

/** A task's live evidence files (its own and its reports'), without their bytes, oldest first. */
export function listEvidence(db: Db, taskId: string): Evidence[] {
  return orm(db)
    .select(META)
    .from(planEvidence)
    .where(and(eq(planEvidence.taskId, taskId), eq(planEvidence.deleted, false)))
    .orderBy(asc(planEvidence.id))
    .all()
    .map(toEvidence);
}

export function getEvidence(db: Db, id: string): EvidenceRow {
  const row = orm(db).select().from(planEvidence).where(eq(planEvidence.id, id)).get();
  if (!row || row.deleted) throw new AppError('NOT_FOUND', `No evidence file ${id}`);
  return row;
}

/** The viewer shows PDF and images; a Word file is only exported. */
export const viewable = (r: Pick<EvidenceRow, 'mime'>) => r.mime !== DOCX_MIME;

/** Removed: the bytes are replaced by an empty blob (secure_delete overwrites the freed pages). */
export function removeEvidence(db: Db, row: EvidenceRow, version: number, by: Writer): void {
  const empty = Buffer.alloc(0);
  tombstoneRecord(db, EVIDENCE_RECORDS, row, true, by, { expected: version, changes: { content: empty } });
}

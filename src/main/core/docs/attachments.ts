import { and, asc, eq } from 'drizzle-orm';
import { newRecordId } from '../db/recordId';
import { ATTACHMENT_MIMES, type AttachmentMeta } from '../../../shared/contract';
import { checkedFile } from '../attachments/fileCheck';
import type { Db } from '../db/open';
import { orm } from '../db/orm';
import { insertRecord, recordTable, requireOwner, tombstoneRecord, type Writer } from '../db/recordKernel';
import { sharedTable } from '../db/tablePolicy';
import { documentAttachments } from './schema';
import { AppError } from '../errors';
import { DOCUMENT_RECORDS } from './documentStore';
import { keysOf } from '../vault/sessionKeys';
import { ATTACHMENT_TEXT, openContent, openText, storeContent, storeText } from './sealing';

type AttachmentRow = typeof documentAttachments.$inferSelect;

/** Files of this office's entries: they never leave it. */
export const ATTACHMENT_RECORDS = recordTable(documentAttachments, sharedTable('never'), 'attachment');

type DocLevel = { id: string; level: string; levelRank: number };

const toMeta = (r: Omit<AttachmentRow, 'content' | 'sealed'>): AttachmentMeta => ({
  id: r.id,
  documentId: r.documentId,
  fileName: r.fileName,
  mime: r.mime,
  size: r.size,
  sha256: r.sha256,
  addedAt: r.updatedAt,
  addedBy: r.updatedBy,
});

/**
 * Stores the file inside the encrypted database (a BLOB, never a file on disk), so it is
 * encrypted at rest, backed up and restored with the entry, and wiped with it.
 */
export function addAttachment(
  db: Db,
  doc: typeof DOCUMENT_RECORDS.table.$inferSelect,
  fileName: string,
  data: Buffer,
  by: Writer,
): AttachmentMeta {
  // Files are kept with the entry by the office that registered it.
  requireOwner(DOCUMENT_RECORDS, doc, by);
  const { mime, sha256 } = checkedFile(
    data,
    ATTACHMENT_MIMES,
    'Only PDF, PNG and JPEG files can be attached',
  );
  // A classified entry's file is sealed, bytes, name and digest, bound to its row (so the id first).
  const id = newRecordId();
  const ring = keysOf(db);
  const row = insertRecord(
    db,
    ATTACHMENT_RECORDS,
    {
      documentId: doc.id,
      mime,
      size: data.length,
      ...storeText(ATTACHMENT_TEXT, doc, id, { fileName, sha256 }, ring),
      content: storeContent(doc, id, data, ring),
    },
    by,
    { id },
  );
  return toMeta({ ...row, fileName, sha256 });
}

const META_COLUMNS = {
  id: documentAttachments.id,
  documentId: documentAttachments.documentId,
  fileName: documentAttachments.fileName,
  mime: documentAttachments.mime,
  size: documentAttachments.size,
  sha256: documentAttachments.sha256,
  originOffice: documentAttachments.originOffice,
  version: documentAttachments.version,
  updatedAt: documentAttachments.updatedAt,
  updatedBy: documentAttachments.updatedBy,
  deleted: documentAttachments.deleted,
  sealed: documentAttachments.sealed,
};

/** The entry's live attachments, without their bytes (names and digests opened). */
export function listAttachments(db: Db, doc: DocLevel): AttachmentMeta[] {
  const ring = keysOf(db);
  return orm(db)
    .select(META_COLUMNS)
    .from(documentAttachments)
    .where(and(eq(documentAttachments.documentId, doc.id), eq(documentAttachments.deleted, false)))
    .orderBy(asc(documentAttachments.id))
    .all()
    .map((r) => toMeta(openText(ATTACHMENT_TEXT, doc, r.id, r, ring)));
}

/** An attachment as stored (sealed for a classified entry: open it with openAttachment). */
export function getAttachment(db: Db, id: string): AttachmentRow {
  const row = orm(db).select().from(documentAttachments).where(eq(documentAttachments.id, id)).get();
  if (!row || row.deleted) throw new AppError('NOT_FOUND', `No attachment ${id}`);
  return row;
}

/** An attachment's name, digest and bytes, opened with this session's key of the entry's level. */
export function openAttachment(db: Db, att: AttachmentRow, doc: DocLevel): AttachmentRow {
  const ring = keysOf(db);
  return { ...openText(ATTACHMENT_TEXT, doc, att.id, att, ring), content: openContent(doc, att, ring) };
}

/**
 * Destruction of the entry destroys its electronic copies too: the bytes are replaced by an empty
 * blob (secure_delete overwrites the freed pages) and the row becomes a tombstone.
 */
export function wipeAttachments(db: Db, documentId: string, by: Writer): number {
  const rows = orm(db)
    .select(META_COLUMNS)
    .from(documentAttachments)
    .where(and(eq(documentAttachments.documentId, documentId), eq(documentAttachments.deleted, false)))
    .all();
  // The bytes are not read back, only replaced.
  const empty = Buffer.alloc(0);
  for (const r of rows)
    tombstoneRecord(db, ATTACHMENT_RECORDS, { ...r, content: empty }, true, by, {
      changes: { content: empty },
    });
  return rows.length;
}

/**
 * The life cycle of an entry after registration (DOMAIN.md, classified documents): transfer inside
 * the office signed for in the transfer register, processing, authorised and numbered copies,
 * recall, extension or declassification, destruction by a council. Each function runs inside the
 * caller's transaction and leaves the entry consistent or throws before writing.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DocCopy, DocDecision, DocTransfer, ParsedInputOf } from '../../../shared/contract';
import { vnYear } from '../../../shared/dates';
import type { Db } from '../db/open';
import { bumpRecordMeta, checkVersion, newRecordMeta, orm } from '../db/orm';
import { documentCopies, documentDecisions, documents, documentTransfers } from './schema';
import { AppError } from '../errors';
import { wipeAttachments } from './attachments';
import { getDocumentRow, nextNumber } from './documentStore';

type DocRow = typeof documents.$inferSelect;
type TransferRow = typeof documentTransfers.$inferSelect;
type CopyRow = typeof documentCopies.$inferSelect;
type DecisionRow = typeof documentDecisions.$inferSelect;

interface Actor {
  officeCode: string;
  userName: string;
}

const toTransfer = (r: TransferRow): DocTransfer => ({
  id: r.id,
  documentId: r.documentId,
  year: r.year,
  number: r.number,
  transferredAt: r.transferredAt,
  transferredBy: r.updatedBy,
  toPerson: r.toPerson,
  toUnit: r.toUnit,
  purpose: r.purpose,
  returnedAt: r.returnedAt,
  returnNote: r.returnNote,
});

const toCopy = (r: CopyRow): DocCopy => ({
  id: r.id,
  documentId: r.documentId,
  year: r.year,
  number: r.number,
  kind: r.kind as DocCopy['kind'],
  authorisedBy: r.authorisedBy,
  authorisationRef: r.authorisationRef,
  madeAt: r.madeAt,
  copyIndex: r.copyIndex,
  quantity: r.quantity,
  recipient: r.recipient,
});

const toDecision = (r: DecisionRow): DocDecision => ({
  id: r.id,
  documentId: r.documentId,
  kind: r.kind as DocDecision['kind'],
  decidedAt: r.decidedAt,
  decisionRef: r.decisionRef,
  decidedBy: r.decidedBy,
  recordedBy: r.updatedBy,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

/** Only a registered entry (not voided, recalled or destroyed) moves, is copied or processed. */
export function requireActive(row: DocRow): void {
  if (row.status !== 'registered')
    throw new AppError('CONFLICT', `The entry is ${row.status}; nothing more can be done with it`);
}

function openTransfer(db: Db, documentId: string): TransferRow | undefined {
  return orm(db)
    .select()
    .from(documentTransfers)
    .where(and(eq(documentTransfers.documentId, documentId), isNull(documentTransfers.returnedAt)))
    .get();
}

function requireInHand(db: Db, documentId: string): void {
  const out = openTransfer(db, documentId);
  if (out) throw new AppError('CONFLICT', `The document is with ${out.toPerson}; record its return first`);
}

function updateDocument(db: Db, current: DocRow, changes: Partial<DocRow>, by: Actor): DocRow {
  const next: DocRow = { ...current, ...changes, ...bumpRecordMeta(current, by.officeCode, by.userName) };
  orm(db).update(documents).set(next).where(eq(documents.id, current.id)).run();
  return next;
}

/** Hands the document to a named person, numbered in the transfer register; it is then theirs until returned. */
export function transferDocument(
  db: Db,
  input: ParsedInputOf<'docs.transfer'>,
  by: Actor,
  now = new Date(),
): DocTransfer {
  const doc = getDocumentRow(db, input.documentId);
  requireActive(doc);
  requireInHand(db, doc.id);
  const year = vnYear(now);
  const row: TransferRow = {
    ...newRecordMeta(by.officeCode, by.userName),
    documentId: doc.id,
    year,
    number: nextNumber(db, 'transfer', year),
    transferredAt: now.toISOString(),
    toPerson: input.toPerson,
    toUnit: input.toUnit,
    purpose: input.purpose,
    returnedAt: null,
    returnNote: '',
  };
  orm(db).insert(documentTransfers).values(row).run();
  updateDocument(db, doc, { holder: input.toPerson }, by);
  return toTransfer(row);
}

export function getTransferRow(db: Db, id: string): TransferRow {
  const row = orm(db).select().from(documentTransfers).where(eq(documentTransfers.id, id)).get();
  if (!row || row.deleted) throw new AppError('NOT_FOUND', `No transfer ${id}`);
  return row;
}

export function returnTransfer(db: Db, id: string, note: string, by: Actor, now = new Date()): DocTransfer {
  const t = getTransferRow(db, id);
  if (t.returnedAt) throw new AppError('CONFLICT', 'The document was already returned');
  const next: TransferRow = {
    ...t,
    ...bumpRecordMeta(t, by.officeCode, by.userName),
    returnedAt: now.toISOString(),
    returnNote: note,
  };
  orm(db).update(documentTransfers).set(next).where(eq(documentTransfers.id, id)).run();
  updateDocument(db, getDocumentRow(db, t.documentId), { holder: '' }, by);
  return toTransfer(next);
}

/** Each authorised copy gets its own number in the copy register (numbered and marked copies). */
export function recordCopies(
  db: Db,
  input: ParsedInputOf<'docs.recordCopies'>,
  by: Actor,
  now = new Date(),
): DocCopy[] {
  const doc = getDocumentRow(db, input.documentId);
  requireActive(doc);
  const year = vnYear(now);
  const rows: CopyRow[] = [];
  for (let i = 1; i <= input.quantity; i++) {
    const row: CopyRow = {
      ...newRecordMeta(by.officeCode, by.userName),
      documentId: doc.id,
      year,
      number: nextNumber(db, 'copy', year),
      kind: input.kind,
      authorisedBy: input.authorisedBy,
      authorisationRef: input.authorisationRef,
      madeAt: now.toISOString(),
      copyIndex: i,
      quantity: input.quantity,
      recipient: input.recipient,
    };
    orm(db).insert(documentCopies).values(row).run();
    rows.push(row);
  }
  return rows.map(toCopy);
}

export function setProcessing(
  db: Db,
  input: ParsedInputOf<'docs.setProcessing'>,
  by: Actor,
  now = new Date(),
): DocRow {
  const doc = getDocumentRow(db, input.id);
  checkVersion(doc, input.version, 'document', { live: true });
  requireActive(doc);
  if (input.replyId) {
    if (input.replyId === doc.id) throw new AppError('VALIDATION', 'An entry cannot be its own reply');
    getDocumentRow(db, input.replyId);
  }
  return updateDocument(
    db,
    doc,
    {
      processing: input.processing,
      processedAt: input.processing === 'done' ? now.toISOString() : null,
      replyId: input.replyId,
    },
    by,
  );
}

type DecideInput = ParsedInputOf<'docs.decide'>;

interface DecisionEffect {
  changes: Partial<DocRow>;
  /** Kept with the decision: what was decided beyond its reference, author and date. */
  details: Record<string, unknown>;
}

/** What each decision does to the entry, after the checks that it may be taken. */
function applyDecision(db: Db, doc: DocRow, d: DecideInput, by: Actor): DecisionEffect {
  const classified = doc.level !== 'none';
  switch (d.kind) {
    case 'recall':
      requireActive(doc);
      requireInHand(db, doc.id);
      return { changes: { status: 'recalled' }, details: { reason: d.reason } };
    case 'extend':
      if (!classified || doc.declassifiedAt)
        throw new AppError('CONFLICT', 'Only a classified, not declassified entry has a protection period');
      if (doc.status === 'destroyed') throw new AppError('CONFLICT', 'The entry was destroyed');
      return {
        changes: { protectUntil: d.until },
        details: { until: d.until, previousProtectUntil: doc.protectUntil },
      };
    case 'declassify':
      if (!classified || doc.declassifiedAt)
        throw new AppError('CONFLICT', 'The entry is not classified (or already declassified)');
      // The level stays for the record; the rank that gates reading drops to that of ordinary entries.
      return { changes: { declassifiedAt: d.decidedAt, levelRank: 0 }, details: {} };
    case 'destroy':
      if (doc.status !== 'registered' && doc.status !== 'recalled')
        throw new AppError('CONFLICT', `The entry is ${doc.status}; it cannot be destroyed`);
      requireInHand(db, doc.id);
      return {
        changes: { status: 'destroyed', holder: '' },
        details: {
          council: d.council,
          recordRef: d.recordRef,
          method: d.method,
          attachmentsWiped: wipeAttachments(db, doc.id, by.officeCode, by.userName),
        },
      };
  }
}

/** Records a decision (its reference, who decided, when) and applies it to the entry. */
export function decide(db: Db, d: DecideInput, by: Actor): DocRow {
  const doc = getDocumentRow(db, d.documentId);
  checkVersion(doc, d.version, 'document', { live: true });
  const { changes, details } = applyDecision(db, doc, d, by);
  orm(db)
    .insert(documentDecisions)
    .values({
      ...newRecordMeta(by.officeCode, by.userName),
      documentId: doc.id,
      kind: d.kind,
      decidedAt: d.decidedAt,
      decisionRef: d.decisionRef,
      decidedBy: d.decidedBy,
      details: JSON.stringify(details),
    })
    .run();
  return updateDocument(db, doc, changes, by);
}

/** Transfers, copies and decisions of one entry, oldest first. */
export function entryHistory(db: Db, documentId: string) {
  return {
    transfers: orm(db)
      .select()
      .from(documentTransfers)
      .where(eq(documentTransfers.documentId, documentId))
      .orderBy(asc(documentTransfers.transferredAt))
      .all()
      .map(toTransfer),
    copies: orm(db)
      .select()
      .from(documentCopies)
      .where(eq(documentCopies.documentId, documentId))
      .orderBy(asc(documentCopies.number))
      .all()
      .map(toCopy),
    decisions: orm(db)
      .select()
      .from(documentDecisions)
      .where(eq(documentDecisions.documentId, documentId))
      .orderBy(asc(documentDecisions.id))
      .all()
      .map(toDecision),
  };
}

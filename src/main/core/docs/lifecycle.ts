/**
 * The life cycle of an entry after registration (DOMAIN.md, classified documents): transfer inside
 * the office signed for in the transfer register, processing, authorised and numbered copies,
 * recall, extension or declassification, destruction by a council. Each function runs inside the
 * caller's transaction and leaves the entry consistent or throws before writing.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { newRecordId } from '../db/recordId';
import type { DocCopy, DocDecision, DocTransfer, ParsedInputOf } from '../../../shared/contract';
import { vnYear } from '../../../shared/dates';
import type { Db } from '../db/open';
import { orm } from '../db/orm';
import {
  checkVersion,
  guardChange,
  insertRecord,
  recordTable,
  requireOwner,
  updateRecord,
  type ChangesOf,
  type Writer,
} from '../db/recordKernel';
import { sharedTable } from '../db/tablePolicy';
import { documentCopies, documentDecisions, documents, documentTransfers } from './schema';
import { AppError } from '../errors';
import { wipeAttachments } from './attachments';
import { keysOf } from '../vault/sessionKeys';
import {
  COPY_TEXT,
  DECISION_TEXT,
  DOC_TEXT,
  openDoc,
  openText,
  restoreEntry,
  storeText,
  TRANSFER_TEXT,
} from './sealing';
import {
  DOCUMENT_RECORDS,
  docView,
  getDocumentRow,
  nextNumber,
  putHandling,
  type DocView,
} from './documentStore';

type DocRow = typeof documents.$inferSelect;
type TransferRow = typeof documentTransfers.$inferSelect;
type CopyRow = typeof documentCopies.$inferSelect;
type DecisionRow = typeof documentDecisions.$inferSelect;

// The registers' books kept about this office's own entries: they never travel.
export const TRANSFER_RECORDS = recordTable(documentTransfers, sharedTable('never'), 'transfer');
export const COPY_RECORDS = recordTable(documentCopies, sharedTable('never'), 'copy');
export const DECISION_RECORDS = recordTable(documentDecisions, sharedTable('never'), 'decision');

type Level = { level: string };

/** The level of an entry, to open what is kept about it. */
function levelOf(db: Db, documentId: string): Level {
  return { level: getDocumentRow(db, documentId).level };
}

const openTransfer = (db: Db, doc: Level, r: TransferRow) =>
  openText(TRANSFER_TEXT, doc, r.id, r, keysOf(db));
const openCopy = (db: Db, doc: Level, r: CopyRow) => openText(COPY_TEXT, doc, r.id, r, keysOf(db));
const openDecision = (db: Db, doc: Level, r: DecisionRow) =>
  openText(DECISION_TEXT, doc, r.id, r, keysOf(db));

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

function outstandingTransfer(db: Db, documentId: string): TransferRow | undefined {
  return orm(db)
    .select()
    .from(documentTransfers)
    .where(and(eq(documentTransfers.documentId, documentId), isNull(documentTransfers.returnedAt)))
    .get();
}

function requireInHand(db: Db, documentId: string): void {
  const out = outstandingTransfer(db, documentId);
  if (out) {
    const { toPerson } = openTransfer(db, levelOf(db, documentId), out);
    throw new AppError('CONFLICT', `The document is with ${toPerson}; record its return first`);
  }
}

/**
 * Custody acts (transfer, copy, decision) are kept in the registers of the office that registered
 * the entry: on an entry received from another office they are refused (not-owner).
 */
function ownEntry(db: Db, documentId: string, by: Writer): DocRow {
  const doc = getDocumentRow(db, documentId);
  requireOwner(DOCUMENT_RECORDS, doc, by);
  return doc;
}

/** Hands the document to a named person, numbered in the transfer register; it is then theirs until returned. */
export function transferDocument(db: Db, input: ParsedInputOf<'docs.transfer'>, by: Writer): DocTransfer {
  const doc = ownEntry(db, input.documentId, by);
  requireActive(doc);
  requireInHand(db, doc.id);
  const year = vnYear(by.now);
  const id = newRecordId();
  const text = { toPerson: input.toPerson, toUnit: input.toUnit, purpose: input.purpose, returnNote: '' };
  const row = insertRecord(
    db,
    TRANSFER_RECORDS,
    {
      documentId: doc.id,
      year,
      number: nextNumber(db, 'transfer', year),
      transferredAt: by.now.toISOString(),
      returnedAt: null,
      ...storeText(TRANSFER_TEXT, doc, id, text, keysOf(db)),
    },
    by,
    { id },
  );
  putHandling(db, doc.id, { holder: input.toPerson }, by);
  return toTransfer({ ...row, ...text });
}

export function getTransferRow(db: Db, id: string): TransferRow {
  const row = orm(db).select().from(documentTransfers).where(eq(documentTransfers.id, id)).get();
  if (!row || row.deleted) throw new AppError('NOT_FOUND', `No transfer ${id}`);
  return row;
}

export function returnTransfer(db: Db, id: string, note: string, by: Writer): DocTransfer {
  const t = getTransferRow(db, id);
  const doc = ownEntry(db, t.documentId, by);
  guardChange(TRANSFER_RECORDS, t, by, null);
  if (t.returnedAt) throw new AppError('CONFLICT', 'The document was already returned');
  const text = { ...openTransfer(db, doc, t), returnNote: note };
  const next = updateRecord(
    db,
    TRANSFER_RECORDS,
    t,
    { returnedAt: by.now.toISOString(), ...storeText(TRANSFER_TEXT, doc, t.id, text, keysOf(db)) },
    by,
  );
  putHandling(db, t.documentId, { holder: '' }, by);
  return toTransfer({ ...next, ...text, sealed: null });
}

/** Each authorised copy gets its own number in the copy register (numbered and marked copies). */
export function recordCopies(db: Db, input: ParsedInputOf<'docs.recordCopies'>, by: Writer): DocCopy[] {
  const doc = ownEntry(db, input.documentId, by);
  requireActive(doc);
  const year = vnYear(by.now);
  const rows: CopyRow[] = [];
  const text = {
    authorisedBy: input.authorisedBy,
    authorisationRef: input.authorisationRef,
    recipient: input.recipient,
  };
  for (let i = 1; i <= input.quantity; i++) {
    const id = newRecordId();
    const row = insertRecord(
      db,
      COPY_RECORDS,
      {
        documentId: doc.id,
        year,
        number: nextNumber(db, 'copy', year),
        kind: input.kind,
        madeAt: by.now.toISOString(),
        copyIndex: i,
        quantity: input.quantity,
        ...storeText(COPY_TEXT, doc, id, text, keysOf(db)),
      },
      by,
      { id },
    );
    rows.push({ ...row, ...text });
  }
  return rows.map(toCopy);
}

/**
 * Processing, its date and the reply are this office's handling of the entry (document_handling):
 * on an entry received from another office they change only this office's record, never the
 * owner's entry, whose version stays as it was.
 */
export function setProcessing(db: Db, input: ParsedInputOf<'docs.setProcessing'>, by: Writer): DocView {
  const doc = getDocumentRow(db, input.id);
  checkVersion(doc, input.version, 'document', { live: true });
  requireActive(doc);
  if (input.replyId) {
    if (input.replyId === doc.id) throw new AppError('VALIDATION', 'An entry cannot be its own reply');
    getDocumentRow(db, input.replyId);
  }
  putHandling(
    db,
    doc.id,
    {
      processing: input.processing,
      processedAt: input.processing === 'done' ? by.now.toISOString() : null,
      replyId: input.replyId,
    },
    by,
  );
  return docView(db, doc, by.office);
}

type DecideInput = ParsedInputOf<'docs.decide'>;

interface DecisionEffect {
  changes: ChangesOf<typeof documents>;
  /** Kept with the decision: what was decided beyond its reference, author and date. */
  details: Record<string, unknown>;
}

/** What each decision does to the entry, after the checks that it may be taken. */
function applyDecision(db: Db, doc: DocRow, d: DecideInput, by: Writer): DecisionEffect {
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
      // An extension only lengthens protection; shortening it would be a decision of its own kind.
      if (doc.protectUntil && d.until <= doc.protectUntil) {
        const message = `An extension only extends: the new end ${d.until} must be after the current end ${doc.protectUntil}`;
        throw new AppError('VALIDATION', message, [{ path: 'until', message, code: 'not-extended' }]);
      }
      return {
        changes: { protectUntil: d.until },
        details: { until: d.until, previousProtectUntil: doc.protectUntil },
      };
    case 'declassify': {
      if (!classified || doc.declassifiedAt)
        throw new AppError('CONFLICT', 'The entry is not classified (or already declassified)');
      // The level stays for the record; the rank that gates reading drops to that of ordinary entries,
      // and its text is kept in clear again (what is kept about it too, once the decision is recorded).
      const opened = openDoc(db, doc);
      const text = Object.fromEntries(Object.keys(DOC_TEXT.clear).map((k) => [k, opened[k as keyof DocRow]]));
      return {
        changes: { declassifiedAt: d.decidedAt, levelRank: 0, ...text, sealed: null, sealedEpoch: null },
        details: {},
      };
    }
    case 'destroy':
      if (doc.status !== 'registered' && doc.status !== 'recalled')
        throw new AppError('CONFLICT', `The entry is ${doc.status}; it cannot be destroyed`);
      requireInHand(db, doc.id);
      putHandling(db, doc.id, { holder: '' }, by);
      return {
        changes: { status: 'destroyed' },
        details: {
          council: d.council,
          recordRef: d.recordRef,
          method: d.method,
          attachmentsWiped: wipeAttachments(db, doc.id, by),
        },
      };
  }
}

/** Records a decision (its reference, who decided, when) and applies it to the entry; only its office decides. */
export function decide(db: Db, d: DecideInput, by: Writer): DocView {
  const doc = ownEntry(db, d.documentId, by);
  guardChange(DOCUMENT_RECORDS, doc, by, d.version);
  const { changes, details } = applyDecision(db, doc, d, by);
  const id = newRecordId();
  const text = { decisionRef: d.decisionRef, decidedBy: d.decidedBy, details: JSON.stringify(details) };
  insertRecord(
    db,
    DECISION_RECORDS,
    {
      documentId: doc.id,
      kind: d.kind,
      decidedAt: d.decidedAt,
      ...storeText(DECISION_TEXT, doc, id, text, keysOf(db)),
    },
    by,
    { id },
  );
  const next = updateRecord(db, DOCUMENT_RECORDS, doc, changes, by, { expected: d.version });
  const ring = keysOf(db);
  if (d.kind === 'declassify' && ring && doc.sealed) restoreEntry(db, doc.id, ring);
  return docView(db, next, by.office);
}

/** Transfers, copies and decisions of one entry, oldest first, opened. */
export function entryHistory(db: Db, documentId: string) {
  const doc = levelOf(db, documentId);
  return {
    transfers: orm(db)
      .select()
      .from(documentTransfers)
      .where(eq(documentTransfers.documentId, documentId))
      .orderBy(asc(documentTransfers.transferredAt))
      .all()
      .map((r) => toTransfer(openTransfer(db, doc, r))),
    copies: orm(db)
      .select()
      .from(documentCopies)
      .where(eq(documentCopies.documentId, documentId))
      .orderBy(asc(documentCopies.number))
      .all()
      .map((r) => toCopy(openCopy(db, doc, r))),
    decisions: orm(db)
      .select()
      .from(documentDecisions)
      .where(eq(documentDecisions.documentId, documentId))
      .orderBy(asc(documentDecisions.id))
      .all()
      .map((r) => toDecision(openDecision(db, doc, r))),
  };
}

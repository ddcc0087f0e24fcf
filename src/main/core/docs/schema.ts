import { blob, index, integer, primaryKey, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import {
  ATTACHMENT_MIMES,
  CLEARANCES,
  CopyKind,
  DecisionKind,
  DocDirection,
  DocProcessing,
  DocRegister,
  DocStatus,
  DOC_TYPES,
  DocUrgency,
} from '../../../shared/contract';
import { enumValues, sharedRecordColumns } from '../db/sharedRecord';

/** Last number given per register and calendar year; never decremented, so numbers are never reused. */
export const documentCounters = sqliteTable(
  'document_counters',
  {
    register: text('register', { enum: enumValues(DocRegister) }).notNull(),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.register, t.year] })],
);

/** Stable integer keys for the documents' full-text index rows. */
export const documentSearchKeys = sqliteTable('document_search_keys', {
  n: integer('n').primaryKey(),
  documentId: text('document_id').notNull().unique(),
});

export const documents = sqliteTable(
  'documents',
  {
    ...sharedRecordColumns(),
    register: text('register', { enum: enumValues(DocRegister) }).notNull(),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    registeredAt: text('registered_at').notNull(),
    direction: text('direction', { enum: enumValues(DocDirection) }).notNull(),
    level: text('level', { enum: CLEARANCES }).notNull(),
    levelRank: integer('level_rank').notNull(),
    type: text('type', { enum: DOC_TYPES }).notNull(),
    symbol: text('symbol').notNull(),
    documentDate: text('document_date').notNull(),
    sender: text('sender').notNull(),
    senderContactId: text('sender_contact_id'),
    organizationId: text('organization_id'),
    recipients: text('recipients').notNull(),
    summary: text('summary').notNull(),
    senderConsent: integer('sender_consent', { mode: 'boolean' }).notNull(),
    urgency: text('urgency', { enum: enumValues(DocUrgency) }).notNull(),
    copies: integer('copies').notNull(),
    pages: integer('pages').notNull(),
    handler: text('handler').notNull(),
    deadline: text('deadline'),
    notes: text('notes').notNull(),
    status: text('status', { enum: enumValues(DocStatus) }).notNull(),
    voidReason: text('void_reason'),
    voidedBy: text('voided_by'),
    voidedAt: text('voided_at'),
    signer: text('signer').notNull().default(''),
    protectUntil: text('protect_until'),
    declassifiedAt: text('declassified_at'),
    /** The classified text (sender … void reason) sealed under the level's key; null in clear. */
    sealed: blob('sealed', { mode: 'buffer' }),
    /** The key epoch `sealed` is under (to find what a rotation re-seals); null in clear. */
    sealedEpoch: integer('sealed_epoch'),
  },
  (t) => [
    unique().on(t.originOffice, t.register, t.year, t.number),
    // Pages the list newest first; its count and filters read the index alone (migration 006).
    index('documents_office_list').on(
      t.originOffice,
      t.registeredAt,
      t.deleted,
      t.levelRank,
      t.year,
      t.direction,
      t.level,
      t.status,
      t.urgency,
    ),
    index('documents_protect_until').on(t.protectUntil),
    index('documents_office_deadline').on(t.originOffice, t.deadline),
    index('documents_sealed').on(t.level, t.sealedEpoch),
    index('documents_in_clear').on(t.level),
    // Covers what a text search reads from each match (bench/results.md).
    index('documents_search_cover').on(
      t.id,
      t.deleted,
      t.originOffice,
      t.levelRank,
      t.registeredAt,
      t.year,
      t.direction,
    ),
  ],
);

/**
 * How this office handles an entry (its own or one received): processing, the reply, who holds
 * it. This office's record, never a change to the entry's owner's; local, never exchanged.
 */
export const documentHandling = sqliteTable(
  'document_handling',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id),
    office: text('office').notNull(),
    processing: text('processing', { enum: enumValues(DocProcessing) })
      .notNull()
      .default('pending'),
    processedAt: text('processed_at'),
    replyId: text('reply_id'),
    holder: text('holder').notNull().default(''),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    /** The holder of a classified entry, sealed under its level's key. */
    sealed: blob('sealed', { mode: 'buffer' }),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.office] }),
    index('document_handling_office').on(t.office, t.processing),
  ],
);

/** A file attached to an entry; its bytes live only inside the encrypted database. */
export const documentAttachments = sqliteTable(
  'document_attachments',
  {
    ...sharedRecordColumns(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id),
    fileName: text('file_name').notNull(),
    mime: text('mime', { enum: ATTACHMENT_MIMES }).notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
    /** File name and digest of a classified entry's file, sealed (its bytes are sealed in `content`). */
    sealed: blob('sealed', { mode: 'buffer' }),
  },
  (t) => [index('document_attachments_doc').on(t.documentId)],
);

/** The transfer register (sổ chuyển giao): who received the document, signed for, and its return. */
export const documentTransfers = sqliteTable(
  'document_transfers',
  {
    ...sharedRecordColumns(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    transferredAt: text('transferred_at').notNull(),
    toPerson: text('to_person').notNull(),
    toUnit: text('to_unit').notNull(),
    purpose: text('purpose').notNull(),
    returnedAt: text('returned_at'),
    returnNote: text('return_note').notNull().default(''),
    /** Person, unit, purpose and return note of a classified entry's transfer, sealed. */
    sealed: blob('sealed', { mode: 'buffer' }),
  },
  (t) => [unique().on(t.originOffice, t.year, t.number), index('document_transfers_doc').on(t.documentId)],
);

/** The copy register: one row per numbered copy or extract, with its authorisation. */
export const documentCopies = sqliteTable(
  'document_copies',
  {
    ...sharedRecordColumns(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    kind: text('kind', { enum: enumValues(CopyKind) }).notNull(),
    authorisedBy: text('authorised_by').notNull(),
    authorisationRef: text('authorisation_ref').notNull(),
    madeAt: text('made_at').notNull(),
    copyIndex: integer('copy_index').notNull(),
    quantity: integer('quantity').notNull(),
    recipient: text('recipient').notNull(),
    /** Authority, authorisation and recipient of a classified entry's copy, sealed. */
    sealed: blob('sealed', { mode: 'buffer' }),
  },
  (t) => [unique().on(t.originOffice, t.year, t.number), index('document_copies_doc').on(t.documentId)],
);

/** Recorded decisions on an entry: recall, extension, declassification, destruction. */
export const documentDecisions = sqliteTable(
  'document_decisions',
  {
    ...sharedRecordColumns(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id),
    kind: text('kind', { enum: enumValues(DecisionKind) }).notNull(),
    decidedAt: text('decided_at').notNull(),
    decisionRef: text('decision_ref').notNull(),
    decidedBy: text('decided_by').notNull(),
    details: text('details').notNull(),
    /** Reference, author and details of a decision on a classified entry, sealed. */
    sealed: blob('sealed', { mode: 'buffer' }),
  },
  (t) => [
    index('document_decisions_doc').on(t.documentId),
    index('document_decisions_kind').on(t.kind, t.decidedAt),
  ],
);

import { blob, foreignKey, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Every package in and out, with what became of it (local: this office's record of its exchange). */
export const exchangeLog = sqliteTable(
  'exchange_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    hash: text('hash').notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    sender: text('sender').notNull(),
    /** JSON array of office codes. */
    recipients: text('recipients').notNull(),
    sequence: integer('sequence'),
    result: text('result', {
      enum: ['sent', 'applied', 'already-applied', 'rejected', 'quarantined'],
    }).notNull(),
    reason: text('reason'),
    /** JSON: per record type, how many were new, updated, deleted, unchanged. */
    counts: text('counts').notNull(),
    receipt: integer('receipt', { mode: 'boolean' }).notNull(),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    at: text('at').notNull(),
    userName: text('user_name').notNull(),
  },
  (t) => [index('exchange_log_hash').on(t.hash)],
);

/** Per office this office exchanges with: where each chain stands. */
export const exchangePeers = sqliteTable('exchange_peers', {
  office: text('office').primaryKey(),
  sentSeq: integer('sent_seq').notNull().default(0),
  sentHash: text('sent_hash'),
  sentAt: text('sent_at'),
  /** The change-feed seq the last "changes since" package to this office covered. */
  watermark: integer('watermark').notNull().default(0),
  appliedSeq: integer('applied_seq').notNull().default(0),
  appliedHash: text('applied_hash'),
  appliedAt: text('applied_at'),
  ackedSeq: integer('acked_seq').notNull().default(0),
  ackedAt: text('acked_at'),
  /**
   * JSON: a package to this office being written (state.ts PendingSend): set before its file is
   * written, settled by the next export when a crash came between the file and the record of it.
   */
  pending: text('pending'),
});

/** Each package of a chain (in: applied from the office; out: sent to it), for replays, forks and receipts. */
export const exchangeChain = sqliteTable(
  'exchange_chain',
  {
    office: text('office').notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    sequence: integer('sequence').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.office, t.direction, t.sequence] })],
);

/** The audit-chain heads each office's packages showed: a later head must extend them. */
export const exchangeAuditHeads = sqliteTable(
  'exchange_audit_heads',
  {
    office: text('office').notNull(),
    count: integer('count').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.office, t.count] })],
);

/** Forks: two different packages for one place in an office's chain, kept for an administrator. */
export const exchangeQuarantine = sqliteTable('exchange_quarantine', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  office: text('office').notNull(),
  sequence: integer('sequence').notNull(),
  /** The package applied at that place (null when the fork is one that does not follow the last). */
  appliedHash: text('applied_hash'),
  hash: text('hash').notNull(),
  detail: text('detail').notNull(),
  at: text('at').notNull(),
  /** Unresolved (null), the applied package kept, or the sender's restart accepted. */
  resolution: text('resolution', { enum: ['kept', 'restarted'] }),
  resolvedReason: text('resolved_reason'),
  resolvedBy: text('resolved_by'),
  resolvedAt: text('resolved_at'),
});

/**
 * Each package sent and not yet acknowledged, kept (in the encrypted database) so it can be written
 * again unchanged when its file is lost: the receiver applies the copy as the original.
 */
export const exchangeSentFiles = sqliteTable(
  'exchange_sent_files',
  {
    office: text('office').notNull(),
    sequence: integer('sequence').notNull(),
    fileName: text('file_name').notNull(),
    records: integer('records').notNull(),
    receipt: integer('receipt', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.office, t.sequence] })],
);

/** Their bytes, in pieces of at most 1 MiB in order `n`: a copy is never held whole. */
export const exchangeSentChunks = sqliteTable(
  'exchange_sent_chunks',
  {
    office: text('office').notNull(),
    sequence: integer('sequence').notNull(),
    n: integer('n').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.office, t.sequence, t.n] }),
    foreignKey({
      columns: [t.office, t.sequence],
      foreignColumns: [exchangeSentFiles.office, exchangeSentFiles.sequence],
    }).onDelete('cascade'),
  ],
);

/** The files of the packages an import is reading, between their check and their apply (files.ts). */
export const exchangeIncomingFiles = sqliteTable(
  'exchange_incoming_files',
  {
    run: text('run').notNull(),
    packageHash: text('package_hash').notNull(),
    sha256: text('sha256').notNull(),
    content: blob('content', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.run, t.packageHash, t.sha256] })],
);

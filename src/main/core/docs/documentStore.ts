import { eq } from 'drizzle-orm';
import {
  clearanceRank,
  type Clearance,
  type DocEntry,
  type DocProcessing,
  type DocRegister,
  type DocStatus,
  type DocType,
  type DocUrgency,
  type ParsedInputOf,
  type Settings,
} from '../../../shared/contract';
import { addYearsIso, vnIsoDate, vnYear } from '../../../shared/dates';
import { foldedWords, foldVietnamese } from '../../../shared/text';
import { stmt, type Db } from '../db/open';
import { bumpRecordMeta, checkVersion, newRecordMeta, orm } from '../db/orm';
import { documents } from './schema';
import { Where } from '../db/where';
import { AppError } from '../errors';
import { readSettings } from '../settings/settingsStore';

type DocRow = typeof documents.$inferSelect;
export type DocFields = ParsedInputOf<'docs.register'>;

export function registerOf(direction: 'in' | 'out', level: Clearance): DocRegister {
  return level === 'none' ? direction : direction === 'in' ? 'secret-in' : 'secret-out';
}

/** Outgoing symbol per Nghị định 30/2020: `05/KH-SKHCN`; a công văn is `<n>/<office code>`. */
export function outgoingSymbol(number: number, type: DocType, officeCode: string): string {
  if (type === 'CV' || type === 'other') return `${number}/${officeCode}`;
  return `${String(number).padStart(2, '0')}/${type}-${officeCode}`;
}

/** The tuyệt mật rule (DOMAIN.md): a summary is kept only with the sender's recorded consent. */
function checkSummaryRule(f: DocFields): void {
  if (f.level === 'tuyet-mat' && f.summary && !f.senderConsentToSummary)
    throw new AppError(
      'VALIDATION',
      'A Tuyệt mật entry may record its summary only when the sender consented (senderConsentToSummary)',
      [{ path: 'summary', message: 'summary of a Tuyệt mật document needs the sender consent' }],
    );
}

/** End of the protection period: the document date plus the configured years for its level. */
export function protectUntil(
  documentDate: string,
  level: Clearance,
  years: Settings['protectionYears'],
): string | null {
  return level === 'none' ? null : addYearsIso(documentDate, years[level]);
}

function reindexDocument(db: Db, row: DocRow): void {
  const { n } = stmt(
    db,
    `INSERT INTO document_search_keys (document_id) VALUES (?)
       ON CONFLICT(document_id) DO UPDATE SET document_id = excluded.document_id RETURNING n`,
  ).get(row.id) as { n: number };
  stmt(db, 'DELETE FROM documents_fts WHERE rowid = ?').run(n);
  const recipients = JSON.parse(row.recipients) as string[];
  const body = foldVietnamese(
    [String(row.number), row.symbol, row.summary, row.sender, ...recipients, row.notes].join(' '),
  );
  stmt(db, 'INSERT INTO documents_fts (rowid, body) VALUES (?, ?)').run(n, body);
}

/**
 * Takes the next number of a book (the four registers, the transfer and the copy register) for a
 * year. Call inside the IMMEDIATE transaction that writes the row, so the number is gapless.
 */
export function nextNumber(db: Db, book: DocRegister | 'transfer' | 'copy', year: number): number {
  return (
    stmt(
      db,
      `INSERT INTO document_counters (register, year, last_number) VALUES (?, ?, 1)
         ON CONFLICT(register, year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number`,
    ).get(book, year) as { last_number: number }
  ).last_number;
}

/**
 * Inserts one entry under a number already decided (by the counter, or by a legacy register
 * being imported) and indexes it for search. The caller holds the transaction.
 */
export function insertDocument(
  db: Db,
  fields: DocFields,
  at: { register: DocRegister; year: number; number: number; registeredAt: string },
  officeCode: string,
  userName: string,
  protectionYears: Settings['protectionYears'],
  processing: DocProcessing = 'pending',
): DocRow {
  const { register, year, number, registeredAt } = at;
  const row: DocRow = {
    ...newRecordMeta(officeCode, userName),
    updatedAt: registeredAt,
    register,
    year,
    number,
    registeredAt,
    direction: fields.direction,
    level: fields.level,
    levelRank: clearanceRank(fields.level),
    type: fields.type,
    symbol:
      fields.symbol || (fields.direction === 'out' ? outgoingSymbol(number, fields.type, officeCode) : ''),
    documentDate: fields.documentDate,
    sender: fields.sender,
    senderContactId: fields.senderContactId,
    organizationId: fields.organizationId,
    recipients: JSON.stringify(fields.recipients),
    summary: fields.summary,
    senderConsent: fields.senderConsentToSummary,
    urgency: fields.urgency,
    copies: fields.copies,
    pages: fields.pages,
    handler: fields.handler,
    deadline: fields.deadline,
    notes: fields.notes,
    status: 'registered',
    voidReason: null,
    voidedBy: null,
    voidedAt: null,
    signer: fields.signer,
    processing,
    processedAt: processing === 'done' ? registeredAt : null,
    replyId: null,
    holder: '',
    protectUntil: protectUntil(fields.documentDate, fields.level, protectionYears),
    declassifiedAt: null,
  };
  orm(db).insert(documents).values(row).run();
  reindexDocument(db, row);
  return row;
}

/**
 * Registers one entry. The number comes from the (register, year) counter inside the same
 * IMMEDIATE transaction as the insert, so two connections can never take the same number and a
 * rolled-back insert gives its number back (gapless). `now` is injectable for year rollover tests.
 * `after` runs inside the transaction (the handler's audit entry).
 */
export function registerDocument(
  db: Db,
  fields: DocFields,
  officeCode: string,
  userName: string,
  now: Date = new Date(),
  after: (row: DocRow) => void = () => {},
): { row: DocRow; clockWarning: boolean } {
  checkSummaryRule(fields);
  const { protectionYears } = readSettings(db);
  const run = db.transaction(() => {
    const register = registerOf(fields.direction, fields.level);
    const year = vnYear(now);
    const number = nextNumber(db, register, year);
    const latest = stmt(db, 'SELECT max(registered_at) AS at FROM documents').get() as { at: string | null };
    const registeredAt = now.toISOString();
    const row = insertDocument(
      db,
      fields,
      { register, year, number, registeredAt },
      officeCode,
      userName,
      protectionYears,
    );
    after(row);
    return { row, clockWarning: latest.at !== null && registeredAt < latest.at };
  });
  return run.immediate();
}

export function getDocumentRow(db: Db, id: string): DocRow {
  const row = orm(db).select().from(documents).where(eq(documents.id, id)).get();
  if (!row || row.deleted) throw new AppError('NOT_FOUND', `No document ${id}`);
  return row;
}

/** Voiding keeps the number (never reused) and records why, who and when. */
export function voidDocument(
  db: Db,
  id: string,
  version: number,
  reason: string,
  officeCode: string,
  userName: string,
): DocRow {
  const current = getDocumentRow(db, id);
  checkVersion(current, version, 'document', { live: true });
  if (current.status === 'voided') throw new AppError('CONFLICT', 'The document is already voided');
  const meta = bumpRecordMeta(current, officeCode, userName);
  const next: DocRow = {
    ...current,
    ...meta,
    status: 'voided',
    voidReason: reason,
    voidedBy: meta.updatedBy,
    voidedAt: meta.updatedAt,
  };
  orm(db).update(documents).set(next).where(eq(documents.id, id)).run();
  return next;
}

/**
 * Whether a reader with this clearance may see the entry's text. The rank, not the level, decides:
 * a declassified entry keeps its level for the record but its rank drops to that of ordinary ones.
 */
export function isRestricted(row: { levelRank: number }, clearance: Clearance): boolean {
  return row.levelRank > clearanceRank(clearance);
}

/** The entry as a reader sees it: above their clearance only its existence, number and level. */
export function toDocEntry(r: DocRow, clearance: Clearance): DocEntry {
  const base = {
    id: r.id,
    version: r.version,
    register: r.register as DocRegister,
    year: r.year,
    number: r.number,
    registeredAt: r.registeredAt,
    direction: r.direction as 'in' | 'out',
    level: r.level as Clearance,
    status: r.status as DocStatus,
    symbol: r.symbol,
  };
  const text = {
    type: r.type as DocType,
    documentDate: r.documentDate,
    sender: r.sender,
    recipients: JSON.parse(r.recipients) as string[],
    summary: r.summary,
    urgency: r.urgency as DocUrgency,
    copies: r.copies,
    pages: r.pages,
    handler: r.handler,
    deadline: r.deadline,
    notes: r.notes,
    voidReason: r.voidReason,
    voidedBy: r.voidedBy,
    voidedAt: r.voidedAt,
    signer: r.signer,
    processing: r.processing as DocProcessing,
    processedAt: r.processedAt,
    replyId: r.replyId,
    holder: r.holder,
    protectUntil: r.protectUntil,
    declassifiedAt: r.declassifiedAt,
  };
  if (!isRestricted(r, clearance)) return { ...base, restricted: false, ...text };
  const hidden = Object.fromEntries(Object.keys(text).map((k) => [k, null])) as {
    [K in keyof typeof text]: null;
  };
  return { ...base, restricted: true, ...hidden };
}

export type DocFilter = ParsedInputOf<'docs.list'>;

const ORDER: Record<DocFilter['sort'], string> = {
  newest: 'd.registered_at DESC, d.id DESC',
  oldest: 'd.registered_at ASC, d.id ASC',
  deadline: 'd.deadline IS NULL, d.deadline ASC, d.registered_at DESC',
};

/**
 * Filtered, searched list, newest first. A text search only looks at entries within the
 * reader's clearance, so hidden text can never make a restricted entry match.
 */
export function listDocuments(
  db: Db,
  f: DocFilter,
  clearance: Clearance,
  now: Date = new Date(),
): { items: DocEntry[]; total: number } {
  const words = foldedWords(f.query);
  const fts = words.length ? words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ') : null;
  const where = new Where('d.deleted = 0')
    .when(fts, 'k.n IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)')
    .when(fts, 'd.level_rank <= ?', clearanceRank(clearance))
    .when(f.year, 'd.year = ?')
    .when(f.direction, 'd.direction = ?')
    .when(f.level, 'd.level = ?')
    .when(f.urgency, 'd.urgency = ?')
    .when(f.status, 'd.status = ?')
    .when(f.processing, 'd.processing = ?')
    .when(f.handler ? `%${foldVietnamese(f.handler)}%` : null, 'fold(d.handler) LIKE ?')
    .when(
      f.overdue || null,
      "d.status = 'registered' AND d.processing != 'done' AND d.deadline IS NOT NULL AND d.deadline < ?",
      vnIsoDate(now),
    );
  const from = `FROM documents d JOIN document_search_keys k ON k.document_id = d.id ${where}`;
  const total = (stmt(db, `SELECT count(*) AS n ${from}`).get(...where.args) as { n: number }).n;
  const ids = stmt(db, `SELECT d.id ${from} ORDER BY ${ORDER[f.sort]} LIMIT ? OFFSET ?`).all(
    ...where.args,
    f.limit,
    f.offset,
  ) as { id: string }[];
  return { items: ids.map(({ id }) => toDocEntry(getDocumentRow(db, id), clearance)), total };
}

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
import { newRecordId } from '../db/recordId';
import { stmt, type Db } from '../db/open';
import { orm } from '../db/orm';
import { guardChange, insertRecord, recordTable, updateRecord, type Writer } from '../db/recordKernel';
import { indexSearch, sharedTable } from '../db/tablePolicy';
import { documents } from './schema';
import { likeLiteral, prefixMatch, Where } from '../db/where';
import { AppError } from '../errors';
import { readSettings } from '../db/settingsStore';
import { keysOf } from '../vault/sessionKeys';
import {
  DOC_TEXT,
  handlingKey,
  HANDLING_TEXT,
  openDoc,
  openGroup,
  openText,
  rebuildDocument,
  sealedMatch,
  storeDocText,
  storeText,
} from './sealing';

type DocRow = typeof documents.$inferSelect;
export type DocFields = ParsedInputOf<'docs.register'>;

/** How this office handles an entry: its own record (document_handling), not the entry's owner's. */
export interface Handling {
  processing: DocProcessing;
  processedAt: string | null;
  replyId: string | null;
  holder: string;
}
/** An entry as this office sees it: the owner's record joined with this office's handling of it. */
export type DocView = DocRow & Handling;

const NO_HANDLING: Handling = { processing: 'pending', processedAt: null, replyId: null, holder: '' };

export function registerOf(direction: 'in' | 'out', level: Clearance): DocRegister {
  return level === 'none' ? direction : direction === 'in' ? 'secret-in' : 'secret-out';
}

/**
 * Outgoing symbol per Nghị định 30/2020, numbers below 10 with a leading zero: a typed document
 * `05/KH-SKHCN` (the type's Appendix III abbreviation), a letter `08/SKHCN-VP` (the drafting unit).
 */
export function outgoingSymbol(number: number, type: DocType, officeCode: string, draftingUnit = ''): string {
  const n = String(number).padStart(2, '0');
  if (type === 'CV' || type === 'other') return `${n}/${officeCode}${draftingUnit ? `-${draftingUnit}` : ''}`;
  return `${n}/${type}-${officeCode}`;
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

/** Ordinary entries travel when chosen one by one; classified ones never leave (exchange rule). */
export const DOCUMENT_RECORDS = recordTable(
  documents,
  sharedTable('both', 'any', {
    rebuild: rebuildDocument,
    // Nothing sealed either: a declassified entry's text is back in clear before it may travel.
    recordTravels: (r) => r.level === 'none' && r.sealed === null,
    chosenOnly: true,
    // Newest first from the folded index, ordinary entries only (the rest never travel).
    findByWords: indexSearch(
      `SELECT d.id FROM documents_fts CROSS JOIN document_search_keys k ON k.n = documents_fts.rowid
         CROSS JOIN documents d ON d.id = k.document_id
        WHERE documents_fts MATCH ? AND d.deleted = 0 AND d.level = 'none' AND d.sealed IS NULL
        ORDER BY documents_fts.rowid DESC LIMIT ?`,
    ),
  }),
  'document',
);

/** The level fields of an entry, which decide how its handling's holder is kept. */
function levelOf(db: Db, documentId: string): { level: string; levelRank: number } {
  return (
    (stmt(db, 'SELECT level, level_rank AS levelRank FROM documents WHERE id = ?').get(documentId) as
      { level: string; levelRank: number } | undefined) ?? { level: 'none', levelRank: 0 }
  );
}

/** This office's handling of an entry (the defaults when it has none yet), its holder opened. */
export function getHandling(db: Db, documentId: string, office: string): Handling {
  const h = stmt(
    db,
    `SELECT processing, processed_at AS processedAt, reply_id AS replyId, holder, sealed
       FROM document_handling WHERE document_id = ? AND office = ?`,
  ).get(documentId, office) as (Handling & { sealed: Buffer | null }) | undefined;
  if (!h) return NO_HANDLING;
  const { sealed: _sealed, ...opened } = h.sealed
    ? openText(HANDLING_TEXT, levelOf(db, documentId), handlingKey(documentId, office), h, keysOf(db))
    : h;
  return opened;
}

/**
 * Records this office's handling of an entry (any entry, its own or one received); who holds a
 * classified entry is sealed with it.
 */
export function putHandling(
  db: Db,
  documentId: string,
  changes: Partial<Handling>,
  by: Writer,
  current: Handling = getHandling(db, documentId, by.office),
  doc: { level: string; levelRank: number } = levelOf(db, documentId),
): Handling {
  const next = { ...current, ...changes };
  const holder = storeText(
    HANDLING_TEXT,
    doc,
    handlingKey(documentId, by.office),
    { holder: next.holder },
    keysOf(db),
  );
  stmt(
    db,
    `INSERT INTO document_handling
        (document_id, office, processing, processed_at, reply_id, holder, sealed, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(document_id, office) DO UPDATE SET processing = excluded.processing,
         processed_at = excluded.processed_at, reply_id = excluded.reply_id, holder = excluded.holder,
         sealed = excluded.sealed, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(
    documentId,
    by.office,
    next.processing,
    next.processedAt,
    next.replyId,
    holder.holder,
    holder.sealed,
    by.now.toISOString(),
    `${by.office}/${by.user}`,
  );
  return next;
}

/** The entry, its text opened, joined with this office's handling of it: what readers are shown. */
export function docView(db: Db, row: DocRow, office: string): DocView {
  return { ...openDoc(db, row), ...getHandling(db, row.id, office) };
}

/**
 * Takes the next number of a book (the four registers, the transfer and the copy register) for a
 * year. Call inside the IMMEDIATE transaction that writes the row, so the number is gapless. Two
 * statements rather than one with RETURNING, which would make FTS5 write the transaction's
 * pending full-text rows out at every entry of a bulk write (recordKernel appendFeed).
 */
export function nextNumber(db: Db, book: DocRegister | 'transfer' | 'copy', year: number): number {
  stmt(
    db,
    `INSERT INTO document_counters (register, year, last_number) VALUES (?, ?, 1)
       ON CONFLICT(register, year) DO UPDATE SET last_number = last_number + 1`,
  ).run(book, year);
  return (
    stmt(db, 'SELECT last_number FROM document_counters WHERE register = ? AND year = ?').get(book, year) as {
      last_number: number;
    }
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
  by: Writer,
  protectionYears: Settings['protectionYears'],
  processing: DocProcessing = 'pending',
): DocView {
  const { register, year, number, registeredAt } = at;
  // The id first: a sealed entry's text is bound to its row.
  const id = newRecordId();
  const levelRank = clearanceRank(fields.level);
  const clear = {
    sender: fields.sender,
    recipients: JSON.stringify(fields.recipients),
    summary: fields.summary,
    handler: fields.handler,
    notes: fields.notes,
    signer: fields.signer,
    voidReason: null,
  };
  const text = storeDocText({ id, level: fields.level, levelRank }, clear, keysOf(db));
  const row = insertRecord(
    db,
    DOCUMENT_RECORDS,
    {
      register,
      year,
      number,
      registeredAt,
      direction: fields.direction,
      level: fields.level,
      levelRank,
      type: fields.type,
      symbol:
        fields.symbol ||
        (fields.direction === 'out'
          ? outgoingSymbol(number, fields.type, by.office, fields.draftingUnit)
          : ''),
      documentDate: fields.documentDate,
      senderContactId: fields.senderContactId,
      organizationId: fields.organizationId,
      senderConsent: fields.senderConsentToSummary,
      urgency: fields.urgency,
      copies: fields.copies,
      pages: fields.pages,
      deadline: fields.deadline,
      status: 'registered',
      voidedBy: null,
      voidedAt: null,
      ...text,
      protectUntil: protectUntil(fields.documentDate, fields.level, protectionYears),
      declassifiedAt: null,
    },
    by,
    { id },
  );
  // A new entry's handling is written only when it is not the default (pending, no holder): every
  // reader takes a missing row as that default, as for an entry received from another office.
  const handling =
    processing === NO_HANDLING.processing
      ? NO_HANDLING
      : putHandling(
          db,
          row.id,
          { processing, processedAt: processing === 'done' ? registeredAt : null },
          by,
          NO_HANDLING,
          { level: fields.level, levelRank },
        );
  // The text as given, not opened again from the row just sealed.
  return Object.assign({}, row, clear, handling);
}

/**
 * Registers one entry at the writer's time (`by.now`). The number comes from the (register, year)
 * counter inside the same IMMEDIATE transaction as the insert, so two connections can never take
 * the same number and a rolled-back insert gives its number back (gapless). Inside a caller's
 * transaction (the handler's, with its audit entry; a batch) it writes in that one, which a
 * failure rolls back whole: no savepoint of its own, since FTS5 writes its pending rows out at
 * every savepoint, a segment per entry in a batch.
 */
export function registerDocument(
  db: Db,
  fields: DocFields,
  by: Writer,
): { row: DocView; clockWarning: boolean } {
  checkSummaryRule(fields);
  const { protectionYears } = readSettings(db);
  const run = () => {
    const register = registerOf(fields.direction, fields.level);
    const year = vnYear(by.now);
    const number = nextNumber(db, register, year);
    const latest = stmt(db, 'SELECT max(registered_at) AS at FROM documents WHERE origin_office = ?').get(
      by.office,
    ) as { at: string | null };
    const registeredAt = by.now.toISOString();
    const row = insertDocument(db, fields, { register, year, number, registeredAt }, by, protectionYears);
    return { row, clockWarning: latest.at !== null && registeredAt < latest.at };
  };
  return db.inTransaction ? run() : db.transaction(run).immediate();
}

export function getDocumentRow(db: Db, id: string): DocRow {
  const row = orm(db).select().from(documents).where(eq(documents.id, id)).get();
  if (!row || row.deleted) throw new AppError('NOT_FOUND', `No document ${id}`);
  return row;
}

/** Voiding keeps the number (never reused) and records why, who and when. Only the entry's office voids it. */
export function voidDocument(db: Db, id: string, version: number, reason: string, by: Writer): DocView {
  const current = getDocumentRow(db, id);
  guardChange(DOCUMENT_RECORDS, current, by, version);
  // Voiding corrects a mistaken registration, so only a live entry (registered, not declassified)
  // may be voided. A recalled, destroyed or declassified one was closed by a recorded decision that
  // the yearly report counts; voiding it would drop it from the entries counted beside that decision.
  // A voided one is void already.
  if (current.status !== 'registered' || current.declassifiedAt)
    throw new AppError(
      'CONFLICT',
      `The entry is ${current.declassifiedAt ? 'declassified' : current.status}: it cannot be voided`,
    );
  // The reason is kept with the entry's text: sealed again with it for a classified entry.
  const opened = openDoc(db, current);
  const text = storeDocText(current, { ...pickText(opened), voidReason: reason }, keysOf(db));
  const next = updateRecord(
    db,
    DOCUMENT_RECORDS,
    current,
    {
      status: 'voided',
      ...text,
      voidedBy: `${by.office}/${by.user}`,
      voidedAt: by.now.toISOString(),
    },
    by,
    { expected: version },
  );
  return docView(db, next, by.office);
}

/** The text fields of an entry (DOC_TEXT), as given. */
export function pickText(row: DocRow): (typeof DOC_TEXT)['clear'] {
  const { sender, recipients, summary, handler, notes, signer, voidReason } = row;
  return { sender, recipients, summary, handler, notes, signer, voidReason };
}

/**
 * Whether a reader with this clearance may see the entry's text. The rank, not the level, decides:
 * a declassified entry keeps its level for the record but its rank drops to that of ordinary ones.
 */
export function isRestricted(row: { levelRank: number }, clearance: Clearance): boolean {
  return row.levelRank > clearanceRank(clearance);
}

/** What a reader is shown of an entry: the fields toDocEntry reads. */
type ShownRow = Pick<
  DocView,
  | 'id'
  | 'version'
  | 'register'
  | 'year'
  | 'number'
  | 'registeredAt'
  | 'direction'
  | 'level'
  | 'levelRank'
  | 'status'
  | 'symbol'
  | 'type'
  | 'documentDate'
  | 'sender'
  | 'recipients'
  | 'summary'
  | 'urgency'
  | 'copies'
  | 'pages'
  | 'handler'
  | 'deadline'
  | 'notes'
  | 'voidReason'
  | 'voidedBy'
  | 'voidedAt'
  | 'signer'
  | 'processing'
  | 'processedAt'
  | 'replyId'
  | 'holder'
  | 'protectUntil'
  | 'declassifiedAt'
>;

/**
 * The entry as a reader sees it: above their clearance only its existence, number and level.
 * `text` and `holder` are the entry's opened text when the row holds it sealed. One object
 * literal, without spreads: a list builds fifty of these per page and V8 builds a spread
 * followed by more fields one field at a time.
 */
export function toDocEntry(
  r: ShownRow,
  clearance: Clearance,
  text: (typeof DOC_TEXT)['clear'] = r,
  holder: string = r.holder,
): DocEntry {
  const shown = isRestricted(r, clearance) ? null : r;
  const t = shown && text;
  return {
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
    restricted: !shown,
    type: (shown?.type as DocType | undefined) ?? null,
    documentDate: shown?.documentDate ?? null,
    sender: t?.sender ?? null,
    recipients: t ? (JSON.parse(t.recipients) as string[]) : null,
    summary: t?.summary ?? null,
    urgency: (shown?.urgency as DocUrgency | undefined) ?? null,
    copies: shown?.copies ?? null,
    pages: shown?.pages ?? null,
    handler: t?.handler ?? null,
    deadline: shown?.deadline ?? null,
    notes: t?.notes ?? null,
    voidReason: t?.voidReason ?? null,
    voidedBy: shown?.voidedBy ?? null,
    voidedAt: shown?.voidedAt ?? null,
    signer: t?.signer ?? null,
    processing: (shown?.processing as DocProcessing | undefined) ?? null,
    processedAt: shown?.processedAt ?? null,
    replyId: shown?.replyId ?? null,
    holder: shown ? holder : null,
    protectUntil: shown?.protectUntil ?? null,
    declassifiedAt: shown?.declassifiedAt ?? null,
  };
}

export type DocFilter = ParsedInputOf<'docs.list'>;

/**
 * The deadline sort reads a restricted entry's deadline as absent (its `?` is the reader's rank),
 * so its place in the list says nothing about a deadline the reader may not see.
 */
const ORDER: Record<DocFilter['sort'], string> = {
  newest: 'd.registered_at DESC, d.id DESC',
  oldest: 'd.registered_at ASC, d.id ASC',
  deadline:
    'CASE WHEN d.level_rank <= ? THEN d.deadline END IS NULL, CASE WHEN d.level_rank <= ? THEN d.deadline END ASC, d.registered_at DESC, d.id DESC',
};

/**
 * A text search counts its matches up to this many and then says "more than" (the list shows
 * "hơn 1.000 kết quả"): counting every match of a common word reads thousands of entries.
 */
export const SEARCH_COUNT_CAP = 1000;

/**
 * The listed entries as the list reads them, with one statement: the fields shown (ShownRow),
 * named as toDocEntry reads them, and the sealed text and holder.
 */
const PAGE_ROWS = `SELECT d.id, d.version, d.register, d.year, d.number, d.registered_at AS registeredAt,
    d.direction, d.level, d.level_rank AS levelRank, d.status, d.symbol, d.type,
    d.document_date AS documentDate, d.sender, d.recipients, d.summary, d.urgency, d.copies, d.pages,
    d.handler, d.deadline, d.notes, d.void_reason AS voidReason, d.voided_by AS voidedBy,
    d.voided_at AS voidedAt, d.signer, d.protect_until AS protectUntil,
    d.declassified_at AS declassifiedAt, d.sealed,
    coalesce(h.processing, 'pending') AS processing, h.processed_at AS processedAt,
    h.reply_id AS replyId, coalesce(h.holder, '') AS holder, h.sealed AS holderSealed
  FROM documents d LEFT JOIN document_handling h ON h.document_id = d.id AND h.office = ?
  WHERE d.id IN (SELECT value FROM json_each(?))`;

type PageRow = ShownRow & { sealed: Buffer | null; holderSealed: Buffer | null };

/**
 * The listed entries, in the order of `ids`. Text above the reader's clearance is never shown,
 * so it is not opened: only a readable entry's sealed text and holder are decrypted.
 */
function listedEntries(db: Db, ids: string[], office: string, clearance: Clearance): DocEntry[] {
  const rows = stmt(db, PAGE_ROWS).all(office, JSON.stringify(ids)) as PageRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ring = keysOf(db);
  return ids.map((id) => {
    const r = byId.get(id) as PageRow;
    if (isRestricted(r, clearance)) return toDocEntry(r, clearance);
    const text = openGroup(DOC_TEXT, r, id, r, ring);
    const { holder } = openGroup(
      HANDLING_TEXT,
      r,
      handlingKey(id, office),
      { holder: r.holder, sealed: r.holderSealed },
      ring,
    );
    return toDocEntry(r, clearance, text, holder);
  });
}

/**
 * Filtered, searched list of this office's registers (entries it registered, not ones received
 * from other offices), newest first. A text search only looks at entries within the reader's
 * clearance, so hidden text can never make a restricted entry match.
 */
export function listDocuments(
  db: Db,
  f: DocFilter,
  clearance: Clearance,
  office: string,
  now: Date,
): { items: DocEntry[]; total: number; totalCapped: boolean } {
  const words = foldedWords(f.query);
  const fts = prefixMatch(words);
  // Classified entries are found by the keyed hashes of whole words, with the keys this reader holds.
  const sealed = fts ? sealedMatch(db, f.query, clearance) : null;
  const handlerSealed = f.handler ? sealedMatch(db, f.handler, clearance, true) : null;
  const handlerLike = `%${likeLiteral(foldVietnamese(f.handler ?? ''))}%`;
  const rank = clearanceRank(clearance);
  const hiddenFilter = Boolean(f.urgency || f.processing || f.handler || f.overdue);
  /** The filters, after the conditions the query starts with. */
  const filtered = (where: Where) =>
    where
      .when(office, 'd.origin_office = ?')
      // A filter on text or on a field hidden from this reader (toDocEntry) looks only at entries
      // within their clearance: a restricted entry matching it would reveal what the field holds.
      .when(fts || hiddenFilter || null, 'd.level_rank <= ?', rank)
      .when(f.year, 'd.year = ?')
      .when(f.direction, 'd.direction = ?')
      .when(f.level, 'd.level = ?')
      .when(f.urgency, 'd.urgency = ?')
      .when(f.status, 'd.status = ?')
      .when(f.processing, "coalesce(h.processing, 'pending') = ?")
      .when(f.handler && !handlerSealed ? handlerLike : null, "fold(d.handler) LIKE ? ESCAPE '\\'")
      .whenArgs(
        handlerSealed,
        `(fold(d.handler) LIKE ? ESCAPE '\\'
          OR k.n IN (SELECT rowid FROM documents_sealed_fts WHERE documents_sealed_fts MATCH ?))`,
        [handlerLike, handlerSealed],
      )
      .when(
        f.overdue || null,
        "d.status = 'registered' AND coalesce(h.processing, 'pending') != 'done' AND d.deadline IS NOT NULL AND d.deadline < ?",
        vnIsoDate(now),
      );
  // The handling join is needed only by its filters; without them the count reads the entries alone.
  const handling =
    f.processing || f.overdue
      ? 'LEFT JOIN document_handling h ON h.document_id = d.id AND h.office = d.origin_office'
      : '';
  const entries = (ids: string[]) => listedEntries(db, ids, office, clearance);
  if (fts && f.sort !== 'deadline') {
    const page = f.offset + f.limit;
    const indexes = [
      { index: 'documents_fts', match: fts },
      ...(sealed ? [{ index: 'documents_sealed_fts', match: sealed }] : []),
    ].map(({ index, match }) => {
      const where = filtered(new Where('d.deleted = 0').when(match, `${index} MATCH ?`));
      const from = `FROM ${index} CROSS JOIN document_search_keys k ON k.n = ${index}.rowid
           CROSS JOIN documents d ON d.id = k.document_id ${handling} ${where}`;
      return { index, from, args: where.args };
    });
    // The page: each index read from its newest (or oldest) match, in rowid order, which is the
    // order of registration (migration 005), joined to its entry for the filters, stopping at the
    // page; the two indexes' matches merged by key.
    const dir = f.sort === 'oldest' ? 'ASC' : 'DESC';
    const found = new Map<number, string>();
    const complete = indexes.map(({ index, from, args }) => {
      const got = stmt(db, `SELECT k.n, d.id ${from} ORDER BY ${index}.rowid ${dir} LIMIT ?`).all(
        ...args,
        page,
      ) as { n: number; id: string }[];
      for (const m of got) found.set(m.n, m.id);
      return got.length < page;
    });
    const keys = [...found.keys()].sort((a, b) => (dir === 'ASC' ? a - b : b - a));
    // The count, up to the cap, of the keys matched in either index: an index the page read
    // whole is counted already; another is read in its own ascending order, which FTS5 reads
    // faster than descending and which cannot change a count that stops at the cap. Once one
    // index alone passes the cap, the other is not read.
    const counted = new Set(found.keys());
    indexes.forEach(({ from, args }, i) => {
      if (complete[i] || counted.size > SEARCH_COUNT_CAP) return;
      const more = stmt(db, `SELECT k.n ${from} LIMIT ?`)
        .pluck()
        .all(...args, SEARCH_COUNT_CAP + 1);
      for (const n of more as number[]) counted.add(n);
    });
    return {
      items: entries(keys.slice(f.offset, page).map((n) => found.get(n) as string)),
      total: Math.min(counted.size, SEARCH_COUNT_CAP),
      totalCapped: counted.size > SEARCH_COUNT_CAP,
    };
  }
  const where = filtered(
    new Where('d.deleted = 0')
      .when(sealed ? null : fts, 'k.n IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)')
      .whenArgs(
        sealed,
        `(k.n IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)
          OR k.n IN (SELECT rowid FROM documents_sealed_fts WHERE documents_sealed_fts MATCH ?))`,
        [fts, sealed],
      ),
  );
  // The search keys are read only by a text condition; without one the count reads the entries alone.
  const join = fts
    ? 'document_search_keys k CROSS JOIN documents d ON k.document_id = d.id'
    : handlerSealed
      ? 'documents d JOIN document_search_keys k ON k.document_id = d.id'
      : 'documents d';
  const from = `FROM ${join} ${handling} ${where}`;
  const total = (stmt(db, `SELECT count(*) AS n ${from}`).get(...where.args) as { n: number }).n;
  const ids = stmt(db, `SELECT d.id ${from} ORDER BY ${ORDER[f.sort]} LIMIT ? OFFSET ?`).all(
    ...where.args,
    ...(f.sort === 'deadline' ? [rank, rank] : []),
    f.limit,
    f.offset,
  ) as { id: string }[];
  return { items: entries(ids.map((r) => r.id)), total, totalCapped: false };
}

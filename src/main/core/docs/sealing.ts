/**
 * Classified text at rest (README, "Keys and clearances"). The text of a classified entry (not
 * declassified) and of everything kept about it — transfers, copies, decisions, attachments (name,
 * digest and bytes), who holds it — is sealed under the key of the entry's level; the plain
 * columns are emptied. What an uncleared user sees (register, number, symbol, level, status, dates)
 * stays in clear. The search index of such an entry holds keyed hashes of its folded words, in
 * documents_sealed_fts; documents_fts keeps only its number and symbol.
 *
 * Rows are stored sealed and opened for reading: the record kernel reads and writes them as stored,
 * so an update never writes opened text back in clear.
 */
import { clearanceRank, type Clearance } from '../../../shared/contract';
import { foldVietnamese } from '../../../shared/text';
import { stmt, type Db } from '../db/open';
import { rowFromSql } from '../db/sqlRow';
import { AppError } from '../errors';
import type { SealedData } from '../vault/sealedValue';
import { LEVELS, levelsUpTo, type KeyRing, type LevelName } from '../vault/keyRing';
import {
  epochOf,
  openJson,
  openValue,
  sealJson,
  sealValue,
  searchTokens,
  tokenHash,
} from '../vault/sealedValue';
import { keysOf } from '../vault/sessionKeys';
import type { documents } from './schema';

type DocRow = typeof documents.$inferSelect;

/** The level whose key seals an entry's text: classified and not declassified; null when in clear. */
export function sealLevel(doc: { level: string; levelRank: number }): LevelName | null {
  return doc.levelRank > 0 && doc.level !== 'none' ? (doc.level as LevelName) : null;
}

/**
 * The ring to seal under, or null when the text stays in clear (an ordinary entry, or a vault whose
 * key file is not upgraded yet). A session without the level's key cannot write such text.
 */
function ringToSeal(ring: KeyRing | null, level: LevelName | null): KeyRing | null {
  if (!level) return null;
  if (!ring) throw new Error('No key ring is bound to this connection');
  if (ring.legacy) return null;
  if (!ring.has(level))
    throw new AppError('FORBIDDEN', `This session does not hold the key of the ${level} level`);
  return ring;
}

/** A group of text fields sealed together, with the values its plain columns keep when sealed. */
export interface TextGroup<T extends object> {
  table: string;
  group: string;
  clear: T;
}

export const DOC_TEXT: TextGroup<
  Pick<DocRow, 'sender' | 'recipients' | 'summary' | 'handler' | 'notes' | 'signer' | 'voidReason'>
> = {
  table: 'documents',
  group: 'text',
  clear: { sender: '', recipients: '[]', summary: '', handler: '', notes: '', signer: '', voidReason: null },
};
export const TRANSFER_TEXT = {
  table: 'document_transfers',
  group: 'text',
  clear: { toPerson: '', toUnit: '', purpose: '', returnNote: '' },
};
export const COPY_TEXT = {
  table: 'document_copies',
  group: 'text',
  clear: { authorisedBy: '', authorisationRef: '', recipient: '' },
};
export const DECISION_TEXT = {
  table: 'document_decisions',
  group: 'text',
  clear: { decisionRef: '', decidedBy: '', details: '{}' },
};
export const ATTACHMENT_TEXT = {
  table: 'document_attachments',
  group: 'meta',
  clear: { fileName: '', sha256: '' },
};
export const HANDLING_TEXT = { table: 'document_handling', group: 'holder', clear: { holder: '' } };

const pick = <T extends object>(g: TextGroup<T>, row: T): T =>
  Object.fromEntries(Object.keys(g.clear).map((k) => [k, row[k as keyof T]])) as T;

/** The columns to store for a group: sealed (plain columns emptied), or the text in clear. */
export function storeText<T extends object>(
  g: TextGroup<T>,
  doc: { level: string; levelRank: number },
  id: string,
  text: T,
  ring: KeyRing | null,
): T & { sealed: Buffer | null } {
  const level = sealLevel(doc);
  const r = ringToSeal(ring, level);
  if (!r || !level) return { ...pick(g, text), sealed: null };
  return { ...g.clear, sealed: sealJson(r, level, [g.table, id, g.group], pick(g, text)) };
}

/** A group's fields opened (as stored when in clear, or when this ring lacks the key). */
export function openGroup<T extends object>(
  g: TextGroup<T>,
  doc: { level: string },
  id: string,
  row: T & { sealed: Buffer | null },
  ring: KeyRing | null,
): T {
  if (!row.sealed || !ring || doc.level === 'none') return row;
  return openJson<T>(ring, doc.level as LevelName, [g.table, id, g.group], row.sealed) ?? row;
}

/** A row with its group opened (as stored when in clear, or when this ring lacks the key). */
export function openText<T extends object, R extends T & { sealed: Buffer | null }>(
  g: TextGroup<T>,
  doc: { level: string },
  id: string,
  row: R,
  ring: KeyRing | null,
): R {
  const text = openGroup(g, doc, id, row, ring);
  return (text as object) === row ? row : { ...row, ...text };
}

/** An entry's stored columns for its text, with the epoch that sealed it. */
export function storeDocText(
  doc: { id: string; level: string; levelRank: number },
  text: (typeof DOC_TEXT)['clear'],
  ring: KeyRing | null,
): (typeof DOC_TEXT)['clear'] & { sealed: Buffer | null; sealedEpoch: number | null } {
  const stored = storeText(DOC_TEXT, doc, doc.id, text, ring);
  if (stored.sealed) justSealed.set(stored.sealed, text);
  return { ...stored, sealedEpoch: stored.sealed ? epochOf(stored.sealed) : null };
}

/** An entry with its text opened for reading. */
export function openDoc<R extends DocRow>(db: Db, row: R, ring = keysOf(db)): R {
  return openText(DOC_TEXT, row, row.id, row, ring);
}

/** An attachment's bytes as stored: sealed for a classified entry. */
export function storeContent(
  doc: { level: string; levelRank: number },
  id: string,
  data: Buffer,
  ring: KeyRing | null,
): Buffer {
  const level = sealLevel(doc);
  const r = ringToSeal(ring, level);
  return r && level ? sealValue(r, level, [ATTACHMENT_TEXT.table, id, 'content'], data) : data;
}

/** An attachment's bytes opened (FORBIDDEN when sealed and this session lacks the key). */
export function openContent(
  doc: { level: string },
  att: { id: string; content: Buffer; sealed: Buffer | null },
  ring: KeyRing | null,
): Buffer {
  if (!att.sealed || att.content.length === 0) return att.content;
  const data = ring
    ? openValue(ring, doc.level as LevelName, [ATTACHMENT_TEXT.table, att.id, 'content'], att.content)
    : null;
  if (!data) throw new AppError('FORBIDDEN', `This session does not hold the key of the ${doc.level} level`);
  return data;
}

// Search.

type Searchable = Pick<DocRow, 'number' | 'symbol' | 'summary' | 'sender' | 'recipients' | 'notes'>;

/** The words of an entry as its search index keeps them. */
function bodyOf(row: Searchable): string {
  const recipients = JSON.parse(row.recipients) as string[];
  return [String(row.number), row.symbol, row.summary, row.sender, ...recipients, row.notes].join(' ');
}

const HANDLER = 'h:';

/** Each level key's word hashes already made, per key (a ring's keys are new Buffers at each sign-in). */
const hashed = new WeakMap<Buffer, Map<string, string>>();
/** Words kept per key: the register's vocabulary is a few thousand words, an import's far fewer. */
const HASHES_KEPT = 20_000;

/**
 * The keyed hash of a word, made once per key: indexing a classified entry hashes its every word
 * and a bulk write hashes the same words thousands of times (bench/results.md). The hashes stand
 * in the index already; the key they come from is in the same memory.
 */
function wordHash(key: Buffer, token: string): string {
  let known = hashed.get(key);
  if (!known) hashed.set(key, (known = new Map()));
  let h = known.get(token);
  if (h === undefined) {
    if (known.size >= HASHES_KEPT) known.clear();
    known.set(token, (h = tokenHash(key, token)));
  }
  return h;
}

/**
 * A new entry's search key: its registration millisecond × 1,024, then the next free place in
 * it; the next free key overall when that millisecond is full (migration 005). Chosen by a query
 * and written by a plain INSERT: an INSERT … SELECT or RETURNING would make FTS5 write its
 * pending rows out at each entry of a bulk write (nextNumber).
 */
function newSearchKey(db: Db, id: string, registeredAt: string): number {
  const { n } = stmt(
    db,
    `SELECT CASE WHEN last IS NULL THEN base WHEN last + 1 < base + 1024 THEN last + 1 END AS n
       FROM (SELECT base, (SELECT max(n) FROM document_search_keys WHERE n >= base AND n < base + 1024) AS last
               FROM (SELECT CAST(round((julianday(?) - 2440587.5) * 86400000) AS INTEGER) * 1024 AS base))`,
  ).get(registeredAt) as { n: number | null };
  const put = stmt(db, 'INSERT INTO document_search_keys (n, document_id) VALUES (?, ?)').run(n, id);
  return Number(put.lastInsertRowid);
}

/**
 * An entry's text as this process sealed it, by its sealed value: indexing the row just written
 * (a registration, a bulk import) needs no decryption of what was encrypted a moment before.
 */
const justSealed = new WeakMap<Buffer, (typeof DOC_TEXT)['clear']>();

type Indexed = Searchable &
  Pick<DocRow, 'id' | 'level' | 'handler' | 'sealed' | 'registeredAt'> & { deleted: number | boolean };

/** The record kernel's rebuild hook of entries: the row as written, or read back. */
export function rebuildDocument(db: Db, id: string, written?: Readonly<Record<string, unknown>>): void {
  indexDocument(db, id, keysOf(db), written as Indexed | undefined);
}

/**
 * Rebuilds an entry's search rows (none for a tombstone) after any write to it: its folded text in
 * documents_fts, or, sealed, only its number and symbol there and the keyed hashes of its words
 * (and of its handler's words, for the handler filter) in documents_sealed_fts.
 */
function indexDocument(db: Db, id: string, ring: KeyRing | null, written?: Indexed): void {
  const row =
    written ??
    (stmt(
      db,
      `SELECT id, deleted, level, number, symbol, summary, sender, recipients, notes, handler, sealed,
          registered_at AS registeredAt
         FROM documents WHERE id = ?`,
    ).get(id) as Indexed | undefined);
  if (!row) return;
  const known = stmt(db, 'SELECT n FROM document_search_keys WHERE document_id = ?').get(id) as
    { n: number } | undefined;
  // An entry indexed before has its rows replaced; a new one takes a key (newSearchKey).
  if (known) {
    stmt(db, 'DELETE FROM documents_fts WHERE rowid = ?').run(known.n);
    stmt(db, 'DELETE FROM documents_sealed_fts WHERE rowid = ?').run(known.n);
  }
  const n = known?.n ?? newSearchKey(db, id, row.registeredAt);
  if (row.deleted) return;
  if (!row.sealed) {
    stmt(db, 'INSERT INTO documents_fts (rowid, body) VALUES (?, ?)').run(n, foldVietnamese(bodyOf(row)));
    return;
  }
  stmt(db, 'INSERT INTO documents_fts (rowid, body) VALUES (?, ?)').run(
    n,
    foldVietnamese(`${row.number} ${row.symbol}`),
  );
  const level = row.level as LevelName;
  const key = ring?.get(level, epochOf(row.sealed));
  const text =
    key && ring
      ? (justSealed.get(row.sealed) ??
        openJson<(typeof DOC_TEXT)['clear']>(ring, level, ['documents', id, 'text'], row.sealed))
      : null;
  if (!key || !text) return; // unreadable here: found again once re-sealed by a key holder
  const hashes = new Set([
    ...searchTokens(bodyOf({ ...row, ...text })).map((t) => wordHash(key, t)),
    ...searchTokens(text.handler).map((t) => wordHash(key, HANDLER + t)),
  ]);
  stmt(db, 'INSERT INTO documents_sealed_fts (rowid, body) VALUES (?, ?)').run(n, [...hashes].join(' '));
}

/**
 * The sealed index's query for these words, with every key (and epoch) of the levels this reader
 * is cleared for: each word must match, under any of them. Exact words only (no prefix: a hash
 * has none). Null when the reader holds no level key or the query has no word.
 */
export function sealedMatch(db: Db, text: string, clearance: Clearance, handler = false): string | null {
  const ring = keysOf(db);
  const words = searchTokens(text);
  if (!ring || ring.legacy || words.length === 0) return null;
  const levels = levelsUpTo(clearance);
  const keys = ring.entries().filter((e) => (levels as string[]).includes(e.name));
  if (keys.length === 0) return null;
  return words
    .map((w) => `(${keys.map((k) => wordHash(k.key, (handler ? HANDLER : '') + w)).join(' OR ')})`)
    .join(' AND ');
}

// Sealing in bulk: the upgrade of a vault (rows in clear) and key rotation (rows under an old epoch).

/** Maps a `SELECT * FROM documents` row to the drizzle row shape. */
export function docFromSql(r: Record<string, unknown>): DocRow {
  return rowFromSql<DocRow>(r, ['deleted', 'senderConsent']);
}

type Child = { id: string; sealed: Buffer | null } & Record<string, unknown>;

/** A row's group opened, or an error when it is sealed and this ring cannot open it. */
function openStrict<T extends object>(
  g: TextGroup<T>,
  doc: { level: string },
  key: string,
  row: T & { sealed: Buffer | null },
  ring: KeyRing,
): T {
  if (!row.sealed) return pick(g, row);
  const text = openJson<T>(ring, doc.level as LevelName, [g.table, key, g.group], row.sealed);
  if (!text) throw new Error(`${g.table} ${key}: sealed text that this key ring does not open`);
  return text;
}

/** Re-stores one child row's group as its entry's level requires, under the ring's current epoch. */
function restoreChild<T extends object>(
  db: Db,
  g: TextGroup<T>,
  columns: Record<keyof T, string>,
  doc: DocRow,
  row: Child,
  ring: KeyRing,
  key: string,
  where: { sql: string; args: unknown[] },
): void {
  const asStored = Object.fromEntries(
    Object.entries(columns).map(([k, col]) => [k, row[col as string]]),
  ) as T;
  const text = openStrict(g, doc, key, { ...asStored, sealed: row.sealed }, ring);
  const stored = storeText(g, doc, key, text, ring);
  const sets = Object.values(columns).map((col) => `${col as string} = ?`);
  stmt(db, `UPDATE ${g.table} SET ${sets.join(', ')}, sealed = ? WHERE ${where.sql}`).run(
    ...Object.keys(columns).map((k) => stored[k as keyof T]),
    stored.sealed,
    ...where.args,
  );
}

const TRANSFER_COLUMNS = {
  toPerson: 'to_person',
  toUnit: 'to_unit',
  purpose: 'purpose',
  returnNote: 'return_note',
};
const COPY_COLUMNS = {
  authorisedBy: 'authorised_by',
  authorisationRef: 'authorisation_ref',
  recipient: 'recipient',
};
const DECISION_COLUMNS = { decisionRef: 'decision_ref', decidedBy: 'decided_by', details: 'details' };
const ATTACHMENT_COLUMNS = { fileName: 'file_name', sha256: 'sha256' };
const HANDLING_COLUMNS = { holder: 'holder' };

/** The key of a handling row's sealed holder: one per entry and office. */
export const handlingKey = (documentId: string, office: string) => `${documentId}|${office}`;

/**
 * Stores an entry and everything kept about it the way its level now requires: sealed under the
 * ring's current epoch (from clear, or from an older epoch), or in clear (declassified). Direct
 * writes: the records do not change, only how they are kept, so no version or change-feed entry.
 */
export function restoreEntry(db: Db, id: string, ring: KeyRing): void {
  const raw = stmt(db, 'SELECT * FROM documents WHERE id = ?').get(id) as Record<string, unknown>;
  const stored = docFromSql(raw);
  const doc = { ...stored, ...openStrict(DOC_TEXT, stored, id, stored, ring) };
  const text = storeDocText(doc, pick(DOC_TEXT, doc), ring);
  stmt(
    db,
    `UPDATE documents SET sender = ?, recipients = ?, summary = ?, handler = ?, notes = ?, signer = ?,
       void_reason = ?, sealed = ?, sealed_epoch = ? WHERE id = ?`,
  ).run(
    text.sender,
    text.recipients,
    text.summary,
    text.handler,
    text.notes,
    text.signer,
    text.voidReason,
    text.sealed,
    text.sealedEpoch,
    id,
  );
  const children = (table: string) =>
    stmt(db, `SELECT * FROM ${table} WHERE document_id = ?`).all(id) as Child[];
  const byId = (r: Child) => ({ sql: 'id = ?', args: [r.id] });
  for (const t of children('document_transfers'))
    restoreChild(db, TRANSFER_TEXT, TRANSFER_COLUMNS, doc, t, ring, t.id, byId(t));
  for (const c of children('document_copies'))
    restoreChild(db, COPY_TEXT, COPY_COLUMNS, doc, c, ring, c.id, byId(c));
  for (const d of children('document_decisions'))
    restoreChild(db, DECISION_TEXT, DECISION_COLUMNS, doc, d, ring, d.id, byId(d));
  for (const h of children('document_handling')) {
    const office = String(h.office);
    restoreChild(db, HANDLING_TEXT, HANDLING_COLUMNS, doc, h, ring, handlingKey(id, office), {
      sql: 'document_id = ? AND office = ?',
      args: [id, office],
    });
  }
  for (const a of children('document_attachments')) {
    restoreChild(db, ATTACHMENT_TEXT, ATTACHMENT_COLUMNS, doc, a, ring, a.id, byId(a));
    const content = a.content as Buffer;
    if (content.length === 0) continue;
    const bytes = openContent(doc, { id: a.id, content, sealed: a.sealed }, ring);
    stmt(db, 'UPDATE document_attachments SET content = ? WHERE id = ?').run(
      storeContent(doc, a.id, bytes, ring),
      a.id,
    );
  }
  indexDocument(db, id, ring);
}

/** Merges the search indexes' segments, so words deleted from them are gone from the file too. */
function compactIndexes(db: Db): void {
  db.exec("INSERT INTO documents_fts (documents_fts) VALUES ('optimize')");
  db.exec("INSERT INTO documents_sealed_fts (documents_sealed_fts) VALUES ('optimize')");
}

/** The docs module's sealed data, for the vault (module.ts SealedData). */
export const DOCS_SEALED: SealedData = {
  sealClear(db, ring) {
    let n = 0;
    for (const level of LEVELS) {
      if (!ring.has(level) || ring.legacy) continue;
      const ids = stmt(
        db,
        'SELECT id FROM documents WHERE level = ? AND level_rank > 0 AND sealed IS NULL',
      ).all(level) as { id: string }[];
      for (const { id } of ids) restoreEntry(db, id, ring);
      n += ids.length;
    }
    if (n > 0) compactIndexes(db);
    return n;
  },
  staleCount(db, level, epoch) {
    return (
      stmt(db, 'SELECT count(*) AS n FROM documents WHERE level = ? AND sealed_epoch < ?').get(
        level,
        epoch,
      ) as {
        n: number;
      }
    ).n;
  },
  reseal(db, ring, level, limit) {
    const cur = ring.current(level);
    if (!cur) return 0;
    const ids = stmt(db, 'SELECT id FROM documents WHERE level = ? AND sealed_epoch < ? LIMIT ?').all(
      level,
      cur.epoch,
      limit,
    ) as { id: string }[];
    for (const { id } of ids) restoreEntry(db, id, ring);
    if (ids.length < limit) compactIndexes(db);
    return ids.length;
  },
};

/** Whether a reader of this clearance may read an entry of this rank (the rank, not the level, decides). */
export const readable = (levelRank: number, clearance: Clearance) => levelRank <= clearanceRank(clearance);

// Rows read with SQL (snake_case columns), as the printed registers read them.

const DOC_COLUMNS = {
  sender: 'sender',
  recipients: 'recipients',
  summary: 'summary',
  handler: 'handler',
  notes: 'notes',
  signer: 'signer',
  voidReason: 'void_reason',
};

/** A SQL row's group opened: its snake_case columns replaced by the sealed values (if this ring opens them). */
function openSql<T extends object, R extends Record<string, unknown>>(
  g: TextGroup<T>,
  columns: Record<keyof T, string>,
  level: string,
  id: string,
  sealed: unknown,
  r: R,
  ring: KeyRing | null,
): R {
  if (!(sealed instanceof Buffer) || !ring || level === 'none') return r;
  const text = openJson<T>(ring, level as LevelName, [g.table, id, g.group], sealed);
  if (!text) return r;
  const out: Record<string, unknown> = { ...r };
  for (const [k, col] of Object.entries(columns)) out[col as string] = text[k as keyof T];
  return out as R;
}

/** An entry read with SQL (`id`, `level`, `sealed` and its text columns), its text opened. */
export function openDocSql<R extends Record<string, unknown>>(
  db: Db,
  r: R,
  at: { id: string; sealed: string } = { id: 'id', sealed: 'sealed' },
): R {
  return openSql(DOC_TEXT, DOC_COLUMNS, String(r.level), String(r[at.id]), r[at.sealed], r, keysOf(db));
}

/** A transfer, copy or decision read with SQL (its `id`, `sealed`, the entry's `level`), its text opened. */
export function openChildSql<R extends Record<string, unknown>>(
  db: Db,
  kind: 'transfer' | 'copy' | 'decision',
  r: R,
): R {
  const open = <T extends object>(text: TextGroup<T>, columns: Record<keyof T, string>) =>
    openSql(text, columns, String(r.level), String(r.id), r.sealed, r, keysOf(db));
  if (kind === 'transfer') return open(TRANSFER_TEXT, TRANSFER_COLUMNS);
  if (kind === 'copy') return open(COPY_TEXT, COPY_COLUMNS);
  return open(DECISION_TEXT, DECISION_COLUMNS);
}

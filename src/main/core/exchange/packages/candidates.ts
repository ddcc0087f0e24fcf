/**
 * The records that may be chosen for a package (the send form's picker): of every type that goes
 * from this office to each recipient (its level and `mayReceive`), the live records that may leave
 * (a classified registry entry never shows), whose title holds every folded word of the query (or,
 * for a table with a full-text index, whose indexed text holds each as a word prefix).
 * The same rules as sending a selection (send.ts), so what the picker offers is what will go.
 */
import { getTableName } from 'drizzle-orm';
import type { OutputOf } from '../../../../shared/contract';
import { compareVietnamese, foldedWords, foldVietnamese } from '../../../../shared/text';
import { stmt } from '../../db/open';
import { findRecord } from '../../db/recordKernel';
import { AppError } from '../../errors';
import { resolveRecipients, type RecipientTarget } from '../offices/directory';
import type { ExchangeEnv } from './env';
import type { RecordType } from '../../db/recordTypes';
import { peerOf, sendable, travels } from './send';

/** The column shown as a record's title: the first of these its table has (the id otherwise). */
const TITLE_COLUMNS = ['title', 'name', 'full_name', 'summary', 'description', 'text'];

function titleColumn(env: ExchangeEnv, type: RecordType): string | null {
  const cols = new Set(
    (env.db.pragma(`table_info("${getTableName(type.table.table)}")`) as { name: string }[]).map(
      (c) => c.name,
    ),
  );
  return TITLE_COLUMNS.find((c) => cols.has(c)) ?? null;
}

interface Listed {
  id: string;
  title: unknown;
  updatedAt: string;
}

/**
 * A type's live records matching the words: from the table's own full-text index when it has one
 * (up to `limit`), else read one by one, each title folded and checked, until the caller stops.
 */
function* listed(env: ExchangeEnv, type: RecordType, words: string[], limit: number): Generator<Listed> {
  const column = titleColumn(env, type);
  const fields = `rowid AS n, id, ${column ? `"${column}"` : 'id'} AS title, updated_at AS updatedAt`;
  const from = `FROM "${getTableName(type.table.table)}"`;
  const find = type.table.policy.findByWords;
  if (find && words.length > 0) {
    const one = stmt(env.db, `SELECT ${fields} ${from} WHERE id = ?`);
    for (const id of find(env.db, words, limit)) {
      const r = one.get(id) as Listed | undefined;
      if (r) yield r;
    }
    return;
  }
  // Pages by rowid (the caller reads each record between them, which an open iterator forbids).
  const page = stmt(
    env.db,
    `SELECT ${fields} ${from} WHERE deleted = 0 AND rowid > ? ORDER BY rowid LIMIT ${SCAN_PAGE}`,
  );
  for (let after = 0; ;) {
    const rows = page.all(after) as (Listed & { n: number })[];
    for (const r of rows) {
      const folded = foldVietnamese(String(r.title ?? r.id));
      if (words.every((w) => folded.includes(w))) yield r;
    }
    if (rows.length < SCAN_PAGE) return;
    after = rows[rows.length - 1]!.n;
  }
}

/** Rows read at once when a table without a full-text index is scanned. */
const SCAN_PAGE = 500;

export function packageCandidates(
  env: ExchangeEnv,
  input: { to: RecipientTarget; query: string; type?: string | undefined; limit: number },
): OutputOf<'exchange.packagesCandidates'> {
  const peers = resolveRecipients(env.db, input.to, env.now()).map((r) => peerOf(env, r.office));
  if (peers.length === 0)
    throw new AppError('VALIDATION', 'No office in the directory matches the recipients');
  if (input.type !== undefined && !env.types.byName.has(input.type))
    throw new AppError('VALIDATION', `Records of type ${input.type} do not travel`);
  const words = foldedWords(input.query);
  const types = [...env.types.byName.values()].filter(
    (t) => (input.type === undefined || t.name === input.type) && peers.every((p) => sendable(env, t, p)),
  );
  const items: OutputOf<'exchange.packagesCandidates'>['items'] = [];
  let truncated = false;
  for (const type of types) {
    for (const r of listed(env, type, words, input.limit + 1)) {
      const row = findRecord(env.db, type.table, r.id) as Record<string, unknown> | null;
      if (!row || !travels(env, type, row)) continue;
      if (items.length === input.limit) {
        truncated = true;
        break;
      }
      items.push({ type: type.name, id: r.id, title: String(r.title ?? r.id), updatedAt: r.updatedAt });
    }
  }
  items.sort((a, b) => a.type.localeCompare(b.type) || compareVietnamese(a.title, b.title));
  return { items, truncated };
}

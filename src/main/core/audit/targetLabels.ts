/**
 * What an audit entry is about, in words: "Sổ đến 2026 số 12 — 15/QĐ-UBND" for a document, a
 * contact's or organisation's name, a user's full name. Looked up for a page of entries with one
 * query per kind of target. A document is named only by what every clearance may read (register,
 * year, number, symbol), never by its summary.
 */
import type { AuditEntry } from '../../../shared/contract';
import type { Db } from '../db/open';

/** The registers as the printed books name them. */
export const REGISTER_LABELS_VI: Record<string, string> = {
  in: 'Sổ đến',
  out: 'Sổ đi',
  'secret-in': 'Sổ mật đến',
  'secret-out': 'Sổ mật đi',
  transfer: 'Sổ chuyển giao',
  copy: 'Sổ sao, chụp',
  overdue: 'Danh sách văn bản quá hạn',
};

interface DocRow {
  id: string;
  register: string;
  year: number;
  number: number;
  symbol: string;
}

/** "Sổ đến 2026 số 12 — 15/QĐ-UBND" (without the dash when the entry has no symbol). */
export function documentLabel(d: Omit<DocRow, 'id'>): string {
  const head = `${REGISTER_LABELS_VI[d.register] ?? d.register} ${d.year} số ${d.number}`;
  return d.symbol.trim() ? `${head} — ${d.symbol.trim()}` : head;
}

/** SQLite's bound-parameter limit is far above this; a page of the log is at most 1,000 entries. */
const CHUNK = 500;

export function lookup<R>(db: Db, sql: (placeholders: string) => string, ids: string[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    // Not cached: the number of placeholders differs from page to page.
    out.push(...(db.prepare(sql(part.map(() => '?').join(','))).all(...part) as R[]));
  }
  return out;
}

type Labeller = (db: Db, ids: string[]) => [string, string][];

const LABELLERS: Record<string, Labeller> = {
  document: (db, ids) =>
    lookup<DocRow>(
      db,
      (q) => `SELECT id, register, year, number, symbol FROM documents WHERE id IN (${q})`,
      ids,
    ).map((d) => [d.id, documentLabel(d)]),
  contact: (db, ids) =>
    lookup<{ id: string; name: string }>(
      db,
      (q) => `SELECT id, full_name AS name FROM contacts WHERE id IN (${q})`,
      ids,
    ).map((r) => [r.id, r.name]),
  organization: (db, ids) =>
    lookup<{ id: string; name: string }>(
      db,
      (q) => `SELECT id, name FROM organizations WHERE id IN (${q})`,
      ids,
    ).map((r) => [r.id, r.name]),
  user: (db, ids) =>
    lookup<{ id: string; name: string }>(
      db,
      (q) => `SELECT user_name AS id, full_name AS name FROM users WHERE user_name IN (${q})`,
      ids,
    ).map((r) => [r.id, r.name]),
  register: (_db, ids) =>
    ids.flatMap((id): [string, string][] => (REGISTER_LABELS_VI[id] ? [[id, REGISTER_LABELS_VI[id]]] : [])),
};

/** label per "type\u0000id" for the entries of one page (kinds without a labeller are left out). */
export function targetLabels(
  db: Db,
  entries: readonly Pick<AuditEntry, 'targetType' | 'targetId'>[],
): Map<string, string> {
  const byType = new Map<string, Set<string>>();
  for (const e of entries) {
    if (!LABELLERS[e.targetType] || !e.targetId) continue;
    let ids = byType.get(e.targetType);
    if (!ids) byType.set(e.targetType, (ids = new Set()));
    ids.add(e.targetId);
  }
  const labels = new Map<string, string>();
  for (const [type, ids] of byType)
    for (const [id, label] of LABELLERS[type]!(db, [...ids])) labels.set(`${type}\u0000${id}`, label);
  return labels;
}

/** The page with each entry's `label` (null when its target has none or no longer exists). */
export function withTargetLabels<E extends Pick<AuditEntry, 'targetType' | 'targetId'>>(
  db: Db,
  page: { items: E[]; total: number },
): { items: (E & { label: string | null })[]; total: number } {
  const labels = targetLabels(db, page.items);
  return {
    ...page,
    items: page.items.map((e) => ({ ...e, label: labels.get(`${e.targetType}\u0000${e.targetId}`) ?? null })),
  };
}

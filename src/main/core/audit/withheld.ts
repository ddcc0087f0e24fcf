/**
 * The details of an audit entry about a classified document are for readers cleared for its level
 * only: version 1 wrote a transfer's person, a copy's authority and a file's name into them, and
 * any entry about such a document tells something of it. Above the reader's clearance the entry is
 * listed (who, what, when, which entry) with its details withheld.
 *
 * The level needs no column of its own: an entry about a document names it (targetId), and a
 * document is never deleted (a tombstone keeps its rank); the rank, not the level, decides, so a
 * declassified document's entries are shown to all. An entry naming no document (a refused
 * registration into a secret register) carries its level in its details (ctx.deny). A column
 * filled from now on could not cover the entries already written: the log is append-only.
 */
import { CLEARANCES, clearanceRank, type AuditEntry, type Clearance } from '../../../shared/contract';
import type { Db } from '../db/open';
import { lookup } from './targetLabels';

const rankOfLevel = (level: unknown): number =>
  CLEARANCES.includes(level as Clearance) ? clearanceRank(level as Clearance) : 0;

/** The page with each entry's `withheld`, its details emptied where the reader is not cleared. */
export function withholdAbove<E extends AuditEntry>(
  db: Db,
  page: { items: E[]; total: number },
  clearance: Clearance,
): { items: (E & { withheld: boolean })[]; total: number } {
  const targets = [...new Set(page.items.map((e) => e.targetId).filter(Boolean))];
  const docRank = new Map(
    lookup<{ id: string; rank: number }>(
      db,
      (q) => `SELECT id, level_rank AS rank FROM documents WHERE id IN (${q})`,
      targets,
    ).map((d) => [d.id, d.rank]),
  );
  const cleared = clearanceRank(clearance);
  return {
    ...page,
    items: page.items.map((e) => {
      const rank = docRank.get(e.targetId) ?? rankOfLevel(e.details.level);
      return rank > cleared ? { ...e, details: {}, withheld: true } : { ...e, withheld: false };
    }),
  };
}

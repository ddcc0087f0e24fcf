import {
  clearanceRank,
  type Clearance,
  type DocEntry,
  type Settings,
  type YearReport,
} from '../../../shared/contract';
import { addDaysIso, addYearsIso, vnIsoDate } from '../../../shared/dates';
import { stmt, type Db } from '../db/open';
import { docView, getDocumentRow, toDocEntry } from './documentStore';

/**
 * This office's classified entries whose protection period ends within the horizon (or has
 * already ended). Like every registry query, it counts only entries this office registered. The
 * end of protection is hidden above the reader's clearance, so only entries they may read are
 * listed: asked with one horizon after another, a restricted entry would give its date away.
 */
export function expiringDocuments(
  db: Db,
  withinDays: number,
  clearance: Clearance,
  office: string,
  now: Date,
): DocEntry[] {
  const horizon = addDaysIso(vnIsoDate(now), withinDays);
  const ids = stmt(
    db,
    `SELECT id FROM documents
      WHERE deleted = 0 AND origin_office = ? AND protect_until IS NOT NULL AND protect_until <= ?
        AND declassified_at IS NULL AND status IN ('registered', 'recalled') AND level_rank <= ?
      ORDER BY protect_until, id`,
  ).all(office, horizon, clearanceRank(clearance)) as { id: string }[];
  return ids.map(({ id }) => toDocEntry(docView(db, getDocumentRow(db, id), office), clearance));
}

type Level = 'mat' | 'toi-mat' | 'tuyet-mat';
type LevelCounts = Record<Level, number>;

/** The report year ends the day before the configured start: 15/12/2025 – 14/12/2026 is "2026". */
export function reportPeriod(
  year: number,
  start: Settings['reportPeriodStart'],
): { from: string; to: string } {
  const startIso = `${year}-${String(start.month).padStart(2, '0')}-${String(start.day).padStart(2, '0')}`;
  return { from: addYearsIso(startIso, -1), to: addDaysIso(startIso, -1) };
}

/** UTC instant of 00:00 in Vietnam on a date, to compare with stored UTC timestamps. */
const vnMidnightUtc = (isoDate: string) => new Date(`${isoDate}T00:00:00+07:00`).toISOString();

function countByLevel(db: Db, sql: string, ...args: unknown[]): LevelCounts {
  const counts: LevelCounts = { mat: 0, 'toi-mat': 0, 'tuyet-mat': 0 };
  for (const r of stmt(db, sql).all(...args) as { level: string; n: number }[])
    if (r.level in counts) counts[r.level as Level] = r.n;
  return counts;
}

/**
 * Counts for the yearly report on protecting state secrets, by the level the entries were
 * registered at: this office's entries, copies and decisions only.
 */
export function yearReport(
  db: Db,
  year: number,
  start: Settings['reportPeriodStart'],
  office: string,
): YearReport {
  const { from, to } = reportPeriod(year, start);
  const fromUtc = vnMidnightUtc(from);
  const toUtc = vnMidnightUtc(addDaysIso(to, 1));
  const registered = (register: string) =>
    countByLevel(
      db,
      `SELECT level, count(*) AS n FROM documents
        WHERE deleted = 0 AND origin_office = ? AND status != 'voided' AND register = ?
          AND registered_at >= ? AND registered_at < ?
        GROUP BY level`,
      office,
      register,
      fromUtc,
      toUtc,
    );
  const decided = (kind: string) =>
    countByLevel(
      db,
      `SELECT d.level, count(*) AS n FROM document_decisions x JOIN documents d ON d.id = x.document_id
        WHERE x.deleted = 0 AND x.origin_office = ? AND d.origin_office = ? AND x.kind = ?
          AND x.decided_at BETWEEN ? AND ?
        GROUP BY d.level`,
      office,
      office,
      kind,
      from,
      to,
    );
  return {
    year,
    from,
    to,
    received: registered('secret-in'),
    sent: registered('secret-out'),
    copied: countByLevel(
      db,
      `SELECT d.level, count(*) AS n FROM document_copies c JOIN documents d ON d.id = c.document_id
        WHERE c.deleted = 0 AND c.origin_office = ? AND d.origin_office = ? AND c.made_at >= ? AND c.made_at < ?
        GROUP BY d.level`,
      office,
      office,
      fromUtc,
      toUtc,
    ),
    recalled: decided('recall'),
    declassified: decided('declassify'),
    destroyed: decided('destroy'),
  };
}

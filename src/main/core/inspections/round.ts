/**
 * A round's figures (an event's inspections): coverage, results per kind of unit, open findings
 * by severity, overdue remediation. Counted in SQL, so the report over a thousand inspections of
 * sixty items reads aggregates, not rows.
 */
import { type RoundOverview, UNIT_KINDS, type UnitKind } from '../../../shared/contract';
import { stmt, type Db } from '../db/open';

export interface OverdueAction {
  orgName: string;
  text: string;
  deadline: string;
  severity: string;
}
export interface OpenFinding {
  orgName: string;
  severity: 'low' | 'medium' | 'high';
  description: string;
  recommendation: string;
}

export interface RoundData extends RoundOverview {
  openFindings: OpenFinding[];
  overdue: OverdueAction[];
}

export function roundData(db: Db, eventId: string, today: string): RoundData {
  const cov = stmt(
    db,
    `SELECT count(*) AS planned,
            coalesce(sum(status IN ('done', 'closed')), 0) AS done,
            coalesce(sum(status = 'closed'), 0) AS closed
       FROM inspections WHERE event_id = ? AND deleted = 0 AND reinspection_of IS NULL`,
  ).get(eventId) as { planned: number; done: number; closed: number };
  const self = stmt(
    db,
    'SELECT count(DISTINCT org_id) AS n FROM self_inspections WHERE event_id = ? AND deleted = 0',
  ).get(eventId) as { n: number };
  const kinds = stmt(
    db,
    `SELECT i.unit_kind AS kind, count(DISTINCT i.id) AS inspections,
            coalesce(sum(json_array_length(i.items)), 0) AS items
       FROM inspections i WHERE i.event_id = ? AND i.deleted = 0 GROUP BY i.unit_kind`,
  ).all(eventId) as { kind: UnitKind; inspections: number; items: number }[];
  const results = stmt(
    db,
    `SELECT i.unit_kind AS kind, r.result AS result, count(*) AS n
       FROM inspection_results r JOIN inspections i ON i.id = r.inspection_id
       WHERE i.event_id = ? AND i.deleted = 0 AND r.deleted = 0 GROUP BY i.unit_kind, r.result`,
  ).all(eventId) as { kind: UnitKind; result: string; n: number }[];
  const count = (kind: UnitKind, result: string) =>
    results.find((r) => r.kind === kind && r.result === result)?.n ?? 0;
  const byKind = UNIT_KINDS.flatMap((kind) => {
    const k = kinds.find((x) => x.kind === kind);
    return k
      ? [
          {
            unitKind: kind,
            inspections: k.inspections,
            items: k.items,
            passed: count(kind, 'dat'),
            failed: count(kind, 'khong-dat'),
            notApplicable: count(kind, 'khong-ap-dung'),
          },
        ]
      : [];
  });
  const openFindings = stmt(
    db,
    `SELECT o.name AS orgName, f.severity, f.description, f.recommendation
       FROM inspection_findings f JOIN inspections i ON i.id = f.inspection_id
       LEFT JOIN organizations o ON o.id = i.org_id
       WHERE i.event_id = ? AND i.deleted = 0 AND f.deleted = 0 AND f.status = 'open'
       ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, o.name, f.id`,
  ).all(eventId) as OpenFinding[];
  const overdue = stmt(
    db,
    `SELECT o.name AS orgName, a.text, a.deadline, f.severity
       FROM inspection_actions a JOIN inspection_findings f ON f.id = a.finding_id
       JOIN inspections i ON i.id = f.inspection_id LEFT JOIN organizations o ON o.id = i.org_id
       WHERE i.event_id = ? AND i.deleted = 0 AND f.deleted = 0 AND a.deleted = 0 AND a.done = 0
         AND a.deadline < ? ORDER BY a.deadline, o.name`,
  ).all(eventId, today) as OverdueAction[];
  const sev = (s: OpenFinding['severity']) => openFindings.filter((f) => f.severity === s).length;
  return {
    ...cov,
    selfInspected: self.n,
    openBySeverity: { low: sev('low'), medium: sev('medium'), high: sev('high') },
    overdueActions: overdue.length,
    byKind,
    openFindings,
    overdue,
  };
}

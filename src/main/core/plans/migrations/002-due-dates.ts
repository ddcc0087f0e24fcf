import type { Migration } from '../../module';
import { fillTaskDues } from '../dueIndex';

// Lists and the overview recomputed every task's due dates on each read (~350 ms for an event of
// 5,000 tasks): each live task's due dates and state are now stored, derived and rebuilt with the
// records (plans/dueIndex.ts), and the tasks already stored are filled in. The state is kept in
// event order (an event's overview reads its rows together) with the searched text apart, and the
// reports' task index covers who reported in which period (no row read to count them).
export default {
  step: 2,
  sql: `
  CREATE TABLE plan_task_state (
    task_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    lead_org_id TEXT,
    recurring INTEGER NOT NULL,
    status TEXT NOT NULL,
    percent INTEGER NOT NULL,
    first_due TEXT,
    last_due TEXT,
    event_start TEXT NOT NULL,
    calendar TEXT NOT NULL,
    last_report TEXT,
    PRIMARY KEY (event_id, task_id)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX plan_task_state_task ON plan_task_state(task_id);
  CREATE INDEX plan_task_state_plan ON plan_task_state(plan_id, ordinal);
  CREATE TABLE plan_task_text (
    task_id TEXT PRIMARY KEY NOT NULL,
    folded TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE plan_task_dues (
    task_id TEXT NOT NULL,
    due TEXT NOT NULL,
    period TEXT NOT NULL,
    reported INTEGER NOT NULL,
    PRIMARY KEY (task_id, due)
  ) WITHOUT ROWID;
  CREATE TABLE plan_task_orgs (
    org_id TEXT NOT NULL,
    task_id TEXT NOT NULL,
    PRIMARY KEY (task_id, org_id)
  ) WITHOUT ROWID;
  CREATE INDEX plan_task_orgs_org ON plan_task_orgs(org_id);
  DROP INDEX plan_progress_task;
  CREATE INDEX plan_progress_task ON plan_progress(task_id, period, deleted, org_id);
  `,
  fill: fillTaskDues,
} satisfies Migration;

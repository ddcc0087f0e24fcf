import { SHARED_RECORD_SQL } from '../../db/sharedRecord';
import type { Migration } from '../../module';

// Events, plans, their tasks and the units' progress reports (all shared records).
export default {
  step: 1,
  sql: `
  CREATE TABLE plan_events (${SHARED_RECORD_SQL},
    name TEXT NOT NULL,
    key_day TEXT NOT NULL,
    phases TEXT NOT NULL,
    notes TEXT NOT NULL
  );
  CREATE TABLE plans (${SHARED_RECORD_SQL},
    event_id TEXT NOT NULL REFERENCES plan_events(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'issued')),
    template_key TEXT,
    registry_entry_id TEXT REFERENCES documents(id),
    title TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX plans_event ON plans(event_id);
  CREATE TABLE plan_tasks (${SHARED_RECORD_SQL},
    plan_id TEXT NOT NULL REFERENCES plans(id),
    ordinal INTEGER NOT NULL,
    code TEXT NOT NULL,
    section TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    sub_items TEXT NOT NULL,
    lead_org_id TEXT REFERENCES organizations(id),
    lead_text TEXT NOT NULL,
    coordinating_org_ids TEXT NOT NULL,
    coordinating_text TEXT NOT NULL,
    responsible_contact_id TEXT REFERENCES contacts(id),
    deadline TEXT NOT NULL,
    deadline_text TEXT NOT NULL,
    first_due TEXT,
    last_due TEXT,
    product TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('todo', 'in-progress', 'done', 'cancelled')),
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    notes TEXT NOT NULL
  );
  CREATE INDEX plan_tasks_plan ON plan_tasks(plan_id, ordinal);
  CREATE INDEX plan_tasks_lead ON plan_tasks(lead_org_id);
  CREATE INDEX plan_tasks_due ON plan_tasks(last_due);
  CREATE TABLE plan_progress (${SHARED_RECORD_SQL},
    task_id TEXT NOT NULL REFERENCES plan_tasks(id),
    org_id TEXT NOT NULL REFERENCES organizations(id),
    period TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('todo', 'in-progress', 'done', 'cancelled')),
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    text TEXT NOT NULL,
    evidence_entry_ids TEXT NOT NULL,
    entered_by TEXT NOT NULL
  );
  CREATE INDEX plan_progress_task ON plan_progress(task_id, period);
  CREATE INDEX plan_progress_org ON plan_progress(org_id, period);
  `,
} satisfies Migration;

import { SHARED_RECORD_SQL } from '../../db/sharedRecord';
import type { Migration } from '../../module';

// Checklists, inspections with their results, findings, remediation and files, self-inspection reports.
export default {
  step: 1,
  sql: `
  CREATE TABLE inspection_checklists (${SHARED_RECORD_SQL},
    name TEXT NOT NULL,
    unit_kind TEXT NOT NULL CHECK (unit_kind IN ('telecom', 'postal', 'radio', 'commune')),
    based_on TEXT NOT NULL,
    edition INTEGER NOT NULL,
    items TEXT NOT NULL,
    copied_from TEXT NOT NULL
  );
  CREATE TABLE inspections (${SHARED_RECORD_SQL},
    event_id TEXT NOT NULL REFERENCES plan_events(id),
    org_id TEXT NOT NULL REFERENCES organizations(id),
    unit_kind TEXT NOT NULL CHECK (unit_kind IN ('telecom', 'postal', 'radio', 'commune')),
    checklist_ref TEXT NOT NULL,
    checklist_name TEXT NOT NULL,
    items TEXT NOT NULL,
    date TEXT NOT NULL,
    place TEXT NOT NULL,
    team_contact_ids TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'done', 'closed')),
    reinspection_of TEXT REFERENCES inspections(id)
  );
  CREATE INDEX inspections_event ON inspections(event_id, date);
  CREATE INDEX inspections_org ON inspections(org_id);
  CREATE TABLE inspection_results (${SHARED_RECORD_SQL},
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    item_no INTEGER NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('dat', 'khong-dat', 'khong-ap-dung')),
    notes TEXT NOT NULL
  );
  CREATE UNIQUE INDEX inspection_results_item ON inspection_results(inspection_id, item_no);
  CREATE TABLE inspection_findings (${SHARED_RECORD_SQL},
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    item_no INTEGER,
    severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
    description TEXT NOT NULL,
    recommendation TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'accepted')),
    status_note TEXT NOT NULL
  );
  CREATE INDEX inspection_findings_inspection ON inspection_findings(inspection_id);
  CREATE TABLE inspection_actions (${SHARED_RECORD_SQL},
    finding_id TEXT NOT NULL REFERENCES inspection_findings(id),
    text TEXT NOT NULL,
    owner_org_id TEXT REFERENCES organizations(id),
    owner_contact_id TEXT REFERENCES contacts(id),
    deadline TEXT NOT NULL,
    done INTEGER NOT NULL CHECK (done IN (0, 1)),
    task_id TEXT REFERENCES plan_tasks(id)
  );
  CREATE INDEX inspection_actions_finding ON inspection_actions(finding_id);
  CREATE INDEX inspection_actions_deadline ON inspection_actions(deadline);
  CREATE TABLE inspection_files (${SHARED_RECORD_SQL},
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    item_no INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL
  );
  CREATE INDEX inspection_files_inspection ON inspection_files(inspection_id);
  CREATE TABLE self_inspections (${SHARED_RECORD_SQL},
    event_id TEXT NOT NULL REFERENCES plan_events(id),
    org_id TEXT NOT NULL REFERENCES organizations(id),
    checklist_ref TEXT NOT NULL,
    reported_on TEXT NOT NULL,
    answers TEXT NOT NULL
  );
  CREATE INDEX self_inspections_event ON self_inspections(event_id, org_id);
  `,
} satisfies Migration;

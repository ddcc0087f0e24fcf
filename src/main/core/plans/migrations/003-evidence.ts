import { SHARED_RECORD_SQL } from '../../db/sharedRecord';
import type { Migration } from '../../module';

// Evidence files on tasks and progress reports, kept in the encrypted database as the registry's
// attachments are.
export default {
  step: 3,
  sql: `
  CREATE TABLE plan_evidence (${SHARED_RECORD_SQL},
    task_id TEXT NOT NULL REFERENCES plan_tasks(id),
    progress_id TEXT REFERENCES plan_progress(id),
    file_name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL
  );
  CREATE INDEX plan_evidence_task ON plan_evidence(task_id);
  `,
} satisfies Migration;

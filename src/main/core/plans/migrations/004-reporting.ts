import type { Migration } from '../../module';
import { fillTaskDues } from '../dueIndex';

// The plan's reporting schedule (contract ReportingSchedule): every plan so far reported weekly
// on Monday, as seed 001 asks. The stored task state now follows its plan's schedule and its
// calendar key names the schedule (a change rebuilds it), so every task is rebuilt once.
export default {
  step: 4,
  sql: `ALTER TABLE plans ADD COLUMN reporting TEXT NOT NULL DEFAULT '{"kind":"weekly","weekday":1}';`,
  fill: fillTaskDues,
} satisfies Migration;

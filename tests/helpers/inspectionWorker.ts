/**
 * An inspector filling in a checklist in its own OS process (run with tsx; one JSON argument):
 * unlocks as admin and records items 1…count of the inspection, one committed write each,
 * `pauseMs` apart, printing `{"event":"saved","no":N}` after each. The test kills it mid-way.
 */
import { Core } from '../../src/main/core/app';

const spec = JSON.parse(process.argv[2] ?? '{}') as {
  dataDir: string;
  password: string;
  inspectionId: string;
  count: number;
  pauseMs: number;
};
const core = Core.open({ dataDir: spec.dataDir });
const must = async (channel: string, input: unknown) => {
  const r = await core.invoke(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
};
await must('vault.unlock', { userName: 'admin', password: spec.password });
for (let no = 1; no <= spec.count; no++) {
  await must('inspections.record', {
    inspectionId: spec.inspectionId,
    itemNo: no,
    result: 'dat',
    notes: `mục ${no}`,
  });
  process.stdout.write(`${JSON.stringify({ event: 'saved', no })}\n`);
  await new Promise((r) => setTimeout(r, spec.pauseMs));
}
process.stdout.write(`${JSON.stringify({ event: 'finished' })}\n`);

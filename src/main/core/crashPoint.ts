import { writeSync } from 'node:fs';
import type { Db } from './db/open';

/**
 * Test-only: `TTLL_TEST_CRASH_AT=<point>` kills the process at that point (SIGKILL, no cleanup), so
 * a test shows that a crash there leaves the data as before or as after. It first writes on stderr
 * whether a write transaction was open, so the test knows the kill landed inside one (a kill before
 * any write proves nothing).
 */
export function crashPoint(point: string, db?: Db): void {
  if (process.env.TTLL_TEST_CRASH_AT !== point) return;
  const where = db?.inTransaction ? 'inside a write transaction' : 'outside any transaction';
  writeSync(2, `crash point ${point}: ${where}\n`);
  process.kill(process.pid, 'SIGKILL');
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vnYear } from '../../src/shared/dates';
import type { WorkerCall } from '../helpers/registerWorker';
import { ADMIN_PASSWORD, call, setupCore, tempDir } from '../helpers/core';
import { startWorker } from '../helpers/workers';

const PROCESSES = 4;
const EACH = 25;
const HOLD_MS = 1000;
const PACE_MS = 10;

describe('document numbering across OS processes', () => {
  it(`${PROCESSES} processes × ${EACH} registrations at once give 1..${PROCESSES * EACH}, no gap or duplicate`, async () => {
    const { core, dataDir } = await setupCore();
    const barriers = tempDir('ttll-barrier-');
    // All unlock, then poll a barrier file. The test opens process 0's; process 0 opens the
    // write transaction of its first registration, opens the others' barrier and keeps the
    // transaction HOLD_MS: the others start at once and their first registrations must wait on
    // SQLite's busy timeout. Each process pauses PACE_MS between registrations (outside any
    // transaction), as people at desks do; without it SQLite's busy handler, which sleeps and
    // retries, lets one process take turn after turn and the runs barely interleave.
    const workers = Array.from({ length: PROCESSES }, (_, i) =>
      startWorker({
        mode: 'register',
        dataDir,
        password: ADMIN_PASSWORD,
        count: EACH,
        paceMs: PACE_MS,
        ...(i === 0
          ? {
              barrier: join(barriers, 'first'),
              holdAt: 0,
              holdMs: HOLD_MS,
              release: join(barriers, 'others'),
            }
          : { barrier: join(barriers, 'others') }),
      }),
    );
    await Promise.all(workers.map((w) => w.next('ready')));
    writeFileSync(join(barriers, 'first'), '');
    const results = await Promise.all(workers.map((w) => w.next('result')));
    for (const w of workers) expect(await w.exited, w.stderr()).toBe(0);
    const runs = results.map((r) => ({ pid: r.pid as number, calls: r.calls as WorkerCall[] }));

    // Gapless and unique, as the processes saw it and as stored.
    const all = runs.flatMap((r) => r.calls.map((c) => ({ ...c, pid: r.pid })));
    const numbers = all.map((c) => c.number).sort((a, b) => a - b);
    const expected = Array.from({ length: PROCESSES * EACH }, (_, i) => i + 1);
    expect(numbers).toEqual(expected);
    const { db } = core.vault.current();
    const stored = db
      .prepare("SELECT number FROM documents WHERE register = 'in' AND year = ? ORDER BY number")
      .pluck()
      .all(vnYear(new Date()));
    expect(stored).toEqual(expected);
    expect((await call(core, 'audit.list', { action: 'docs.register' })).total).toBe(PROCESSES * EACH);
    expect((await call(core, 'audit.verify', {})).ok).toBe(true);

    // The processes really ran at the same time: their runs overlap, and in number order the
    // registering process changes far more often than the PROCESSES - 1 times of one-after-another.
    const spans = runs.map((r) => ({
      from: Math.min(...r.calls.map((c) => c.start)),
      to: Math.max(...r.calls.map((c) => c.end)),
    }));
    expect(Math.max(...spans.map((s) => s.from))).toBeLessThan(Math.min(...spans.map((s) => s.to)));
    const byNumber = [...all].sort((a, b) => a.number - b.number);
    const switches = byNumber.filter((c, i) => i > 0 && c.pid !== byNumber[i - 1]!.pid).length;
    expect(switches).toBeGreaterThan(3 * (PROCESSES - 1));

    // Contention: every other process's first registration began while process 0 held its write
    // transaction, waited for it (SQLite busy timeout) and completed only after its commit.
    const held = runs[0]!.calls[0]!;
    const CLOCKS = 5; // ms of slack between the processes' clocks
    expect(held.end - held.heldFrom!).toBeGreaterThanOrEqual(HOLD_MS - CLOCKS);
    const blocked = runs.slice(1).map((r) => r.calls[0]!);
    for (const c of blocked) {
      expect(c.start).toBeGreaterThanOrEqual(held.heldFrom! - CLOCKS);
      expect(c.start).toBeLessThan(held.end - HOLD_MS / 2);
      expect(c.end).toBeGreaterThanOrEqual(held.end - CLOCKS);
    }

    const ms = (x: number) => x.toFixed(0);
    const wall = Math.max(...spans.map((s) => s.to)) - Math.min(...spans.map((s) => s.from));
    // Beyond the held transaction: the ordinary busy waits of four processes sharing one lock.
    const first = new Set([held, ...blocked].map((c) => c.number));
    const later = (calls: WorkerCall[]) => calls.filter((c) => !first.has(c.number));
    const waits = later(all).filter((c) => c.end - c.start > 50);
    const longest = runs.map((r) => Math.max(...later(r.calls).map((c) => c.end - c.start)));
    console.log(
      `numbering across processes: ${PROCESSES}×${EACH} in ${ms(wall)} ms; process changes in number ` +
        `order: ${switches}; first calls blocked by the ${HOLD_MS} ms held transaction (ms): ` +
        `${blocked.map((c) => ms(c.end - c.start)).join(', ')}; later calls waiting > 50 ms: ` +
        `${waits.length}; longest later call per process (ms): ${longest.map(ms).join(', ')}`,
    );
  });
});

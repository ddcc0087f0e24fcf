/**
 * A separate OS process on a shared data folder, for the concurrency tests (run with tsx; the
 * spec is one JSON argument, see WorkerSpec). It unlocks as admin, prints `ready`, waits for the
 * barrier file if one is named, then either
 * - `register`: registers `count` ordinary incoming documents through the core's handler, and
 *   prints one `result` line: each number given with the wall-clock start and end of its call
 *   (optionally keeping the write transaction of registration `holdAt` open for `holdMs`, and
 *   creating the file `release` once it is open), or
 * - `hold`: opens a write transaction (BEGIN IMMEDIATE), prints `holding`, keeps it `holdMs`,
 *   commits and prints `released`. With `plainFile` it does so on that unencrypted SQLite file
 *   instead of the vault, applying the schema migrations inside the held transaction (another
 *   copy of the app upgrading the schema at the same moment).
 */
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Core } from '../../src/main/core/app';
import { applyMigrations } from '../../src/main/core/db/migrations';
import { buildRegistry } from '../../src/main/core/moduleRegistry';
import { MODULES } from '../../src/main/core/modules';

export interface WorkerSpec {
  mode: 'register' | 'hold';
  dataDir: string;
  password: string;
  barrier?: string;
  count?: number;
  holdMs?: number;
  /** register mode: the registration whose transaction is kept open `holdMs` (none if absent). */
  holdAt?: number;
  /** register mode: a file created once the held transaction is open (the others' barrier). */
  release?: string;
  /** register mode: pause between registrations (outside any transaction), as a person typing would. */
  paceMs?: number;
  /** hold mode: an unencrypted SQLite file to migrate while holding, instead of the vault. */
  plainFile?: string;
}

export interface WorkerCall {
  number: number;
  start: number;
  end: number;
  /** The held registration: when its write transaction was open from (it was committed at `end`). */
  heldFrom?: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as WorkerSpec;
const now = () => performance.timeOrigin + performance.now();
/** Blocks the whole process, as a long synchronous write would. */
const blockFor = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

function holdPlain(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  say({ event: 'ready', pid: process.pid });
  db.exec('BEGIN IMMEDIATE');
  applyMigrations(db, buildRegistry(MODULES).steps);
  say({ event: 'holding', at: now() });
  blockFor(spec.holdMs ?? 0);
  db.exec('COMMIT');
  say({ event: 'released', at: now() });
  db.close();
}

async function main(): Promise<void> {
  if (spec.plainFile) return holdPlain(spec.plainFile);
  const core = Core.open({ dataDir: spec.dataDir, kdfTargetMs: 50 });
  const login = await core.invoke('vault.unlock', { userName: 'admin', password: spec.password });
  if (!login.ok) throw new Error(`unlock: ${login.error.code} ${login.error.message}`);
  const { db } = core.vault.current();
  say({ event: 'ready', pid: process.pid });
  if (spec.barrier) while (!existsSync(spec.barrier)) await new Promise((r) => setTimeout(r, 1));

  if (spec.mode === 'hold') {
    db.exec('BEGIN IMMEDIATE');
    say({ event: 'holding', at: now() });
    blockFor(spec.holdMs ?? 0);
    db.exec('COMMIT');
    say({ event: 'released', at: now() });
  } else {
    const calls: WorkerCall[] = [];
    for (let i = 0; i < (spec.count ?? 0); i++) {
      const held = i === spec.holdAt;
      const start = now();
      if (held) db.exec('BEGIN IMMEDIATE');
      const heldFrom = held ? now() : undefined;
      const r = await core.invoke('docs.register', {
        direction: 'in',
        type: 'CV',
        symbol: `${i + 1}/UBND-VP`,
        documentDate: '2026-03-02',
        sender: `tiến trình ${process.pid}`,
        summary: 'Đăng ký đồng thời',
      });
      if (held) {
        if (spec.release) writeFileSync(spec.release, '');
        blockFor(spec.holdMs ?? 0);
        db.exec('COMMIT');
      }
      if (!r.ok) throw new Error(`register ${i}: ${r.error.code} ${r.error.message}`);
      const number = (r.data as { entry: { number: number } }).entry.number;
      calls.push({ number, start, end: now(), ...(heldFrom ? { heldFrom } : {}) });
      if (spec.paceMs) await new Promise((resolve) => setTimeout(resolve, spec.paceMs));
    }
    say({ event: 'result', pid: process.pid, calls });
  }
  core.close();
}

main().catch((e: unknown) => {
  console.error(`worker ${process.pid}: ${(e as Error).message}`);
  process.exit(1);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { TSX } from './cli';
import type { WorkerSpec } from './registerWorker';

const SCRIPT = join(process.cwd(), 'tests', 'helpers', 'registerWorker.ts');

export interface Worker {
  child: ChildProcess;
  /** Resolves with the first JSON line whose `event` is the one named (rejects if the process fails first). */
  next(event: string): Promise<Record<string, unknown>>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stderr(): string;
}

/** Starts tests/helpers/registerWorker.ts in its own OS process. */
export function startWorker(spec: WorkerSpec): Worker {
  const child = spawn(TSX, [SCRIPT, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  const waiting: { event: string; resolve: (v: Record<string, unknown>) => void }[] = [];
  let err = '';
  let buf = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = JSON.parse(buf.slice(0, nl)) as Record<string, unknown>;
      buf = buf.slice(nl + 1);
      lines.push(line);
      for (const w of waiting.filter((x) => x.event === line.event)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    stderr: () => err,
    next: (event) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((l) => l.event === event);
        if (seen) return resolve(seen);
        waiting.push({ event, resolve });
        void exited.then((code) => reject(new Error(`worker exited (${code}) before "${event}": ${err}`)));
      }),
  };
}

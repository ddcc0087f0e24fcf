import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as runCliInProcess } from '../../src/cli/run';
import { runCli, TSX } from '../helpers/cli';
import { ADMIN_PASSWORD, call, openCore, setupCore } from '../helpers/core';

// The command lines on one data folder, and an inspector's process killed mid-way.
let dataDir = '';
let eventId = '';
beforeAll(async () => {
  const s = await setupCore();
  await call(s.core, 'contacts.orgs.save', { name: 'Viễn thông Thử Nghiệm', kind: 'telecom' });
  await call(s.core, 'contacts.orgs.save', { name: 'Bưu điện Thử Nghiệm', kind: 'postal' });
  eventId = (await call(s.core, 'plans.events.save', { name: 'Bầu cử 2026', keyDay: '2026-03-15' })).id;
  s.core.close();
  dataDir = s.dataDir;
  process.env.TTLL_PASSWORD = ADMIN_PASSWORD;
});
afterAll(() => {
  delete process.env.TTLL_PASSWORD;
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCliInProcess(['--data-dir', dataDir, ...args], {
    output: { out: (t) => out.push(t), err: (t) => err.push(t) },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const plan = async (org: string, template: string) =>
  cli(
    'inspections',
    'plan',
    '--event',
    'bau cu 2026',
    '--org',
    org,
    '--template',
    template,
    '--date',
    '2026-02-20',
  );

async function items(id: string) {
  const core = openCore(dataDir);
  await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
  const d = await call(core, 'inspections.get', { id });
  core.close();
  return d.items.filter((i) => i.result !== null).map((i) => i.no);
}

describe('CLI inspections', () => {
  it('lists templates, plans, records, lists, prints and reports', async () => {
    const templates = JSON.parse((await cli('inspections', 'templates', '--json')).out) as { ref: string }[];
    expect(templates.map((t) => t.ref)).toEqual(['telecom', 'postal', 'radio-frequency', 'commune']);
    const made = await plan('Viễn thông Thử Nghiệm', 'telecom');
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(/^[0-9a-f-]{36}$/);
    expect((await plan('Không Có', 'telecom')).err).toContain('no organization matches "Không Có"');
    expect((await plan('Viễn thông', 'khong-co')).err).toContain('No checklist khong-co');
    const rec = await cli('inspections', 'record', made.out, '--item', '2', '--result', 'khong-dat');
    expect(rec.code, rec.err).toBe(0);
    expect((await cli('inspections', 'record', made.out, '--item', '2', '--result', 'tot')).err).toContain(
      '--result must be one of dat, khong-dat, khong-ap-dung',
    );
    const list = JSON.parse((await cli('inspections', 'list', '--json')).out) as {
      id: string;
      status: string;
      failed: number;
    }[];
    expect(list.find((i) => i.id === made.out)).toMatchObject({ status: 'in-progress', failed: 1 });
    const docx = join(dataDir, 'bien-ban.docx');
    expect((await cli('inspections', 'print', made.out, '--out', docx)).code).toBe(0);
    const xml = await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string');
    expect(xml).toContain('BIÊN BẢN');
    const rep = join(dataDir, 'bao-cao.docx');
    expect((await cli('inspections', 'report', '--event', eventId, '--out', rep)).code).toBe(0);
    expect(readFileSync(rep).subarray(0, 2).toString()).toBe('PK');
  });

  it('a record killed inside its transaction loses only that item', async () => {
    const id = (await plan('Bưu điện Thử Nghiệm', 'postal')).out;
    for (const n of ['1', '2', '3'])
      expect((await cli('inspections', 'record', id, '--item', n, '--result', 'dat')).code).toBe(0);
    const r = runCli(dataDir, ['inspections', 'record', id, '--item', '4', '--result', 'dat'], {
      TTLL_PASSWORD: ADMIN_PASSWORD,
      TTLL_TEST_CRASH_AT: 'tx:inspections.record',
    });
    expect(r.code, r.err).toBe(137);
    expect(r.err).toContain('crash point tx:inspections.record: inside a write transaction');
    expect(await items(id)).toEqual([1, 2, 3]);
  });

  it('an inspector killed mid-way finds every item saved before the kill', async () => {
    const id = (await plan('Viễn thông Thử Nghiệm', 'telecom')).out;
    const child = spawn(
      TSX,
      [
        join(process.cwd(), 'tests', 'helpers', 'inspectionWorker.ts'),
        JSON.stringify({ dataDir, password: ADMIN_PASSWORD, inspectionId: id, count: 10, pauseMs: 150 }),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const saved: number[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_c, sig) => resolve(sig)),
    );
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        for (const line of buf.split('\n').slice(0, -1)) {
          const e = JSON.parse(line) as { event: string; no: number };
          if (e.event === 'saved') saved.push(e.no);
          if (saved.length === 4) {
            child.kill('SIGKILL');
            resolve();
          }
        }
        buf = buf.slice(buf.lastIndexOf('\n') + 1);
      });
      void exited.then(() => reject(new Error('worker ended before the kill')));
    });
    expect(await exited).toBe('SIGKILL');
    const found = await items(id);
    // Every item reported saved is there; the kill came before the end of the checklist.
    expect(found.slice(0, saved.length)).toEqual(saved);
    expect(found.length).toBeLessThan(10);
    expect(found).toEqual(Array.from({ length: found.length }, (_, i) => i + 1));
  }, 60_000);
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { ADMIN_PASSWORD, setupCore } from '../helpers/core';

// `docs register --json FILE` in-process: files as Windows editors save them, and files that do
// not hold one object, answered with one line and a non-zero exit, never a stack or INTERNAL.
let dataDir = '';
beforeAll(async () => {
  const s = await setupCore();
  s.core.close();
  dataDir = s.dataDir;
  process.env.TTLL_PASSWORD = ADMIN_PASSWORD;
});
afterAll(() => {
  delete process.env.TTLL_PASSWORD;
});

async function register(content: string | Buffer): Promise<{ code: number; out: string[]; err: string[] }> {
  const file = join(dataDir, `entry-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, content);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data-dir', dataDir, 'docs', 'register', '--json', file], {
    output: { out: (t) => out.push(t), err: (t) => err.push(t) },
  });
  return { code, out, err };
}

const ENTRY = {
  direction: 'in',
  type: 'CV',
  date: '2026-03-02',
  sender: 'UBND tỉnh',
  summary: 'Về việc bầu cử',
};

describe('CLI docs register --json FILE', () => {
  it('reads a UTF-8 file written with a byte-order mark', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(ENTRY, null, 2))]);
    const r = await register(bom);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.join('\n'))).toMatchObject({
      entry: { register: 'in', number: 1, sender: 'UBND tỉnh' },
    });
  });

  it.each([
    ['null', /must hold one JSON object \(\{…\}\), not null/],
    ['[{"direction":"in"}]', /must hold one JSON object \(\{…\}\), not an array/],
    ['"in"', /must hold one JSON object \(\{…\}\), not a string/],
    ['42', /must hold one JSON object \(\{…\}\), not a number/],
    ['\uFEFF', /is not valid JSON/],
    ['{"direction": "in",\n  "type": "CV",\n}', /is not valid JSON/],
    ['abc\ndef\nghi', /is not valid JSON/],
  ])('refuses %j with a one-line reason', async (content, reason) => {
    const r = await register(content);
    expect(r.code).not.toBe(0);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^error: /);
    expect(r.err[0]).toMatch(reason);
    expect(r.err[0]).not.toMatch(/\n|INTERNAL|Internal error|Cannot destructure|\bat .*:\d+/);
  });

  it('says which file could not be read', async () => {
    const out: string[] = [];
    const missing = join(dataDir, 'khong-co.json');
    const code = await runCli(['--data-dir', dataDir, 'docs', 'register', '--json', missing], {
      output: { out: (t) => out.push(t), err: (t) => out.push(t) },
    });
    expect(code).toBe(1);
    expect(out).toEqual([`error: cannot read ${missing} (ENOENT)`]);
  });
});

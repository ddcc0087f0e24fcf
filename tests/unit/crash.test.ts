import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_ADMIN_PASSWORD, initCliDataDir, runCli } from '../helpers/cli';
import { call, openCore } from '../helpers/core';

// A process killed mid-write (SIGKILL, no cleanup) leaves the data as before or as after, never
// between. Each kill lands at a crash point (src/main/core/crashPoint.ts) that first says on
// stderr whether a write transaction was open: these kills land inside one, after its writes.

const killed = (r: { code: number | null; err: string }, point: string) => {
  // tsx reports its child's SIGKILL as 128 + 9.
  expect(r.code, r.err).toBe(137);
  expect(r.err).toContain(`crash point ${point}: inside a write transaction`);
};

function registerMat(dir: string, summary: string, env: Record<string, string> = {}) {
  const file = join(dir, 'doc.json');
  writeFileSync(
    file,
    JSON.stringify({
      direction: 'in',
      level: 'mat',
      type: 'CV',
      symbol: '15/UBND-VX',
      date: '2026-05-04',
      sender: 'UBND tỉnh Thử Nghiệm',
      summary,
    }),
  );
  return runCli(dir, ['docs', 'register', '--json', file], env);
}

const listed = (dir: string) => {
  const r = runCli(dir, ['docs', 'list', '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as { number: number; summary: string }[];
};

const verified = (dir: string) => {
  const r = runCli(dir, ['audit', 'verify', '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as { ok: boolean };
};

describe('killed mid-write', () => {
  it('a registration killed inside its transaction leaves no entry, no number used and the audit log intact', () => {
    const dir = initCliDataDir('ttll-crash-reg-', ['--clearance', 'mat']);
    expect(registerMat(dir, 'Văn bản đầu tiên').code).toBe(0);
    killed(
      registerMat(dir, 'Văn bản bị ngắt', { TTLL_TEST_CRASH_AT: 'tx:docs.register' }),
      'tx:docs.register',
    );

    expect(listed(dir).map((e) => e.summary)).toEqual(['Văn bản đầu tiên']);
    expect(verified(dir).ok).toBe(true);
    // The number the killed registration took was never committed: the next one gets it.
    const next = registerMat(dir, 'Văn bản tiếp theo');
    expect(next.code, next.err).toBe(0);
    expect(JSON.parse(next.out)).toMatchObject({ entry: { number: 2 } });
  });

  it('a key rotation killed while re-sealing is finished by the next sign-in, every entry readable', async () => {
    const dir = initCliDataDir('ttll-crash-rot-', ['--clearance', 'mat']);
    const add = runCli(dir, ['users', 'add', '--name', 'clerk1', '--role', 'clerk', '--clearance', 'mat'], {
      TTLL_NEW_PASSWORD: 'clerk-password-2026',
    });
    expect(add.code, add.err).toBe(0);
    for (const s of ['Mật một', 'Mật hai', 'Mật ba']) expect(registerMat(dir, s).code).toBe(0);

    // Lowering the clerk's clearance rotates the Mật key: the entries are re-sealed under the new one.
    const lower = runCli(dir, ['users', 'update', '--name', 'clerk1', '--clearance', 'none'], {
      TTLL_TEST_CRASH_AT: 'reseal:mat',
    });
    killed(lower, 'reseal:mat');

    expect(
      listed(dir)
        .map((e) => e.summary)
        .sort(),
    ).toEqual(['Mật ba', 'Mật hai', 'Mật một']);
    expect(verified(dir).ok).toBe(true);
    // The sign-in of `docs list` re-sealed them all under the new key, and said so once.
    const core = openCore(dir);
    await call(core, 'vault.unlock', { userName: 'admin', password: CLI_ADMIN_PASSWORD });
    const rotations = (await call(core, 'audit.list', { action: 'vault.rotate' })).items;
    expect(rotations.map((e) => e.details)).toEqual([expect.objectContaining({ resealed: 3 })]);
    expect((await call(core, 'vault.status', {})).keyRotation).toBeNull();
    core.close();
  });
});

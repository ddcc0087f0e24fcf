import { describe, expect, it } from 'vitest';
import { initCliDataDir, runCli } from '../helpers/cli';
import { ADMIN_PASSWORD, call, failure, GIVEN_PASSWORD, setupCore } from '../helpers/core';

/** A vault with a second administrator, qt2, whose password the first administrator gave. */
async function twoAdmins() {
  const v = await setupCore();
  await call(v.core, 'users.create', {
    userName: 'qt2',
    fullName: 'Quản Trị Hai',
    role: 'admin',
    clearance: 'none',
    password: GIVEN_PASSWORD,
  });
  return v;
}

const ownEdits = async (core: Awaited<ReturnType<typeof setupCore>>['core']) =>
  (await call(core, 'audit.list', { action: 'users.update', targetId: 'admin' })).items.map((e) => ({
    outcome: e.outcome,
    reason: e.details.reason,
    approvedBy: e.details.approvedBy,
  }));

describe("an administrator's own role or clearance", () => {
  it('is refused alone, and audited', async () => {
    const { core } = await twoAdmins();
    const err = await failure(core, 'users.update', { userName: 'admin', clearance: 'mat' });
    expect(err.code).toBe('FORBIDDEN');
    expect((await failure(core, 'users.update', { userName: 'admin', role: 'leader' })).code).toBe(
      'FORBIDDEN',
    );
    expect((await call(core, 'users.list', {})).find((u) => u.userName === 'admin')?.clearance).toBe(
      'tuyet-mat',
    );
    expect(await ownEdits(core)).toEqual([
      { outcome: 'denied', reason: 'own role or clearance', approvedBy: undefined },
      { outcome: 'denied', reason: 'own role or clearance', approvedBy: undefined },
    ]);
    // Editing one's own name, or another user's clearance, needs no second administrator.
    await call(core, 'users.update', { userName: 'admin', fullName: 'Quản Trị Một' });
    await call(core, 'users.update', { userName: 'qt2', clearance: 'mat' });
  });

  it("needs a second administrator's right password, not one's own nor a non-administrator's", async () => {
    const { core } = await twoAdmins();
    const wrong = await failure(core, 'users.update', {
      userName: 'admin',
      clearance: 'mat',
      secondAdmin: { userName: 'qt2', password: 'not-the-password-1' },
    });
    expect(wrong.code).toBe('FORBIDDEN');
    const self = await failure(core, 'users.update', {
      userName: 'admin',
      clearance: 'mat',
      secondAdmin: { userName: 'admin', password: 'mat-khau-quan-tri-1' },
    });
    expect(self.code).toBe('FORBIDDEN');
    await call(core, 'users.create', {
      userName: 'vanthu',
      fullName: 'Văn Thư',
      role: 'clerk',
      clearance: 'none',
      password: GIVEN_PASSWORD,
    });
    const clerk = await failure(core, 'users.update', {
      userName: 'admin',
      clearance: 'mat',
      secondAdmin: { userName: 'vanthu', password: GIVEN_PASSWORD },
    });
    expect(clerk.code).toBe('FORBIDDEN');

    const r = await call(core, 'users.update', {
      userName: 'admin',
      clearance: 'mat',
      secondAdmin: { userName: 'qt2', password: GIVEN_PASSWORD },
    });
    expect(r.clearance).toBe('mat');
    // The changed account signs in again (its session ended with the change).
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const log = await ownEdits(core);
    // Newest first.
    expect(log.map((e) => e.outcome)).toEqual(['ok', 'denied', 'denied', 'denied']);
    expect(log[0]?.approvedBy).toBe('qt2');
    const entry = (await call(core, 'audit.list', { action: 'users.update', targetId: 'admin' })).items[0];
    expect(entry?.actor).toBe('admin');
  });

  it('or the recovery key', async () => {
    const { core, recoveryKey } = await twoAdmins();
    const bad = await failure(core, 'users.update', {
      userName: 'admin',
      role: 'leader',
      recoveryKey: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA',
    });
    expect(bad.code).toBe('FORBIDDEN');
    const r = await call(core, 'users.update', { userName: 'admin', clearance: 'mat', recoveryKey });
    expect(r.clearance).toBe('mat');
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect((await ownEdits(core)).map((e) => [e.outcome, e.approvedBy])).toEqual([
      ['ok', 'recovery-key'],
      ['denied', undefined],
    ]);
  });

  it('from the CLI: --second-admin with the password from the environment', () => {
    const dir = initCliDataDir('ttll-own-', ['--clearance', 'toi-mat']);
    const add = runCli(dir, ['users', 'add', '--name', 'qt2', '--role', 'admin', '--clearance', 'none'], {
      TTLL_NEW_PASSWORD: GIVEN_PASSWORD,
    });
    expect(add.code, add.err).toBe(0);
    const alone = runCli(dir, ['users', 'update', '--name', 'admin', '--clearance', 'mat']);
    expect(alone.code).not.toBe(0);
    expect(alone.err).toMatch(/second administrator/);
    const ok = runCli(
      dir,
      ['users', 'update', '--name', 'admin', '--clearance', 'mat', '--second-admin', 'qt2'],
      {
        TTLL_SECOND_ADMIN_PASSWORD: GIVEN_PASSWORD,
      },
    );
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/User admin: admin, clearance mat/);
  });
});

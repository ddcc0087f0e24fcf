import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/app';
import { ADMIN_PASSWORD, call, failure, tempDir, TEST_OFFICE } from '../helpers/core';

const THROTTLE = 'login-throttle.json';

/** A vault whose core clock the test moves; `reopen` is a restart of the process on the same folder. */
async function lockedVault() {
  const dataDir = tempDir();
  let t = Date.parse('2026-03-02T08:00:00Z');
  const clock = {
    advance: (seconds: number) => {
      t += seconds * 1000;
    },
  };
  const open = () => Core.open({ dataDir, kdfTargetMs: 50, now: () => new Date(t) });
  const core = open();
  await call(core, 'vault.setup', {
    office: TEST_OFFICE,
    admin: { userName: 'admin', fullName: 'Quản Trị Viên', password: ADMIN_PASSWORD, clearance: 'mat' },
  });
  await call(core, 'vault.lock', {});
  return { dataDir, clock, core, reopen: open };
}

const guess = (core: Core, userName: string, n: number) =>
  failure(core, 'vault.unlock', { userName, password: `wrong-guess-number-${n}` });

describe('failed sign-ins slow down', () => {
  it('per user: three free failures, then a growing wait that even the right password must respect', async () => {
    const { core, clock } = await lockedVault();
    for (let i = 1; i <= 4; i++) expect((await guess(core, 'admin', i)).code).toBe('WRONG_CREDENTIALS');
    const refused = await failure(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect(refused.code).toBe('THROTTLED');
    expect(refused.retryAfterSeconds).toBe(5);
    clock.advance(5);
    expect((await guess(core, 'admin', 5)).code).toBe('WRONG_CREDENTIALS');
    expect((await guess(core, 'admin', 6)).retryAfterSeconds).toBe(10); // doubled
    clock.advance(10);
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });

    // The sign-in cleared the count; throttled attempts are in the log like other failed logins.
    const log = await call(core, 'audit.list', { action: 'vault.login', limit: 100 });
    const failed = log.items.filter((e) => e.outcome === 'failed');
    expect(failed).toHaveLength(7);
    expect(failed.filter((e) => e.details.reason === 'throttled')).toHaveLength(2);
    await call(core, 'vault.lock', {});
    for (let i = 1; i <= 4; i++) expect((await guess(core, 'admin', i)).code).toBe('WRONG_CREDENTIALS');
  });

  it('survives a restart, in an owner-only file that names no user', async () => {
    const { core, dataDir, reopen } = await lockedVault();
    for (let i = 1; i <= 4; i++) await guess(core, 'admin', i);
    core.close();
    const again = reopen();
    expect((await failure(again, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD })).code).toBe(
      'THROTTLED',
    );
    const file = join(dataDir, THROTTLE);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('admin');
    // Another name is not held up by these failures.
    expect((await guess(again, 'vanthu', 1)).code).toBe('WRONG_CREDENTIALS');
  });

  it('overall: many names tried slow every name down', async () => {
    const { core, clock } = await lockedVault();
    for (let i = 1; i <= 21; i++) expect((await guess(core, `ten${i}`, 1)).code).toBe('WRONG_CREDENTIALS');
    const refused = await guess(core, 'someone-new', 1);
    expect(refused.code).toBe('THROTTLED');
    expect(refused.retryAfterSeconds).toBe(1);
    // The overall count wears off with quiet time: 10 min later the next name tries freely.
    clock.advance(600);
    expect((await guess(core, 'someone-new', 1)).code).toBe('WRONG_CREDENTIALS');
  });

  it('a deleted throttle file keeps the overall count from the sealed failures, and is reported at unlock', async () => {
    const { core, dataDir, clock } = await lockedVault();
    for (let i = 1; i <= 21; i++) await guess(core, `ten${i}`, 1);
    rmSync(join(dataDir, THROTTLE));
    expect((await guess(core, 'someone-new', 1)).code).toBe('THROTTLED');
    clock.advance(60);
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const reset = await call(core, 'audit.list', { action: 'vault.throttle-reset' });
    expect(reset.items).toHaveLength(1);
    expect(reset.items[0]?.outcome).toBe('failed');
    // An untouched file is not reported at the next unlock.
    await call(core, 'vault.lock', {});
    clock.advance(60);
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect((await call(core, 'audit.list', { action: 'vault.throttle-reset' })).items).toHaveLength(1);
  });

  it('guessing the current password at an unlocked desk is throttled too', async () => {
    const { core } = await lockedVault();
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const change = (currentPassword: string) =>
      failure(core, 'vault.changePassword', { currentPassword, newPassword: 'mot-mat-khau-moi-dai' });
    for (let i = 1; i <= 4; i++)
      expect((await change(`wrong-guess-number-${i}`)).code).toBe('WRONG_CREDENTIALS');
    const refused = await change(ADMIN_PASSWORD);
    expect(refused.code).toBe('THROTTLED');
    const log = await call(core, 'audit.list', { action: 'vault.change-password' });
    expect(log.items.map((e) => e.details.reason ?? 'wrong')).toEqual([
      'throttled',
      'wrong',
      'wrong',
      'wrong',
      'wrong',
    ]);
  });

  it('a clock set back waits no longer than the delay', async () => {
    const { core, clock } = await lockedVault();
    expect((await guess(core, 'admin', 1)).code).toBe('WRONG_CREDENTIALS');
    clock.advance(-86_400);
    expect((await guess(core, 'admin', 2)).code).toBe('WRONG_CREDENTIALS');
    await guess(core, 'admin', 3);
    await guess(core, 'admin', 4);
    clock.advance(-86_400);
    expect((await guess(core, 'admin', 5)).retryAfterSeconds).toBe(5);
  });
});

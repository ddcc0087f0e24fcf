import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/app';
import { ADMIN_PASSWORD, call, failure, setupCore } from '../helpers/core';

// A password an administrator set is known to two people: the user must replace it at the first
// sign-in, and until then the core serves nothing but the change (and lock, status).
const GIVEN = 'do-quan-tri-dat-1';
const CHOSEN = 'chi-minh-toi-biet-2';

async function addClerk(core: Core) {
  await call(core, 'users.create', {
    userName: 'vanthu',
    fullName: 'Văn Thư',
    role: 'clerk',
    clearance: 'none',
    password: GIVEN,
  });
}

async function signIn(core: Core, userName: string, password: string) {
  await call(core, 'vault.lock', {});
  return call(core, 'vault.unlock', { userName, password });
}

describe('a password set by an administrator', () => {
  it('must be changed at the first sign-in; until then every other call is refused and audited', async () => {
    const { core } = await setupCore();
    expect((await call(core, 'vault.status', {})).user?.mustChangePassword).toBe(false);
    await addClerk(core);
    const user = await signIn(core, 'vanthu', GIVEN);
    expect(user.mustChangePassword).toBe(true);
    expect((await call(core, 'vault.status', {})).user?.mustChangePassword).toBe(true);
    for (const [channel, input] of [
      ['contacts.list', {}],
      ['docs.list', {}],
      ['contacts.save', { fullName: 'Không Được Lưu' }],
      // Public channels too, once a session is open: a backup is not restored by this user yet.
      ['backup.list', {}],
      ['backup.restore', { file: '/khong/co.ttllbak' }],
    ] as const) {
      const r = await core.invoke(channel, input);
      expect(r.ok ? 'ok' : r.error.code, channel).toBe('FORBIDDEN');
    }
    await call(core, 'vault.changePassword', { currentPassword: GIVEN, newPassword: CHOSEN });
    expect((await call(core, 'vault.status', {})).user?.mustChangePassword).toBe(false);
    expect((await call(core, 'contacts.list', {})).total).toBe(0);
    // For good: the next sign-in is an ordinary one, and the given password is gone.
    expect((await signIn(core, 'vanthu', CHOSEN)).mustChangePassword).toBe(false);
    await call(core, 'vault.lock', {});
    expect((await failure(core, 'vault.unlock', { userName: 'vanthu', password: GIVEN })).code).toBe(
      'WRONG_CREDENTIALS',
    );

    await signIn(core, 'admin', ADMIN_PASSWORD);
    const denied = (await call(core, 'audit.list', { action: 'audit.denied' })).items;
    expect(denied.map((e) => [e.actor, e.targetId, e.outcome, e.details.reason])).toEqual(
      expect.arrayContaining([
        ['vanthu', 'contacts.list', 'denied', 'must change password'],
        ['vanthu', 'contacts.save', 'denied', 'must change password'],
      ]),
    );
    const { db } = core.vault.current();
    expect(
      db.prepare("SELECT must_change_password AS m FROM users WHERE user_name = 'vanthu'").get(),
    ).toEqual({
      m: 0,
    });
  });

  it('is due again after an administrator resets it; the recovery key clears it', async () => {
    const { core, recoveryKey } = await setupCore();
    await addClerk(core);
    await signIn(core, 'vanthu', GIVEN);
    await call(core, 'vault.changePassword', { currentPassword: GIVEN, newPassword: CHOSEN });
    await signIn(core, 'admin', ADMIN_PASSWORD);
    await call(core, 'users.resetPassword', { userName: 'vanthu', newPassword: 'dat-lai-lan-hai-3' });
    expect((await signIn(core, 'vanthu', 'dat-lai-lan-hai-3')).mustChangePassword).toBe(true);
    expect((await failure(core, 'docs.list', {})).code).toBe('FORBIDDEN');
    // Whoever holds the recovery key chooses the password: nothing more to change.
    const recovered = await call(core, 'vault.recover', {
      recoveryKey,
      userName: 'vanthu',
      newPassword: 'khoi-phuc-bang-khoa-4',
    });
    expect(recovered.mustChangePassword).toBe(false);
    expect((await call(core, 'docs.list', {})).total).toBe(0);
    expect((await signIn(core, 'vanthu', 'khoi-phuc-bang-khoa-4')).mustChangePassword).toBe(false);
  });

  it('an administrator cannot reset their own password: they change it, giving the current one', async () => {
    const { core } = await setupCore();
    const err = await failure(core, 'users.resetPassword', {
      userName: 'admin',
      newPassword: 'khong-can-mat-khau-cu',
    });
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toMatch(/change it/);
    // The password is unchanged, the refusal audited.
    await signIn(core, 'admin', ADMIN_PASSWORD);
    const denied = (await call(core, 'audit.list', { action: 'users.reset-password' })).items;
    expect(denied.map((e) => [e.outcome, e.targetId])).toEqual([['denied', 'admin']]);
    // Another administrator may reset it (and then it must be changed).
    await call(core, 'users.create', {
      userName: 'admin2',
      fullName: 'Quản Trị Hai',
      role: 'admin',
      clearance: 'none',
      password: GIVEN,
    });
    await signIn(core, 'admin2', GIVEN);
    await call(core, 'vault.changePassword', { currentPassword: GIVEN, newPassword: CHOSEN });
    await call(core, 'users.resetPassword', { userName: 'admin', newPassword: 'quen-mat-khau-roi-5' });
    expect((await signIn(core, 'admin', 'quen-mat-khau-roi-5')).mustChangePassword).toBe(true);
  });
});

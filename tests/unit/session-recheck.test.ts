import { describe, expect, it } from 'vitest';
import { addUser, ADMIN_PASSWORD, call, openCore, setupCore, switchTo } from '../helpers/core';

// A session must not outlive a change made to its account by another process: an administrator
// at another window (or the CLI) disables or demotes a user who is signed in elsewhere.
describe('a signed-in session follows its account', () => {
  for (const change of [
    { what: 'disabled', input: { disabled: true }, reason: 'account-disabled' },
    { what: 'demoted', input: { role: 'viewer' as const }, reason: 'account-changed' },
    { what: 'lowered', input: { clearance: 'none' as const }, reason: 'account-changed' },
  ]) {
    it(`ends the session of a user ${change.what} in another process`, async () => {
      const { core: adminCore, dataDir } = await setupCore();
      await addUser(adminCore, 'vanthu', 'mat', 'clerk');
      const clerkCore = openCore(dataDir);
      await call(clerkCore, 'vault.unlock', { userName: 'vanthu', password: 'mat-khau-nguoi-1' });
      expect((await clerkCore.invoke('docs.list', {})).ok).toBe(true);

      await call(adminCore, 'users.update', { userName: 'vanthu', ...change.input });

      const r = await clerkCore.invoke('docs.list', {});
      expect(r.ok ? null : r.error.code).toBe('LOCKED');
      expect((await call(clerkCore, 'vault.status', {})).state).toBe('locked');
      const locks = (await call(adminCore, 'audit.list', { action: 'vault.lock', actor: 'vanthu' })).items;
      expect(locks.map((e) => e.details.reason)).toContain(change.reason);
      clerkCore.close();
    });
  }

  it('leaves an unchanged session alone', async () => {
    const { core, dataDir } = await setupCore();
    await addUser(core, 'vanthu', 'mat', 'clerk');
    const other = openCore(dataDir);
    await call(other, 'vault.unlock', { userName: 'vanthu', password: 'mat-khau-nguoi-1' });
    await call(core, 'users.update', { userName: 'vanthu', fullName: 'Văn Thư Mới' });
    expect((await other.invoke('docs.list', {})).ok).toBe(true);
    await switchTo(core, 'admin', ADMIN_PASSWORD);
    other.close();
  });
});

import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, call, setupCore } from '../helpers/core';

/** Records the order in which promises settle. */
function order() {
  const seen: string[] = [];
  const track = <T>(name: string, p: Promise<T>) =>
    p.then((v) => {
      seen.push(name);
      return v;
    });
  return { seen, track };
}

describe('scrypt runs off the event loop', () => {
  it('a cheap call made while a sign-in derives its key answers first', async () => {
    const { core } = await setupCore();
    await call(core, 'vault.lock', {});
    const { seen, track } = order();
    const login = track(
      'login',
      core.invoke('vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD }),
    );
    const status = track('status', core.invoke('vault.status', {}));
    const [l, s] = await Promise.all([login, status]);
    expect(seen).toEqual(['status', 'login']);
    expect(s.ok && (s.data as { state: string }).state).toBe('locked');
    expect(l.ok).toBe(true);
  });

  it('parallel guesses do not hold up a timer', async () => {
    const { core } = await setupCore();
    await call(core, 'vault.lock', {});
    const { seen, track } = order();
    const tick = track('tick', new Promise<void>((resolve) => setImmediate(resolve)));
    const guesses = Array.from({ length: 10 }, (_, i) =>
      track('guess', core.invoke('vault.unlock', { userName: `name${i}`, password: 'not-the-password-1' })),
    );
    await Promise.all([tick, ...guesses]);
    expect(seen[0]).toBe('tick');
  });

  it('password change and new users derive off the event loop too', async () => {
    const { core } = await setupCore();
    const { seen, track } = order();
    const created = track(
      'create',
      core.invoke('users.create', {
        userName: 'vanthu',
        fullName: 'Văn Thư',
        role: 'clerk',
        clearance: 'none',
        password: 'mat-khau-duoc-cap-1',
      }),
    );
    const status = track('status', core.invoke('vault.status', {}));
    await Promise.all([created, status]);
    expect(seen).toEqual(['status', 'create']);
    expect((await created).ok).toBe(true);
  });
});

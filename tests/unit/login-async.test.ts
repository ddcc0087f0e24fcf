import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHost } from '../../src/host/server';
import { ADMIN_PASSWORD, call, setupCore, tempDir } from '../helpers/core';

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

  it('the browser host answers a status call during ten parallel guesses', async () => {
    const { core } = await setupCore();
    await call(core, 'vault.lock', {});
    const rendererDir = join(tempDir('ttll-renderer-'), 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>TTLL</title>');
    const host = await startHost({ core, rendererDir });
    try {
      const post = (channel: string, input: object) =>
        fetch(`${host.origin}/api/invoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-ttll-token': host.token },
          body: JSON.stringify({ channel, input }),
        }).then((r) => r.json() as Promise<{ ok: boolean }>);
      const { seen, track } = order();
      const guesses = Array.from({ length: 10 }, (_, i) =>
        track('guess', post('vault.unlock', { userName: `name${i}`, password: 'not-the-password-1' })),
      );
      // Sent once the guesses are in (their requests reached the host first).
      await new Promise((resolve) => setTimeout(resolve, 20));
      const status = track('status', post('vault.status', {}));
      await Promise.all([status, ...guesses]);
      expect(seen.indexOf('status')).toBeLessThan(seen.length - 1);
      expect(seen.filter((s) => s === 'guess')).toHaveLength(10);
    } finally {
      await host.close();
    }
  });
});

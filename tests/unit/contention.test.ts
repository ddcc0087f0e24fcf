import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/app';
import { applyMigrations } from '../../src/main/core/db/migrations';
import { buildRegistry } from '../../src/main/core/moduleRegistry';
import { MODULES } from '../../src/main/core/modules';
import { CLI_ADMIN_PASSWORD, initCliDataDir, runCli } from '../helpers/cli';
import { ADMIN_PASSWORD, call, failure, setupCore, signInAs, tempDir } from '../helpers/core';
import { startWorker, type Worker } from '../helpers/workers';

/** Another OS process on the same data folder holding a write transaction (BEGIN IMMEDIATE). */
async function holdWriteLock(dataDir: string, holdMs: number, password = ADMIN_PASSWORD) {
  const holder = startWorker({ mode: 'hold', dataDir, password, holdMs });
  await holder.next('holding');
  return holder;
}

async function releasedAt(holder: Worker): Promise<number> {
  const { at } = await holder.next('released');
  expect(await holder.exited, holder.stderr()).toBe(0);
  return at as number;
}

describe('writes and logins while another process writes', () => {
  it('an unlock waits for the lock and logs in with its audit entry', async () => {
    const { core, dataDir } = await setupCore();
    await call(core, 'vault.lock', {});
    const holder = await holdWriteLock(dataDir, 1500);
    const r = await core.invoke('vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const done = Date.now();
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    expect(done).toBeGreaterThanOrEqual((await releasedAt(holder)) - 5); // it waited for the commit
    expect((await call(core, 'vault.status', {})).state).toBe('unlocked');
    const logins = await call(core, 'audit.list', { action: 'vault.login' });
    // This login, the holder's and the one at setup.
    expect(logins.items.map((e) => e.outcome)).toEqual(['ok', 'ok', 'ok']);
    expect((await call(core, 'audit.verify', {})).ok).toBe(true);
  });

  it('an unlock that cannot get the lock in time fails whole: vault locked, BUSY, audited', async () => {
    const { core, dataDir } = await setupCore();
    await call(core, 'vault.lock', {});
    const impatient = Core.open({ dataDir, kdfTargetMs: 50, busyTimeoutMs: 200 });
    const holder = await holdWriteLock(dataDir, 1500);
    const err = await failure(impatient, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect(err.code).toBe('BUSY');
    expect((await call(impatient, 'vault.status', {})).state).toBe('locked');
    expect((await failure(impatient, 'contacts.list', {})).code).toBe('LOCKED');
    await releasedAt(holder);
    await call(impatient, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const logins = (await call(impatient, 'audit.list', { action: 'vault.login' })).items;
    // Newest first: the retry, the failure recorded while locked (moved in at the retry), the
    // holder's login, the login at setup.
    expect(logins.map((e) => [e.outcome, e.details.reason ?? null])).toEqual([
      ['ok', null],
      ['failed', 'database busy'],
      ['ok', null],
      ['ok', null],
    ]);
  });

  it('a lock waits for the lock and is audited; the vault is locked', async () => {
    const { core, dataDir } = await setupCore();
    const holder = await holdWriteLock(dataDir, 1000);
    expect(await core.invoke('vault.lock', {})).toMatchObject({ ok: true });
    expect((await call(core, 'vault.status', {})).state).toBe('locked');
    await releasedAt(holder);
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const locks = (await call(core, 'audit.list', { action: 'vault.lock' })).items;
    expect(locks.map((e) => e.details.reason).sort()).toEqual(['close', 'manual']); // the holder's, this one
  });

  it('a refused call is still refused and audited (FORBIDDEN, not INTERNAL)', async () => {
    const { core, dataDir } = await setupCore();
    await signInAs(core, 'xem', 'none', 'viewer');
    const holder = await holdWriteLock(dataDir, 1000);
    const err = await failure(core, 'users.create', {
      userName: 'nguoimoi',
      fullName: 'Người Mới',
      role: 'clerk',
      clearance: 'none',
      password: 'mat-khau-nguoi-2',
    });
    expect(err.code).toBe('FORBIDDEN');
    await releasedAt(holder);
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const created = await call(core, 'audit.list', { action: 'users.create' });
    expect(created.items.map((e) => `${e.actor}:${e.outcome}`)).toEqual(['admin:ok']);
    const denied = await call(core, 'audit.list', { action: 'audit.denied' });
    expect(denied.items.map((e) => `${e.actor}:${e.targetId}`)).toEqual(['xem:users.create']);
  });

  it('a registration waits for the lock and commits whole', async () => {
    const { core, dataDir } = await setupCore();
    const holder = await holdWriteLock(dataDir, 1000);
    const r = await call(core, 'docs.register', {
      direction: 'in',
      type: 'CV',
      symbol: '1/UBND',
      documentDate: '2026-03-02',
    });
    expect(Date.now()).toBeGreaterThanOrEqual((await releasedAt(holder)) - 5);
    expect(r.entry.number).toBe(1);
    expect((await call(core, 'audit.list', { action: 'docs.register' })).total).toBe(1);
  });

  it('the CLI waits for the lock instead of failing with "database is locked"', async () => {
    const dir = initCliDataDir('ttll-cli-busy-');
    const file = join(dir, 'doc.json');
    writeFileSync(
      file,
      JSON.stringify({ direction: 'in', type: 'CV', symbol: '2/UBND', date: '2026-03-02' }),
    );
    // Longer than the app's 5 s busy timeout: the CLI, a batch tool, waits longer (30 s).
    const holder = await holdWriteLock(dir, 6000, CLI_ADMIN_PASSWORD);
    const reg = runCli(dir, ['docs', 'register', '--json', file]);
    const done = Date.now();
    expect(reg.code, reg.err).toBe(0);
    expect(JSON.parse(reg.out)).toMatchObject({ entry: { register: 'in', number: 1 } });
    expect(done).toBeGreaterThanOrEqual((await releasedAt(holder)) - 5);
  });

  it('migrations run in an IMMEDIATE transaction: a second process migrating at once is waited for', async () => {
    const file = join(tempDir('ttll-migrate-'), 'plain.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    const holder = startWorker({ mode: 'hold', dataDir: '', password: '', plainFile: file, holdMs: 800 });
    await holder.next('holding'); // it has migrated, not yet committed
    const { steps } = buildRegistry(MODULES);
    applyMigrations(db, steps); // reads what is applied only once it holds the lock: nothing left to do
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: steps.length });
    await releasedAt(holder);
    db.close();
  });
});

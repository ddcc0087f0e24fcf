import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyKey, DEFAULT_CIPHER } from '../../src/main/core/db/open';
import { ADMIN_PASSWORD, call, setupCore } from '../helpers/core';
import type { Core } from '../../src/main/core/app';

/** Tampers with the log the way someone holding the key and a SQLite tool could. */
async function tamper(core: Core, dataDir: string, sql: string): Promise<void> {
  const key = core.vault.keyForRestore()!.toString('hex');
  await call(core, 'vault.lock', {});
  const db = new Database(join(dataDir, 'ttll.db'));
  applyKey(db, key, DEFAULT_CIPHER);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
  db.close();
  await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
}

async function withEntries(n: number) {
  const s = await setupCore();
  for (let i = 0; i < n; i++)
    await call(s.core, 'contacts.orgs.save', { name: `Đơn vị ${i}`, kind: 'other' });
  return s;
}

describe('audit log', () => {
  it('chains every write and verifies intact', async () => {
    const { core } = await withEntries(3);
    const v = await call(core, 'audit.verify', {});
    expect(v.ok).toBe(true);
    expect(v.count).toBeGreaterThanOrEqual(5); // setup, login, 3 creates
    const list = await call(core, 'audit.list', { action: 'contacts.orgs.create' });
    expect(list.total).toBe(3);
  });

  it('refuses UPDATE and DELETE through SQL (append-only triggers)', async () => {
    const { core } = await withEntries(1);
    const { db } = core.vault.current();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('names the first edited entry', async () => {
    const { core, dataDir } = await withEntries(3);
    await tamper(core, dataDir, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
    const v = await call(core, 'audit.verify', {});
    expect(v.ok).toBe(false);
    expect(v.firstBroken?.seq).toBe(3);
    expect(v.firstBroken?.reason).toMatch(/changed/);
  });

  it('catches a deleted entry in the middle', async () => {
    const { core, dataDir } = await withEntries(3);
    await tamper(core, dataDir, 'DELETE FROM audit_log WHERE seq = 2');
    const v = await call(core, 'audit.verify', {});
    expect(v.firstBroken?.seq).toBe(2);
  });

  it('catches reordered entries', async () => {
    const { core, dataDir } = await withEntries(3);
    await tamper(
      core,
      dataDir,
      `UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -1;`,
    );
    const v = await call(core, 'audit.verify', {});
    expect(v.ok).toBe(false);
    expect(v.firstBroken?.seq).toBe(3);
  });

  it('catches entries cut off the end', async () => {
    const { core, dataDir } = await withEntries(3);
    // Remove everything after seq 4, including the lock/unlock entries tamper() adds later.
    const key = core.vault.keyForRestore()!.toString('hex');
    core.vault.lock();
    const db = new Database(join(dataDir, 'ttll.db'));
    applyKey(db, key, DEFAULT_CIPHER);
    db.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > 4;');
    db.close();
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const v = await call(core, 'audit.verify', {});
    expect(v.ok).toBe(false);
  });
});

import { existsSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  call,
  failure,
  filesContaining,
  setupCore,
  signInAs,
  switchTo,
  tempDir,
} from '../helpers/core';

describe('backup and restore', () => {
  it('writes an encrypted, verified backup and restores it, keeping the replaced database', async () => {
    const { core, dataDir } = await setupCore();
    await call(core, 'contacts.save', { fullName: 'Zyxwquatro Trước Sao Lưu', phones: ['0912000999'] });
    const dir = tempDir('ttll-bak-');
    const b = await call(core, 'backup.create', { dir });
    expect(b.sizeBytes).toBeGreaterThan(0);
    expect(filesContaining(dir, 'Zyxwquatro')).toEqual([]);
    await call(core, 'contacts.save', { fullName: 'Sau Sao Lưu', phones: [] });
    await call(core, 'backup.restore', { file: b.file });
    expect((await call(core, 'vault.status', {})).state).toBe('locked');
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const names = (await call(core, 'contacts.list', {})).items.map((c) => c.fullName);
    expect(names).toEqual(['Zyxwquatro Trước Sao Lưu']);
    expect(readdirSync(dataDir).some((f) => f.startsWith('ttll.db.before-restore-'))).toBe(true);
    const audit = await call(core, 'audit.list', { action: 'backup.' });
    expect(audit.items.map((e) => e.action)).toContain('backup.restore');
    expect((await call(core, 'audit.verify', {})).ok).toBe(true);
  });

  it('refuses a damaged or foreign backup and leaves the data untouched', async () => {
    const { core } = await setupCore();
    await call(core, 'contacts.save', { fullName: 'Vẫn Còn Đây', phones: [] });
    const dir = tempDir('ttll-bak-');
    const bad = join(dir, 'ttll-SKHCN-20260101-0000.ttllbak');
    writeFileSync(bad, Buffer.alloc(8192, 7));
    expect((await failure(core, 'backup.restore', { file: bad })).code).toBe('BACKUP_INVALID');
    const other = await setupCore();
    const foreign = await call(other.core, 'backup.create', { dir: tempDir('ttll-other-') });
    expect((await failure(core, 'backup.restore', { file: foreign.file })).code).toBe('BACKUP_INVALID');
    expect((await call(core, 'contacts.list', {})).total).toBe(1);
  });

  it('keeps only the newest N backups in the folder', async () => {
    const { core } = await setupCore();
    await call(core, 'settings.update', { backupKeep: 2 });
    const dir = tempDir('ttll-bak-');
    writeFileSync(join(dir, 'notes.txt'), 'not ours');
    for (let i = 0; i < 4; i++) await call(core, 'backup.create', { dir });
    const list = await call(core, 'backup.list', { dir });
    expect(list).toHaveLength(2);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
  });

  it('runs on schedule into the default folder when due', async () => {
    const { core, dataDir } = await setupCore();
    core.tick(Date.now());
    const list = await call(core, 'backup.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]?.file.startsWith(join(dataDir, 'backups'))).toBe(true);
    core.tick(Date.now());
    expect(await call(core, 'backup.list', {})).toHaveLength(1); // not due again for 24 h
    expect(readFileSync(list[0]!.file).length).toBeGreaterThan(0);
  });

  it('restores from a backup when the live database is damaged', async () => {
    const { core, dataDir } = await setupCore();
    await call(core, 'contacts.save', { fullName: 'Cứu Được', phones: [] });
    const b = await call(core, 'backup.create', {});
    await call(core, 'vault.lock', {});
    writeFileSync(join(dataDir, 'ttll.db'), Buffer.alloc(16384, 0x42));
    expect((await failure(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD })).code).toBe(
      'DB_DAMAGED',
    );
    expect((await call(core, 'backup.list', {})).map((x) => x.file)).toEqual([b.file]);
    await call(core, 'backup.restore', { file: b.file });
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect((await call(core, 'contacts.list', {})).items.map((c) => c.fullName)).toEqual(['Cứu Được']);
  });
});

describe('idle lock', () => {
  it('locks after the configured idle time', async () => {
    const { core } = await setupCore();
    await call(core, 'settings.update', { idleTimeoutMinutes: 1 });
    core.tick(Date.now() + 30_000);
    expect((await call(core, 'vault.status', {})).state).toBe('unlocked');
    core.tick(Date.now() + 61_000);
    expect((await call(core, 'vault.status', {})).state).toBe('locked');
  });
});

describe('listing and restoring backups is for administrators, within backup folders', () => {
  it('refuses others (audited) and folders backups were never written to', async () => {
    const { core } = await setupCore();
    const dir = tempDir('ttll-usb-');
    const b = await call(core, 'backup.create', { dir });
    expect((await call(core, 'backup.list', { dir })).map((x) => x.file)).toEqual([b.file]);
    const outside = await core.invoke('backup.list', { dir: '/etc' });
    expect(outside.ok ? null : outside.error.code).toBe('FORBIDDEN');
    await signInAs(core, 'xem', 'none', 'viewer');
    for (const [channel, input] of [
      ['backup.list', { dir }],
      ['backup.restore', { file: b.file }],
    ] as const) {
      const r = await core.invoke(channel, input);
      expect(r.ok ? null : r.error.code, channel).toBe('FORBIDDEN');
    }
    await switchTo(core, 'admin', ADMIN_PASSWORD);
    const denied = await call(core, 'audit.list', { action: 'audit.denied' });
    expect(denied.items.map((e) => `${e.actor}:${e.targetId}`).sort()).toEqual([
      'xem:backup.list',
      'xem:backup.restore',
    ]);
  });
});

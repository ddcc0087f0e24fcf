import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/main/core/app';
import { applyKey } from '../../src/main/core/db/open';
import { ADMIN_PASSWORD, call, setupCore, tempDir } from '../helpers/core';

/** Reads a database file (the live one, or one kept aside) with the vault key, read-only. */
function contactNames(file: string, keyHex: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, keyHex, 'aegis');
    return (
      db.prepare('SELECT full_name FROM contacts ORDER BY full_name').all() as { full_name: string }[]
    ).map((r) => r.full_name);
  } finally {
    db.close();
  }
}

const keptFiles = (dataDir: string) =>
  readdirSync(dataDir)
    .filter((f) => f.startsWith('ttll.db.before-restore-') && !/-(wal|shm)$/.test(f))
    .sort();

async function unlock(core: Core) {
  await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
}

/** A core with a few pages of data and one verified backup in its own folder. */
async function withBackup() {
  const s = await setupCore();
  for (let i = 0; i < 40; i++)
    await call(s.core, 'contacts.save', { fullName: `Người Liên Hệ ${i} ${'x'.repeat(150)}`, phones: [] });
  const backupDir = tempDir('ttll-bak-');
  const backup = await call(s.core, 'backup.create', { dir: backupDir });
  return { ...s, backupDir, backup: backup.file };
}

describe('restore keeps every replaced database', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('three restores in the same second keep three distinct databases, none overwritten', async () => {
    const { core, dataDir, backup } = await withBackup();
    const keyHex = core.vault.current().dataKey.toString('hex');
    // The clock stands still: every restore happens in the same second.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-15T01:30:10Z'));
    for (let i = 1; i <= 3; i++) {
      await call(core, 'contacts.save', { fullName: `Chỉ Có Trước Lần ${i}`, phones: [] });
      await call(core, 'backup.restore', { file: backup });
      await unlock(core);
    }
    const kept = keptFiles(dataDir);
    expect(kept).toHaveLength(3);
    const markers = kept.map((f) =>
      contactNames(join(dataDir, f), keyHex).filter((n) => n.startsWith('Chỉ Có Trước')),
    );
    expect(markers.flat().sort()).toEqual(['Chỉ Có Trước Lần 1', 'Chỉ Có Trước Lần 2', 'Chỉ Có Trước Lần 3']);
  });
});

import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/main/core/app';
import { applyKey } from '../../src/main/core/db/open';
import { ADMIN_PASSWORD, call, failure, setupCore, tempDir } from '../helpers/core';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const PAGE = 4096;

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
    const keyHex = core.vault.dataKey().toString('hex');
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

describe('restore reads the backup without writing to it', () => {
  it('leaves the backup byte for byte as it was and creates nothing beside it', async () => {
    const { core, backup, backupDir } = await withBackup();
    const before = sha(backup);
    const keysBefore = sha(`${backup}.keys.json`);
    const seen: string[] = [];
    const watcher = watch(backupDir, (_event, name) => {
      if (name) seen.push(String(name));
    });
    try {
      await call(core, 'backup.restore', { file: backup });
      await new Promise((r) => setTimeout(r, 200)); // let the watcher deliver what it saw
    } finally {
      watcher.close();
    }
    expect(sha(backup)).toBe(before);
    expect(sha(`${backup}.keys.json`)).toBe(keysBefore);
    expect(seen.filter((n) => /-(wal|shm|journal)$/.test(n))).toEqual([]);
    expect(readdirSync(backupDir).sort()).toEqual([
      basename(backup),
      `${basename(backup)}.anchor.json`,
      `${basename(backup)}.keys.json`,
    ]);
    await unlock(core);
    expect((await call(core, 'contacts.list', {})).total).toBe(40);
  });

  // Permission bits bind only a non-root user; as root the test above (no writes, nothing
  // created beside the file) is what shows the backup is opened read-only.
  const probe = tempDir('ttll-ro-probe-');
  chmodSync(probe, 0o555);
  let enforced = false;
  try {
    writeFileSync(join(probe, 'x'), 'x');
  } catch {
    enforced = true;
  }
  chmodSync(probe, 0o755);

  it.skipIf(process.platform === 'win32' || !enforced)(
    'restores from a read-only backup file in a read-only folder',
    async () => {
      const { core, backup, backupDir, dataDir } = await withBackup();
      await call(core, 'contacts.save', { fullName: 'Sau Sao Lưu', phones: [] });
      const before = sha(backup);
      chmodSync(backup, 0o444);
      chmodSync(`${backup}.keys.json`, 0o444);
      chmodSync(backupDir, 0o555);
      try {
        await call(core, 'backup.restore', { file: backup });
      } finally {
        chmodSync(backupDir, 0o755);
      }
      expect(sha(backup)).toBe(before);
      await unlock(core);
      // The restored database is writable although its source was not.
      await call(core, 'contacts.save', { fullName: 'Sau Khôi Phục', phones: [] });
      expect(keptFiles(dataDir)).toHaveLength(1);
    },
  );
});

type Damage = (file: string) => void;

function xorBytes(file: string, at: number, count: number) {
  const b = readFileSync(file);
  for (let i = at; i < at + count && i < b.length; i++) b[i] = b[i]! ^ 0x5a;
  writeFileSync(file, b);
}

const damages: [string, Damage][] = [
  ['bytes flipped in the middle', (f) => xorBytes(f, Math.floor(readFileSync(f).length / 2), 64)],
  ['last page altered', (f) => xorBytes(f, readFileSync(f).length - PAGE + 100, 200)],
  [
    'two pages swapped',
    (f) => {
      const b = readFileSync(f);
      const p2 = Buffer.from(b.subarray(PAGE, 2 * PAGE));
      b.copy(b, PAGE, 2 * PAGE, 3 * PAGE);
      p2.copy(b, 2 * PAGE);
      writeFileSync(f, b);
    },
  ],
  ['file one byte short', (f) => truncateSync(f, readFileSync(f).length - 1)],
  ['first page (header) altered', (f) => xorBytes(f, 200, 100)],
  ['empty file', (f) => writeFileSync(f, Buffer.alloc(0))],
  ['a file that is not a database', (f) => writeFileSync(f, '%PDF-1.7\nnot a database at all\n'.repeat(400))],
  [
    'an unencrypted SQLite database',
    (f) => {
      rmSync(f);
      const db = new Database(f);
      db.exec('CREATE TABLE users (x)');
      db.close();
    },
  ],
  ['a missing .keys.json', (f) => rmSync(`${f}.keys.json`)],
  ['a .keys.json that is not a key file', (f) => writeFileSync(`${f}.keys.json`, '{"format":')],
];

describe('a damaged backup is refused as BACKUP_INVALID', () => {
  it.each(damages)('%s', async (_name, damage) => {
    const { core, dataDir, backup } = await withBackup();
    const copy = join(tempDir('ttll-bad-'), basename(backup));
    copyFileSync(backup, copy);
    copyFileSync(`${backup}.keys.json`, `${copy}.keys.json`);
    damage(copy);
    const dataBefore = readdirSync(dataDir).sort();
    const err = await failure(core, 'backup.restore', { file: copy });
    expect(err.code).toBe('BACKUP_INVALID');
    expect(err.message).not.toContain('\n');
    // Nothing replaced, nothing left behind, the session still works.
    expect(readdirSync(dataDir).sort()).toEqual(dataBefore);
    expect(readdirSync(dirname(copy)).filter((n) => /-(wal|shm|journal)$/.test(n))).toEqual([]);
    expect((await call(core, 'vault.status', {})).state).toBe('unlocked');
    expect((await call(core, 'contacts.list', {})).total).toBe(40);
    expect(existsSync(backup)).toBe(true);
  });
});

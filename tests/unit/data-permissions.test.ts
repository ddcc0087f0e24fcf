import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, call, failure, openCore, setupCore, tempDir } from '../helpers/core';

/** Octal, so a failure reads as 644 against 600. */
const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

/** Every file the vault keeps in its folder (and its default backups folder), with its mode. */
function modes(dataDir: string): Record<string, string> {
  const out: Record<string, string> = { '.': mode(dataDir) };
  for (const f of readdirSync(dataDir)) {
    out[f] = mode(join(dataDir, f));
    if (f === 'backups')
      for (const b of readdirSync(join(dataDir, f))) out[`backups/${b}`] = mode(join(dataDir, f, b));
  }
  return out;
}

const expected = (m: Record<string, string>) =>
  Object.fromEntries(Object.keys(m).map((k) => [k, k === '.' || k === 'backups' ? '700' : '600']));

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  it('sets up a 0700 folder with 0600 files, even in a folder that existed with looser modes', async () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o755);
    const { core } = await setupCore(dataDir);
    await call(core, 'backup.create', {});
    await call(core, 'vault.lock', {});
    await failure(core, 'vault.unlock', { userName: 'admin', password: 'not-the-password' });
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const m = modes(dataDir);
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['ttll.db', 'ttll.keys.json', 'backups']));
    expect(Object.keys(m).filter((k) => k.endsWith('.ttllbak'))).toHaveLength(1);
    expect(m).toEqual(expected(m));
    await core.close();
  });

  it('tightens a folder, database, key, sealed-events and backup files left with loose modes', async () => {
    const { core, dataDir } = await setupCore();
    const other = tempDir('ttll-bak-');
    const b = await call(core, 'backup.create', {});
    const elsewhere = await call(core, 'backup.create', { dir: other });
    await call(core, 'vault.lock', {});
    await failure(core, 'vault.unlock', { userName: 'admin', password: 'not-the-password' });
    await core.close();
    expect(existsSync(join(dataDir, 'locked-events.sealed'))).toBe(true);
    chmodSync(dataDir, 0o777);
    for (const f of readdirSync(dataDir)) chmodSync(join(dataDir, f), f === 'backups' ? 0o777 : 0o666);
    for (const f of readdirSync(join(dataDir, 'backups'))) chmodSync(join(dataDir, 'backups', f), 0o644);

    const again = openCore(dataDir);
    expect(modes(dataDir)).toEqual(expected(modes(dataDir)));
    await call(again, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const m = modes(dataDir);
    expect(Object.keys(m)).toEqual(
      expect.arrayContaining([
        'ttll.db',
        'ttll.keys.json',
        'backups',
        `backups/${b.file.split(/[\\/]/).pop()}`,
      ]),
    );
    expect(m).toEqual(expected(m));
    // A backup made into a folder the user chose is 0600 too (the folder itself is theirs).
    expect(mode(elsewhere.file)).toBe('600');
    expect(mode(`${elsewhere.file}.keys.json`)).toBe('600');
    await again.close();
  });

  it('a restored database and the one kept aside are 0600, whatever the backup file mode', async () => {
    const { core, dataDir } = await setupCore();
    const dir = tempDir('ttll-bak-');
    const b = await call(core, 'backup.create', { dir });
    chmodSync(b.file, 0o644);
    await call(core, 'backup.restore', { file: b.file });
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const m = modes(dataDir);
    expect(Object.keys(m).some((k) => k.startsWith('ttll.db.before-restore-'))).toBe(true);
    expect(m).toEqual(expected(m));
    await core.close();
  });
});

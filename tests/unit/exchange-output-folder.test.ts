import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removableFolders } from '../../src/main/core/exchange/packages/outputFolder';
import { peerState } from '../../src/main/core/exchange/packages/state';
import { call, failure, tempDir } from '../helpers/core';
import { dbOf, digest, pair } from '../helpers/exchange';

describe('the folder packages are written to', () => {
  it('missing, a file, or read-only: refused with the field named, before anything is made', async () => {
    const { province } = await pair();
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức Thử', kind: 'telecom' });
    const base = tempDir('ttll-xfolder-');
    const file = join(base, 'a-file');
    writeFileSync(file, 'x');
    const readOnly = join(base, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    const before = digest(province);
    const cases: [string, string][] = [
      [join(base, 'USB-chua-cam'), 'folder-missing'],
      [file, 'folder-not-folder'],
    ];
    // root may write anywhere: the read-only case holds only for an ordinary user.
    if (process.getuid?.() !== 0) cases.push([readOnly, 'folder-read-only']);
    for (const [outDir, code] of cases) {
      const e = await failure(province.core, 'exchange.packagesExport', { to: { codes: ['UBXA'] }, outDir });
      expect(e.code).toBe('VALIDATION');
      expect(e.issues).toEqual([expect.objectContaining({ path: 'outDir', code })]);
      const again = await failure(province.core, 'exchange.packagesResend', { office: 'UBXA', outDir });
      expect(again.issues?.[0]?.code).toBe(code);
    }
    expect(readdirSync(readOnly)).toEqual([]);
    expect(digest(province)).toBe(before);
    expect(peerState(dbOf(province), 'UBXA').sentSeq).toBe(0);
    const receipts = await failure(province.core, 'exchange.packagesImport', {
      path: base,
      receiptsDir: join(base, 'USB-chua-cam'),
    });
    expect(receipts.issues?.[0]).toMatchObject({ path: 'receiptsDir', code: 'folder-missing' });
  });

  it('likely USB drives: the folders under the mount roots; none when no root exists', async () => {
    const root = tempDir('ttll-xmedia-');
    const media = join(root, 'media', 'canbo');
    const run = join(root, 'run', 'media', 'canbo');
    for (const d of [join(media, 'USB KINGSTON'), join(media, 'SANDISK'), join(run, 'DATA')])
      mkdirSync(d, { recursive: true });
    writeFileSync(join(media, 'not-a-drive.txt'), 'x');
    expect(removableFolders({ roots: [media, run, join(root, 'nowhere')], driveLetters: false })).toEqual([
      join(media, 'SANDISK'),
      join(media, 'USB KINGSTON'),
      join(run, 'DATA'),
    ]);
    expect(removableFolders({ roots: [join(root, 'nowhere')], driveLetters: false })).toEqual([]);
    const { province } = await pair();
    const listed = await call(province.core, 'exchange.removableFolders', {});
    expect(Array.isArray(listed.folders)).toBe(true);
  });
});

/**
 * A large attachment is read and encrypted once, straight into its package file. When the file
 * changes while it is read (a user saving over it), the build fails and leaves nothing, whether
 * the change keeps its size or not: here the file is written to after its first piece was read.
 */
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { newOfficeKeys } from '../../src/main/core/exchange/package/keys';
import { buildPackageFile } from '../../src/main/core/exchange/package/package';
import { attachmentsPackage } from '../helpers/packageInput';

const change = vi.hoisted(() => ({ after: null as null | ((path: string) => void), pieces: 0 }));
vi.mock('../../src/main/core/exchange/package/streams', async (original) => {
  const real = await original<typeof import('../../src/main/core/exchange/package/streams')>();
  return {
    ...real,
    async *fileChunks(path: string, seen: Parameters<typeof real.fileChunks>[1]) {
      for await (const c of real.fileChunks(path, seen)) {
        if (change.pieces++ === 0) change.after?.(path);
        yield c;
      }
    },
  };
});

describe('a file that changes while its package is built', () => {
  it.each([
    [
      'one byte overwritten (same size)',
      (path: string) => {
        const fd = openSync(path, 'r+');
        writeSync(fd, Buffer.from([0x55]), 0, 1, 2 * 1024 * 1024);
        closeSync(fd);
      },
    ],
    ['bytes added at its end', (path: string) => appendFileSync(path, 'thêm')],
  ])('%s: fails the build, and neither the package nor a part file is left', async (_, after) => {
    const at = mkdtempSync(join(tmpdir(), 'ttll-changed-'));
    const file = join(at, 'ghi-am.bin');
    writeFileSync(file, randomBytes(3 * 1024 * 1024 + 7));
    // Saved a while ago: a change now gives it another modification time, whatever the clock's grain.
    utimesSync(file, new Date('2026-11-01'), new Date('2026-11-01'));
    change.after = after;
    change.pieces = 0;
    const [p, a] = await Promise.all([newOfficeKeys('TINH'), newOfficeKeys('XA-01')]);
    const out = join(at, 'TINH-XA-01-000001.ttllpkg');
    await expect(
      buildPackageFile(attachmentsPackage(p, a, [{ contentType: 'audio/mpeg', path: file }]), out),
    ).rejects.toThrow(/changed while it was read/);
    expect(change.pieces).toBeGreaterThan(1);
    expect(readdirSync(at)).toEqual(['ghi-am.bin']);
  });
});

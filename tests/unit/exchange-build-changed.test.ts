/**
 * A large attachment is encrypted twice when a package file is built: once for its ciphertext's
 * hash and CRC (signed, and in the entry's header), once as the archive is written. When the file
 * changes between the two (a user saving over it), the build fails and leaves nothing: here the
 * second read of the file gives other bytes, as a save in between would.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { newOfficeKeys } from '../../src/main/core/exchange/package/keys';
import { buildPackageFile } from '../../src/main/core/exchange/package/package';
import { attachmentsPackage } from '../helpers/packageInput';

const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/main/core/exchange/package/streams', async (original) => {
  const real = await original<typeof import('../../src/main/core/exchange/package/streams')>();
  return {
    ...real,
    async *fileChunks(path: string) {
      const again = reads.count++ > 0;
      for await (const c of real.fileChunks(path)) {
        if (again) c[c.length >> 1]! ^= 1;
        yield c;
      }
    },
  };
});

describe('a file that changes while its package is built', () => {
  it('fails the build, and neither the package nor a part file is left', async () => {
    const at = mkdtempSync(join(tmpdir(), 'ttll-changed-'));
    const file = join(at, 'ghi-am.bin');
    writeFileSync(file, randomBytes(3 * 1024 * 1024 + 7));
    const [p, a] = await Promise.all([newOfficeKeys('TINH'), newOfficeKeys('XA-01')]);
    const out = join(at, 'TINH-XA-01-000001.ttllpkg');
    await expect(
      buildPackageFile(attachmentsPackage(p, a, [{ contentType: 'audio/mpeg', path: file }]), out),
    ).rejects.toThrow(/changed while the package was written/);
    expect(reads.count).toBe(2);
    expect(readdirSync(at)).toEqual(['ghi-am.bin']);
  });
});

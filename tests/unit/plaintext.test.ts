import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, filesContaining, setupCore } from '../helpers/core';

describe('no plaintext at rest', () => {
  it('a unique value entered through every path appears in no file of the data folder', async () => {
    const { core, dataDir } = await setupCore();
    const UNIQUE = 'Qwertzuiop Plaintextcanary';
    const org = await call(core, 'contacts.orgs.save', {
      name: `${UNIQUE} Org`,
      kind: 'telecom',
      address: UNIQUE,
    });
    await call(core, 'contacts.save', {
      fullName: UNIQUE,
      organizationId: org.id,
      phones: ['0912 345 987'],
      notes: UNIQUE,
      email: 'canary@example.vn',
    });
    const csv = `name,phone\n${UNIQUE} Import,0912345111\n`;
    const p = await call(core, 'contacts.importPreview', {
      fileName: 'c.csv',
      dataBase64: Buffer.from(csv).toString('base64'),
    });
    await call(core, 'contacts.importCommit', { previewId: p.previewId });
    await call(core, 'contacts.list', { query: 'qwertzuiop' });
    await call(core, 'backup.create', {});
    // While open (WAL and shared memory present) and after locking.
    expect(filesContaining(dataDir, 'Qwertzuiop')).toEqual([]);
    expect(filesContaining(dataDir, '0912345987')).toEqual([]);
    expect(filesContaining(dataDir, 'canary@example.vn')).toEqual([]);
    await call(core, 'vault.lock', {});
    expect(filesContaining(dataDir, 'Qwertzuiop')).toEqual([]);
    // The check itself can fail: the helper does find a value that is there.
    expect(filesContaining(dataDir, 'ttll-vault/2')).toContain(join(dataDir, 'ttll.keys.json'));
  });
});

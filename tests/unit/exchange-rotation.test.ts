import { describe, expect, it } from 'vitest';
import { readOffice } from '../../src/main/core/db/settingsStore';
import { createOwnKeys, ownKeys } from '../../src/main/core/exchange/offices/ownKeys';
import { newOfficeKeys, publicKeysOf } from '../../src/main/core/exchange/package/keys';
import { call } from '../helpers/core';
import { craftPackage, dbOf, digest, exportTo, pair, type Office } from '../helpers/exchange';

/** Retires the office's current keys and makes new ones, as a key rotation does. */
function rotate(o: Office): void {
  const db = dbOf(o);
  db.transaction(() => {
    db.prepare('UPDATE exchange_own_keys SET retired_at = ? WHERE retired_at IS NULL').run(
      new Date().toISOString(),
    );
    createOwnKeys(db, readOffice(db), new Date());
  })();
}

const importOne = async (to: Office, path: string) =>
  (await call(to.core, 'exchange.packagesImport', { path })).packages[0]!;

describe('packages addressed to a retired key', () => {
  it('still open after a rotation; one made for a key this office never had is not for us', async () => {
    const { province, commune } = await pair();
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức Thử', kind: 'telecom' });
    // Made for the commune's key of the directory, then the commune rotates while it is on its way.
    const p1 = (await exportTo(province, ['UBXA'])).files[0]!;
    const before = ownKeys(dbOf(commune)).recipient;
    rotate(commune);
    expect(ownKeys(dbOf(commune)).recipient).not.toBe(before);
    expect(await importOne(commune, p1.path)).toMatchObject({ result: 'applied', reason: null });
    const orgs = await call(commune.core, 'contacts.orgs.list', { query: 'to chuc thu' });
    expect(orgs.map((o) => o.name)).toEqual(['Tổ chức Thử']);

    // The next package, made by the province's key for a stranger key under the commune's code.
    const stranger = await newOfficeKeys('UBXA');
    const file = await craftPackage(province, commune, { recipients: [publicKeysOf(stranger)] });
    const unchanged = digest(commune);
    expect(await importOne(commune, file)).toMatchObject({ result: 'rejected', reason: 'PKG_NOT_FOR_US' });
    expect(digest(commune)).toBe(unchanged);
  });

  it('a directory published before the rotation is still accepted after it', async () => {
    const { province, commune } = await pair();
    const published = await call(province.core, 'exchange.publishDirectory', {});
    rotate(commune);
    const r = await call(commune.core, 'exchange.acceptDirectory', { dataBase64: published.file.dataBase64 });
    // Made for the commune's key of the time: opened with the key it retired since.
    expect(r).toMatchObject({ province: 'SKHCN', pinned: false });
  });
});

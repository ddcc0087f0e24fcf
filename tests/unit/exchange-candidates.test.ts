import { describe, expect, it } from 'vitest';
import { call, failure, signInAs } from '../helpers/core';
import { insertOrganization } from '../../src/main/core/contacts/organizations';
import { dbOf, exportTo, pair } from '../helpers/exchange';

describe('records that may be chosen for a package', () => {
  it('by folded Vietnamese title, only types that go to the recipients, never a classified entry', async () => {
    const { province } = await pair();
    const doc = await call(province.core, 'docs.register', {
      direction: 'out',
      level: 'none',
      type: 'CV',
      symbol: '08/SKHCN-VP',
      documentDate: '2026-05-04',
      recipients: ['UBND xã'],
      summary: 'Về việc bảo đảm thông tin liên lạc',
    });
    const secret = await call(province.core, 'docs.register', {
      direction: 'out',
      level: 'none',
      type: 'CV',
      symbol: '09/SKHCN-VP',
      documentDate: '2026-05-05',
      recipients: ['UBND xã'],
      summary: 'Về việc bảo đảm liên lạc dự phòng',
    });
    dbOf(province).prepare("UPDATE documents SET level = 'mat' WHERE id = ?").run(secret.entry.id);
    const ev = await call(province.core, 'plans.events.save', {
      name: 'Bầu cử đại biểu 2026',
      keyDay: '2026-03-15',
    });
    await call(province.core, 'contacts.orgs.save', { name: 'Đài Thông tin Duyên hải', kind: 'telecom' });

    const to = { codes: ['UBXA'] };
    const found = await call(province.core, 'exchange.packagesCandidates', { to, query: 'bao dam lien lac' });
    expect(found.items.map((i) => [i.type, i.id, i.title])).toEqual([
      ['documents', doc.entry.id, 'Về việc bảo đảm thông tin liên lạc'],
    ]);
    expect(found.truncated).toBe(false);
    const events = await call(province.core, 'exchange.packagesCandidates', { to, query: 'BAU CU' });
    expect(events.items.map((i) => [i.type, i.id])).toEqual([['plan_events', ev.id]]);
    // "đ" folds to "d" too; one type only when asked.
    const orgs = await call(province.core, 'exchange.packagesCandidates', {
      to,
      query: 'dai thong tin',
      type: 'organizations',
    });
    expect(orgs.items.map((i) => i.title)).toEqual(['Đài Thông tin Duyên hải']);
    const limited = await call(province.core, 'exchange.packagesCandidates', { to, query: '', limit: 1 });
    expect(limited).toMatchObject({ truncated: true, items: [expect.anything()] });

    // An unknown type, or recipients the directory does not have: refused.
    const bad = await failure(province.core, 'exchange.packagesCandidates', { to, query: '', type: 'nope' });
    expect(bad.code).toBe('VALIDATION');
    const nobody = await failure(province.core, 'exchange.packagesCandidates', {
      to: { codes: ['KHAC'] },
      query: '',
    });
    expect(nobody.code).toBe('VALIDATION');

    await signInAs(province.core, 'xem', 'none', 'viewer');
    expect((await failure(province.core, 'exchange.packagesCandidates', { to, query: '' })).code).toBe(
      'FORBIDDEN',
    );
  });

  it('what a commune may send up: no type that travels only down', async () => {
    const { province, commune } = await pair();
    await call(province.core, 'plans.events.save', { name: 'Sự kiện của tỉnh', keyDay: '2026-03-15' });
    // The commune holds the province's event, but events travel only down.
    const down = await exportTo(province, ['UBXA']);
    await call(commune.core, 'exchange.packagesImport', { path: down.outDir });
    expect((await call(commune.core, 'plans.events.list', {})).map((e) => e.name)).toEqual([
      'Sự kiện của tỉnh',
    ]);
    await call(commune.core, 'contacts.orgs.save', { name: 'Tổ chức của xã', kind: 'telecom' });
    const up = await call(commune.core, 'exchange.packagesCandidates', {
      to: { codes: ['SKHCN'] },
      query: '',
    });
    const types = new Set(up.items.map((i) => i.type));
    expect(types.has('organizations')).toBe(true);
    expect(types.has('plan_events')).toBe(false);
  });

  it('a table with a full-text index is searched there: words of other fields, as prefixes, newest first', async () => {
    const { province } = await pair();
    const older = await call(province.core, 'docs.register', {
      direction: 'in',
      level: 'none',
      type: 'CV',
      symbol: '56/VNPT-ĐBN',
      documentDate: '2026-05-04',
      sender: 'Viễn thông Điện Biên',
      summary: 'Về việc trực thông tin',
    });
    const newer = await call(province.core, 'docs.register', {
      direction: 'in',
      level: 'none',
      type: 'CV',
      symbol: '57/VNPT-ĐBN',
      documentDate: '2026-05-05',
      sender: 'Viễn thông Điện Biên',
      summary: 'Về việc dự phòng nguồn điện',
    });
    await call(province.core, 'contacts.save', {
      fullName: 'Trần Văn Thử',
      phones: ['0912000111'],
    });
    const to = { codes: ['UBXA'] };
    // The sender is not the title: found by the registry's index, by the start of its words.
    const docs = await call(province.core, 'exchange.packagesCandidates', {
      to,
      query: 'vien thong dien bi',
      type: 'documents',
      limit: 1,
    });
    expect(docs).toEqual({
      items: [
        {
          type: 'documents',
          id: newer.entry.id,
          title: 'Về việc dự phòng nguồn điện',
          updatedAt: expect.any(String),
        },
      ],
      truncated: true,
    });
    const both = await call(province.core, 'exchange.packagesCandidates', {
      to,
      query: 'vnpt',
      type: 'documents',
    });
    expect(both.items.map((i) => i.id).sort()).toEqual([older.entry.id, newer.entry.id].sort());
    // A contact by its phone number, which its title (the name) does not hold.
    const byPhone = await call(province.core, 'exchange.packagesCandidates', {
      to,
      query: '0912000',
      type: 'contacts',
    });
    expect(byPhone.items.map((i) => i.title)).toEqual(['Trần Văn Thử']);
  });

  it('a table without one is read page by page to its last record', async () => {
    const { province } = await pair();
    const db = dbOf(province);
    const by = { office: 'SKHCN', level: 'province' as const, user: 'admin', now: new Date() };
    db.transaction(() => {
      for (let i = 0; i < 1_234; i++)
        insertOrganization(
          db,
          { name: `Tổ chức ${i}`, kind: 'telecom', parentId: null, area: '', address: '', switchboard: '' },
          by,
        );
    })();
    const last = await call(province.core, 'exchange.packagesCandidates', {
      to: { codes: ['UBXA'] },
      query: 'to chuc 1233',
      type: 'organizations',
    });
    expect(last.items.map((i) => i.title)).toEqual(['Tổ chức 1233']);
    const all = await call(province.core, 'exchange.packagesCandidates', {
      to: { codes: ['UBXA'] },
      query: 'to chuc',
      type: 'organizations',
      limit: 500,
    });
    expect(all).toMatchObject({ truncated: true });
    expect(new Set(all.items.map((i) => i.id)).size).toBe(500);
  });
});

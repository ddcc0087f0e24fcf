import { describe, expect, it } from 'vitest';
import { call, failure, setupCore, signInAs } from '../helpers/core';

// Registering what looks like a document already in the register: the same symbol, sender and date.
describe('docs.findSimilar', () => {
  it('finds an entry with the same symbol, sender and date, spelled loosely', async () => {
    const { core } = await setupCore();
    const first = await call(core, 'docs.register', {
      direction: 'in',
      type: 'QĐ',
      symbol: '15/QĐ-UBND',
      documentDate: '2026-03-10',
      sender: 'UBND tỉnh Điện Biên',
      summary: 'Quyết định thành lập Tổ',
    });
    const similar = await call(core, 'docs.findSimilar', {
      direction: 'in',
      symbol: '15 / qd-ubnd',
      sender: 'ubnd tinh  dien bien',
      documentDate: '2026-03-10',
    });
    expect(similar.map((d) => d.id)).toEqual([first.entry.id]);
    expect(similar[0]?.summary).toBe('Quyết định thành lập Tổ');
    // Another date, sender, symbol or direction: another document.
    for (const other of [
      { documentDate: '2026-03-11' },
      { sender: 'UBND tỉnh Lai Châu' },
      { symbol: '16/QĐ-UBND' },
      { direction: 'out' as const },
    ])
      expect(
        await call(core, 'docs.findSimilar', {
          direction: 'in',
          symbol: '15/QĐ-UBND',
          sender: 'UBND tỉnh Điện Biên',
          documentDate: '2026-03-10',
          ...other,
        }),
      ).toEqual([]);
    // A voided entry was a mistake: registering it again is not a duplicate.
    await call(core, 'docs.void', { id: first.entry.id, version: first.entry.version, reason: 'nhầm' });
    expect(
      await call(core, 'docs.findSimilar', {
        direction: 'in',
        symbol: '15/QĐ-UBND',
        sender: 'UBND tỉnh Điện Biên',
        documentDate: '2026-03-10',
      }),
    ).toEqual([]);
  });

  it('never compares what the user may not read, and only registrars ask', async () => {
    const { core } = await setupCore();
    await call(core, 'docs.register', {
      direction: 'in',
      level: 'mat',
      type: 'CV',
      symbol: '7/BCH',
      documentDate: '2026-03-10',
      sender: 'Bộ Chỉ huy',
    });
    const input = {
      direction: 'in' as const,
      symbol: '7/BCH',
      sender: 'Bộ Chỉ huy',
      documentDate: '2026-03-10',
    };
    expect(await call(core, 'docs.findSimilar', input)).toHaveLength(1);
    await signInAs(core, 'vanthu', 'none', 'clerk');
    expect(await call(core, 'docs.findSimilar', input)).toEqual([]);
  });

  it('is refused to a viewer', async () => {
    const { core } = await setupCore();
    await signInAs(core, 'xem', 'none', 'viewer');
    expect(
      (await failure(core, 'docs.findSimilar', { direction: 'in', symbol: 'x', documentDate: '2026-03-10' }))
        .code,
    ).toBe('FORBIDDEN');
  });
});

describe('organisation switchboard', () => {
  it('is validated and stored like a phone', async () => {
    const { core } = await setupCore();
    const org = await call(core, 'contacts.orgs.save', {
      name: 'Viễn thông Thử',
      kind: 'telecom',
      switchboard: '0238 3800 126',
    });
    expect(org.switchboard).toBe('02383800126');
    const bad = await failure(core, 'contacts.orgs.save', {
      name: 'Sai',
      kind: 'other',
      switchboard: '12345',
    });
    expect(bad.code).toBe('VALIDATION');
    expect(bad.issues?.[0]).toMatchObject({ path: 'switchboard', code: 'phone' });
    expect((await call(core, 'contacts.orgs.save', { name: 'Trống', kind: 'other' })).switchboard).toBe('');
  });
});

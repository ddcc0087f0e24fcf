import { describe, expect, it } from 'vitest';
import { listDocuments, registerDocument, SEARCH_COUNT_CAP } from '../../src/main/core/docs/documentStore';
import { DocListInput, RegisterDocInput } from '../../src/shared/contract';
import { setupCore } from '../helpers/core';

const fields = (summary: string, level: 'none' | 'mat' = 'none') =>
  RegisterDocInput.parse({
    direction: 'in',
    level,
    type: 'CV',
    symbol: '1/UBND',
    documentDate: '2026-01-05',
    sender: 'UBND xã',
    summary,
  });
const at = (iso: string) => ({ office: 'SKHCN', user: 'admin', now: new Date(iso) });

describe('text search order and count', () => {
  it('lists matches by registration time, whatever order they were written in, ties by id', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const reg = (iso: string, level: 'none' | 'mat' = 'none') =>
      registerDocument(db, fields('Kế hoạch trực', level), at(iso)).row.id;
    // Written out of time order (a clock set back, an older entry written later), classified ones
    // found through the keyed hashes, and two in the same millisecond.
    const ids = [
      reg('2026-03-01T08:00:00.000Z'),
      reg('2026-01-01T08:00:00.000Z', 'mat'),
      reg('2026-02-01T08:00:00.000Z'),
      reg('2026-02-01T08:00:00.000Z', 'mat'),
      reg('2026-04-01T08:00:00.000Z'),
    ];
    const list = (sort: 'newest' | 'oldest', offset = 0) =>
      listDocuments(
        db,
        DocListInput.parse({ query: 'ke hoach', sort, offset, limit: 2 }),
        'tuyet-mat',
        'SKHCN',
        new Date(),
      ).items.map((e) => e.id);
    // uuidv7 ids grow in the order written: the two of 1 February tie, the first written first.
    const oldest = [ids[1], ids[2], ids[3], ids[0], ids[4]];
    const newest = [...oldest].reverse();
    expect([...list('newest'), ...list('newest', 2), ...list('newest', 4)]).toEqual(newest);
    expect([...list('oldest'), ...list('oldest', 2), ...list('oldest', 4)]).toEqual(oldest);
    const noQuery = listDocuments(db, DocListInput.parse({ limit: 10 }), 'tuyet-mat', 'SKHCN', new Date());
    expect(noQuery.items.map((e) => e.id)).toEqual(newest);
  });

  it(`counts a search up to ${SEARCH_COUNT_CAP} and says when more match`, async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    db.transaction(() => {
      for (let i = 0; i <= SEARCH_COUNT_CAP; i++)
        registerDocument(
          db,
          fields(i % 2 ? 'Báo cáo tuần' : 'Báo cáo tháng', i % 4 ? 'none' : 'mat'),
          at('2026-05-01T08:00:00Z'),
        );
    })();
    const search = (query: string) =>
      listDocuments(db, DocListInput.parse({ query, limit: 10 }), 'tuyet-mat', 'SKHCN', new Date());
    expect(search('bao cao')).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    expect(search('bao cao thang')).toMatchObject({ total: (SEARCH_COUNT_CAP + 2) / 2, totalCapped: false });
    const all = listDocuments(db, DocListInput.parse({ limit: 10 }), 'tuyet-mat', 'SKHCN', new Date());
    expect(all).toMatchObject({ total: SEARCH_COUNT_CAP + 1, totalCapped: false });
  });

  it('counts an entry matched by both indexes once, past the page and within it', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    // A classified entry's number and symbol stay in the plain index, its words are hashed in the
    // sealed one: "17 ubnd" matches each of these entries in both.
    db.transaction(() => {
      for (let i = 0; i < 30; i++)
        registerDocument(
          db,
          { ...fields('Kế hoạch trực', i % 2 ? 'none' : 'mat'), symbol: '17/UBND' },
          at('2026-05-01T08:00:00Z'),
        );
    })();
    const search = (limit: number) =>
      listDocuments(db, DocListInput.parse({ query: '17 ubnd', limit }), 'tuyet-mat', 'SKHCN', new Date());
    expect(search(10)).toMatchObject({ total: 30, totalCapped: false });
    expect(search(50)).toMatchObject({ total: 30, totalCapped: false });
    expect(search(50).items).toHaveLength(30);
    expect(new Set(search(10).items.map((e) => e.id)).size).toBe(10);
  });

  it('merges the index segments 8 at a time, and finds every entry of many batches', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    for (const index of ['documents_fts', 'documents_sealed_fts'])
      expect(db.prepare(`SELECT v FROM ${index}_config WHERE k = 'automerge'`).get()).toEqual({ v: 8 });
    // 40 batches leave more segments than one merge takes: all of them are still read.
    for (let b = 0; b < 40; b++)
      db.transaction(() => {
        for (let i = 0; i < 5; i++)
          registerDocument(
            db,
            fields(`Báo cáo đợt x${b}y`, i % 2 ? 'none' : 'mat'),
            at('2026-05-01T08:00:00Z'),
          );
      })();
    const search = (query: string) =>
      listDocuments(db, DocListInput.parse({ query, limit: 10 }), 'tuyet-mat', 'SKHCN', new Date()).total;
    expect(search('bao cao')).toBe(200);
    expect(search('bao cao dot x17y')).toBe(5);
  });
});

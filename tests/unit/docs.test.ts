import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../src/shared/contract';
import { registerDocument } from '../../src/main/core/docs/documentStore';
import { vnYear } from '../../src/shared/dates';
import { RegisterDocInput } from '../../src/shared/contract';
import { ADMIN_PASSWORD, call, failure, openCore, setupCore, signInAs } from '../helpers/core';

const entry = (over: Partial<InputOf<'docs.register'>> = {}): InputOf<'docs.register'> => ({
  direction: 'in',
  level: 'none',
  type: 'CV',
  symbol: '12/UBND-VP',
  documentDate: '2026-03-02',
  sender: 'UBND tỉnh',
  summary: 'Về việc chuẩn bị bầu cử',
  ...over,
});

const clerkAt = (now: Date) => ({ office: 'SKHCN', user: 'admin', now });

describe('document registry', () => {
  it('numbers each register gaplessly and separately, and builds outgoing symbols', async () => {
    const { core } = await setupCore();
    const a = await call(core, 'docs.register', entry());
    const b = await call(core, 'docs.register', entry());
    const s = await call(core, 'docs.register', entry({ level: 'mat' }));
    const o = await call(core, 'docs.register', entry({ direction: 'out', type: 'KH', symbol: '' }));
    const cv = await call(
      core,
      'docs.register',
      entry({ direction: 'out', type: 'CV', symbol: '', draftingUnit: 'VP' }),
    );
    const gm = await call(core, 'docs.register', entry({ direction: 'out', type: 'GM', symbol: '' }));
    expect([a.entry.number, b.entry.number]).toEqual([1, 2]);
    expect(s.entry).toMatchObject({ register: 'secret-in', number: 1 });
    expect(o.entry).toMatchObject({ register: 'out', number: 1, symbol: '01/KH-SKHCN' });
    // Nghị định 30/2020: a leading zero below 10, the drafting unit on a letter, the type's abbreviation.
    expect(cv.entry).toMatchObject({ register: 'out', number: 2, symbol: '02/SKHCN-VP' });
    expect(gm.entry).toMatchObject({ register: 'out', number: 3, symbol: '03/GM-SKHCN', type: 'GM' });
    expect(a.clockWarning).toBe(false);
  });

  it('restarts at 1 on 1 January (Vietnam time) and warns when the clock goes back', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const f = RegisterDocInput.parse(entry());
    const dec = new Date('2026-12-31T16:59:00Z'); // 23:59 in Hà Nội
    const jan = new Date('2026-12-31T17:01:00Z'); // 00:01 on 1 January 2027
    expect(vnYear(dec)).toBe(2026);
    expect(vnYear(jan)).toBe(2027);
    expect(registerDocument(db, f, clerkAt(dec)).row.number).toBe(1);
    expect(registerDocument(db, f, clerkAt(dec)).row.number).toBe(2);
    const next = registerDocument(db, f, clerkAt(jan));
    expect(next.row).toMatchObject({ year: 2027, number: 1 });
    const back = registerDocument(db, f, clerkAt(dec));
    expect(back.clockWarning).toBe(true);
    expect(back.row).toMatchObject({ year: 2026, number: 3 });
  });

  it('gives 1..100 without gap or duplicate to two connections registering at once', async () => {
    const { core, dataDir } = await setupCore();
    const other = openCore(dataDir);
    await call(other, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const calls = [];
    for (let i = 0; i < 50; i++)
      calls.push(call(core, 'docs.register', entry()), call(other, 'docs.register', entry()));
    const numbers = (await Promise.all(calls)).map((r) => r.entry.number).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('voiding keeps the number and records the reason', async () => {
    const { core } = await setupCore();
    const a = await call(core, 'docs.register', entry());
    const v = await call(core, 'docs.void', {
      id: a.entry.id,
      version: a.entry.version,
      reason: 'Vào nhầm sổ',
    });
    expect(v).toMatchObject({
      status: 'voided',
      number: 1,
      voidReason: 'Vào nhầm sổ',
      voidedBy: 'SKHCN/admin',
    });
    expect((await call(core, 'docs.register', entry())).entry.number).toBe(2);
  });

  it('refuses dates that are not calendar days, in every date field, and registers nothing', async () => {
    const { core } = await setupCore();
    for (const bad of ['2026-02-30', '2025-13-01', '9999-99-99']) {
      for (const over of [{ documentDate: bad }, { deadline: bad }]) {
        const err = await failure(core, 'docs.register', entry(over));
        expect(err.code, bad).toBe('VALIDATION');
        expect(err.message).toMatch(/calendar day/);
      }
    }
    expect((await call(core, 'docs.list', {})).total).toBe(0);
    expect((await call(core, 'docs.register', entry({ documentDate: '2024-02-29' }))).entry.number).toBe(1);
  });

  it('refuses a Tuyệt mật summary without the sender consent', async () => {
    const { core } = await setupCore();
    const err = await failure(core, 'docs.register', entry({ level: 'tuyet-mat' }));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/consent/);
    const ok = await call(core, 'docs.register', entry({ level: 'tuyet-mat', senderConsentToSummary: true }));
    expect(ok.entry.summary).toBe('Về việc chuẩn bị bầu cử');
    expect((await call(core, 'docs.register', entry({ level: 'tuyet-mat', summary: '' }))).entry.number).toBe(
      2,
    );
  });

  it('finds text without diacritics', async () => {
    const { core } = await setupCore();
    await call(core, 'docs.register', entry({ summary: 'Quyết định thành lập Ban bầu cử tỉnh Điện Biên' }));
    await call(core, 'docs.register', entry({ summary: 'Báo cáo khác' }));
    const r = await call(core, 'docs.list', { query: 'quyet dinh dien bien' });
    expect(r.total).toBe(1);
    expect(r.items[0]?.summary).toMatch(/Điện Biên/);
  });

  it('hides classified content from an uncleared user on every read path, and audits views', async () => {
    const { core } = await setupCore();
    const secret = await call(
      core,
      'docs.register',
      entry({ level: 'mat', summary: 'Phương án bí mật Điện Biên' }),
    );
    await call(core, 'docs.register', entry({ summary: 'Công văn thường' }));
    await call(core, 'docs.get', { id: secret.entry.id });
    await signInAs(core, 'vanthu', 'none');
    const list = await call(core, 'docs.list', {});
    const hidden = list.items.find((d) => d.id === secret.entry.id);
    expect(hidden).toMatchObject({
      restricted: true,
      summary: null,
      sender: null,
      recipients: null,
      number: 1,
    });
    expect((await call(core, 'docs.list', { query: 'bi mat' })).total).toBe(0);
    const { entry: got, attachments } = await call(core, 'docs.get', { id: secret.entry.id });
    expect(attachments).toEqual([]);
    expect(got).toMatchObject({ restricted: true, summary: null, level: 'mat' });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const audit = await call(core, 'audit.list', { action: 'docs.view' });
    expect(audit.items.map((e) => `${e.actor}:${e.outcome}`).sort()).toEqual(['admin:ok', 'vanthu:denied']);
  });

  it('lets a coordinator register only ordinary entries', async () => {
    const { core } = await setupCore();
    await signInAs(core, 'dieuphoi', 'mat', 'coordinator');
    expect((await call(core, 'docs.register', entry())).entry.number).toBe(1);
    expect((await failure(core, 'docs.register', entry({ level: 'mat' }))).code).toBe('FORBIDDEN');
  });
});

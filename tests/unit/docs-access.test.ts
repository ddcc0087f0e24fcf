import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/app';
import type { InputOf } from '../../src/shared/contract';
import {
  addUser,
  ADMIN_PASSWORD,
  call,
  failure,
  openCore,
  setupCore,
  switchTo,
  tempDir,
  USER_PASSWORD,
} from '../helpers/core';
import { docxParts } from '../helpers/docxRender';

const entry = (over: Partial<InputOf<'docs.register'>> = {}): InputOf<'docs.register'> => ({
  direction: 'in',
  level: 'none',
  type: 'CV',
  documentDate: '2026-03-02',
  sender: 'UBND tỉnh',
  summary: 'Công văn',
  ...over,
});

const ids = async (core: Core, input: InputOf<'docs.list'>) =>
  (await call(core, 'docs.list', input)).items.map((e) => e.id);

describe('list filters and sorts over restricted entries', () => {
  it('never let a hidden field decide whether a restricted entry matches, nor where it sorts', async () => {
    const { core } = await setupCore();
    // Registered first, due first: a deadline sort over hidden deadlines would put it before the other.
    const early = await call(
      core,
      'docs.register',
      entry({
        level: 'tuyet-mat',
        summary: '',
        urgency: 'hoa-toc',
        handler: 'Nguyễn Văn Bí',
        deadline: '2020-01-05',
      }),
    );
    const late = await call(
      core,
      'docs.register',
      entry({ level: 'mat', urgency: 'khan', handler: 'Trần Thị Mật', deadline: '2099-12-31' }),
    );
    const plain = await call(core, 'docs.register', entry({ handler: 'Phòng TTLL', deadline: '2099-06-01' }));
    await addUser(core, 'xem', 'none', 'viewer');
    await switchTo(core, 'xem');

    expect(await ids(core, { urgency: 'hoa-toc' })).toEqual([]);
    expect(await ids(core, { urgency: 'khan' })).toEqual([]);
    expect(await ids(core, { urgency: 'none' })).toEqual([plain.entry.id]);
    expect(await ids(core, { processing: 'pending' })).toEqual([plain.entry.id]);
    expect(await ids(core, { overdue: true })).toEqual([]);
    expect(await ids(core, { handler: '%' })).toEqual([]);
    expect(await ids(core, { handler: 'tran' })).toEqual([]);
    // Restricted entries sort as entries without a deadline: after the readable ones, newest first.
    expect(await ids(core, { sort: 'deadline' })).toEqual([plain.entry.id, late.entry.id, early.entry.id]);
    // What every reader sees still filters: the level, the status, the year.
    expect(await ids(core, { level: 'tuyet-mat' })).toEqual([early.entry.id]);

    await switchTo(core, 'admin', ADMIN_PASSWORD);
    expect(await ids(core, { urgency: 'hoa-toc' })).toEqual([early.entry.id]);
    expect(await ids(core, { overdue: true })).toEqual([early.entry.id]);
    expect(await ids(core, { handler: 'nguyen van bi' })).toEqual([early.entry.id]);
    expect(await ids(core, { sort: 'deadline' })).toEqual([early.entry.id, plain.entry.id, late.entry.id]);
  });

  it('matches the wildcards of LIKE (%, _, \\) in a handler filter as typed', async () => {
    const { core } = await setupCore();
    const underscore = await call(core, 'docs.register', entry({ handler: 'Tổ A_B' }));
    await call(core, 'docs.register', entry({ handler: 'Tổ AXB' }));
    const percent = await call(core, 'docs.register', entry({ handler: 'Đạt 100% kế hoạch' }));
    const slash = await call(core, 'docs.register', entry({ handler: 'Phòng C\\D' }));
    expect(await ids(core, { handler: 'a_b' })).toEqual([underscore.entry.id]);
    expect(await ids(core, { handler: '100%' })).toEqual([percent.entry.id]);
    expect(await ids(core, { handler: '%' })).toEqual([percent.entry.id]);
    expect(await ids(core, { handler: 'c\\d' })).toEqual([slash.entry.id]);
  });

  it('in a vault not yet sealed (text in clear), a handler filter cannot find a hidden handler', async () => {
    const dir = tempDir();
    cpSync(join(process.cwd(), 'tests', 'fixtures', 'vault-v1'), dir, { recursive: true });
    const core = openCore(dir);
    // A Mật clerk signs in before any administrator upgraded the vault: the Tuyệt mật entry's
    // handler is still stored in clear.
    await call(core, 'vault.unlock', { userName: 'vanthu', password: USER_PASSWORD });
    expect(await ids(core, { handler: 'Handlertokenvtwo' })).toEqual([]);
    expect((await call(core, 'docs.list', { handler: 'Handlertokenvone' })).total).toBe(1);
    core.close();
  });

  it('lists as expiring only entries whose protection period the reader may read', async () => {
    const { core } = await setupCore();
    const mat = await call(core, 'docs.register', entry({ level: 'mat', documentDate: '2016-05-10' }));
    await call(core, 'docs.register', entry({ level: 'toi-mat', documentDate: '1990-05-10' }));
    await addUser(core, 'thuky', 'mat', 'clerk');
    await switchTo(core, 'thuky');
    expect((await call(core, 'docs.expiring', { withinDays: 36500 })).map((e) => e.id)).toEqual([
      mat.entry.id,
    ]);
    expect(await failure(core, 'docs.expiring', { withinDays: -1 })).toMatchObject({ code: 'VALIDATION' });
  });
});

describe('reading classified text through lists', () => {
  const viewLists = async (core: Core) =>
    (await call(core, 'audit.list', { action: 'docs.viewList' })).items.map((e) => ({
      actor: e.actor,
      targetId: e.targetId,
      ids: e.details.ids,
    }));

  it('audits each list call that shows classified text, naming the entries shown, not their text', async () => {
    const { core } = await setupCore();
    const mat = await call(
      core,
      'docs.register',
      entry({ level: 'mat', symbol: '9/UBND', summary: 'Phương án Điện Biên' }),
    );
    const toi = await call(core, 'docs.register', entry({ level: 'toi-mat', documentDate: '1990-01-01' }));
    const plain = await call(core, 'docs.register', entry({ summary: 'Công văn thường' }));
    await addUser(core, 'vanthu', 'mat', 'clerk');
    await addUser(core, 'xem', 'none', 'viewer');

    await call(core, 'docs.list', {});
    await call(core, 'docs.list', { query: 'cong van thuong' }); // no classified text shown
    await call(core, 'docs.expiring', { withinDays: 365 });
    await call(core, 'docs.findSimilar', { direction: 'in', symbol: '9/UBND', documentDate: '2026-03-02' });
    await switchTo(core, 'vanthu');
    await call(core, 'docs.list', {});
    await switchTo(core, 'xem');
    await call(core, 'docs.list', {}); // the classified entries are shown restricted: nothing to audit
    await switchTo(core, 'admin', ADMIN_PASSWORD);

    expect((await viewLists(core)).reverse()).toEqual([
      { actor: 'admin', targetId: 'docs.list', ids: [toi.entry.id, mat.entry.id] },
      { actor: 'admin', targetId: 'docs.expiring', ids: [toi.entry.id] },
      { actor: 'admin', targetId: 'docs.findSimilar', ids: [mat.entry.id] },
      { actor: 'vanthu', targetId: 'docs.list', ids: [mat.entry.id] },
    ]);
    const logged = JSON.stringify((await call(core, 'audit.list', { action: 'docs.viewList' })).items);
    expect(logged).not.toMatch(/Điện Biên/);
    expect(logged).not.toContain(plain.entry.id);
  });
});

describe('extension of a protection period', () => {
  it('only extends: an end on or before the current one is refused and nothing is recorded', async () => {
    const { core } = await setupCore();
    const { entry: e } = await call(
      core,
      'docs.register',
      entry({ level: 'mat', documentDate: '2020-05-10' }),
    );
    expect(e.protectUntil).toBe('2030-05-10');
    const extend = (until: string) =>
      ({
        kind: 'extend',
        documentId: e.id,
        version: e.version,
        decisionRef: '12/QĐ-SKHCN',
        decidedBy: 'Giám đốc',
        decidedAt: '2026-04-01',
        until,
      }) as const;
    for (const until of ['2027-01-01', '2030-05-10']) {
      const err = await failure(core, 'docs.decide', extend(until));
      expect(err.code, until).toBe('VALIDATION');
      expect(err.message).toMatch(/only extends.*2030-05-10/);
      expect(err.issues).toEqual([expect.objectContaining({ path: 'until', code: 'not-extended' })]);
    }
    const detail = await call(core, 'docs.get', { id: e.id });
    expect(detail).toMatchObject({
      entry: { protectUntil: '2030-05-10', version: e.version },
      decisions: [],
    });
    expect((await call(core, 'docs.decide', extend('2030-05-11'))).protectUntil).toBe('2030-05-11');
  });
});

describe('the printed overdue list', () => {
  it('lists only entries whose deadline and processing the printing user may read', async () => {
    const { core } = await setupCore();
    await call(
      core,
      'docs.register',
      entry({ level: 'tuyet-mat', summary: '', symbol: '7/TM', deadline: '2020-01-05' }),
    );
    await call(
      core,
      'docs.register',
      entry({ symbol: '8/UBND', summary: 'Quá hạn thường', deadline: '2020-02-05' }),
    );
    await addUser(core, 'lanhdao', 'none', 'leader');
    await switchTo(core, 'lanhdao');
    const file = await call(core, 'docs.printOverdue', {});
    const xml = (await docxParts(Buffer.from(file.dataBase64, 'base64')))['word/document.xml'] ?? '';
    expect(xml).toContain('8/UBND');
    expect(xml).not.toContain('Hạn chế');
    expect(xml).not.toContain('7/TM');
  });
});

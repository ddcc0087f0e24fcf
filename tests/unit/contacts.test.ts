import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { call, failure, setupCore } from '../helpers/core';
import type { Core } from '../../src/main/core/app';

async function seed(core: Core) {
  const vnpt = await call(core, 'contacts.orgs.save', {
    name: 'Viễn thông Thử Nghiệm',
    kind: 'telecom',
    area: 'Phường Trung Tâm',
    switchboard: '0238 3800 126',
  });
  const xa = await call(core, 'contacts.orgs.save', {
    name: 'UBND xã Đồng Mẫu',
    kind: 'commune-committee',
    area: 'Xã Đồng Mẫu',
  });
  const duc = await call(core, 'contacts.save', {
    fullName: 'Nguyễn Văn Đức',
    position: 'Phó Giám đốc',
    organizationId: vnpt.id,
    phones: ['+84 912 000 111'],
    roles: ['focal-point'],
  });
  const an = await call(core, 'contacts.save', {
    fullName: 'Lê Thị An',
    position: 'Chủ tịch',
    organizationId: xa.id,
    phones: ['0987000222'],
    roles: ['leader'],
  });
  const binh = await call(core, 'contacts.save', {
    fullName: 'Trần Bình',
    organizationId: xa.id,
    phones: ['0383 000 333'],
    roles: ['duty-officer'],
  });
  return { vnpt, xa, duc, an, binh };
}

describe('contacts directory', () => {
  it('stores normalised phones and finds people without diacritics or case', async () => {
    const { core } = await setupCore();
    const { duc } = await seed(core);
    expect(duc.phones).toEqual(['0912000111']);
    for (const q of ['nguyen van duc', 'NGUYEN DUC', 'đức', 'duc', 'vien thong', '0912', '0912 000']) {
      const r = await call(core, 'contacts.list', { query: q });
      expect(
        r.items.map((c) => c.fullName),
        q,
      ).toEqual(['Nguyễn Văn Đức']);
    }
    expect((await call(core, 'contacts.list', { query: 'khong co ai' })).total).toBe(0);
  });

  it('filters by organisation kind and area and sorts in Vietnamese order by given name', async () => {
    const { core } = await setupCore();
    await seed(core);
    const all = await call(core, 'contacts.list', {});
    expect(all.items.map((c) => c.fullName)).toEqual(['Lê Thị An', 'Trần Bình', 'Nguyễn Văn Đức']);
    const commune = await call(core, 'contacts.list', { kind: 'commune-committee' });
    expect(commune.items.map((c) => c.fullName)).toEqual(['Lê Thị An', 'Trần Bình']);
    const area = await call(core, 'contacts.list', { area: 'Phường Trung Tâm' });
    expect(area.items.map((c) => c.fullName)).toEqual(['Nguyễn Văn Đức']);
  });

  it('pages a text search in Vietnamese order, counting and listing no deleted contact', async () => {
    const { core } = await setupCore();
    const { xa } = await seed(core);
    // Given names whose order is Vietnamese, not code-point: A < Ă < Â < B < D < Đ < E < Ê ...
    const given = [
      'Ưng',
      'Ân',
      'Đạt',
      'Ơn',
      'Ê',
      'Ăng',
      'Dũng',
      'Yên',
      'Ô',
      'Anh',
      'Bảo',
      'Em',
      'Uyên',
      'Oanh',
    ];
    const saved = [];
    for (const g of given)
      saved.push(await call(core, 'contacts.save', { fullName: `Hồ Văn ${g}`, organizationId: xa.id }));
    for (const gone of [saved[2]!, saved[9]!])
      await call(core, 'contacts.delete', { id: gone.id, version: 1 });
    const live = ['Ăng', 'Ân', 'Bảo', 'Dũng', 'Em', 'Ê', 'Oanh', 'Ô', 'Ơn', 'Uyên', 'Ưng', 'Yên'];
    const pages = async (filter: object) => {
      const names: string[] = [];
      for (let offset = 0; offset < 15; offset += 5) {
        const r = await call(core, 'contacts.list', { query: 'ho van', limit: 5, offset, ...filter });
        expect(r.total).toBe(live.length);
        names.push(...r.items.map((c) => c.fullName));
      }
      return names;
    };
    const expected = live.map((g) => `Hồ Văn ${g}`);
    // The text alone is answered by the index; with an organisation filter, through the contacts.
    expect(await pages({})).toEqual(expected);
    expect(await pages({ organizationId: xa.id })).toEqual(expected);
    // A page past the last match still says how many there are.
    const past = await call(core, 'contacts.list', { query: 'ho van', limit: 5, offset: 20 });
    expect([past.items.length, past.total]).toEqual([0, live.length]);
  });

  it('rejects a phone that is not Vietnamese, naming the field', async () => {
    const { core } = await setupCore();
    const err = await failure(core, 'contacts.save', { fullName: 'Sai Số', phones: ['0912000111', '12345'] });
    expect(err.code).toBe('VALIDATION');
    expect(err.issues?.[0]).toMatchObject({ path: 'phones.1', code: 'phone' });
    expect((await call(core, 'contacts.list', {})).total).toBe(0);
  });

  it('flags duplicates by normalised phone', async () => {
    const { core } = await setupCore();
    const { duc } = await seed(core);
    const twin = await call(core, 'contacts.save', { fullName: 'Người Trùng Số', phones: ['0912.000.111'] });
    expect(twin.duplicateOf).toEqual([duc.id]);
    const list = await call(core, 'contacts.list', { query: 'duc' });
    expect(list.items[0]?.duplicateOf).toEqual([twin.id]);
  });

  it('counts the directory and its duplicates in the core, matching the listed flags', async () => {
    const { core } = await setupCore();
    expect(await call(core, 'contacts.stats', {})).toEqual({ total: 0, duplicates: 0 });
    const { duc, an } = await seed(core);
    // Trùng Hai shares two numbers with three people yet counts once; a deleted contact's number counts for no one.
    await call(core, 'contacts.save', { fullName: 'Trùng Một', phones: ['0912.000.111'] });
    await call(core, 'contacts.save', { fullName: 'Trùng Hai', phones: ['0912000111', '0987000222'] });
    const gone = await call(core, 'contacts.save', { fullName: 'Đã Xoá', phones: ['0383000333'] });
    await call(core, 'contacts.delete', { id: gone.id, version: gone.version });
    const stats = await call(core, 'contacts.stats', {});
    const all = await call(core, 'contacts.list', { limit: 5000 });
    expect(stats).toEqual({
      total: all.total,
      duplicates: all.items.filter((c) => c.duplicateOf.length > 0).length,
    });
    expect(stats).toEqual({ total: 5, duplicates: 4 });
    expect(all.items.filter((c) => c.duplicateOf.length > 0).map((c) => c.id)).toEqual(
      expect.arrayContaining([duc.id, an.id]),
    );
  });

  it('edits with version checks, deletes as a tombstone and restores (undo)', async () => {
    const { core } = await setupCore();
    const { an } = await seed(core);
    const edited = await call(core, 'contacts.save', {
      ...an,
      id: an.id,
      version: an.version,
      position: 'Phó Chủ tịch',
    });
    expect(edited.version).toBe(2);
    expect((await failure(core, 'contacts.save', { ...an, id: an.id, version: 1 })).code).toBe('CONFLICT');
    await call(core, 'contacts.delete', { id: an.id, version: 2 });
    expect((await call(core, 'contacts.list', { query: 'le thi an' })).total).toBe(0);
    const { db } = core.vault.current();
    const row = db.prepare('SELECT deleted, version FROM contacts WHERE id = ?').get(an.id) as {
      deleted: number;
      version: number;
    };
    expect(row).toEqual({ deleted: 1, version: 3 });
    await call(core, 'contacts.restore', { id: an.id });
    expect((await call(core, 'contacts.list', { query: 'le thi an' })).total).toBe(1);
  });

  it('renaming an organisation keeps its contacts findable by the new name', async () => {
    const { core } = await setupCore();
    const { vnpt } = await seed(core);
    await call(core, 'contacts.orgs.save', {
      ...vnpt,
      id: vnpt.id,
      version: vnpt.version,
      name: 'Bưu điện Mới Đổi Tên',
    });
    expect(
      (await call(core, 'contacts.list', { query: 'buu dien moi' })).items.map((c) => c.fullName),
    ).toEqual(['Nguyễn Văn Đức']);
  });

  it('refuses an organisation that would be its own ancestor', async () => {
    const { core } = await setupCore();
    const a = await call(core, 'contacts.orgs.save', { name: 'A', kind: 'other' });
    const b = await call(core, 'contacts.orgs.save', { name: 'B', kind: 'other', parentId: a.id });
    expect(
      (await failure(core, 'contacts.orgs.save', { ...a, id: a.id, version: a.version, parentId: b.id }))
        .code,
    ).toBe('VALIDATION');
  });

  it('imports a CSV: bad rows shown with line and reason, valid rows committed in one go', async () => {
    const { core } = await setupCore();
    await seed(core);
    const csv = [
      'Họ và tên,Chức vụ,Cơ quan,Số điện thoại,Email,Vai trò',
      'Phạm Thị Mới,Cán bộ,Bưu điện Thử Nghiệm,0912 555 001,moi@example.vn,Đầu mối',
      ',Thiếu tên,Bưu điện Thử Nghiệm,0912 555 002,,',
      'Hồ Văn Số Sai,Cán bộ,Bưu điện Thử Nghiệm,12345,,',
      'Đặng Trùng,Cán bộ,UBND xã Đồng Mẫu,0987 000 222,,Trực',
    ].join('\n');
    const p = await call(core, 'contacts.importPreview', {
      fileName: 'danh-ba.csv',
      dataBase64: Buffer.from(csv).toString('base64'),
    });
    expect(p.rows.map((r) => [r.line, r.status, r.reason])).toEqual([
      [2, 'valid', null],
      [3, 'invalid', 'missing-name'],
      [4, 'invalid', 'bad-phone'],
      [5, 'duplicate', 'duplicate-in-directory'],
    ]);
    // Nothing is written by the preview.
    expect((await call(core, 'contacts.list', {})).total).toBe(3);
    const c = await call(core, 'contacts.importCommit', { previewId: p.previewId });
    expect(c).toEqual({ imported: 1, organizationsCreated: 1 });
    expect((await call(core, 'contacts.list', { query: 'pham thi moi' })).items[0]?.organizationName).toBe(
      'Bưu điện Thử Nghiệm',
    );
    // A preview is used once.
    expect((await failure(core, 'contacts.importCommit', { previewId: p.previewId })).code).toBe('NOT_FOUND');
  });

  it('an import that fails part-way leaves nothing behind', async () => {
    const { core } = await setupCore();
    const csv = 'name,phone\nMột,0912555001\nHai,0912555002\n';
    const p = await call(core, 'contacts.importPreview', {
      fileName: 'a.csv',
      dataBase64: Buffer.from(csv).toString('base64'),
    });
    const { db } = core.vault.current();
    // Make the second insert fail inside the commit transaction.
    db.exec(
      `CREATE TEMP TRIGGER boom BEFORE INSERT ON contacts WHEN NEW.full_name = 'Hai' BEGIN SELECT RAISE(ABORT, 'boom'); END;`,
    );
    expect((await core.invoke('contacts.importCommit', { previewId: p.previewId })).ok).toBe(false);
    db.exec('DROP TRIGGER boom');
    expect((await call(core, 'contacts.list', {})).total).toBe(0);
    expect((await call(core, 'audit.list', { action: 'contacts.import' })).total).toBe(0);
  });

  it('refuses a file that is not a table', async () => {
    const { core } = await setupCore();
    const err = await failure(core, 'contacts.importPreview', {
      fileName: 'x.pdf',
      dataBase64: Buffer.from('%PDF').toString('base64'),
    });
    expect(err.code).toBe('IMPORT_INVALID');
  });

  it('exports XLSX and CSV with every live contact, audited', async () => {
    const { core } = await setupCore();
    await seed(core);
    const x = await call(core, 'contacts.export', { format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.dataBase64, 'base64') as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0]?.eachRow((row, n) => n > 1 && names.push(String(row.getCell(1).value)));
    expect(names.sort()).toEqual(['Lê Thị An', 'Nguyễn Văn Đức', 'Trần Bình'].sort());
    const c = await call(core, 'contacts.export', { format: 'csv' });
    const text = Buffer.from(c.dataBase64, 'base64').toString('utf8');
    expect(text).toContain('Nguyễn Văn Đức');
    expect((await call(core, 'audit.list', { action: 'contacts.export' })).total).toBe(2);
  });

  it('prints the directory as a .docx and audits it', async () => {
    const { core } = await setupCore();
    await seed(core);
    const f = await call(core, 'contacts.printDirectory', {
      signerTitle: 'GIÁM ĐỐC',
      signerName: 'Hoàng Minh Thử',
    });
    expect(f.fileName).toMatch(/\.docx$/);
    expect(Buffer.from(f.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
    expect((await call(core, 'audit.list', { action: 'contacts.print' })).total).toBe(1);
  });
});

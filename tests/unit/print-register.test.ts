import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertRecord } from '../../src/main/core/db/recordKernel';
import { TRANSFER_RECORDS } from '../../src/main/core/docs/lifecycle';
import { textWidthMm } from '../../src/main/core/print/officialDocx';
import { textWidthOf } from '../../src/main/core/print/textWidth';
import { registerDocument, voidDocument } from '../../src/main/core/docs/documentStore';
import { LAYOUT_FILES, parseLayout, registerLayout } from '../../src/main/core/docs/registerLayouts';
import type { Core } from '../../src/main/core/app';
import { PRINT_REGISTERS, RegisterDocInput, type InputOf } from '../../src/shared/contract';
import { vnYear } from '../../src/shared/dates';
import { initCliDataDir, runCli } from '../helpers/cli';
import { ADMIN_PASSWORD, call, failure, setupCore, signInAs } from '../helpers/core';
import { docxParts, docxToPdf, hasCommand, pdfInfo, pdfText, pdfToPng } from '../helpers/docxRender';

const YEAR = 2026;
const at = (day: number) => new Date(Date.UTC(YEAR, 2, day, 2, 0)); // 09:00 in Hà Nội, March
const adminAt = (day: number) => ({ office: 'SKHCN', user: 'admin', now: at(day) });

const entry = (over: Partial<InputOf<'docs.register'>> = {}) =>
  RegisterDocInput.parse({
    direction: 'in',
    type: 'CV',
    symbol: '12/UBND-VP',
    documentDate: '2026-03-02',
    sender: 'UBND tỉnh Thử Nghiệm',
    summary: 'Về việc chuẩn bị bầu cử',
    handler: 'Phòng Bưu chính',
    ...over,
  });

/** 30 ordinary entries (so the table runs onto a second page), one voided, and two classified. */
async function seeded(): Promise<Core> {
  const { core } = await setupCore();
  const { db } = core.vault.current();
  for (let i = 1; i <= 30; i++) {
    registerDocument(
      db,
      entry({ symbol: `${i}/UBND-VP`, summary: `Về việc kiểm tra trạm phát sóng số ${i}` }),
      adminAt(1 + (i % 20)),
    );
  }
  const third = db
    .prepare('SELECT id, version FROM documents WHERE number = 3 AND register = ?')
    .get('in') as {
    id: string;
    version: number;
  };
  voidDocument(db, third.id, third.version, 'Vào sổ trùng', adminAt(3));
  registerDocument(
    db,
    entry({
      level: 'mat',
      type: 'QĐ',
      symbol: '15/QĐ-UBND',
      summary: 'Thành lập Ban bầu cử',
      urgency: 'khan',
    }),
    adminAt(4),
  );
  const secret = registerDocument(
    db,
    entry({ level: 'toi-mat', symbol: '7/BCH', summary: 'Phương án bảo đảm liên lạc' }),
    adminAt(5),
  ).row;
  insertRecord(
    db,
    TRANSFER_RECORDS,
    {
      documentId: secret.id,
      year: YEAR,
      number: 1,
      transferredAt: at(6).toISOString(),
      toPerson: 'Lê Văn Nhận',
      toUnit: 'Phòng Viễn thông',
      purpose: 'Nghiên cứu',
      returnedAt: null,
      returnNote: '',
    },
    adminAt(6),
  );
  return core;
}

async function printed(core: Core, input: InputOf<'docs.printRegister'>) {
  const f = await call(core, 'docs.printRegister', input);
  const buf = Buffer.from(f.dataBase64, 'base64');
  return { file: f, buf, parts: await docxParts(buf) };
}

describe('register layouts', () => {
  it('ships one valid layout per register, filling the text width of its orientation', () => {
    const files = readdirSync(join(process.cwd(), 'resources', 'registers')).sort();
    expect(files).toEqual(Object.keys(LAYOUT_FILES).sort());
    for (const file of files) {
      const raw: unknown = JSON.parse(readFileSync(join('resources', 'registers', file), 'utf8'));
      const layout = parseLayout(file, raw);
      expect(layout.columns.reduce((a, c) => a + c.widthMm, 0)).toBe(textWidthMm(layout.orientation));
    }
    for (const r of PRINT_REGISTERS) expect(registerLayout(r).layout).toBe(r);
    expect(registerLayout('secret-in').unconfirmed).toBe(true);
    expect(registerLayout('secret-in').columns.map((c) => c.header)).toEqual(
      expect.arrayContaining(['Độ mật', 'Ghi chú']),
    );
    // The legal basis is named in the layout file (and only there).
    for (const r of ['secret-in', 'secret-out', 'transfer', 'copy'] as const)
      expect(registerLayout(r).basis).toMatch(/Luật Bảo vệ bí mật nhà nước 2018.*Nghị định 26\/2020\/NĐ-CP/);
  });

  it('fits every word of every header in its column, so none breaks inside a word', () => {
    const cellMarginsMm = (2 * 80 * 25.4) / 1440; // the data cells' side margins
    for (const r of PRINT_REGISTERS) {
      const layout = registerLayout(r);
      for (const c of layout.columns)
        for (const word of c.header.split(/\s+/))
          expect(
            textWidthOf(word, layout.fontPt, true),
            `${r}: "${word}" in "${c.header}"`,
          ).toBeLessThanOrEqual(c.widthMm - cellMarginsMm);
    }
    // The incoming book's symbol column takes "56/VNPT-ĐBN-" on one line, its notes a few words.
    const symbol = registerLayout('in').columns.find((c) => c.field === 'symbol');
    expect(textWidthOf('56/VNPT-ĐBN-', 11, false)).toBeLessThanOrEqual(
      (symbol?.widthMm ?? 0) - cellMarginsMm,
    );
  });

  it('rejects a bad layout file with a message naming the file', () => {
    const good = LAYOUT_FILES['in.json'] as { columns: { field: string; widthMm: number }[] };
    const unknownField = {
      ...good,
      columns: [{ ...good.columns[0], field: 'password' }, ...good.columns.slice(1)],
    };
    expect(() => parseLayout('in.json', unknownField)).toThrow(/in\.json: unknown field "password"/);
    const narrow = { ...good, columns: good.columns.slice(1) };
    expect(() => parseLayout('in.json', narrow)).toThrow(/in\.json: columns total \d+ mm/);
    expect(() => parseLayout('out.json', good)).toThrow(/out\.json: "layout" is in/);
    expect(() => parseLayout('in.json', { ...good, version: 'one' })).toThrow(/in\.json: version/);
  });
});

describe('docs.printRegister', () => {
  it('prints the incoming register as a landscape bound book', async () => {
    const core = await seeded();
    const { file, parts } = await printed(core, { register: 'in', year: YEAR });
    expect(file.fileName).toMatch(/^so-in-2026-.*\.docx$/);
    const doc = parts['word/document.xml'] ?? '';
    expect(doc).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(doc).toMatch(/<w:tblHeader\/>/);
    expect(doc).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(doc).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH THỬ NGHIỆM');
    expect(doc).toContain('Năm 2026');
    expect(doc).toContain('Từ ngày 01/01/2026 đến ngày 31/12/2026');
    expect(doc).toContain('Từ số 1 đến số 30');
    expect(doc).toContain('Tên loại và trích yếu nội dung');
    for (let i = 1; i <= 30; i++) {
      expect(doc).toContain(`<w:t xml:space="preserve">${i}</w:t>`);
      expect(doc).toContain(`Về việc kiểm tra trạm phát sóng số ${i}<`);
    }
    expect(doc).toContain('(Đã hủy số: Vào sổ trùng)');
    expect(doc).toContain('02/03/2026'); // document date, dd/mm/yyyy
    // Rows in number order.
    const order = [...doc.matchAll(/trạm phát sóng số (\d+)</g)].map((m) => Number(m[1]));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Classified entries live in their own book, never in the ordinary one.
    expect(doc).not.toContain('Thành lập Ban bầu cử');
    const headers = Object.entries(parts).filter(([n]) => n.startsWith('word/header'));
    expect(headers.some(([, xml]) => /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/.test(xml))).toBe(true);
    expect(doc).toMatch(/<w:pgNumType w:start="1"\/>/);

    const audit = await call(core, 'audit.list', { action: 'docs.print' });
    expect(audit.items[0]).toMatchObject({ outcome: 'ok', targetId: 'in' });
    expect(audit.items[0]?.details).toMatchObject({ register: 'in', year: YEAR, rows: 30 });
  });

  it('prints the secret incoming register with levels, urgency and the cover mark', async () => {
    const core = await seeded();
    const doc = (await printed(core, { register: 'secret-in', year: YEAR })).parts['word/document.xml'] ?? '';
    expect(doc).toContain('SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN');
    expect(doc).toContain('TỐI MẬT'); // highest level present, stamped on the cover
    expect(doc).toContain('Quyết định thành lập Ban bầu cử');
    expect(doc).toContain('Phương án bảo đảm liên lạc');
    expect(doc).toContain('Tối mật');
    // The legal basis stays in the layout file: nothing internal on the page.
    expect(doc).not.toContain('Thông tư 24/2020/TT-BCA');
    const transfer =
      (await printed(core, { register: 'transfer', year: YEAR })).parts['word/document.xml'] ?? '';
    expect(transfer).toContain('Lê Văn Nhận');
    expect(transfer).toContain('09:00 06/03/2026');
  });

  it('limits the book to the period asked for', async () => {
    const core = await seeded();
    const doc =
      (await printed(core, { register: 'in', year: YEAR, from: '2026-03-05', to: '2026-03-06' })).parts[
        'word/document.xml'
      ] ?? '';
    expect(doc).toContain('Từ ngày 05/03/2026 đến ngày 06/03/2026');
    expect(doc).toContain('trạm phát sóng số 4<');
    expect(doc).not.toContain('trạm phát sóng số 6<');
    expect(
      (await failure(core, 'docs.printRegister', { register: 'in', year: YEAR, from: '2025-12-01' })).code,
    ).toBe('VALIDATION');
  });

  it('refuses a user cleared below the highest level present, and audits it as denied', async () => {
    const core = await seeded();
    await signInAs(core, 'vanthu', 'mat', 'clerk');
    // Mật is enough for the ordinary book but not for a secret book holding a Tối mật entry.
    expect((await call(core, 'docs.printRegister', { register: 'in', year: YEAR })).mime).toContain('word');
    const refused = await failure(core, 'docs.printRegister', { register: 'secret-in', year: YEAR });
    expect(refused.code).toBe('FORBIDDEN');
    // An empty secret book still needs Mật.
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    await signInAs(core, 'lanhdao', 'none', 'leader');
    expect((await failure(core, 'docs.printRegister', { register: 'secret-out', year: YEAR })).code).toBe(
      'FORBIDDEN',
    );
    expect((await call(core, 'docs.printOverdue', {})).fileName).toMatch(/\.docx$/);
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const audit = await call(core, 'audit.list', { action: 'docs.print' });
    const denied = audit.items.filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => `${e.actor}:${e.targetId}`).sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/vanthu:secret-in$/),
        expect.stringMatching(/lanhdao:secret-out$/),
      ]),
    );
    expect(denied.find((e) => e.targetId === 'secret-in')?.details).toMatchObject({ year: YEAR, rows: 2 });
  });

  it('forbids a coordinator', async () => {
    const { core } = await setupCore();
    await call(core, 'users.create', {
      userName: 'dieuphoi',
      fullName: 'Điều Phối',
      role: 'coordinator',
      clearance: 'none',
      password: 'mat-khau-nguoi-1',
    });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'dieuphoi', password: 'mat-khau-nguoi-1' });
    expect((await failure(core, 'docs.printRegister', { register: 'in', year: YEAR })).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('docs.printOverdue', () => {
  it('lists overdue entries, leaving out those above the reader clearance', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    registerDocument(db, entry({ summary: 'Báo cáo tình hình mạng', deadline: '2026-01-10' }), adminAt(1));
    registerDocument(db, entry({ summary: 'Chưa đến hạn', deadline: '2099-01-01' }), adminAt(1));
    registerDocument(
      db,
      entry({ level: 'mat', summary: 'Nội dung mật quá hạn', deadline: '2026-01-11' }),
      adminAt(1),
    );
    const asAdmin = (
      await docxParts(Buffer.from((await call(core, 'docs.printOverdue', {})).dataBase64, 'base64'))
    )['word/document.xml'];
    expect(asAdmin).toContain('DANH SÁCH VĂN BẢN QUÁ HẠN XỬ LÝ');
    expect(asAdmin).toContain('Báo cáo tình hình mạng');
    expect(asAdmin).toContain('Nội dung mật quá hạn');
    expect(asAdmin).toContain('10/01/2026');
    expect(asAdmin).not.toContain('Chưa đến hạn');
    expect(asAdmin).toContain('Quá hạn (ngày)');
    await signInAs(core, 'lanhdao', 'none', 'leader');
    const asLeader = (
      await docxParts(Buffer.from((await call(core, 'docs.printOverdue', {})).dataBase64, 'base64'))
    )['word/document.xml'];
    expect(asLeader).toContain('Báo cáo tình hình mạng');
    expect(asLeader).not.toContain('Nội dung mật quá hạn');
    // Its deadline and processing are hidden from the leader: not even a restricted row (issue 9 §4).
    expect(asLeader).not.toContain('Hạn chế');
    expect(asLeader).not.toContain('11/01/2026');
  });
});

describe('CLI docs print-register', () => {
  it('writes the book to a file, and fails on one line without --register', () => {
    const dir = initCliDataDir('ttll-cli-print-');
    const json = join(dir, 'doc.json');
    writeFileSync(
      json,
      JSON.stringify({
        direction: 'in',
        type: 'CV',
        symbol: '9/UBND',
        date: '2026-05-04',
        summary: 'Về việc thử in sổ',
      }),
    );
    expect(runCli(dir, ['docs', 'register', '--json', json]).code).toBe(0);
    const out = join(dir, 'so-den.docx');
    const year = String(vnYear(new Date()));
    const r = runCli(dir, ['docs', 'print-register', '--register', 'in', '--year', year, '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(out);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const bad = runCli(dir, ['docs', 'print-register', '--year', year, '--out', out]);
    expect(bad.code).not.toBe(0);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/--register/);
    const badRegister = runCli(dir, [
      'docs',
      'print-register',
      '--register',
      'x',
      '--year',
      year,
      '--out',
      out,
    ]);
    expect(badRegister.code).not.toBe(0);
    expect(badRegister.err.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});

const canRender = hasCommand('soffice') && hasCommand('pdftotext') && hasCommand('pdfinfo');

describe('register print through LibreOffice', () => {
  const requireRender = process.env.CI === 'true';
  it.runIf(canRender || requireRender)(
    'renders the cover and landscape pages with the header row repeated',
    async () => {
      expect(canRender, 'soffice, pdftotext and pdfinfo must be installed in CI').toBe(true);
      const core = await seeded();
      const { buf } = await printed(core, { register: 'in', year: YEAR });
      // PRINT_CHECK_DIR=/tmp/print-check keeps the PDF and PNG pages for a look.
      const outDir = process.env.PRINT_CHECK_DIR || mkdtempSync(join(tmpdir(), 'ttll-register-'));
      const pdf = await docxToPdf(buf, outDir);
      const info = await pdfInfo(pdf);
      expect(info.width).toBeCloseTo(841.89, 0);
      expect(info.height).toBeCloseTo(595.28, 0);
      expect(info.pages).toBeGreaterThanOrEqual(3); // cover and at least two table pages
      const pages = (await pdfText(pdf)).split('\f');
      expect(pages[0]).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
      expect(pages[0]).not.toContain('Tác giả');
      expect(pages[1]).toContain('Tác giả');
      expect(pages[2]).toContain('Tác giả'); // header row repeated
      expect(pages[2]).toMatch(/^\s*2\s*$/m); // its page number
      if (hasCommand('pdftoppm')) expect((await pdfToPng(pdf, outDir)).every(existsSync)).toBe(true);
    },
    90_000,
  );
});

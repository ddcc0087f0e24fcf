/**
 * Every printout, rendered through LibreOffice as it would come out of the printer, and checked
 * from the PDF text and the .docx XML: no internal words on any page, date lines per Nghị định
 * 30/2020, a three-line signer on three lines, the incoming register's ten columns and numbered
 * row, the signature kept with the body, the titles of the classified registers.
 *
 * PRINT_CHECK_DIR=/tmp/print-check keeps each printout's .docx, PDF and PNG pages for a look.
 * Fictional names, numbers and addresses only (the seed documents hold real ones).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/app';
import { buildOfficialDocx, type BodyBlock } from '../../src/main/core/print/officialDocx';
import { textWidthOf } from '../../src/main/core/print/textWidth';
import { putSetting } from '../../src/main/core/db/settingsStore';
import type { InputOf } from '../../src/shared/contract';
import { initCliDataDir, runCli } from '../helpers/cli';
import { ADMIN_PASSWORD, call, failure, signInAs, TEST_OFFICE, tempDir } from '../helpers/core';
import { docxParts, docxToPdf, hasCommand, pdfInfo, pdfText, pdfToPng } from '../helpers/docxRender';

const canRender = hasCommand('soffice') && hasCommand('pdftotext') && hasCommand('pdfinfo');
const requireRender = process.env.CI === 'true';
const KEEP = process.env.PRINT_CHECK_DIR;

/** Words that belong to the layout files and the code, never on paper. */
const INTERNAL =
  /bố cục|phiên bản|chưa đối chiếu|unconfirmed|layout|version|Mẫu sổ:|Thông tư 24|Nghị định 26/i;
/** Any date line: a day with its zero, a month with a zero only for 01 and 02. */
const DATE_LINE = /, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}/;

// 09:00 on 5 March 2026 in Vietnam: "ngày 05 tháng 3".
const clock = new Date('2026-03-05T02:00:00Z');
const THREE_LINES = 'TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH';
const LONG_SYMBOL = '56/VNPT-ĐBN-KTĐH';
const VOID_REASON = 'Vào sổ trùng với văn bản số 12 đã đăng ký trước đó';

interface Rendered {
  buf: Buffer;
  xml: string;
  text: string;
  pages: string[];
  width: number;
  height: number;
}

/** Strips the zero-width break opportunities, as a reader sees the text. */
const plain = (t: string) => t.replace(/\u200b/g, '');

async function render(name: string, buf: Buffer): Promise<Rendered> {
  const dir = KEEP ? join(KEEP, name) : mkdtempSync(join(tmpdir(), `ttll-${name}-`));
  mkdirSync(dir, { recursive: true });
  const pdf = await docxToPdf(buf, dir);
  if (KEEP) {
    writeFileSync(join(dir, `${name}.docx`), buf);
    if (hasCommand('pdftoppm')) await pdfToPng(pdf, dir, 50);
  }
  const text = plain(await pdfText(pdf));
  const info = await pdfInfo(pdf);
  const xml = (await docxParts(buf))['word/document.xml'] ?? '';
  return { buf, xml, text, pages: text.split('\f'), width: info.width, height: info.height };
}

const file = (f: { dataBase64: string }) => Buffer.from(f.dataBase64, 'base64');

async function seed(): Promise<{ core: Core; ids: Record<string, string> }> {
  const core = Core.open({ dataDir: tempDir(), kdfTargetMs: 50, now: () => clock });
  await call(core, 'vault.setup', {
    office: TEST_OFFICE,
    admin: { userName: 'admin', fullName: 'Quản Trị Viên', password: ADMIN_PASSWORD, clearance: 'tuyet-mat' },
  });
  await call(core, 'settings.updateOffice', {
    parentOffice: 'UBND tỉnh Thử Nghiệm',
    placeName: 'Thử Nghiệm',
    draftingUnits: [
      { code: 'HTS', name: 'Phòng Hạ tầng số' },
      { code: 'VP', name: 'Văn phòng' },
    ],
  });
  const reg = (over: Partial<InputOf<'docs.register'>>) =>
    call(core, 'docs.register', {
      direction: 'in',
      type: 'CV',
      symbol: '12/UBND-VP',
      documentDate: '2026-03-02',
      sender: 'UBND xã Mẫu Sơn',
      summary: 'Về việc chuẩn bị bầu cử',
      handler: 'Phòng Hạ tầng số',
      ...over,
    } as InputOf<'docs.register'>);
  const ids: Record<string, string> = {};
  ids.decision = (
    await reg({
      type: 'QĐ',
      symbol: '15/QĐ-UBND',
      summary: 'Thành lập Tổ bảo đảm thông tin liên lạc phục vụ bầu cử',
    })
  ).entry.id;
  await reg({ symbol: LONG_SYMBOL, sender: 'Viễn thông Thử Nghiệm', summary: 'Về việc ứng cứu thông tin' });
  const voided = (await reg({ summary: 'Vào nhầm' })).entry;
  await call(core, 'docs.void', { id: voided.id, version: voided.version, reason: VOID_REASON });
  for (let i = 1; i <= 24; i++)
    await reg({
      symbol: `${i}/UBND-VP`,
      summary: `Về việc kiểm tra trạm phát sóng số ${i}`,
      deadline: i <= 3 ? `2026-03-0${i}` : null,
    });
  await reg({ direction: 'out', type: 'GM', symbol: '', summary: 'Họp triển khai', signer: 'Trần Thị Mẫu' });
  await reg({ direction: 'out', type: 'CV', symbol: '', draftingUnit: 'HTS', summary: 'V/v trực 24/7' });
  // Classified: one received (Mật) and one sent (Tối mật), transferred, copied and decided on.
  const secretIn = (
    await reg({ level: 'mat', type: 'KH', symbol: '7/KH-BCH', summary: 'Phương án bảo đảm liên lạc' })
  ).entry;
  ids.secretIn = secretIn.id;
  const recalled = (await reg({ level: 'mat', symbol: '8/BCH', summary: 'Danh sách điểm bỏ phiếu' })).entry;
  const declassified = (await reg({ level: 'mat', symbol: '9/BCH', summary: 'Sơ đồ tuyến cáp' })).entry;
  const destroyed = (
    await reg({
      level: 'toi-mat',
      direction: 'out',
      type: 'BC',
      symbol: '',
      summary: 'Tình hình an ninh mạng',
      copies: 3,
      pages: 4,
    })
  ).entry;
  ids.destroyed = destroyed.id;
  const t = await call(core, 'docs.transfer', {
    documentId: secretIn.id,
    toPerson: 'Lê Văn Nhận',
    toUnit: 'Phòng Hạ tầng số',
    purpose: 'Nghiên cứu',
  });
  await call(core, 'docs.returnTransfer', { transferId: t.id, note: '' });
  await call(core, 'docs.recordCopies', {
    documentId: secretIn.id,
    kind: 'copy',
    authorisedBy: 'Giám đốc Phạm Văn Duyệt',
    authorisationRef: 'Phiếu đề xuất ngày 04/3/2026',
    quantity: 2,
    recipient: 'Phòng Viễn thông',
  });
  const doc = async (id: string) => (await call(core, 'docs.get', { id })).entry;
  const extendFrom = await doc(secretIn.id);
  await call(core, 'docs.decide', {
    kind: 'extend',
    documentId: secretIn.id,
    version: extendFrom.version,
    decisionRef: 'Quyết định số 20/QĐ-SKHCN',
    decidedBy: 'Giám đốc Sở',
    decidedAt: '2026-03-04',
    until: '2040-03-02',
  });
  await call(core, 'docs.decide', {
    kind: 'recall',
    documentId: recalled.id,
    version: (await doc(recalled.id)).version,
    decisionRef: 'Công văn số 30/BCH',
    decidedBy: 'Ban Chỉ huy',
    decidedAt: '2026-03-04',
    reason: 'Ban hành lại',
  });
  await call(core, 'docs.decide', {
    kind: 'declassify',
    documentId: declassified.id,
    version: (await doc(declassified.id)).version,
    decisionRef: 'Quyết định số 21/QĐ-SKHCN',
    decidedBy: 'Giám đốc Sở',
    decidedAt: '2026-03-04',
  });
  await call(core, 'docs.decide', {
    kind: 'destroy',
    documentId: destroyed.id,
    version: (await doc(destroyed.id)).version,
    decisionRef: 'Quyết định số 22/QĐ-SKHCN',
    decidedBy: 'Giám đốc Sở',
    decidedAt: '2026-03-05',
    council: ['Nguyễn Văn Chủ - Phó Giám đốc', 'Trần Thị Ủy - Chánh Văn phòng', 'Lê Văn Viên - Văn thư'],
    recordRef: '03/BB-SKHCN',
    method: 'Nghiền nát bằng máy hủy tài liệu',
  });
  // Contacts: one organisation whose kind was never set, e-mail addresses that must wrap cleanly.
  const org = await call(core, 'contacts.orgs.save', { name: 'Trung tâm Dữ liệu Mẫu', kind: 'other' });
  const tel = await call(core, 'contacts.orgs.save', { name: 'Viễn thông Thử Nghiệm', kind: 'telecom' });
  for (let i = 0; i < 6; i++)
    await call(core, 'contacts.save', {
      fullName: `Phạm Văn Thử ${i}`,
      position: 'Chuyên viên',
      organizationId: i % 2 ? org.id : tel.id,
      phones: [`09120000${String(10 + i)}`],
      email: `chuyenvien.kythuat.${i}@trungtamdulieu-thunghiem.vn`,
      roles: [],
    });
  return { core, ids };
}

/** The printouts by name, once each. */
const out: Record<string, Rendered> = {};

describe.runIf(canRender || requireRender)('every printout through LibreOffice', () => {
  let core: Core;
  let ids: Record<string, string>;
  beforeAll(async () => {
    expect(canRender, 'soffice, pdftotext and pdfinfo must be installed in CI').toBe(true);
    ({ core, ids } = await seed());
    const builds: [string, () => Promise<Buffer>][] = [
      ...(['in', 'out', 'secret-in', 'secret-out', 'transfer', 'copy'] as const).map(
        (register) =>
          [
            `register-${register}`,
            async () => file(await call(core, 'docs.printRegister', { register, year: 2026, volume: 1 })),
          ] as [string, () => Promise<Buffer>],
      ),
      [
        'overdue',
        async () =>
          file(
            await call(core, 'docs.printOverdue', {
              signerTitle: 'CHÁNH VĂN PHÒNG',
              signerName: 'Hồ Thị Lập',
            }),
          ),
      ],
      [
        'year-report',
        async () =>
          file(
            await call(core, 'docs.printYearReport', {
              year: 2026,
              signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
              signerName: 'Trần Thị Mẫu',
              sections: { shortcomings: 'Một số sổ còn ghi chậm.\nChưa rà soát kịp các tài liệu hết hạn.' },
            }),
          ),
      ],
      [
        'destruction',
        async () => file(await call(core, 'docs.printDestruction', { documentId: ids.destroyed ?? '' })),
      ],
      [
        'handling-slip',
        async () => file(await call(core, 'docs.printHandlingSlip', { documentId: ids.decision ?? '' })),
      ],
      [
        'directory',
        async () =>
          file(
            await call(core, 'contacts.printDirectory', {
              signerTitle: THREE_LINES,
              signerName: 'Đặng Văn Ký',
            }),
          ),
      ],
    ];
    const bufs = [];
    for (const [name, build] of builds) bufs.push([name, await build()] as const);
    // Two LibreOffice instances at once (two cores), each with its own profile.
    for (let i = 0; i < bufs.length; i += 2)
      await Promise.all(
        bufs.slice(i, i + 2).map(async ([name, buf]) => {
          out[name] = await render(name, buf);
        }),
      );
  }, 240_000);

  const names = () => Object.keys(out);

  it('renders every printout, with no internal word on any page', () => {
    expect(names().sort()).toEqual(
      [
        'register-in',
        'register-out',
        'register-secret-in',
        'register-secret-out',
        'register-transfer',
        'register-copy',
        'overdue',
        'year-report',
        'destruction',
        'handling-slip',
        'directory',
      ].sort(),
    );
    for (const [name, r] of Object.entries(out)) {
      expect(r.text.length, name).toBeGreaterThan(100);
      expect(r.text, name).not.toMatch(INTERNAL);
    }
  });

  it('dates each document at the place name, in the Nghị định 30/2020 form', () => {
    for (const name of ['overdue', 'year-report', 'directory', 'destruction']) {
      const r = out[name];
      expect(r?.text, name).toMatch(DATE_LINE);
      expect(r?.text, name).not.toMatch(/Sở Khoa học và Công nghệ tỉnh Thử Nghiệm, ngày/);
    }
    expect(out.overdue?.text).toContain('Thử Nghiệm, ngày 05 tháng 3 năm 2026');
    expect(out.destruction?.text).toContain('Thử Nghiệm, ngày 05 tháng 3 năm 2026');
  });

  it('prints a three-line signer on three lines', () => {
    const r = out.directory!;
    const lines = r.text.split('\n');
    for (const l of ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'])
      expect(lines.filter((x) => x.includes(l)).length, l).toBeGreaterThan(0);
    expect(lines.some((x) => x.includes('KT. CHỦ TỊCH') && x.includes('PHÓ CHỦ TỊCH'))).toBe(false);
    // Three paragraphs in the XML, one per line.
    expect(r.xml).toMatch(/>TM\. ỦY BAN NHÂN DÂN<\/w:t>/);
    expect(r.xml).toMatch(/>KT\. CHỦ TỊCH<\/w:t>/);
    expect(r.xml).toMatch(/>PHÓ CHỦ TỊCH<\/w:t>/);
    expect(out['year-report']?.xml).toMatch(/>KT\. GIÁM ĐỐC<\/w:t>[\s\S]*?>PHÓ GIÁM ĐỐC<\/w:t>/);
  });

  it('prints the incoming register with its ten columns, numbered row and Quyển số', () => {
    const r = out['register-in']!;
    expect(r.width).toBeCloseTo(841.89, 0); // landscape
    expect(r.pages[0]).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(r.pages[0]).toContain('Quyển số: 01');
    const table = r.xml.slice(r.xml.lastIndexOf('<w:tblGrid>'));
    expect([...table.slice(0, table.indexOf('</w:tblGrid>')).matchAll(/<w:gridCol /g)]).toHaveLength(10);
    const headers = [...table.matchAll(/<w:tblHeader\/>[\s\S]*?<\/w:tr>/g)].map((m) =>
      [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]),
    );
    expect(headers[0]).toEqual([
      'Ngày đến',
      'Số đến',
      'Tác giả',
      'Số, ký hiệu',
      'Ngày tháng',
      'Tên loại và trích yếu nội dung',
      'Đơn vị hoặc người nhận',
      'Ngày chuyển',
      'Ký nhận',
      'Ghi chú',
    ]);
    expect(headers[1]).toEqual(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)', '(10)']);
    for (const page of r.pages.slice(1).filter((p) => p.trim()))
      expect(page).toMatch(/\(1\)\s+\(2\)\s+\(3\)\s+\(4\)\s+\(5\)\s+\(6\)\s+\(7\)\s+\(8\)\s+\(9\)\s+\(10\)/);
    // The type's name, then the summary in normal capitalisation.
    expect(r.text).toMatch(/Quyết định thành lập Tổ bảo/);
    // A long symbol and a void reason wrap between words, not one word a line.
    expect(r.text).toMatch(/56\/VNPT-ĐBN-/);
    expect(r.text).toContain('(Đã hủy số:');
    expect(r.text).toContain('Vào sổ trùng');
  });

  it('titles the classified registers as the state-secret forms, with decisions in Ghi chú', () => {
    expect(out['register-secret-in']?.pages[0]).toContain('SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN');
    expect(out['register-secret-out']?.pages[0]).toContain('SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI');
    expect(out['register-transfer']?.pages[0]).toContain('SỔ CHUYỂN GIAO BÍ MẬT NHÀ NƯỚC');
    expect(out['register-copy']?.pages[0]).toContain('SỔ QUẢN LÝ SAO, CHỤP BÍ MẬT NHÀ NƯỚC');
    // Portrait forms (Mẫu 14, 15, 16), the copy book landscape (Mẫu 12).
    for (const n of ['register-secret-in', 'register-secret-out', 'register-transfer'])
      expect(out[n]?.width, n).toBeCloseTo(595.28, 0);
    expect(out['register-copy']?.width).toBeCloseTo(841.89, 0);
    // Ghi chú notes each decision (checked in the XML: the narrow column wraps the PDF text).
    const secretIn = out['register-secret-in']!.xml;
    expect(secretIn).toContain(
      'Gia hạn bảo vệ đến 02/03/2040 theo Quyết định số 20/QĐ-SKHCN ngày 04/03/2026',
    );
    expect(secretIn).toContain('Thu hồi theo Công văn số 30/BCH ngày 04/03/2026');
    expect(secretIn).toContain('Giải mật theo Quyết định số 21/QĐ-SKHCN');
    expect(out['register-secret-out']?.xml).toContain(
      'Tiêu hủy theo Quyết định số 22/QĐ-SKHCN ngày 05/03/2026, biên bản số 03/BB-SKHCN',
    );
    // The copy book names who made each copy and has room for who signed for it.
    const copy = out['register-copy']!;
    expect(copy.xml).toContain('>Người sao, chụp<');
    expect(copy.xml).toContain('>Người nhận ký, ghi rõ họ tên<');
    expect(copy.text).toContain('Quản Trị Viên');
  });

  it('prints the destruction record, the handling slip and the sectioned year report', () => {
    const d = out.destruction!.text;
    expect(d).toContain('BIÊN BẢN');
    expect(d).toContain('Tiêu hủy tài liệu, vật chứa bí mật nhà nước');
    expect(d).toContain('Số: 03/BB-SKHCN');
    for (const name of ['Nguyễn Văn Chủ', 'Trần Thị Ủy', 'Lê Văn Viên']) expect(d).toContain(name);
    expect(d).toContain('Nghiền nát bằng máy hủy tài liệu');
    expect(d).toContain('CHỦ TỊCH HỘI ĐỒNG');
    const slip = out['handling-slip']!.text;
    expect(slip).toContain('PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN');
    expect(slip).toContain('Ý kiến của lãnh đạo cơ quan, tổ chức');
    expect(slip).toContain('Ý kiến đề xuất của người giải quyết');
    expect(slip).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const report = out['year-report']!.text;
    for (const h of [
      'I. TÌNH HÌNH',
      'II. KẾT QUẢ THỰC HIỆN',
      'III. TỒN TẠI, HẠN CHẾ',
      'IV. ĐỀ XUẤT, KIẾN NGHỊ',
    ])
      expect(report).toContain(h);
    expect(report).toContain('Một số sổ còn ghi chậm.');
    expect(report).toContain('Tuyệt mật');
    expect(report).toMatch(/Lưu: VT, HTS\./);
  });

  it('prints the directory with clean e-mail breaks and no "(Khác)"', () => {
    const r = out.directory!;
    expect(r.xml).toContain('chuyenvien.\u200bkythuat.\u200b0\u200b@trungtamdulieu-thunghiem.\u200bvn');
    expect(r.text).not.toContain('(Khác)');
    expect(r.text).toContain('(Doanh nghiệp viễn thông)');
  });

  it('keeps the header inside the margins, its rules sized by the text above', () => {
    const xml = out['year-report']!.xml;
    const header = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
    expect(header).not.toMatch(/<w:tblInd w:w="-/);
    const grid = [...header.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(9355); // 165 mm
    // Rules: paragraphs with a top border; length = cell text width minus the two indents.
    const rules = [...header.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)]
      .map((m) => m[0])
      .filter((p) => p.includes('<w:top '))
      .map((p) => /<w:ind w:left="(\d+)" w:right="(\d+)"\/>/.exec(p));
    expect(rules).toHaveLength(2);
    const mm = (tw: number) => (tw * 25.4) / 1440;
    const cellText = (w: number) => w - 114;
    const [left, right] = grid as [number, number];
    const issuerRule = mm(cellText(left) - Number(rules[0]?.[1]) - Number(rules[0]?.[2]));
    const mottoRule = mm(cellText(right) - Number(rules[1]?.[1]) - Number(rules[1]?.[2]));
    const issuerLine = Math.min(
      textWidthOf('SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH THỬ NGHIỆM', 12, true),
      mm(cellText(left)),
    );
    expect(issuerRule / issuerLine).toBeGreaterThanOrEqual(1 / 3 - 0.01);
    expect(issuerRule / issuerLine).toBeLessThanOrEqual(1 / 2 + 0.01);
    expect(mottoRule).toBeCloseTo(textWidthOf('Độc lập - Tự do - Hạnh phúc', 13, true), 0);
  });

  it('audits every print as docs.print or contacts.print', async () => {
    const prints = await call(core, 'audit.list', { action: 'docs.print' });
    const targets = prints.items.filter((e) => e.outcome === 'ok').map((e) => e.targetType);
    expect(targets).toEqual(
      expect.arrayContaining(['register', 'report', 'destruction-record', 'handling-slip']),
    );
    expect(targets.filter((t) => t === 'register')).toHaveLength(7); // six books and the overdue list
    expect((await call(core, 'audit.list', { action: 'contacts.print' })).items).toHaveLength(1);
  });
});

/** A body of n one-line paragraphs, the last one marked so its page can be found. */
function body(n: number, endsWithTable: boolean): BodyBlock[] {
  const blocks: BodyBlock[] = Array.from({ length: n }, (_, i) => ({
    kind: 'paragraph',
    text: i === n - 1 && !endsWithTable ? 'Đoạn cuối của phần nội dung./.' : `Đoạn nội dung thứ ${i + 1}.`,
  }));
  if (endsWithTable)
    blocks.push({
      kind: 'table',
      columns: [
        { header: 'TT', widthMm: 15, align: 'center' },
        { header: 'Nội dung', widthMm: 150 },
      ],
      rows: [
        ['1', 'Dòng đầu của bảng'],
        ['2', 'Dòng cuối của bảng'],
      ],
    });
  return blocks;
}

describe.runIf(canRender || requireRender)('the signature block never stands alone', () => {
  it('keeps "Nơi nhận" and the signature with the last lines of a body ending near a page foot', async () => {
    let pushed = 0;
    // Around the count of lines that fills the first page (26 paragraphs, 23 with a table, in
    // LibreOffice with Liberation Serif), so at least one body ends right at its foot.
    for (const [n, table] of [
      [22, false],
      [25, false],
      [28, false],
      [20, true],
      [23, true],
      [26, true],
    ] as const) {
      const buf = await buildOfficialDocx({
        orientation: 'portrait',
        parentBody: 'UBND tỉnh Thử Nghiệm',
        issuingBody: 'Sở Khoa học và Công nghệ',
        numberSymbol: '8/BC-SKHCN',
        place: 'Thử Nghiệm',
        date: new Date('2026-02-28T02:00:00Z'),
        typeName: 'BÁO CÁO',
        titleLines: ['Thử trang cuối'],
        body: body(n, table),
        recipients: ['Lãnh đạo Sở'],
        archiveUnit: 'VP',
        signer: { lines: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], name: 'Trần Thị Mẫu' },
      });
      const r = await render(`keep-${n}${table ? '-table' : ''}`, buf);
      expect(r.pages[0]).toContain('Số: 08/BC-SKHCN');
      expect(r.pages[0]).toContain('Thử Nghiệm, ngày 28 tháng 02 năm 2026');
      const signed = r.pages.find((p) => p.includes('Trần Thị Mẫu')) ?? '';
      expect(signed, `n=${n}`).toContain('Nơi nhận');
      expect(signed, `n=${n}`).toContain('PHÓ GIÁM ĐỐC');
      expect(signed, `n=${n}`).toContain(table ? 'Dòng cuối của bảng' : 'Đoạn cuối của phần nội dung');
      if (r.pages.filter((p) => p.trim()).length > 1) pushed += 1;
    }
    // At least one body filled its first page, so the closing had to move with its last lines.
    expect(pushed).toBeGreaterThan(0);
  }, 180_000);
});

describe('print channels: refusals', () => {
  it('refuses a handling slip above the reader clearance (audited) and a destruction record without a decision', async () => {
    const { core, ids } = await seed();
    expect((await failure(core, 'docs.printDestruction', { documentId: ids.secretIn ?? '' })).code).toBe(
      'CONFLICT',
    );
    await signInAs(core, 'vanthu', 'none', 'clerk');
    expect((await failure(core, 'docs.printHandlingSlip', { documentId: ids.secretIn ?? '' })).code).toBe(
      'FORBIDDEN',
    );
    expect((await call(core, 'docs.printHandlingSlip', { documentId: ids.decision ?? '' })).fileName).toMatch(
      /^phieu-giai-quyet-in-2026-\d+\.docx$/,
    );
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const denied = (await call(core, 'audit.list', { action: 'docs.print' })).items.filter(
      (e) => e.outcome === 'denied',
    );
    expect(denied.map((e) => `${e.actor}:${e.targetType}`)).toContain('vanthu:handling-slip');
  }, 60_000);
});

describe('CLI for every printout', () => {
  it('prints with the office profile set by settings office-set', () => {
    const dir = initCliDataDir('ttll-cli-printouts-', [
      '--province',
      'Thử Nghiệm',
      '--parent-body',
      'UBND tỉnh Thử Nghiệm',
    ]);
    const ok = (args: string[]) => {
      const r = runCli(dir, args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
      return r;
    };
    ok(['settings', 'office-set', '--place', 'Mẫu Sơn', '--drafting-units', 'VP=Văn phòng,HTS']);
    expect(ok(['settings', 'office', '--json']).out).toContain('"placeName": "Mẫu Sơn"');
    const json = join(dir, 'doc.json');
    writeFileSync(
      json,
      JSON.stringify({
        direction: 'in',
        type: 'GM',
        symbol: '3/GM-UBND',
        date: '2026-05-04',
        summary: 'Mời họp',
      }),
    );
    ok(['docs', 'register', '--json', json]);
    const id = ok(['docs', 'list']).out.trim().split('\t').pop() ?? '';
    const year = String(new Date().getUTCFullYear());
    const outs = {
      overdue: ['docs', 'print-overdue', '--signer', 'Hồ Thị Lập', '--signer-title', 'CHÁNH VĂN PHÒNG'],
      report: [
        'docs',
        'print-year-report',
        '--year',
        year,
        '--signer',
        'Trần Thị Mẫu',
        '--signer-title',
        'KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC',
      ],
      slip: ['docs', 'print-slip', id],
      register: [
        'docs',
        'print-register',
        '--register',
        'in',
        '--year',
        year,
        '--from',
        `${year}-01-01`,
        '--to',
        `${year}-12-31`,
        '--volume',
        '2',
      ],
      directory: [
        'contacts',
        'print',
        '--signer',
        'Đặng Văn Ký',
        '--signer-title',
        THREE_LINES.replace(/\n/g, '|'),
      ],
    };
    for (const [name, args] of Object.entries(outs)) {
      const f = join(dir, `${name}.docx`);
      ok([...args, '--out', f]);
      expect(readFileSync(f).subarray(0, 2).toString(), name).toBe('PK');
    }
    const bad = runCli(dir, ['docs', 'print-destruction', id, '--out', join(dir, 'x.docx')]);
    expect(bad.code).not.toBe(0);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(
      runCli(dir, [
        'docs',
        'print-register',
        '--register',
        'in',
        '--year',
        year,
        '--from',
        '5/1',
        '--out',
        'x',
      ]).err,
    ).toMatch(/--from takes YYYY-MM-DD/);
  }, 120_000);
});

describe('office profile after setup', () => {
  it('reads a vault made before the new fields, and edits them (admin only, audited)', async () => {
    const dataDir = tempDir();
    const core = Core.open({ dataDir, kdfTargetMs: 50, now: () => clock });
    await call(core, 'vault.setup', {
      office: TEST_OFFICE,
      admin: { userName: 'admin', fullName: 'Quản Trị Viên', password: ADMIN_PASSWORD, clearance: 'none' },
    });
    // As an older version stored it: no place name, no drafting units.
    const { placeName: _p, draftingUnits: _d, ...old } = await call(core, 'settings.office', {});
    putSetting(core.vault.current().db, 'office', old);
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect((await call(core, 'vault.status', {})).office).toMatchObject({ placeName: '', draftingUnits: [] });

    const bad = await failure(core, 'settings.updateOffice', {
      draftingUnits: [
        { code: 'VP', name: '' },
        { code: 'VP', name: 'Trùng' },
      ],
    });
    expect(bad.code).toBe('VALIDATION');
    const o = await call(core, 'settings.updateOffice', {
      name: 'Sở Khoa học và Công nghệ',
      parentOffice: 'UBND tỉnh Thử Nghiệm',
      placeName: 'Thử Nghiệm',
      draftingUnits: [{ code: 'VP', name: 'Văn phòng' }],
    });
    expect(o).toMatchObject({ code: TEST_OFFICE.code, placeName: 'Thử Nghiệm' });
    // The session sees the new profile at once, and so does the next printout.
    expect((await call(core, 'vault.status', {})).office?.name).toBe('Sở Khoa học và Công nghệ');
    const xml =
      (await docxParts(file(await call(core, 'docs.printOverdue', { signerName: 'Hồ Thị Lập' }))))[
        'word/document.xml'
      ] ?? '';
    expect(xml).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ<');
    expect(xml).toContain('UBND TỈNH THỬ NGHIỆM');
    expect(xml).toContain('Thử Nghiệm, ngày 05 tháng 3 năm 2026');
    expect(xml).toContain('- Lưu: VT, VP.');
    const audit = await call(core, 'audit.list', { action: 'settings.updateOffice' });
    expect(audit.items[0]?.details).toMatchObject({
      changed: ['name', 'parentOffice', 'placeName', 'draftingUnits'],
    });

    await signInAs(core, 'lanhdao', 'none', 'leader');
    expect((await call(core, 'settings.office', {})).placeName).toBe('Thử Nghiệm');
    expect((await failure(core, 'settings.updateOffice', { placeName: 'Khác' })).code).toBe('FORBIDDEN');
  });
});

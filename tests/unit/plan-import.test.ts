/**
 * Importing a plan from Word: .docx files are built here from the text of seeds 000 (province plan,
 * lettered fields) and 001 (commune plan, bulleted fields), with names replaced by made-up ones
 * (tests/fixtures/plans/), one paragraph per line with the numbering as text, as offices type it.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/core/errors';
import {
  importPlanFile,
  parsePlanText,
  readPlanFile,
  type PlanDraft,
} from '../../src/main/core/plans/import';
import { DeadlineSpec } from '../../src/shared/contract/plans';
import { parseDeadline } from '../../src/shared/deadlineText';
import { docxOf, planFixture } from '../helpers/planDocx';

const PROVINCE = planFixture('province-plan.txt');
const COMMUNE = planFixture('commune-plan.txt');

async function refused(run: () => Promise<unknown>, message: RegExp): Promise<AppError> {
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  expect(e.code).toBe('IMPORT_INVALID');
  expect(e.message).toMatch(message);
  expect(e.issues?.[0]?.code).toBe('import-file'); // the Vietnamese wording for the app
  return e;
}

const task = (draft: PlanDraft, number: string) => draft.tasks.find((t) => t.number === number)!;

describe('plan import: the province plan (seed 000, lettered fields)', () => {
  it('recognises the header, the title, the four tasks and their fields from a .docx', async () => {
    const { format, draft } = await importPlanFile(await docxOf(PROVINCE), 'Kế hoạch TTLL.docx');
    expect(format).toBe('docx');
    expect(draft.header).toMatchObject({
      parentBody: 'UBND TỈNH NGHỆ AN',
      office: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      numberAndSymbol: '05/KH-SKHCN',
      number: 5,
      symbol: 'KH-SKHCN',
      place: 'Nghệ An',
      date: '2026-01-05',
    });
    expect(draft.title.subject).toMatch(/^Bảo đảm thông tin liên lạc phục vụ bầu cử .* tỉnh Nghệ An$/);
    expect(draft.legalBases).toHaveLength(1);
    expect(draft.purpose).toHaveLength(5);
    expect(draft.requirements).toHaveLength(3);

    expect(draft.tasks.map((t) => t.number)).toEqual(['2.1', '2.2', '2.3', '2.4']);
    expect(draft.tasks.every((t) => t.lead.length > 0 && t.deadline !== null)).toBe(true);
    expect(task(draft, '2.1')).toMatchObject({
      title: 'Công tác truyền thông',
      section: 'II. NỘI DUNG KẾ HOẠCH',
      lead: ['Trung tâm Khoa học, Công nghệ và Truyền thông, Sở Khoa học và Công nghệ'],
      coordinating: ['Phòng Chuyển đổi số', 'Văn phòng Sở'],
      deadline: { kind: 'continuous', phases: [] },
      deadlineText: 'Thường xuyên.',
      product: 'Bài viết, tin bài, Clip, phóng sự, tài liệu...',
      issues: [],
    });
    const t22 = task(draft, '2.2');
    expect(t22.subItems.map((s) => s.deadline?.kind === 'date' && s.deadline.date)).toEqual([
      '2026-01-14',
      '2026-01-16',
      false,
    ]);
    expect(t22.subItems[0]?.deadlineText).toMatch(/^Hoàn thành trước ngày 14\/01\/2026$/);
    expect(t22.subItems[2]?.deadlineText).toBe('');
    expect(task(draft, '2.3')).toMatchObject({
      lead: ['Các doanh nghiệp bưu chính, viễn thông'],
      coordinating: ['Sở Khoa học và Công nghệ', 'UBND các xã, phường'],
      deadline: { kind: 'date', date: '2026-01-31' },
      deadlineText: 'Trước ngày 31/01/2026.',
      product: 'Báo cáo tự kiểm tra',
    });
    expect(task(draft, '2.4').deadline).toMatchObject({ kind: 'date', date: '2026-02-28' });
    // Line references are the paragraphs of the document, as in the fixture.
    expect(task(draft, '2.3').lines.lead).toBe(
      PROVINCE.split('\n').findIndex((l) => l.startsWith('b) Cơ quan chủ trì: Các')) + 1,
    );

    expect(draft.budget).toMatch(/^Từ ngân sách nhà nước/);
    expect(draft.duties.map((d) => d.unit)).toEqual([
      'Phòng Chuyển đổi số',
      'Văn phòng Sở, các phòng, đơn vị trực thuộc',
      'Trung tâm Khoa học, Công nghệ và Truyền thông',
      'Trung tâm Tần số vô tuyến điện Khu vực VI',
      'Các doanh nghiệp bưu chính, viễn thông',
      'UBND các xã, phường',
    ]);
    expect(draft.recipients).toHaveLength(10);
    expect(draft.recipients.at(-1)?.text).toBe('Lưu: VT, CĐS (đ/c Hải)');
    expect(draft.signer).toMatchObject({ authority: ['GIÁM ĐỐC'], name: 'Lê Văn Thử' });
    expect(draft.appendices.map((a) => a.title)).toEqual(['PHỤ LỤC']);
  });

  it('reads the same from the plain text, with a byte-order mark and Markdown marks', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PROVINCE)]);
    const fromText = await importPlanFile(bytes, 'plan.txt');
    const fromDocx = await importPlanFile(await docxOf(PROVINCE), 'plan.docx');
    expect(fromText.format).toBe('text');
    expect(fromText.draft).toEqual(fromDocx.draft);
  });
});

describe('plan import: the header block as Word templates lay it out', () => {
  it('reads the office, number and date from a two-column table above the title', async () => {
    const cell = (...lines: string[]) =>
      new TableCell({ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) });
    const header = new Table({
      rows: [
        new TableRow({
          children: [
            cell('UBND TỈNH NGHỆ AN', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'Số: 05/KH-SKHCN'),
            cell(
              'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
              'Độc lập - Tự do - Hạnh phúc',
              'Nghệ An, ngày 05 tháng 01 năm 2026',
            ),
          ],
        }),
      ],
    });
    const body = PROVINCE.split('\n')
      .slice(PROVINCE.split('\n').indexOf('## KẾ HOẠCH'))
      .map((line) => new Paragraph({ children: [new TextRun(line.replace(/^#+\s+|\*/g, ''))] }));
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [header, ...body] }] }));
    const { draft } = await importPlanFile(bytes, 'plan.docx');
    expect(draft.header).toMatchObject({
      parentBody: 'UBND TỈNH NGHỆ AN',
      office: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      numberAndSymbol: '05/KH-SKHCN',
      date: '2026-01-05',
    });
    expect(draft.tasks).toHaveLength(4);
  });
});

describe('plan import: the commune plan (seed 001, bulleted fields)', () => {
  it('recognises the legal bases and the four tasks with "Cơ quan thực hiện / phối hợp / Nhiệm vụ"', async () => {
    const { draft } = await importPlanFile(await docxOf(COMMUNE), 'ke-hoach-xa.docx');
    expect(draft.header).toMatchObject({
      office: null,
      numberAndSymbol: '/KH-UBND',
      number: null,
      symbol: 'KH-UBND',
      place: 'Tân Kỳ',
      date: null, // "ngày tháng 03 năm 2026": left blank for the signature
    });
    expect(draft.legalBases).toHaveLength(4);
    expect(draft.legalBases.every((b) => b.text.startsWith('Căn cứ'))).toBe(true);
    expect(draft.tasks.map((t) => t.number)).toEqual(['1', '2.1', '2.2', '2.3']);
    expect(draft.tasks.every((t) => t.lead.length > 0 && t.deadlineText !== '')).toBe(true);

    expect(task(draft, '1')).toMatchObject({
      lead: ['Các cơ quan bưu chính - viễn thông trên địa bàn xã'],
      coordinating: ['Các cơ quan, đơn vị có liên quan'],
      deadline: { kind: 'continuous', phases: ['during'] },
    });
    expect(task(draft, '1').subItems).toHaveLength(4);
    expect(task(draft, '2.1')).toMatchObject({
      lead: ['Phòng Văn hóa - Xã hội'],
      deadline: null,
      deadlineText: 'Theo lịch của UBND thành phố và các sở chuyên ngành.',
      issues: ['deadline-not-understood'],
    });
    expect(task(draft, '2.2').coordinating).toEqual(['Công an xã', 'các cơ quan, đơn vị có liên quan']);
    expect(task(draft, '2.3')).toMatchObject({
      coordinating: ['Cục Chứng thư số, Ban Cơ yếu Chính phủ', 'Sở Khoa học và Công nghệ'],
      content: expect.stringMatching(/^Hướng dẫn các tổ chức, cá nhân/),
    });
    expect(draft.duties.map((d) => d.unit)).toEqual([
      'Các cơ quan, đơn vị trên địa bàn xã',
      'Phòng Văn hóa - Xã hội',
    ]);
    expect(draft.closing).toHaveLength(1);
    expect(draft.recipients).toHaveLength(8);
    expect(draft.signer).toMatchObject({ authority: ['CHỦ TỊCH'], name: 'Phạm Thị Mẫu' });
  });
});

describe('plan import: deadlines', () => {
  it.each([
    ['Hoàn thành trước ngày 14/01/2026', { kind: 'date', date: '2026-01-14' }],
    ['trước ngày 14 tháng 01 năm 2026', { kind: 'date', date: '2026-01-14' }],
    ['Từ ngày 05/01/2026 đến ngày 20/01/2026', { kind: 'date', date: '2026-01-20' }],
    ['Trước ngày bầu cử 10 ngày', { kind: 'relative', days: -10 }],
    ['chậm nhất 5 ngày sau ngày bầu cử', { kind: 'relative', days: 5 }],
    ['Thứ Hai hằng tuần trong thời gian bầu cử', { kind: 'weekly', weekday: 1, phases: ['during'] }],
    ['định kỳ vào thứ hai hàng tuần', { kind: 'weekly', weekday: 1, phases: [] }],
    ['Chủ nhật hằng tuần', { kind: 'weekly', weekday: 7, phases: [] }],
    ['Thường xuyên', { kind: 'continuous', phases: [] }],
    ['Thường xuyên trong suốt thời gian diễn ra bầu cử', { kind: 'continuous', phases: ['during'] }],
    ['Trước, trong và sau ngày bầu cử', { kind: 'phase', phases: ['before', 'during', 'after'] }],
    ['Trong ngày bầu cử', { kind: 'phase', phases: ['during'] }],
  ])('"%s"', (written, expected) => {
    const spec = parseDeadline(written);
    expect(spec).toEqual(expected);
    expect(DeadlineSpec.parse(spec)).toEqual(spec); // every result passes the shared contract
  });
  it.each(['Theo lịch của UBND thành phố', 'Trước ngày 31/02/2026', 'Trước ngày bầu cử 5000 ngày'])(
    '"%s" is not understood',
    (written) => expect(parseDeadline(written)).toBeNull(),
  );
});

describe('plan import: what is refused, and why', () => {
  it('a damaged .docx, a ZIP that is not one, an old .doc, another type', async () => {
    const good = await docxOf(PROVINCE);
    await refused(
      () => readPlanFile(good.subarray(0, good.length - 40), 'x.docx'),
      /could not be read as a Word document/,
    );
    await refused(
      () => readPlanFile(Buffer.from('PK\u0003\u0004 not a zip'), 'x.docx'),
      /could not be read as a Word document/,
    );
    const notWord = await new JSZip().file('hello.txt', 'hi').generateAsync({ type: 'nodebuffer' });
    await refused(() => readPlanFile(notWord, 'x.docx'), /could not be read as a Word document/);
    await refused(() => readPlanFile(Buffer.from('x'), 'plan.doc'), /Old Word \.doc/);
    await refused(() => readPlanFile(Buffer.from('x'), 'plan.pdf'), /Unsupported file type "\.pdf"/);
  });

  it('a zip bomb, before it is inflated, and XML too large for the reader', async () => {
    const bomb = await new JSZip()
      .file('word/document.xml', Buffer.alloc(40 * 1024 * 1024, 0x20))
      .generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const t0 = performance.now();
    await refused(() => readPlanFile(bomb, 'x.docx'), /compressed \d+ times.*possible zip bomb/);
    expect(performance.now() - t0).toBeLessThan(1000);

    // Stored, not compressed: no ratio to betray it, but 300,000 tags for mammoth to build.
    const tags = await new JSZip()
      .file('word/document.xml', '<a/>'.repeat(300_000))
      .generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    await refused(() => readPlanFile(tags, 'x.docx'), /exceed what an import reads/);

    const huge = Buffer.alloc(20 * 1024 * 1024 + 1);
    await refused(() => readPlanFile(huge, 'x.docx'), /larger than 20 MB/);
  });

  it('an empty file, a .docx without text, binary data named .txt, a Word file named .txt', async () => {
    await refused(() => readPlanFile(Buffer.alloc(0), 'plan.docx'), /file is empty/);
    await refused(async () => readPlanFile(await docxOf('\n\n'), 'plan.docx'), /has no text/);
    await refused(
      () => readPlanFile(Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 0xff]), 'plan.txt'),
      /not UTF-8 text/,
    );
    await refused(async () => readPlanFile(await docxOf(PROVINCE), 'plan.txt'), /rename it to \.docx/);
  });

  it('a document that is not a plan, or a plan with no task recognised', async () => {
    const letter = [
      'UBND TỈNH MẪU',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'Số: 12/SKHCN-CĐS',
      'V/v bảo đảm thông tin liên lạc phục vụ bầu cử',
      'Kính gửi: Các doanh nghiệp viễn thông.',
      'Căn cứ Kế hoạch số 05/KH-UBBC, Sở đề nghị các doanh nghiệp thực hiện:',
      '1. Bố trí trực 24/7 trong thời gian bầu cử.',
    ].join('\n');
    await refused(
      async () => importPlanFile(await docxOf(letter), 'cv.docx'),
      /Not a plan: no KẾ HOẠCH title/,
    );
    const titleOnly = ['KẾ HOẠCH', 'Tuyên truyền bầu cử', 'I. MỤC ĐÍCH', '- Nâng cao nhận thức.'].join('\n');
    await refused(async () => importPlanFile(await docxOf(titleOnly), 'kh.docx'), /No tasks recognised/);
    expect(() => parsePlanText('random words\nwithout any structure')).toThrow(/Not a plan/);
  });

  it('a text far longer than a plan, before it is read; a deadline too long to be one is not read', () => {
    expect(() => parsePlanText('KẾ HOẠCH\n' + 'x'.repeat(2_000_001))).toThrow(
      /longer than 2000000 characters/,
    );
    // The phase pattern backtracks: a long run of "trước, " would take minutes if it were searched.
    const t0 = performance.now();
    expect(parseDeadline('trước, '.repeat(100_000) + 'x')).toBeNull();
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('plan import: size', () => {
  it('reads a generated plan of 200 tasks from a .docx', async () => {
    const lines = [
      'UBND TỈNH MẪU',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      'Số: 09/KH-SKHCN',
      'KẾ HOẠCH',
      'Bảo đảm thông tin liên lạc',
      'II. NỘI DUNG',
    ];
    for (let i = 1; i <= 200; i++) {
      lines.push(
        `2.${i}. Nhiệm vụ số ${i}`,
        `a) Nội dung: Kiểm tra hạ tầng viễn thông tại khu vực bỏ phiếu số ${i}.`,
        'b) Cơ quan chủ trì: Sở Khoa học và Công nghệ',
        'c) Cơ quan phối hợp: Phòng Chuyển đổi số; UBND các xã, phường.',
        `d) Thời gian thực hiện: ${i % 2 ? 'Hoàn thành trước ngày 14/01/2026.' : 'Trước ngày bầu cử 10 ngày.'}`,
        'đ) Sản phẩm dự kiến: Báo cáo kiểm tra.',
      );
    }
    const bytes = await docxOf(lines.join('\n'));
    const t0 = performance.now();
    const { draft } = await importPlanFile(bytes, 'kh-200.docx');
    expect(draft.tasks).toHaveLength(200);
    expect(draft.tasks.filter((t) => t.issues.length > 0)).toEqual([]);
    expect(draft.tasks[199]).toMatchObject({ number: '2.200', deadline: { kind: 'relative', days: -10 } });
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});

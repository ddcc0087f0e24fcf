/**
 * Printouts of one entry: the record of destroying a classified document (BIÊN BẢN tiêu hủy tài
 * liệu, vật chứa bí mật nhà nước), made from its recorded destroy decision and council, and the
 * slip on which the leaders write how an incoming document is to be handled (phiếu giải quyết văn
 * bản đến, Nghị định 30/2020).
 */
import type { Clearance, DocType, OfficeProfile } from '../../../shared/contract';
import { formatDate } from '../../../shared/dates';
import { issuer } from '../print/office';
import {
  buildOfficialDocx,
  type BodyBlock,
  type Signer,
  type TableColumn,
  textWidthMm,
  type TextSpan,
} from '../print/officialDocx';
import { textWidthOf } from '../print/textWidth';
import { LEVEL_VI, typeAndSummary } from './registerRows';

/** What the printouts show of the entry. */
export interface EntryForPrint {
  register: string;
  number: number;
  registeredAt: string;
  type: DocType;
  symbol: string;
  documentDate: string;
  sender: string;
  summary: string;
  level: Clearance;
  copies: number;
  pages: number;
  handler: string;
  deadline: string | null;
}

export interface DestructionPrint {
  office: OfficeProfile;
  entry: EntryForPrint;
  decision: {
    decidedAt: string;
    decisionRef: string;
    decidedBy: string;
    council: readonly string[];
    recordRef: string;
    method: string;
  };
  /** Where the council met. */
  location: string;
}

const p = (
  text: string | readonly TextSpan[],
  o: Partial<Extract<BodyBlock, { kind: 'paragraph' }>> = {},
): BodyBlock => ({
  kind: 'paragraph',
  text,
  ...o,
});

/** "ngày 05 tháng 3 năm 2026" (Nghị định 30/2020: zeros for days 1–9 and months 1–2 only). */
function longDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  const month = Number(m);
  return `ngày ${d} tháng ${month <= 2 ? m : month} năm ${y}`;
}

const DESTROYED_COLUMNS: readonly TableColumn[] = [
  { header: 'TT', widthMm: 10, align: 'center' },
  { header: 'Số, ký hiệu, ngày tháng', widthMm: 34, align: 'center' },
  { header: 'Tên loại và trích yếu nội dung', widthMm: 63 },
  { header: 'Độ mật', widthMm: 20, align: 'center' },
  { header: 'Số bản', widthMm: 18, align: 'center' },
  { header: 'Số tờ', widthMm: 20, align: 'center' },
];

/** A council member as typed ("Nguyễn Văn A - Phó Giám đốc"): the name signs, the rest is the role. */
function memberName(member: string): string {
  return member.split(/\s+[-–,]\s+/)[0]?.trim() ?? member;
}

export async function buildDestructionDocx(d: DestructionPrint): Promise<Buffer> {
  const width = DESTROYED_COLUMNS.reduce((a, c) => a + c.widthMm, 0);
  if (width !== textWidthMm('portrait')) throw new Error(`Destruction record columns total ${width} mm`);
  const { entry, decision } = d;
  const council = decision.council;
  // The record's own number when one was given as a number and symbol ("03/BB-SKHCN").
  const numberSymbol = /^\d+\//.test(decision.recordRef) ? decision.recordRef : `/BB-${d.office.code}`;
  const signatures: Signer[] = council.map((m, i) => ({
    lines: [i === 0 ? 'CHỦ TỊCH HỘI ĐỒNG' : 'THÀNH VIÊN HỘI ĐỒNG'],
    name: memberName(m),
  }));
  return buildOfficialDocx({
    orientation: 'portrait',
    ...issuer(d.office),
    numberSymbol,
    date: new Date(`${decision.decidedAt}T09:00:00+07:00`),
    typeName: 'BIÊN BẢN',
    titleLines: ['Tiêu hủy tài liệu, vật chứa bí mật nhà nước'],
    body: [
      p('Căn cứ Luật Bảo vệ bí mật nhà nước và các văn bản quy định chi tiết, hướng dẫn thi hành;', {
        italic: true,
      }),
      p(
        `Căn cứ ${decision.decisionRef} ${longDate(decision.decidedAt)} của ${decision.decidedBy} về việc tiêu hủy tài liệu, vật chứa bí mật nhà nước.`,
        { italic: true },
      ),
      p(
        `Hôm nay, ${longDate(decision.decidedAt)}, tại ${d.location}, Hội đồng tiêu hủy tài liệu, vật chứa bí mật nhà nước gồm:`,
      ),
      ...council.map((m, i) =>
        p(
          `${i + 1}. ${m}${i === 0 ? ' - Chủ tịch Hội đồng' : ' - Thành viên'}${i === council.length - 1 ? '.' : ';'}`,
          { firstLineIndent: true },
        ),
      ),
      p('Đã tiến hành tiêu hủy tài liệu, vật chứa bí mật nhà nước sau:'),
      {
        kind: 'table',
        columns: DESTROYED_COLUMNS,
        rows: [
          [
            '1',
            [entry.symbol, entry.documentDate ? formatDate(entry.documentDate) : '']
              .filter(Boolean)
              .join('\n'),
            typeAndSummary(entry.type, entry.summary),
            LEVEL_VI[entry.level],
            String(entry.copies),
            String(entry.pages),
          ],
        ],
      },
      p(`Phương thức tiêu hủy: ${decision.method.replace(/[.\s]+$/, '')}.`),
      p(
        'Việc tiêu hủy bảo đảm không làm lộ, mất bí mật nhà nước; tài liệu, vật chứa bí mật nhà nước sau khi tiêu hủy không thể phục hồi hình dạng, tính năng, tác dụng và nội dung.',
      ),
      p(
        `Biên bản kết thúc vào hồi ..... giờ ..... cùng ngày, được lập thành 02 bản có giá trị như nhau: 01 bản lưu tại ${d.office.name}, 01 bản lưu hồ sơ tiêu hủy; các thành viên Hội đồng thống nhất ký tên dưới đây./.`,
      ),
    ],
    recipients: null,
    archiveUnit: '',
    signer: null,
    signatures,
  });
}

export interface HandlingSlipPrint {
  office: OfficeProfile;
  entry: EntryForPrint;
}

/** A full line of dots to write on by hand, in the body size. */
function dottedLine(): BodyBlock {
  const count = Math.floor((textWidthMm('portrait') - 2) / textWidthOf('.', 14, false));
  return p('.'.repeat(count), { firstLineIndent: false, align: 'left' });
}

/** "Ngày ..... tháng ..... năm ......" at the right, where each opinion is dated by hand. */
const handDate = (): BodyBlock =>
  p('Ngày ..... tháng ..... năm ..........', { italic: true, align: 'right', firstLineIndent: false });

function opinion(label: string, lines: number): BodyBlock[] {
  return [
    p(label, { bold: true, firstLineIndent: false, keepNext: true, beforePt: 12 }),
    ...Array.from({ length: lines }, dottedLine),
    handDate(),
  ];
}

export async function buildHandlingSlipDocx(s: HandlingSlipPrint): Promise<Buffer> {
  const e = s.entry;
  const { parentBody, issuingBody, place } = issuer(s.office);
  const facts: BodyBlock[] = [
    p(
      [
        { text: 'Số đến: ', bold: true },
        { text: `${e.number}` },
        { text: '          Ngày đến: ', bold: true },
        { text: formatDate(e.registeredAt) },
      ],
      { firstLineIndent: false },
    ),
    p(
      [
        { text: 'Văn bản: ', bold: true },
        {
          text: [
            e.symbol ? `số ${e.symbol}` : '',
            e.documentDate ? `ngày ${formatDate(e.documentDate)}` : '',
            e.sender ? `của ${e.sender}` : '',
          ]
            .filter(Boolean)
            .join(' '),
        },
      ],
      { firstLineIndent: false },
    ),
    p([{ text: 'Trích yếu: ', bold: true }, { text: typeAndSummary(e.type, e.summary) }], {
      firstLineIndent: false,
    }),
    ...(e.level !== 'none'
      ? [p([{ text: 'Độ mật: ', bold: true }, { text: LEVEL_VI[e.level] }], { firstLineIndent: false })]
      : []),
    ...(e.deadline
      ? [
          p([{ text: 'Hạn giải quyết: ', bold: true }, { text: formatDate(e.deadline) }], {
            firstLineIndent: false,
          }),
        ]
      : []),
  ];
  return buildOfficialDocx({
    orientation: 'portrait',
    parentBody,
    issuingBody,
    place,
    issuerOnly: true,
    numberSymbol: '',
    date: new Date(e.registeredAt),
    typeName: 'PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN',
    titleLines: [],
    body: [
      ...facts,
      ...opinion('Ý kiến của lãnh đạo cơ quan, tổ chức:', 5),
      ...opinion('Ý kiến của lãnh đạo đơn vị:', 4),
      ...opinion('Ý kiến đề xuất của người giải quyết:', 4),
    ],
    recipients: null,
    archiveUnit: '',
    signer: null,
  });
}

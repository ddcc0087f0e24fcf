/**
 * The key-registration form (phiếu đăng ký khóa): what an office signs, stamps and sends to its
 * province with its key file. The province's administrator registers the file only when the
 * fingerprint printed here matches it, so a file swapped on the way is caught by paper.
 */
import QRCode from 'qrcode';
import type { OfficeKeyFile, OfficeLevel, OfficeProfile } from '../../../../shared/contract';
import { isoToTyped } from '../../../../shared/dates';
import { draftingUnitOf, issuer } from '../../print/office';
import { buildOfficialDocx, type ParagraphBlock } from '../../print/officialDocx';

const LEVEL_VI: Record<OfficeLevel, string> = {
  province: 'Cấp tỉnh',
  commune: 'Cấp xã',
  agency: 'Cơ quan, doanh nghiệp',
};

/** A long key in groups, so it can be read aloud and compared. */
const grouped = (s: string, size: number): string => s.match(new RegExp(`.{1,${size}}`, 'g'))!.join(' ');

const para = (text: string, o: Partial<ParagraphBlock> = {}): ParagraphBlock => ({
  kind: 'paragraph',
  text,
  firstLineIndent: true,
  ...o,
});

export async function buildKeyFormDocx(
  file: OfficeKeyFile,
  fingerprint: string,
  office: OfficeProfile,
  at: Date,
): Promise<Buffer> {
  // The QR code holds the key file itself (compact JSON), so a reader can compare it too.
  const qr = await QRCode.toBuffer(JSON.stringify(file), {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 2,
    scale: 6,
  });
  const groups = fingerprint.split(' ');
  return buildOfficialDocx({
    orientation: 'portrait',
    ...issuer(office),
    numberSymbol: '',
    date: at,
    typeName: 'PHIẾU ĐĂNG KÝ',
    titleLines: ['Khóa trao đổi dữ liệu của đơn vị'],
    body: [
      para(`${office.name} đăng ký khóa công khai dùng để ký và nhận gói dữ liệu trao đổi qua USB như sau:`),
      {
        kind: 'table',
        columns: [
          { header: 'Nội dung', widthMm: 50, align: 'left' },
          { header: 'Thông tin', widthMm: 115, align: 'left' },
        ],
        rows: [
          ['Tên đơn vị', file.office.name],
          ['Mã đơn vị', file.office.code],
          ['Cơ quan cấp trên', file.office.parentOffice || '—'],
          ['Cấp', LEVEL_VI[file.office.level]],
          ['Khóa ký (Ed25519)', grouped(file.signingKey, 16)],
          ['Khóa nhận (age X25519)', grouped(file.recipient, 16)],
          ['Ngày tạo khóa', isoToTyped(file.createdAt)],
        ],
      },
      para('DẤU VÂN TAY KHÓA', { bold: true, align: 'center', firstLineIndent: false, keepNext: true }),
      para(groups.slice(0, 4).join('   '), {
        bold: true,
        align: 'center',
        firstLineIndent: false,
        sizePt: 16,
      }),
      para(groups.slice(4).join('   '), {
        bold: true,
        align: 'center',
        firstLineIndent: false,
        sizePt: 16,
        beforePt: 0,
      }),
      { kind: 'image', png: qr, sizeMm: 32 },
      para(
        'Mã QR chứa tệp khóa công khai. Cấp tỉnh chỉ đăng ký khi 40 chữ số dấu vân tay tính từ tệp khóa nhận được trùng với phiếu này.',
        { italic: true, align: 'center', firstLineIndent: false, sizePt: 12 },
      ),
    ],
    recipients: ['Cấp tỉnh (để đăng ký)'],
    archiveUnit: draftingUnitOf(office),
    signer: { lines: ['THỦ TRƯỞNG ĐƠN VỊ'], name: '' },
    signatures: [{ lines: ['NGƯỜI LẬP PHIẾU'], name: '' }],
  });
}

import { describe, expect, it } from 'vitest';
import { buildDirectoryDocx, type DirectoryData } from '../../src/main/core/contacts/directoryDocx';
import { docxParts, docxToPdf, hasCommand, pdfInfo, pdfText } from '../helpers/docxRender';

// Fictional people and numbers only: the seed documents hold real ones.
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Võ', 'Đặng', 'Bùi'];
const GIVEN = ['Văn Thử', 'Thị Mẫu', 'Đức Kiểm', 'Minh Thí', 'Quang Nghiệm', 'Thu Hằng Giả'];

function contacts(org: number, count: number): DirectoryData['groups'][number]['contacts'] {
  return Array.from({ length: count }, (_, i) => ({
    fullName: `${FAMILY[(org + i) % FAMILY.length]} ${GIVEN[i % GIVEN.length]} ${org}${i}`,
    position: i === 0 ? 'Phó Giám đốc' : 'Chuyên viên phụ trách hạ tầng viễn thông',
    phones:
      i % 3 === 0
        ? [`09120${org}0${String(i).padStart(3, '0')}`, `02383${org}00${String(i).padStart(3, '0')}`]
        : [`09120${org}0${String(i).padStart(3, '0')}`],
    email: `dau.moi.${org}.${i}@vidu-thu-nghiem.vn`,
    rolesLabel: i % 2 === 0 ? 'Đầu mối, Trực' : 'Đầu mối',
  }));
}

const DATA: DirectoryData = {
  office: {
    name: 'Sở Khoa học và Công nghệ',
    code: 'CĐS',
    parentOffice: 'UBND tỉnh Thử Nghiệm',
    province: 'Thử Nghiệm',
    draftingUnits: [{ code: 'VP', name: 'Văn phòng' }],
  },
  generatedAt: new Date('2026-01-05T03:00:00Z'),
  title: 'Bảo đảm thông tin liên lạc phục vụ bầu cử',
  groups: [
    {
      organization: {
        name: 'Văn phòng Sở Khoa học và Công nghệ',
        kindLabel: 'Cơ quan cấp tỉnh',
        address: '01 Đường Thử, phường Mẫu',
        switchboard: '02383000111',
      },
      contacts: [
        {
          fullName: 'Nguyễn Văn Thử',
          position: 'Chánh Văn phòng',
          phones: ['0912000111'],
          email: 'nvthu@vidu-thu-nghiem.vn',
          rolesLabel: 'Đầu mối',
        },
        ...contacts(1, 7),
      ],
    },
    {
      organization: {
        name: 'Viễn thông Thử Nghiệm',
        kindLabel: 'Doanh nghiệp viễn thông',
        address: '',
        switchboard: '',
      },
      contacts: contacts(2, 9),
    },
    {
      organization: {
        name: 'Bưu điện tỉnh Thử Nghiệm',
        kindLabel: 'Doanh nghiệp bưu chính',
        address: '02 Đường Mẫu',
        switchboard: '0912000999',
      },
      contacts: contacts(3, 8),
    },
    { organization: null, contacts: contacts(4, 2) },
  ],
  signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
  signerName: 'Trần Thị Mẫu',
};

const names = DATA.groups.flatMap((g) => g.contacts.map((c) => c.fullName));
const canRender = hasCommand('soffice') && hasCommand('pdftotext') && hasCommand('pdfinfo');

describe('contacts directory print (Nghị định 30/2020)', () => {
  it('writes a landscape A4 docx with the official layout', async () => {
    const parts = await docxParts(await buildDirectoryDocx(DATA));
    const doc = parts['word/document.xml'] ?? '';
    const styles = parts['word/styles.xml'] ?? '';

    expect(doc).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(doc).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(styles).toMatch(
      /<w:docDefaults>[\s\S]*<w:rFonts w:ascii="Times New Roman"[^>]*w:eastAsia="Times New Roman"/,
    );
    // Every run names the font too, and none names another.
    const fonts = new Set([...doc.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(['Times New Roman']);

    expect(doc).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(doc).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(doc).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(doc).toContain('UBND TỈNH THỬ NGHIỆM');
    expect(doc).toContain('Thử Nghiệm, ngày 05 tháng 01 năm 2026');
    expect(doc).toContain('DANH BẠ ĐẦU MỐI');
    expect(doc).toContain('Bảo đảm thông tin liên lạc phục vụ bầu cử');
    expect(doc).toMatch(/<w:tblHeader\/>/);
    for (const name of names) expect(doc).toContain(name);
    expect(doc).toContain('0912 000 111');
    expect(doc).toContain('Tổng đài: 0238 3000 111');
    // The drafting unit (the office's first one here), never the office's code.
    expect(doc).toContain('- Lưu: VT, VP.');
    expect(doc).not.toContain('Lưu: VT, CĐS');
    expect(doc).toContain('KT. GIÁM ĐỐC');
    expect(doc).toContain('Trần Thị Mẫu');
  });

  const requireRender = process.env.CI === 'true';
  it.runIf(canRender || requireRender)(
    'renders through LibreOffice to a landscape PDF',
    async () => {
      expect(canRender, 'soffice, pdftotext and pdfinfo must be installed in CI').toBe(true);
      // PRINT_CHECK_DIR=/tmp/print-check keeps the PDF for a look (pdftoppm -png -r 60).
      const keep = process.env.PRINT_CHECK_DIR;
      const pdf = await docxToPdf(await buildDirectoryDocx(DATA), keep || undefined);
      const info = await pdfInfo(pdf);
      expect(info.width).toBeCloseTo(841.89, 0);
      expect(info.height).toBeCloseTo(595.28, 0);
      expect(info.pages).toBeGreaterThan(1); // so the repeated header row is exercised
      const text = await pdfText(pdf);
      expect(text).toContain('DANH BẠ ĐẦU MỐI');
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Nguyễn Văn Thử');
      // The header row is printed again on the second page.
      const pages = text.split('\f');
      expect(pages[1] ?? '').toContain('Họ và tên');
    },
    60_000,
  );
});

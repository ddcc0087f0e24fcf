import { describe, expect, it } from 'vitest';
import { RequiredText, Text } from '../../src/shared/contract';
import { cleanText, stripControls } from '../../src/shared/text';
import { call, failure, setupCore } from '../helpers/core';

// Characters that render as nothing or reorder what is shown: NUL, ESC, DEL, C1, bidi overrides.
const NASTY = '\u0000\u001b[31m\u007f\u0085\u009b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';

describe('control characters in text fields', () => {
  it('are stripped by the shared Text helpers; tab and line breaks stay', () => {
    expect(stripControls(`a${NASTY}b`)).toBe('a[31mb');
    expect(Text().parse(`Quyết\u202Eđịnh\u0000 15`)).toBe('Quyếtđịnh 15');
    expect(Text().parse('dòng 1\r\ndòng 2\tcột')).toBe('dòng 1\r\ndòng 2\tcột');
    expect(Text().parse('\u202E  Trích yếu \u2066')).toBe('Trích yếu');
    // Nothing left but controls: a required field is empty.
    expect(RequiredText().safeParse('\u202E\u0000').success).toBe(false);
    expect(cleanText(' Họ\u0000 và\u202E tên\n ')).toBe('Họ và tên');
  });

  it('never reach the database through a call or an import', async () => {
    const { core } = await setupCore();
    const c = await call(core, 'contacts.save', {
      fullName: `Nguyễn\u202E Văn\u0000 Đức`,
      position: 'Trưởng\u001b phòng',
      notes: 'ghi chú\ndòng hai\u2067',
    });
    expect(c).toMatchObject({
      fullName: 'Nguyễn Văn Đức',
      position: 'Trưởng phòng',
      notes: 'ghi chú\ndòng hai',
    });
    const d = await call(core, 'docs.register', {
      direction: 'in',
      type: 'CV',
      symbol: '15/\u202EQĐ-UBND',
      documentDate: '2026-03-02',
      summary: 'Về việc\u0085 bầu cử',
      recipients: ['Sở\u2066 Nội vụ'],
    });
    expect(d.entry).toMatchObject({
      symbol: '15/QĐ-UBND',
      summary: 'Về việc bầu cử',
      recipients: ['Sở Nội vụ'],
    });
    expect((await failure(core, 'contacts.save', { fullName: '\u202E\u0000' })).code).toBe('VALIDATION');

    // (A NUL would make the file look like UTF-16: ESC instead.)
    const csv = 'Họ và tên,Chức vụ,Số điện thoại\nPhạm\u202E Thị\u001b Mới,Cán\u009b bộ,0912 555 001\n';
    const p = await call(core, 'contacts.importPreview', {
      fileName: 'danh-ba.csv',
      dataBase64: Buffer.from(csv).toString('base64'),
    });
    expect(p.rows[0]).toMatchObject({ status: 'valid', fullName: 'Phạm Thị Mới', position: 'Cán bộ' });
  });
});

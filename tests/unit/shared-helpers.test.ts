import { describe, expect, it } from 'vitest';
import { formatDate, isIsoCalendarDate, officialDateLine, parseDate } from '../../src/shared/dates';
import { formatPhone, normalizePhone, splitPhones } from '../../src/shared/phone';
import {
  compareVietnamese,
  compareVietnameseNames,
  foldedWords,
  foldVietnamese,
  nameSortKey,
  vietnameseSortKey,
} from '../../src/shared/text';

describe('Vietnamese text folding', () => {
  it('drops diacritics, case and folds đ/Đ', () => {
    expect(foldVietnamese('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(foldVietnamese('ĐIỆN BIÊN')).toBe('dien bien');
    expect(foldedWords('  Quyết định, Điện Biên ')).toEqual(['quyet', 'dinh', 'dien', 'bien']);
  });
  it('treats NFD input like NFC input', () => {
    expect(foldVietnamese('Nguyê\u0303n')).toBe(foldVietnamese('Nguyễn'));
  });
  it('folds character by character exactly as normalizing the whole string does', () => {
    // The definition (what the stored search rows of earlier versions were made with).
    const reference = (s: string) =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd')
        .replace(/Đ/g, 'D')
        .toLowerCase()
        .normalize('NFC');
    const latin = Array.from({ length: 0x250 }, (_, c) => String.fromCharCode(c));
    const extended = Array.from({ length: 0x100 }, (_, c) => String.fromCharCode(0x1e00 + c));
    // Beside them, what must take the whole path: combining marks, a final sigma, ß, a no-break
    // space, NUL, an emoji's surrogates, CJK, the Kelvin sign.
    const others = [
      '\u0300',
      '\u0301',
      '\u0303',
      '\u0309',
      '\u0323',
      'Σ',
      'ΟΔΟΣ',
      'ß',
      '\u00a0',
      '\0',
      '😀',
      '越',
      '\u212a',
    ];
    const alphabet = [...latin, ...extended, ...others];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const strings = [
      ...alphabet,
      'Nguyễn Văn Đức — ĐIỆN BIÊN',
      'Kế hoạch số 09/KH-SKHCN'.repeat(500),
      ...Array.from({ length: 5000 }, () =>
        Array.from({ length: next(40) }, () => alphabet[next(alphabet.length)]).join(''),
      ),
    ];
    const differ = strings.filter((s) => foldVietnamese(s) !== reference(s));
    expect(differ).toEqual([]);
  });
  it('sorts in Vietnamese order (đ after d, names by given name)', () => {
    expect(['Đào', 'Dũng', 'Bình', 'Ánh'].sort(compareVietnamese)).toEqual(['Ánh', 'Bình', 'Dũng', 'Đào']);
    expect(['Trần Văn Bình', 'Lê Thị An', 'Nguyễn Đức'].sort(compareVietnameseNames)).toEqual([
      'Lê Thị An',
      'Trần Văn Bình',
      'Nguyễn Đức',
    ]);
  });
});

describe('phone numbers', () => {
  it.each([
    ['0912 345 678', '0912345678'],
    ['+84 912.345.678', '0912345678'],
    ['84912345678', '0912345678'],
    ['(0238) 3123 456', '02383123456'],
  ])('normalises %s', (input, out) => expect(normalizePhone(input)).toBe(out));
  it.each(['12345', '0123456789', '091234567', '0412345678', 'abc'])('rejects %s', (input) =>
    expect(normalizePhone(input)).toBeNull(),
  );
  it('formats and splits', () => {
    expect(formatPhone('0912345678')).toBe('0912 345 678');
    expect(formatPhone('02383123456')).toBe('0238 3123 456');
    expect(splitPhones('0912 345 678; 0238 3123 456')).toEqual(['0912 345 678', '0238 3123 456']);
  });
});

describe('dates', () => {
  it('shows dd/mm/yyyy in UTC+7', () => {
    expect(formatDate('2026-03-14T18:30:00Z')).toBe('15/03/2026');
    expect(officialDateLine('Nghệ An', new Date('2026-01-05T03:00:00Z'))).toBe(
      'Nghệ An, ngày 05 tháng 01 năm 2026',
    );
    // Nghị định 30/2020: a leading zero for days 1–9 and for months 1 and 2 only.
    expect(officialDateLine('Nghệ An', new Date('2026-03-05T03:00:00Z'))).toBe(
      'Nghệ An, ngày 05 tháng 3 năm 2026',
    );
    expect(officialDateLine('Nghệ An', new Date('2026-02-28T03:00:00Z'))).toBe(
      'Nghệ An, ngày 28 tháng 02 năm 2026',
    );
    expect(officialDateLine('Tân Kỳ', new Date('2026-12-15T03:00:00Z'))).toBe(
      'Tân Kỳ, ngày 15 tháng 12 năm 2026',
    );
  });
  it('parses dates as people type them and refuses impossible ones', () => {
    expect(parseDate('5/1/2026')).toBe('2026-01-05');
    expect(parseDate('28-11-2026')).toBe('2026-11-28');
    expect(parseDate('28.11.2026')).toBe('2026-11-28');
    expect(parseDate('2026-01-05')).toBe('2026-01-05');
    expect(parseDate('29/02/2028')).toBe('2028-02-29');
    for (const bad of [
      '31/02/2026',
      '29/02/2026',
      '28/11-2026',
      '1/13/2026',
      '5/1/9999',
      '2026-02-30',
      '9999-99-99',
      '',
    ])
      expect(parseDate(bad), bad).toBeNull();
  });
  it('checks ISO dates at the contract: only real calendar days', () => {
    expect(isIsoCalendarDate('2026-03-15')).toBe(true);
    for (const bad of ['2026-02-30', '2025-13-01', '9999-99-99', '2026-3-15', '2026-03-15T00:00', ''])
      expect(isIsoCalendarDate(bad), bad).toBe(false);
  });
});

describe('Vietnamese sort keys (for sorting inside SQLite)', () => {
  const names = [
    'Nguyễn Văn An',
    'Lê Thị Ánh',
    'Trần Anh',
    'Phạm Ăn',
    'Đỗ Âu',
    'Hồ Bình',
    'Vũ Dũng',
    'Đặng Đức',
    'Bùi Đào',
    'Ngô Em',
    'Lý Ê',
    'Võ Giang',
    'Hoàng Oanh',
    'Phan Ôn',
    'Dương Ơn',
    'Mai Uyên',
    'Đinh Ưng',
    'Tạ Yến',
    'Lê An',
    'lê an',
  ];
  it('orders names like the Vietnamese collator (given name first)', () => {
    const byKey = [...names].sort((a, b) =>
      nameSortKey(a) < nameSortKey(b) ? -1 : nameSortKey(a) > nameSortKey(b) ? 1 : 0,
    );
    for (let i = 1; i < byKey.length; i++) {
      expect(
        compareVietnameseNames(byKey[i - 1]!, byKey[i]!),
        `${byKey[i - 1]} before ${byKey[i]}`,
      ).toBeLessThanOrEqual(0);
    }
  });
  it('puts letters with marks after their base letter and tones after letters', () => {
    const k = (s: string) => vietnameseSortKey(s).primary;
    expect(k('a') < k('ă') && k('ă') < k('â') && k('â') < k('b')).toBe(true);
    expect(k('d') < k('đ') && k('đ') < k('e')).toBe(true);
    expect(k('o') < k('ô') && k('ô') < k('ơ') && k('ơ') < k('p')).toBe(true);
    expect(k('an') < k('anh')).toBe(true);
    expect(k('Á')).toBe(k('a'));
    expect(vietnameseSortKey('a').secondary < vietnameseSortKey('á').secondary).toBe(true);
  });
});

/**
 * Vietnamese text helpers shared by every layer.
 * Search folds text the same way on both sides (stored column and query), so
 * "nguyen van duc" finds "Nguyễn Văn Đức". FTS5's remove_diacritics does not fold đ.
 */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFC');
}

/** Folded words of a query, for prefix matching. */
export function foldedWords(input: string): string[] {
  return foldVietnamese(input)
    .split(/[^\p{L}\p{N}@.]+/u)
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter((w) => w.length > 0);
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese collation order (a, ă, â, b, c, d, đ, e, ê ...). */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Vietnamese names sort by given name (last word) first, then the whole name. */
export function compareVietnameseNames(a: string, b: string): number {
  const given = (n: string) => n.trim().split(/\s+/).pop() ?? '';
  return compareVietnamese(given(a), given(b)) || compareVietnamese(a, b);
}

/** NFC-normalised, trimmed, inner whitespace collapsed: how every stored text field is kept. */
export function cleanText(input: string): string {
  return input.normalize('NFC').replace(/\s+/g, ' ').trim();
}

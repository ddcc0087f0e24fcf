/**
 * Vietnamese text helpers shared by every layer.
 * Search folds text the same way on both sides (stored column and query), so
 * "nguyen van duc" finds "Nguyễn Văn Đức". FTS5's remove_diacritics does not fold đ.
 */
export function foldVietnamese(input: string): string {
  // Most text is ASCII and precomposed Latin letters, each folding to one ASCII character on its
  // own: such a string is folded a character at a time, four times faster than normalizing it
  // (every registration and import folds its entry, bench/results.md). Anything else (a combining
  // mark, another script) takes the whole path.
  const n = input.length;
  const codes = n <= CODES.length ? CODES : new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    const f = c < FOLDED.length ? FOLDED[c]! : 0;
    if (f === 0) return foldFully(input);
    codes[i] = f;
  }
  let out = '';
  // apply takes the typed array as its list of arguments, a block at a time (arguments are capped).
  for (let at = 0; at < n; at += 4096)
    out += String.fromCharCode.apply(null, codes.subarray(at, Math.min(n, at + 4096)) as unknown as number[]);
  return out;
}

function foldFully(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFC');
}

/**
 * Each character below U+1F00 that folds on its own to one ASCII character: ASCII (but NUL), Latin
 * letters with diacritics (U+00C0–U+024F) and Latin Extended Additional (U+1E00–U+1EFF, where most
 * Vietnamese letters are). 0 means "fold the whole string".
 */
const FOLDED = new Uint16Array(0x1f00);
for (let c = 1; c < FOLDED.length; c++) {
  if (c >= 0x250 && c < 0x1e00) continue;
  const f = foldFully(String.fromCharCode(c));
  if (f.length === 1 && f.charCodeAt(0) > 0 && f.charCodeAt(0) < 0x80) FOLDED[c] = f.charCodeAt(0);
}
/** The folded characters of the string being folded (a longer one has its own). */
const CODES = new Uint16Array(8192);

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

/**
 * Invisible characters that have no place in typed or imported text: C0 controls but tab, line
 * feed and carriage return (NUL, ESC…), DEL, C1 controls, and the bidirectional overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) that make a file name or a symbol read differently
 * from what it is ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** The text without the characters above; tab, line feed and carriage return are kept. */
export function stripControls(input: string): string {
  return input.replace(CONTROLS, '');
}

/** NFC-normalised, trimmed, inner whitespace collapsed: how every stored text field is kept. */
export function cleanText(input: string): string {
  return stripControls(input).normalize('NFC').replace(/\s+/g, ' ').trim();
}

// Vietnamese alphabet order; space first so "An" sorts before "Anh".
const ALPHABET = ' 0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
const LETTER_MODIFIERS: Record<string, Record<string, string>> = {
  '\u0306': { a: 'ă' },
  '\u0302': { a: 'â', e: 'ê', o: 'ô' },
  '\u031b': { o: 'ơ', u: 'ư' },
};
// Tones break ties only: none, huyền, hỏi, ngã, sắc, nặng.
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

/**
 * A binary-sortable key in Vietnamese order, so SQLite can sort and page with an index
 * (Intl.Collator has no sort keys). Letters first (ă after a, đ after d, ơ after ô...), tones
 * after, as a secondary difference; case is ignored.
 */
export function vietnameseSortKey(input: string): { primary: string; secondary: string } {
  let primary = '';
  let secondary = '';
  const letters: { base: string; tone: number }[] = [];
  for (const ch of input.normalize('NFD').toLowerCase()) {
    const last = letters[letters.length - 1];
    const modified = LETTER_MODIFIERS[ch];
    if (modified && last) last.base = modified[last.base] ?? last.base;
    else if (TONES.includes(ch) && last) last.tone = TONES.indexOf(ch);
    else if (/\s/.test(ch)) letters.push({ base: ' ', tone: 0 });
    else letters.push({ base: ch, tone: 0 });
  }
  for (const { base, tone } of letters) {
    const rank = ALPHABET.indexOf(base);
    if (rank < 0) continue; // punctuation does not order names
    primary += String.fromCharCode(0x21 + rank);
    secondary += String.fromCharCode(0x30 + tone);
  }
  return { primary, secondary };
}

/** Sort key for a person's name: given name (last word) first, then the whole name. */
export function nameSortKey(fullName: string): string {
  const name = cleanText(fullName);
  const given = vietnameseSortKey(name.split(' ').pop() ?? '');
  const whole = vietnameseSortKey(name);
  return `${given.primary}\u0001${whole.primary}\u0001${whole.secondary}`;
}

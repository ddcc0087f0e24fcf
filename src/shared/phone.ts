/**
 * Vietnamese phone numbers. Stored in national form ("0912345678"), shown grouped.
 * Mobile: 10 digits starting with 0 (+84 without the 0). Landline: 0 + area code, 11 digits.
 */
export function normalizePhone(input: string): string | null {
  let digits = input.replace(/[\s.\-()/]/g, '');
  if (digits.startsWith('+84')) digits = '0' + digits.slice(3);
  else if (digits.startsWith('0084')) digits = '0' + digits.slice(4);
  else if (digits.startsWith('84') && digits.length === 11) digits = '0' + digits.slice(2);
  if (!/^0\d{9,10}$/.test(digits)) return null;
  // Mobile prefixes are 03, 05, 07, 08, 09 and have 10 digits; landlines start 02 and have 11.
  if (digits.length === 10 && /^0[35789]/.test(digits)) return digits;
  if (digits.length === 11 && digits.startsWith('02')) return digits;
  return null;
}

/** "0912345678" → "0912 345 678"; "02383123456" → "0238 3123 456". */
export function formatPhone(normalized: string): string {
  if (normalized.length === 10) {
    return `${normalized.slice(0, 4)} ${normalized.slice(4, 7)} ${normalized.slice(7)}`;
  }
  if (normalized.length === 11) {
    return `${normalized.slice(0, 4)} ${normalized.slice(4, 8)} ${normalized.slice(8)}`;
  }
  return normalized;
}

/** Splits a cell holding several numbers ("0912 345 678; 0238 3123 456"). */
export function splitPhones(input: string): string[] {
  return input
    .split(/[;,\n]|\s{2,}|\s*\/\s*(?=\+?\d{4})/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

import { foldVietnamese } from './text';

/**
 * The password rules. The core enforces all of them wherever a password is chosen (setup, a new
 * user, a reset, a change, a recovery); the renderer shows the ones it can check itself (length,
 * user name) as the user types. Each refusal is a VALIDATION issue with one of these codes.
 */
export const PASSWORD_ISSUES = [
  'password-short',
  'password-username',
  'password-common',
  'password-reused',
] as const;
export type PasswordIssue = (typeof PASSWORD_ISSUES)[number];

export const PASSWORD_MIN_LENGTH = 12;
/** Or a passphrase: at least this many words (split on spaces) of at least two characters. */
export const PASSPHRASE_MIN_WORDS = 4;

/** Characters as people count them (NFC code points: "ệ" is one). */
const length = (s: string) => [...s.normalize('NFC')].length;

/** At least 12 characters, or a passphrase of 4 words or more, each of 2 characters or more. */
export function isLongEnough(password: string): boolean {
  if (length(password) >= PASSWORD_MIN_LENGTH) return true;
  const words = password.split(/\s+/).filter((w) => length(w) >= 2);
  return words.length >= PASSPHRASE_MIN_WORDS;
}

/** Lower case, no diacritics (đ → d), letters and digits only: how passwords are compared. */
export function foldPassword(s: string): string {
  return foldVietnamese(s).replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The password is the user name (case, diacritics and punctuation aside), or the user name with
 * fewer than 12 other letters and digits ("nguyenvana2024" for nguyen.van.a).
 */
export function hasUserName(password: string, userName: string): boolean {
  const u = foldPassword(userName);
  if (u.length === 0) return false;
  const p = foldPassword(password);
  return p.includes(u) && length(p.split(u).join('')) < PASSWORD_MIN_LENGTH;
}

/** The rules a form can check without the core: too short, or made of the user name. */
export function localPasswordIssue(password: string, userName: string): PasswordIssue | null {
  if (!isLongEnough(password)) return 'password-short';
  if (hasUserName(password, userName)) return 'password-username';
  return null;
}

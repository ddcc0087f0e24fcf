// The attribute lets plain Node ESM load it too (the end-to-end runner imports the core).
import common from '../../../../resources/reference/common-passwords.json' with { type: 'json' };
import type { WireError } from '../../../shared/contract';
import { foldPassword, hasUserName, isLongEnough, type PasswordIssue } from '../../../shared/password';
import { AppError } from '../errors';

/** resources/reference/common-passwords.json, compared folded (case, diacritics, punctuation aside). */
const COMMON: ReadonlySet<string> = new Set(common.passwords.map(foldPassword));

const MESSAGES: Record<PasswordIssue, string> = {
  'password-short': 'at least 12 characters, or a passphrase of 4 words or more',
  'password-username': 'must not be the user name, nor the user name and a few more characters',
  'password-common': 'is one of the commonest passwords',
  'password-reused': 'must differ from the current password',
};

/** The rules a password breaks, in the order to fix them (none: it may be used). */
export function passwordIssues(
  password: string,
  opts: { userName: string; current?: string },
): PasswordIssue[] {
  const issues: PasswordIssue[] = [];
  const folded = foldPassword(password);
  if (!isLongEnough(password)) issues.push('password-short');
  if (hasUserName(password, opts.userName)) issues.push('password-username');
  if (COMMON.has(folded)) issues.push('password-common');
  if (
    opts.current !== undefined &&
    (password === opts.current || (folded !== '' && folded === foldPassword(opts.current)))
  )
    issues.push('password-reused');
  return issues;
}

/**
 * Refuses a password that breaks a rule: VALIDATION with one issue per rule at the field's path
 * ("password", "newPassword", "admin.password"), coded for the UI to word.
 */
export function checkPassword(
  password: string,
  opts: { path: string; userName: string; current?: string },
): void {
  const found = passwordIssues(password, opts);
  if (found.length === 0) return;
  const issues: NonNullable<WireError['issues']> = found.map((code) => ({
    path: opts.path,
    message: MESSAGES[code],
    code,
  }));
  throw new AppError('VALIDATION', `${opts.path}: ${found.map((c) => MESSAGES[c]).join('; ')}`, issues);
}

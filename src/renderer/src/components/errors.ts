import { notifications } from '@mantine/notifications';
import { ApiError, ConnectionError } from '../api/client';
import type { MessageKey, Translate } from '../i18n';

/** The sentence, in the UI's language, for a failed call. */
export function errorText(t: Translate, err: unknown): string {
  if (err instanceof ApiError) {
    // A refused import file carries its reason in Vietnamese too (issue "import-file").
    const vi =
      t('meta.lang') === 'vi' ? err.issues?.find((i) => i.code === 'import-file')?.message : undefined;
    return t(`error.${err.code}` as MessageKey, { detail: vi ?? err.message });
  }
  if (err instanceof ConnectionError)
    return err.status === 401 || err.status === 403 ? t('connection.token') : t('connection.lost');
  return t('error.INTERNAL');
}

/** True when the core refused a save or delete because the record changed since it was read. */
export const isConflict = (err: unknown): boolean => err instanceof ApiError && err.code === 'CONFLICT';

const FIELD_MESSAGES: Record<string, MessageKey> = {
  too_small: 'field.too_small',
  too_big: 'field.too_big',
  invalid_format: 'field.invalid_format',
  invalid_string: 'field.invalid_format',
  invalid_type: 'field.required',
  invalid_value: 'field.invalid_value',
  invalid_enum_value: 'field.invalid_value',
  phone: 'field.phone',
  cycle: 'field.cycle',
  reference: 'field.reference',
  'not-extended': 'field.not-extended',
  'password-short': 'field.password-short',
  'password-username': 'field.password-username',
  'password-common': 'field.password-common',
  'password-reused': 'field.password-reused',
  // Keys and the directory of offices (exchange/offices).
  'fingerprint-mismatch': 'field.fingerprint-mismatch',
  'key-file': 'field.key-file',
  'key-invalid': 'field.key-invalid',
  'key-revoked': 'field.key-revoked',
  'office-code': 'field.office-code',
  'organization-linked': 'field.organization-linked',
  DIR_FINGERPRINT_MISMATCH: 'field.DIR_FINGERPRINT_MISMATCH',
  DIR_NO_PROVINCE_KEY: 'field.DIR_NO_PROVINCE_KEY',
  DIR_NOT_DIRECTORY: 'field.DIR_NOT_DIRECTORY',
  PKG_UNKNOWN_SENDER: 'field.PKG_UNKNOWN_SENDER',
  PKG_NOT_FOR_US: 'field.PKG_NOT_FOR_US',
  // The folder packages, copies or receipts are written to (exchange/packages/outputFolder.ts).
  'folder-missing': 'field.folder-missing',
  'folder-not-folder': 'field.folder-not-folder',
  'folder-read-only': 'field.folder-read-only',
};

/** Field errors from the core's VALIDATION issues, keyed by path ("phones.1"), in the UI's language. */
export function fieldErrors(t: Translate, err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !err.issues) return {};
  const out: Record<string, string> = {};
  for (const i of err.issues) {
    // The first problem of a field is the one to fix first.
    if (out[i.path] !== undefined) continue;
    // "at least 1 character" is how zod says a required text was left empty.
    const empty = i.code === 'too_small' && (i.limit === 1 || i.limit === 0);
    out[i.path] = empty
      ? t('field.required')
      : t(FIELD_MESSAGES[i.code ?? ''] ?? 'field.invalid_value', { n: i.limit ?? '' });
  }
  return out;
}

export function notifyError(t: Translate, err: unknown): void {
  notifications.show({ color: 'red', title: t('common.error'), message: errorText(t, err), autoClose: 6000 });
}

export function notifyOk(message: string): void {
  notifications.show({ color: 'green', message });
}

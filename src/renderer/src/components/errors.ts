import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client';
import type { MessageKey, Translate } from '../i18n';

/** The Vietnamese (or English) sentence for a failed call. */
export function errorText(t: Translate, err: unknown): string {
  if (err instanceof ApiError) return t(`error.${err.code}` as MessageKey, { detail: err.message });
  return t('error.INTERNAL');
}

const FIELD_MESSAGES: Record<string, MessageKey> = {
  too_small: 'field.too_small',
  too_big: 'field.too_big',
  invalid_format: 'field.invalid_format',
  invalid_type: 'field.required',
  invalid_value: 'field.invalid_value',
  phone: 'field.phone',
  cycle: 'field.cycle',
};

/** Field errors from the core's VALIDATION issues, keyed by path, worded in the UI's language. */
export function fieldErrors(t: Translate, err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !err.issues) return {};
  return Object.fromEntries(
    err.issues.map((i) => [
      i.path,
      t(FIELD_MESSAGES[i.code ?? ''] ?? 'field.invalid_value', { n: i.limit ?? '' }),
    ]),
  );
}

export function notifyError(t: Translate, err: unknown): void {
  notifications.show({ color: 'red', title: t('common.error'), message: errorText(t, err) });
}

export function notifyOk(message: string): void {
  notifications.show({ color: 'green', message });
}

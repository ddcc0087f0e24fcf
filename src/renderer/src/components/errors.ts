import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client';
import type { MessageKey, Translate } from '../i18n';

/** The Vietnamese (or English) sentence for a failed call. */
export function errorText(t: Translate, err: unknown): string {
  if (err instanceof ApiError) return t(`error.${err.code}` as MessageKey, { detail: err.message });
  return t('error.INTERNAL');
}

/** Field errors from the core's VALIDATION issues, keyed by the last path segment(s). */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !err.issues) return {};
  return Object.fromEntries(err.issues.map((i) => [i.path, i.message]));
}

export function notifyError(t: Translate, err: unknown): void {
  notifications.show({ color: 'red', title: t('common.error'), message: errorText(t, err) });
}

export function notifyOk(message: string): void {
  notifications.show({ color: 'green', message });
}

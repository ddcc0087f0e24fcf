import { knownKey, type Translate } from '../../i18n';

/** "Đăng nhập" for vault.login; an action the UI has no label for (a module added at run time) as it is. */
export function actionLabel(t: Translate, action: string): string {
  const key = knownKey(`auditAction.${action}`);
  return key ? t(key) : action;
}

/** "Đầu mối" for contact; unknown kinds of target as they are. */
export function targetLabel(t: Translate, targetType: string): string {
  const key = knownKey(`auditTarget.${targetType}`);
  return key ? t(key) : targetType;
}

/** The kinds of target the filter offers (the core writes these). */
export const TARGET_TYPES = [
  'document',
  'register',
  'contact',
  'organization',
  'user',
  'backup',
  'settings',
  'report',
  'audit',
] as const;

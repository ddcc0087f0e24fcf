import { knownKey, type Translate } from '../../i18n';

/** Actions the core writes to the audit log (src/main/core), in the order the filter lists them. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.lock',
  'auth.recover',
  'auth.change-password',
  'vault.setup',
  'users.create',
  'users.update',
  'users.reset-password',
  'settings.update',
  'backup.create',
  'backup.restore',
  'audit.verify',
  'audit.sealed-unreadable',
  'orgs.create',
  'orgs.update',
  'orgs.delete',
  'orgs.restore',
  'contacts.create',
  'contacts.update',
  'contacts.delete',
  'contacts.restore',
  'contacts.import',
  'contacts.export',
  'contacts.print',
  'docs.register',
  'docs.view',
  'docs.void',
  'docs.import',
] as const;

/** "Đăng nhập" for auth.login; an action the UI does not know yet (or a refused channel) as it is. */
export function actionLabel(t: Translate, action: string): string {
  const key = knownKey(`auditAction.${action}`);
  return key ? t(key) : action;
}

/** "Đầu mối" for contact; unknown kinds of target as they are. */
export function targetLabel(t: Translate, targetType: string): string {
  const key = knownKey(`auditTarget.${targetType}`);
  return key ? t(key) : targetType;
}

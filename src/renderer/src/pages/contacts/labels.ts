import { CONTACT_ROLES, ORG_KINDS } from '../../../../shared/contract';
import type { MessageKey, Translate } from '../../i18n';

export const kindOptions = (t: Translate) =>
  ORG_KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as MessageKey) }));
export const roleOptions = (t: Translate) =>
  CONTACT_ROLES.map((r) => ({ value: r, label: t(`contactRole.${r}` as MessageKey) }));

import type { ComboboxItem, ComboboxItemGroup } from '@mantine/core';
import { CONTACT_ROLES, ORG_KINDS, type Organization } from '../../../../shared/contract';
import { compareVietnamese } from '../../../../shared/text';
import type { Translate } from '../../i18n';

export const kindOptions = (t: Translate): ComboboxItem[] =>
  ORG_KINDS.map((k) => ({ value: k, label: t(`contacts.kind.${k}`) }));

export const roleOptions = (t: Translate): ComboboxItem[] =>
  CONTACT_ROLES.map((r) => ({ value: r, label: t(`contacts.role.${r}`) }));

/** Organisations for a Select: grouped by kind (in ORG_KINDS order), each group in Vietnamese order. */
export function orgOptions(
  orgs: Organization[],
  t: Translate,
  exclude?: string,
): ComboboxItemGroup<ComboboxItem>[] {
  return ORG_KINDS.map((k) => ({
    group: t(`contacts.kind.${k}`),
    items: orgs
      .filter((o) => o.kind === k && o.id !== exclude)
      .sort((a, b) => compareVietnamese(a.name, b.name))
      .map((o) => ({ value: o.id, label: o.name })),
  })).filter((g) => g.items.length > 0);
}

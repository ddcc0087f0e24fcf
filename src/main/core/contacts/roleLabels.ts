import type { ContactRole } from '../../../shared/contract';
import { foldVietnamese } from '../../../shared/text';

/** Vietnamese names of contact roles: what exports write and what imports read back first. */
export const CONTACT_ROLE_LABELS_VI: Record<ContactRole, string> = {
  'focal-point': 'Đầu mối',
  'duty-officer': 'Cán bộ trực',
  leader: 'Lãnh đạo',
  technical: 'Kỹ thuật',
};

/** Other spellings accepted on import (English, short Vietnamese forms), compared folded. */
const ROLE_ALIASES: Record<ContactRole, string[]> = {
  'focal-point': ['focal point', 'focal-point', 'focal', 'contact point', 'dau moi', 'dau moi lien lac'],
  'duty-officer': [
    'duty officer',
    'duty-officer',
    'duty',
    'on duty',
    'truc',
    'truc ban',
    'can bo truc',
    'can bo truc ban',
  ],
  leader: ['leader', 'leadership', 'lanh dao'],
  technical: ['technical', 'technician', 'tech', 'ky thuat', 'can bo ky thuat'],
};

function roleKey(text: string): string {
  return foldVietnamese(text)
    .replace(/[\s_]+/g, ' ')
    .trim();
}

const ROLE_BY_KEY = new Map<string, ContactRole>();
for (const [role, aliases] of Object.entries(ROLE_ALIASES) as [ContactRole, string[]][]) {
  for (const alias of [CONTACT_ROLE_LABELS_VI[role], role, ...aliases]) ROLE_BY_KEY.set(roleKey(alias), role);
}

/** A role written by a person, in either language, with or without diacritics; null if unknown. */
export function parseContactRole(text: string): ContactRole | null {
  return ROLE_BY_KEY.get(roleKey(text)) ?? null;
}

/** Roles as one cell, in Vietnamese, in the order given. */
export function formatContactRolesVi(roles: readonly ContactRole[]): string {
  return roles.map((r) => CONTACT_ROLE_LABELS_VI[r]).join(', ');
}

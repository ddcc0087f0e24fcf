import type { Role, SessionUser } from '../../../shared/contract';

export type Section =
  | 'overview'
  | 'contacts'
  | 'documents'
  | 'secretReport'
  | 'plans'
  | 'inspections'
  | 'exchange'
  | 'audit'
  | 'admin';
/** In this order in the navbar; Alt+1…9 follow this order for every role (hidden ones do nothing). */
export const SECTIONS: Section[] = [
  'overview',
  'contacts',
  'documents',
  'secretReport',
  'plans',
  'inspections',
  'exchange',
  'audit',
  'admin',
];
/** Sections only some roles see; the core refuses the calls behind them to everyone else anyway. */
const ONLY_FOR: Partial<Record<Section, readonly Role[]>> = {
  secretReport: ['admin', 'leader', 'clerk'],
  audit: ['admin', 'leader'],
  admin: ['admin'],
};
export function allowed(s: Section, user: SessionUser): boolean {
  return ONLY_FOR[s]?.includes(user.role) ?? true;
}

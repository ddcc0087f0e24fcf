import { can } from '../../../../shared/contract';
import type { SectionEntry } from '../section';
import { AuditPage } from './AuditPage';

export const auditSection: SectionEntry = {
  key: 'audit',
  navKey: 'nav.audit',
  order: 8,
  visible: (user) => can(user, 'audit.list'),
  component: () => <AuditPage />,
};

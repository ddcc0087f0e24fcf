import { can } from '../../../../shared/contract';
import type { SectionEntry } from '../section';
import { AdminPage } from './AdminPage';

export const adminSection: SectionEntry = {
  key: 'admin',
  navKey: 'nav.admin',
  order: 9,
  visible: (user) => can(user, 'users.list'),
  component: (p) => <AdminPage user={p.user} onChanged={p.onChanged} />,
};

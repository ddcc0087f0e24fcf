import { can } from '../../../../shared/contract';
import type { SectionEntry } from '../section';
import { OverviewPage } from './OverviewPage';

export const overviewSection: SectionEntry = {
  key: 'overview',
  navKey: 'nav.overview',
  order: 1,
  visible: (user) => can(user, 'vault.status'),
  component: (p) => <OverviewPage status={p.status} navigate={p.navigate} sees={p.sees} />,
};

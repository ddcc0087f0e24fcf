import { can } from '../../../../shared/contract';
import type { SectionEntry } from '../section';
import { PlansPage } from './PlansPage';

export const plansSection: SectionEntry = {
  key: 'plans',
  navKey: 'nav.plans',
  order: 5,
  visible: (user) => can(user, 'plans.tasks.list'),
  component: () => <PlansPage />,
};

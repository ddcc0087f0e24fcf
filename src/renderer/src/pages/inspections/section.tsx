import { can } from '../../../../shared/contract';
import type { SectionEntry } from '../section';
import { InspectionsPage } from './InspectionsPage';

export const inspectionsSection: SectionEntry = {
  key: 'inspections',
  navKey: 'nav.inspections',
  order: 6,
  visible: (user) => can(user, 'inspections.list'),
  component: () => <InspectionsPage />,
};

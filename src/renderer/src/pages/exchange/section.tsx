import { can } from '../../../../shared/contract';
import type { SectionEntry } from '../section';
import { ExchangePage } from './ExchangePage';

export const exchangeSection: SectionEntry = {
  key: 'exchange',
  navKey: 'nav.exchange',
  order: 7,
  visible: (user) => can(user, 'exchange.directoryList') || can(user, 'exchange.packagesLog'),
  component: ({ office, user }) => <ExchangePage office={office} user={user} />,
};

import { can } from '../../../../shared/contract';
import type { SectionEntry } from '../section';
import { ContactsPage } from './ContactsPage';

export const contactsSection: SectionEntry = {
  key: 'contacts',
  navKey: 'nav.contacts',
  order: 2,
  visible: (user) => can(user, 'contacts.list'),
  component: (p) => <ContactsPage tab={typeof p.params?.tab === 'string' ? p.params.tab : undefined} />,
};

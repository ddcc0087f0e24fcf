import { can } from '../../../../shared/contract';
import type { SectionEntry } from '../section';
import { DocumentsPage } from './DocumentsPage';
import { SecretReportPage } from './secretReport/SecretReportPage';

/** The registers of incoming and outgoing documents. */
export const docsSection: SectionEntry = {
  key: 'docs',
  navKey: 'nav.docs',
  order: 3,
  visible: (user) => can(user, 'docs.list'),
  component: (p) => <DocumentsPage officeName={p.office.name} params={p.params} />,
};

/**
 * The yearly report on protecting state secrets and the protection periods ending soon: shown to
 * those who may print the report (the page is there to print it).
 */
export const secretReportSection: SectionEntry = {
  key: 'secretReport',
  navKey: 'nav.secretReport',
  order: 4,
  visible: (user) => can(user, 'docs.printYearReport'),
  component: () => <SecretReportPage />,
};

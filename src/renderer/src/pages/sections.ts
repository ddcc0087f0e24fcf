import { adminSection } from './admin/section';
import { auditSection } from './audit/section';
import { contactsSection } from './contacts/section';
import { docsSection, secretReportSection } from './docs/section';
import { exchangeSection } from './exchange/section';
import { overviewSection } from './overview/section';
import { plansSection } from './plans/section';
import { comingSection } from './PlaceholderPage';
import type { SectionEntry } from './section';

/**
 * Every screen of the app, each declared by its module (`pages/<module>/section.tsx`): adding a
 * module's screen is one line here. Shown in `order`; each user sees those its `visible` allows.
 */
export const SECTIONS: readonly SectionEntry[] = [
  overviewSection,
  contactsSection,
  docsSection,
  secretReportSection,
  plansSection,
  comingSection('inspections', 'nav.inspections', 6),
  exchangeSection,
  auditSection,
  adminSection,
].sort((a, b) => a.order - b.order);

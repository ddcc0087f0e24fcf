import type { ComponentType } from 'react';
import type { AppStatus, OfficeProfile, SessionUser } from '../../../shared/contract';
import type { MessageKey } from '../i18n';

/** What a link asks a section to show first (the overview's overdue tile: the overdue list). */
export type SectionParams = Readonly<Record<string, string | number | boolean>>;

/** What the Shell hands the section on screen. */
export interface SectionProps {
  status: AppStatus;
  user: SessionUser;
  office: OfficeProfile;
  /** Opens another section (with what it should show first); does nothing if this user does not see it. */
  navigate: (section: SectionEntry, params?: SectionParams) => void;
  /** Set when the section was opened by a link with parameters. */
  params?: SectionParams | undefined;
  /** Whether this user sees a section (to offer a link to it only then). */
  sees: (section: SectionEntry) => boolean;
  /** Re-reads the vault's state (after a settings change or a restore). */
  onChanged: () => void;
}

/**
 * One screen of the app, declared by its module next to its page (`pages/<module>/section.tsx`)
 * and listed once in pages/sections.ts.
 */
export interface SectionEntry {
  /** Stable id: the navbar's `nav-<key>` test id and the section remembered across a lock. */
  key: string;
  /** Its name in the navbar. */
  navKey: MessageKey;
  /** Its place in the navbar; 1–9 is also its Alt+digit shortcut (the same for every role). */
  order: number;
  /** Whether this user sees it: derived from the contract (`can(user, <the channel it needs>)`). */
  visible: (user: SessionUser) => boolean;
  component: ComponentType<SectionProps>;
}

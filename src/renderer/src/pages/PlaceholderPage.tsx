import { Alert, Title } from '@mantine/core';
import { useI18n, type MessageKey } from '../i18n';
import type { SectionEntry } from './section';

/** Sections a later version fills (plans, inspections, data exchange): said plainly. */
export function PlaceholderPage(props: { title: string }) {
  const { t } = useI18n();
  return (
    <>
      <Title order={2} mb="md">
        {props.title}
      </Title>
      <Alert color="blue" data-testid="placeholder">
        {t('placeholder.text')}
      </Alert>
    </>
  );
}

/** The entry of a module still to come: in the navbar for everyone, its page says it is coming. */
export function comingSection(key: string, navKey: MessageKey, order: number): SectionEntry {
  function ComingPage() {
    const { t } = useI18n();
    return <PlaceholderPage title={t(navKey)} />;
  }
  // Nothing to call yet: every signed-in user may look.
  return { key, navKey, order, visible: () => true, component: ComingPage };
}

import { Alert, Title } from '@mantine/core';
import { useI18n } from '../i18n';

/** Sections the next versions fill (registry, plans, inspections, exchange). */
export function PlaceholderPage(props: { title: string }) {
  const { t } = useI18n();
  return (
    <>
      <Title order={2} mb="md">
        {props.title}
      </Title>
      <Alert color="blue">{t('placeholder.text')}</Alert>
    </>
  );
}

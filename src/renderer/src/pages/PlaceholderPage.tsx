import { Alert, Title } from '@mantine/core';
import { useI18n } from '../i18n';

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

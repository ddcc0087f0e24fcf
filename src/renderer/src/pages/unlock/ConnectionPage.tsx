import { Alert, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { errorText } from '../../components/errors';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useI18n } from '../../i18n';

/** The core does not answer (browser host stopped, or this tab lost its token). */
export function ConnectionPage(props: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" w={520}>
        <Stack>
          <Title order={3}>{t('connection.title')}</Title>
          <Alert color="red" data-testid="connection-error">
            {errorText(t, props.error)}
          </Alert>
          <Text size="sm" c="dimmed">
            {t('connection.help')}
          </Text>
          <Group justify="space-between">
            <Button data-testid="connection-retry" onClick={props.onRetry}>
              {t('connection.retry')}
            </Button>
            <LanguageSwitch />
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}

/** The same news while a screen is open: a banner on top, the screen kept as it is. */
export function ConnectionBanner(props: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      color="red"
      variant="filled"
      data-testid="connection-banner"
      role="alert"
      style={{ position: 'fixed', top: 8, left: '50%', transform: 'translateX(-50%)', zIndex: 1000 }}
    >
      <Group gap="sm" wrap="nowrap">
        <Text size="sm">{errorText(t, props.error)}</Text>
        <Button size="xs" variant="white" color="red" onClick={props.onRetry}>
          {t('connection.retry')}
        </Button>
      </Group>
    </Alert>
  );
}

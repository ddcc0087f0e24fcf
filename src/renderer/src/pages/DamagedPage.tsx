import { Alert, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../i18n';
import { BackupList } from './BackupList';

/** The database could not be used: say so plainly, touch nothing, offer the backups. */
export function DamagedPage(props: { reason: string; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <Container size="md" py="xl">
      <Stack>
        <Title order={2}>{t('damaged.title')}</Title>
        <Alert color="red">
          <Text>{t('damaged.text')}</Text>
          <Text size="sm" mt="xs" c="dimmed">
            {t('damaged.reason', { reason: props.reason })}
          </Text>
        </Alert>
        <Paper withBorder p="lg">
          <Title order={4} mb="sm">
            {t('admin.backups')}
          </Title>
          <BackupList onRestored={props.onDone} />
        </Paper>
      </Stack>
    </Container>
  );
}

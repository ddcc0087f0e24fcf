import { Alert, Button, Container, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useI18n } from '../../i18n';
import { BackupList } from '../admin/BackupList';

/** The database could not be used: say so plainly, touch nothing, offer the backups. */
export function DamagedPage(props: { reason: string; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <Container size="md" py="xl">
      <Stack>
        <Group justify="space-between">
          <Title order={2}>{t('damaged.title')}</Title>
          <LanguageSwitch />
        </Group>
        <Alert color="red" data-testid="damaged-alert">
          <Text>{t('damaged.text')}</Text>
          {props.reason && (
            <Text size="sm" mt="xs" c="dimmed">
              {t('damaged.reason', { reason: props.reason })}
            </Text>
          )}
        </Alert>
        <Paper withBorder p="lg">
          <Title order={4} mb="xs">
            {t('damaged.whatNow')}
          </Title>
          <List size="sm" spacing={4}>
            <List.Item>{t('damaged.step1')}</List.Item>
            <List.Item>{t('damaged.step2')}</List.Item>
            <List.Item>{t('damaged.step3')}</List.Item>
          </List>
          <Group mt="sm">
            <Button variant="default" size="xs" data-testid="damaged-retry" onClick={props.onDone}>
              {t('damaged.retry')}
            </Button>
          </Group>
        </Paper>
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

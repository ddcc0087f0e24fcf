import {
  Alert,
  Button,
  Checkbox,
  Code,
  Container,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { formatStamp } from '../../components/DateText';
import { useI18n } from '../../i18n';

export interface RecoveryInfo {
  key: string;
  office: string;
  province: string;
  admin: string;
  createdAt: string;
}

/** The key as two lines of four groups (its text stays the key exactly: <br> adds no text). */
function KeyLines(props: { value: string }) {
  const groups = props.value.split('-');
  if (groups.length < 8) return <>{props.value}</>;
  const half = Math.ceil(groups.length / 2);
  return (
    <>
      {groups.slice(0, half).join('-')}-
      <br />
      {groups.slice(half).join('-')}
    </>
  );
}

/**
 * The recovery key, shown once after setup. "In" prints this panel alone (print.css); continuing
 * needs the box "I have stored it" ticked.
 */
export function RecoveryKeyPanel(props: { info: RecoveryInfo; onDone: () => void }) {
  const { t } = useI18n();
  const [kept, setKept] = useState(false);
  const { info } = props;
  return (
    <Container size="sm" py="xl">
      <Alert color="orange" mb="md" className="no-print" title={t('recovery.once')}>
        {t('recovery.intro')}
      </Alert>
      <Paper withBorder p="xl" className="print-only-panel" data-testid="recovery-panel">
        <Stack gap="sm">
          <Title order={2} ta="center">
            {t('recovery.title')}
          </Title>
          <Text ta="center" c="dimmed" size="sm">
            {t('app.name')} — {t('app.tagline')}
          </Text>
          <Table withRowBorders={false} verticalSpacing={2}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td w="35%">{t('recovery.officeLabel')}</Table.Td>
                <Table.Td fw={600}>{info.office}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('setup.province')}</Table.Td>
                <Table.Td>{info.province}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('recovery.adminLabel')}</Table.Td>
                <Table.Td ff="monospace">{info.admin}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('recovery.createdAt')}</Table.Td>
                <Table.Td>{formatStamp(info.createdAt)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Code
            block
            data-testid="recovery-key"
            style={{ fontSize: 26, letterSpacing: 2, lineHeight: 1.7, textAlign: 'center', padding: 24 }}
          >
            <KeyLines value={info.key} />
          </Code>
          <Text size="sm">{t('recovery.keepRules')}</Text>
          <Text size="sm" className="print-only" mt="xl">
            {t('recovery.printedBy')}
          </Text>
        </Stack>
      </Paper>
      <Group mt="lg" justify="space-between" className="no-print">
        <Button variant="default" data-testid="recovery-print" onClick={() => window.print()}>
          {t('common.print')}
        </Button>
        <Checkbox
          data-testid="recovery-kept"
          label={t('recovery.kept')}
          checked={kept}
          onChange={(e) => setKept(e.currentTarget.checked)}
          maw={300}
        />
        <Button data-testid="recovery-continue" disabled={!kept} onClick={props.onDone}>
          {t('recovery.continue')}
        </Button>
      </Group>
    </Container>
  );
}

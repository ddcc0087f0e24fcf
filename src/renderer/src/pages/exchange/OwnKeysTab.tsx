import { Button, Code, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { OwnKeys } from '../../../../shared/contract';
import { isoToTyped } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { notifyError } from '../../components/errors';
import { useFileSave } from '../../components/useFileSave';
import { useI18n } from '../../i18n';
import { Fingerprint } from './Fingerprint';

/** This office's public keys and fingerprint; the key file and the form it sends to its province. */
export function OwnKeysTab() {
  const { t } = useI18n();
  const [keys, setKeys] = useState<OwnKeys | null>(null);
  const file = useFileSave();
  useEffect(() => {
    invoke('exchange.ownKeys', {}).then(setKeys, (err: unknown) => notifyError(t, err));
  }, [t]);
  if (!keys) return null;
  return (
    <Stack maw={760}>
      <Text size="sm" c="dimmed">
        {t('exchange.keys.help')}
      </Text>
      <Paper withBorder p="md">
        <Text size="sm" fw={600} mb="xs">
          {t('exchange.fingerprint')}
        </Text>
        <Fingerprint value={keys.fingerprint} testId="own-fingerprint" size="xl" />
      </Paper>
      <Table withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>{t('exchange.office.code')}</Table.Th>
            <Table.Td>{keys.office}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('exchange.signingKey')}</Table.Th>
            <Table.Td>
              <Code>{keys.signingKey}</Code>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('exchange.recipient')}</Table.Th>
            <Table.Td>
              <Code>{keys.recipient}</Code>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('exchange.keys.created')}</Table.Th>
            <Table.Td>{isoToTyped(keys.createdAt)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          data-testid="exchange-export-key"
          loading={file.busy}
          onClick={() => void file.save(() => invoke('exchange.exportKeyFile', {}))}
        >
          {t('exchange.keys.export')}
        </Button>
        <Button
          data-testid="exchange-print-form"
          variant="default"
          loading={file.busy}
          onClick={() => void file.save(() => invoke('exchange.printKeyForm', {}))}
        >
          {t('exchange.keys.printForm')}
        </Button>
      </Group>
    </Stack>
  );
}

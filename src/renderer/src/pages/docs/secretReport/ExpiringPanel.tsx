import { Badge, Group, Paper, Select, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DocEntry } from '../../../../../shared/contract';
import { vnIsoDate } from '../../../../../shared/dates';
import { invoke } from '../../../api/client';
import { DateText } from '../../../components/DateText';
import { notifyError } from '../../../components/errors';
import { useI18n, type MessageKey } from '../../../i18n';

/** Days ahead; 0 lists only the periods that have already ended. */
const HORIZONS = ['0', '90', '180', '365', '730'] as const;

/** Classified entries whose protection period ends within the chosen horizon, the earliest first. */
export function ExpiringPanel() {
  const { t } = useI18n();
  const [horizon, setHorizon] = useState<string>('365');
  const [items, setItems] = useState<DocEntry[] | null>(null);
  useEffect(() => {
    let current = true;
    invoke('docs.expiring', { withinDays: Number(horizon) }).then(
      (r) => current && setItems(r),
      (err: unknown) => notifyError(t, err),
    );
    return () => {
      current = false;
    };
  }, [horizon, t]);
  const today = vnIsoDate(new Date());

  return (
    <Paper withBorder p="md">
      <Group align="flex-end" justify="space-between" mb="sm">
        <div>
          <Title order={4}>{t('docs.secret.expiring')}</Title>
          <Text size="sm" c="dimmed">
            {t('docs.secret.expiringHint')}
          </Text>
        </div>
        <Select
          data-testid="secret-horizon"
          label={t('docs.secret.horizon')}
          w={220}
          allowDeselect={false}
          data={HORIZONS.map((h) => ({ value: h, label: t(`docs.secret.horizon.${h}` as MessageKey) }))}
          value={horizon}
          onChange={(v) => v && setHorizon(v)}
        />
      </Group>
      <Table striped withTableBorder data-testid="expiring-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('docs.number')}</Table.Th>
            <Table.Th>{t('docs.symbol')}</Table.Th>
            <Table.Th>{t('docs.level')}</Table.Th>
            <Table.Th>{t('docs.summary')}</Table.Th>
            <Table.Th>{t('docs.secret.protectUntil')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(items ?? []).map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td fw={700}>
                {d.number}/{d.year}
              </Table.Td>
              <Table.Td>{d.symbol}</Table.Td>
              <Table.Td>
                <Badge color="red" variant="filled">
                  {t(`clearance.${d.level}`)}
                </Badge>
              </Table.Td>
              {/* The core lists only entries within the reader's clearance. */}
              <Table.Td>{d.summary}</Table.Td>
              <Table.Td c={d.protectUntil && d.protectUntil < today ? 'red.8' : undefined} fw={500}>
                <DateText iso={d.protectUntil} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {items?.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t('docs.secret.expiringEmpty')}
        </Text>
      )}
    </Paper>
  );
}

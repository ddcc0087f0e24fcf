import { Card, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Overview, PeriodRow, PlanEvent } from '../../../../shared/contract';
import { isoToTyped } from '../../../../shared/dates';
import { describeSchedule } from '../../../../shared/deadlines';
import { invoke } from '../../api/client';
import { notifyError } from '../../components/errors';
import { useI18n, type MessageKey } from '../../i18n';
import type { TaskFilter } from './TasksTab';

/** The leader's overview: tiles that open the list behind them, progress per organisation, who has not reported. */
export function OverviewTab(props: { event: PlanEvent; stamp: number; onOpen: (f: TaskFilter) => void }) {
  const { t } = useI18n();
  const [o, setO] = useState<Overview | null>(null);
  const [periods, setPeriods] = useState<PeriodRow[]>([]);
  useEffect(() => {
    Promise.all([
      invoke('plans.overview', { eventId: props.event.id }),
      invoke('plans.periods', { eventId: props.event.id }),
    ])
      .then(([overview, grid]) => {
        setO(overview);
        setPeriods(grid.slice(-8).reverse());
      })
      .catch((err: unknown) => notifyError(t, err));
  }, [props.event.id, props.stamp, t]);
  if (!o) return null;
  const tiles: { key: MessageKey; value: number; testId: string; filter: TaskFilter; alert?: boolean }[] = [
    { key: 'plans.tile.tasks', value: o.tasks, testId: 'tile-tasks', filter: { view: 'all', orgId: null } },
    { key: 'plans.tile.done', value: o.done, testId: 'tile-done', filter: { view: 'all', orgId: null } },
    {
      key: 'plans.tile.overdue',
      value: o.overdue,
      testId: 'tile-overdue',
      filter: { view: 'overdue', orgId: null },
      alert: o.overdue > 0,
    },
    {
      key: 'plans.tile.dueSoon',
      value: o.dueSoon,
      testId: 'tile-due-soon',
      filter: { view: 'due-soon', orgId: null },
    },
    {
      key: 'plans.tile.thisWeek',
      value: o.thisWeek,
      testId: 'tile-this-week',
      filter: { view: 'this-week', orgId: null },
    },
  ];
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
        {tiles.map((tile) => (
          <UnstyledButton key={tile.key} data-testid={tile.testId} onClick={() => props.onOpen(tile.filter)}>
            <Card withBorder padding="sm">
              <Text size="sm" c="dimmed">
                {t(tile.key)}
              </Text>
              <Text fw={700} fz={28} c={tile.alert ? 'red' : undefined}>
                {tile.value}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
        <Card withBorder padding="sm" data-testid="tile-not-reported">
          <Text size="sm" c="dimmed">
            {t('plans.tile.notReported')}
          </Text>
          <Text fw={700} fz={28} c={o.notReported.length ? 'orange' : undefined}>
            {o.notReported.length}
          </Text>
        </Card>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={4} mb="sm">
            {t('plans.chart.byOrg')}
          </Title>
          <OrgBars rows={o.byOrg} onOpen={(orgId) => props.onOpen({ view: 'all', orgId })} />
        </Card>
        <Card withBorder data-testid="not-reported">
          <Title order={4} mb="sm">
            {t('plans.notReported.title', { from: isoToTyped(o.period), to: isoToTyped(o.periodEnd) })}
          </Title>
          {o.notReported.length ? (
            <Stack gap={4}>
              {o.notReported.map((u) => (
                <UnstyledButton key={u.orgId} onClick={() => props.onOpen({ view: 'all', orgId: u.orgId })}>
                  <Text size="sm">- {u.orgName}</Text>
                </UnstyledButton>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('plans.notReported.none')}
            </Text>
          )}
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={4}>{t('plans.tab.periods')}</Title>
        <Text size="sm" c="dimmed" mb="sm" data-testid="period-schedule">
          {describeSchedule(o.reporting)}
        </Text>
        <Table data-testid="period-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plans.tab.periods')}</Table.Th>
              <Table.Th>{t('plans.periods.reported')}</Table.Th>
              <Table.Th>{t('plans.periods.missing')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {periods.map((p) => (
              <Table.Tr key={p.period}>
                <Table.Td>
                  {t('plans.periods.span', { from: isoToTyped(p.period), to: isoToTyped(p.end) })}
                </Table.Td>
                <Table.Td>{p.reported.map((r) => r.orgName).join('; ')}</Table.Td>
                <Table.Td c="orange">{p.missing.map((r) => r.orgName).join('; ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

/** One bar per lead organisation: its mean progress, the overdue count beside it. */
function OrgBars(props: { rows: Overview['byOrg']; onOpen: (orgId: string | null) => void }) {
  const { t } = useI18n();
  const height = 26;
  return (
    <svg
      width="100%"
      viewBox={`0 0 600 ${Math.max(1, props.rows.length) * height}`}
      role="img"
      aria-label={t('plans.chart.byOrg')}
    >
      {props.rows.map((r, i) => (
        <g
          key={r.orgId ?? 'none'}
          transform={`translate(0 ${i * height})`}
          onClick={() => props.onOpen(r.orgId)}
          style={{ cursor: 'pointer' }}
        >
          <text x="0" y="17" fontSize="12">
            {r.orgName.length > 34 ? `${r.orgName.slice(0, 33)}…` : r.orgName}
          </text>
          <rect x="230" y="5" width="180" height="16" fill="#e9ecef" />
          <rect x="230" y="5" width={1.8 * r.percent} height="16" fill={r.overdue ? '#fa5252' : '#228be6'} />
          <text x="418" y="17" fontSize="12">
            {r.percent}%{r.overdue ? ` · ${r.overdue} ${t('plans.overdue').toLowerCase()}` : ''}
          </text>
        </g>
      ))}
    </svg>
  );
}

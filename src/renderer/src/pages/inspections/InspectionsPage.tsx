import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type {
  InspectionSummary,
  Organization,
  PlanEvent,
  RoundOverview,
  UnitKind,
} from '../../../../shared/contract';
import { isoToTyped } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { EventSelect } from '../../components/EventSelect';
import { notifyError } from '../../components/errors';
import { useFileSave } from '../../components/useFileSave';
import { usePermissions } from '../../components/usePermissions';
import { useI18n, type MessageKey } from '../../i18n';
import { ChecklistModal } from './ChecklistModal';
import { InspectionDrawer } from './InspectionDrawer';
import { PlanInspectionModal } from './PlanInspectionModal';
import { RequestSelfModal, SelfReportModal } from './SelfReportModal';

/** Kiểm tra: an event's inspections, the leader's overview of the round, and its report. */
export function InspectionsPage() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const files = useFileSave();
  const [events, setEvents] = useState<PlanEvent[]>([]);
  const [eventId, setEventId] = useState<string | null>(null);
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [list, setList] = useState<InspectionSummary[]>([]);
  const [overview, setOverview] = useState<RoundOverview | null>(null);
  const [planning, setPlanning] = useState<{ again: InspectionSummary | null } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [selfDialog, setSelfDialog] = useState<'enter' | 'request' | 'checklists' | null>(null);

  useEffect(() => {
    Promise.all([invoke('plans.events.list', {}), invoke('contacts.orgs.list', {})])
      .then(([evs, directory]) => {
        setEvents(evs);
        setOrgs(directory);
        setEventId((id) => id ?? evs[0]?.id ?? null);
      })
      .catch((err: unknown) => notifyError(t, err));
  }, [t]);
  const load = useCallback(async () => {
    if (!eventId) return;
    try {
      const [l, o] = await Promise.all([
        invoke('inspections.list', { eventId }),
        invoke('inspections.overview', { eventId }),
      ]);
      setList(l);
      setOverview(o);
    } catch (err) {
      notifyError(t, err);
    }
  }, [eventId, t]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('nav.inspections')}</Title>
        <Group align="flex-end">
          <EventSelect events={events} value={eventId} onChange={setEventId} testId="insp-event" />
          {eventId && can('inspections.plan') && (
            <Button data-testid="insp-plan" onClick={() => setPlanning({ again: null })}>
              {t('inspections.plan')}
            </Button>
          )}
          {can('inspections.checklists.save') && (
            <Button
              data-testid="insp-checklists"
              variant="default"
              onClick={() => setSelfDialog('checklists')}
            >
              {t('inspections.checklists')}
            </Button>
          )}
          {eventId && can('inspections.requestSelf') && (
            <Button data-testid="insp-request" variant="default" onClick={() => setSelfDialog('request')}>
              {t('inspections.requestSelf')}
            </Button>
          )}
          {eventId && can('inspections.self.save') && (
            <Button data-testid="insp-self" variant="default" onClick={() => setSelfDialog('enter')}>
              {t('inspections.selfEnter')}
            </Button>
          )}
          {eventId && can('inspections.report') && (
            <>
              <Button
                data-testid="insp-report"
                variant="default"
                loading={files.busy}
                onClick={() =>
                  void files.save(() => invoke('inspections.report', { eventId, format: 'docx' }))
                }
              >
                {t('inspections.report')}
              </Button>
              <Button
                data-testid="insp-report-xlsx"
                variant="default"
                loading={files.busy}
                onClick={() =>
                  void files.save(() => invoke('inspections.report', { eventId, format: 'xlsx' }))
                }
              >
                {t('inspections.reportXlsx')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      {!eventId ? (
        <Text c="dimmed">{t('plans.event.none')}</Text>
      ) : (
        <Stack>
          {overview && <RoundTiles o={overview} />}
          <Table highlightOnHover data-testid="insp-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inspections.date')}</Table.Th>
                <Table.Th>{t('inspections.org')}</Table.Th>
                <Table.Th>{t('inspections.checklist')}</Table.Th>
                <Table.Th>{t('inspections.progress')}</Table.Th>
                <Table.Th>{t('inspections.findings')}</Table.Th>
                <Table.Th>{t('inspections.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((i) => (
                <Table.Tr
                  key={i.id}
                  data-testid="insp-row"
                  tabIndex={0}
                  style={{ cursor: 'pointer' }}
                  onClick={() => setOpen(i.id)}
                  onKeyDown={(e) => e.key === 'Enter' && setOpen(i.id)}
                >
                  <Table.Td>{isoToTyped(i.date)}</Table.Td>
                  <Table.Td>
                    {i.orgName}
                    {i.reinspectionOf && (
                      <Badge ml="xs" size="xs" variant="light">
                        {t('inspections.again')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{i.checklistName}</Table.Td>
                  <Table.Td>
                    {i.recorded}/{i.itemCount}
                    {i.failed > 0 && (
                      <Text span c="red">{` · ${t('inspections.failedCount', { n: i.failed })}`}</Text>
                    )}
                  </Table.Td>
                  <Table.Td c={i.openFindings ? 'orange' : undefined}>{i.openFindings}</Table.Td>
                  <Table.Td>{t(`inspections.status.${i.status}` as MessageKey)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.length === 0 && <Text c="dimmed">{t('inspections.none')}</Text>}
        </Stack>
      )}
      {eventId && (
        <PlanInspectionModal
          opened={planning !== null}
          eventId={eventId}
          orgs={orgs}
          again={planning?.again ?? null}
          onClose={() => setPlanning(null)}
          onSaved={() => void load()}
        />
      )}
      {eventId && (
        <>
          <SelfReportModal
            opened={selfDialog === 'enter'}
            eventId={eventId}
            orgs={orgs}
            onClose={() => setSelfDialog(null)}
            onSaved={() => void load()}
          />
          <RequestSelfModal
            opened={selfDialog === 'request'}
            eventId={eventId}
            orgs={orgs}
            onClose={() => setSelfDialog(null)}
          />
        </>
      )}
      <ChecklistModal opened={selfDialog === 'checklists'} onClose={() => setSelfDialog(null)} />
      <InspectionDrawer
        id={open}
        onClose={() => setOpen(null)}
        onChanged={() => void load()}
        onReinspect={(i) => {
          setOpen(null);
          setPlanning({ again: i });
        }}
      />
    </>
  );
}

const KIND_KEYS: Record<UnitKind, MessageKey> = {
  telecom: 'inspections.kind.telecom',
  postal: 'inspections.kind.postal',
  radio: 'inspections.kind.radio',
  commune: 'inspections.kind.commune',
};

/** The leader's view of the round: coverage and open findings, and results per kind of unit as bars. */
function RoundTiles(props: { o: RoundOverview }) {
  const { t } = useI18n();
  const { o } = props;
  const tiles: { key: MessageKey; value: number; alert?: boolean }[] = [
    { key: 'inspections.tile.planned', value: o.planned },
    { key: 'inspections.tile.done', value: o.done },
    { key: 'inspections.tile.self', value: o.selfInspected },
    { key: 'inspections.tile.high', value: o.openBySeverity.high, alert: o.openBySeverity.high > 0 },
    { key: 'inspections.tile.open', value: o.openBySeverity.medium + o.openBySeverity.low },
    { key: 'inspections.tile.overdue', value: o.overdueActions, alert: o.overdueActions > 0 },
  ];
  const height = 26;
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} data-testid="insp-tiles">
        {tiles.map((tile) => (
          <Card key={tile.key} withBorder padding="sm">
            <Text size="sm" c="dimmed">
              {t(tile.key)}
            </Text>
            <Text fw={700} fz={28} c={tile.alert ? 'red' : undefined}>
              {tile.value}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {o.byKind.length > 0 && (
        <Card withBorder>
          <Title order={4} mb="sm">
            {t('inspections.chart.byKind')}
          </Title>
          <svg
            width="100%"
            viewBox={`0 0 600 ${o.byKind.length * height}`}
            role="img"
            aria-label={t('inspections.chart.byKind')}
          >
            {o.byKind.map((k, i) => {
              const total = Math.max(1, k.passed + k.failed + k.notApplicable);
              const w = (n: number) => (300 * n) / total;
              return (
                <g key={k.unitKind} transform={`translate(0 ${i * height})`}>
                  <text x="0" y="17" fontSize="12">
                    {t(KIND_KEYS[k.unitKind])}
                  </text>
                  <rect x="200" y="5" width={w(k.passed)} height="16" fill="#40c057" />
                  <rect x={200 + w(k.passed)} y="5" width={w(k.failed)} height="16" fill="#fa5252" />
                  <rect
                    x={200 + w(k.passed) + w(k.failed)}
                    y="5"
                    width={w(k.notApplicable)}
                    height="16"
                    fill="#adb5bd"
                  />
                  <text x="508" y="17" fontSize="12">
                    {k.passed}/{k.failed}/{k.notApplicable}
                  </text>
                </g>
              );
            })}
          </svg>
          <Text size="xs" c="dimmed">
            {t('inspections.chart.legend')}
          </Text>
        </Card>
      )}
    </>
  );
}

import {
  Alert,
  Anchor,
  Badge,
  Button,
  CloseButton,
  Code,
  Group,
  Modal,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AuditListEntry, AuditVerifyOutput } from '../../../../shared/contract';
import { checkDate, parseDate } from '../../../../shared/dates';
import { DateField, dateMessage } from '../../components/DateField';
import { invoke } from '../../api/client';
import { DateText } from '../../components/DateText';
import { notifyError } from '../../components/errors';
import { FilterSelect } from '../../components/FilterSelect';
import { ListLost } from '../../components/ListLost';
import { ListPager } from '../../components/ListPager';
import { ListTable } from '../../components/ListTable';
import { useFileSave } from '../../components/useFileSave';
import { useLatestLoad } from '../../components/useLatestLoad';
import { useI18n } from '../../i18n';
import { actionLabel, targetLabel, TARGET_TYPES } from './auditLabels';

const PAGE = 100;
const EMPTY_PAGE: { items: AuditListEntry[]; total: number } = { items: [], total: 0 };
const OUTCOME_COLOR = { ok: 'green', denied: 'orange', failed: 'red' } as const;

/**
 * A calendar day typed dd/mm/yyyy → the UTC instant where that day starts (or ends) in Vietnam
 * (UTC+7). Empty → undefined (no bound); not a date → null (shown as an error, not sent).
 */
function dayBound(input: string, end: boolean): string | undefined | null {
  if (!input.trim()) return undefined;
  const iso = parseDate(input);
  if (!iso) return null;
  return new Date(`${iso}T${end ? '23:59:59.999' : '00:00:00.000'}+07:00`).toISOString();
}

/** The audit log, filtered and paged, with the integrity check. */
export function AuditPage() {
  const { t } = useI18n();
  const [actor, setActor] = useState('');
  const [debouncedActor] = useDebouncedValue(actor.trim(), 300);
  const [action, setAction] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const [verify, setVerify] = useState<AuditVerifyOutput | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [detail, setDetail] = useState<AuditListEntry | null>(null);
  const [targetType, setTargetType] = useState<string | null>(null);
  /** One object picked from a row ("every entry about Sổ đến 2026 số 12"). */
  const [object, setObject] = useState<{ type: string; id: string; label: string } | null>(null);
  const exporting = useFileSave();
  // The actions the running core can write, every loaded module's (not only those this UI knows).
  const [actions, setActions] = useState<string[]>([]);
  const actorRef = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => actorRef.current?.focus()]]);
  useEffect(() => {
    invoke('audit.actions', {}).then(setActions, (err: unknown) => notifyError(t, err));
  }, [t]);

  const fromIso = dayBound(from, false);
  const toIso = dayBound(to, true);
  const reversed = Boolean(fromIso && toIso && fromIso > toIso);

  const badFilter = fromIso === null || toIso === null || reversed;
  const filters = useMemo(
    () => ({
      ...(debouncedActor ? { actor: debouncedActor } : {}),
      ...(action ? { action } : {}),
      ...(fromIso ? { from: fromIso } : {}),
      ...(toIso ? { to: toIso } : {}),
      ...(object ? { targetType: object.type, targetId: object.id } : targetType ? { targetType } : {}),
    }),
    [debouncedActor, action, fromIso, toIso, object, targetType],
  );
  const fetchPage = useCallback(
    () => (badFilter ? null : invoke('audit.list', { ...filters, limit: PAGE, offset: (page - 1) * PAGE })),
    [filters, badFilter, page],
  );
  const { data, loading, reload: load, lost } = useLatestLoad(fetchPage, EMPTY_PAGE);
  useEffect(() => setPage(1), [filters]);
  const showObject = (e: AuditListEntry) => {
    setObject({ type: e.targetType, id: e.targetId, label: e.label ?? e.targetId });
    setDetail(null);
  };
  // The same filters, every page, as XLSX (with the actions named as on screen).
  const exportXlsx = () =>
    exporting.save(() =>
      invoke('audit.export', {
        ...filters,
        actionLabels: Object.fromEntries(actions.map((a) => [a, actionLabel(t, a)])),
      }),
    );

  async function runVerify() {
    setVerifying(true);
    try {
      setVerify(await invoke('audit.verify', {}));
      void load();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setVerifying(false);
    }
  }

  // An action without a label yet (a module added at run time) is offered as it is written.
  const actionOptions = actions.map((a) => ({ value: a, label: actionLabel(t, a) }));
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('audit.title')}</Title>
        <Group gap="xs">
          <Button
            variant="default"
            data-testid="audit-export"
            loading={exporting.busy}
            disabled={badFilter}
            onClick={() => void exportXlsx()}
          >
            {t('audit.export')}
          </Button>
          <Button data-testid="audit-verify" loading={verifying} onClick={() => void runVerify()}>
            {t('audit.verify')}
          </Button>
        </Group>
      </Group>
      {verify && (
        <Alert
          mb="md"
          color={verify.ok ? 'green' : 'red'}
          data-testid="audit-verify-result"
          withCloseButton
          onClose={() => setVerify(null)}
        >
          {verify.ok
            ? t('audit.intact', { n: verify.count })
            : t('audit.broken', {
                seq: verify.firstBroken?.seq ?? '?',
                reason: verify.firstBroken?.reason ?? '',
              })}
          {verify.sealing === 'verified' && (
            <Text size="sm">{t('audit.sealsVerified', { from: verify.sealedFrom ?? '-' })}</Text>
          )}
          {verify.sealing === 'not-checked' && <Text size="sm">{t('audit.sealsNotChecked')}</Text>}
          {verify.forks.map((f) => (
            <Text size="sm" key={f.seq}>
              {t('audit.fork', { seq: f.seq, backup: f.backupHead.seq, carried: f.carried })}
            </Text>
          ))}
          {verify.anchors.map((a) => (
            <Text size="sm" key={`${a.source}-${a.hash}`}>
              {a.source}: {a.detail}
            </Text>
          ))}
          {verify.head && (
            <Text size="xs" ff="monospace" data-testid="audit-head">
              {t('audit.head', { seq: verify.head.seq, hash: verify.head.hash })}
            </Text>
          )}
        </Alert>
      )}
      <Group mb="sm" align="flex-start">
        <TextInput
          ref={actorRef}
          data-testid="audit-filter-actor"
          label={t('audit.actor')}
          placeholder={t('audit.actorHint')}
          value={actor}
          onChange={(e) => setActor(e.currentTarget.value)}
          w={180}
          spellCheck={false}
        />
        <FilterSelect
          data-testid="audit-filter-action"
          label={t('audit.action')}
          searchable
          data={actionOptions}
          value={action}
          onChange={setAction}
          w={220}
        />
        <DateField
          data-testid="audit-filter-from"
          label={t('audit.from')}
          value={from}
          onChange={setFrom}
          error={
            fromIso === null ? dateMessage(t, checkDate(from)) : reversed ? t('audit.reversed') : undefined
          }
          w={140}
        />
        <DateField
          data-testid="audit-filter-to"
          label={t('audit.to')}
          value={to}
          onChange={setTo}
          error={toIso === null ? dateMessage(t, checkDate(to)) : undefined}
          w={170}
        />
        <FilterSelect
          data-testid="audit-filter-target"
          label={t('audit.targetType')}
          data={TARGET_TYPES.map((v) => ({ value: v, label: targetLabel(t, v) }))}
          value={object ? object.type : targetType}
          disabled={object !== null}
          onChange={setTargetType}
          w={170}
        />
        <Text ml="auto" mt={30} size="sm" c="dimmed" data-testid="audit-total">
          {lost ? '' : t('common.total', { n: data.total })}
        </Text>
      </Group>
      {object && (
        <Group mb="sm" gap={4}>
          <Text size="sm">{t('audit.objectFilter')}</Text>
          <Badge
            size="lg"
            variant="light"
            data-testid="audit-object"
            styles={{ label: { textTransform: 'none' } }}
            rightSection={
              <CloseButton
                size="xs"
                aria-label={t('audit.objectClear')}
                data-testid="audit-object-clear"
                onClick={() => setObject(null)}
              />
            }
          >
            {targetLabel(t, object.type)}: {object.label}
          </Badge>
        </Group>
      )}
      {lost && <ListLost message={lost} />}
      <ListTable minWidth={800} loading={loading} testId="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th ta="right">#</Table.Th>
            <Table.Th>{t('audit.time')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.target')}</Table.Th>
            <Table.Th>{t('audit.outcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(lost ? [] : data.items).map((e) => (
            <Table.Tr key={e.seq} onClick={() => setDetail(e)} style={{ cursor: 'pointer' }}>
              <Table.Td ta="right" ff="monospace">
                {e.seq}
              </Table.Td>
              <Table.Td>
                <DateText iso={e.at} withTime />
              </Table.Td>
              <Table.Td ff="monospace">{e.actor}</Table.Td>
              <Table.Td>
                {actionLabel(t, e.action)}
                <Text size="xs" c="dimmed" ff="monospace">
                  {e.action}
                </Text>
              </Table.Td>
              <Table.Td>
                {e.label ? (
                  <Anchor
                    component="button"
                    size="sm"
                    ta="left"
                    data-testid="audit-target-label"
                    title={t('audit.objectShow')}
                    onClick={(ev) => {
                      ev.stopPropagation();
                      showObject(e);
                    }}
                  >
                    {e.label}
                  </Anchor>
                ) : (
                  <Text size="xs" c="dimmed" ff="monospace" title={e.targetId}>
                    {e.targetId.length > 40 ? `${e.targetId.slice(0, 40)}…` : e.targetId}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {targetLabel(t, e.targetType)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={OUTCOME_COLOR[e.outcome]} variant="light">
                  {t(`outcome.${e.outcome}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      {!lost && !loading && data.items.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t('audit.empty')}
        </Text>
      )}
      <ListPager page={page} pageSize={PAGE} total={data.total} onChange={setPage} />
      <Modal
        opened={detail !== null}
        onClose={() => setDetail(null)}
        title={detail ? `#${detail.seq} — ${actionLabel(t, detail.action)}` : ''}
        size="lg"
      >
        {detail && (
          <>
            <Text size="sm" mb="xs">
              <DateText iso={detail.at} withTime /> · {detail.actor} · {targetLabel(t, detail.targetType)}{' '}
              {detail.label && <b>{detail.label} </b>}
              <Text span ff="monospace" size="xs">
                {detail.targetId}
              </Text>
            </Text>
            <Button size="xs" variant="light" mb="xs" onClick={() => showObject(detail)}>
              {t('audit.objectShow')}
            </Button>
            {detail.withheld ? (
              <Text size="sm" c="dimmed" data-testid="audit-details">
                {t('audit.withheld')}
              </Text>
            ) : (
              <Code block data-testid="audit-details">
                {JSON.stringify(detail.details, null, 2)}
              </Code>
            )}
          </>
        )}
      </Modal>
    </>
  );
}

import { Alert, Badge, Button, Group, Pagination, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry, AuditVerifyOutput } from '../../../shared/contract';
import { formatDateTime, parseDate } from '../../../shared/dates';
import { invoke } from '../api/client';
import { notifyError } from '../components/errors';
import { useI18n } from '../i18n';

const PAGE = 100;
const OUTCOME_COLOR = { ok: 'green', denied: 'orange', failed: 'red' } as const;

/** A calendar day typed dd/mm/yyyy → the UTC instant where that day starts (or ends) in UTC+7. */
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
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: AuditEntry[]; total: number }>({ items: [], total: 0 });
  const [verify, setVerify] = useState<AuditVerifyOutput | null>(null);
  const fromIso = dayBound(from, false);
  const toIso = dayBound(to, true);

  const load = useCallback(async () => {
    if (fromIso === null || toIso === null) return;
    try {
      setData(
        await invoke('audit.list', {
          ...(actor ? { actor } : {}),
          ...(action ? { action } : {}),
          ...(fromIso ? { from: fromIso } : {}),
          ...(toIso ? { to: toIso } : {}),
          limit: PAGE,
          offset: (page - 1) * PAGE,
        }),
      );
    } catch (err) {
      notifyError(t, err);
    }
  }, [actor, action, fromIso, toIso, page, t]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('audit.title')}</Title>
        <Button
          data-testid="audit-verify"
          onClick={async () => {
            try {
              setVerify(await invoke('audit.verify', {}));
              void load();
            } catch (err) {
              notifyError(t, err);
            }
          }}
        >
          {t('audit.verify')}
        </Button>
      </Group>
      {verify && (
        <Alert mb="md" color={verify.ok ? 'green' : 'red'} data-testid="audit-verify-result">
          {verify.ok
            ? t('audit.intact', { n: verify.count })
            : t('audit.broken', {
                seq: verify.firstBroken?.seq ?? '?',
                reason: verify.firstBroken?.reason ?? '',
              })}
        </Alert>
      )}
      <Group mb="sm" align="flex-end">
        <TextInput label={t('audit.actor')} value={actor} onChange={(e) => setActor(e.currentTarget.value)} />
        <TextInput
          label={t('audit.action')}
          value={action}
          onChange={(e) => setAction(e.currentTarget.value)}
        />
        <TextInput
          label={t('audit.from')}
          placeholder="dd/mm/yyyy"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          error={fromIso === null ? t('audit.badDate') : undefined}
        />
        <TextInput
          label={t('audit.to')}
          placeholder="dd/mm/yyyy"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={toIso === null ? t('audit.badDate') : undefined}
        />
        <Text ml="auto" size="sm" c="dimmed">
          {t('common.total', { n: data.total })}
        </Text>
      </Group>
      <Table striped withTableBorder data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('audit.time')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.target')}</Table.Th>
            <Table.Th>{t('audit.outcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((e) => (
            <Table.Tr key={e.seq}>
              <Table.Td>{e.seq}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
              <Table.Td>{e.actor}</Table.Td>
              <Table.Td ff="monospace">{e.action}</Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {e.targetType}: {e.targetId.length > 40 ? `${e.targetId.slice(0, 40)}…` : e.targetId}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={OUTCOME_COLOR[e.outcome]}>{t(`outcome.${e.outcome}`)}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data.total > PAGE && (
        <Pagination mt="sm" total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />
      )}
    </>
  );
}

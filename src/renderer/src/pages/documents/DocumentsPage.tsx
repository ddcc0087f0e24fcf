import {
  Badge,
  Button,
  Group,
  Modal,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { CLEARANCES, type Clearance, type DocEntry, type Role } from '../../../../shared/contract';
import { formatDate } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { notifyError, notifyOk } from '../../components/errors';
import { useI18n, type MessageKey } from '../../i18n';
import { ImportDocsModal } from './ImportDocsModal';
import { RegisterDocModal } from './RegisterDocModal';

const PAGE = 50;
const REGISTRARS: Role[] = ['admin', 'clerk', 'coordinator'];

/** Văn bản: the registers of incoming and outgoing documents (ordinary and classified). */
export function DocumentsPage(props: { role: Role }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 200);
  const [direction, setDirection] = useState<string | null>(null);
  const [level, setLevel] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: DocEntry[]; total: number }>({ items: [], total: 0 });
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [voiding, setVoiding] = useState<DocEntry | null>(null);
  const [reason, setReason] = useState('');

  const load = useCallback(async () => {
    try {
      setData(
        await invoke('docs.list', {
          query: debounced,
          ...(direction ? { direction: direction as 'in' | 'out' } : {}),
          ...(level ? { level: level as Clearance } : {}),
          limit: PAGE,
          offset: (page - 1) * PAGE,
        }),
      );
    } catch (err) {
      notifyError(t, err);
    }
  }, [debounced, direction, level, page, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const levelBadge = (l: Clearance) =>
    l === 'none' ? null : (
      <Badge color="red" variant="filled">
        {t(`clearance.${l}` as MessageKey)}
      </Badge>
    );

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('doc.title')}</Title>
        {REGISTRARS.includes(props.role) && (
          <Group gap="xs">
            <Button variant="default" data-testid="doc-import" onClick={() => setImporting(true)}>
              {t('docImport.button')}
            </Button>
            <Button data-testid="doc-add" onClick={() => setAdding(true)}>
              {t('doc.add')}
            </Button>
          </Group>
        )}
      </Group>
      <Group mb="sm" align="flex-end">
        <TextInput
          data-testid="docs-search"
          label={t('common.search')}
          placeholder={t('doc.searchHint')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Select
          label={t('doc.direction')}
          clearable
          data={[
            { value: 'in', label: t('doc.register.in') },
            { value: 'out', label: t('doc.register.out') },
          ]}
          value={direction}
          onChange={setDirection}
          w={140}
        />
        <Select
          label={t('doc.level')}
          clearable
          data={CLEARANCES.map((c) => ({ value: c, label: t(`clearance.${c}` as MessageKey) }))}
          value={level}
          onChange={setLevel}
          w={160}
        />
        <Text size="sm" c="dimmed" data-testid="docs-total">
          {t('common.total', { n: data.total })}
        </Text>
      </Group>
      <Table striped withTableBorder data-testid="docs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('doc.register')}</Table.Th>
            <Table.Th>{t('doc.number')}</Table.Th>
            <Table.Th>{t('doc.registeredAt')}</Table.Th>
            <Table.Th>{t('doc.symbol')}</Table.Th>
            <Table.Th>{t('doc.summary')}</Table.Th>
            <Table.Th>{t('doc.sender')}</Table.Th>
            <Table.Th>{t('doc.level')}</Table.Th>
            <Table.Th>{t('doc.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((d) => (
            <Table.Tr key={d.id} data-restricted={d.restricted}>
              <Table.Td>{t(`doc.register.${d.register}` as MessageKey)}</Table.Td>
              <Table.Td fw={700}>{d.number}</Table.Td>
              <Table.Td>{formatDate(d.registeredAt)}</Table.Td>
              <Table.Td>{d.symbol}</Table.Td>
              <Table.Td>
                {d.restricted ? (
                  <Text size="sm" c="dimmed" fs="italic">
                    {t('doc.restricted', { level: t(`clearance.${d.level}` as MessageKey) })}
                  </Text>
                ) : (
                  d.summary
                )}
              </Table.Td>
              <Table.Td>{d.sender ?? ''}</Table.Td>
              <Table.Td>{levelBadge(d.level)}</Table.Td>
              <Table.Td>
                {d.status === 'voided' ? <Badge color="gray">{t('doc.voided')}</Badge> : null}
              </Table.Td>
              <Table.Td>
                {REGISTRARS.includes(props.role) && d.status !== 'voided' && !d.restricted && (
                  <Button size="xs" variant="subtle" color="red" onClick={() => setVoiding(d)}>
                    {t('doc.void')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data.items.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t('doc.empty')}
        </Text>
      )}
      {data.total > PAGE && (
        <Pagination mt="sm" total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />
      )}
      <ImportDocsModal
        opened={importing}
        role={props.role}
        onClose={() => setImporting(false)}
        onImported={() => void load()}
      />
      <RegisterDocModal
        opened={adding}
        onClose={() => setAdding(false)}
        onSaved={(r) => {
          notifyOk(
            t('doc.registered', {
              register: t(`doc.register.${r.entry.register}` as MessageKey),
              n: r.entry.number,
            }),
          );
          if (r.clockWarning)
            notifications.show({ color: 'orange', autoClose: false, message: t('doc.clockWarning') });
          void load();
        }}
      />
      <Modal
        opened={voiding !== null}
        onClose={() => setVoiding(null)}
        title={`${t('doc.void')} ${voiding?.number ?? ''}`}
      >
        <Stack>
          <TextInput
            label={t('doc.voidReason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setVoiding(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              disabled={!reason.trim()}
              onClick={async () => {
                if (!voiding) return;
                try {
                  await invoke('docs.void', { id: voiding.id, version: voiding.version, reason });
                  setVoiding(null);
                  setReason('');
                  void load();
                } catch (err) {
                  notifyError(t, err);
                }
              }}
            >
              {t('doc.void')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
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
import {
  CLEARANCES,
  DocStatus,
  DocUrgency,
  type Clearance,
  type DocDirection,
  type DocEntry,
} from '../../../../shared/contract';
import { formatDate, vnIsoDate } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { notifyError, notifyOk } from '../../components/errors';
import { wayOut } from '../../components/ConfirmModal';
import { FilterSelect } from '../../components/FilterSelect';
import { ListLost } from '../../components/ListLost';
import { ListPager } from '../../components/ListPager';
import { ListTable } from '../../components/ListTable';
import { useLatestLoad } from '../../components/useLatestLoad';
import { useI18n, type MessageKey } from '../../i18n';
import { DocumentDrawer } from './DocumentDrawer';
import { PrintRegisterModal } from './PrintRegisterModal';
import { ImportDocsModal } from './ImportDocsModal';
import { RegisterDocModal } from './RegisterDocModal';
import { usePermissions } from '../../components/usePermissions';
import type { SectionParams } from '../section';
import { hasRegisterDraft } from './RegisterDocModal';
import { useDocPermissions } from './useDocPermissions';
import { overdueDays, partyOf } from './listMarks';

const PAGE = 50;
/** Badges in the list keep their whole text: the column grows instead of cutting "Đã xử lý". */
const WHOLE_BADGE = { root: { overflow: 'visible', flexShrink: 0 }, label: { overflow: 'visible' } };
const NOWRAP = { whiteSpace: 'nowrap' } as const;
const EMPTY_PAGE: { items: DocEntry[]; total: number; totalCapped: boolean } = {
  items: [],
  total: 0,
  totalCapped: false,
};
type DocSort = 'newest' | 'oldest' | 'deadline';
const SORTS: DocSort[] = ['newest', 'oldest', 'deadline'];
const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 11 }, (_, i) => String(THIS_YEAR - i));

interface Filters {
  direction: string | null;
  level: string | null;
  year: string | null;
  status: string | null;
  urgency: string | null;
  overdue: boolean;
  sort: DocSort;
}
const NO_FILTERS: Filters = {
  direction: null,
  level: null,
  year: null,
  status: null,
  urgency: null,
  overdue: false,
  sort: 'newest',
};

/** Filters a link opens the list with: `{ overdue: true }`, `{ year: 2026 }`. */
function initialFilters(params: SectionParams | undefined): Filters {
  return {
    ...NO_FILTERS,
    ...(params?.overdue === true ? { overdue: true, sort: 'deadline' as const } : {}),
    ...(typeof params?.year === 'number' ? { year: String(params.year) } : {}),
    ...(typeof params?.level === 'string' ? { level: params.level } : {}),
  };
}

/** Văn bản: the registers of incoming and outgoing documents (ordinary and classified). */
export function DocumentsPage(props: { officeName: string; params?: SectionParams | undefined }) {
  const { t } = useI18n();
  const { can, mayAct } = useDocPermissions();
  const userName = usePermissions().user?.userName ?? '';
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 200);
  const [filters, setFilters] = useState<Filters>(() => initialFilters(props.params));
  const [handler, setHandler] = useState('');
  const [debouncedHandler] = useDebouncedValue(handler, 200);
  const setFilter = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [voiding, setVoiding] = useState<DocEntry | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [reason, setReason] = useState('');

  const fetchPage = useCallback(
    () =>
      invoke('docs.list', {
        query: debounced,
        ...(filters.direction ? { direction: filters.direction as DocDirection } : {}),
        ...(filters.level ? { level: filters.level as Clearance } : {}),
        ...(filters.year ? { year: Number(filters.year) } : {}),
        ...(filters.status ? { status: filters.status as DocStatus } : {}),
        ...(filters.urgency ? { urgency: filters.urgency as DocUrgency } : {}),
        ...(debouncedHandler.trim() ? { handler: debouncedHandler } : {}),
        ...(filters.overdue ? { overdue: true } : {}),
        sort: filters.sort,
        limit: PAGE,
        offset: (page - 1) * PAGE,
      }),
    [debounced, filters, debouncedHandler, page],
  );
  const { data, loading, reload: load, lost } = useLatestLoad(fetchPage, EMPTY_PAGE);
  // A new filter shows its results from the first page.
  useEffect(() => setPage(1), [debounced, filters, debouncedHandler]);

  const levelBadge = (l: Clearance) =>
    l === 'none' ? null : (
      <Badge color="red" variant="filled" styles={WHOLE_BADGE}>
        {t(`clearance.${l}` as MessageKey)}
      </Badge>
    );
  const today = vnIsoDate(new Date());

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('docs.title')}</Title>
        <Group gap="xs">
          {can('docs.printRegister') && (
            <Button variant="default" data-testid="doc-print" onClick={() => setPrinting(true)}>
              {t('docs.print')}
            </Button>
          )}
          {can('docs.importPreview') && (
            <Button variant="default" data-testid="doc-import" onClick={() => setImporting(true)}>
              {t('docs.import.button')}
            </Button>
          )}
          {can('docs.register') && (
            <Button data-testid="doc-add" onClick={() => setAdding(true)}>
              {t('docs.add')}
            </Button>
          )}
        </Group>
      </Group>
      {can('docs.register') && !adding && hasRegisterDraft(userName) && (
        <Alert color="blue" mb="sm" data-testid="doc-draft-notice">
          <Group justify="space-between">
            <Text size="sm">{t('docs.draft.notice')}</Text>
            <Button size="xs" variant="light" onClick={() => setAdding(true)}>
              {t('docs.draft.resume')}
            </Button>
          </Group>
        </Alert>
      )}
      <Group mb="sm" align="flex-end">
        <TextInput
          data-testid="docs-search"
          label={t('common.search')}
          placeholder={t('docs.searchHint')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <FilterSelect
          label={t('docs.direction')}
          data={[
            { value: 'in', label: t('docs.register.in') },
            { value: 'out', label: t('docs.register.out') },
          ]}
          value={filters.direction}
          onChange={(v) => setFilter({ direction: v })}
          w={140}
        />
        <FilterSelect
          label={t('docs.level')}
          data={CLEARANCES.map((c) => ({ value: c, label: t(`clearance.${c}` as MessageKey) }))}
          value={filters.level}
          onChange={(v) => setFilter({ level: v })}
          w={160}
        />
        <Select
          label={t('docs.sort')}
          data={SORTS.map((v) => ({ value: v, label: t(`docs.sort.${v}` as MessageKey) }))}
          value={filters.sort}
          allowDeselect={false}
          onChange={(v) => setFilter({ sort: (v as DocSort | null) ?? 'newest' })}
          w={170}
        />
      </Group>
      <Group mb="sm" align="flex-end">
        <FilterSelect
          label={t('docs.year')}
          data={YEARS}
          value={filters.year}
          onChange={(v) => setFilter({ year: v })}
          w={110}
        />
        <FilterSelect
          label={t('docs.status')}
          data={DocStatus.options.map((v) => ({ value: v, label: t(`docs.status.${v}` as MessageKey) }))}
          value={filters.status}
          onChange={(v) => setFilter({ status: v })}
          w={150}
        />
        <FilterSelect
          label={t('docs.urgency')}
          data={DocUrgency.options.map((v) => ({ value: v, label: t(`docs.urgency.${v}` as MessageKey) }))}
          value={filters.urgency}
          onChange={(v) => setFilter({ urgency: v })}
          w={150}
        />
        <TextInput
          label={t('docs.handler')}
          value={handler}
          onChange={(e) => setHandler(e.currentTarget.value)}
          w={200}
        />
        <Checkbox
          mb={8}
          label={t('docs.overdue')}
          checked={filters.overdue}
          onChange={(e) => setFilter({ overdue: e.currentTarget.checked })}
        />
        <Text size="sm" c="dimmed" data-testid="docs-total" ml="auto">
          {lost ? '' : t(data.totalCapped ? 'docs.totalCapped' : 'common.total', { n: data.total })}
        </Text>
      </Group>
      {lost && <ListLost message={lost} />}
      <ListTable minWidth={900} loading={loading} testId="docs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('docs.register')}</Table.Th>
            <Table.Th style={NOWRAP}>{t('docs.number')}</Table.Th>
            <Table.Th style={NOWRAP}>{t('docs.registeredAt')}</Table.Th>
            <Table.Th>{t('docs.symbol')}</Table.Th>
            <Table.Th>{t('docs.summary')}</Table.Th>
            <Table.Th>{t('docs.party')}</Table.Th>
            <Table.Th style={NOWRAP}>{t('docs.level')}</Table.Th>
            <Table.Th style={NOWRAP}>{t('docs.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(lost ? [] : data.items).map((d) => (
            <Table.Tr
              key={d.id}
              data-restricted={d.restricted}
              tabIndex={0}
              style={{ cursor: 'pointer' }}
              onClick={() => setOpenId(d.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') setOpenId(d.id);
              }}
            >
              <Table.Td>{t(`docs.register.${d.register}` as MessageKey)}</Table.Td>
              <Table.Td fw={700}>{d.number}</Table.Td>
              <Table.Td style={NOWRAP}>{formatDate(d.registeredAt)}</Table.Td>
              <Table.Td>{d.symbol}</Table.Td>
              <Table.Td miw={220}>
                {d.restricted ? (
                  <Text size="sm" c="dimmed" fs="italic">
                    {t('docs.restricted', { level: t(`clearance.${d.level}` as MessageKey) })}
                  </Text>
                ) : (
                  // Two lines in the list; the whole text on hover and in the drawer.
                  <Text size="sm" lineClamp={2} title={d.summary ?? ''} data-testid="doc-summary-cell">
                    {d.summary}
                  </Text>
                )}
              </Table.Td>
              <Table.Td miw={140}>
                <Text size="sm" lineClamp={2} title={partyOf(d) ?? ''} data-testid="doc-party">
                  {partyOf(d) ?? ''}
                </Text>
              </Table.Td>
              <Table.Td style={NOWRAP}>{levelBadge(d.level)}</Table.Td>
              <Table.Td style={NOWRAP}>
                <Stack gap={4} align="flex-start">
                  {d.status !== 'registered' ? (
                    <Badge color="gray" styles={WHOLE_BADGE} data-testid="doc-status">
                      {t(`docs.status.${d.status}` as MessageKey)}
                    </Badge>
                  ) : d.processing ? (
                    <Badge
                      variant="light"
                      color={d.processing === 'done' ? 'green' : 'blue'}
                      styles={WHOLE_BADGE}
                      data-testid="doc-status"
                    >
                      {t(`docs.processing.${d.processing}` as MessageKey)}
                    </Badge>
                  ) : null}
                  {overdueDays(d, today) > 0 && (
                    <Badge color="orange" variant="filled" styles={WHOLE_BADGE} data-testid="doc-overdue">
                      {t('docs.overdueDays', { n: overdueDays(d, today) })}
                    </Badge>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                {mayAct('docs.void', d.level) && d.status === 'registered' && !d.restricted && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={(e) => {
                      e.stopPropagation();
                      setVoiding(d);
                    }}
                  >
                    {t('docs.void')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      {!lost && data.items.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t('docs.empty')}
        </Text>
      )}
      <ListPager page={page} pageSize={PAGE} total={data.total} onChange={setPage} />
      <ImportDocsModal
        opened={importing}
        onClose={() => setImporting(false)}
        onImported={() => void load()}
      />
      <RegisterDocModal
        opened={adding}
        onClose={() => setAdding(false)}
        onOpenEntry={(id) => {
          // The form is kept as a draft (when not classified); the existing entry opens instead.
          setAdding(false);
          setOpenId(id);
        }}
        onSaved={(r) => {
          notifyOk(
            t('docs.registered', {
              register: t(`docs.register.${r.entry.register}` as MessageKey),
              n: r.entry.number,
            }),
          );
          if (r.clockWarning)
            notifications.show({ color: 'orange', autoClose: false, message: t('docs.clockWarning') });
          void load();
          // Straight to the new entry, where the scan is attached and the document passed on.
          setOpenId(r.entry.id);
        }}
      />
      <PrintRegisterModal opened={printing} onClose={() => setPrinting(false)} />
      <DocumentDrawer
        id={openId}
        officeName={props.officeName}
        onClose={() => setOpenId(null)}
        onChanged={() => void load()}
      />
      <Modal
        opened={voiding !== null}
        onClose={() => setVoiding(null)}
        title={`${t('docs.void')} ${voiding?.number ?? ''}`}
      >
        <Stack>
          <TextInput
            label={t('docs.voidReason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            {/* "Hủy" would read as the act itself here: the way out is "Đóng". */}
            <Button variant="default" onClick={() => setVoiding(null)}>
              {wayOut(t, t('docs.void'))}
            </Button>
            <Button
              color="red"
              data-testid="doc-void-confirm"
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
              {t('docs.void')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

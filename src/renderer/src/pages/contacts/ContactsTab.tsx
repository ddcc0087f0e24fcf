import { Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import type { Contact, Organization, OrgKind } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone';
import { invoke } from '../../api/client';
import { useFileSave } from '../../components/useFileSave';
import { ConfirmModal } from '../../components/ConfirmModal';
import { isConflict, notifyError, notifyOk } from '../../components/errors';
import { notifyUndo, RowActions } from '../../components/RowActions';
import { FilterSelect } from '../../components/FilterSelect';
import { SearchInput } from '../../components/SearchInput';
import { ListLost } from '../../components/ListLost';
import { ListPager } from '../../components/ListPager';
import { ListTable } from '../../components/ListTable';
import { useLatestLoad } from '../../components/useLatestLoad';
import { usePermissions } from '../../components/usePermissions';
import { useI18n } from '../../i18n';
import { ContactModal } from './ContactModal';
import { ImportModal } from './ImportModal';
import { kindOptions } from './labels';
import { PrintModal } from './PrintModal';

const PAGE = 50;
const EMPTY_PAGE: { items: Contact[]; total: number } = { items: [], total: 0 };

/** Focal-point contacts: search without diacritics, filters, paging, add/edit/delete (undo), import, export, print. */
export function ContactsTab(props: { orgs: Organization[]; areas: string[]; onChanged: () => void }) {
  const { t } = useI18n();
  // The core enforces permissions; the UI only offers what it would allow.
  const { can } = usePermissions();
  const canEdit = can('contacts.save');
  const canDelete = can('contacts.delete');
  const [query, setQuery] = useState('');
  // The core folds diacritics and case; the UI only waits for the typing to pause.
  const [debounced] = useDebouncedValue(query, 200);
  const [kind, setKind] = useState<string | null>(null);
  const [area, setArea] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Contact | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const [importing, setImporting] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);
  const { save } = useFileSave();
  const fetchPage = useCallback(
    () =>
      invoke('contacts.list', {
        query: debounced,
        ...(kind ? { kind: kind as OrgKind } : {}),
        ...(area ? { area } : {}),
        limit: PAGE,
        offset: (page - 1) * PAGE,
      }),
    [debounced, kind, area, page],
  );
  const { data, loading, reload: load, lost } = useLatestLoad(fetchPage, EMPTY_PAGE);
  useEffect(() => setPage(1), [debounced, kind, area]);

  const changed = () => {
    void load();
    props.onChanged();
  };

  async function remove(c: Contact) {
    try {
      await invoke('contacts.delete', { id: c.id, version: c.version });
      changed();
      notifyUndo(
        `deleted-${c.id}`,
        t('contacts.deleted', { name: c.fullName }),
        t('common.undo'),
        async () => {
          try {
            await invoke('contacts.restore', { id: c.id });
            notifyOk(t('common.restored', { name: c.fullName }));
            changed();
          } catch (err) {
            notifyError(t, err);
          }
        },
      );
    } catch (err) {
      notifyError(t, err);
      if (isConflict(err)) void load();
    }
  }

  async function exportAs(format: 'xlsx' | 'csv') {
    setExporting(format);
    await save(() => invoke('contacts.export', { format }));
    setExporting(null);
  }

  const filtered = Boolean(debounced.trim() || kind || area);
  return (
    <>
      <Group mb="sm" align="flex-end">
        <SearchInput
          testId="contacts-search"
          placeholder={t('contacts.searchHint')}
          value={query}
          onChange={setQuery}
          minWidth={240}
        />
        <FilterSelect
          data-testid="contacts-filter-kind"
          label={t('contacts.filterKind')}
          data={kindOptions(t)}
          value={kind}
          onChange={setKind}
          w={230}
        />
        <FilterSelect
          data-testid="contacts-filter-area"
          label={t('contacts.filterArea')}
          searchable
          data={props.areas}
          value={area}
          onChange={setArea}
          w={200}
        />
      </Group>
      <Group mb="sm" gap="xs">
        {canEdit && (
          <Button data-testid="contact-add" onClick={() => setEditing(null)}>
            {t('contacts.add')}
          </Button>
        )}
        {can('contacts.importPreview') && (
          <Button data-testid="import-open" variant="light" onClick={() => setImporting(true)}>
            {t('import.button')}
          </Button>
        )}
        {can('contacts.export') && (
          <>
            <Button
              data-testid="export-xlsx"
              variant="default"
              loading={exporting === 'xlsx'}
              onClick={() => void exportAs('xlsx')}
            >
              {t('export.xlsx')}
            </Button>
            <Button
              data-testid="export-csv"
              variant="default"
              loading={exporting === 'csv'}
              onClick={() => void exportAs('csv')}
            >
              {t('export.csv')}
            </Button>
          </>
        )}
        {can('contacts.printDirectory') && (
          <Button data-testid="print-directory" variant="default" onClick={() => setPrinting(true)}>
            {t('print.button')}
          </Button>
        )}
        <Text ml="auto" size="sm" c="dimmed" data-testid="contacts-total">
          {lost ? '' : t('common.total', { n: data.total })}
        </Text>
      </Group>
      {lost && <ListLost message={lost} />}
      <ListTable minWidth={900} loading={loading} testId="contacts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contacts.fullName')}</Table.Th>
            <Table.Th>{t('contacts.position')}</Table.Th>
            <Table.Th>{t('contacts.organization')}</Table.Th>
            <Table.Th>{t('contacts.phones')}</Table.Th>
            <Table.Th>{t('contacts.email')}</Table.Th>
            <Table.Th>{t('contacts.roles')}</Table.Th>
            {(canEdit || canDelete) && <Table.Th w={1} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(lost ? [] : data.items).map((c) => (
            <Table.Tr
              key={c.id}
              data-testid="contact-row"
              onDoubleClick={canEdit ? () => setEditing(c) : undefined}
            >
              <Table.Td fw={600}>
                {c.fullName}{' '}
                {c.duplicateOf.length > 0 && (
                  <Tooltip label={t('contacts.duplicateHint', { n: c.duplicateOf.length })} withArrow>
                    <Badge color="orange" size="sm" variant="light" data-testid="duplicate-badge">
                      {t('contacts.duplicate')}
                    </Badge>
                  </Tooltip>
                )}
              </Table.Td>
              <Table.Td>{c.position}</Table.Td>
              <Table.Td>
                {c.organizationName ?? ''}
                {c.area && (
                  <Text size="xs" c="dimmed">
                    {c.area}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} ff="monospace" fz="sm">
                {c.phones.map((p) => (
                  <div key={p}>{formatPhone(p)}</div>
                ))}
              </Table.Td>
              <Table.Td>{c.email}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {c.roles.map((r) => (
                    <Badge key={r} size="sm" variant="outline" color="gray">
                      {t(`contacts.role.${r}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              {(canEdit || canDelete) && (
                <RowActions
                  onEdit={canEdit ? () => setEditing(c) : undefined}
                  onDelete={canDelete ? () => setDeleting(c) : undefined}
                />
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      {!lost && !loading && data.items.length === 0 && (
        <Text c="dimmed" ta="center" py="lg" data-testid="contacts-empty">
          {filtered || data.total > 0 ? t('contacts.empty') : t('contacts.emptyDirectory')}
        </Text>
      )}
      <ListPager
        page={page}
        pageSize={PAGE}
        total={data.total}
        onChange={setPage}
        data-testid="contacts-pages"
      />
      <ContactModal
        opened={editing !== undefined}
        contact={editing ?? null}
        orgs={props.orgs}
        onClose={() => setEditing(undefined)}
        onSaved={changed}
        onConflict={() => void load()}
      />
      <ConfirmModal
        danger
        opened={deleting !== null}
        message={t('contacts.deleteConfirm', { name: deleting?.fullName ?? '' })}
        confirmLabel={t('common.delete')}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && void remove(deleting)}
      />
      <ImportModal opened={importing} onClose={() => setImporting(false)} onImported={changed} />
      <PrintModal opened={printing} areas={props.areas} onClose={() => setPrinting(false)} />
    </>
  );
}

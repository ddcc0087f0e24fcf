import { Badge, Button, Group, Pagination, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Contact, Organization, OrgKind } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone';
import { invoke, saveFile } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { notifyUndo, RowActions } from '../../components/RowActions';
import { notifyError, notifyOk } from '../../components/errors';
import { useI18n, type MessageKey } from '../../i18n';
import { ContactModal } from './ContactModal';
import { ImportModal } from './ImportModal';
import { kindOptions } from './labels';
import { PrintModal } from './PrintModal';

const PAGE = 50;

/** Focal-point contacts: search without diacritics, filters, paging, add/edit/delete (undo), import, export, print. */
export function ContactsTab(props: {
  orgs: Organization[];
  canEdit: boolean;
  canExport: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 200);
  const [kind, setKind] = useState<string | null>(null);
  const [area, setArea] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: Contact[]; total: number }>({ items: [], total: 0 });
  const [editing, setEditing] = useState<Contact | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const [importing, setImporting] = useState(false);
  const [printing, setPrinting] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const areas = [...new Set(props.orgs.map((o) => o.area).filter(Boolean))];

  useHotkeys([['/', () => searchRef.current?.focus()]]);

  const load = useCallback(async () => {
    try {
      setData(
        await invoke('contacts.list', {
          query: debounced,
          ...(kind ? { kind: kind as OrgKind } : {}),
          ...(area ? { area } : {}),
          limit: PAGE,
          offset: (page - 1) * PAGE,
        }),
      );
    } catch (err) {
      notifyError(t, err);
    }
  }, [debounced, kind, area, page, t]);

  useEffect(() => {
    void load();
  }, [load]);
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
        t('contact.deleted', { name: c.fullName }),
        t('common.undo'),
        async () => {
          await invoke('contacts.restore', { id: c.id });
          changed();
        },
      );
    } catch (err) {
      notifyError(t, err);
    }
  }

  async function exportAs(format: 'xlsx' | 'csv') {
    try {
      const saved = await saveFile(await invoke('contacts.export', { format }));
      if (saved) notifyOk(t('export.done', { file: saved }));
    } catch (err) {
      notifyError(t, err);
    }
  }

  return (
    <>
      <Group mb="sm" align="flex-end">
        <TextInput
          ref={searchRef}
          data-testid="contacts-search"
          label={t('common.search')}
          placeholder={t('contact.searchHint')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          style={{ flex: 1 }}
          rightSection={
            <Text size="xs" c="dimmed">
              /
            </Text>
          }
        />
        <Select
          label={t('contact.filterKind')}
          clearable
          data={kindOptions(t)}
          value={kind}
          onChange={setKind}
          w={220}
        />
        <Select
          label={t('contact.filterArea')}
          clearable
          searchable
          data={areas}
          value={area}
          onChange={setArea}
          w={180}
        />
      </Group>
      <Group mb="sm">
        {props.canEdit && (
          <>
            <Button data-testid="contact-add" onClick={() => setEditing(null)}>
              {t('contact.add')}
            </Button>
            <Button data-testid="import-open" variant="light" onClick={() => setImporting(true)}>
              {t('import.button')}
            </Button>
          </>
        )}
        {props.canExport && (
          <>
            <Button variant="default" onClick={() => void exportAs('xlsx')}>
              {t('export.xlsx')}
            </Button>
            <Button variant="default" onClick={() => void exportAs('csv')}>
              {t('export.csv')}
            </Button>
            <Button data-testid="print-directory" variant="default" onClick={() => setPrinting(true)}>
              {t('print.button')}
            </Button>
          </>
        )}
        <Text ml="auto" size="sm" c="dimmed" data-testid="contacts-total">
          {t('common.total', { n: data.total })}
        </Text>
      </Group>
      <Table striped highlightOnHover withTableBorder data-testid="contacts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contact.fullName')}</Table.Th>
            <Table.Th>{t('contact.position')}</Table.Th>
            <Table.Th>{t('contact.organization')}</Table.Th>
            <Table.Th>{t('contact.phones')}</Table.Th>
            <Table.Th>{t('contact.email')}</Table.Th>
            <Table.Th>{t('contact.roles')}</Table.Th>
            {props.canEdit && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td fw={600}>
                {c.fullName}{' '}
                {c.duplicateOf.length > 0 && (
                  <Badge color="orange" size="sm" data-testid="duplicate-badge">
                    {t('contact.duplicate')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{c.position}</Table.Td>
              <Table.Td>{c.organizationName ?? ''}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {c.phones.map((p) => (
                  <div key={p}>{formatPhone(p)}</div>
                ))}
              </Table.Td>
              <Table.Td>{c.email}</Table.Td>
              <Table.Td>{c.roles.map((r) => t(`contactRole.${r}` as MessageKey)).join(', ')}</Table.Td>
              {props.canEdit && <RowActions onEdit={() => setEditing(c)} onDelete={() => setDeleting(c)} />}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data.items.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t('contact.empty')}
        </Text>
      )}
      {data.total > PAGE && (
        <Pagination mt="sm" total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />
      )}
      <ContactModal
        opened={editing !== undefined}
        contact={editing ?? null}
        orgs={props.orgs}
        onClose={() => setEditing(undefined)}
        onSaved={changed}
      />
      <ConfirmModal
        danger
        opened={deleting !== null}
        message={t('contact.deleteConfirm', { name: deleting?.fullName ?? '' })}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && void remove(deleting)}
      />
      <ImportModal opened={importing} onClose={() => setImporting(false)} onImported={changed} />
      <PrintModal opened={printing} areas={areas} onClose={() => setPrinting(false)} />
    </>
  );
}

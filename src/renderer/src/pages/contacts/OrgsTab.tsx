import { Button, Group, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Organization } from '../../../../shared/contract';
import { compareVietnamese, foldVietnamese } from '../../../../shared/text';
import { invoke } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { isConflict, notifyError, notifyOk } from '../../components/errors';
import { notifyUndo, RowActions } from '../../components/RowActions';
import { FilterSelect } from '../../components/FilterSelect';
import { SearchInput } from '../../components/SearchInput';
import { ListPager } from '../../components/ListPager';
import { ListTable } from '../../components/ListTable';
import { usePermissions } from '../../components/usePermissions';
import { useI18n } from '../../i18n';
import { kindOptions } from './labels';
import { OrgModal } from './OrgModal';
import { formatPhone, normalizePhone } from '../../../../shared/phone';

const PAGE = 50;

/** Organisations of the directory, filtered in place (contacts.orgs.list returns the whole, short list). */
export function OrgsTab(props: { orgs: Organization[]; areas: string[]; onChanged: () => void }) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const canEdit = can('contacts.orgs.save');
  const canDelete = can('contacts.orgs.delete');
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [area, setArea] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Organization | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Organization | null>(null);
  const words = foldVietnamese(query).split(/\s+/).filter(Boolean);
  const shown = props.orgs
    .filter((o) => {
      if (kind && o.kind !== kind) return false;
      if (area && o.area !== area) return false;
      const board = normalizePhone(o.switchboard) ? formatPhone(o.switchboard) : '';
      const text = foldVietnamese(
        `${o.name} ${o.area} ${o.address} ${o.switchboard} ${board} ${o.parentName ?? ''}`,
      );
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => compareVietnamese(a.name, b.name));
  useEffect(() => setPage(1), [query, kind, area]);
  const rows = shown.slice((page - 1) * PAGE, page * PAGE);

  async function remove(o: Organization) {
    try {
      await invoke('contacts.orgs.delete', { id: o.id, version: o.version });
      props.onChanged();
      notifyUndo(`org-${o.id}`, t('contacts.org.deleted', { name: o.name }), t('common.undo'), async () => {
        try {
          await invoke('contacts.orgs.restore', { id: o.id });
          notifyOk(t('common.restored', { name: o.name }));
          props.onChanged();
        } catch (err) {
          notifyError(t, err);
        }
      });
    } catch (err) {
      notifyError(t, err);
      if (isConflict(err)) props.onChanged();
    }
  }

  return (
    <>
      <Group mb="sm" align="flex-end">
        <SearchInput
          testId="orgs-search"
          placeholder={t('contacts.org.searchHint')}
          value={query}
          onChange={setQuery}
          minWidth={220}
        />
        <FilterSelect
          data-testid="orgs-filter-kind"
          label={t('contacts.org.kind')}
          data={kindOptions(t)}
          value={kind}
          onChange={setKind}
          w={230}
        />
        <FilterSelect
          data-testid="orgs-filter-area"
          label={t('contacts.filterArea')}
          searchable
          data={props.areas}
          value={area}
          onChange={setArea}
          w={200}
        />
        {canEdit && (
          <Button data-testid="org-add" onClick={() => setEditing(null)}>
            {t('contacts.org.add')}
          </Button>
        )}
      </Group>
      <Group justify="flex-end" mb="xs">
        <Text size="sm" c="dimmed" data-testid="orgs-total">
          {t('common.total', { n: shown.length })}
        </Text>
      </Group>
      <ListTable minWidth={900} testId="orgs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('contacts.org.name')}</Table.Th>
            <Table.Th>{t('contacts.org.kind')}</Table.Th>
            <Table.Th>{t('contacts.org.parent')}</Table.Th>
            <Table.Th>{t('contacts.org.area')}</Table.Th>
            <Table.Th>{t('contacts.org.address')}</Table.Th>
            <Table.Th>{t('contacts.org.switchboard')}</Table.Th>
            <Table.Th ta="right">{t('contacts.org.contacts')}</Table.Th>
            {(canEdit || canDelete) && <Table.Th w={1} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((o) => (
            <Table.Tr
              key={o.id}
              data-testid="org-row"
              onDoubleClick={canEdit ? () => setEditing(o) : undefined}
            >
              <Table.Td fw={600}>{o.name}</Table.Td>
              <Table.Td>{t(`contacts.kind.${o.kind}`)}</Table.Td>
              <Table.Td>{o.parentName ?? ''}</Table.Td>
              <Table.Td>{o.area}</Table.Td>
              <Table.Td>{o.address}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} ff="monospace" fz="sm">
                {normalizePhone(o.switchboard) ? formatPhone(o.switchboard) : o.switchboard}
              </Table.Td>
              <Table.Td ta="right">{o.contactCount}</Table.Td>
              {(canEdit || canDelete) && (
                <RowActions
                  onEdit={canEdit ? () => setEditing(o) : undefined}
                  onDelete={canDelete ? () => setDeleting(o) : undefined}
                />
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      {rows.length === 0 && (
        <Text c="dimmed" ta="center" py="lg" data-testid="orgs-empty">
          {props.orgs.length === 0 ? t('contacts.org.emptyDirectory') : t('contacts.org.empty')}
        </Text>
      )}
      <ListPager page={page} pageSize={PAGE} total={shown.length} onChange={setPage} />
      <OrgModal
        opened={editing !== undefined}
        org={editing ?? null}
        orgs={props.orgs}
        areas={props.areas}
        onClose={() => setEditing(undefined)}
        onSaved={props.onChanged}
        onConflict={props.onChanged}
      />
      <ConfirmModal
        danger
        opened={deleting !== null}
        message={t('contacts.org.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && void remove(deleting)}
      />
    </>
  );
}

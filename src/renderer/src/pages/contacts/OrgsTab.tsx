import { Button, Group, Select, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Organization } from '../../../../shared/contract';
import { foldVietnamese } from '../../../../shared/text';
import { invoke } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { notifyUndo, RowActions } from '../../components/RowActions';
import { notifyError } from '../../components/errors';
import { useI18n, type MessageKey } from '../../i18n';
import { kindOptions } from './labels';
import { OrgModal } from './OrgModal';

/** Organisations of the directory, filtered in place (the list is short: one province). */
export function OrgsTab(props: { orgs: Organization[]; canEdit: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [editing, setEditing] = useState<Organization | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Organization | null>(null);
  const q = foldVietnamese(query);
  const shown = props.orgs.filter(
    (o) => (!kind || o.kind === kind) && (!q || foldVietnamese(`${o.name} ${o.area}`).includes(q)),
  );

  async function remove(o: Organization) {
    try {
      await invoke('orgs.delete', { id: o.id, version: o.version });
      props.onChanged();
      notifyUndo(`org-${o.id}`, t('org.deleted', { name: o.name }), t('common.undo'), async () => {
        await invoke('orgs.restore', { id: o.id });
        props.onChanged();
      });
    } catch (err) {
      notifyError(t, err);
    }
  }

  return (
    <>
      <Group mb="sm" align="flex-end">
        <TextInput
          label={t('common.search')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Select
          label={t('org.kind')}
          clearable
          data={kindOptions(t)}
          value={kind}
          onChange={setKind}
          w={240}
        />
        {props.canEdit && (
          <Button data-testid="org-add" onClick={() => setEditing(null)}>
            {t('org.add')}
          </Button>
        )}
      </Group>
      <Table striped highlightOnHover withTableBorder data-testid="orgs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('org.name')}</Table.Th>
            <Table.Th>{t('org.kind')}</Table.Th>
            <Table.Th>{t('org.area')}</Table.Th>
            <Table.Th>{t('org.switchboard')}</Table.Th>
            <Table.Th>{t('org.contacts')}</Table.Th>
            {props.canEdit && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td fw={600}>{o.name}</Table.Td>
              <Table.Td>{t(`kind.${o.kind}` as MessageKey)}</Table.Td>
              <Table.Td>{o.area}</Table.Td>
              <Table.Td>{o.switchboard}</Table.Td>
              <Table.Td>{o.contactCount}</Table.Td>
              {props.canEdit && <RowActions onEdit={() => setEditing(o)} onDelete={() => setDeleting(o)} />}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <OrgModal
        opened={editing !== undefined}
        org={editing ?? null}
        orgs={props.orgs}
        onClose={() => setEditing(undefined)}
        onSaved={props.onChanged}
      />
      <ConfirmModal
        danger
        opened={deleting !== null}
        message={t('org.deleteConfirm', { name: deleting?.name ?? '' })}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && void remove(deleting)}
      />
    </>
  );
}

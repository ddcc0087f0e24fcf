import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Organization, OrgKind } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { kindOptions } from './labels';

const EMPTY = {
  name: '',
  kind: 'provincial-agency' as OrgKind,
  parentId: null as string | null,
  area: '',
  address: '',
  switchboard: '',
};

/** Add or edit an organisation; `org` null = add. */
export function OrgModal(props: {
  opened: boolean;
  org: Organization | null;
  orgs: Organization[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [f, setF] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setErrors({});
    setF(
      props.org
        ? {
            name: props.org.name,
            kind: props.org.kind,
            parentId: props.org.parentId,
            area: props.org.area,
            address: props.org.address,
            switchboard: props.org.switchboard,
          }
        : EMPTY,
    );
  }, [props.org, props.opened]);

  return (
    <FormModal
      opened={props.opened}
      title={props.org ? t('org.edit') : t('org.add')}
      saveTestId="org-save"
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        await invoke('orgs.save', {
          ...f,
          ...(props.org ? { id: props.org.id, version: props.org.version } : {}),
        });
        props.onSaved();
      }}
    >
      <SimpleGrid cols={2}>
        <TextInput
          data-testid="org-name"
          data-autofocus
          label={t('org.name')}
          required
          value={f.name}
          onChange={(e) => setF({ ...f, name: e.currentTarget.value })}
          error={errors.name}
        />
        <Select
          data-testid="org-kind"
          label={t('org.kind')}
          data={kindOptions(t)}
          value={f.kind}
          allowDeselect={false}
          onChange={(v) => setF({ ...f, kind: (v ?? 'other') as OrgKind })}
        />
        <Select
          label={t('org.parent')}
          clearable
          searchable
          data={props.orgs.filter((o) => o.id !== props.org?.id).map((o) => ({ value: o.id, label: o.name }))}
          value={f.parentId}
          onChange={(v) => setF({ ...f, parentId: v })}
          error={errors.parentId}
        />
        <TextInput
          data-testid="org-area"
          label={t('org.area')}
          value={f.area}
          onChange={(e) => setF({ ...f, area: e.currentTarget.value })}
        />
        <TextInput
          label={t('org.address')}
          value={f.address}
          onChange={(e) => setF({ ...f, address: e.currentTarget.value })}
        />
        <TextInput
          data-testid="org-switchboard"
          label={t('org.switchboard')}
          value={f.switchboard}
          onChange={(e) => setF({ ...f, switchboard: e.currentTarget.value })}
        />
      </SimpleGrid>
    </FormModal>
  );
}

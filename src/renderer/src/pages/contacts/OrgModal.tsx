import { Autocomplete, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import type { Organization, OrgKind } from '../../../../shared/contract';
import { formatPhone, normalizePhone } from '../../../../shared/phone';
import { invoke } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { foldFilter } from '../../components/selectFilter';
import { useFormFields } from '../../components/useFormFields';
import { useI18n } from '../../i18n';
import { kindOptions, orgOptions } from './labels';

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
  areas: string[];
  onClose: () => void;
  onSaved: () => void;
  onConflict?: () => void;
}) {
  const { t } = useI18n();
  const { f, setF, errors, setErrors, edit } = useFormFields(EMPTY);
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
            switchboard: normalizePhone(props.org.switchboard)
              ? formatPhone(props.org.switchboard)
              : props.org.switchboard,
          }
        : EMPTY,
    );
  }, [props.org, props.opened]);

  return (
    <FormModal
      opened={props.opened}
      title={props.org ? t('contacts.org.edit') : t('contacts.org.add')}
      saveTestId="org-save"
      onClose={props.onClose}
      onErrors={setErrors}
      onConflict={props.onConflict}
      onSave={async () => {
        // Every problem at once, each at its field, before the core is asked.
        const bad: Record<string, string> = {};
        if (!f.name.trim()) bad.name = t('field.required');
        if (f.switchboard.trim() && !normalizePhone(f.switchboard)) bad.switchboard = t('field.phone');
        if (Object.keys(bad).length) {
          setErrors(bad);
          return false;
        }
        await invoke('contacts.orgs.save', {
          ...f,
          ...(props.org ? { id: props.org.id, version: props.org.version } : {}),
        });
        props.onSaved();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          data-testid="org-name"
          data-autofocus
          label={t('contacts.org.name')}
          required
          value={f.name}
          onChange={(e) => edit({ name: e.currentTarget.value })}
          error={errors.name}
        />
        <Select
          data-testid="org-kind"
          label={t('contacts.org.kind')}
          data={kindOptions(t)}
          value={f.kind}
          allowDeselect={false}
          onChange={(v) => edit({ kind: (v ?? 'other') as OrgKind })}
          error={errors.kind}
        />
        <Select
          data-testid="org-parent"
          label={t('contacts.org.parent')}
          placeholder={t('common.none')}
          clearable
          searchable
          filter={foldFilter}
          nothingFoundMessage={t('common.nothingFound')}
          data={orgOptions(props.orgs, t, props.org?.id)}
          value={f.parentId}
          onChange={(v) => edit({ parentId: v })}
          error={errors.parentId}
        />
        <Autocomplete
          data-testid="org-area"
          label={t('contacts.org.area')}
          data={props.areas}
          filter={foldFilter}
          value={f.area}
          onChange={(v) => edit({ area: v })}
          error={errors.area}
        />
        <TextInput
          data-testid="org-address"
          label={t('contacts.org.address')}
          value={f.address}
          onChange={(e) => edit({ address: e.currentTarget.value })}
          error={errors.address}
        />
        <TextInput
          data-testid="org-switchboard"
          label={t('contacts.org.switchboard')}
          inputMode="tel"
          value={f.switchboard}
          onChange={(e) => edit({ switchboard: e.currentTarget.value })}
          error={errors.switchboard}
        />
      </SimpleGrid>
    </FormModal>
  );
}

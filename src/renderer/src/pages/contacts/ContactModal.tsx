import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Contact, ContactRole, Organization } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone';
import { invoke } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { roleOptions } from './labels';

const EMPTY = {
  fullName: '',
  position: '',
  organizationId: null as string | null,
  phones: [''],
  email: '',
  roles: [] as ContactRole[],
  notes: '',
};

/** Add or edit a contact with several phone numbers; the core normalises and checks them. */
export function ContactModal(props: {
  opened: boolean;
  contact: Contact | null;
  orgs: Organization[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [f, setF] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setErrors({});
    const c = props.contact;
    setF(
      c
        ? {
            fullName: c.fullName,
            position: c.position,
            organizationId: c.organizationId,
            phones: c.phones.length ? c.phones.map(formatPhone) : [''],
            email: c.email,
            roles: c.roles,
            notes: c.notes,
          }
        : EMPTY,
    );
  }, [props.contact, props.opened]);

  const setPhone = (i: number, v: string) =>
    setF({ ...f, phones: f.phones.map((p, j) => (j === i ? v : p)) });
  return (
    <FormModal
      opened={props.opened}
      title={props.contact ? t('contact.edit') : t('contact.add')}
      saveTestId="contact-save"
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        await invoke('contacts.save', {
          ...f,
          phones: f.phones.filter((p) => p.trim()),
          ...(props.contact ? { id: props.contact.id, version: props.contact.version } : {}),
        });
        props.onSaved();
      }}
    >
      <SimpleGrid cols={2}>
        <TextInput
          data-testid="contact-name"
          data-autofocus
          label={t('contact.fullName')}
          required
          value={f.fullName}
          onChange={(e) => setF({ ...f, fullName: e.currentTarget.value })}
          error={errors.fullName}
        />
        <TextInput
          data-testid="contact-position"
          label={t('contact.position')}
          value={f.position}
          onChange={(e) => setF({ ...f, position: e.currentTarget.value })}
        />
        <Select
          data-testid="contact-org"
          label={t('contact.organization')}
          clearable
          searchable
          data={props.orgs.map((o) => ({ value: o.id, label: o.name }))}
          value={f.organizationId}
          onChange={(v) => setF({ ...f, organizationId: v })}
        />
        <TextInput
          label={t('contact.email')}
          value={f.email}
          onChange={(e) => setF({ ...f, email: e.currentTarget.value })}
          error={errors.email}
        />
        <Stack gap={4}>
          {f.phones.map((p, i) => (
            <Group key={i} gap={4} align="flex-end" wrap="nowrap">
              <TextInput
                data-testid={`contact-phone-${i}`}
                label={i === 0 ? t('contact.phones') : undefined}
                value={p}
                onChange={(e) => setPhone(i, e.currentTarget.value)}
                error={errors[`phones.${i}`]}
                style={{ flex: 1 }}
              />
              {f.phones.length > 1 && (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('common.delete')}
                  onClick={() => setF({ ...f, phones: f.phones.filter((_, j) => j !== i) })}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
          <Button
            size="xs"
            variant="subtle"
            onClick={() => setF({ ...f, phones: [...f.phones, ''] })}
            style={{ alignSelf: 'flex-start' }}
          >
            + {t('contact.addPhone')}
          </Button>
        </Stack>
        <MultiSelect
          data-testid="contact-roles"
          label={t('contact.roles')}
          data={roleOptions(t)}
          value={f.roles}
          onChange={(v) => setF({ ...f, roles: v as ContactRole[] })}
        />
      </SimpleGrid>
      <Textarea
        mt="sm"
        label={t('contact.notes')}
        value={f.notes}
        onChange={(e) => setF({ ...f, notes: e.currentTarget.value })}
        autosize
        minRows={2}
      />
    </FormModal>
  );
}

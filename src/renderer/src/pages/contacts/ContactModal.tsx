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
import { useEffect, useRef } from 'react';
import type { Contact, ContactRole, Organization } from '../../../../shared/contract';
import { formatPhone, normalizePhone } from '../../../../shared/phone';
import { invoke } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { foldFilter } from '../../components/selectFilter';
import { useFormFields } from '../../components/useFormFields';
import { useI18n } from '../../i18n';
import { orgOptions, roleOptions } from './labels';

const EMPTY = {
  fullName: '',
  position: '',
  organizationId: null as string | null,
  phones: [''],
  email: '',
  roles: [] as ContactRole[],
  notes: '',
};
const MAX_PHONES = 10;

/** The core names a bad number by its place among the numbers sent ("phones.0"): point at its row. */
function phoneErrorsToRows(errors: Record<string, string>, rows: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^phones\.(\d+)$/.exec(path);
    out[m ? `phones.${rows[Number(m[1])] ?? Number(m[1])}` : path] = message;
  }
  return out;
}

/** Add or edit a contact with several phone numbers; the core normalises and checks them. */
export function ContactModal(props: {
  opened: boolean;
  contact: Contact | null;
  orgs: Organization[];
  onClose: () => void;
  onSaved: () => void;
  onConflict?: () => void;
}) {
  const { t } = useI18n();
  const { f, setF, errors, setErrors, edit } = useFormFields(EMPTY);
  const sentRows = useRef<number[]>([]);
  const setPhone = (i: number, v: string) => {
    setF((p) => ({ ...p, phones: p.phones.map((x, j) => (j === i ? v : x)) }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== `phones.${i}`)));
  };
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

  return (
    <FormModal
      opened={props.opened}
      title={props.contact ? t('contacts.edit') : t('contacts.add')}
      saveTestId="contact-save"
      onClose={props.onClose}
      onErrors={(e) => setErrors(phoneErrorsToRows(e, sentRows.current))}
      onConflict={props.onConflict}
      onSave={async () => {
        // Every problem at once, each at its field (the core stops at the first bad number).
        const bad: Record<string, string> = {};
        if (!f.fullName.trim()) bad.fullName = t('field.required');
        f.phones.forEach((p, i) => {
          if (p.trim() && !normalizePhone(p)) bad[`phones.${i}`] = t('field.phone');
        });
        if (f.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim()))
          bad.email = t('field.email');
        if (Object.keys(bad).length) {
          setErrors(bad);
          return false;
        }
        // Empty rows are not sent: remember which row each sent number came from.
        sentRows.current = f.phones.flatMap((p, i) => (p.trim() ? [i] : []));
        await invoke('contacts.save', {
          ...f,
          phones: f.phones.filter((p) => p.trim()),
          ...(props.contact ? { id: props.contact.id, version: props.contact.version } : {}),
        });
        props.onSaved();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          data-testid="contact-name"
          data-autofocus
          label={t('contacts.fullName')}
          required
          value={f.fullName}
          onChange={(e) => edit({ fullName: e.currentTarget.value })}
          error={errors.fullName}
        />
        <TextInput
          data-testid="contact-position"
          label={t('contacts.position')}
          value={f.position}
          onChange={(e) => edit({ position: e.currentTarget.value })}
          error={errors.position}
        />
        <Select
          data-testid="contact-org"
          label={t('contacts.organization')}
          clearable
          searchable
          filter={foldFilter}
          nothingFoundMessage={t('common.nothingFound')}
          data={orgOptions(props.orgs, t)}
          value={f.organizationId}
          onChange={(v) => edit({ organizationId: v })}
          error={errors.organizationId}
        />
        <TextInput
          data-testid="contact-email"
          label={t('contacts.email')}
          type="email"
          value={f.email}
          onChange={(e) => edit({ email: e.currentTarget.value })}
          error={errors.email}
        />
        <Stack gap={4}>
          {f.phones.map((p, i) => (
            <Group key={i} gap={4} align="flex-end" wrap="nowrap">
              <TextInput
                data-testid={`contact-phone-${i}`}
                label={i === 0 ? t('contacts.phones') : undefined}
                aria-label={i === 0 ? undefined : `${t('contacts.phones')} ${i + 1}`}
                inputMode="tel"
                value={p}
                onChange={(e) => setPhone(i, e.currentTarget.value)}
                error={errors[`phones.${i}`]}
                style={{ flex: 1 }}
              />
              {f.phones.length > 1 && (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  mb={errors[`phones.${i}`] ? 22 : 4}
                  data-testid={`contact-phone-remove-${i}`}
                  aria-label={t('contacts.removePhone')}
                  title={t('contacts.removePhone')}
                  onClick={() => edit({ phones: f.phones.filter((_, j) => j !== i) })}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
          <Button
            size="xs"
            variant="subtle"
            data-testid="contact-phone-add"
            disabled={f.phones.length >= MAX_PHONES}
            onClick={() => setF({ ...f, phones: [...f.phones, ''] })}
            style={{ alignSelf: 'flex-start' }}
          >
            + {t('contacts.addPhone')}
          </Button>
        </Stack>
        <MultiSelect
          data-testid="contact-roles"
          label={t('contacts.roles')}
          data={roleOptions(t)}
          value={f.roles}
          onChange={(v) => edit({ roles: v as ContactRole[] })}
          error={errors.roles}
        />
      </SimpleGrid>
      <Textarea
        mt="sm"
        data-testid="contact-notes"
        label={t('contacts.notes')}
        value={f.notes}
        onChange={(e) => edit({ notes: e.currentTarget.value })}
        autosize
        minRows={2}
        error={errors.notes}
      />
    </FormModal>
  );
}

import { Alert, FileInput, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  OFFICE_LEVELS,
  type ExchangeOffice,
  type OfficeLevel,
  type Organization,
} from '../../../../shared/contract';
import { checkDate, isoToTyped } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { DateField, dateMessage } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { foldFilter } from '../../components/selectFilter';
import { useI18n } from '../../i18n';
import { Fingerprint } from './Fingerprint';

/** What the key file says of its office, read here only to show it; the core checks the file. */
function officeOfKeyFile(text: string): { code: string; name: string; level: OfficeLevel } | null {
  try {
    const office = (JSON.parse(text) as { office?: { code?: unknown; name?: unknown; level?: unknown } })
      .office;
    if (typeof office?.code !== 'string' || typeof office.name !== 'string') return null;
    const level = (OFFICE_LEVELS as readonly unknown[]).includes(office.level)
      ? (office.level as OfficeLevel)
      : 'commune';
    return { code: office.code, name: office.name, level };
  } catch {
    return null;
  }
}

/**
 * Adds an office from its key file, with the fingerprint the administrator types from the
 * office's signed printed form (the core refuses a mismatch), or edits one (`office` given): its
 * groups, the record types it may send and receive, its validity and its organisation.
 */
export function OfficeModal(props: {
  opened: boolean;
  office: ExchangeOffice | null;
  orgs: Organization[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const editing = props.office;
  const [file, setFile] = useState<File | null>(null);
  const [keyFile, setKeyFile] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const [level, setLevel] = useState<OfficeLevel>('commune');
  const [groups, setGroups] = useState<string[]>([]);
  const [maySend, setMaySend] = useState<string[]>([]);
  const [mayReceive, setMayReceive] = useState<string[]>(['*']);
  const [validTo, setValidTo] = useState('');
  const [orgId, setOrgId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    const o = props.office;
    setFile(null);
    setKeyFile('');
    setFingerprint('');
    setLevel(o?.level ?? 'commune');
    setGroups(o?.groups ?? []);
    setMaySend(o?.maySend ?? []);
    setMayReceive(o?.mayReceive ?? ['*']);
    setValidTo(o?.validTo ? isoToTyped(o.validTo) : '');
    setOrgId(o?.organizationId ?? null);
    setErrors({});
  }, [props.opened, props.office]);
  const fromFile = officeOfKeyFile(keyFile);
  const choose = (f: File | null) => {
    setFile(f);
    setKeyFile('');
    if (f)
      void f.text().then((text) => {
        setKeyFile(text);
        const o = officeOfKeyFile(text);
        if (o) setLevel(o.level);
      });
  };

  return (
    <FormModal
      opened={props.opened}
      title={editing ? t('exchange.office.edit', { code: editing.code }) : t('exchange.office.add')}
      saveTestId="office-save"
      onClose={props.onClose}
      onErrors={setErrors}
      dirty={file !== null || fingerprint !== ''}
      onSave={async () => {
        const to = checkDate(validTo);
        const bad: Record<string, string> = {};
        if (!editing && !keyFile) bad.keyFile = t('field.required');
        if (!editing && fingerprint.replace(/\D/g, '').length !== 40)
          bad.fingerprint = t('exchange.fingerprint.digits');
        if (!to.ok) bad.validTo = dateMessage(t, to) ?? t('date.format');
        if (Object.keys(bad).length || !to.ok) {
          setErrors(bad);
          return false;
        }
        const terms = { level, groups, maySend, mayReceive, validTo: to.iso ?? null, organizationId: orgId };
        if (editing)
          await invoke('exchange.updateOffice', { id: editing.id, version: editing.version, ...terms });
        else await invoke('exchange.addOffice', { keyFile, fingerprint, ...terms });
        props.onSaved();
      }}
    >
      <Stack gap="sm">
        {editing ? (
          <Alert variant="light">
            <Text fw={600}>
              {editing.code} — {editing.name}
            </Text>
            <Fingerprint value={editing.fingerprint} />
          </Alert>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('exchange.office.addHelp')}
            </Text>
            <FileInput
              data-testid="office-key-file"
              label={t('exchange.office.keyFile')}
              placeholder={t('exchange.file.placeholder')}
              accept=".json,application/json"
              value={file}
              onChange={choose}
              error={errors.keyFile}
              required
              clearable
            />
            {fromFile && (
              <Text size="sm" data-testid="office-key-file-office">
                {t('exchange.office.fromFile', { code: fromFile.code, name: fromFile.name })}
              </Text>
            )}
            <TextInput
              data-testid="office-fingerprint"
              label={t('exchange.office.fingerprintTyped')}
              description={t('exchange.office.fingerprintHelp')}
              placeholder="12345 67890 …"
              value={fingerprint}
              error={errors.fingerprint}
              onChange={(e) => setFingerprint(e.currentTarget.value)}
              styles={{ input: { fontFamily: 'monospace' } }}
              required
            />
          </>
        )}
        <Select
          data-testid="office-level"
          label={t('exchange.office.level')}
          data={OFFICE_LEVELS.filter((l) => l !== 'province').map((l) => ({
            value: l,
            label: t(`level.${l}`),
          }))}
          value={level}
          onChange={(v) => v && setLevel(v as OfficeLevel)}
          allowDeselect={false}
        />
        <TagsInput
          data-testid="office-groups"
          label={t('exchange.office.groups')}
          description={t('exchange.office.groupsHelp')}
          value={groups}
          onChange={setGroups}
          error={errors.groups}
        />
        <TagsInput
          data-testid="office-may-send"
          label={t('exchange.office.maySend')}
          description={t('exchange.office.typesHelp')}
          value={maySend}
          onChange={setMaySend}
        />
        <TagsInput
          data-testid="office-may-receive"
          label={t('exchange.office.mayReceive')}
          value={mayReceive}
          onChange={setMayReceive}
        />
        <Select
          data-testid="office-org"
          label={t('exchange.office.organization')}
          description={t('exchange.office.organizationHelp')}
          data={props.orgs.map((o) => ({ value: o.id, label: o.name }))}
          value={orgId}
          onChange={setOrgId}
          filter={foldFilter}
          searchable
          clearable
        />
        <DateField
          data-testid="office-valid-to"
          label={t('exchange.office.validTo')}
          value={validTo}
          error={errors.validTo}
          onChange={setValidTo}
        />
      </Stack>
    </FormModal>
  );
}

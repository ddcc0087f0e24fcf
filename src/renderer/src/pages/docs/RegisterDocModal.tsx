import {
  Autocomplete,
  Checkbox,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  DOC_TYPE_LABELS_VI,
  DOC_TYPES,
  type Clearance,
  type DocType,
  DocUrgency,
  type Organization,
  type OutputOf,
} from '../../../../shared/contract';
import { parseDate } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { foldFilter } from '../../components/selectFilter';
import { useI18n, type MessageKey } from '../../i18n';
import { useDocPermissions } from './useDocPermissions';

const EMPTY = {
  direction: 'in' as 'in' | 'out',
  level: 'none' as Clearance,
  type: 'CV' as DocType,
  symbol: '',
  documentDate: '',
  sender: '',
  recipients: [] as string[],
  summary: '',
  senderConsentToSummary: false,
  urgency: 'none' as DocUrgency,
  copies: 1,
  pages: 1,
  signer: '',
  handler: '',
  deadline: '',
  notes: '',
};

/** Registers one incoming or outgoing document; the core gives the number. */
export function RegisterDocModal(props: {
  opened: boolean;
  onClose: () => void;
  onSaved: (r: OutputOf<'docs.register'>) => void;
}) {
  const { t } = useI18n();
  // Only the levels the core would register for this user (role and clearance).
  const { levels } = useDocPermissions();
  const [f, setF] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [orgs, setOrgs] = useState<Organization[]>([]);
  useEffect(() => {
    setF(EMPTY);
    setErrors({});
    // The directory's organisations are offered for the sender and the recipients (free text still allowed).
    if (props.opened)
      invoke('contacts.orgs.list', {})
        .then(setOrgs)
        .catch(() => setOrgs([]));
  }, [props.opened]);
  const orgNames = [...new Set(orgs.map((o) => o.name))];

  return (
    <FormModal
      opened={props.opened}
      title={t('docs.add')}
      size="xl"
      saveTestId="doc-save"
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        // Dates are typed dd/mm/yyyy; the core takes ISO dates.
        const documentDate = parseDate(f.documentDate);
        const deadline = f.deadline.trim() ? parseDate(f.deadline) : null;
        const badDeadline = Boolean(f.deadline.trim()) && !deadline;
        if (!documentDate || badDeadline) {
          setErrors({
            ...(documentDate ? {} : { documentDate: t('docs.badDate') }),
            ...(badDeadline ? { deadline: t('docs.badDate') } : {}),
          });
          return false;
        }
        const r = await invoke('docs.register', {
          ...f,
          documentDate,
          deadline,
          // A sender picked from the directory keeps its link to the organisation.
          organizationId: orgs.find((o) => o.name === f.sender.trim())?.id ?? null,
        });
        props.onSaved(r);
      }}
    >
      <SegmentedControl
        mb="sm"
        data-testid="doc-direction"
        value={f.direction}
        onChange={(v) => setF({ ...f, direction: v as 'in' | 'out' })}
        data={[
          { value: 'in', label: t('docs.register.in') },
          { value: 'out', label: t('docs.register.out') },
        ]}
      />
      <SimpleGrid cols={3}>
        <Select
          data-testid="doc-level"
          label={t('docs.level')}
          allowDeselect={false}
          data={levels.map((c) => ({ value: c, label: t(`clearance.${c}` as MessageKey) }))}
          value={f.level}
          onChange={(v) => setF({ ...f, level: (v ?? 'none') as Clearance })}
        />
        <Select
          label={t('docs.type')}
          allowDeselect={false}
          data={DOC_TYPES.map((d) => ({ value: d, label: DOC_TYPE_LABELS_VI[d] }))}
          value={f.type}
          onChange={(v) => setF({ ...f, type: (v ?? 'CV') as DocType })}
        />
        <Select
          label={t('docs.urgency')}
          allowDeselect={false}
          data={DocUrgency.options.map((u) => ({ value: u, label: t(`docs.urgency.${u}` as MessageKey) }))}
          value={f.urgency}
          onChange={(v) => setF({ ...f, urgency: (v ?? 'none') as DocUrgency })}
        />
        <TextInput
          data-testid="doc-symbol"
          data-autofocus
          label={t('docs.symbol')}
          value={f.symbol}
          onChange={(e) => setF({ ...f, symbol: e.currentTarget.value })}
          error={errors.symbol}
        />
        <TextInput
          data-testid="doc-date"
          label={t('docs.documentDate')}
          placeholder="dd/mm/yyyy"
          required
          value={f.documentDate}
          onChange={(e) => setF({ ...f, documentDate: e.currentTarget.value })}
          error={errors.documentDate}
        />
        <TextInput
          label={t('docs.deadline')}
          placeholder="dd/mm/yyyy"
          value={f.deadline}
          onChange={(e) => setF({ ...f, deadline: e.currentTarget.value })}
          error={errors.deadline}
        />
        {f.direction === 'in' ? (
          <Autocomplete
            data-testid="doc-sender"
            label={t('docs.sender')}
            data={orgNames}
            filter={foldFilter}
            limit={20}
            value={f.sender}
            onChange={(v) => setF({ ...f, sender: v })}
            error={errors.sender ?? errors.organizationId}
          />
        ) : (
          <TextInput
            data-testid="doc-signer"
            label={t('docs.signer')}
            value={f.signer}
            onChange={(e) => setF({ ...f, signer: e.currentTarget.value })}
          />
        )}
        <TextInput
          label={t('docs.handler')}
          value={f.handler}
          onChange={(e) => setF({ ...f, handler: e.currentTarget.value })}
        />
        <SimpleGrid cols={2}>
          <NumberInput
            label={t('docs.copies')}
            min={0}
            value={f.copies}
            onChange={(v) => setF({ ...f, copies: Number(v) || 0 })}
          />
          <NumberInput
            label={t('docs.pages')}
            min={0}
            value={f.pages}
            onChange={(v) => setF({ ...f, pages: Number(v) || 0 })}
          />
        </SimpleGrid>
      </SimpleGrid>
      <Textarea
        mt="sm"
        data-testid="doc-summary"
        label={t('docs.summary')}
        autosize
        minRows={2}
        value={f.summary}
        onChange={(e) => setF({ ...f, summary: e.currentTarget.value })}
        error={errors.summary}
      />
      {f.level === 'tuyet-mat' && (
        <Checkbox
          mt="xs"
          label={t('docs.consent')}
          checked={f.senderConsentToSummary}
          onChange={(e) => setF({ ...f, senderConsentToSummary: e.currentTarget.checked })}
        />
      )}
      <SimpleGrid cols={2} mt="sm">
        <TagsInput
          label={t('docs.recipients')}
          data={orgNames}
          filter={foldFilter}
          limit={20}
          clearable
          value={f.recipients}
          onChange={(v) => setF({ ...f, recipients: v })}
        />
        <Textarea
          label={t('docs.notes')}
          autosize
          minRows={2}
          value={f.notes}
          onChange={(e) => setF({ ...f, notes: e.currentTarget.value })}
        />
      </SimpleGrid>
    </FormModal>
  );
}

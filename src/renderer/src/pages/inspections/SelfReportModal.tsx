import { MultiSelect, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Checklist, ChecklistSummary, ItemResult, Organization } from '../../../../shared/contract';
import { checkDate } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { DateField, dateMessage } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';
import { resultOptions } from './labels';

/** A unit's self-inspection report received on paper, entered item by item against a checklist. */
export function SelfReportModal(props: {
  opened: boolean;
  eventId: string;
  orgs: Organization[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [lists, setLists] = useState<ChecklistSummary[]>([]);
  const [orgId, setOrgId] = useState<string | null>(null);
  const [ref, setRef] = useState<string | null>(null);
  const [list, setList] = useState<Checklist | null>(null);
  const [date, setDate] = useState('');
  const [answers, setAnswers] = useState<Record<string, ItemResult>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!props.opened) return;
    setOrgId(null);
    setRef(null);
    setDate('');
    setAnswers({});
    setErrors({});
    void invoke('inspections.templates', {}).then(setLists);
  }, [props.opened]);
  useEffect(() => {
    if (ref) void invoke('inspections.checklists.get', { ref }).then(setList);
    else setList(null);
  }, [ref]);
  return (
    <FormModal
      opened={props.opened}
      title={t('inspections.selfEnter')}
      size="xl"
      saveTestId="insp-self-save"
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        const d = checkDate(date, true);
        if (!orgId || !ref || !d.ok || !d.iso) {
          setErrors({
            ...(orgId ? {} : { orgId: t('field.required') }),
            ...(ref ? {} : { checklist: t('field.required') }),
            ...(d.ok ? {} : { date: dateMessage(t, d) ?? '' }),
          });
          return false;
        }
        await invoke('inspections.self.save', {
          eventId: props.eventId,
          orgId,
          checklist: ref,
          reportedOn: d.iso,
          answers: Object.entries(answers).map(([key, result]) => ({ key, result })),
        });
        props.onSaved();
      }}
    >
      <Stack gap="sm">
        <Select
          data-testid="insp-self-org"
          label={t('inspections.org')}
          data={props.orgs.map((o) => ({ value: o.id, label: o.name }))}
          value={orgId}
          onChange={setOrgId}
          searchable
          error={errors.orgId}
          data-autofocus
        />
        <Select
          data-testid="insp-self-checklist"
          label={t('inspections.checklist')}
          data={lists.map((c) => ({ value: c.ref, label: c.name }))}
          value={ref}
          onChange={setRef}
          error={errors.checklist}
        />
        <DateField
          data-testid="insp-self-date"
          label={t('inspections.reportedOn')}
          value={date}
          onChange={setDate}
          error={errors.date}
        />
        {list && (
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {list.items.map((it, i) => (
                <Table.Tr key={it.key}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{it.requirement}</Text>
                  </Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      value={answers[it.key] ?? ''}
                      onChange={(v) => setAnswers((a) => ({ ...a, [it.key]: v as ItemResult }))}
                      data={resultOptions(t)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </FormModal>
  );
}

/** Asks units for their self-inspection: one task each in the event's plan, with the deadline. */
export function RequestSelfModal(props: {
  opened: boolean;
  eventId: string;
  orgs: Organization[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [orgIds, setOrgIds] = useState<string[]>([]);
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    setOrgIds([]);
    setDate('');
    setErrors({});
  }, [props.opened]);
  return (
    <FormModal
      opened={props.opened}
      title={t('inspections.requestSelf')}
      saveTestId="insp-request-save"
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        const d = checkDate(date, true);
        if (orgIds.length === 0 || !d.ok || !d.iso) {
          setErrors({
            ...(orgIds.length ? {} : { orgIds: t('field.required') }),
            ...(d.ok ? {} : { date: dateMessage(t, d) ?? '' }),
          });
          return false;
        }
        await invoke('inspections.requestSelf', { eventId: props.eventId, orgIds, deadline: d.iso });
      }}
    >
      <MultiSelect
        data-testid="insp-request-orgs"
        label={t('inspections.units')}
        data={props.orgs.map((o) => ({ value: o.id, label: o.name }))}
        value={orgIds}
        onChange={setOrgIds}
        searchable
        error={errors.orgIds}
        data-autofocus
      />
      <DateField
        data-testid="insp-request-deadline"
        label={t('inspections.deadline')}
        value={date}
        onChange={setDate}
        error={errors.date}
        mt="sm"
      />
    </FormModal>
  );
}

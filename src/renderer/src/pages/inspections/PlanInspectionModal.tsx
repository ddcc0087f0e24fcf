import { MultiSelect, Select, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ChecklistSummary, Contact, InspectionSummary, Organization } from '../../../../shared/contract';
import { checkDate } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { DateField, dateMessage } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';

/** Plans an inspection of one unit (or a re-inspection of `again`): checklist, date, place, team. */
export function PlanInspectionModal(props: {
  opened: boolean;
  eventId: string;
  orgs: Organization[];
  again: InspectionSummary | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [lists, setLists] = useState<ChecklistSummary[]>([]);
  const [people, setPeople] = useState<Contact[]>([]);
  const [orgId, setOrgId] = useState<string | null>(null);
  const [checklist, setChecklist] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const [place, setPlace] = useState('');
  const [team, setTeam] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!props.opened) return;
    setOrgId(props.again?.orgId ?? null);
    setChecklist(props.again?.checklistRef.split('@')[0] ?? null);
    setDate('');
    setPlace(props.again?.place ?? '');
    setTeam(props.again?.teamContactIds ?? []);
    setErrors({});
    void Promise.all([invoke('inspections.templates', {}), invoke('contacts.list', {})]).then(([l, c]) => {
      setLists(l);
      setPeople(c.items);
    });
  }, [props.opened, props.again]);
  return (
    <FormModal
      opened={props.opened}
      title={props.again ? t('inspections.reinspect') : t('inspections.plan')}
      saveTestId="insp-plan-save"
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        const d = checkDate(date, true);
        const missing = {
          ...(orgId ? {} : { orgId: t('field.required') }),
          ...(checklist ? {} : { checklist: t('field.required') }),
          ...(d.ok ? {} : { date: dateMessage(t, d) ?? '' }),
        };
        if (Object.keys(missing).length || !d.ok || !d.iso) {
          setErrors(missing);
          return false;
        }
        await invoke('inspections.plan', {
          eventId: props.eventId,
          orgId: orgId!,
          checklist: checklist!,
          date: d.iso,
          place,
          teamContactIds: team,
          reinspectionOf: props.again?.id ?? null,
        });
        props.onSaved();
      }}
    >
      <Select
        data-testid="insp-org"
        label={t('inspections.org')}
        data={props.orgs.map((o) => ({ value: o.id, label: o.name }))}
        value={orgId}
        onChange={setOrgId}
        searchable
        disabled={Boolean(props.again)}
        error={errors.orgId}
        data-autofocus
      />
      <Select
        data-testid="insp-checklist"
        label={t('inspections.checklist')}
        data={lists.map((c) => ({ value: c.ref, label: `${c.name} (${c.itemCount})` }))}
        value={checklist}
        onChange={setChecklist}
        error={errors.checklist}
        mt="sm"
      />
      <DateField
        data-testid="insp-date"
        label={t('inspections.date')}
        value={date}
        onChange={setDate}
        error={errors.date}
        mt="sm"
      />
      <TextInput
        data-testid="insp-place"
        label={t('inspections.place')}
        value={place}
        onChange={(e) => setPlace(e.currentTarget.value)}
        mt="sm"
      />
      <MultiSelect
        data-testid="insp-team"
        label={t('inspections.team')}
        data={people.map((c) => ({ value: c.id, label: c.fullName }))}
        value={team}
        onChange={setTeam}
        searchable
        mt="sm"
      />
    </FormModal>
  );
}

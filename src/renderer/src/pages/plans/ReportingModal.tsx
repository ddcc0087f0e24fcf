import { NumberInput, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Plan, ReportingSchedule } from '../../../../shared/contract';
import { checkDate, isoToTyped, parseDate } from '../../../../shared/dates';
import { describeSchedule, WEEKDAYS_VI } from '../../../../shared/deadlines';
import { invoke } from '../../api/client';
import { DateField, dateMessage } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';

type Kind = ReportingSchedule['kind'];

/** What the form holds, as typed: numbers and dates are checked when saved. */
interface Draft {
  kind: Kind;
  weekday: string;
  days: number | string;
  from: string;
  day: number | string;
  dates: string;
}

function draftOf(s: ReportingSchedule): Draft {
  return {
    kind: s.kind,
    weekday: String(s.kind === 'weekly' ? s.weekday : 1),
    days: s.kind === 'every' ? s.days : 10,
    from: s.kind === 'every' ? isoToTyped(s.from) : '',
    day: s.kind === 'monthly' ? s.day : 25,
    dates: s.kind === 'dates' ? s.dates.map(isoToTyped).join(', ') : '',
  };
}

/** The schedule the draft names, or the field errors that keep it from being one. */
function scheduleFromDraft(d: Draft): { ok: ReportingSchedule } | { errors: Record<string, string> } {
  const whole = (v: number | string, max: number) =>
    Number.isInteger(v) && +v >= 1 && +v <= max ? +v : null;
  switch (d.kind) {
    case 'weekly':
      return { ok: { kind: 'weekly', weekday: Number(d.weekday) } };
    case 'every': {
      const days = whole(d.days, 366);
      const from = checkDate(d.from);
      if (days === null) return { errors: { days: '1–366' } };
      if (!from.ok || !from.iso) return { errors: { from: 'date' } };
      return { ok: { kind: 'every', days, from: from.iso } };
    }
    case 'monthly': {
      const day = whole(d.day, 31);
      return day === null ? { errors: { day: '1–31' } } : { ok: { kind: 'monthly', day } };
    }
    case 'dates': {
      const parts = d.dates.split(/[,;\s]+/).filter(Boolean);
      const isos = parts.map((p) => parseDate(p));
      if (parts.length === 0 || isos.some((x) => x === null)) return { errors: { dates: 'date' } };
      const sorted = [...new Set(isos as string[])].sort();
      return { ok: { kind: 'dates', dates: sorted } };
    }
  }
}

/** Sets how often a plan's progress is reported; the periods of its tasks follow. */
export function ReportingModal(props: { plan: Plan | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(draftOf({ kind: 'weekly', weekday: 1 }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (props.plan) setDraft(draftOf(props.plan.reporting));
    setErrors({});
  }, [props.plan]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const parsed = scheduleFromDraft(draft);
  const message = (key: string) => {
    if (!errors[key]) return undefined;
    if (key === 'from') return dateMessage(t, checkDate(draft.from)) ?? t('date.format');
    if (key === 'dates') return t('plans.reporting.datesError');
    return t('plans.reporting.range', { range: errors[key] });
  };
  return (
    <FormModal
      opened={props.plan !== null}
      title={t('plans.reporting.title')}
      size="lg"
      saveTestId="reporting-save"
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        if (!props.plan) return false;
        if ('errors' in parsed) {
          setErrors(parsed.errors);
          return false;
        }
        await invoke('plans.setReporting', {
          id: props.plan.id,
          version: props.plan.version,
          reporting: parsed.ok,
        });
        props.onSaved();
      }}
    >
      <SegmentedControl
        data-testid="reporting-kind"
        fullWidth
        value={draft.kind}
        onChange={(v) => set({ kind: v as Kind })}
        data={[
          { value: 'weekly', label: t('plans.reporting.weekly') },
          { value: 'every', label: t('plans.reporting.every') },
          { value: 'monthly', label: t('plans.reporting.monthly') },
          { value: 'dates', label: t('plans.reporting.dates') },
        ]}
      />
      {draft.kind === 'weekly' && (
        <Select
          mt="md"
          data-testid="reporting-weekday"
          label={t('plans.reporting.weekday')}
          allowDeselect={false}
          value={draft.weekday}
          onChange={(v) => v && set({ weekday: v })}
          data={WEEKDAYS_VI.map((label, i) => ({ value: String(i + 1), label }))}
        />
      )}
      {draft.kind === 'every' && (
        <>
          <NumberInput
            mt="md"
            data-testid="reporting-days"
            label={t('plans.reporting.days')}
            min={1}
            max={366}
            value={draft.days}
            error={message('days')}
            onChange={(v) => set({ days: v })}
          />
          <DateField
            mt="sm"
            data-testid="reporting-from"
            label={t('plans.reporting.from')}
            value={draft.from}
            error={message('from')}
            onChange={(v) => set({ from: v })}
          />
        </>
      )}
      {draft.kind === 'monthly' && (
        <NumberInput
          mt="md"
          data-testid="reporting-day"
          label={t('plans.reporting.day')}
          description={t('plans.reporting.dayHint')}
          min={1}
          max={31}
          value={draft.day}
          error={message('day')}
          onChange={(v) => set({ day: v })}
        />
      )}
      {draft.kind === 'dates' && (
        <TextInput
          mt="md"
          data-testid="reporting-dates"
          label={t('plans.reporting.datesLabel')}
          placeholder="10/02/2026, 25/02/2026, 10/03/2026"
          value={draft.dates}
          error={message('dates') ?? errors['reporting.dates']}
          onChange={(e) => set({ dates: e.currentTarget.value })}
        />
      )}
      <Text mt="md" size="sm" data-testid="reporting-said">
        {'ok' in parsed ? describeSchedule(parsed.ok) : ''}
      </Text>
    </FormModal>
  );
}

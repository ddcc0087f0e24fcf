import { Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { PHASE_KEYS, type EventPhase, type PhaseKey, type PlanEvent } from '../../../../shared/contract';
import { addDaysIso, checkDate, isoToTyped } from '../../../../shared/dates';
import { daysBetween, defaultPhases } from '../../../../shared/deadlines';
import { invoke } from '../../api/client';
import { DateField, dateMessage } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useI18n, type MessageKey } from '../../i18n';

/** A phase as typed (dd/mm/yyyy). */
interface PhaseDraft {
  key: PhaseKey;
  start: string;
  end: string;
}
const typed = (p: EventPhase): PhaseDraft => ({
  key: p.key,
  start: isoToTyped(p.start),
  end: isoToTyped(p.end),
});
const phaseLabel = (k: PhaseKey) => `plans.phase.${k}` as MessageKey;

/**
 * An event: a new one (name and key day; the phases around the key day are the core's default),
 * a copy of `copyFrom` (its plans and tasks, every date moved with the key day), or `editing` one:
 * its name, key day and phases. Moving the key day moves the phases with it unless the user says
 * not to; the core then moves every due date of the event's tasks.
 */
export function EventModal(props: {
  opened: boolean;
  copyFrom?: PlanEvent | null;
  editing?: PlanEvent | null;
  onClose: () => void;
  onSaved: (e: PlanEvent) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [keyDay, setKeyDay] = useState('');
  const [phases, setPhases] = useState<PhaseDraft[]>([]);
  const [shiftPhases, setShiftPhases] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const saved = useRef<PlanEvent | null>(null);
  const editing = props.editing ?? null;
  useEffect(() => {
    setName(editing?.name ?? '');
    setKeyDay(editing ? isoToTyped(editing.keyDay) : '');
    setPhases(editing ? editing.phases.map(typed) : []);
    setShiftPhases(true);
    setErrors({});
  }, [props.opened, editing]);

  /** The key day typed: with "move the phases", every phase moves by as many days. */
  const changeKeyDay = (value: string) => {
    const before = checkDate(keyDay, true);
    const after = checkDate(value, true);
    setKeyDay(value);
    if (!shiftPhases || !before.ok || !after.ok || !before.iso || !after.iso) return;
    const days = daysBetween(before.iso, after.iso);
    setPhases((ps) =>
      ps.map((p) => {
        const move = (d: string) => {
          const c = checkDate(d, true);
          return c.ok && c.iso ? isoToTyped(addDaysIso(c.iso, days)) : d;
        };
        return { ...p, start: move(p.start), end: move(p.end) };
      }),
    );
  };
  const missing = PHASE_KEYS.filter((k) => !phases.some((p) => p.key === k));
  const addPhase = (key: PhaseKey) => {
    const day = checkDate(keyDay, true);
    const base = defaultPhases(day.ok && day.iso ? day.iso : (editing?.keyDay ?? '2026-01-01'));
    const p = base.find((x) => x.key === key)!;
    setPhases((ps) =>
      [...ps, typed(p)].sort((a, b) => PHASE_KEYS.indexOf(a.key) - PHASE_KEYS.indexOf(b.key)),
    );
  };
  const setPhase = (key: PhaseKey, part: 'start' | 'end', value: string) =>
    setPhases((ps) => ps.map((p) => (p.key === key ? { ...p, [part]: value } : p)));

  const title = editing
    ? t('plans.event.edit', { name: editing.name })
    : props.copyFrom
      ? t('plans.event.copy', { name: props.copyFrom.name })
      : t('plans.event.new');
  return (
    <FormModal
      opened={props.opened}
      title={title}
      size={editing ? 'xl' : undefined}
      saveTestId="event-save"
      onClose={() => {
        props.onClose();
        if (saved.current) props.onSaved(saved.current);
        saved.current = null;
      }}
      onErrors={setErrors}
      onSave={async () => {
        const day = checkDate(keyDay, true);
        const bad: Record<string, string> = {};
        if (!name.trim()) bad.name = t('field.required');
        if (!day.ok || !day.iso) bad.keyDay = dateMessage(t, day) ?? t('date.format');
        const checked = phases.map((p) => {
          const start = checkDate(p.start, true);
          const end = checkDate(p.end, true);
          if (!start.ok || !start.iso) bad[`${p.key}.start`] = dateMessage(t, start) ?? t('date.format');
          if (!end.ok || !end.iso) bad[`${p.key}.end`] = dateMessage(t, end) ?? t('date.format');
          return { key: p.key, start: start.ok ? (start.iso ?? '') : '', end: end.ok ? (end.iso ?? '') : '' };
        });
        if (Object.keys(bad).length || !day.ok || !day.iso) {
          setErrors(bad);
          return false;
        }
        if (editing)
          saved.current = await invoke('plans.events.save', {
            id: editing.id,
            version: editing.version,
            name,
            keyDay: day.iso,
            phases: checked,
            notes: editing.notes,
          });
        else
          saved.current = props.copyFrom
            ? await invoke('plans.events.copy', { fromEventId: props.copyFrom.id, name, keyDay: day.iso })
            : await invoke('plans.events.save', { name, keyDay: day.iso });
      }}
    >
      <TextInput
        data-testid="event-name"
        data-autofocus
        label={t('plans.event.name')}
        required
        value={name}
        error={errors.name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <DateField
        data-testid="event-key-day"
        label={t('plans.event.keyDay')}
        required
        mt="sm"
        value={keyDay}
        error={errors.keyDay}
        onChange={changeKeyDay}
      />
      {editing && (
        <Stack gap="xs" mt="md" data-testid="event-phases">
          <Checkbox
            data-testid="event-shift-phases"
            label={t('plans.event.shiftPhases')}
            checked={shiftPhases}
            onChange={(e) => setShiftPhases(e.currentTarget.checked)}
          />
          <Text size="sm" fw={500}>
            {t('plans.event.phases')}
          </Text>
          {phases.map((p) => (
            <Group key={p.key} align="flex-end" wrap="nowrap" data-testid={`event-phase-${p.key}`}>
              <Text size="sm" w={130}>
                {t(phaseLabel(p.key))}
              </Text>
              {(['start', 'end'] as const).map((part) => (
                <DateField
                  key={part}
                  data-testid={`event-phase-${p.key}-${part}`}
                  label={t(part === 'start' ? 'plans.event.phaseStart' : 'plans.event.phaseEnd')}
                  value={p[part]}
                  error={errors[`${p.key}.${part}`]}
                  onChange={(v) => setPhase(p.key, part, v)}
                />
              ))}
              <Button
                variant="subtle"
                color="red"
                data-testid={`event-phase-${p.key}-remove`}
                onClick={() => setPhases((ps) => ps.filter((x) => x.key !== p.key))}
              >
                {t('plans.event.phaseRemove')}
              </Button>
            </Group>
          ))}
          {missing.length > 0 && (
            <Group gap="xs">
              {missing.map((k) => (
                <Button
                  key={k}
                  size="xs"
                  variant="default"
                  data-testid={`event-phase-${k}-add`}
                  onClick={() => addPhase(k)}
                >
                  {t('plans.event.phaseAdd', { phase: t(phaseLabel(k)) })}
                </Button>
              ))}
            </Group>
          )}
        </Stack>
      )}
    </FormModal>
  );
}

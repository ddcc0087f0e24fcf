import { TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { PlanEvent } from '../../../../shared/contract';
import { checkDate } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { DateField, dateMessage } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useI18n } from '../../i18n';

/**
 * A new event: its name and key day; the phases around the key day are the core's default. With
 * `copyFrom`, the new event takes that event's plans and tasks, every date moved with the key day.
 */
export function EventModal(props: {
  opened: boolean;
  copyFrom?: PlanEvent | null;
  onClose: () => void;
  onSaved: (e: PlanEvent) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [keyDay, setKeyDay] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const saved = useRef<PlanEvent | null>(null);
  useEffect(() => {
    setName('');
    setKeyDay('');
    setErrors({});
  }, [props.opened]);
  return (
    <FormModal
      opened={props.opened}
      title={props.copyFrom ? t('plans.event.copy', { name: props.copyFrom.name }) : t('plans.event.new')}
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
        if (Object.keys(bad).length || !day.ok || !day.iso) {
          setErrors(bad);
          return false;
        }
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
        onChange={setKeyDay}
      />
    </FormModal>
  );
}

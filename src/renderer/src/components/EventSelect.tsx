import { Select } from '@mantine/core';
import { useI18n } from '../i18n';

/** The event a page shows (the plans of one election, its inspections): always one chosen. */
export function EventSelect(props: {
  events: readonly { id: string; name: string }[];
  value: string | null;
  onChange: (id: string | null) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <Select
      data-testid={props.testId}
      label={t('plans.event')}
      data={props.events.map((e) => ({ value: e.id, label: e.name }))}
      value={props.value}
      onChange={props.onChange}
      allowDeselect={false}
      w={320}
    />
  );
}

import { ActionIcon, Popover, TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { checkDate, isoToTyped, MAX_YEAR, MIN_YEAR, type DateCheck } from '../../../shared/dates';
import { useI18n, type Translate } from '../i18n';

/** The message for a refused date, naming the rule it breaks ("Ngày 31/02/2026 không tồn tại"). */
export function dateMessage(t: Translate, check: DateCheck): string | undefined {
  if (check.ok) return undefined;
  switch (check.problem) {
    case 'required':
      return t('field.required');
    case 'no-such-day':
      return t('date.noSuchDay', { day: check.day });
    case 'year-range':
      return t('date.yearRange', { min: MIN_YEAR, max: MAX_YEAR });
    default:
      return t('date.format');
  }
}

/**
 * A date typed as people write it (28/11/2026, 28-11-2026, 28.11.2026 or 2026-11-28), with a
 * calendar beside it: the browser's own date picker, so nothing is added to the app.
 */
export function DateField(
  props: Omit<TextInputProps, 'value' | 'onChange'> & {
    value: string;
    onChange: (typed: string) => void;
    'data-testid'?: string;
  },
) {
  const { t } = useI18n();
  const { value, onChange, ...rest } = props;
  const [open, setOpen] = useState(false);
  const check = checkDate(value);
  const iso = check.ok ? (check.iso ?? '') : '';
  const testId = props['data-testid'] ?? 'date';
  return (
    <TextInput
      placeholder="dd/mm/yyyy"
      {...rest}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      rightSectionPointerEvents="all"
      rightSection={
        <Popover opened={open} onChange={setOpen} position="bottom-end" withArrow trapFocus>
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('date.pick')}
              title={t('date.pick')}
              data-testid={`${testId}-pick`}
              onClick={() => setOpen((o) => !o)}
            >
              <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
                <rect x="1.5" y="2.5" width="13" height="12" rx="1.5" fill="none" stroke="currentColor" />
                <path d="M1.5 6h13M5 1v3M11 1v3" stroke="currentColor" />
              </svg>
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <input
              type="date"
              data-testid={`${testId}-picker`}
              aria-label={t('date.pick')}
              min={`${MIN_YEAR}-01-01`}
              max={`${MAX_YEAR}-12-31`}
              value={iso}
              onChange={(e) => {
                if (!e.currentTarget.value) return;
                onChange(isoToTyped(e.currentTarget.value));
                setOpen(false);
              }}
              style={{ font: 'inherit', padding: 4 }}
            />
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}

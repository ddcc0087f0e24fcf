import { Text, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useRef } from 'react';
import { useI18n } from '../i18n';

/** A list's search box: "/" focuses it from anywhere on the page, Escape clears it. */
export function SearchInput(props: {
  testId: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  minWidth: number;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => ref.current?.focus()]]);
  return (
    <TextInput
      ref={ref}
      data-testid={props.testId}
      label={t('common.search')}
      placeholder={props.placeholder}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onChange('');
      }}
      type="search"
      style={{ flex: 1, minWidth: props.minWidth }}
      rightSection={
        <Text size="xs" c="dimmed">
          /
        </Text>
      }
    />
  );
}

import { Checkbox, Group, ScrollArea, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { InputOf, OutputOf } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { notifyError } from '../../components/errors';
import { useI18n } from '../../i18n';

export type Candidate = OutputOf<'exchange.packagesCandidates'>['items'][number];

const keyOf = (c: Pick<Candidate, 'type' | 'id'>) => `${c.type}\0${c.id}`;

/**
 * Picks the records of a "selection" package: searched by folded title among those the core says
 * may go to the chosen recipients (types, travel rules, classified entries left out), ticked one by one.
 */
export function RecordPicker(props: {
  /** Memoised by the form: a new object searches again. */
  to: InputOf<'exchange.packagesCandidates'>['to'] | null;
  types: readonly string[];
  typeName: (type: string) => string;
  chosen: readonly Candidate[];
  onChange: (chosen: Candidate[]) => void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [type, setType] = useState<string | null>(null);
  const [found, setFound] = useState<OutputOf<'exchange.packagesCandidates'> | null>(null);
  useEffect(() => {
    if (!props.to) return setFound(null);
    const to = props.to;
    // Searched as the user types, once they pause.
    const timer = setTimeout(() => {
      invoke('exchange.packagesCandidates', { to, query, ...(type ? { type } : {}) }).then(
        setFound,
        (err: unknown) => notifyError(t, err),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [props.to, query, type, t]);
  const ticked = new Set(props.chosen.map(keyOf));
  const toggle = (c: Candidate) =>
    props.onChange(
      ticked.has(keyOf(c)) ? props.chosen.filter((x) => keyOf(x) !== keyOf(c)) : [...props.chosen, c],
    );
  const shown = [
    ...(found?.items ?? []),
    ...props.chosen.filter((c) => !found?.items.some((f) => keyOf(f) === keyOf(c))),
  ];
  return (
    <Stack gap="xs">
      <Group grow align="flex-end">
        <TextInput
          label={t('exchange.pick.search')}
          placeholder={t('exchange.pick.searchHint')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          data-testid="pkg-pick-search"
        />
        <Select
          label={t('exchange.pkg.selType')}
          data={props.types.map((k) => ({ value: k, label: props.typeName(k) }))}
          value={type}
          onChange={setType}
          clearable
          placeholder={t('exchange.pick.allTypes')}
          data-testid="pkg-pick-type"
        />
      </Group>
      {!props.to ? (
        <Text size="sm" c="dimmed">
          {t('exchange.pick.needRecipients')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={320}>
          <Table withTableBorder data-testid="pkg-pick-list">
            <Table.Tbody>
              {shown.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>{t('exchange.pick.none')}</Table.Td>
                </Table.Tr>
              )}
              {shown.map((c) => (
                <Table.Tr key={keyOf(c)} data-testid="pkg-pick-row">
                  <Table.Td w={40}>
                    <Checkbox
                      aria-label={c.title}
                      checked={ticked.has(keyOf(c))}
                      onChange={() => toggle(c)}
                    />
                  </Table.Td>
                  <Table.Td>{c.title}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {props.typeName(c.type)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      <Text size="sm" data-testid="pkg-pick-count">
        {t('exchange.pick.chosen', { n: String(props.chosen.length) })}
        {found?.truncated ? ` · ${t('exchange.pick.truncated')}` : ''}
      </Text>
    </Stack>
  );
}

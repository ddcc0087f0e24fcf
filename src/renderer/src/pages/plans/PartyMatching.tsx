import { MultiSelect, Select, Text } from '@mantine/core';
import type { Organization, OutputOf } from '../../../../shared/contract';
import { foldFilter } from '../../components/selectFilter';
import { useI18n } from '../../i18n';

export type Party = Extract<OutputOf<'plans.fromTemplate'>, { status: 'needs-mapping' }>['parties'][number];

/**
 * The organisations a plan names (a template's roles, an imported plan's names) and the directory
 * organisations chosen for each: a group takes several; the core's candidates come first.
 */
export function PartyMatching(props: {
  parties: readonly Party[];
  orgs: Organization[];
  mapping: Record<string, string[]>;
  onChange: (mapping: Record<string, string[]>) => void;
}) {
  const { t } = useI18n();
  const all = props.orgs.map((o) => ({ value: o.id, label: o.name }));
  const set = (key: string, ids: string[]) => props.onChange({ ...props.mapping, [key]: ids });
  return (
    <>
      <Text size="sm" c="dimmed">
        {t('plans.match.help')}
      </Text>
      {props.parties.map((p) => {
        const data = p.candidates.length ? p.candidates.map((c) => ({ value: c.id, label: c.name })) : all;
        const unclear = p.matched.length === 0 ? ` (${t('plans.match.unclear')})` : '';
        return p.many ? (
          <MultiSelect
            key={p.key}
            data-testid={`party-${p.key}`}
            label={`${p.label}${unclear}`}
            searchable
            filter={foldFilter}
            data={all}
            value={props.mapping[p.key] ?? []}
            onChange={(v) => set(p.key, v)}
          />
        ) : (
          <Select
            key={p.key}
            data-testid={`party-${p.key}`}
            label={`${p.label}${unclear}`}
            searchable
            clearable
            filter={foldFilter}
            data={[...data, ...all.filter((o) => !data.some((d) => d.value === o.value))]}
            value={props.mapping[p.key]?.[0] ?? null}
            onChange={(v) => set(p.key, v ? [v] : [])}
          />
        );
      })}
    </>
  );
}

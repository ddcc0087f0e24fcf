import { Alert, Button, Group, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { DecisionKind, DocDecision, DocEntry, InputOf } from '../../../../shared/contract';
import { checkDate, formatDate, parseDate } from '../../../../shared/dates';
import { dateMessage } from '../../components/DateField';
import { invoke } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { notifyOk } from '../../components/errors';
import { useFileSave } from '../../components/useFileSave';
import { usePermissions } from '../../components/usePermissions';
import { useI18n, type MessageKey } from '../../i18n';

const EMPTY = {
  decisionRef: '',
  decidedBy: '',
  decidedAt: '',
  reason: '',
  until: '',
  council: '',
  recordRef: '',
  method: '',
};

/** Which decisions the entry can still take: the core checks the same rules and has the last word. */
function available(e: DocEntry): DecisionKind[] {
  const classified = e.level !== 'none' && !e.declassifiedAt;
  const out: DecisionKind[] = [];
  if (e.status === 'registered') out.push('recall');
  if (classified && e.status !== 'destroyed') out.push('extend', 'declassify');
  if (e.status === 'registered' || e.status === 'recalled') out.push('destroy');
  return out;
}

function detailText(d: DocDecision): string {
  const x = d.details;
  if (d.kind === 'extend') return formatDate(String(x.until));
  if (d.kind === 'recall') return String(x.reason ?? '');
  if (d.kind === 'destroy')
    return `${String(x.recordRef ?? '')} — ${((x.council as string[]) ?? []).join(', ')}`;
  return '';
}

/** Recall, extension of the protection period, declassification and destruction, each by a recorded decision. */
export function DecisionsPanel(props: {
  entry: DocEntry;
  decisions: DocDecision[];
  canAct: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const printing = useFileSave();
  const [kind, setKind] = useState<DecisionKind | null>(null);
  const [f, setF] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<typeof EMPTY>) => setF({ ...f, ...patch });
  const field = (key: keyof typeof EMPTY, label: MessageKey, testId?: string) => (
    <TextInput
      data-testid={testId}
      label={t(label)}
      required
      value={f[key]}
      error={errors[key]}
      onChange={(e) => set({ [key]: e.currentTarget.value })}
    />
  );

  const input = (): InputOf<'docs.decide'> | null => {
    const decidedAt = parseDate(f.decidedAt);
    const until = parseDate(f.until);
    const bad = { ...(decidedAt ? {} : { decidedAt: dateMessage(t, checkDate(f.decidedAt, true)) }) };
    if (kind === 'extend' && !until) Object.assign(bad, { until: dateMessage(t, checkDate(f.until, true)) });
    if (Object.keys(bad).length || !decidedAt || !kind) {
      setErrors(bad);
      return null;
    }
    const base = {
      documentId: props.entry.id,
      version: props.entry.version,
      decisionRef: f.decisionRef,
      decidedBy: f.decidedBy,
      decidedAt,
    };
    if (kind === 'recall') return { kind, ...base, reason: f.reason };
    if (kind === 'extend') return { kind, ...base, until: until ?? '' };
    if (kind === 'declassify') return { kind, ...base };
    const council = f.council
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    return { kind, ...base, council, recordRef: f.recordRef, method: f.method };
  };

  return (
    <>
      {props.canAct && (
        <Group mb="sm" gap="xs">
          {available(props.entry).map((k) => (
            <Button
              key={k}
              size="xs"
              variant={k === 'destroy' ? 'outline' : 'light'}
              color={k === 'destroy' ? 'red' : undefined}
              data-testid={`dec-${k}`}
              onClick={() => {
                setF(EMPTY);
                setErrors({});
                setKind(k);
              }}
            >
              {t(`docs.dec.${k}` as MessageKey)}
            </Button>
          ))}
        </Group>
      )}
      {props.decisions.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('docs.dec.empty')}
        </Text>
      ) : (
        <Table data-testid="dec-table">
          <Table.Tbody>
            {props.decisions.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td fw={700}>{t(`docs.dec.${d.kind}` as MessageKey)}</Table.Td>
                <Table.Td>{formatDate(d.decidedAt)}</Table.Td>
                <Table.Td>{d.decisionRef}</Table.Td>
                <Table.Td>{d.decidedBy}</Table.Td>
                <Table.Td>{detailText(d)}</Table.Td>
                <Table.Td>
                  {d.kind === 'destroy' && can('docs.printDestruction') && (
                    <Button
                      size="xs"
                      variant="light"
                      data-testid="dec-print-record"
                      // No loading state, which would drop the focus (Escape closes the drawer).
                      onClick={() => {
                        if (!printing.busy)
                          void printing.save(() =>
                            invoke('docs.printDestruction', { documentId: props.entry.id }),
                          );
                      }}
                    >
                      {t('docs.dec.printRecord')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormModal
        opened={kind !== null}
        title={kind ? t(`docs.dec.${kind}` as MessageKey) : ''}
        saveTestId="dec-save"
        onClose={() => setKind(null)}
        onErrors={setErrors}
        onSave={async () => {
          const i = input();
          if (!i) return false;
          await invoke('docs.decide', i);
          notifyOk(t('docs.dec.done', { kind: t(`docs.dec.${i.kind}` as MessageKey) }));
          props.onChanged();
        }}
      >
        {kind === 'destroy' && (
          <Alert color="red" mb="sm">
            {t('docs.dec.destroyWarn')}
          </Alert>
        )}
        {field('decisionRef', 'docs.dec.decisionRef', 'dec-ref')}
        {field('decidedBy', 'docs.dec.decidedBy', 'dec-by')}
        {field('decidedAt', 'docs.dec.decidedAt', 'dec-at')}
        {kind === 'recall' && field('reason', 'docs.dec.reason')}
        {kind === 'extend' && field('until', 'docs.dec.until')}
        {kind === 'destroy' && (
          <>
            <Textarea
              label={t('docs.dec.council')}
              required
              autosize
              minRows={3}
              value={f.council}
              error={errors.council}
              onChange={(e) => set({ council: e.currentTarget.value })}
            />
            {field('recordRef', 'docs.dec.recordRef')}
            {field('method', 'docs.dec.method')}
          </>
        )}
      </FormModal>
    </>
  );
}

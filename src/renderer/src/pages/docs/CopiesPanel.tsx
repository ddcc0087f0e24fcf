import { Alert, Button, Group, NumberInput, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { CopyKind, DocCopy } from '../../../../shared/contract';
import { formatDateTime } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { notifyOk } from '../../components/errors';
import { useI18n } from '../../i18n';

const EMPTY = {
  kind: 'copy' as CopyKind,
  authorisedBy: '',
  authorisationRef: '',
  quantity: 1,
  recipient: '',
};

/** The entry's lines in the copy register: only with a recorded authorisation, each copy numbered. */
export function CopiesPanel(props: {
  documentId: string;
  copies: DocCopy[];
  canAct: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [f, setF] = useState<typeof EMPTY | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<typeof EMPTY>) => setF({ ...EMPTY, ...f, ...patch });

  return (
    <>
      {props.canAct && (
        <Group mb="sm">
          <Button size="xs" data-testid="cp-add" onClick={() => setF(EMPTY)}>
            {t('docs.cp.add')}
          </Button>
        </Group>
      )}
      {props.copies.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('docs.cp.empty')}
        </Text>
      ) : (
        <Table data-testid="cp-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('docs.cp.number')}</Table.Th>
              <Table.Th>{t('docs.cp.kind')}</Table.Th>
              <Table.Th>{t('docs.cp.authorisedBy')}</Table.Th>
              <Table.Th>{t('docs.cp.authorisationRef')}</Table.Th>
              <Table.Th>{t('docs.cp.recipient')}</Table.Th>
              <Table.Th>{t('docs.cp.madeAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.copies.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td fw={700}>
                  {c.number} ({c.copyIndex}/{c.quantity})
                </Table.Td>
                <Table.Td>{t(c.kind === 'copy' ? 'docs.cp.kind.copy' : 'docs.cp.kind.extract')}</Table.Td>
                <Table.Td>{c.authorisedBy}</Table.Td>
                <Table.Td>{c.authorisationRef}</Table.Td>
                <Table.Td>{c.recipient}</Table.Td>
                <Table.Td>{formatDateTime(c.madeAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormModal
        opened={f !== null}
        title={t('docs.cp.add')}
        saveTestId="cp-save"
        onClose={() => setF(null)}
        onErrors={setErrors}
        onSave={async () => {
          if (!f) return;
          const r = await invoke('docs.recordCopies', { documentId: props.documentId, ...f });
          notifyOk(t('docs.cp.done', { n: r.length, numbers: r.map((c) => c.number).join(', ') }));
          props.onChanged();
        }}
      >
        <Alert color="blue" mb="sm">
          {t('docs.cp.rule')}
        </Alert>
        <SegmentedControl
          mb="sm"
          value={f?.kind ?? 'copy'}
          onChange={(v) => set({ kind: v as CopyKind })}
          data={[
            { value: 'copy', label: t('docs.cp.kind.copy') },
            { value: 'extract', label: t('docs.cp.kind.extract') },
          ]}
        />
        <TextInput
          data-autofocus
          data-testid="cp-by"
          label={t('docs.cp.authorisedBy')}
          required
          value={f?.authorisedBy ?? ''}
          error={errors.authorisedBy}
          onChange={(e) => set({ authorisedBy: e.currentTarget.value })}
        />
        <TextInput
          data-testid="cp-ref"
          label={t('docs.cp.authorisationRef')}
          required
          value={f?.authorisationRef ?? ''}
          error={errors.authorisationRef}
          onChange={(e) => set({ authorisationRef: e.currentTarget.value })}
        />
        <NumberInput
          data-testid="cp-quantity"
          label={t('docs.cp.quantity')}
          min={1}
          max={100}
          value={f?.quantity ?? 1}
          error={errors.quantity}
          onChange={(v) => set({ quantity: Number(v) || 1 })}
        />
        <TextInput
          label={t('docs.cp.recipient')}
          value={f?.recipient ?? ''}
          onChange={(e) => set({ recipient: e.currentTarget.value })}
        />
      </FormModal>
    </>
  );
}

import { Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { DocTransfer } from '../../../../shared/contract';
import { formatDateTime } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { notifyOk } from '../../components/errors';
import { useI18n } from '../../i18n';

const EMPTY = { toPerson: '', toUnit: '', purpose: '' };

/** The entry's lines in the transfer register (sổ chuyển giao): hand over, take back. */
export function TransfersPanel(props: {
  documentId: string;
  transfers: DocTransfer[];
  canAct: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<typeof EMPTY | null>(null);
  const [returning, setReturning] = useState<DocTransfer | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const out = props.transfers.find((x) => !x.returnedAt);

  return (
    <>
      {props.canAct && !out && (
        <Group mb="sm">
          <Button size="xs" data-testid="tr-add" onClick={() => setForm(EMPTY)}>
            {t('docs.tr.add')}
          </Button>
        </Group>
      )}
      {props.transfers.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('docs.tr.empty')}
        </Text>
      ) : (
        <Table data-testid="tr-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('docs.tr.number')}</Table.Th>
              <Table.Th>{t('docs.tr.at')}</Table.Th>
              <Table.Th>{t('docs.tr.toPerson')}</Table.Th>
              <Table.Th>{t('docs.tr.toUnit')}</Table.Th>
              <Table.Th>{t('docs.tr.returned')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.transfers.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>{x.number}</Table.Td>
                <Table.Td>{formatDateTime(x.transferredAt)}</Table.Td>
                <Table.Td>{x.toPerson}</Table.Td>
                <Table.Td>{x.toUnit}</Table.Td>
                <Table.Td>
                  {x.returnedAt ? (
                    <Badge color="gray">{formatDateTime(x.returnedAt)}</Badge>
                  ) : props.canAct ? (
                    <Button size="xs" variant="light" onClick={() => setReturning(x)}>
                      {t('docs.tr.return')}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormModal
        opened={form !== null}
        title={t('docs.tr.add')}
        saveTestId="tr-save"
        onClose={() => setForm(null)}
        onErrors={setErrors}
        onSave={async () => {
          if (!form) return;
          const r = await invoke('docs.transfer', { documentId: props.documentId, ...form });
          notifyOk(t('docs.tr.done', { name: r.toPerson, n: r.number }));
          props.onChanged();
        }}
      >
        <TextInput
          data-autofocus
          data-testid="tr-person"
          label={t('docs.tr.toPerson')}
          required
          value={form?.toPerson ?? ''}
          error={errors.toPerson}
          onChange={(e) => setForm({ ...EMPTY, ...form, toPerson: e.currentTarget.value })}
        />
        <TextInput
          label={t('docs.tr.toUnit')}
          value={form?.toUnit ?? ''}
          onChange={(e) => setForm({ ...EMPTY, ...form, toUnit: e.currentTarget.value })}
        />
        <TextInput
          label={t('docs.tr.purpose')}
          value={form?.purpose ?? ''}
          onChange={(e) => setForm({ ...EMPTY, ...form, purpose: e.currentTarget.value })}
        />
      </FormModal>
      <FormModal
        opened={returning !== null}
        title={t('docs.tr.return')}
        saveTestId="tr-return-save"
        onClose={() => setReturning(null)}
        onErrors={setErrors}
        onSave={async () => {
          if (!returning) return;
          await invoke('docs.returnTransfer', { transferId: returning.id, note });
          setNote('');
          props.onChanged();
        }}
      >
        <TextInput
          label={t('docs.tr.returnNote')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
      </FormModal>
    </>
  );
}

import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Modal,
  ScrollArea,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import type { ImportReason, OutputOf } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone';
import { invoke, readAsBase64 } from '../../api/client';
import { notifyError, notifyOk } from '../../components/errors';
import { useI18n, type MessageKey } from '../../i18n';

type Preview = OutputOf<'contacts.importPreview'>;
const STATUS_COLOR = { valid: 'green', invalid: 'red', duplicate: 'orange' } as const;

/** Choose a file → preview every row (valid / error with reason / duplicate) → import the valid rows or cancel. */
export function ImportModal(props: { opened: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [withDuplicates, setWithDuplicates] = useState(false);
  const close = () => {
    setPreview(null);
    setWithDuplicates(false);
    props.onClose();
  };

  async function choose(file: File | null) {
    if (!file) return;
    setBusy(true);
    try {
      setPreview(
        await invoke('contacts.importPreview', { fileName: file.name, dataBase64: await readAsBase64(file) }),
      );
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!preview) return;
    setBusy(true);
    try {
      const r = await invoke('contacts.importCommit', {
        previewId: preview.previewId,
        includeDuplicates: withDuplicates,
      });
      notifyOk(t('import.done', { n: r.imported, orgs: r.organizationsCreated }));
      props.onImported();
      close();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  }

  const n = preview ? preview.counts.valid + (withDuplicates ? preview.counts.duplicate : 0) : 0;
  return (
    <Modal opened={props.opened} onClose={close} title={t('import.title')} size="xl">
      <Text size="sm" c="dimmed" mb="sm">
        {t('import.help')}
      </Text>
      <FileInput
        data-testid="import-file-input"
        label={t('import.choose')}
        accept=".csv,.xlsx"
        onChange={(f) => void choose(f)}
        disabled={busy}
        clearable
      />
      {preview && (
        <>
          <Alert mt="md" color={preview.counts.invalid ? 'orange' : 'green'} data-testid="import-counts">
            {t('import.counts', preview.counts)}
          </Alert>
          <ScrollArea h={320} mt="sm">
            <Table striped withTableBorder data-testid="import-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.line')}</Table.Th>
                  <Table.Th>{t('import.status')}</Table.Th>
                  <Table.Th>{t('contact.fullName')}</Table.Th>
                  <Table.Th>{t('contact.organization')}</Table.Th>
                  <Table.Th>{t('contact.phones')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((r) => (
                  <Table.Tr key={r.line} data-status={r.status}>
                    <Table.Td>{r.line}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[r.status]}>{t(`import.${r.status}` as MessageKey)}</Badge>
                      {r.reason && (
                        <Text size="xs" c="dimmed">
                          {t(`reason.${r.reason as ImportReason}` as MessageKey)}
                          {r.detail ? `: ${r.detail}` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{r.fullName}</Table.Td>
                    <Table.Td>{r.organization}</Table.Td>
                    <Table.Td>{r.phones.map(formatPhone).join(', ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          {preview.counts.duplicate > 0 && (
            <Checkbox
              mt="sm"
              label={t('import.includeDuplicates')}
              checked={withDuplicates}
              onChange={(e) => setWithDuplicates(e.currentTarget.checked)}
            />
          )}
        </>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={close}>
          {t('common.cancel')}
        </Button>
        <Button
          data-testid="import-commit"
          disabled={!preview || n === 0}
          loading={busy}
          onClick={() => void commit()}
        >
          {t('import.commit', { n })}
        </Button>
      </Group>
    </Modal>
  );
}

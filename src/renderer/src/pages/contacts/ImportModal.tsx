import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Modal,
  ScrollArea,
  SegmentedControl,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import type { ImportRow, OutputOf } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone';
import { invoke, readAsBase64 } from '../../api/client';
import { errorText, notifyError, notifyOk } from '../../components/errors';
import { useI18n } from '../../i18n';

type Preview = OutputOf<'contacts.importPreview'>;
type Show = 'all' | ImportRow['status'];
const STATUS_COLOR = { valid: 'green', invalid: 'red', duplicate: 'orange' } as const;
/** The contract's bound on the base64 text is 40 MB; the file itself must stay well under it. */
const MAX_BYTES = 20 * 1024 * 1024;

/** Choose a file → preview every row (valid / error with reason / duplicate) → import the valid rows or cancel. */
export function ImportModal(props: { opened: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [withDuplicates, setWithDuplicates] = useState(false);
  const [show, setShow] = useState<Show>('all');
  const close = () => {
    setFile(null);
    setPreview(null);
    setError(null);
    setWithDuplicates(false);
    setShow('all');
    props.onClose();
  };

  async function choose(f: File | null) {
    setFile(f);
    setPreview(null);
    setError(null);
    setShow('all');
    if (!f) return;
    if (f.size > MAX_BYTES) {
      setError(t('import.tooBig'));
      return;
    }
    setBusy(true);
    try {
      setPreview(
        await invoke('contacts.importPreview', { fileName: f.name, dataBase64: await readAsBase64(f) }),
      );
    } catch (err) {
      setError(errorText(t, err));
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
  const rows = preview ? preview.rows.filter((r) => show === 'all' || r.status === show) : [];
  return (
    <Modal opened={props.opened} onClose={close} title={t('import.title')} size="80rem">
      <Text size="sm" c="dimmed" mb="sm">
        {t('import.help')}
      </Text>
      <FileInput
        data-testid="import-file-input"
        label={t('import.choose')}
        placeholder={t('import.placeholder')}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={(f) => void choose(f)}
        disabled={busy}
        clearable
      />
      {error && (
        <Alert mt="md" color="red" data-testid="import-error">
          {error}
        </Alert>
      )}
      {preview && (
        <>
          <Group mt="md" justify="space-between">
            <Alert
              py="xs"
              color={preview.counts.invalid ? 'orange' : 'green'}
              data-testid="import-counts"
              style={{ flex: 1 }}
            >
              {t('import.counts', preview.counts)}
            </Alert>
            <SegmentedControl
              size="xs"
              value={show}
              onChange={(v) => setShow(v as Show)}
              data={[
                { value: 'all', label: t('common.all') },
                { value: 'valid', label: t('import.valid') },
                { value: 'invalid', label: t('import.invalid') },
                { value: 'duplicate', label: t('import.duplicate') },
              ]}
            />
          </Group>
          <ScrollArea.Autosize mah={380} mt="sm">
            <Table striped withTableBorder stickyHeader data-testid="import-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th ta="right">{t('import.line')}</Table.Th>
                  <Table.Th miw={110}>{t('import.status')}</Table.Th>
                  <Table.Th>{t('import.reason')}</Table.Th>
                  <Table.Th>{t('contact.fullName')}</Table.Th>
                  <Table.Th>{t('contact.position')}</Table.Th>
                  <Table.Th>{t('contact.organization')}</Table.Th>
                  <Table.Th>{t('contact.phones')}</Table.Th>
                  <Table.Th>{t('contact.email')}</Table.Th>
                  <Table.Th>{t('contact.roles')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.line} data-status={r.status}>
                    <Table.Td ta="right" ff="monospace">
                      {r.line}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge color={STATUS_COLOR[r.status]} variant="light" style={{ overflow: 'visible' }}>
                        {t(`import.${r.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {r.reason && (
                        <Text size="sm" c={r.status === 'invalid' ? 'red.8' : 'orange.8'}>
                          {t(`reason.${r.reason}`)}
                          {r.detail ? `: ${r.detail}` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{r.fullName}</Table.Td>
                    <Table.Td>{r.position}</Table.Td>
                    <Table.Td>{r.organization}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {r.phones.map(formatPhone).join(', ')}
                    </Table.Td>
                    <Table.Td>{r.email}</Table.Td>
                    <Table.Td>{r.roles.map((x) => t(`contactRole.${x}`)).join(', ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          {preview.counts.duplicate > 0 && (
            <Checkbox
              mt="sm"
              data-testid="import-include-duplicates"
              label={t('import.includeDuplicates')}
              checked={withDuplicates}
              onChange={(e) => setWithDuplicates(e.currentTarget.checked)}
            />
          )}
        </>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" data-testid="import-cancel" onClick={close}>
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

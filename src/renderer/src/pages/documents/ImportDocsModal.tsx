import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  ScrollArea,
  SegmentedControl,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import {
  DOC_TYPE_LABELS_VI,
  type DocImportRow,
  type DocRegister,
  type OutputOf,
  type Role,
} from '../../../../shared/contract';
import { formatDate } from '../../../../shared/dates';
import { invoke, readAsBase64 } from '../../api/client';
import { errorText, notifyError, notifyOk } from '../../components/errors';
import { useI18n } from '../../i18n';

type Preview = OutputOf<'docs.importPreview'>;
type Show = 'all' | DocImportRow['status'];
const STATUS_COLOR = { valid: 'green', invalid: 'red' } as const;
/** The contract's bound on the base64 text is 40 MB; the file itself must stay well under it. */
const MAX_BYTES = 20 * 1024 * 1024;
/** Secret registers are kept by clerks and admins only (the core also checks the clearance). */
const SECRET_KEEPERS: readonly Role[] = ['admin', 'clerk'];

/** Choose the register and a file of the old book → preview every row → import the valid rows or cancel. */
export function ImportDocsModal(props: {
  opened: boolean;
  role: Role;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t } = useI18n();
  const [register, setRegister] = useState<DocRegister>('in');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [show, setShow] = useState<Show>('all');
  const registers: DocRegister[] = SECRET_KEEPERS.includes(props.role)
    ? ['in', 'out', 'secret-in', 'secret-out']
    : ['in', 'out'];
  const close = () => {
    setFile(null);
    setPreview(null);
    setError(null);
    setShow('all');
    props.onClose();
  };

  /** A new file or a new register: the rows are checked again against that register. */
  async function check(f: File | null, reg: DocRegister) {
    setFile(f);
    setRegister(reg);
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
        await invoke('docs.importPreview', {
          register: reg,
          fileName: f.name,
          dataBase64: await readAsBase64(f),
        }),
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
      const r = await invoke('docs.importCommit', { previewId: preview.previewId });
      notifyOk(t('docImport.done', { n: r.imported, register: t(`doc.register.${preview.register}`) }));
      props.onImported();
      close();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  }

  const n = preview?.counts.valid ?? 0;
  const rows = preview ? preview.rows.filter((r) => show === 'all' || r.status === show) : [];
  return (
    <Modal opened={props.opened} onClose={close} title={t('docImport.title')} size="80rem">
      <Text size="sm" c="dimmed" mb="sm">
        {t('docImport.help')}
      </Text>
      <Group align="flex-end">
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('docImport.register')}
          </Text>
          <SegmentedControl
            data-testid="doc-import-register"
            value={register}
            onChange={(v) => void check(file, v as DocRegister)}
            disabled={busy}
            data={registers.map((r) => ({ value: r, label: t(`doc.register.${r}`) }))}
          />
        </div>
        <FileInput
          style={{ flex: 1 }}
          data-testid="doc-import-file-input"
          label={t('import.choose')}
          placeholder={t('import.placeholder')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(f) => void check(f, register)}
          disabled={busy}
          clearable
        />
      </Group>
      {error && (
        <Alert mt="md" color="red" data-testid="doc-import-error">
          {error}
        </Alert>
      )}
      {preview && (
        <>
          <Group mt="md" justify="space-between">
            <Alert
              py="xs"
              color={preview.counts.invalid ? 'orange' : 'green'}
              data-testid="doc-import-counts"
              style={{ flex: 1 }}
            >
              {t('docImport.counts', preview.counts)}
            </Alert>
            <SegmentedControl
              size="xs"
              value={show}
              onChange={(v) => setShow(v as Show)}
              data={[
                { value: 'all', label: t('common.all') },
                { value: 'valid', label: t('import.valid') },
                { value: 'invalid', label: t('import.invalid') },
              ]}
            />
          </Group>
          <ScrollArea.Autosize mah={380} mt="sm">
            <Table striped withTableBorder stickyHeader data-testid="doc-import-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th ta="right">{t('import.line')}</Table.Th>
                  <Table.Th miw={110}>{t('import.status')}</Table.Th>
                  <Table.Th>{t('import.reason')}</Table.Th>
                  <Table.Th ta="right">{t('doc.number')}</Table.Th>
                  <Table.Th>{t('doc.registeredAt')}</Table.Th>
                  <Table.Th>{t('doc.symbol')}</Table.Th>
                  <Table.Th>{t('doc.type')}</Table.Th>
                  <Table.Th>{t('doc.level')}</Table.Th>
                  <Table.Th>{t('doc.sender')}</Table.Th>
                  <Table.Th>{t('doc.summary')}</Table.Th>
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
                        <Text size="sm" c="red.8">
                          {t(`docReason.${r.reason}`)}
                          {r.detail ? `: ${r.detail}` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {r.number ?? ''}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {r.registeredOn ? formatDate(`${r.registeredOn}T00:00:00+07:00`) : ''}
                    </Table.Td>
                    <Table.Td>{r.symbol}</Table.Td>
                    <Table.Td>{DOC_TYPE_LABELS_VI[r.type]}</Table.Td>
                    <Table.Td>{r.level ? t(`clearance.${r.level}`) : ''}</Table.Td>
                    <Table.Td>{r.sender}</Table.Td>
                    <Table.Td>{r.summary}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </>
      )}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" data-testid="doc-import-cancel" onClick={close}>
          {t('common.cancel')}
        </Button>
        <Button
          data-testid="doc-import-commit"
          disabled={!preview || n === 0}
          loading={busy}
          onClick={() => void commit()}
        >
          {t('docImport.commit', { n })}
        </Button>
      </Group>
    </Modal>
  );
}

import { Alert, Button, Checkbox, FileInput, Group, Modal, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { DOC_TYPE_LABELS_VI, type DocRegister, type OutputOf, type Role } from '../../../../shared/contract';
import { formatDate } from '../../../../shared/dates';
import { invoke, readAsBase64 } from '../../api/client';
import { errorText, notifyError, notifyOk } from '../../components/errors';
import { ImportPreview } from '../../components/ImportPreview';
import { useI18n } from '../../i18n';

type Preview = OutputOf<'docs.importPreview'>;
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
  const [markProcessed, setMarkProcessed] = useState(true);
  const registers: DocRegister[] = SECRET_KEEPERS.includes(props.role)
    ? ['in', 'out', 'secret-in', 'secret-out']
    : ['in', 'out'];
  const close = () => {
    setFile(null);
    setPreview(null);
    setError(null);
    props.onClose();
  };

  /** A new file or a new register: the rows are checked again against that register. */
  async function check(f: File | null, reg: DocRegister) {
    setFile(f);
    setRegister(reg);
    setPreview(null);
    setError(null);
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
      const r = await invoke('docs.importCommit', { previewId: preview.previewId, markProcessed });
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
          <ImportPreview
            key={preview.previewId}
            testId="doc-import"
            countsText={t('docImport.counts', preview.counts)}
            hasProblems={preview.counts.invalid > 0}
            statuses={['valid', 'invalid']}
            rows={preview.rows}
            reason={(r) => (r.reason ? t(`docReason.${r.reason}`) : null)}
            columns={[
              { header: t('doc.number'), cell: (r) => r.number ?? '', align: 'right' },
              {
                header: t('doc.registeredAt'),
                cell: (r) => (r.registeredOn ? formatDate(`${r.registeredOn}T00:00:00+07:00`) : ''),
                nowrap: true,
              },
              { header: t('doc.symbol'), cell: (r) => r.symbol },
              { header: t('doc.type'), cell: (r) => DOC_TYPE_LABELS_VI[r.type] },
              { header: t('doc.level'), cell: (r) => (r.level ? t(`clearance.${r.level}`) : '') },
              { header: t('doc.sender'), cell: (r) => r.sender },
              { header: t('doc.summary'), cell: (r) => r.summary },
            ]}
          />
          <Checkbox
            mt="sm"
            data-testid="doc-import-processed"
            label={t('docImport.markProcessed')}
            checked={markProcessed}
            onChange={(e) => setMarkProcessed(e.currentTarget.checked)}
          />
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

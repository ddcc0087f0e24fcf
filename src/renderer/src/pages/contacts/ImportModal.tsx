import { Alert, Button, Checkbox, FileInput, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import type { OutputOf } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone';
import { invoke, readAsBase64 } from '../../api/client';
import { errorText, notifyError, notifyOk } from '../../components/errors';
import { ImportPreview } from '../../components/ImportPreview';
import { useI18n } from '../../i18n';

type Preview = OutputOf<'contacts.importPreview'>;
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
  const close = () => {
    setFile(null);
    setPreview(null);
    setError(null);
    setWithDuplicates(false);
    props.onClose();
  };

  async function choose(f: File | null) {
    setFile(f);
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
          <ImportPreview
            key={preview.previewId}
            testId="import"
            countsText={t('import.counts', preview.counts)}
            hasProblems={preview.counts.invalid > 0}
            statuses={['valid', 'invalid', 'duplicate']}
            rows={preview.rows}
            reason={(r) => (r.reason ? t(`reason.${r.reason}`) : null)}
            columns={[
              { header: t('contact.fullName'), cell: (r) => r.fullName },
              { header: t('contact.position'), cell: (r) => r.position },
              { header: t('contact.organization'), cell: (r) => r.organization },
              {
                header: t('contact.phones'),
                cell: (r) => r.phones.map(formatPhone).join(', '),
                nowrap: true,
              },
              { header: t('contact.email'), cell: (r) => r.email },
              {
                header: t('contact.roles'),
                cell: (r) => r.roles.map((x) => t(`contactRole.${x}`)).join(', '),
              },
            ]}
          />
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

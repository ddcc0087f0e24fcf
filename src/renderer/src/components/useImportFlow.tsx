import { Button, Group } from '@mantine/core';
import type { FileOut } from '../../../shared/contract';
import { useFileSave } from './useFileSave';
import { useState } from 'react';
import { readAsBase64 } from '../api/client';
import { useI18n } from '../i18n';
import { errorText, notifyError, notifyOk } from './errors';

/** The contract's bound on the base64 text is 40 MB; the file itself must stay well under it. */
const MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_ACCEPT =
  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The state of an import dialog: choose a file → the core checks every row (preview) → commit
 * the valid ones or cancel. Closing forgets the file and the preview.
 */
export function useImportFlow<P>(onClose: () => void) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setFile(null);
    setPreview(null);
    setError(null);
    onClose();
  };
  /** Reads the chosen file and has the core check it (again, when something else changed). */
  async function check(f: File | null, makePreview: (fileName: string, dataBase64: string) => Promise<P>) {
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
      setPreview(await makePreview(f.name, await readAsBase64(f)));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }
  /** Commits the previewed rows; `run` answers the sentence to show, then the dialog closes. */
  async function commit(run: (preview: P) => Promise<string>) {
    if (!preview) return;
    setBusy(true);
    try {
      notifyOk(await run(preview));
      close();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  }
  return { file, preview, error, busy, close, check, commit };
}

/** Cancel and "Import n rows" under an import preview. */
export function ImportFooter(props: {
  testId: string;
  label: string;
  count: number;
  busy: boolean;
  onCancel: () => void;
  onCommit: () => void;
}) {
  const { t } = useI18n();
  return (
    <Group justify="flex-end" mt="lg">
      <Button variant="default" data-testid={`${props.testId}-cancel`} onClick={props.onCancel}>
        {t('common.cancel')}
      </Button>
      <Button
        data-testid={`${props.testId}-commit`}
        disabled={props.count === 0}
        loading={props.busy}
        onClick={props.onCommit}
      >
        {props.label}
      </Button>
    </Group>
  );
}

/** "Tải tệp mẫu": a blank XLSX with the headers this import reads. */
export function TemplateButton(props: { make: () => Promise<FileOut>; testId: string }) {
  const { t } = useI18n();
  const { busy, save } = useFileSave();
  return (
    <Button
      variant="subtle"
      size="xs"
      data-testid={props.testId}
      loading={busy}
      onClick={() => void save(props.make)}
    >
      {t('import.template')}
    </Button>
  );
}

import { Button, FileButton, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { FileOut } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/dates';
import { readAsBase64, saveFile } from '../api/client';
import { ConfirmModal } from './ConfirmModal';
import { notifyError, notifyOk } from './errors';
import { useI18n } from '../i18n';
import { FileViewer, type StoredFile } from './FileViewer';

const sizeText = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * Files kept in the encrypted database (a registry entry's scans, a task's evidence): add, view
 * inside the app, export (warned, audited by the core, offered only with the permission).
 */
export function FilesPanel(props: {
  files: StoredFile[];
  /** Absent: this user cannot add files here. */
  add?: ((f: { fileName: string; dataBase64: string }) => Promise<{ fileName: string }>) | undefined;
  /** With `add`: the file types offered and the button's label. */
  accept?: string;
  addLabel?: string;
  load: (id: string) => Promise<FileOut>;
  /** Absent: this user does not hold the export permission. */
  exportFile?: ((id: string) => Promise<FileOut>) | undefined;
  /** Files the viewer cannot show (a Word file) are only exported. */
  viewable?: (f: StoredFile) => boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [viewing, setViewing] = useState<StoredFile | null>(null);
  const [exporting, setExporting] = useState<StoredFile | null>(null);
  const [busy, setBusy] = useState(false);
  const { add, exportFile } = props;

  const attach = async (file: File | null) => {
    if (!file || !add) return;
    setBusy(true);
    try {
      const meta = await add({ fileName: file.name, dataBase64: await readAsBase64(file) });
      notifyOk(t('docs.att.added', { name: meta.fileName }));
      props.onChanged();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {add && (
        <Group mb="sm">
          <FileButton onChange={(f) => void attach(f)} accept={props.accept}>
            {(p) => (
              <Button {...p} size="xs" loading={busy} data-testid="att-add">
                {props.addLabel}
              </Button>
            )}
          </FileButton>
        </Group>
      )}
      {props.files.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('docs.att.empty')}
        </Text>
      ) : (
        <Table data-testid="att-table">
          <Table.Tbody>
            {props.files.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.fileName}</Table.Td>
                <Table.Td>{sizeText(a.size)}</Table.Td>
                <Table.Td>{formatDateTime(a.addedAt)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    {(props.viewable?.(a) ?? true) && (
                      <Button size="xs" variant="light" data-testid="att-view" onClick={() => setViewing(a)}>
                        {t('docs.att.view')}
                      </Button>
                    )}
                    {/* Offered only to users holding the export permission (Quản trị → người dùng). */}
                    {exportFile && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="orange"
                        data-testid="att-export"
                        onClick={() => setExporting(a)}
                      >
                        {t('docs.att.export')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FileViewer file={viewing} load={props.load} onClose={() => setViewing(null)} />
      <ConfirmModal
        opened={exporting !== null}
        danger
        title={t('docs.att.export')}
        message={t('docs.att.exportWarn', { name: exporting?.fileName ?? '' })}
        confirmLabel={t('docs.att.export')}
        onClose={() => setExporting(null)}
        onConfirm={() => {
          const a = exporting;
          if (!a || !exportFile) return;
          exportFile(a.id)
            .then(saveFile)
            .catch((err: unknown) => notifyError(t, err));
        }}
      />
    </>
  );
}

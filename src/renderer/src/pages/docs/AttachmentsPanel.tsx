import { Button, FileButton, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { AttachmentMeta } from '../../../../shared/contract';
import { formatDateTime } from '../../../../shared/dates';
import { invoke, readAsBase64, saveFile } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { notifyError, notifyOk } from '../../components/errors';
import { useI18n } from '../../i18n';
import { AttachmentViewer } from './AttachmentViewer';

const sizeText = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The entry's scans and PDFs: attach, view inside the app, export (warned, audited, by permission). */
export function AttachmentsPanel(props: {
  documentId: string;
  attachments: AttachmentMeta[];
  canAttach: boolean;
  /** The user holds the per-user export permission. */
  canExport: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [viewing, setViewing] = useState<AttachmentMeta | null>(null);
  const [exporting, setExporting] = useState<AttachmentMeta | null>(null);
  const [busy, setBusy] = useState(false);

  const attach = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    try {
      const meta = await invoke('docs.attach', {
        documentId: props.documentId,
        fileName: file.name,
        dataBase64: await readAsBase64(file),
      });
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
      {props.canAttach && (
        <Group mb="sm">
          <FileButton onChange={(f) => void attach(f)} accept="application/pdf,image/png,image/jpeg">
            {(p) => (
              <Button {...p} size="xs" loading={busy} data-testid="att-add">
                {t('docs.att.add')}
              </Button>
            )}
          </FileButton>
        </Group>
      )}
      {props.attachments.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('docs.att.empty')}
        </Text>
      ) : (
        <Table data-testid="att-table">
          <Table.Tbody>
            {props.attachments.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.fileName}</Table.Td>
                <Table.Td>{sizeText(a.size)}</Table.Td>
                <Table.Td>{formatDateTime(a.addedAt)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button size="xs" variant="light" data-testid="att-view" onClick={() => setViewing(a)}>
                      {t('docs.att.view')}
                    </Button>
                    {/* Offered only to users holding the export permission (Quản trị → người dùng). */}
                    {props.canExport && (
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
      <AttachmentViewer attachment={viewing} onClose={() => setViewing(null)} />
      <ConfirmModal
        opened={exporting !== null}
        danger
        title={t('docs.att.export')}
        message={t('docs.att.exportWarn', { name: exporting?.fileName ?? '' })}
        confirmLabel={t('docs.att.export')}
        onClose={() => setExporting(null)}
        onConfirm={() => {
          const a = exporting;
          if (!a) return;
          invoke('docs.exportAttachment', { id: a.id })
            .then(saveFile)
            .catch((err: unknown) => notifyError(t, err));
        }}
      />
    </>
  );
}

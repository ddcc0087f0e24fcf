import { Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../../../../shared/contract';
import { chooseFolder, invoke, isDesktop } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { DateText, formatStamp } from '../../components/DateText';
import { notifyError, notifyOk } from '../../components/errors';
import { useI18n } from '../../i18n';

type Backup = OutputOf<'backup.list'>[number];

/** "1,2 MB" / "850 KB" in the UI's language. */
function size(bytes: number, lang: string): string {
  const fmt = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024 ? `${fmt.format(bytes / 1024 / 1024)} MB` : `${fmt.format(bytes / 1024)} KB`;
}
const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/**
 * Backups in a folder (the configured one when the field is empty), newest first, each
 * restorable after a confirmation. Used by Quản trị and by the damaged-database screen.
 */
export function BackupList(props: { onRestored: () => void; reloadKey?: number }) {
  const { t, lang } = useI18n();
  const [dir, setDir] = useState('');
  const [shownDir, setShownDir] = useState('');
  const [items, setItems] = useState<Backup[] | null>(null);
  const [pick, setPick] = useState<Backup | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (folder: string) => {
      try {
        const list = await invoke('backup.list', folder ? { dir: folder } : {});
        setItems([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
        setShownDir(folder);
      } catch (err) {
        setItems([]);
        notifyError(t, err);
      }
    },
    [t],
  );

  useEffect(() => {
    void load(shownDir);
    // Reloaded when the parent made a new backup; a typed folder is applied by its own button.
  }, [props.reloadKey]);

  async function restore(b: Backup) {
    setBusy(true);
    try {
      await invoke('backup.restore', { file: b.file });
      notifyOk(t('admin.restored'));
      props.onRestored();
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void load(dir.trim());
        }}
      >
        <Group align="flex-end" mb="sm">
          <TextInput
            data-testid="backup-dir"
            label={t('admin.backupListDir')}
            placeholder={t('admin.backupListDirHint')}
            value={dir}
            onChange={(e) => setDir(e.currentTarget.value)}
            style={{ flex: 1 }}
            spellCheck={false}
          />
          {isDesktop() && (
            <Button
              variant="default"
              onClick={async () => {
                const chosen = await chooseFolder();
                if (chosen) {
                  setDir(chosen);
                  void load(chosen);
                }
              }}
            >
              {t('admin.chooseFolder')}
            </Button>
          )}
          <Button type="submit" variant="light" data-testid="backup-list-load">
            {t('admin.listBackups')}
          </Button>
        </Group>
      </form>
      <Table striped withTableBorder data-testid="backup-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.backupFile')}</Table.Th>
            <Table.Th>{t('admin.backupTime')}</Table.Th>
            <Table.Th>{t('admin.backupSize')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(items ?? []).map((b) => (
            <Table.Tr key={b.file}>
              <Table.Td>
                <Text size="sm" ff="monospace" title={b.file}>
                  {baseName(b.file)}
                </Text>
              </Table.Td>
              <Table.Td>
                <DateText iso={b.createdAt} withTime />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{size(b.sizeBytes, lang)}</Table.Td>
              <Table.Td ta="right">
                <Button size="xs" variant="light" color="orange" onClick={() => setPick(b)} disabled={busy}>
                  {t('admin.restore')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {items && items.length === 0 && (
        <Text c="dimmed" ta="center" py="md" size="sm" data-testid="backup-empty">
          {t('admin.noBackups')}
        </Text>
      )}
      <ConfirmModal
        danger
        opened={pick !== null}
        title={t('admin.restoreTitle')}
        message={t('admin.restoreConfirm', {
          file: pick ? baseName(pick.file) : '',
          date: pick ? formatStamp(pick.createdAt) : '',
        })}
        confirmLabel={t('admin.restore')}
        onClose={() => setPick(null)}
        onConfirm={() => pick && void restore(pick)}
      />
    </>
  );
}

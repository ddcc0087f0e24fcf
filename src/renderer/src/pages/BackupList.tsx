import { Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/dates';
import { invoke, isDesktop } from '../api/client';
import { ConfirmModal } from '../components/ConfirmModal';
import { notifyError, notifyOk } from '../components/errors';
import { useI18n } from '../i18n';

type Backup = OutputOf<'backup.list'>[number];

/** Backups in a folder, each restorable after a confirmation (used by Quản trị and the damaged screen). */
export function BackupList(props: { onRestored: () => void; reloadKey?: number }) {
  const { t } = useI18n();
  const [dir, setDir] = useState('');
  const [items, setItems] = useState<Backup[]>([]);
  const [pick, setPick] = useState<Backup | null>(null);

  const load = useCallback(async () => {
    try {
      setItems(await invoke('backup.list', dir ? { dir } : {}));
    } catch (err) {
      notifyError(t, err);
    }
  }, [dir, t]);

  useEffect(() => {
    void load();
  }, [load, props.reloadKey]);

  return (
    <>
      <Group align="flex-end" mb="sm">
        <TextInput
          label={t('admin.backupDir')}
          value={dir}
          onChange={(e) => setDir(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        {isDesktop() && (
          <Button variant="default" onClick={async () => setDir((await window.api?.chooseFolder()) ?? dir)}>
            {t('admin.chooseFolder')}
          </Button>
        )}
      </Group>
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
          {items.map((b) => (
            <Table.Tr key={b.file}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {b.file.split(/[\\/]/).pop()}
                </Text>
              </Table.Td>
              <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
              <Table.Td>{Math.round(b.sizeBytes / 1024)} KB</Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" color="orange" onClick={() => setPick(b)}>
                  {t('admin.restore')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ConfirmModal
        danger
        opened={pick !== null}
        message={t('admin.restoreConfirm')}
        onClose={() => setPick(null)}
        onConfirm={async () => {
          if (!pick) return;
          try {
            await invoke('backup.restore', { file: pick.file });
            notifyOk(t('admin.restored'));
            props.onRestored();
          } catch (err) {
            notifyError(t, err);
          }
        }}
      />
    </>
  );
}

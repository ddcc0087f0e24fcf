import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { SessionUser } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { notifyError, notifyOk } from '../../components/errors';
import { usePermissions } from '../../components/usePermissions';
import { useI18n } from '../../i18n';
import { BackupList } from './BackupList';
import { OfficePanel } from './OfficePanel';
import { PasswordModal } from './PasswordModal';
import { SettingsPanel } from './SettingsPanel';
import { UsersPanel } from './UsersPanel';

/** Quản trị: users, settings, backups and restore, own password. */
export function AdminPage(props: { user: SessionUser; onChanged: () => void }) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const [changing, setChanging] = useState(false);
  const [reload, setReload] = useState(0);
  const [backingUp, setBackingUp] = useState(false);

  async function backupNow() {
    setBackingUp(true);
    try {
      const b = await invoke('backup.create', {});
      notifyOk(t('admin.backupDone', { file: b.file }));
      setReload((n) => n + 1);
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBackingUp(false);
    }
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('nav.admin')}</Title>
        <Button variant="default" data-testid="change-password" onClick={() => setChanging(true)}>
          {t('admin.changePassword')}
        </Button>
      </Group>
      {can('users.list') && <UsersPanel self={props.user.userName} />}
      {can('settings.updateOffice') && <OfficePanel onSaved={props.onChanged} />}
      {can('settings.update') && <SettingsPanel onSaved={props.onChanged} />}
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>{t('admin.backups')}</Title>
          {can('backup.create') && (
            <Button data-testid="backup-now" loading={backingUp} onClick={() => void backupNow()}>
              {t('admin.backupNow')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed" mb="sm">
          {t('admin.backupsHelp')}
        </Text>
        <BackupList onRestored={props.onChanged} reloadKey={reload} />
      </Paper>
      <PasswordModal
        opened={changing}
        withCurrent
        testId="own-password"
        title={t('admin.changePassword')}
        userName={props.user.userName}
        onClose={() => setChanging(false)}
        onSubmit={async (newPassword, currentPassword) => {
          await invoke('vault.changePassword', { currentPassword, newPassword });
          notifyOk(t('admin.passwordChanged'));
        }}
      />
    </Stack>
  );
}

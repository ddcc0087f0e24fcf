import {
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import {
  CLEARANCES,
  ROLES,
  type Clearance,
  type Role,
  type Settings,
  type UserRow,
} from '../../../shared/contract';
import { invoke } from '../api/client';
import { fieldErrors, notifyError, notifyOk } from '../components/errors';
import { useI18n, type MessageKey } from '../i18n';
import { BackupList } from './BackupList';

function UsersPanel() {
  const { t } = useI18n();
  const [users, setUsers] = useState<UserRow[]>([]);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<string | null>(null);
  const [form, setForm] = useState({
    userName: '',
    fullName: '',
    role: 'clerk' as Role,
    clearance: 'none' as Clearance,
    password: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const load = useCallback(async () => setUsers(await invoke('users.list', {})), []);
  useEffect(() => {
    void load().catch((err: unknown) => notifyError(t, err));
  }, [load, t]);
  const roles = ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }));
  const clearances = CLEARANCES.map((c) => ({ value: c, label: t(`clearance.${c}` as MessageKey) }));
  const update = async (
    userName: string,
    patch: { role?: Role; clearance?: Clearance; disabled?: boolean },
  ) => {
    try {
      await invoke('users.update', { userName, ...patch });
      await load();
    } catch (err) {
      notifyError(t, err);
    }
  };

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('admin.users')}</Title>
        <Button size="xs" data-testid="user-add" onClick={() => setAdding(true)}>
          {t('admin.addUser')}
        </Button>
      </Group>
      <Table withTableBorder data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('setup.userName')}</Table.Th>
            <Table.Th>{t('setup.fullName')}</Table.Th>
            <Table.Th>{t('admin.role')}</Table.Th>
            <Table.Th>{t('admin.clearance')}</Table.Th>
            <Table.Th>{t('admin.active')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.userName}>
              <Table.Td ff="monospace">{u.userName}</Table.Td>
              <Table.Td>{u.fullName}</Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  data={roles}
                  value={u.role}
                  allowDeselect={false}
                  onChange={(v) => v && void update(u.userName, { role: v as Role })}
                />
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  data={clearances}
                  value={u.clearance}
                  allowDeselect={false}
                  onChange={(v) => v && void update(u.userName, { clearance: v as Clearance })}
                />
              </Table.Td>
              <Table.Td>
                <Switch
                  checked={!u.disabled}
                  onChange={(e) => void update(u.userName, { disabled: !e.currentTarget.checked })}
                />
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" onClick={() => setResetting(u.userName)}>
                  {t('admin.resetPassword')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('admin.addUser')}>
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              await invoke('users.create', form);
              setAdding(false);
              setForm({ ...form, userName: '', fullName: '', password: '' });
              await load();
            } catch (err) {
              setErrors(fieldErrors(t, err));
              notifyError(t, err);
            }
          }}
        >
          <Stack>
            <TextInput
              data-testid="user-name"
              label={t('setup.userName')}
              required
              value={form.userName}
              onChange={(e) => setForm({ ...form, userName: e.currentTarget.value })}
              error={errors.userName}
            />
            <TextInput
              label={t('setup.fullName')}
              required
              value={form.fullName}
              onChange={(e) => setForm({ ...form, fullName: e.currentTarget.value })}
              error={errors.fullName}
            />
            <Select
              data-testid="user-role"
              label={t('admin.role')}
              data={roles}
              value={form.role}
              allowDeselect={false}
              onChange={(v) => setForm({ ...form, role: (v ?? 'viewer') as Role })}
            />
            <Select
              label={t('admin.clearance')}
              data={clearances}
              value={form.clearance}
              allowDeselect={false}
              onChange={(v) => setForm({ ...form, clearance: (v ?? 'none') as Clearance })}
            />
            <PasswordInput
              data-testid="user-password"
              label={t('setup.password')}
              required
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
              error={errors.password}
            />
            <Button type="submit" data-testid="user-save">
              {t('common.save')}
            </Button>
          </Stack>
        </form>
      </Modal>
      <PasswordModal
        opened={resetting !== null}
        title={`${t('admin.resetPassword')}: ${resetting ?? ''}`}
        onClose={() => setResetting(null)}
        onSubmit={async (newPassword) => {
          await invoke('users.resetPassword', { userName: resetting ?? '', newPassword });
          notifyOk(t('common.saved'));
        }}
      />
    </Paper>
  );
}

function PasswordModal(props: {
  opened: boolean;
  title: string;
  withCurrent?: boolean;
  onClose: () => void;
  onSubmit: (pw: string, current: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState('');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await props.onSubmit(pw, current);
            setPw('');
            setCurrent('');
            props.onClose();
          } catch (err) {
            notifyError(t, err);
          }
        }}
      >
        <Stack>
          {props.withCurrent && (
            <PasswordInput
              label={t('admin.currentPassword')}
              required
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
            />
          )}
          <PasswordInput
            label={t('admin.newPassword')}
            required
            value={pw}
            onChange={(e) => setPw(e.currentTarget.value)}
          />
          <Button type="submit">{t('common.save')}</Button>
        </Stack>
      </form>
    </Modal>
  );
}

function SettingsPanel() {
  const { t } = useI18n();
  const [s, setS] = useState<Settings | null>(null);
  useEffect(() => {
    invoke('settings.get', {}).then(setS, (err: unknown) => notifyError(t, err));
  }, [t]);
  if (!s) return null;
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('admin.settings')}
      </Title>
      <SimpleGrid cols={2}>
        <NumberInput
          label={t('admin.idle')}
          min={1}
          max={240}
          value={s.idleTimeoutMinutes}
          onChange={(v) => setS({ ...s, idleTimeoutMinutes: Number(v) || 10 })}
        />
        <TextInput
          label={t('admin.backupDir')}
          value={s.backupDir}
          onChange={(e) => setS({ ...s, backupDir: e.currentTarget.value })}
        />
        <NumberInput
          label={t('admin.backupEvery')}
          min={0}
          value={s.backupEveryHours}
          onChange={(v) => setS({ ...s, backupEveryHours: Number(v) || 0 })}
        />
        <NumberInput
          label={t('admin.backupKeep')}
          min={1}
          max={365}
          value={s.backupKeep}
          onChange={(v) => setS({ ...s, backupKeep: Number(v) || 1 })}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button
          onClick={async () => {
            try {
              const { lastBackupAt: _last, ...rest } = s;
              setS(await invoke('settings.update', rest));
              notifyOk(t('common.saved'));
            } catch (err) {
              notifyError(t, err);
            }
          }}
        >
          {t('common.save')}
        </Button>
      </Group>
    </Paper>
  );
}

/** Quản trị: users, settings, backups and restore, own password. */
export function AdminPage(props: { onLocked: () => void }) {
  const { t } = useI18n();
  const [changing, setChanging] = useState(false);
  const [reload, setReload] = useState(0);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('nav.admin')}</Title>
        <Button variant="default" onClick={() => setChanging(true)}>
          {t('admin.changePassword')}
        </Button>
      </Group>
      <UsersPanel />
      <SettingsPanel />
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('admin.backups')}</Title>
          <Button
            data-testid="backup-now"
            onClick={async () => {
              try {
                const b = await invoke('backup.create', {});
                notifyOk(t('admin.backupDone', { file: b.file }));
                setReload((n) => n + 1);
              } catch (err) {
                notifyError(t, err);
              }
            }}
          >
            {t('admin.backupNow')}
          </Button>
        </Group>
        <BackupList onRestored={props.onLocked} reloadKey={reload} />
      </Paper>
      <PasswordModal
        opened={changing}
        withCurrent
        title={t('admin.changePassword')}
        onClose={() => setChanging(false)}
        onSubmit={async (newPassword, currentPassword) => {
          await invoke('vault.changePassword', { currentPassword, newPassword });
          notifyOk(t('admin.passwordChanged'));
        }}
      />
    </Stack>
  );
}

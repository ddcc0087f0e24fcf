import { Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { UserRow } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { DateText } from '../../components/DateText';
import { notifyError, notifyOk } from '../../components/errors';
import { useI18n } from '../../i18n';
import { PasswordModal } from './PasswordModal';
import { UserModal } from './UserModal';

const CLEARANCE_COLOR = { none: 'gray', mat: 'yellow', 'toi-mat': 'orange', 'tuyet-mat': 'red' } as const;

/** The office's accounts: add, edit role, clearance and on/off, reset a forgotten password. */
export function UsersPanel(props: { self: string }) {
  const { t } = useI18n();
  const [users, setUsers] = useState<UserRow[]>([]);
  const [editing, setEditing] = useState<UserRow | null | undefined>(undefined);
  const [resetting, setResetting] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setUsers(await invoke('users.list', {}));
    } catch (err) {
      notifyError(t, err);
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('admin.users')}</Title>
        <Button size="xs" data-testid="user-add" onClick={() => setEditing(null)}>
          {t('admin.addUser')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={880}>
        <Table withTableBorder striped data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('setup.userName')}</Table.Th>
              <Table.Th>{t('setup.fullName')}</Table.Th>
              <Table.Th>{t('admin.role')}</Table.Th>
              <Table.Th>{t('admin.clearance')}</Table.Th>
              <Table.Th>{t('admin.exportColumn')}</Table.Th>
              <Table.Th>{t('admin.status')}</Table.Th>
              <Table.Th>{t('admin.createdAt')}</Table.Th>
              <Table.Th w={1} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((u) => (
              <Table.Tr key={u.userName} data-testid="user-row" data-user={u.userName}>
                <Table.Td ff="monospace">
                  {u.userName}{' '}
                  {u.userName === props.self && (
                    <Badge size="xs" variant="outline">
                      {t('admin.you')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{u.fullName}</Table.Td>
                <Table.Td>{t(`role.${u.role}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={CLEARANCE_COLOR[u.clearance]}>
                    {t(`clearance.${u.clearance}`)}
                  </Badge>
                </Table.Td>
                {/* miw: a squeezed table would otherwise cut the badges' words short. */}
                <Table.Td data-testid="user-export">
                  {u.canExportAttachments && (
                    <Badge variant="light" color="orange" miw="max-content">
                      {t('admin.exportAllowed')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={u.disabled ? 'gray' : 'green'} miw="max-content">
                    {u.disabled ? t('admin.disabled') : t('admin.active')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <DateText iso={u.createdAt} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Button size="xs" variant="subtle" data-testid="user-edit" onClick={() => setEditing(u)}>
                    {t('common.edit')}
                  </Button>
                  {/* One's own password is changed (giving the current one), not reset. */}
                  {u.userName !== props.self && (
                    <Button
                      size="xs"
                      variant="subtle"
                      data-testid="user-reset-password"
                      onClick={() => setResetting(u.userName)}
                    >
                      {t('admin.resetPassword')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt="xs">
        {t('admin.usersHint')}
      </Text>
      <UserModal
        opened={editing !== undefined}
        user={editing ?? null}
        self={props.self}
        onClose={() => setEditing(undefined)}
        onSaved={() => void load()}
      />
      <PasswordModal
        opened={resetting !== null}
        visibleOnce
        testId="reset-password"
        title={t('admin.resetPasswordFor', { name: resetting ?? '' })}
        userName={resetting ?? ''}
        note={t('admin.resetPasswordNote')}
        onClose={() => setResetting(null)}
        onSubmit={async (newPassword) => {
          await invoke('users.resetPassword', { userName: resetting ?? '', newPassword });
          notifyOk(t('admin.passwordReset', { name: resetting ?? '' }));
        }}
      />
    </Paper>
  );
}

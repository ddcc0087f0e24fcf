import { Alert, Checkbox, PasswordInput, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { CLEARANCES, ROLES, type Clearance, type Role, type UserRow } from '../../../../shared/contract';
import { ApiError, invoke } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { PasswordHint } from '../../components/PasswordHint';
import { useFormFields } from '../../components/useFormFields';
import { useI18n } from '../../i18n';

const EMPTY = {
  userName: '',
  fullName: '',
  role: 'clerk' as Role,
  clearance: 'none' as Clearance,
  disabled: false,
  canExportAttachments: false,
  password: '',
  password2: '',
  secondAdmin: '',
  secondPassword: '',
};

/**
 * Add a user with an initial password (shown in clear: the administrator hands it over in
 * person; typed twice; the user must change it at the first sign-in), or edit one: name, role, clearance, account on or off, the right to export attachments.
 * One's own role or clearance changes only with a second administrator's name and password.
 */
export function UserModal(props: {
  opened: boolean;
  user: UserRow | null;
  self: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { f, setF, errors, setErrors, edit } = useFormFields(EMPTY);
  useEffect(() => {
    setErrors({});
    const u = props.user;
    setF(
      u
        ? {
            ...EMPTY,
            userName: u.userName,
            fullName: u.fullName,
            role: u.role,
            clearance: u.clearance,
            disabled: u.disabled,
            canExportAttachments: u.canExportAttachments,
          }
        : EMPTY,
    );
  }, [props.user, props.opened]);
  const editing = props.user !== null;
  const ownAccess =
    editing &&
    f.userName === props.self &&
    (f.role !== props.user?.role || f.clearance !== props.user?.clearance);

  return (
    <FormModal
      opened={props.opened}
      title={editing ? t('admin.editUser', { name: f.userName }) : t('admin.addUser')}
      saveTestId="user-save"
      onClose={props.onClose}
      onErrors={setErrors}
      onSave={async () => {
        try {
          if (editing) {
            await invoke('users.update', {
              userName: f.userName,
              fullName: f.fullName,
              role: f.role,
              clearance: f.clearance,
              disabled: f.disabled,
              canExportAttachments: f.canExportAttachments,
              ...(ownAccess ? { secondAdmin: { userName: f.secondAdmin, password: f.secondPassword } } : {}),
            });
          } else {
            if (f.password !== f.password2) {
              setErrors({ password2: t('setup.mismatch') });
              return false;
            }
            await invoke('users.create', {
              userName: f.userName,
              fullName: f.fullName,
              role: f.role,
              clearance: f.clearance,
              password: f.password,
            });
            // users.create takes no permissions: the export right is granted by a second call.
            if (f.canExportAttachments)
              await invoke('users.update', { userName: f.userName, canExportAttachments: true });
          }
        } catch (err) {
          // users.update answers CONFLICT only when the last active administrator would be lost.
          if (editing && err instanceof ApiError && err.code === 'CONFLICT') {
            setErrors({ role: t('admin.lastAdmin') });
            return false;
          }
          // The second administrator was not confirmed (wrong name or password, or not an administrator).
          if (ownAccess && err instanceof ApiError && err.code === 'FORBIDDEN') {
            setErrors({ secondPassword: t('admin.secondAdminWrong') });
            return false;
          }
          throw err;
        }
        props.onSaved();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          data-testid="user-name"
          data-autofocus={!editing || undefined}
          label={t('setup.userName')}
          description={editing ? undefined : t('setup.userNameHint')}
          required
          disabled={editing}
          autoComplete="off"
          spellCheck={false}
          value={f.userName}
          onChange={(e) => edit({ userName: e.currentTarget.value })}
          error={errors.userName}
        />
        <TextInput
          data-testid="user-fullname"
          data-autofocus={editing || undefined}
          label={t('setup.fullName')}
          required
          value={f.fullName}
          onChange={(e) => edit({ fullName: e.currentTarget.value })}
          error={errors.fullName}
        />
        <Select
          data-testid="user-role"
          label={t('admin.role')}
          data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          value={f.role}
          allowDeselect={false}
          onChange={(v) => edit({ role: (v ?? 'viewer') as Role })}
          error={errors.role}
        />
        <Select
          data-testid="user-clearance"
          label={t('admin.clearance')}
          data={CLEARANCES.map((c) => ({ value: c, label: t(`clearance.${c}`) }))}
          value={f.clearance}
          allowDeselect={false}
          onChange={(v) => edit({ clearance: (v ?? 'none') as Clearance })}
          error={errors.clearance}
        />
        {editing && (
          <Switch
            data-testid="user-disabled"
            mt="sm"
            label={t('admin.disabled')}
            description={f.userName === props.self ? t('admin.selfDisableHint') : undefined}
            checked={f.disabled}
            disabled={f.userName === props.self}
            onChange={(e) => edit({ disabled: e.currentTarget.checked })}
          />
        )}
      </SimpleGrid>
      {ownAccess && (
        <>
          <Alert color="orange" mt="md" data-testid="user-second-admin-hint">
            {t('admin.secondAdminHint')}
          </Alert>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
            <TextInput
              data-testid="user-second-admin"
              label={t('admin.secondAdmin')}
              required
              autoComplete="off"
              spellCheck={false}
              value={f.secondAdmin}
              onChange={(e) => edit({ secondAdmin: e.currentTarget.value })}
              error={errors['secondAdmin.userName']}
            />
            <PasswordInput
              data-testid="user-second-password"
              label={t('admin.secondAdminPassword')}
              required
              autoComplete="off"
              value={f.secondPassword}
              onChange={(e) => edit({ secondPassword: e.currentTarget.value })}
              error={errors.secondPassword ?? errors['secondAdmin.password']}
            />
          </SimpleGrid>
        </>
      )}
      {!editing && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
          <PasswordInput
            data-testid="user-password"
            label={t('admin.initialPassword')}
            description={<PasswordHint password={f.password} userName={f.userName} error={errors.password} />}
            defaultVisible
            required
            autoComplete="new-password"
            value={f.password}
            onChange={(e) => edit({ password: e.currentTarget.value })}
            error={errors.password}
          />
          <PasswordInput
            data-testid="user-password2"
            label={t('setup.password2')}
            defaultVisible
            required
            autoComplete="new-password"
            value={f.password2}
            onChange={(e) => edit({ password2: e.currentTarget.value })}
            error={errors.password2}
          />
        </SimpleGrid>
      )}
      <Checkbox
        data-testid="user-can-export"
        mt="lg"
        label={t('admin.canExport')}
        description={t('admin.canExportHint')}
        checked={f.canExportAttachments}
        onChange={(e) => edit({ canExportAttachments: e.currentTarget.checked })}
      />
    </FormModal>
  );
}

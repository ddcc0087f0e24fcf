import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';
import { PasswordHint } from '../../components/PasswordHint';
import { useI18n } from '../../i18n';

/**
 * A new password for the core to set, typed twice. One's own: the current one first, all hidden.
 * Set by an administrator for someone else (`visibleOnce`): shown in clear so a typo is seen,
 * since it is handed over in person. A refusal stays in the dialog, at the field.
 */
export function PasswordModal(props: {
  opened: boolean;
  title: string;
  /** Whose password it is: the hint warns of a password made of the user name. */
  userName: string;
  note?: string;
  withCurrent?: boolean;
  visibleOnce?: boolean;
  testId: string;
  onClose: () => void;
  onSubmit: (newPassword: string, current: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState('');
  const [pw2, setPw2] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setCurrent('');
    setPw('');
    setPw2('');
    setErrors({});
    setError(null);
  }, [props.opened]);

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title}>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          if (pw !== pw2) {
            setErrors({ password2: t('setup.mismatch') });
            return;
          }
          setBusy(true);
          try {
            await props.onSubmit(pw, current);
            props.onClose();
          } catch (err) {
            const f = fieldErrors(t, err);
            // changePassword answers a wrong current password as wrong credentials.
            const wrongCurrent =
              props.withCurrent && err instanceof ApiError && err.code === 'WRONG_CREDENTIALS';
            setErrors({
              current: wrongCurrent ? t('admin.wrongCurrent') : (f.currentPassword ?? ''),
              password: f.newPassword ?? '',
            });
            setError(wrongCurrent ? null : errorText(t, err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack>
          {props.note && (
            <Text size="sm" c="dimmed">
              {props.note}
            </Text>
          )}
          {props.withCurrent && (
            <PasswordInput
              data-testid={`${props.testId}-current`}
              data-autofocus
              label={t('admin.currentPassword')}
              required
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
              error={errors.current || undefined}
            />
          )}
          <PasswordInput
            data-testid={`${props.testId}-new`}
            data-autofocus={!props.withCurrent || undefined}
            label={props.visibleOnce ? t('admin.newPasswordVisible') : t('setup.password')}
            description={<PasswordHint password={pw} userName={props.userName} error={errors.password} />}
            defaultVisible={props.visibleOnce}
            required
            autoComplete="new-password"
            value={pw}
            onChange={(e) => setPw(e.currentTarget.value)}
            error={errors.password || undefined}
          />
          <PasswordInput
            data-testid={`${props.testId}-new2`}
            label={t('setup.password2')}
            defaultVisible={props.visibleOnce}
            required
            autoComplete="new-password"
            value={pw2}
            onChange={(e) => setPw2(e.currentTarget.value)}
            error={errors.password2}
          />
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid={`${props.testId}-save`}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionUser } from '../../../../shared/contract';
import { ApiError, invoke } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PasswordHint } from '../../components/PasswordHint';
import { useI18n } from '../../i18n';

/**
 * Signed in with a password an administrator set: the core serves nothing else until the user
 * replaces it with one only they know. The way out is to lock.
 */
export function ChangePasswordPage(props: { user: SessionUser; onDone: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState('');
  const [pw2, setPw2] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  // A field being fixed is no longer flagged.
  const typed = (field: string, set: (v: string) => void) => (e: { currentTarget: { value: string } }) => {
    set(e.currentTarget.value);
    setFields(({ [field]: _fixed, ...rest }) => rest);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFields({});
    if (pw !== pw2) {
      setFields({ password2: t('setup.mismatch') });
      return;
    }
    setBusy(true);
    try {
      await invoke('vault.changePassword', { currentPassword: current, newPassword: pw });
      props.onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'WRONG_CREDENTIALS') {
        setFields({ current: t('admin.wrongCurrent') });
      } else {
        const f = fieldErrors(t, err);
        setFields({ current: f.currentPassword ?? '', password: f.newPassword ?? '' });
        setError(errorText(t, err));
        // Locked meanwhile (idle) or refused otherwise: re-read the state.
        if (!(err instanceof ApiError) || err.code !== 'VALIDATION') props.onDone();
      }
    } finally {
      setBusy(false);
    }
  }

  async function lock() {
    try {
      await invoke('vault.lock', {});
    } finally {
      props.onDone();
    }
  }

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" w={480}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Title order={2} c="red.9">
                {t('app.name')}
              </Title>
              <LanguageSwitch />
            </Group>
            <Title order={4} data-testid="must-change-title">
              {t('unlock.mustChangeTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('unlock.mustChangeIntro')}
            </Text>
            <Text fw={600}>
              {props.user.fullName}{' '}
              <Text span ff="monospace" c="dimmed" inherit>
                ({props.user.userName})
              </Text>
            </Text>
            {error && (
              <Alert color="red" role="alert" data-testid="must-change-error">
                {error}
              </Alert>
            )}
            <PasswordInput
              data-testid="must-change-current"
              data-autofocus
              autoFocus
              label={t('unlock.mustChangeCurrent')}
              required
              autoComplete="current-password"
              value={current}
              onChange={typed('current', setCurrent)}
              error={fields.current || undefined}
            />
            <PasswordInput
              data-testid="must-change-new"
              label={t('recover.newPassword')}
              description={
                <PasswordHint
                  password={pw}
                  userName={props.user.userName}
                  error={fields.password || undefined}
                />
              }
              required
              autoComplete="new-password"
              value={pw}
              onChange={typed('password', setPw)}
              error={fields.password || undefined}
            />
            <PasswordInput
              data-testid="must-change-new2"
              label={t('setup.password2')}
              required
              autoComplete="new-password"
              value={pw2}
              onChange={typed('password2', setPw2)}
              error={fields.password2}
            />
            <Group justify="space-between">
              <Button variant="default" data-testid="must-change-lock" onClick={() => void lock()}>
                {t('nav.lock')}
              </Button>
              <Button type="submit" loading={busy} data-testid="must-change-submit">
                {t('unlock.mustChangeSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

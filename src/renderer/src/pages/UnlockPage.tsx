import {
  Alert,
  Anchor,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { invoke } from '../api/client';
import { errorText } from '../components/errors';
import { useI18n } from '../i18n';

const LAST_USER_KEY = 'ttll.lastUser';

/** Sign in (unlock the vault), or open it with the recovery key and set a new password. */
export function UnlockPage(props: { onDone: () => void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'login' | 'recover'>('login');
  // The last user name is remembered on this machine (not the password): the usual case is one clerk.
  const [rememberedUser] = useState(() => localStorage.getItem(LAST_USER_KEY) ?? '');
  const [userName, setUserName] = useState(rememberedUser);
  const [password, setPassword] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'login') await invoke('vault.unlock', { userName, password });
      else await invoke('vault.recover', { recoveryKey, userName, newPassword: password });
      localStorage.setItem(LAST_USER_KEY, userName);
      props.onDone();
    } catch (err) {
      setError(errorText(t, err));
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center h="100vh" bg="gray.1">
      <Paper withBorder shadow="sm" p="xl" w={420}>
        <form onSubmit={submit}>
          <Stack>
            <div>
              <Title order={2}>{t('app.name')}</Title>
              <Text c="dimmed">{t('app.tagline')}</Text>
            </div>
            <Title order={4}>{mode === 'login' ? t('unlock.title') : t('recover.title')}</Title>
            {mode === 'login' && <Text size="sm">{t('unlock.locked')}</Text>}
            {error && (
              <Alert color="red" data-testid="login-error">
                {error}
              </Alert>
            )}
            {mode === 'recover' && (
              <TextInput
                data-testid="recover-key"
                label={t('recover.key')}
                required
                value={recoveryKey}
                onChange={(e) => setRecoveryKey(e.currentTarget.value)}
                styles={{ input: { fontFamily: 'monospace' } }}
              />
            )}
            <TextInput
              data-testid="login-user"
              label={t('unlock.userName')}
              required
              autoFocus={!rememberedUser}
              value={userName}
              onChange={(e) => setUserName(e.currentTarget.value)}
              autoComplete="username"
            />
            <PasswordInput
              data-testid="login-password"
              ref={passwordRef}
              label={mode === 'login' ? t('unlock.password') : t('recover.newPassword')}
              required
              autoFocus={Boolean(rememberedUser)}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            />
            <Button type="submit" data-testid="login-submit" loading={busy}>
              {mode === 'login' ? t('unlock.submit') : t('recover.submit')}
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setMode(mode === 'login' ? 'recover' : 'login');
                setError(null);
              }}
            >
              {mode === 'login' ? t('unlock.forgot') : t('recover.back')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

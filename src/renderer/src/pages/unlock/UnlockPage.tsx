import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ErrorCode, OfficeProfile } from '../../../../shared/contract';
import { ApiError, invoke } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PasswordHint } from '../../components/PasswordHint';
import { useI18n } from '../../i18n';

const LAST_USER_KEY = 'ttll.lastUser';
/** Refusals this form words itself; anything else may have changed the vault's state. */
const HANDLED_HERE: ErrorCode[] = ['WRONG_CREDENTIALS', 'USER_DISABLED', 'VALIDATION', 'THROTTLED'];

/** Sign in (unlock the vault), or open it with the recovery key and set a new password. */
export function UnlockPage(props: { office: OfficeProfile | null; onDone: () => void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'login' | 'recover'>('login');
  // The last user name is remembered on this machine (not the password): the usual case is one clerk.
  const [rememberedUser] = useState(() => localStorage.getItem(LAST_USER_KEY) ?? '');
  const [userName, setUserName] = useState(rememberedUser);
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  // After too many wrong passwords the core refuses for a while: the wait is counted down here.
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const waitSeconds = Math.max(0, Math.ceil((waitUntil - now) / 1000));
  const userRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const recover = mode === 'recover';

  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  useEffect(() => {
    if (mode === 'recover') keyRef.current?.focus();
    else if (rememberedUser) passwordRef.current?.focus();
    else userRef.current?.focus();
  }, [mode, rememberedUser]);

  function switchMode() {
    setMode(recover ? 'login' : 'recover');
    setError(null);
    setFields({});
    setPassword('');
    setPassword2('');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFields({});
    if (recover && password !== password2) {
      setFields({ password2: t('setup.mismatch') });
      return;
    }
    setBusy(true);
    try {
      if (recover) await invoke('vault.recover', { recoveryKey, userName, newPassword: password });
      else await invoke('vault.unlock', { userName, password });
      localStorage.setItem(LAST_USER_KEY, userName.trim().toLowerCase());
      props.onDone();
    } catch (err) {
      // The core answers a wrong recovery key as wrong credentials: word it for this form.
      const wrongKey = recover && err instanceof ApiError && err.code === 'WRONG_CREDENTIALS';
      const wait = err instanceof ApiError && err.code === 'THROTTLED' ? (err.retryAfterSeconds ?? 0) : 0;
      // One reading of the clock for both: two could differ by a millisecond and disable the button for good.
      const at = Date.now();
      setNow(at);
      setWaitUntil(at + wait * 1000);
      setError(wait ? null : wrongKey ? t('recover.wrong') : errorText(t, err));
      const f = fieldErrors(t, err);
      setFields({ ...f, password: f.password ?? f.newPassword ?? '' });
      // A wrong password is the usual mistake: clear it and put the cursor back there.
      if (!recover) setPassword('');
      if (f.userName) userRef.current?.focus();
      else if (f.recoveryKey || wrongKey) keyRef.current?.focus();
      else passwordRef.current?.focus();
      // A file that cannot be opened turns the vault "damaged": re-read the state to show that page.
      if (!(err instanceof ApiError) || !HANDLED_HERE.includes(err.code)) props.onDone();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="xl" w={440}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <div>
                <Title order={2} c="red.9">
                  {t('app.name')}
                </Title>
                <Text c="dimmed" size="sm">
                  {t('app.tagline')}
                </Text>
              </div>
              <LanguageSwitch />
            </Group>
            {props.office && (
              <Text fw={600} data-testid="login-office">
                {props.office.name}
              </Text>
            )}
            <Title order={4}>{recover ? t('recover.title') : t('unlock.title')}</Title>
            <Text size="sm" c="dimmed">
              {recover ? t('recover.intro') : t('unlock.locked')}
            </Text>
            {error && (
              <Alert color="red" data-testid="login-error" role="alert">
                {error}
              </Alert>
            )}
            {waitSeconds > 0 && (
              <Alert color="orange" data-testid="login-throttled" role="alert">
                {t('unlock.throttled', { seconds: waitSeconds })}
              </Alert>
            )}
            {recover && (
              <TextInput
                ref={keyRef}
                data-testid="recover-key"
                label={t('recover.key')}
                placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
                required
                autoComplete="off"
                spellCheck={false}
                value={recoveryKey}
                onChange={(e) => setRecoveryKey(e.currentTarget.value.toUpperCase())}
                error={fields.recoveryKey}
                styles={{ input: { fontFamily: 'monospace' } }}
              />
            )}
            <TextInput
              ref={userRef}
              data-testid="login-user"
              label={t('unlock.userName')}
              required
              value={userName}
              onChange={(e) => setUserName(e.currentTarget.value)}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              error={fields.userName}
            />
            <PasswordInput
              ref={passwordRef}
              data-testid="login-password"
              label={recover ? t('recover.newPassword') : t('unlock.password')}
              description={
                recover ? (
                  <PasswordHint
                    password={password}
                    userName={userName}
                    error={fields.password || undefined}
                  />
                ) : undefined
              }
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete={recover ? 'new-password' : 'current-password'}
              error={fields.password || undefined}
            />
            {recover && (
              <PasswordInput
                data-testid="recover-password2"
                label={t('setup.password2')}
                required
                value={password2}
                onChange={(e) => setPassword2(e.currentTarget.value)}
                autoComplete="new-password"
                error={fields.password2}
              />
            )}
            <Button type="submit" data-testid="login-submit" loading={busy} disabled={waitSeconds > 0}>
              {recover ? t('recover.submit') : t('unlock.submit')}
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              data-testid={recover ? 'recover-back' : 'forgot-password'}
              onClick={switchMode}
            >
              {recover ? t('recover.back') : t('unlock.forgot')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

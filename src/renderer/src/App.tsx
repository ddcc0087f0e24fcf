import { Center, Loader } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppStatus } from '../../shared/contract';
import { invoke, onLockedResponse } from './api/client';
import { I18nContext, storedLang, storeLang, translator, type Lang } from './i18n';
import { SetupPage } from './pages/setup/SetupPage';
import { Shell } from './pages/Shell';
import { ChangePasswordPage } from './pages/unlock/ChangePasswordPage';
import { ConnectionBanner, ConnectionPage } from './pages/unlock/ConnectionPage';
import { DamagedPage } from './pages/unlock/DamagedPage';
import { UnlockPage } from './pages/unlock/UnlockPage';

const POLL_MS = 30_000;

/**
 * Shows the screen the vault's state calls for. The core locks itself when idle; the UI learns
 * it from vault.status every 30 s and on window focus, from any call answering LOCKED, and from
 * the Electron shell's lock notice.
 */
export function App() {
  const [lang, setLangState] = useState<Lang>(storedLang());
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [unreachable, setUnreachable] = useState<unknown>(null);
  const inFlight = useRef(false);
  const i18n = useMemo(
    () => ({
      t: translator(lang),
      lang,
      setLang: (l: Lang) => {
        storeLang(l);
        setLangState(l);
      },
    }),
    [lang],
  );

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      setStatus(await invoke('vault.status', {}));
      setUnreachable(null);
    } catch (err) {
      // vault.status is public: failing means the core is gone or refuses this page.
      setUnreachable(err);
    } finally {
      inFlight.current = false;
    }
  }, []);

  // Notices name what the last user did ("transferred to …"): none may outlive the session.
  const locked = status !== null && status.state !== 'unlocked';
  useEffect(() => {
    if (locked) notifications.clean();
  }, [locked]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translator(lang)('app.name');
  }, [lang]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    const offLocked = onLockedResponse(() => void refresh());
    const offBridge = window.api?.onLocked(() => void refresh());
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      offLocked();
      offBridge?.();
    };
  }, [refresh]);

  let page;
  // Never reached the core: say so. Lost it later: keep the screen (and any typing) under a banner.
  if (unreachable && !status) page = <ConnectionPage error={unreachable} onRetry={refresh} />;
  else if (!status) {
    page = (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  } else if (status.state === 'uninitialized') page = <SetupPage onDone={refresh} />;
  else if (status.state === 'damaged')
    page = <DamagedPage reason={status.damagedReason ?? ''} onDone={refresh} />;
  else if (status.state === 'locked' || !status.user || !status.office)
    page = <UnlockPage office={status.office} onDone={refresh} />;
  // A password an administrator set: the core serves nothing else until it is changed.
  else if (status.user.mustChangePassword) page = <ChangePasswordPage user={status.user} onDone={refresh} />;
  else page = <Shell status={status} onChanged={refresh} />;

  return (
    <I18nContext.Provider value={i18n}>
      {page}
      {unreachable !== null && status !== null && <ConnectionBanner error={unreachable} onRetry={refresh} />}
    </I18nContext.Provider>
  );
}

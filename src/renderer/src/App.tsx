import { Center, Loader } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppStatus } from '../../shared/contract';
import { invoke, onLockedResponse } from './api/client';
import { I18nContext, storedLang, storeLang, translator, type Lang } from './i18n';
import { DamagedPage } from './pages/DamagedPage';
import { SetupPage } from './pages/SetupPage';
import { Shell } from './pages/Shell';
import { UnlockPage } from './pages/UnlockPage';

/** Shows the screen the vault's state calls for; re-reads the state on focus, every 30 s and on LOCKED. */
export function App() {
  const [lang, setLangState] = useState<Lang>(storedLang());
  const [status, setStatus] = useState<AppStatus | null>(null);
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
    try {
      setStatus(await invoke('app.status', {}));
    } catch {
      // The status call is public; failing means the core is gone: keep the last screen.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 30_000);
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
  if (!status) {
    page = (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  } else if (status.state === 'uninitialized') page = <SetupPage onDone={refresh} />;
  else if (status.state === 'damaged')
    page = <DamagedPage reason={status.damagedReason ?? ''} onDone={refresh} />;
  else if (status.state === 'locked' || !status.user || !status.office)
    page = <UnlockPage onDone={refresh} />;
  else page = <Shell status={status} onChanged={refresh} />;

  return <I18nContext.Provider value={i18n}>{page}</I18nContext.Provider>;
}

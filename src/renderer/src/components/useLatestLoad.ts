import { useCallback, useEffect, useRef, useState } from 'react';
import { ConnectionError } from '../api/client';
import { useI18n } from '../i18n';
import { errorText, notifyError } from './errors';

/**
 * Loads a page of a list whenever `fetcher` changes (pass a useCallback over the filters) and on
 * reload(). A slower answer to an older query never overwrites a newer one. `fetcher` answers
 * null when the filters cannot be sent yet (a half-typed date): nothing is loaded. When the core
 * cannot be reached, `lost` says so (a list then shows that, not "0 entries").
 */
export function useLatestLoad<T>(fetcher: () => Promise<T> | null, initial: T) {
  const { t } = useI18n();
  const [data, setData] = useState<T>(initial);
  const [loading, setLoading] = useState(true);
  const [lost, setLost] = useState<string | null>(null);
  const seq = useRef(0);
  const reload = useCallback(async () => {
    const pending = fetcher();
    if (!pending) return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const result = await pending;
      if (mine === seq.current) {
        setData(result);
        setLost(null);
      }
    } catch (err) {
      if (mine !== seq.current) return;
      if (err instanceof ConnectionError) setLost(errorText(t, err));
      else notifyError(t, err);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [fetcher, t]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, loading, reload, lost };
}

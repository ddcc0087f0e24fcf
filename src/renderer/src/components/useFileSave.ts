import { useState } from 'react';
import type { FileOut } from '../../../shared/contract';
import { saveFile } from '../api/client';
import { useI18n } from '../i18n';
import { notifyError, notifyOk } from './errors';

/** Has the core make a file, then saves it where the user chooses: busy state, notice, errors. */
export function useFileSave() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const save = async (make: () => Promise<FileOut>): Promise<boolean> => {
    setBusy(true);
    try {
      const saved = await saveFile(await make());
      if (saved) notifyOk(t('export.done', { file: saved }));
      return true;
    } catch (err) {
      notifyError(t, err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, save };
}

const SIGNER_TITLE_KEY = 'ttll.print.signerTitle';
const SIGNER_NAME_KEY = 'ttll.print.signerName';

/** The signer of printed documents rarely changes: remembered for this session (never on disk). */
export function useRememberedSigner() {
  const [title, setTitle] = useState(() => sessionStorage.getItem(SIGNER_TITLE_KEY) ?? '');
  const [name, setName] = useState(() => sessionStorage.getItem(SIGNER_NAME_KEY) ?? '');
  const remember = () => {
    sessionStorage.setItem(SIGNER_TITLE_KEY, title);
    sessionStorage.setItem(SIGNER_NAME_KEY, name);
  };
  return { title, setTitle, name, setName, remember };
}

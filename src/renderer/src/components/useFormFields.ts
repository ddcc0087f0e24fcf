import { useState } from 'react';

/**
 * A form's fields and their errors. edit() changes fields and drops their old errors ("phones.1"
 * belongs to phones): a field being fixed is no longer flagged.
 */
export function useFormFields<F extends object>(empty: F) {
  const [f, setF] = useState<F>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const edit = (patch: Partial<F>) => {
    setF((p) => ({ ...p, ...patch }));
    setErrors((e) =>
      Object.fromEntries(Object.entries(e).filter(([k]) => !((k.split('.')[0] ?? k) in patch))),
    );
  };
  return { f, setF, errors, setErrors, edit };
}

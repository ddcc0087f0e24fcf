/**
 * Half-filled forms kept for this window and this user only (sessionStorage: gone when the window
 * closes), so an idle lock does not lose the typing. Callers keep nothing classified here.
 */
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const draftKey = (form: string, user: string) => `ttll.draft.${form}.${user}`;
const store = (): Store | null => (typeof sessionStorage === 'undefined' ? null : sessionStorage);

export function loadDraft<T>(form: string, user: string, s: Store | null = store()): T | null {
  const raw = s?.getItem(draftKey(form, user));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function saveDraft(form: string, user: string, value: unknown, s: Store | null = store()): void {
  s?.setItem(draftKey(form, user), JSON.stringify(value));
}

export function clearDraft(form: string, user: string, s: Store | null = store()): void {
  s?.removeItem(draftKey(form, user));
}

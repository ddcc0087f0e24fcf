import { createContext, useContext } from 'react';
import { en } from './en';
import { vi, type MessageKey } from './vi';

export type Lang = 'vi' | 'en';
const TABLES: Record<Lang, Record<MessageKey, string>> = { vi, en };
const LANG_KEY = 'ttll.lang';

export function storedLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
}
export function storeLang(lang: Lang): void {
  localStorage.setItem(LANG_KEY, lang);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, params) =>
    TABLES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
}

/** For keys built at run time (`auditAction.${a}`): the key if the table has it, else null. */
export function knownKey(key: string): MessageKey | null {
  return Object.prototype.hasOwnProperty.call(vi, key) ? (key as MessageKey) : null;
}

export const I18nContext = createContext<{ t: Translate; lang: Lang; setLang: (l: Lang) => void }>({
  t: translator('vi'),
  lang: 'vi',
  setLang: () => undefined,
});

export const useI18n = () => useContext(I18nContext);
export type { MessageKey };

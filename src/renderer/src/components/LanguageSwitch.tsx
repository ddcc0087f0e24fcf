import { Button } from '@mantine/core';
import { useI18n } from '../i18n';

/** Tiếng Việt ⇄ English; the choice is kept on this machine. */
export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <Button
      size="xs"
      variant="subtle"
      color="gray"
      data-testid="lang-switch"
      lang={lang === 'vi' ? 'en' : 'vi'}
      onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
    >
      {t('common.language')}
    </Button>
  );
}

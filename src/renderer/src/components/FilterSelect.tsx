import { Select, type SelectProps } from '@mantine/core';
import { useI18n } from '../i18n';
import { foldFilter } from './selectFilter';

/** A list filter: empty means "all"; a searchable one ignores diacritics and case. */
export function FilterSelect(props: SelectProps & { 'data-testid'?: string }) {
  const { t } = useI18n();
  const search = props.searchable
    ? { filter: foldFilter, nothingFoundMessage: t('common.nothingFound') }
    : {};
  return <Select placeholder={t('common.all')} clearable {...search} {...props} />;
}

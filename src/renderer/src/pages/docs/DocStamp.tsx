import { Box, Text } from '@mantine/core';
import type { DocEntry } from '../../../../shared/contract';
import { formatDate } from '../../../../shared/dates';
import { useI18n } from '../../i18n';

/**
 * The content of the incoming "ĐẾN" stamp (seed 004): arrival number and date, to whom it was
 * passed, and a blank for the file number, as the clerk writes them on the paper.
 */
export function DocStamp(props: { entry: DocEntry; officeName: string }) {
  const { t } = useI18n();
  const e = props.entry;
  const line = (label: string, value: string) => (
    <Text size="sm" ff="'Times New Roman', serif">
      {label}: <b>{value || '…………'}</b>
    </Text>
  );
  return (
    <Box
      data-testid="doc-stamp"
      p="xs"
      w={300}
      style={{ border: '2px solid var(--mantine-color-red-7)', color: 'var(--mantine-color-red-9)' }}
    >
      <Text size="xs" ta="center" tt="uppercase" ff="'Times New Roman', serif">
        {props.officeName}
      </Text>
      <Text fw={700} ta="center" size="lg" ff="'Times New Roman', serif">
        ĐẾN
      </Text>
      {line(t('docs.stamp.number'), String(e.number))}
      {line(t('docs.stamp.date'), formatDate(e.registeredAt))}
      {line(t('docs.stamp.to'), e.holder || e.handler || '')}
      {line(t('docs.stamp.file'), '')}
    </Box>
  );
}

import { Group, Pagination, Text } from '@mantine/core';
import { useI18n } from '../i18n';

/** "from–to of total" and the page buttons under a paged table; nothing when one page holds all. */
export function ListPager(props: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
  'data-testid'?: string;
}) {
  const { t } = useI18n();
  const { page, pageSize, total } = props;
  if (total <= pageSize) return null;
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed">
        {t('common.range', { from: (page - 1) * pageSize + 1, to: Math.min(page * pageSize, total), total })}
      </Text>
      <Pagination
        data-testid={props['data-testid']}
        total={Math.ceil(total / pageSize)}
        value={page}
        onChange={props.onChange}
      />
    </Group>
  );
}

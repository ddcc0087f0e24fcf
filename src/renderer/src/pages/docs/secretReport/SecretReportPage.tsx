import { Stack, Title } from '@mantine/core';
import { usePermissions } from '../../../components/usePermissions';
import { useI18n } from '../../../i18n';
import { ExpiringPanel } from './ExpiringPanel';
import { YearReportPanel } from './YearReportPanel';

/** Báo cáo mật: the yearly counts on protecting state secrets and the protection periods ending soon. */
export function SecretReportPage() {
  const { t } = useI18n();
  const { can } = usePermissions();
  return (
    <Stack>
      <Title order={2}>{t('nav.secretReport')}</Title>
      {can('docs.yearReport') && <YearReportPanel />}
      {can('docs.expiring') && <ExpiringPanel />}
    </Stack>
  );
}

import { Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import type { OfficeProfile } from '../../../../shared/contract';
import { useI18n } from '../../i18n';
import { DirectoryTab } from './DirectoryTab';
import { OwnKeysTab } from './OwnKeysTab';

/**
 * Trao đổi dữ liệu: this office's keys and the directory of offices. Each tab is a component of
 * its own, so the packages tab joins as one more entry here.
 */
export function ExchangePage(props: { office: OfficeProfile }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<string | null>('keys');
  return (
    <>
      <Title order={2} mb="md">
        {t('nav.exchange')}
      </Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="keys" data-testid="exchange-tab-keys">
            {t('exchange.tab.keys')}
          </Tabs.Tab>
          <Tabs.Tab value="directory" data-testid="exchange-tab-directory">
            {t('exchange.tab.directory')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="keys">
          <OwnKeysTab />
        </Tabs.Panel>
        <Tabs.Panel value="directory">
          <DirectoryTab province={props.office.level === 'province'} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

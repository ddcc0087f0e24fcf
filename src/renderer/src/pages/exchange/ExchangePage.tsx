import { Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { can, type OfficeProfile, type SessionUser } from '../../../../shared/contract';
import { useI18n } from '../../i18n';
import { DirectoryTab } from './DirectoryTab';
import { OwnKeysTab } from './OwnKeysTab';
import { PackagesTab } from './PackagesTab';

/**
 * Trao đổi dữ liệu: this office's keys, the directory of offices and the data packages. Each tab
 * is a component of its own; leaders and viewers see only the packages tab (its log).
 */
export function ExchangePage(props: { office: OfficeProfile; user: SessionUser }) {
  const { t } = useI18n();
  const keys = can(props.user, 'exchange.directoryList');
  const [tab, setTab] = useState<string | null>(keys ? 'keys' : 'packages');
  return (
    <>
      <Title order={2} mb="md">
        {t('nav.exchange')}
      </Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          {keys && (
            <Tabs.Tab value="keys" data-testid="exchange-tab-keys">
              {t('exchange.tab.keys')}
            </Tabs.Tab>
          )}
          {keys && (
            <Tabs.Tab value="directory" data-testid="exchange-tab-directory">
              {t('exchange.tab.directory')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="packages" data-testid="exchange-tab-packages">
            {t('exchange.tab.packages')}
          </Tabs.Tab>
        </Tabs.List>
        {keys && (
          <Tabs.Panel value="keys">
            <OwnKeysTab />
          </Tabs.Panel>
        )}
        {keys && (
          <Tabs.Panel value="directory">
            <DirectoryTab province={props.office.level === 'province'} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="packages">
          <PackagesTab user={props.user} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

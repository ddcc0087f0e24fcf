import { Tabs, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Organization } from '../../../../shared/contract';
import { compareVietnamese } from '../../../../shared/text';
import { invoke } from '../../api/client';
import { notifyError } from '../../components/errors';
import { useI18n } from '../../i18n';
import { ContactsTab } from './ContactsTab';
import { OrgsTab } from './OrgsTab';

/** Danh bạ đầu mối: organisations and their focal-point contacts. */
export function ContactsPage(props: { tab?: string | undefined }) {
  const { t } = useI18n();
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [tab, setTab] = useState<string | null>(props.tab === 'orgs' ? 'orgs' : 'contacts');
  const loadOrgs = useCallback(async () => {
    try {
      setOrgs(await invoke('contacts.orgs.list', {}));
    } catch (err) {
      notifyError(t, err);
    }
  }, [t]);
  useEffect(() => {
    void loadOrgs();
  }, [loadOrgs]);
  // The areas (communes, wards) the directory's organisations are in, for the filters.
  const areas = useMemo(
    () => [...new Set(orgs.map((o) => o.area).filter(Boolean))].sort(compareVietnamese),
    [orgs],
  );
  return (
    <>
      <Title order={2} mb="md">
        {t('nav.contacts')}
      </Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="contacts" data-testid="tab-contacts">
            {t('contacts.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="orgs" data-testid="tab-orgs">
            {t('contacts.org.tab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="contacts">
          <ContactsTab orgs={orgs} areas={areas} onChanged={() => void loadOrgs()} />
        </Tabs.Panel>
        <Tabs.Panel value="orgs">
          <OrgsTab orgs={orgs} areas={areas} onChanged={() => void loadOrgs()} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

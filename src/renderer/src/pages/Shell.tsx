import { AppShell, Badge, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import type { AppStatus } from '../../../shared/contract';
import { invoke } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';
import { AdminPage } from './AdminPage';
import { AuditPage } from './AuditPage';
import { ContactsPage } from './ContactsPage';
import { DocumentsPage } from './documents/DocumentsPage';
import { OverviewPage } from './OverviewPage';
import { PlaceholderPage } from './PlaceholderPage';

type Section =
  'overview' | 'contacts' | 'documents' | 'plans' | 'inspections' | 'exchange' | 'audit' | 'admin';
const SECTIONS: Section[] = [
  'overview',
  'contacts',
  'documents',
  'plans',
  'inspections',
  'exchange',
  'audit',
  'admin',
];

/** The signed-in app: header, navigation (by role), the current section. */
export function Shell(props: { status: AppStatus; onChanged: () => void }) {
  const { t, lang, setLang } = useI18n();
  const user = props.status.user!;
  const office = props.status.office!;
  const [section, setSection] = useState<Section>('overview');
  const visible = SECTIONS.filter(
    (s) =>
      (s !== 'admin' || user.role === 'admin') &&
      (s !== 'audit' || user.role === 'admin' || user.role === 'leader'),
  );
  const lock = async () => {
    await invoke('vault.lock', {});
    props.onChanged();
  };

  useHotkeys(
    [
      ...visible.map((s, i) => [`alt+${i + 1}`, () => setSection(s)] as [string, () => void]),
      ['mod+L', () => void lock()],
    ],
    [],
  );

  const label = (s: Section) => t(`nav.${s}` as MessageKey);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Title order={4} c="red.8">
              {t('app.name')}
            </Title>
            <Text fw={600} data-testid="office-name">
              {office.name}
            </Text>
          </Group>
          <Group gap="sm">
            <Text size="sm">{user.fullName}</Text>
            <Badge variant="light">{t(`role.${user.role}` as MessageKey)}</Badge>
            <Button size="xs" variant="subtle" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
              {t('common.language')}
            </Button>
            <Button
              size="xs"
              color="dark"
              data-testid="lock-button"
              onClick={() => void lock()}
              title="Ctrl+L"
            >
              {t('nav.lock')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Stack gap={2} style={{ flex: 1 }}>
          {visible.map((s, i) => (
            <NavLink
              key={s}
              data-testid={`nav-${s}`}
              label={label(s)}
              rightSection={<Text size="xs" c="dimmed">{`Alt+${i + 1}`}</Text>}
              active={section === s}
              onClick={() => setSection(s)}
            />
          ))}
        </Stack>
        <Text size="xs" c="dimmed" p="xs">
          {t('nav.shortcuts')}
        </Text>
      </AppShell.Navbar>
      <AppShell.Main>
        {section === 'overview' && <OverviewPage status={props.status} />}
        {section === 'contacts' && <ContactsPage role={user.role} />}
        {section === 'documents' && <DocumentsPage role={user.role} />}
        {section === 'audit' && <AuditPage />}
        {section === 'admin' && <AdminPage onLocked={props.onChanged} />}
        {['plans', 'inspections', 'exchange'].includes(section) && <PlaceholderPage title={label(section)} />}
      </AppShell.Main>
    </AppShell>
  );
}

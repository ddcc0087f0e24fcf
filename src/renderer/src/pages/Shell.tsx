import {
  AppShell,
  Badge,
  Button,
  Group,
  Kbd,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useHotkeys, type HotkeyItem } from '@mantine/hooks';
import { useState } from 'react';
import type { AppStatus } from '../../../shared/contract';
import { invoke } from '../api/client';
import { notifyOk } from '../components/errors';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n, type MessageKey } from '../i18n';
import { AdminPage } from './admin/AdminPage';
import { PasswordModal } from './admin/PasswordModal';
import { AuditPage } from './audit/AuditPage';
import { ContactsPage } from './contacts/ContactsPage';
import { DocumentsPage } from './docs/DocumentsPage';
import { OverviewPage } from './overview/OverviewPage';
import { PlaceholderPage } from './PlaceholderPage';
import { SecretReportPage } from './docs/secretReport/SecretReportPage';
import { allowed, SECTIONS, type Section } from './sections';

const SECTION_KEY = 'ttll.section';

/** The signed-in app: header, navigation (by role), the current section. */
export function Shell(props: { status: AppStatus; onChanged: () => void }) {
  const { t } = useI18n();
  const user = props.status.user!;
  const office = props.status.office!;
  // Kept for this window, so that after a lock the user comes back to where they were.
  const [section, setSectionState] = useState<Section>(() => {
    const saved = sessionStorage.getItem(SECTION_KEY) as Section | null;
    return saved && SECTIONS.includes(saved) && allowed(saved, user) ? saved : 'overview';
  });
  const setSection = (s: Section) => {
    if (!allowed(s, user)) return;
    sessionStorage.setItem(SECTION_KEY, s);
    setSectionState(s);
  };
  const [locking, setLocking] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const lock = async () => {
    setLocking(true);
    try {
      await invoke('vault.lock', {});
    } catch {
      // Already locked (idle) or the core is gone: either way, re-read the state.
    } finally {
      setLocking(false);
      props.onChanged();
    }
  };

  // Physical keys, so the shortcuts work whatever the keyboard layout or input method (Unikey).
  // No ignored tags: Alt+digit and Ctrl+L type nothing in a text field, so they work there too.
  const hotkeys: HotkeyItem[] = [
    ...SECTIONS.map((s, i): HotkeyItem => [
      `alt+digit${i + 1}`,
      () => setSection(s),
      { usePhysicalKeys: true },
    ]),
    ['mod+L', () => void lock(), { usePhysicalKeys: true }],
  ];
  useHotkeys(hotkeys, []);

  const label = (s: Section) => t(`nav.${s}` as MessageKey);
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 0 }} padding="md">
      <AppShell.Header style={{ borderTop: '3px solid var(--mantine-color-red-8)' }}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Title order={4} c="red.9" style={{ whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Title>
            <Text c="dimmed">|</Text>
            <Text fw={600} truncate data-testid="office-name">
              {office.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton data-testid="user-menu" aria-label={t('nav.userMenu')}>
                  <Stack gap={0} align="flex-end">
                    <Text size="sm" fw={600} data-testid="header-user" style={{ whiteSpace: 'nowrap' }}>
                      {user.fullName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      <Text span ff="monospace" inherit>
                        {user.userName}
                      </Text>
                      {user.clearance !== 'none' && ` · ${t(`clearance.${user.clearance}`)}`}
                    </Text>
                  </Stack>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item data-testid="menu-change-password" onClick={() => setChangingPassword(true)}>
                  {t('admin.changePassword')}
                </Menu.Item>
                <Menu.Item data-testid="menu-lock" onClick={() => void lock()}>
                  {t('nav.lock')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Badge variant="light" data-testid="header-role">
              {t(`role.${user.role}`)}
            </Badge>
            <LanguageSwitch />
            <Button
              size="xs"
              color="dark"
              data-testid="lock-button"
              loading={locking}
              onClick={() => void lock()}
              title={t('nav.lockHint')}
            >
              {t('nav.lock')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {SECTIONS.map((s, i) =>
              allowed(s, user) ? (
                <NavLink
                  key={s}
                  data-testid={`nav-${s}`}
                  label={label(s)}
                  aria-current={section === s ? 'page' : undefined}
                  rightSection={<Kbd size="xs">{`Alt+${i + 1}`}</Kbd>}
                  active={section === s}
                  onClick={() => setSection(s)}
                />
              ) : null,
            )}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" p="xs">
            {t('nav.shortcuts')}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        {section === 'overview' && <OverviewPage status={props.status} onNavigate={setSection} />}
        {section === 'contacts' && <ContactsPage role={user.role} />}
        {section === 'documents' && <DocumentsPage role={user.role} officeName={office.name} />}
        {section === 'secretReport' && <SecretReportPage />}
        {section === 'audit' && <AuditPage />}
        {section === 'admin' && <AdminPage user={user} onChanged={props.onChanged} />}
        {(section === 'plans' || section === 'inspections' || section === 'exchange') && (
          <PlaceholderPage title={label(section)} />
        )}
      </AppShell.Main>
      <PasswordModal
        opened={changingPassword}
        withCurrent
        testId="own-password"
        title={t('admin.changePassword')}
        onClose={() => setChangingPassword(false)}
        onSubmit={async (newPassword, currentPassword) => {
          await invoke('vault.changePassword', { currentPassword, newPassword });
          notifyOk(t('admin.passwordChanged'));
        }}
      />
    </AppShell>
  );
}

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
import { useCallback, useRef, useState } from 'react';
import type { AppStatus } from '../../../shared/contract';
import { invoke } from '../api/client';
import { notifyOk } from '../components/errors';
import { IdleWarning } from '../components/IdleWarning';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SessionUserContext } from '../components/usePermissions';
import { useI18n } from '../i18n';
import { PasswordModal } from './admin/PasswordModal';
import type { SectionEntry, SectionParams } from './section';
import { SECTIONS } from './sections';

const SECTION_KEY = 'ttll.section';

/** The section this user was on in this window; another user (after a lock) starts on the first. */
function rememberedSection(userName: string): string | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(SECTION_KEY) ?? 'null') as {
      user?: string;
      key?: string;
    } | null;
    return v?.user === userName ? (v.key ?? null) : null;
  } catch {
    return null;
  }
}
/** Alt+1…9 follow the sections' order, the same for every role (a hidden section's does nothing). */
const hasShortcut = (s: SectionEntry) => s.order >= 1 && s.order <= 9;

/** The signed-in app: header, navigation (the sections this user may see), the current section. */
export function Shell(props: { status: AppStatus; onChanged: () => void }) {
  const { t } = useI18n();
  const user = props.status.user!;
  const office = props.status.office!;
  const sees = (s: SectionEntry) => s.visible(user);
  const shown = SECTIONS.filter(sees);
  // Kept for this window and user: after a lock the same user comes back to where they were, the
  // next user starts on the overview (not on what the last one had open).
  const [sectionKey, setSectionKey] = useState(() => rememberedSection(user.userName));
  const section = shown.find((s) => s.key === sectionKey) ?? shown[0];
  const currentKey = useRef(section?.key);
  // What a link asked the section to show first (the overdue list); a new visit starts afresh.
  const [visit, setVisit] = useState<{ n: number; params?: SectionParams }>({ n: 0 });
  const navigate = (s: SectionEntry, params?: SectionParams) => {
    if (!sees(s)) return;
    sessionStorage.setItem(SECTION_KEY, JSON.stringify({ user: user.userName, key: s.key }));
    setSectionKey(s.key);
    // The same section again without parameters keeps its state (filters, page).
    if (params || s.key !== currentKey.current)
      setVisit((v) => ({ n: v.n + 1, ...(params ? { params } : {}) }));
    currentKey.current = s.key;
  };
  const [locking, setLocking] = useState(false);
  const { onChanged } = props;
  const onExpired = useCallback(() => onChanged(), [onChanged]);
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
    ...SECTIONS.filter(hasShortcut).map((s): HotkeyItem => [
      `alt+digit${s.order}`,
      () => navigate(s),
      { usePhysicalKeys: true },
    ]),
    ['mod+L', () => void lock(), { usePhysicalKeys: true }],
  ];
  useHotkeys(hotkeys, []);

  return (
    <SessionUserContext.Provider value={user}>
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
              {shown.map((s) => (
                <NavLink
                  key={s.key}
                  data-testid={`nav-${s.key}`}
                  label={t(s.navKey)}
                  aria-current={section === s ? 'page' : undefined}
                  rightSection={hasShortcut(s) ? <Kbd size="xs">{`Alt+${s.order}`}</Kbd> : undefined}
                  active={section === s}
                  onClick={() => navigate(s)}
                />
              ))}
            </Stack>
          </AppShell.Section>
          <AppShell.Section>
            <Text size="xs" c="dimmed" p="xs">
              {t('nav.shortcuts')}
            </Text>
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main bg="gray.0">
          {section && (
            <section.component
              key={`${section.key}:${visit.n}`}
              params={visit.params}
              status={props.status}
              user={user}
              office={office}
              navigate={navigate}
              sees={sees}
              onChanged={props.onChanged}
            />
          )}
        </AppShell.Main>
        <IdleWarning
          timeoutMinutes={props.status.idleTimeoutMinutes}
          onLock={() => void lock()}
          onExpired={onExpired}
        />
        <PasswordModal
          opened={changingPassword}
          withCurrent
          testId="own-password"
          title={t('admin.changePassword')}
          userName={user.userName}
          onClose={() => setChangingPassword(false)}
          onSubmit={async (newPassword, currentPassword) => {
            await invoke('vault.changePassword', { currentPassword, newPassword });
            notifyOk(t('admin.passwordChanged'));
          }}
        />
      </AppShell>
    </SessionUserContext.Provider>
  );
}

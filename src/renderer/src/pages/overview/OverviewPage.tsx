import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { CLEARANCES, clearanceRank, type Clearance } from '../../../../shared/contract';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type React from 'react';
import type { AuditVerifyOutput } from '../../../../shared/contract';
import { vnYear } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { DateText, formatStamp } from '../../components/DateText';
import { notifyError } from '../../components/errors';
import { usePermissions } from '../../components/usePermissions';
import { useI18n } from '../../i18n';
import { auditSection } from '../audit/section';
import { contactsSection } from '../contacts/section';
import { docsSection, secretReportSection } from '../docs/section';
import type { SectionEntry, SectionParams, SectionProps } from '../section';

interface Counts {
  orgs: number;
  contacts: number;
  duplicates: number;
}

/** One figure with its label; `warn` colours it when above zero; `onOpen` opens what it counts. */
function Tile(props: {
  label: string;
  value: number | undefined;
  testId: string;
  warn?: boolean;
  onOpen?: (() => void) | false;
  children?: ReactNode;
}) {
  const open = props.onOpen || undefined;
  return (
    <Paper
      withBorder
      p="md"
      {...(open
        ? {
            role: 'link',
            tabIndex: 0,
            style: { cursor: 'pointer' },
            onClick: open,
            onKeyDown: (e: React.KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') open();
            },
            'data-testid': `${props.testId}-tile`,
          }
        : {})}
    >
      <Text size="sm" c="dimmed">
        {props.label}
      </Text>
      <Text
        fw={700}
        size="xl"
        c={props.warn && (props.value ?? 0) > 0 ? 'orange.8' : undefined}
        data-testid={props.testId}
      >
        {props.value ?? '…'}
      </Text>
      {props.children}
    </Paper>
  );
}

// audit.verify walks the whole chain and is itself logged: once every few minutes is enough here.
let verifyCache: { at: number; result: AuditVerifyOutput } | null = null;
const VERIFY_TTL_MS = 5 * 60_000;

/** What a leader reads first: the office, the directory, the registers' state, backups, the audit chain. */
export function OverviewPage(props: Pick<SectionProps, 'status' | 'navigate' | 'sees'>) {
  const { t } = useI18n();
  const { can, user } = usePermissions();
  const clearance: Clearance = user?.clearance ?? 'none';
  const { office } = props.status;
  const canAudit = can('audit.verify');
  /** A link to another section, offered only to those who see it. */
  const open = (section: SectionEntry, label: string, params?: SectionParams) =>
    props.sees(section) && (
      <Anchor
        component="button"
        size="sm"
        onClick={(e) => {
          e.stopPropagation();
          props.navigate(section, params);
        }}
      >
        {label}
      </Anchor>
    );
  const go = (section: SectionEntry, params?: SectionParams) =>
    props.sees(section) && (() => props.navigate(section, params));
  // A user without clearance opens the ordinary entries only: the same ones the tile counts.
  const levelParam: SectionParams = clearance === 'none' ? { level: 'none' } : {};
  const thisYear = vnYear(new Date());
  const [counts, setCounts] = useState<Counts | null>(null);
  const [docs, setDocs] = useState<{ thisYear: number; overdue: number; expiring?: number } | null>(null);
  const [lastBackup, setLastBackup] = useState<string | null | undefined>(undefined);
  const [audit, setAudit] = useState(verifyCache);
  const [verifying, setVerifying] = useState(false);

  const verify = useCallback(async () => {
    setVerifying(true);
    try {
      verifyCache = { at: Date.now(), result: await invoke('audit.verify', {}) };
      setAudit(verifyCache);
    } catch (err) {
      notifyError(t, err);
    } finally {
      setVerifying(false);
    }
  }, [t]);

  useEffect(() => {
    const year = thisYear;
    // Only what this user's clearance covers is counted: classified entries above it are not even
    // a number here (one count per level within the clearance; one count in all for Tuyệt mật).
    const levels = CLEARANCES.filter((l) => clearanceRank(l) <= clearanceRank(clearance));
    const count = (filter: { year?: number; overdue?: boolean }) =>
      levels.length === CLEARANCES.length
        ? invoke('docs.list', { ...filter, limit: 1 }).then((r) => r.total)
        : Promise.all(levels.map((level) => invoke('docs.list', { ...filter, level, limit: 1 }))).then((rs) =>
            rs.reduce((n, r) => n + r.total, 0),
          );
    Promise.all([
      count({ year }),
      count({ overdue: true }),
      // Only those the core lets read the protection periods, and cleared for some level, are asked.
      can('docs.expiring') && clearance !== 'none'
        ? invoke('docs.expiring', { withinDays: 90 })
        : Promise.resolve(undefined),
    ])
      .then(([all, overdue, expiring]) => setDocs({ thisYear: all, overdue, expiring: expiring?.length }))
      .catch((err: unknown) => notifyError(t, err));
    Promise.all([invoke('contacts.orgs.list', {}), invoke('contacts.stats', {})])
      .then(([orgs, { total, duplicates }]) => setCounts({ orgs: orgs.length, contacts: total, duplicates }))
      .catch((err: unknown) => notifyError(t, err));
    invoke('settings.get', {}).then(
      (s) => setLastBackup(s.lastBackupAt),
      () => setLastBackup(undefined),
    );
    if (canAudit && (!verifyCache || Date.now() - verifyCache.at > VERIFY_TTL_MS)) void verify();
    // Once per visit of the page.
  }, []);

  return (
    <>
      <Title order={2} mb="md">
        {t('nav.overview')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
        <Tile
          label={t('overview.orgs')}
          value={counts?.orgs}
          testId="overview-orgs"
          onOpen={go(contactsSection, { tab: 'orgs' })}
        >
          {open(contactsSection, t('overview.openContacts'), { tab: 'orgs' })}
        </Tile>
        <Tile
          label={t('overview.contacts')}
          value={counts?.contacts}
          testId="overview-contacts"
          onOpen={go(contactsSection)}
        >
          {open(contactsSection, t('overview.openContacts'))}
        </Tile>
        <Tile
          label={t('overview.duplicates')}
          value={counts?.duplicates}
          testId="overview-duplicates"
          warn
          onOpen={go(contactsSection)}
        >
          <Text size="xs" c="dimmed">
            {t('overview.duplicatesHint')}
          </Text>
        </Tile>
        <Tile
          label={t('overview.docsThisYear')}
          value={docs?.thisYear}
          testId="overview-docs"
          onOpen={go(docsSection, { year: thisYear, ...levelParam })}
        >
          {open(docsSection, t('overview.openDocs'), { year: thisYear, ...levelParam })}
        </Tile>
        <Tile
          label={t('overview.overdue')}
          value={docs?.overdue}
          testId="overview-overdue"
          warn
          onOpen={go(docsSection, { overdue: true, ...levelParam })}
        >
          {open(docsSection, t('overview.openOverdue'), { overdue: true, ...levelParam })}
        </Tile>
        {docs?.expiring !== undefined && (
          <Tile
            label={t('overview.expiring')}
            value={docs.expiring}
            testId="overview-expiring"
            warn
            onOpen={go(secretReportSection)}
          >
            {open(secretReportSection, t('overview.openSecretReport'))}
          </Tile>
        )}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('overview.office')}
          </Title>
          <Table withRowBorders={false} verticalSpacing={4} data-testid="overview-office">
            <Table.Tbody>
              <Table.Tr>
                <Table.Td c="dimmed" w="40%">
                  {t('setup.officeName')}
                </Table.Td>
                <Table.Td fw={600}>{office?.name}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td c="dimmed">{t('overview.code')}</Table.Td>
                <Table.Td ff="monospace">{office?.code}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td c="dimmed">{t('setup.level')}</Table.Td>
                <Table.Td>{office ? t(`level.${office.level}`) : ''}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td c="dimmed">{t('setup.province')}</Table.Td>
                <Table.Td>{office?.province}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td c="dimmed">{t('setup.parent')}</Table.Td>
                <Table.Td>{office?.parentOffice || t('common.none')}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('overview.safety')}
          </Title>
          <Group justify="space-between" mb="sm">
            <Text size="sm">{t('overview.lastBackup')}</Text>
            <Text
              size="sm"
              fw={600}
              data-testid="overview-last-backup"
              c={lastBackup === null ? 'orange.8' : undefined}
            >
              {lastBackup === undefined ? (
                '…'
              ) : (
                <DateText iso={lastBackup} withTime empty={t('overview.never')} />
              )}
            </Text>
          </Group>
          <Group justify="space-between" mb="sm">
            <Text size="sm">{t('overview.idle')}</Text>
            <Text size="sm">{t('overview.idleValue', { n: props.status.idleTimeoutMinutes })}</Text>
          </Group>
          {canAudit && (
            <>
              {audit && (
                <Alert
                  color={audit.result.ok ? 'green' : 'red'}
                  title={t('overview.audit')}
                  data-testid="overview-audit"
                >
                  {audit.result.ok
                    ? t('audit.intact', { n: audit.result.count })
                    : t('audit.broken', {
                        seq: audit.result.firstBroken?.seq ?? '?',
                        reason: audit.result.firstBroken?.reason ?? '',
                      })}
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('overview.checkedAt', { at: formatStamp(new Date(audit.at).toISOString()) })}
                  </Text>
                </Alert>
              )}
              <Group mt="sm" gap="xs">
                <Button size="xs" variant="default" loading={verifying} onClick={() => void verify()}>
                  {t('audit.verify')}
                </Button>
                {props.sees(auditSection) && (
                  <Button size="xs" variant="subtle" onClick={() => props.navigate(auditSection)}>
                    {t('overview.openAudit')}
                  </Button>
                )}
              </Group>
            </>
          )}
        </Paper>
      </SimpleGrid>
    </>
  );
}

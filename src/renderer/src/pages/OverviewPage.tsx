import { Alert, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppStatus, AuditVerifyOutput } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/dates';
import { invoke } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';

function Stat(props: { label: string; value: string | number; testId?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {props.label}
      </Text>
      <Text fw={700} size="xl" data-testid={props.testId}>
        {props.value}
      </Text>
    </Paper>
  );
}

/** What a leader reads first: the office, the directory's size, backups, the audit chain. */
export function OverviewPage(props: { status: AppStatus }) {
  const { t } = useI18n();
  const { user, office } = props.status;
  const [orgs, setOrgs] = useState(0);
  const [contacts, setContacts] = useState(0);
  const [lastBackup, setLastBackup] = useState<string | null>(null);
  const [audit, setAudit] = useState<AuditVerifyOutput | null>(null);

  useEffect(() => {
    void (async () => {
      setOrgs((await invoke('orgs.list', {})).length);
      setContacts((await invoke('contacts.list', { limit: 1 })).total);
      setLastBackup((await invoke('settings.get', {})).lastBackupAt);
      if (user?.role === 'admin' || user?.role === 'leader') setAudit(await invoke('audit.verify', {}));
    })().catch(() => undefined);
  }, [user?.role]);

  return (
    <>
      <Title order={2} mb="md">
        {t('nav.overview')}
      </Title>
      <Paper withBorder p="md" mb="md">
        <Text size="sm" c="dimmed">
          {t('overview.office')}
        </Text>
        <Text fw={700}>
          {office?.name} ({office?.code}) — {office?.province} ·{' '}
          {t(`level.${office?.level ?? 'province'}` as MessageKey)}
        </Text>
      </Paper>
      <SimpleGrid cols={3} mb="md">
        <Stat label={t('overview.orgs')} value={orgs} />
        <Stat label={t('overview.contacts')} value={contacts} testId="overview-contacts" />
        <Stat
          label={t('overview.lastBackup')}
          value={lastBackup ? formatDateTime(lastBackup) : t('overview.never')}
        />
      </SimpleGrid>
      {audit && (
        <Alert color={audit.ok ? 'green' : 'red'} title={t('overview.audit')}>
          {audit.ok
            ? t('audit.intact', { n: audit.count })
            : t('audit.broken', {
                seq: audit.firstBroken?.seq ?? '?',
                reason: audit.firstBroken?.reason ?? '',
              })}
        </Alert>
      )}
    </>
  );
}

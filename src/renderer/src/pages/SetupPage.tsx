import {
  Alert,
  Button,
  Checkbox,
  Code,
  Container,
  Group,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import provinces from '../../../../resources/reference/provinces.json';
import { CLEARANCES, OFFICE_LEVELS, type Clearance, type OfficeLevel } from '../../../shared/contract';
import { invoke } from '../api/client';
import { errorText, fieldErrors } from '../components/errors';
import { useI18n } from '../i18n';

/** First run: office profile and first administrator, then the recovery key shown once. */
export function SetupPage(props: { onDone: () => void }) {
  const { t } = useI18n();
  const [f, setF] = useState({
    name: '',
    code: '',
    level: 'province' as OfficeLevel,
    province: '',
    parentOffice: '',
    userName: 'admin',
    fullName: '',
    password: '',
    password2: '',
    clearance: 'none' as Clearance,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [recovery, setRecovery] = useState<{ key: string; office: string } | null>(null);
  const [kept, setKept] = useState(false);
  const set = (k: keyof typeof f) => (v: string | null) => setF((p) => ({ ...p, [k]: v ?? '' }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (f.password !== f.password2) {
      setFields({ 'admin.password2': t('setup.mismatch') });
      return;
    }
    setBusy(true);
    try {
      const r = await invoke('vault.setup', {
        office: {
          name: f.name,
          code: f.code,
          level: f.level,
          province: f.province,
          parentOffice: f.parentOffice,
        },
        admin: { userName: f.userName, fullName: f.fullName, password: f.password, clearance: f.clearance },
      });
      setRecovery({ key: r.recoveryKey, office: f.name });
    } catch (err) {
      setError(errorText(t, err));
      setFields(fieldErrors(t, err));
    } finally {
      setBusy(false);
    }
  }

  if (recovery) {
    return (
      <Container size="sm" py="xl">
        <Paper withBorder p="xl" className="recovery-print">
          <Title order={2} mb="md">
            {t('recovery.title')}
          </Title>
          <Text mb="md">{t('recovery.intro')}</Text>
          <Text mb="xs">{t('recovery.office', { name: recovery.office })}</Text>
          <Code
            block
            data-testid="recovery-key"
            style={{ fontSize: 26, letterSpacing: 2, textAlign: 'center', padding: 24 }}
          >
            {recovery.key}
          </Code>
        </Paper>
        <Group mt="lg" justify="space-between" className="no-print">
          <Button variant="default" onClick={() => window.print()}>
            {t('common.print')}
          </Button>
          <Checkbox
            data-testid="recovery-kept"
            label={t('recovery.kept')}
            checked={kept}
            onChange={(e) => setKept(e.currentTarget.checked)}
          />
          <Button data-testid="recovery-continue" disabled={!kept} onClick={props.onDone}>
            {t('recovery.continue')}
          </Button>
        </Group>
      </Container>
    );
  }

  return (
    <Container size="md" py="xl">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2}>{t('setup.title')}</Title>
          <Text c="dimmed">{t('setup.intro')}</Text>
          {error && (
            <Alert color="red" data-testid="setup-error">
              {error}
            </Alert>
          )}
          <Paper withBorder p="lg">
            <Title order={4} mb="sm">
              {t('setup.office')}
            </Title>
            <SimpleGrid cols={2}>
              <TextInput
                data-testid="setup-office-name"
                label={t('setup.officeName')}
                required
                value={f.name}
                onChange={(e) => set('name')(e.currentTarget.value)}
                error={fields['office.name']}
              />
              <TextInput
                data-testid="setup-office-code"
                label={t('setup.officeCode')}
                required
                value={f.code}
                onChange={(e) => set('code')(e.currentTarget.value.toUpperCase())}
                error={fields['office.code']}
              />
              <Select
                label={t('setup.level')}
                data={OFFICE_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
                value={f.level}
                onChange={set('level')}
                allowDeselect={false}
              />
              <Select
                data-testid="setup-province"
                label={t('setup.province')}
                required
                searchable
                data={provinces.provinces}
                value={f.province || null}
                onChange={set('province')}
                error={fields['office.province']}
              />
              <TextInput
                label={t('setup.parent')}
                value={f.parentOffice}
                onChange={(e) => set('parentOffice')(e.currentTarget.value)}
              />
            </SimpleGrid>
          </Paper>
          <Paper withBorder p="lg">
            <Title order={4} mb="sm">
              {t('setup.admin')}
            </Title>
            <SimpleGrid cols={2}>
              <TextInput
                data-testid="setup-user"
                label={t('setup.userName')}
                required
                value={f.userName}
                onChange={(e) => set('userName')(e.currentTarget.value)}
                error={fields['admin.userName']}
              />
              <TextInput
                data-testid="setup-fullname"
                label={t('setup.fullName')}
                required
                value={f.fullName}
                onChange={(e) => set('fullName')(e.currentTarget.value)}
                error={fields['admin.fullName']}
              />
              <PasswordInput
                data-testid="setup-password"
                label={t('setup.password')}
                required
                value={f.password}
                onChange={(e) => set('password')(e.currentTarget.value)}
                error={fields['admin.password']}
              />
              <PasswordInput
                data-testid="setup-password2"
                label={t('setup.password2')}
                required
                value={f.password2}
                onChange={(e) => set('password2')(e.currentTarget.value)}
                error={fields['admin.password2']}
              />
              <Select
                data-testid="setup-clearance"
                label={t('setup.clearance')}
                data={CLEARANCES.map((c) => ({ value: c, label: t(`clearance.${c}`) }))}
                value={f.clearance}
                onChange={set('clearance')}
                allowDeselect={false}
              />
            </SimpleGrid>
          </Paper>
          <Group justify="flex-end">
            {busy && <Text c="dimmed">{t('setup.working')}</Text>}
            <Button type="submit" data-testid="setup-submit" loading={busy}>
              {t('setup.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Container>
  );
}

import {
  Alert,
  Button,
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
import { CLEARANCES, OFFICE_LEVELS, type Clearance, type OfficeLevel } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PasswordHint } from '../../components/PasswordHint';
import { foldFilter } from '../../components/selectFilter';
import { PROVINCES } from '../../data/provinces';
import { useI18n } from '../../i18n';
import { RecoveryKeyPanel, type RecoveryInfo } from './RecoveryKeyPanel';

const EMPTY = {
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
};
type Field = keyof typeof EMPTY;
const OFFICE_FIELDS: Field[] = ['name', 'code', 'level', 'province', 'parentOffice'];
/** Where the core reports a field's problem ("office.code", "admin.password"). */
const pathOf = (k: Field) => `${OFFICE_FIELDS.includes(k) ? 'office' : 'admin'}.${k}`;

/** First run: office profile and first administrator, then the recovery key shown once. */
export function SetupPage(props: { onDone: () => void }) {
  const { t } = useI18n();
  const [f, setF] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [recovery, setRecovery] = useState<RecoveryInfo | null>(null);
  const set = (k: Field) => (v: string | null) => {
    setF((p) => ({ ...p, [k]: v ?? '' }));
    // A field being fixed is no longer flagged.
    setFields((e) => Object.fromEntries(Object.entries(e).filter(([p]) => p !== pathOf(k))));
  };
  const text = (k: Field) => (e: { currentTarget: { value: string } }) => set(k)(e.currentTarget.value);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (f.password !== f.password2) {
      setFields({ 'admin.password2': t('setup.mismatch') });
      return;
    }
    setFields({});
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
      setRecovery({
        key: r.recoveryKey,
        office: `${f.name.trim()} (${f.code.trim().toUpperCase()})`,
        province: f.province,
        admin: r.user.userName,
        createdAt: new Date().toISOString(),
      });
    } catch (err) {
      setError(errorText(t, err));
      setFields(fieldErrors(t, err));
    } finally {
      setBusy(false);
    }
  }

  if (recovery) return <RecoveryKeyPanel info={recovery} onDone={props.onDone} />;

  return (
    <Container size="md" py="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group justify="space-between">
            <Title order={2}>{t('setup.title')}</Title>
            <LanguageSwitch />
          </Group>
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
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                data-testid="setup-office-name"
                label={t('setup.officeName')}
                placeholder={t('setup.officeNameHint')}
                required
                autoFocus
                value={f.name}
                onChange={text('name')}
                error={fields['office.name']}
              />
              <TextInput
                data-testid="setup-office-code"
                label={t('setup.officeCode')}
                description={t('setup.officeCodeHint')}
                required
                value={f.code}
                onChange={(e) => set('code')(e.currentTarget.value.toUpperCase())}
                error={fields['office.code']}
              />
              <Select
                data-testid="setup-level"
                label={t('setup.level')}
                data={OFFICE_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
                value={f.level}
                onChange={set('level')}
                allowDeselect={false}
                error={fields['office.level']}
              />
              <Select
                data-testid="setup-province"
                label={t('setup.province')}
                placeholder={t('setup.provinceHint')}
                required
                searchable
                filter={foldFilter}
                nothingFoundMessage={t('common.nothingFound')}
                data={[...PROVINCES]}
                value={f.province || null}
                onChange={set('province')}
                error={fields['office.province']}
              />
              <TextInput
                data-testid="setup-parent"
                label={t('setup.parent')}
                placeholder={t('setup.parentHint')}
                value={f.parentOffice}
                onChange={text('parentOffice')}
                error={fields['office.parentOffice']}
              />
            </SimpleGrid>
          </Paper>
          <Paper withBorder p="lg">
            <Title order={4} mb="sm">
              {t('setup.admin')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                data-testid="setup-user"
                label={t('setup.userName')}
                description={t('setup.userNameHint')}
                required
                autoComplete="username"
                spellCheck={false}
                value={f.userName}
                onChange={text('userName')}
                error={fields['admin.userName']}
              />
              <TextInput
                data-testid="setup-fullname"
                label={t('setup.fullName')}
                required
                value={f.fullName}
                onChange={text('fullName')}
                error={fields['admin.fullName']}
              />
              <PasswordInput
                data-testid="setup-password"
                label={t('setup.password')}
                description={
                  <PasswordHint
                    password={f.password}
                    userName={f.userName}
                    error={fields['admin.password']}
                  />
                }
                required
                autoComplete="new-password"
                value={f.password}
                onChange={text('password')}
                error={fields['admin.password']}
              />
              <PasswordInput
                data-testid="setup-password2"
                label={t('setup.password2')}
                required
                autoComplete="new-password"
                value={f.password2}
                onChange={text('password2')}
                error={fields['admin.password2']}
              />
              <Select
                data-testid="setup-clearance"
                label={t('setup.clearance')}
                data={CLEARANCES.map((c) => ({ value: c, label: t(`clearance.${c}`) }))}
                value={f.clearance}
                onChange={set('clearance')}
                allowDeselect={false}
                error={fields['admin.clearance']}
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

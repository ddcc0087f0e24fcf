import { Button, Group, NumberInput, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import type { Settings } from '../../../../shared/contract';
import { addDaysIso } from '../../../../shared/dates';
import { chooseFolder, invoke, isDesktop } from '../../api/client';
import { DateText } from '../../components/DateText';
import { SavedFormPanel, useSavedForm } from '../../components/SavedFormPanel';
import { useI18n } from '../../i18n';

type Editable = Omit<Settings, 'lastBackupAt'>;
type Level = keyof Settings['protectionYears'];
const LEVELS: Level[] = ['mat', 'toi-mat', 'tuyet-mat'];

const editable = ({ lastBackupAt: _last, ...rest }: Settings): Editable => rest;
/** NumberInput hands a string while the field is being typed (or emptied). */
const toInt = (v: string | number) => (typeof v === 'number' ? v : Number.parseInt(v, 10) || 0);
const dayMonth = (iso: string) => `${iso.slice(8)}/${iso.slice(5, 7)}`;
/** "15/12" and "14/12" for a start of 15/12, or null while the fields hold no valid day. */
function periodBounds({ day, month }: Settings['reportPeriodStart']): { start: string; end: string } | null {
  if (!(day >= 1 && day <= 28 && month >= 1 && month <= 12)) return null;
  // Any common year does: the start day is at most 28, only the day before it matters.
  const iso = `2001-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { start: dayMonth(iso), end: dayMonth(addDaysIso(iso, -1)) };
}

/** Idle lock, automatic backups, protection periods and the classified report period. */
export function SettingsPanel(props: { onSaved: () => void }) {
  const { t } = useI18n();
  const {
    saved,
    form: f,
    setForm: setF,
    errors,
    busy,
    dirty,
    submit,
  } = useSavedForm({
    load: () => invoke('settings.get', {}),
    toForm: editable,
    save: (form: Editable) => invoke('settings.update', form),
    onSaved: props.onSaved,
  });
  if (!f || !saved) return null;

  const num = (k: keyof Editable) => (v: string | number) => setF({ ...f, [k]: toInt(v) });
  const years = (l: Level) => (v: string | number) =>
    setF({ ...f, protectionYears: { ...f.protectionYears, [l]: toInt(v) } });
  const period = (k: 'day' | 'month') => (v: string | number) =>
    setF({ ...f, reportPeriodStart: { ...f.reportPeriodStart, [k]: toInt(v) } });
  const bounds = periodBounds(f.reportPeriodStart);

  return (
    <SavedFormPanel
      title={t('admin.settings')}
      saveTestId="settings-save"
      busy={busy}
      dirty={dirty}
      onSubmit={() => void submit()}
      footer={
        <Text size="sm" c="dimmed">
          {t('overview.lastBackup')}:{' '}
          <DateText iso={saved.lastBackupAt} withTime empty={t('overview.never')} />
        </Text>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          data-testid="settings-idle"
          label={t('admin.idle')}
          min={1}
          max={240}
          allowDecimal={false}
          allowNegative={false}
          value={f.idleTimeoutMinutes}
          onChange={num('idleTimeoutMinutes')}
          error={errors.idleTimeoutMinutes}
        />
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            data-testid="settings-backup-dir"
            label={t('admin.backupDir')}
            value={f.backupDir}
            onChange={(e) => setF({ ...f, backupDir: e.currentTarget.value })}
            error={errors.backupDir}
            spellCheck={false}
            style={{ flex: 1 }}
          />
          {isDesktop() && (
            <Button
              variant="default"
              onClick={async () => {
                const dir = await chooseFolder();
                if (dir) setF({ ...f, backupDir: dir });
              }}
            >
              {t('admin.chooseFolder')}
            </Button>
          )}
        </Group>
        <NumberInput
          data-testid="settings-backup-every"
          label={t('admin.backupEvery')}
          min={0}
          max={24 * 30}
          allowDecimal={false}
          allowNegative={false}
          value={f.backupEveryHours}
          onChange={num('backupEveryHours')}
          error={errors.backupEveryHours}
        />
        <NumberInput
          data-testid="settings-backup-keep"
          label={t('admin.backupKeep')}
          min={1}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          value={f.backupKeep}
          onChange={num('backupKeep')}
          error={errors.backupKeep}
        />
      </SimpleGrid>
      <Title order={5} mt="lg">
        {t('admin.protection')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('admin.protectionHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {LEVELS.map((l) => (
          <NumberInput
            key={l}
            data-testid={`settings-protect-${l}`}
            label={t(`clearance.${l}`)}
            suffix={t('admin.yearsSuffix')}
            min={1}
            max={100}
            allowDecimal={false}
            allowNegative={false}
            value={f.protectionYears[l]}
            onChange={years(l)}
            error={errors[`protectionYears.${l}`]}
          />
        ))}
      </SimpleGrid>
      <Title order={5} mt="lg">
        {t('admin.reportPeriod')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs" data-testid="settings-report-period">
        {bounds ? t('admin.reportPeriodHint', bounds) : t('admin.reportPeriodRange')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          data-testid="settings-report-day"
          label={t('admin.reportDay')}
          min={1}
          max={28}
          allowDecimal={false}
          allowNegative={false}
          value={f.reportPeriodStart.day}
          onChange={period('day')}
          error={errors['reportPeriodStart.day']}
        />
        <NumberInput
          data-testid="settings-report-month"
          label={t('admin.reportMonth')}
          min={1}
          max={12}
          allowDecimal={false}
          allowNegative={false}
          value={f.reportPeriodStart.month}
          onChange={period('month')}
          error={errors['reportPeriodStart.month']}
        />
      </SimpleGrid>
    </SavedFormPanel>
  );
}

import { Button, Group, NumberInput, Paper, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/contract';
import { chooseFolder, invoke, isDesktop } from '../../api/client';
import { DateText } from '../../components/DateText';
import { fieldErrors, notifyError, notifyOk } from '../../components/errors';
import { useI18n } from '../../i18n';

type Editable = Omit<Settings, 'lastBackupAt'>;

/** Idle lock and automatic backups. */
export function SettingsPanel(props: { onSaved: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<Settings | null>(null);
  const [f, setF] = useState<Editable | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    invoke('settings.get', {}).then(
      (s) => {
        setSaved(s);
        const { lastBackupAt: _last, ...rest } = s;
        setF(rest);
      },
      (err: unknown) => notifyError(t, err),
    );
  }, [t]);
  if (!f || !saved) return null;

  const num = (k: keyof Editable) => (v: string | number) =>
    setF({ ...f, [k]: typeof v === 'number' ? v : Number.parseInt(v, 10) || 0 });
  const dirty =
    f.idleTimeoutMinutes !== saved.idleTimeoutMinutes ||
    f.backupDir !== saved.backupDir ||
    f.backupEveryHours !== saved.backupEveryHours ||
    f.backupKeep !== saved.backupKeep;

  async function save() {
    if (!f) return;
    setBusy(true);
    setErrors({});
    try {
      setSaved(await invoke('settings.update', f));
      notifyOk(t('common.saved'));
      props.onSaved();
    } catch (err) {
      setErrors(fieldErrors(t, err));
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('admin.settings')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
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
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed">
            {t('overview.lastBackup')}:{' '}
            <DateText iso={saved.lastBackupAt} withTime empty={t('overview.never')} />
          </Text>
          <Button type="submit" data-testid="settings-save" loading={busy} disabled={!dirty}>
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

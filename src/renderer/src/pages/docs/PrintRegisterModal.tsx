import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { PRINT_REGISTERS, type PrintRegister } from '../../../../shared/contract';
import { parseDate } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { useFileSave } from '../../components/useFileSave';
import { useI18n, type MessageKey } from '../../i18n';

/** Prints a register (or part of its year) as a bound book .docx, or the overdue list. */
export function PrintRegisterModal(props: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [register, setRegister] = useState<PrintRegister>('in');
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { busy, save } = useFileSave();
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function run(kind: 'register' | 'overdue') {
    const f = from.trim() ? parseDate(from) : undefined;
    const tt = to.trim() ? parseDate(to) : undefined;
    if (f === null || tt === null) {
      setErrors({
        ...(f === null ? { from: t('docs.badDate') } : {}),
        ...(tt === null ? { to: t('docs.badDate') } : {}),
      });
      return;
    }
    setErrors({});
    const ok = await save(() =>
      kind === 'register'
        ? invoke('docs.printRegister', {
            register,
            year,
            ...(f ? { from: f } : {}),
            ...(tt ? { to: tt } : {}),
          })
        : invoke('docs.printOverdue', {}),
    );
    if (ok) props.onClose();
  }

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('docs.print.title')}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('docs.print.help')}
        </Text>
        <Select
          data-testid="print-register"
          label={t('docs.print.register')}
          allowDeselect={false}
          data={PRINT_REGISTERS.map((r) => ({
            value: r,
            label: t(`docs.print.register.${r}` as MessageKey),
          }))}
          value={register}
          onChange={(v) => setRegister((v as PrintRegister | null) ?? 'in')}
        />
        <NumberInput
          data-testid="print-year"
          label={t('docs.print.year')}
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => setYear(Number(v) || new Date().getFullYear())}
        />
        <SimpleGrid cols={2}>
          <TextInput
            label={t('audit.from')}
            placeholder="dd/mm/yyyy"
            value={from}
            error={errors.from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            label={t('audit.to')}
            placeholder="dd/mm/yyyy"
            value={to}
            error={errors.to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Group justify="space-between">
          <Button
            variant="subtle"
            loading={busy}
            data-testid="print-overdue"
            onClick={() => void run('overdue')}
          >
            {t('docs.print.overdue')}
          </Button>
          <Group>
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button data-testid="print-register-confirm" loading={busy} onClick={() => void run('register')}>
              {t('print.submit')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Button, Group, Modal, NumberInput, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  YEAR_REPORT_DEFAULT_SECTIONS,
  type YearReport,
  type YearReportSections,
} from '../../../../../shared/contract';
import { formatDate, vnIsoDate, vnYear } from '../../../../../shared/dates';
import { invoke } from '../../../api/client';
import { notifyError } from '../../../components/errors';
import { usePermissions } from '../../../components/usePermissions';
import { useI18n, type MessageKey } from '../../../i18n';
import { SignerFields } from '../../../components/SignerFields';
import { useFileSave, useRememberedSigner } from '../../../components/useFileSave';

const ROWS = ['received', 'sent', 'copied', 'recalled', 'declassified', 'destroyed'] as const;
/** Highest level first, as in the printed report. */
const LEVELS = ['tuyet-mat', 'toi-mat', 'mat'] as const;

/** The report year holding today: a period starting 15/12 makes 20/12/2025 part of "2026". */
async function currentReportYear(): Promise<number> {
  const { day, month } = (await invoke('settings.get', {})).reportPeriodStart;
  const now = new Date();
  const year = vnYear(now);
  const start = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return vnIsoDate(now) >= start ? year + 1 : year;
}

/** The yearly counts by level for the chosen report year, and its official .docx. */
export function YearReportPanel() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const [year, setYear] = useState<number | null>(null);
  const [report, setReport] = useState<YearReport | null>(null);
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    currentReportYear().then(setYear, (err: unknown) => notifyError(t, err));
  }, [t]);
  useEffect(() => {
    // The field may hold a half-typed year: ask only for one the core accepts.
    if (year === null || year < 2000 || year > 2200) return;
    let current = true;
    invoke('docs.yearReport', { year }).then(
      (r) => current && setReport(r),
      (err: unknown) => notifyError(t, err),
    );
    return () => {
      current = false;
    };
  }, [year, t]);

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('docs.secret.title')}
      </Title>
      <Group align="flex-end" justify="space-between" mb="sm">
        <Group align="flex-end">
          <NumberInput
            data-testid="secret-year"
            label={t('docs.secret.year')}
            w={140}
            min={2000}
            max={2200}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator={false}
            value={year ?? ''}
            onChange={(v) => setYear(typeof v === 'number' ? v : null)}
          />
          {report && (
            <Text pb={6} data-testid="secret-period">
              {t('docs.secret.period', { from: formatDate(report.from), to: formatDate(report.to) })}
            </Text>
          )}
        </Group>
        {can('docs.printYearReport') && (
          <Button data-testid="secret-print" disabled={!report} onClick={() => setPrinting(true)}>
            {t('docs.secret.print')}
          </Button>
        )}
      </Group>
      {report && (
        <Table withTableBorder withColumnBorders striped data-testid="secret-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('docs.secret.item')}</Table.Th>
              {LEVELS.map((l) => (
                <Table.Th key={l} ta="right" w={120}>
                  {t(`clearance.${l}`)}
                </Table.Th>
              ))}
              <Table.Th ta="right" w={120}>
                {t('docs.secret.total')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ROWS.map((row) => {
              const counts = report[row];
              return (
                <Table.Tr key={row} data-testid={`secret-row-${row}`}>
                  <Table.Td>{t(`docs.secret.row.${row}` as MessageKey)}</Table.Td>
                  {LEVELS.map((l) => (
                    <Table.Td key={l} ta="right">
                      {counts[l]}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" fw={700}>
                    {counts.mat + counts['toi-mat'] + counts['tuyet-mat']}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {report && (
        <PrintYearReportModal opened={printing} year={report.year} onClose={() => setPrinting(false)} />
      )}
    </Paper>
  );
}

const SECTIONS = ['situation', 'results', 'shortcomings', 'proposals'] as const;

function PrintYearReportModal(props: { opened: boolean; year: number; onClose: () => void }) {
  const { t } = useI18n();
  const signer = useRememberedSigner();
  const { busy, save } = useFileSave();
  // The report's four sections, offered with the default text to edit around the counts.
  const [sections, setSections] = useState<Required<YearReportSections>>(YEAR_REPORT_DEFAULT_SECTIONS);

  async function print() {
    const ok = await save(() =>
      invoke('docs.printYearReport', {
        year: props.year,
        signerTitle: signer.title,
        signerName: signer.name,
        sections,
      }),
    );
    if (!ok) return;
    signer.remember();
    props.onClose();
  }

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('docs.secret.printTitle', { year: props.year })}
      size="lg"
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t('docs.secret.sectionsHint')}
        </Text>
        {SECTIONS.map((k) => (
          <Textarea
            key={k}
            data-testid={`secret-section-${k}`}
            label={t(`docs.secret.section.${k}` as MessageKey)}
            autosize
            minRows={2}
            maxRows={8}
            value={sections[k]}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setSections((s) => ({ ...s, [k]: value }));
            }}
          />
        ))}
        <SignerFields signer={signer} testIdPrefix="secret" />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button data-testid="secret-print-confirm" loading={busy} onClick={() => void print()}>
            {t('print.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Alert, Badge, Group, ScrollArea, SegmentedControl, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { knownKey, useI18n } from '../i18n';

type Status = 'valid' | 'invalid' | 'duplicate';
const STATUS_COLOR = { valid: 'green', invalid: 'red', duplicate: 'orange' } as const;

export interface PreviewColumn<R> {
  header: string;
  cell: (row: R) => ReactNode;
  align?: 'right';
  nowrap?: boolean;
}

/**
 * The checked rows of an import before it is committed: counts, a filter by status, and a table
 * with each row's line in the file, status and reason, then the columns of what would be imported.
 */
export function ImportPreview<R extends { line: number; status: Status; detail?: string | null }>(props: {
  countsText: string;
  hasProblems: boolean;
  /** The statuses this import can give (contacts also have duplicates). */
  statuses: readonly Status[];
  rows: readonly R[];
  reason: (row: R) => string | null;
  columns: readonly PreviewColumn<R>[];
  /** Prefix of the test ids: `${testId}-counts`, `${testId}-preview`. */
  testId: string;
  /** How a CSV file's text was encoded (null for a workbook). */
  encoding?: string | null;
}) {
  const { t } = useI18n();
  const [show, setShow] = useState<'all' | Status>('all');
  const rows = props.rows.filter((r) => show === 'all' || r.status === show);
  return (
    <>
      <Group mt="md" justify="space-between">
        <Alert
          py="xs"
          color={props.hasProblems ? 'orange' : 'green'}
          data-testid={`${props.testId}-counts`}
          style={{ flex: 1 }}
        >
          {props.countsText}
        </Alert>
        <SegmentedControl
          size="xs"
          value={show}
          onChange={(v) => setShow(v as 'all' | Status)}
          data={[
            { value: 'all', label: t('common.all') },
            ...props.statuses.map((s) => ({ value: s, label: t(`import.${s}`) })),
          ]}
        />
      </Group>
      {props.encoding && (
        <Text size="sm" c="dimmed" mt="xs" data-testid={`${props.testId}-encoding`}>
          {t('import.encoding', {
            encoding: props.encoding,
            note: knownKey(`import.encoding.${props.encoding}`)
              ? t(knownKey(`import.encoding.${props.encoding}`)!)
              : '',
          })}
        </Text>
      )}
      <ScrollArea.Autosize mah={380} mt="sm">
        <Table striped withTableBorder stickyHeader data-testid={`${props.testId}-preview`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right">{t('import.line')}</Table.Th>
              <Table.Th miw={110}>{t('import.status')}</Table.Th>
              <Table.Th>{t('import.reason')}</Table.Th>
              {props.columns.map((c) => (
                <Table.Th key={c.header} ta={c.align}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const reason = props.reason(r);
              return (
                <Table.Tr key={r.line} data-status={r.status}>
                  <Table.Td ta="right" ff="monospace">
                    {r.line}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge color={STATUS_COLOR[r.status]} variant="light" style={{ overflow: 'visible' }}>
                      {t(`import.${r.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {reason && (
                      <Text size="sm" c={r.status === 'invalid' ? 'red.8' : 'orange.8'}>
                        {reason}
                        {r.detail ? `: ${r.detail}` : ''}
                      </Text>
                    )}
                  </Table.Td>
                  {props.columns.map((c) => (
                    <Table.Td
                      key={c.header}
                      ta={c.align}
                      style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}
                    >
                      {c.cell(r)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </>
  );
}

import { Alert, FileInput, Modal, ScrollArea, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Organization, PlanEvent, PlanImportPreview, PlanImportTask } from '../../../../shared/contract';
import { dueDates } from '../../../../shared/deadlines';
import { parseDeadline } from '../../../../shared/deadlineText';
import { invoke } from '../../api/client';
import { DateText } from '../../components/DateText';
import { ImportFooter, useImportFlow } from '../../components/useImportFlow';
import { useI18n } from '../../i18n';
import { PartyMatching } from './PartyMatching';

const PLAN_ACCEPT =
  '.docx,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain';

/**
 * A plan from its Word file: the core reads it (nothing saved), the preview shows every task as
 * recognised with its computed due dates and what needs a person; the organisations it names are
 * matched as a template's are; "Nhập" makes the plan.
 */
export function ImportPlanModal(props: {
  opened: boolean;
  event: PlanEvent;
  orgs: Organization[];
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useI18n();
  const flow = useImportFlow<PlanImportPreview>(props.onClose);
  const [mapping, setMapping] = useState<Record<string, string[]>>({});
  /** Deadlines corrected in the preview, by task index; the core reads them again at commit. */
  const [deadlines, setDeadlines] = useState<Record<string, string>>({});
  const preview = flow.preview;
  // Read again as the user types, with the due dates in this event's calendar.
  const dueOf = (task: PlanImportTask, i: number) => {
    const words = deadlines[i];
    if (words === undefined) return task.deadline ? task.dueDates : null;
    const spec = parseDeadline(words);
    return spec ? dueDates(spec, props.event) : null;
  };
  const choose = (f: File | null) =>
    void flow.check(f, async (fileName, dataBase64) => {
      const p = await invoke('plans.importPreview', { eventId: props.event.id, fileName, dataBase64 });
      setMapping(Object.fromEntries(p.parties.map((x) => [x.key, x.matched])));
      setDeadlines({});
      return p;
    });
  // Roles still unmatched keep their text on the tasks (as "force" in the template flow).
  const commit = () =>
    flow.commit(async (p) => {
      const r = await invoke('plans.importCommit', {
        previewId: p.previewId,
        mapping,
        force: true,
        deadlines,
      });
      props.onCreated();
      return t('plans.created', { count: r.status === 'created' ? r.plan.taskCount : 0 });
    });
  const orgs = (list: readonly { text: string }[]) => list.map((o) => o.text).join('; ');

  return (
    <Modal opened={props.opened} onClose={flow.close} title={t('plans.import')} size="90rem">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('plans.import.help')}
        </Text>
        <FileInput
          data-testid="plan-import-file"
          label={t('plans.import.choose')}
          placeholder={t('import.placeholder')}
          accept={PLAN_ACCEPT}
          value={flow.file}
          onChange={choose}
          disabled={flow.busy}
          clearable
        />
        {flow.error && (
          <Alert color="red" data-testid="plan-import-error">
            {flow.error}
          </Alert>
        )}
        {preview && (
          <>
            <Alert color="blue" py="xs" data-testid="plan-import-summary">
              {t('plans.import.summary', {
                number: preview.doc.numberSymbol || '—',
                title: preview.doc.title,
                count: preview.tasks.length,
              })}
            </Alert>
            <ScrollArea.Autosize mah={420}>
              <Table striped withTableBorder data-testid="plan-import-preview">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('plans.import.col.number')}</Table.Th>
                    <Table.Th>{t('plans.import.col.task')}</Table.Th>
                    <Table.Th>{t('plans.import.col.lead')}</Table.Th>
                    <Table.Th>{t('plans.import.col.coordinating')}</Table.Th>
                    <Table.Th>{t('plans.import.col.deadline')}</Table.Th>
                    <Table.Th>{t('plans.import.col.due')}</Table.Th>
                    <Table.Th>{t('plans.import.col.product')}</Table.Th>
                    <Table.Th>{t('plans.import.col.issues')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.tasks.map((task, i) => {
                    const due = dueOf(task, i);
                    return (
                      <Table.Tr key={`${task.line}`} data-testid="plan-import-row">
                        <Table.Td>{task.number}</Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {task.title}
                          </Text>
                          <Text size="xs" c="dimmed" lineClamp={3}>
                            {task.content}
                          </Text>
                        </Table.Td>
                        <Table.Td>{orgs(task.lead)}</Table.Td>
                        <Table.Td>{orgs(task.coordinating)}</Table.Td>
                        <Table.Td miw={220}>
                          <TextInput
                            size="xs"
                            data-testid="plan-import-deadline"
                            aria-label={t('plans.import.col.deadline')}
                            value={deadlines[i] ?? task.deadlineText}
                            onChange={(e) => {
                              const words = e.currentTarget.value;
                              setDeadlines((d) => ({ ...d, [i]: words }));
                            }}
                          />
                        </Table.Td>
                        <Table.Td data-testid="plan-import-due">
                          {due === null ? (
                            <Text size="xs" c="orange.8" fw={500}>
                              {t('plans.import.unread')}
                            </Text>
                          ) : (
                            <>
                              <DateText iso={due[0]} empty="—" />
                              {due.length > 1 && (
                                <>
                                  {' … '}
                                  <DateText iso={due.at(-1)} />
                                </>
                              )}
                            </>
                          )}
                        </Table.Td>
                        <Table.Td>{task.product}</Table.Td>
                        <Table.Td>
                          {task.issues
                            // A deadline corrected in the preview is no longer the file's problem.
                            .filter((issue) => !(deadlines[i] !== undefined && issue.includes('deadline')))
                            .map((issue) => (
                              <Text
                                key={issue}
                                size="xs"
                                c="orange.8"
                                fw={500}
                                data-testid="plan-import-issue"
                              >
                                ⚠ {t(`plans.import.issue.${issue}`)}
                              </Text>
                            ))}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
            <PartyMatching
              parties={preview.parties}
              orgs={props.orgs}
              mapping={mapping}
              onChange={setMapping}
            />
          </>
        )}
        <ImportFooter
          testId="plan-import"
          label={t('plans.import.commit')}
          count={preview?.tasks.length ?? 0}
          busy={flow.busy}
          onCancel={flow.close}
          onCommit={() => void commit()}
        />
      </Stack>
    </Modal>
  );
}

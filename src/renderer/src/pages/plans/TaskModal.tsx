import { Button, Divider, Group, Modal, NumberInput, Select, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  DOCX_MIME,
  TASK_STATUSES,
  type Organization,
  type OutputOf,
  type TaskStatus,
} from '../../../../shared/contract';
import { isoToTyped } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { notifyError, notifyOk } from '../../components/errors';
import { FilesPanel } from '../../components/FilesPanel';
import { foldFilter } from '../../components/selectFilter';
import { usePermissions } from '../../components/usePermissions';
import { useI18n, type MessageKey } from '../../i18n';

type Detail = OutputOf<'plans.tasks.get'>;
const loadEvidence = (id: string) => invoke('plans.evidence.content', { id });
const exportEvidence = (id: string) => invoke('plans.evidence.export', { id });
const statusKey = (s: TaskStatus) => `plans.status.${s}` as MessageKey;

/** A task: what it asks, its due dates and history, the units' reports, and a new report. */
export function TaskModal(props: {
  taskId: string | null;
  orgs: Organization[];
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const [d, setD] = useState<Detail | null>(null);
  const [lead, setLead] = useState<string | null>(null);
  const [org, setOrg] = useState<string | null>(null);
  const [status, setStatus] = useState<TaskStatus>('in-progress');
  const [percent, setPercent] = useState<number>(0);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [evidenceOf, setEvidenceOf] = useState<string | null>(null);
  const orgOptions = props.orgs.map((o) => ({ value: o.id, label: o.name }));

  const load = async (id: string) => {
    try {
      const detail = await invoke('plans.tasks.get', { id });
      setD(detail);
      setLead(detail.task.leadOrgId);
      setOrg(detail.task.leadOrgId);
    } catch (err) {
      notifyError(t, err);
    }
  };
  useEffect(() => {
    setD(null);
    setText('');
    setPercent(0);
    setStatus('in-progress');
    if (props.taskId) void load(props.taskId);
  }, [props.taskId]);

  async function assign() {
    if (!d) return;
    setBusy(true);
    try {
      const { task } = d;
      await invoke('plans.tasks.save', {
        id: task.id,
        version: task.version,
        planId: task.planId,
        code: task.code,
        section: task.section,
        title: task.title,
        content: task.content,
        subItems: task.subItems,
        leadOrgId: lead,
        leadText: task.leadText,
        coordinatingOrgIds: task.coordinatingOrgIds.filter((c) => c !== lead),
        coordinatingText: task.coordinatingText,
        responsibleContactId: task.responsibleContactId,
        deadline: task.deadline,
        deadlineText: task.deadlineText,
        product: task.product,
        status: task.status,
        percent: task.percent,
        notes: task.notes,
      });
      notifyOk(t('plans.task.assigned'));
      props.onChanged();
      await load(task.id);
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  }

  async function report() {
    if (!d || !org) return;
    setBusy(true);
    try {
      const r = await invoke('plans.progress.report', {
        taskId: d.task.id,
        orgId: org,
        status,
        percent,
        text,
      });
      notifyOk(t('plans.progress.saved', { org: r.orgName }));
      setText('');
      props.onChanged();
      await load(d.task.id);
    } catch (err) {
      notifyError(t, err);
    } finally {
      setBusy(false);
    }
  }

  const task = d?.task;
  return (
    <Modal opened={props.taskId !== null} onClose={props.onClose} size="xl" title={task?.title ?? ''}>
      {task && d && (
        <Stack gap="xs" data-testid="task-detail">
          {task.content && <Text size="sm">{task.content}</Text>}
          {task.subItems.map((s) => (
            <Text size="sm" key={s}>
              + {s}
            </Text>
          ))}
          <Text size="sm">
            <b>{t('plans.col.lead')}:</b> {task.leadOrgName ?? task.leadText}
          </Text>
          <Text size="sm">
            <b>{t('plans.task.coordinating')}:</b>{' '}
            {task.coordinatingOrgNames.filter(Boolean).join('; ') || task.coordinatingText}
          </Text>
          <Text size="sm">
            <b>{t('plans.col.deadline')}:</b> {task.deadlineText}
            {task.overdue ? ` — ${t('plans.overdue')}` : ''}
          </Text>
          {task.product && (
            <Text size="sm">
              <b>{t('plans.task.product')}:</b> {task.product}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            <b>{t('plans.task.dueDates')}:</b> {d.dueDates.slice(0, 20).map(isoToTyped).join(', ')}
            {d.dueDates.length > 20 ? '…' : ''}
          </Text>
          {can('plans.tasks.save') && (
            <Group align="flex-end">
              <Select
                data-testid="task-lead"
                label={t('plans.task.assign')}
                searchable
                filter={foldFilter}
                clearable
                data={orgOptions}
                value={lead}
                onChange={setLead}
                w={360}
              />
              <Button
                data-testid="task-assign"
                variant="default"
                loading={busy}
                onClick={() => void assign()}
              >
                {t('common.save')}
              </Button>
            </Group>
          )}
          <Divider my="xs" label={t('plans.progress')} />
          {d.progress.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('plans.progress.none')}
            </Text>
          ) : (
            d.progress.map((p) => (
              <Text size="sm" key={p.id} data-testid="progress-line">
                {t('plans.progress.line', {
                  period: isoToTyped(p.period),
                  org: p.orgName,
                  percent: p.percent,
                  status: t(statusKey(p.status)),
                })}
                {p.text ? ` — ${p.text}` : ''}
                {p.evidenceEntryIds.length
                  ? ` (${t('plans.progress.evidence', { count: p.evidenceEntryIds.length })})`
                  : ''}
              </Text>
            ))
          )}
          {can('plans.progress.report') && (
            <>
              <Divider my="xs" label={t('plans.progress.new')} />
              <Group align="flex-end" grow>
                <Select
                  data-testid="progress-org"
                  label={t('plans.progress.org')}
                  searchable
                  filter={foldFilter}
                  data={orgOptions}
                  value={org}
                  onChange={setOrg}
                />
                <Select
                  data-testid="progress-status"
                  label={t('plans.progress.status')}
                  data={TASK_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
                  value={status}
                  onChange={(v) => setStatus((v as TaskStatus | null) ?? 'in-progress')}
                  allowDeselect={false}
                />
                <NumberInput
                  data-testid="progress-percent"
                  label={t('plans.progress.percent')}
                  min={0}
                  max={100}
                  clampBehavior="strict"
                  value={percent}
                  onChange={(v) => setPercent(typeof v === 'number' ? v : Number(v) || 0)}
                />
              </Group>
              <Textarea
                data-testid="progress-text"
                label={t('plans.progress.text')}
                autosize
                minRows={2}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button
                  data-testid="progress-submit"
                  loading={busy}
                  disabled={!org}
                  onClick={() => void report()}
                >
                  {t('plans.progress.submit')}
                </Button>
              </Group>
            </>
          )}
          <Divider my="xs" label={t('plans.evidence')} />
          {can('plans.evidence.add') && d.progress.length > 0 && (
            <Select
              data-testid="evidence-report"
              label={t('plans.evidence.of')}
              placeholder={t('plans.evidence.ofTask')}
              clearable
              data={d.progress.map((p) => ({
                value: p.id,
                label: `${isoToTyped(p.period)} — ${p.orgName}`,
              }))}
              value={evidenceOf}
              onChange={setEvidenceOf}
              w={360}
            />
          )}
          <FilesPanel
            files={d.evidence.map((e) => ({
              ...e,
              fileName: e.progressId
                ? `${e.fileName} (${t('plans.evidence.onReport', { org: d.progress.find((p) => p.id === e.progressId)?.orgName ?? '' })})`
                : e.fileName,
            }))}
            add={
              can('plans.evidence.add')
                ? (f) => invoke('plans.evidence.add', { taskId: task.id, progressId: evidenceOf, ...f })
                : undefined
            }
            accept={`application/pdf,image/png,image/jpeg,${DOCX_MIME}`}
            addLabel={t('plans.evidence.add')}
            load={loadEvidence}
            exportFile={d.mayExportFiles ? exportEvidence : undefined}
            viewable={(f) => f.mime !== DOCX_MIME}
            onChanged={() => void load(task.id)}
          />
          <Divider my="xs" label={t('plans.task.history')} />
          {d.history.map((h) => (
            <Text size="xs" c="dimmed" key={h.version}>
              {t('plans.task.version', { version: h.version, office: h.office })}
            </Text>
          ))}
        </Stack>
      )}
    </Modal>
  );
}

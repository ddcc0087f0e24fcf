import {
  Badge,
  Button,
  Card,
  Checkbox,
  Drawer,
  FileButton,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type {
  Finding,
  InspectionItem,
  OutputOf,
  InspectionSummary,
  ItemResult,
  Severity,
} from '../../../../shared/contract';
import { checkDate, isoToTyped } from '../../../../shared/dates';
import { invoke, readAsBase64 } from '../../api/client';
import { DateField, dateMessage } from '../../components/DateField';
import { FilesPanel } from '../../components/FilesPanel';
import { notifyError, notifyOk } from '../../components/errors';
import { useFileSave } from '../../components/useFileSave';
import { usePermissions } from '../../components/usePermissions';
import { useI18n, type MessageKey } from '../../i18n';
import { RESULT_KEYS, resultOptions, SEVERITY_KEYS } from './labels';

const loadFile = (id: string) => invoke('inspections.files.content', { id });
const exportFile = (id: string) => invoke('inspections.files.export', { id });

/** One inspection: the checklist filled in item by item (each result saved at once), files, findings, closing. */
export function InspectionDrawer(props: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
  onReinspect: (i: InspectionSummary) => void;
}) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const files = useFileSave();
  const [d, setD] = useState<OutputOf<'inspections.get'> | null>(null);
  const load = useCallback(async () => {
    if (!props.id) return setD(null);
    try {
      setD(await invoke('inspections.get', { id: props.id }));
    } catch (err) {
      notifyError(t, err);
    }
  }, [props.id, t]);
  useEffect(() => {
    void load();
  }, [load]);
  const changed = async () => {
    await load();
    props.onChanged();
  };
  /** Runs a call, reports its error, reloads. */
  const act = async (f: () => Promise<unknown>, ok?: string) => {
    try {
      await f();
      if (ok) notifyOk(ok);
      await changed();
    } catch (err) {
      notifyError(t, err);
    }
  };
  const i = d?.inspection;
  const closed = i?.status === 'closed';
  const editable = !closed && can('inspections.record');
  return (
    <Drawer opened={props.id !== null} onClose={props.onClose} position="right" size="80%" title={i?.orgName}>
      {d && i && (
        <Stack>
          <Text size="sm" data-testid="insp-head">
            {isoToTyped(i.date)}
            {i.place ? ` · ${i.place}` : ''} · {i.checklistName} ·{' '}
            {t(`inspections.status.${i.status}` as MessageKey)}
            {i.teamNames.length ? ` · ${t('inspections.team')}: ${i.teamNames.join(', ')}` : ''}
          </Text>
          <Table data-testid="insp-items" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>TT</Table.Th>
                <Table.Th>{t('inspections.requirement')}</Table.Th>
                <Table.Th>{t('inspections.result')}</Table.Th>
                <Table.Th>{t('inspections.notes')}</Table.Th>
                <Table.Th>{t('inspections.self')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.items.map((it) => (
                <ItemRow
                  key={it.no}
                  item={it}
                  inspectionId={i.id}
                  editable={editable}
                  files={d.attachments.filter((a) => a.itemNo === it.no).map((a) => a.fileName)}
                  self={d.selfReport?.answers.find((a) => a.key === it.key)?.result ?? null}
                  onChanged={changed}
                />
              ))}
            </Table.Tbody>
          </Table>
          {d.attachments.length > 0 && (
            <>
              <Title order={4}>{t('inspections.files')}</Title>
              {/* Added per item in the table above; here shown in the app and, with the permission, exported. */}
              <FilesPanel
                files={d.attachments.map((a) => ({ ...a, fileName: `${a.itemNo}. ${a.fileName}` }))}
                load={loadFile}
                exportFile={d.mayExportFiles ? exportFile : undefined}
                onChanged={() => void load()}
              />
            </>
          )}
          <Title order={4}>{t('inspections.findings')}</Title>
          {d.findings.map((f) => (
            <FindingCard key={f.id} finding={f} closed={closed} act={act} />
          ))}
          {editable && <NewFinding inspectionId={i.id} items={d.items} act={act} />}
          <Group>
            {can('inspections.print') && (
              <Button
                data-testid="insp-print"
                variant="default"
                loading={files.busy}
                onClick={() => void files.save(() => invoke('inspections.print', { id: i.id }))}
              >
                {t('inspections.print')}
              </Button>
            )}
            {can('inspections.plan') && (
              <Button data-testid="insp-reinspect" variant="default" onClick={() => props.onReinspect(i)}>
                {t('inspections.reinspect')}
              </Button>
            )}
            {!closed && can('inspections.close') && (
              <Button
                data-testid="insp-close"
                onClick={() =>
                  void act(() => invoke('inspections.close', { id: i.id }), t('inspections.closed'))
                }
              >
                {t('inspections.close')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Drawer>
  );
}

function ItemRow(props: {
  item: InspectionItem;
  inspectionId: string;
  editable: boolean;
  files: string[];
  self: ItemResult | null;
  onChanged: () => Promise<void>;
}) {
  const { t } = useI18n();
  const it = props.item;
  const [notes, setNotes] = useState(it.notes);
  useEffect(() => setNotes(it.notes), [it.notes]);
  // Each change is its own committed write: nothing typed is lost if the app is closed.
  const record = async (result: ItemResult, text: string) => {
    try {
      await invoke('inspections.record', {
        inspectionId: props.inspectionId,
        itemNo: it.no,
        result,
        notes: text,
      });
      await props.onChanged();
    } catch (err) {
      notifyError(t, err);
    }
  };
  const attach = async (file: File | null) => {
    if (!file) return;
    try {
      await invoke('inspections.attach', {
        inspectionId: props.inspectionId,
        itemNo: it.no,
        fileName: file.name,
        dataBase64: await readAsBase64(file),
      });
      notifyOk(t('docs.att.added', { name: file.name }));
      await props.onChanged();
    } catch (err) {
      notifyError(t, err);
    }
  };
  return (
    <Table.Tr data-testid={`insp-item-${it.no}`}>
      <Table.Td>{it.no}</Table.Td>
      <Table.Td>
        <Text size="sm">{it.requirement}</Text>
        <Text size="xs" c="dimmed">
          {it.verify}
          {it.legalBasis ? ` · ${it.legalBasis}` : ''}
        </Text>
        {props.files.map((f) => (
          <Badge key={f} size="xs" variant="light" mr={4}>
            {f}
          </Badge>
        ))}
      </Table.Td>
      <Table.Td>
        <SegmentedControl
          size="xs"
          disabled={!props.editable}
          data-testid={`insp-result-${it.no}`}
          value={it.result ?? ''}
          onChange={(v) => void record(v as ItemResult, notes)}
          data={resultOptions(t)}
        />
      </Table.Td>
      <Table.Td>
        <Stack gap={2} align="flex-start">
          <TextInput
            size="xs"
            data-testid={`insp-notes-${it.no}`}
            value={notes}
            disabled={!props.editable || !it.result}
            onChange={(e) => setNotes(e.currentTarget.value)}
            onBlur={() => it.result && notes !== it.notes && void record(it.result, notes)}
          />
          {props.editable && (
            <FileButton onChange={(f) => void attach(f)} accept="application/pdf,image/png,image/jpeg">
              {(p) => (
                <Button {...p} size="compact-xs" variant="subtle" data-testid={`insp-attach-${it.no}`}>
                  {t('inspections.attach')}
                </Button>
              )}
            </FileButton>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>{props.self ? t(RESULT_KEYS[props.self]) : '–'}</Table.Td>
    </Table.Tr>
  );
}

function FindingCard(props: {
  finding: Finding;
  closed: boolean;
  act: (f: () => Promise<unknown>, ok?: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const f = props.finding;
  const [text, setText] = useState('');
  const [deadline, setDeadline] = useState('');
  const [asTask, setAsTask] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const open = f.status === 'open' && !props.closed;
  const addAction = async () => {
    const d = checkDate(deadline, true);
    if (!d.ok || !d.iso || !text.trim()) return setError(d.ok ? t('field.required') : dateMessage(t, d));
    setError(undefined);
    await props.act(() =>
      invoke('inspections.actions.save', { findingId: f.id, text, deadline: d.iso!, asTask }),
    );
    setText('');
    setDeadline('');
  };
  return (
    <Card withBorder padding="sm" data-testid="insp-finding">
      <Group justify="space-between">
        <Text fw={600}>
          {f.itemNo ? `${f.itemNo}. ` : ''}
          {f.description}
        </Text>
        <Group gap="xs">
          <Badge color={f.severity === 'high' ? 'red' : f.severity === 'medium' ? 'orange' : 'gray'}>
            {t(SEVERITY_KEYS[f.severity])}
          </Badge>
          <Badge variant="light">{t(`inspections.finding.${f.status}` as MessageKey)}</Badge>
        </Group>
      </Group>
      {f.recommendation && (
        <Text size="sm">
          {t('inspections.recommendation')}: {f.recommendation}
        </Text>
      )}
      {f.actions.map((a) => (
        <Group key={a.id} gap="xs" mt={4}>
          <Checkbox
            data-testid="insp-action-done"
            checked={a.done}
            disabled={!open || !can('inspections.actions.save')}
            onChange={(e) =>
              void props.act(() =>
                invoke('inspections.actions.save', {
                  findingId: f.id,
                  id: a.id,
                  version: a.version,
                  text: a.text,
                  ownerOrgId: a.ownerOrgId,
                  ownerContactId: a.ownerContactId,
                  deadline: a.deadline,
                  done: e.currentTarget.checked,
                }),
              )
            }
            label={`${a.text} · ${t('inspections.deadline')} ${isoToTyped(a.deadline)}${a.ownerName ? ` · ${a.ownerName}` : ''}`}
          />
          {a.overdue && <Badge color="red">{t('plans.overdue')}</Badge>}
          {a.taskId && <Badge variant="outline">{t('inspections.asTaskMade')}</Badge>}
        </Group>
      ))}
      {open && can('inspections.actions.save') && (
        <Group align="flex-end" mt="xs">
          <TextInput
            size="xs"
            data-testid="insp-action-text"
            label={t('inspections.action')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={error}
            w={320}
          />
          <DateField
            size="xs"
            data-testid="insp-action-deadline"
            label={t('inspections.deadline')}
            value={deadline}
            onChange={setDeadline}
            w={160}
          />
          <Checkbox
            size="xs"
            label={t('inspections.asTask')}
            checked={asTask}
            onChange={(e) => setAsTask(e.currentTarget.checked)}
          />
          <Button size="xs" data-testid="insp-action-add" onClick={() => void addAction()}>
            {t('inspections.actionAdd')}
          </Button>
        </Group>
      )}
      {open && (
        <Group mt="xs">
          {can('inspections.findings.resolve') && (
            <Button
              size="xs"
              variant="default"
              data-testid="insp-resolve"
              onClick={() =>
                void props.act(() => invoke('inspections.findings.resolve', { id: f.id, version: f.version }))
              }
            >
              {t('inspections.resolve')}
            </Button>
          )}
          {can('inspections.findings.accept') && (
            <Button
              size="xs"
              variant="default"
              data-testid="insp-accept"
              onClick={() =>
                void props.act(() => invoke('inspections.findings.accept', { id: f.id, version: f.version }))
              }
            >
              {t('inspections.accept')}
            </Button>
          )}
        </Group>
      )}
    </Card>
  );
}

function NewFinding(props: {
  inspectionId: string;
  items: InspectionItem[];
  act: (f: () => Promise<unknown>, ok?: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const failed = props.items.filter((i) => i.result === 'khong-dat');
  const [itemNo, setItemNo] = useState<string | null>(null);
  const [severity, setSeverity] = useState<Severity>('medium');
  const [description, setDescription] = useState('');
  const [recommendation, setRecommendation] = useState('');
  return (
    <Card withBorder padding="sm">
      <Group align="flex-end" grow>
        <Select
          size="xs"
          data-testid="insp-finding-item"
          label={t('inspections.findingItem')}
          data={failed.map((i) => ({ value: String(i.no), label: `${i.no}. ${i.requirement.slice(0, 60)}` }))}
          value={itemNo}
          onChange={setItemNo}
          clearable
        />
        <Select
          size="xs"
          data-testid="insp-finding-severity"
          label={t('inspections.severity')}
          data={(['high', 'medium', 'low'] as const).map((s) => ({ value: s, label: t(SEVERITY_KEYS[s]) }))}
          value={severity}
          onChange={(v) => v && setSeverity(v as Severity)}
          allowDeselect={false}
        />
      </Group>
      <Textarea
        size="xs"
        data-testid="insp-finding-description"
        label={t('inspections.finding')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        mt="xs"
      />
      <Textarea
        size="xs"
        data-testid="insp-finding-recommendation"
        label={t('inspections.recommendation')}
        value={recommendation}
        onChange={(e) => setRecommendation(e.currentTarget.value)}
        autosize
        mt="xs"
      />
      <Group mt="xs">
        <Button
          size="xs"
          data-testid="insp-finding-add"
          disabled={!description.trim()}
          onClick={() =>
            void props
              .act(() =>
                invoke('inspections.findings.save', {
                  inspectionId: props.inspectionId,
                  itemNo: itemNo ? Number(itemNo) : null,
                  severity,
                  description,
                  recommendation,
                }),
              )
              .then(() => {
                setDescription('');
                setRecommendation('');
                setItemNo(null);
              })
          }
        >
          {t('inspections.findingAdd')}
        </Button>
      </Group>
    </Card>
  );
}

import { Badge, Button, Drawer, Group, Select, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import {
  DOC_TYPE_LABELS_VI,
  type Channel,
  type DocDetail,
  type DocEntry,
  type DocProcessing,
} from '../../../../shared/contract';
import { formatDate, formatDateTime, vnIsoDate } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { errorText, notifyError } from '../../components/errors';
import { escapeWithin } from '../../components/portalKeys';
import { useFileSave } from '../../components/useFileSave';
import { useI18n, type MessageKey } from '../../i18n';
import { FilesPanel } from '../../components/FilesPanel';
import { CopiesPanel } from './CopiesPanel';
import { DecisionsPanel } from './DecisionsPanel';
import { DocStamp } from './DocStamp';
import { TransfersPanel } from './TransfersPanel';
import { overdueDays } from './listMarks';
import { useDocPermissions } from './useDocPermissions';

const PROCESSING: DocProcessing[] = ['pending', 'in-progress', 'done'];
const replyOption = (d: DocEntry) => ({
  value: d.id,
  label: `${d.symbol} — ${d.summary ?? ''}`.slice(0, 120),
});

/**
 * One entry opened (an audited act for classified ones): its fields, the ĐẾN stamp, processing,
 * and its attachments, transfers, copies and decisions.
 */
const loadAttachment = (id: string) => invoke('docs.attachmentContent', { id });
const exportAttachment = (id: string) => invoke('docs.exportAttachment', { id });

export function DocumentDrawer(props: {
  id: string | null;
  officeName: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { can, mayAct } = useDocPermissions();
  const slip = useFileSave();
  const [detail, setDetail] = useState<DocDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [replyQuery, setReplyQuery] = useState('');
  const [debouncedReply] = useDebouncedValue(replyQuery, 200);
  const [replyOptions, setReplyOptions] = useState<{ value: string; label: string }[]>([]);

  const load = useCallback(async () => {
    if (!props.id) return;
    try {
      setDetail(await invoke('docs.get', { id: props.id }));
      setError(null);
    } catch (err) {
      setError(errorText(t, err));
    }
  }, [props.id, t]);
  useEffect(() => {
    setDetail(null);
    void load();
  }, [load]);
  useEffect(() => {
    if (!debouncedReply.trim()) return;
    invoke('docs.list', { direction: 'out', query: debouncedReply, limit: 20 })
      .then((r) => setReplyOptions(r.items.filter((d) => !d.restricted).map(replyOption)))
      .catch(() => setReplyOptions([]));
  }, [debouncedReply]);
  // The linked reply is shown by its symbol even before anything is searched.
  const replyId = detail?.entry.replyId ?? null;
  useEffect(() => {
    if (!replyId) return;
    invoke('docs.get', { id: replyId })
      .then(({ entry }) =>
        setReplyOptions((opts) => [replyOption(entry), ...opts.filter((o) => o.value !== entry.id)]),
      )
      .catch(() => undefined);
  }, [replyId]);

  const changed = () => {
    void load();
    props.onChanged();
  };
  const e = detail?.entry;
  const saveProcessing = (processing: DocProcessing, replyId: string | null) => {
    if (!e) return;
    invoke('docs.setProcessing', { id: e.id, version: e.version, processing, replyId })
      .then(changed)
      .catch((err: unknown) => notifyError(t, err));
  };
  const active = e?.status === 'registered';
  const may = (channel: Channel) => e !== undefined && mayAct(channel, e.level);
  const row = (label: MessageKey, value: string | null | undefined) => (
    <div>
      <Text size="xs" c="dimmed">
        {t(label)}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {value || '—'}
      </Text>
    </div>
  );

  return (
    <Drawer
      opened={props.id !== null}
      onClose={props.onClose}
      closeOnEscape={false}
      onKeyDown={escapeWithin(props.onClose)}
      position="right"
      size="xl"
      title={
        e ? t('docs.detail', { n: e.number, register: t(`docs.register.${e.register}` as MessageKey) }) : ''
      }
    >
      {error && <Text c="red">{error}</Text>}
      {e && detail && (
        <Stack data-testid="doc-detail">
          <Group gap="xs">
            {e.level !== 'none' && (
              <Badge color="red" variant="filled">
                {t(`clearance.${e.level}` as MessageKey)}
              </Badge>
            )}
            <Badge color={e.status === 'registered' ? 'blue' : 'gray'}>
              {t(`docs.status.${e.status}` as MessageKey)}
            </Badge>
            {e.declassifiedAt && (
              <Badge color="green">
                {t('docs.declassifiedAt')} {formatDate(e.declassifiedAt)}
              </Badge>
            )}
            {overdueDays(e, vnIsoDate(new Date())) > 0 && (
              <Badge color="orange" variant="filled" data-testid="doc-detail-overdue">
                {t('docs.overdueDays', { n: overdueDays(e, vnIsoDate(new Date())) })}
              </Badge>
            )}
            {e.holder && (
              <Badge variant="outline">
                {t('docs.holder')}: {e.holder}
              </Badge>
            )}
          </Group>
          {e.restricted ? (
            <Text c="dimmed" fs="italic" data-testid="doc-restricted">
              {t('docs.restricted', { level: t(`clearance.${e.level}` as MessageKey) })}
            </Text>
          ) : (
            <>
              <Group align="flex-start" justify="space-between" wrap="nowrap">
                <SimpleGrid cols={2} spacing="sm" style={{ flex: 1 }}>
                  {row('docs.symbol', e.symbol)}
                  {row('docs.type', e.type ? DOC_TYPE_LABELS_VI[e.type] : '')}
                  {row('docs.documentDate', e.documentDate ? formatDate(e.documentDate) : '')}
                  {row('docs.registeredAt', formatDateTime(e.registeredAt))}
                  {e.direction === 'in' ? row('docs.sender', e.sender) : row('docs.signer', e.signer)}
                  {(e.direction === 'out' || (e.recipients?.length ?? 0) > 0) &&
                    row('docs.recipients', (e.recipients ?? []).join('; '))}
                  {row('docs.urgency', e.urgency ? t(`docs.urgency.${e.urgency}` as MessageKey) : '')}
                  {row('docs.handler', e.handler)}
                  {row('docs.deadline', e.deadline ? formatDate(e.deadline) : '')}
                  {row('docs.protectUntil', e.protectUntil ? formatDate(e.protectUntil) : '')}
                </SimpleGrid>
                {e.direction === 'in' && <DocStamp entry={e} officeName={props.officeName} />}
              </Group>
              {row('docs.summary', e.summary)}
              {e.notes && row('docs.notes', e.notes)}
              <Group align="flex-end">
                <Select
                  label={t('docs.processing')}
                  data-testid="doc-processing"
                  disabled={!active || !can('docs.setProcessing')}
                  data={PROCESSING.map((p) => ({ value: p, label: t(`docs.processing.${p}` as MessageKey) }))}
                  value={e.processing}
                  allowDeselect={false}
                  onChange={(v) => v && saveProcessing(v as DocProcessing, e.replyId)}
                  w={180}
                />
                {e.direction === 'in' && (
                  <Select
                    label={t('docs.reply')}
                    placeholder={t('docs.replyHint')}
                    searchable
                    clearable
                    disabled={!active || !can('docs.setProcessing')}
                    style={{ flex: 1 }}
                    data={replyOptions}
                    value={e.replyId}
                    searchValue={replyQuery}
                    onSearchChange={setReplyQuery}
                    // Linking the reply marks the incoming document done.
                    onChange={(v) => saveProcessing(v ? 'done' : (e.processing ?? 'pending'), v)}
                  />
                )}
                {e.direction === 'in' && can('docs.printHandlingSlip') && (
                  <Button
                    variant="light"
                    data-testid="doc-print-slip"
                    // No loading state: a disabled button drops the focus, and Escape would no longer
                    // close the drawer. A second click while the first prints is ignored.
                    onClick={() => {
                      if (!slip.busy)
                        void slip.save(() => invoke('docs.printHandlingSlip', { documentId: e.id }));
                    }}
                  >
                    {t('docs.printSlip')}
                  </Button>
                )}
              </Group>
              <Tabs defaultValue="attachments" keepMounted={false}>
                <Tabs.List>
                  <Tabs.Tab value="attachments">
                    {t('docs.tab.attachments', { n: detail.attachments.length })}
                  </Tabs.Tab>
                  <Tabs.Tab value="transfers" data-testid="tab-transfers">
                    {t('docs.tab.transfers', { n: detail.transfers.length })}
                  </Tabs.Tab>
                  <Tabs.Tab value="copies" data-testid="tab-copies">
                    {t('docs.tab.copies', { n: detail.copies.length })}
                  </Tabs.Tab>
                  <Tabs.Tab value="decisions" data-testid="tab-decisions">
                    {t('docs.tab.decisions', { n: detail.decisions.length })}
                  </Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="attachments" pt="sm">
                  <FilesPanel
                    files={detail.attachments}
                    add={
                      may('docs.attach') && active
                        ? (f) => invoke('docs.attach', { documentId: e.id, ...f })
                        : undefined
                    }
                    accept="application/pdf,image/png,image/jpeg"
                    addLabel={t('docs.att.add')}
                    load={loadAttachment}
                    exportFile={detail.mayExportAttachments ? exportAttachment : undefined}
                    onChanged={changed}
                  />
                </Tabs.Panel>
                <Tabs.Panel value="transfers" pt="sm">
                  <TransfersPanel
                    documentId={e.id}
                    transfers={detail.transfers}
                    canAct={may('docs.transfer') && active}
                    onChanged={changed}
                  />
                </Tabs.Panel>
                <Tabs.Panel value="copies" pt="sm">
                  <CopiesPanel
                    documentId={e.id}
                    copies={detail.copies}
                    canAct={may('docs.recordCopies') && active}
                    onChanged={changed}
                  />
                </Tabs.Panel>
                <Tabs.Panel value="decisions" pt="sm">
                  <DecisionsPanel
                    entry={e}
                    decisions={detail.decisions}
                    canAct={may('docs.decide')}
                    onChanged={changed}
                  />
                </Tabs.Panel>
              </Tabs>
            </>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

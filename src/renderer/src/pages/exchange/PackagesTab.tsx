import {
  Badge,
  Button,
  Code,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Progress,
  Radio,
  Select,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  can,
  PACKAGE_REASONS_VI,
  type ExchangeOffice,
  type PackageLogEntry,
  type PackageOutcome,
  type SentPackage,
  type SessionUser,
  type TypeCounts,
} from '../../../../shared/contract';
import { chooseFolder, invoke, isDesktop } from '../../api/client';
import { DateText } from '../../components/DateText';
import { fieldErrors, notifyError, notifyOk } from '../../components/errors';
import { useI18n, type MessageKey } from '../../i18n';
import { RecordPicker, type Candidate } from './RecordPicker';
import { ResolveForkModal, type ForkToResolve } from './ResolveForkModal';

type T = ReturnType<typeof useI18n>['t'];

/** Vietnamese names of the record types that travel (the table or policy name otherwise). */
const TYPE_KEYS: Record<string, MessageKey> = {
  plan_events: 'exchange.pkg.type.plan_events',
  plans: 'exchange.pkg.type.plans',
  plan_tasks: 'exchange.pkg.type.plan_tasks',
  plan_progress: 'exchange.pkg.type.plan_progress',
  plan_evidence: 'exchange.pkg.type.plan_evidence',
  contacts: 'exchange.pkg.type.contacts',
  organizations: 'exchange.pkg.type.organizations',
  documents: 'exchange.pkg.type.documents',
  'exchange.office': 'exchange.pkg.type.office',
  inspection_checklists: 'exchange.pkg.type.inspection_checklists',
  inspections: 'exchange.pkg.type.inspections',
  inspection_results: 'exchange.pkg.type.inspection_results',
  inspection_findings: 'exchange.pkg.type.inspection_findings',
  inspection_actions: 'exchange.pkg.type.inspection_actions',
  inspection_files: 'exchange.pkg.type.inspection_files',
  self_inspections: 'exchange.pkg.type.self_inspections',
};
const typeName = (t: T, type: string) => (TYPE_KEYS[type] ? t(TYPE_KEYS[type]) : type);
export const reasonText = (code: string | null, fallback = '') =>
  code ? (PACKAGE_REASONS_VI[code] ?? code) : fallback;
const shortHash = (h: string | null) => (h ? h.slice(0, 12) : '');
/** Office names by code, from the directory (readers of the log only may not read it: codes then). */
type NameOf = (code: string | null) => string;
function useNameOf(user: SessionUser): NameOf {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const reads = can(user, 'exchange.directoryList');
  useEffect(() => {
    if (!reads) return;
    invoke('exchange.directoryList', { includeRevoked: true }).then(
      (d) => setNames(new Map(d.offices.map((o) => [o.code, o.name]))),
      () => undefined,
    );
  }, [reads]);
  return useCallback(
    (code) => (code ? (names.has(code) ? `${names.get(code)} (${code})` : code) : ''),
    [names],
  );
}
const sizeText = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1).replace('.', ',')} KB`);

/** Polls the core's progress while `busy`: { done, total } of the running export/preview/import. */
function useProgress(busy: boolean) {
  const [p, setP] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => {
    if (!busy) {
      setP(null);
      return;
    }
    const timer = setInterval(() => {
      invoke('exchange.packagesProgress', {}).then(
        (r) => setP(r ? { done: r.done, total: r.total } : null),
        () => undefined,
      );
    }, 300);
    return () => clearInterval(timer);
  }, [busy]);
  return p;
}

function ProgressLine(props: { busy: boolean; p: { done: number; total: number } | null }) {
  const { t } = useI18n();
  if (!props.busy) return null;
  const { done, total } = props.p ?? { done: 0, total: 0 };
  return (
    <Stack gap={4} data-testid="pkg-progress">
      <Progress value={total ? (100 * done) / total : 0} animated striped />
      <Text size="xs" c="dimmed">
        {t('exchange.pkg.progress', { done: String(done), total: String(total) })}
      </Text>
    </Stack>
  );
}

/** A folder (or file) path typed, or chosen in the desktop app. */
function PathField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId: string;
  hint?: string;
  /** The core's refusal of this folder (missing, not writable), in the UI's language. */
  error?: string | undefined;
}) {
  const { t } = useI18n();
  // Browser mode has no folder dialog: the core lists where a USB stick is likely mounted.
  const [drives, setDrives] = useState<string[]>([]);
  useEffect(() => {
    if (isDesktop()) return;
    invoke('exchange.removableFolders', {}).then(
      (r) => setDrives(r.folders),
      () => setDrives([]), // only a convenience: the path can still be typed
    );
  }, []);
  return (
    <Group align="flex-start">
      <TextInput
        label={props.label}
        description={props.hint}
        value={props.value}
        error={props.error}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        data-testid={props.testId}
        style={{ flex: 1 }}
        spellCheck={false}
      />
      {drives.length > 0 && (
        <Select
          label={t('exchange.pkg.drives')}
          placeholder={t('exchange.pkg.drivesPick')}
          data={drives}
          value={drives.includes(props.value) ? props.value : null}
          onChange={(v) => v && props.onChange(v)}
          data-testid={`${props.testId}-drive`}
          w={260}
        />
      )}
      {isDesktop() && (
        <Button
          variant="default"
          mt={24}
          onClick={async () => {
            const dir = await chooseFolder();
            if (dir) props.onChange(dir);
          }}
        >
          {t('admin.chooseFolder')}
        </Button>
      )}
    </Group>
  );
}

// ---- Gửi ----

function SendPanel(props: { nameOf: NameOf }) {
  const { t } = useI18n();
  const [offices, setOffices] = useState<ExchangeOffice[]>([]);
  const [mode, setMode] = useState<'codes' | 'group' | 'all'>('codes');
  const [codes, setCodes] = useState<string[]>([]);
  const [group, setGroup] = useState<string | null>(null);
  const [what, setWhat] = useState<'changes' | 'select'>('changes');
  const [chosen, setChosen] = useState<Candidate[]>([]);
  const [outDir, setOutDir] = useState('');
  const [outDirError, setOutDirError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<SentPackage[] | null>(null);
  const progress = useProgress(busy);
  useEffect(() => {
    invoke('exchange.directoryList', { includeRevoked: false }).then(
      (d) => setOffices(d.offices.filter((o) => o.active)),
      (err: unknown) => notifyError(t, err),
    );
  }, [t]);
  const groups = useMemo(() => [...new Set(offices.flatMap((o) => o.groups))].sort(), [offices]);
  const groupLabel = (g: string) =>
    g === 'xa' ? t('exchange.pkg.group.xa') : t('exchange.pkg.group', { group: g });
  // Memoised: the picker searches again when the recipients change.
  const to = useMemo(
    () =>
      mode === 'all'
        ? { all: true }
        : mode === 'codes'
          ? codes.length > 0
            ? { codes }
            : null
          : group !== null
            ? { group }
            : null,
    [mode, codes, group],
  );
  const ready = outDir.trim() !== '' && to !== null && (what === 'changes' || chosen.length > 0);
  const send = async () => {
    setBusy(true);
    setSent(null);
    try {
      const byType = new Map<string, string[]>();
      for (const c of chosen) byType.set(c.type, [...(byType.get(c.type) ?? []), c.id]);
      const select = what === 'select' ? [...byType].map(([type, ids]) => ({ type, ids })) : undefined;
      const r = await invoke('exchange.packagesExport', {
        to: to!,
        ...(select ? { select } : {}),
        outDir: outDir.trim(),
      });
      setSent(r.files);
    } catch (err) {
      const folder = fieldErrors(t, err).outDir;
      if (folder) setOutDirError(folder);
      else notifyError(t, err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack maw={960}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !busy) void send();
        }}
      >
        <Stack>
          <Radio.Group label={t('exchange.pkg.to')} value={mode} onChange={(v) => setMode(v as typeof mode)}>
            <Group mt="xs">
              <Radio value="codes" label={t('exchange.pkg.to.codes')} data-testid="pkg-to-codes" />
              <Radio value="group" label={t('exchange.pkg.to.group')} data-testid="pkg-to-group" />
              <Radio value="all" label={t('exchange.pkg.to.all')} data-testid="pkg-to-all" />
            </Group>
          </Radio.Group>
          {mode === 'codes' && (
            <MultiSelect
              label={t('exchange.pkg.offices')}
              data={offices.map((o) => ({ value: o.code, label: `${o.name} (${o.code})` }))}
              value={codes}
              onChange={setCodes}
              searchable
              data-testid="pkg-offices"
            />
          )}
          {mode === 'group' && (
            <Select
              label={t('exchange.pkg.group.label')}
              data={groups.map((g) => ({ value: g, label: groupLabel(g) }))}
              value={group}
              onChange={setGroup}
              data-testid="pkg-group"
            />
          )}
          <Radio.Group
            label={t('exchange.pkg.what')}
            value={what}
            onChange={(v) => setWhat(v as typeof what)}
          >
            <Group mt="xs">
              <Radio value="changes" label={t('exchange.pkg.what.changes')} data-testid="pkg-what-changes" />
              <Radio value="select" label={t('exchange.pkg.what.select')} data-testid="pkg-what-select" />
            </Group>
          </Radio.Group>
          {what === 'select' && (
            <RecordPicker
              to={to}
              types={Object.keys(TYPE_KEYS)}
              typeName={(k) => typeName(t, k)}
              chosen={chosen}
              onChange={setChosen}
            />
          )}
          <PathField
            label={t('exchange.pkg.outDir')}
            hint={t('exchange.pkg.outDirHint')}
            value={outDir}
            onChange={(v) => {
              setOutDir(v);
              setOutDirError(undefined);
            }}
            error={outDirError}
            testId="pkg-out-dir"
          />
          <Group>
            <Button type="submit" disabled={!ready} loading={busy} data-testid="pkg-send">
              {t('exchange.pkg.send')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ProgressLine busy={busy} p={progress} />
      {sent && (
        <Paper withBorder p="md" data-testid="pkg-sent">
          <Title order={4} mb="xs">
            {t('exchange.pkg.sentTitle', { n: String(sent.length) })}
          </Title>
          {sent.length === 0 ? (
            <Text size="sm">{t('exchange.pkg.nothingSent')}</Text>
          ) : (
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('exchange.pkg.office')}</Table.Th>
                  <Table.Th>{t('exchange.pkg.file')}</Table.Th>
                  <Table.Th>{t('exchange.pkg.seq')}</Table.Th>
                  <Table.Th>{t('exchange.pkg.records')}</Table.Th>
                  <Table.Th>{t('exchange.pkg.size')}</Table.Th>
                  <Table.Th>{t('exchange.pkg.hash')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sent.map((f) => (
                  <Table.Tr key={f.path} data-testid={`pkg-sent-${f.office}`}>
                    <Table.Td>{props.nameOf(f.office)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{f.fileName}</Text>
                      <Text size="xs" c="dimmed">
                        {f.path}
                      </Text>
                    </Table.Td>
                    <Table.Td>{f.sequence}</Table.Td>
                    <Table.Td>{f.records}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{sizeText(f.size)}</Table.Td>
                    <Table.Td>
                      <Code title={f.hash}>{shortHash(f.hash)}</Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}
    </Stack>
  );
}

// ---- Nhận ----

const VERDICT_COLOR: Record<PackageOutcome['result'], string> = {
  applied: 'green',
  'already-applied': 'gray',
  rejected: 'red',
  quarantined: 'orange',
};

function Counts(props: { counts: TypeCounts }) {
  const { t } = useI18n();
  const rows = Object.entries(props.counts);
  if (rows.length === 0)
    return (
      <Text size="xs" c="dimmed">
        {t('exchange.pkg.noRecords')}
      </Text>
    );
  return (
    <Table withTableBorder fz="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('exchange.pkg.type')}</Table.Th>
          <Table.Th>{t('exchange.pkg.new')}</Table.Th>
          <Table.Th>{t('exchange.pkg.updated')}</Table.Th>
          <Table.Th>{t('exchange.pkg.deleted')}</Table.Th>
          <Table.Th>{t('exchange.pkg.unchanged')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([type, c]) => (
          <Table.Tr key={type}>
            <Table.Td>{typeName(t, type)}</Table.Td>
            <Table.Td>{c.new}</Table.Td>
            <Table.Td>{c.updated}</Table.Td>
            <Table.Td>{c.deleted}</Table.Td>
            <Table.Td>{c.unchanged}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Outcomes(props: { items: PackageOutcome[]; preview: boolean; testId: string; nameOf: NameOf }) {
  const { t } = useI18n();
  return (
    <Table withTableBorder data-testid={props.testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('exchange.pkg.file')}</Table.Th>
          <Table.Th>{t('exchange.pkg.sender')}</Table.Th>
          <Table.Th>{t('exchange.pkg.seq')}</Table.Th>
          <Table.Th>{t('exchange.pkg.result')}</Table.Th>
          <Table.Th>{t('exchange.pkg.contents')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.items.map((p) => (
          <Table.Tr key={p.file} data-testid="pkg-outcome">
            <Table.Td>
              <Text size="sm">{p.file.split(/[\\/]/).pop()}</Text>
              {p.hash && <Code title={p.hash}>{shortHash(p.hash)}</Code>}
            </Table.Td>
            <Table.Td>{props.nameOf(p.sender)}</Table.Td>
            <Table.Td>{p.sequence ?? ''}</Table.Td>
            <Table.Td>
              <Badge color={VERDICT_COLOR[p.result]} variant="light" data-testid="pkg-verdict">
                {t(
                  props.preview && p.result === 'applied'
                    ? 'exchange.pkg.verdict.willApply'
                    : (`exchange.pkg.verdict.${p.result}` as MessageKey),
                )}
              </Badge>
              {p.reason && (
                <Text size="xs" c={p.result === 'already-applied' ? 'dimmed' : 'red'} mt={4} maw={320}>
                  {reasonText(p.reason)}
                  {p.missing &&
                    ` ${t('exchange.pkg.missing', { from: String(p.missing.from), to: String(p.missing.to) })}`}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {p.receipt && (
                <Text size="sm" data-testid="pkg-is-receipt">
                  {t('exchange.pkg.receiptContents')}
                </Text>
              )}
              {p.result === 'applied' && (!p.receipt || Object.keys(p.counts).length > 0) && (
                <Counts counts={p.counts} />
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ReceivePanel(props: { nameOf: NameOf }) {
  const { t } = useI18n();
  const [path, setPath] = useState('');
  const [receiptsDir, setReceiptsDir] = useState('');
  const [receiptsError, setReceiptsError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<PackageOutcome[] | null>(null);
  const [result, setResult] = useState<{ packages: PackageOutcome[]; receipts: SentPackage[] } | null>(null);
  const progress = useProgress(busy);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      const folder = fieldErrors(t, err).receiptsDir;
      if (folder) setReceiptsError(folder);
      else notifyError(t, err);
    } finally {
      setBusy(false);
    }
  };
  const doPreview = () =>
    run(async () => {
      setResult(null);
      setPreview((await invoke('exchange.packagesPreview', { path: path.trim() })).packages);
    });
  const doImport = () =>
    run(async () => {
      const r = await invoke('exchange.packagesImport', {
        path: path.trim(),
        ...(receiptsDir.trim() ? { receiptsDir: receiptsDir.trim() } : {}),
      });
      setPreview(null);
      setResult(r);
    });
  const applicable = preview?.filter((p) => p.result === 'applied').length ?? 0;
  return (
    <Stack maw={1100}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim() && !busy) void doPreview();
        }}
      >
        <Stack>
          <PathField
            label={t('exchange.pkg.inPath')}
            hint={t('exchange.pkg.inPathHint')}
            value={path}
            onChange={(v) => {
              setPath(v);
              setPreview(null);
            }}
            testId="pkg-in-path"
          />
          <PathField
            label={t('exchange.pkg.receiptsDir')}
            hint={t('exchange.pkg.receiptsDirHint')}
            value={receiptsDir}
            onChange={(v) => {
              setReceiptsDir(v);
              setReceiptsError(undefined);
            }}
            error={receiptsError}
            testId="pkg-receipts-dir"
          />
          <Group>
            <Button
              type="submit"
              variant="light"
              disabled={!path.trim()}
              loading={busy && !preview}
              data-testid="pkg-preview"
            >
              {t('exchange.pkg.preview')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ProgressLine busy={busy} p={progress} />
      {preview && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('exchange.pkg.previewTitle', { n: String(preview.length), ok: String(applicable) })}
          </Title>
          <Outcomes items={preview} preview testId="pkg-preview-list" nameOf={props.nameOf} />
          <Group mt="md">
            <Button
              onClick={() => void doImport()}
              disabled={applicable === 0}
              loading={busy}
              data-testid="pkg-apply"
            >
              {t('exchange.pkg.apply', { n: String(applicable) })}
            </Button>
            <Button variant="default" onClick={() => setPreview(null)} disabled={busy}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Paper>
      )}
      {result && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('exchange.pkg.resultTitle')}
          </Title>
          <Outcomes items={result.packages} preview={false} testId="pkg-result-list" nameOf={props.nameOf} />
          {result.receipts.length > 0 && (
            <Stack gap={4} mt="md" data-testid="pkg-receipts">
              <Text size="sm" fw={600}>
                {t('exchange.pkg.receipts')}
              </Text>
              {result.receipts.map((r) => (
                <Text size="sm" key={r.path}>
                  {props.nameOf(r.office)}: <Code>{r.path}</Code>
                </Text>
              ))}
            </Stack>
          )}
        </Paper>
      )}
    </Stack>
  );
}

// ---- Nhật ký ----

const LOG_COLOR: Record<PackageLogEntry['result'], string> = { sent: 'blue', ...VERDICT_COLOR };

/**
 * Writes again, unchanged, the packages an office has not acknowledged (a file lost on the way):
 * it applies the copies as the originals and its gap closes.
 */
function ResendModal(props: { office: string | null; nameOf: NameOf; onClose: () => void }) {
  const { t } = useI18n();
  const [outDir, setOutDir] = useState('');
  const [outDirError, setOutDirError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const { office } = props;
  const resend = async () => {
    if (!office) return;
    setBusy(true);
    try {
      const r = await invoke('exchange.packagesResend', { office, outDir: outDir.trim() });
      notifyOk(t('exchange.pkg.resent', { n: String(r.files.length), dir: outDir.trim() }));
      props.onClose();
    } catch (err) {
      const folder = fieldErrors(t, err).outDir;
      if (folder) setOutDirError(folder);
      else notifyError(t, err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={office !== null} onClose={props.onClose} title={t('exchange.pkg.resend')}>
      <Stack>
        <Text size="sm">{t('exchange.pkg.resendHint', { office: props.nameOf(office) })}</Text>
        <PathField
          label={t('exchange.pkg.outDir')}
          value={outDir}
          onChange={(v) => {
            setOutDir(v);
            setOutDirError(undefined);
          }}
          error={outDirError}
          testId="pkg-resend-dir"
        />
        <Group justify="flex-end">
          <Button
            onClick={() => void resend()}
            loading={busy}
            disabled={outDir.trim() === ''}
            data-testid="pkg-resend-go"
          >
            {t('exchange.pkg.resend')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function LogPanel(props: { admin: boolean; moves: boolean; nameOf: NameOf }) {
  const { t } = useI18n();
  const [resending, setResending] = useState<string | null>(null);
  const [resolving, setResolving] = useState<ForkToResolve | null>(null);
  const [log, setLog] = useState<PackageLogEntry[]>([]);
  const [peers, setPeers] = useState<Awaited<ReturnType<typeof loadPeers>> | null>(null);
  const load = useCallback(() => {
    invoke('exchange.packagesLog', { limit: 200 }).then(
      (r) => setLog(r.items),
      (err: unknown) => notifyError(t, err),
    );
    loadPeers().then(setPeers, (err: unknown) => notifyError(t, err));
  }, [t]);
  useEffect(load, [load]);
  const cell = (iso: string | null) => <DateText iso={iso} withTime empty="—" />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={4}>{t('exchange.pkg.peers')}</Title>
        <Button variant="default" size="xs" onClick={load} data-testid="pkg-log-reload">
          {t('exchange.pkg.reload')}
        </Button>
      </Group>
      <Table withTableBorder data-testid="pkg-peers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exchange.pkg.office')}</Table.Th>
            <Table.Th>{t('exchange.pkg.lastSent')}</Table.Th>
            <Table.Th>{t('exchange.pkg.lastApplied')}</Table.Th>
            <Table.Th>{t('exchange.pkg.lastAcked')}</Table.Th>
            <Table.Th>{t('exchange.pkg.behind')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {peers?.peers.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>{t('exchange.pkg.noPeers')}</Table.Td>
            </Table.Tr>
          )}
          {peers?.peers.map((p) => (
            <Table.Tr
              key={p.office}
              data-testid={`pkg-peer-${p.office}`}
              data-behind={p.behind > 0 || p.missing ? 'true' : 'false'}
              bg={p.behind > 0 || p.missing ? 'var(--mantine-color-yellow-light)' : undefined}
            >
              <Table.Td>{props.nameOf(p.office)}</Table.Td>
              <Table.Td>
                {p.sentSeq ? `#${p.sentSeq} · ` : ''}
                {cell(p.sentAt)}
              </Table.Td>
              <Table.Td>
                {p.appliedSeq ? `#${p.appliedSeq} · ` : ''}
                {cell(p.appliedAt)}
              </Table.Td>
              <Table.Td>
                {p.ackedSeq ? `#${p.ackedSeq} · ` : ''}
                {cell(p.ackedAt)}
              </Table.Td>
              <Table.Td>
                {p.behind > 0
                  ? t('exchange.pkg.behindN', { n: String(p.behind) })
                  : t('exchange.pkg.upToDate')}
                {p.missing && (
                  <Text size="xs" c="red">
                    {t('exchange.pkg.missing', { from: String(p.missing.from), to: String(p.missing.to) })}
                  </Text>
                )}
                {/* Any package not acknowledged can be written again, a lost receipt included. */}
                {props.moves && p.sentSeq > p.ackedSeq && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    data-testid={`pkg-resend-${p.office}`}
                    onClick={() => setResending(p.office)}
                  >
                    {t('exchange.pkg.resend')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ResendModal office={resending} nameOf={props.nameOf} onClose={() => setResending(null)} />
      <ResolveForkModal
        fork={resolving}
        onClose={() => setResolving(null)}
        onResolved={() => {
          setResolving(null);
          notifyOk(t('exchange.fork.resolved'));
          load();
        }}
      />
      {props.admin && peers && peers.quarantine.length > 0 && (
        <>
          <Title order={4} c="orange">
            {t('exchange.pkg.quarantine')}
          </Title>
          <Table withTableBorder data-testid="pkg-quarantine">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('exchange.pkg.time')}</Table.Th>
                <Table.Th>{t('exchange.pkg.office')}</Table.Th>
                <Table.Th>{t('exchange.pkg.seq')}</Table.Th>
                <Table.Th>{t('exchange.pkg.hash')}</Table.Th>
                <Table.Th>{t('exchange.pkg.detail')}</Table.Th>
                <Table.Th>{t('exchange.fork.resolution')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {peers.quarantine.map((q) => (
                <Table.Tr key={q.id} data-testid={`fork-${q.id}`} data-resolution={q.resolution ?? 'none'}>
                  <Table.Td>{cell(q.at)}</Table.Td>
                  <Table.Td>{props.nameOf(q.office)}</Table.Td>
                  <Table.Td>{q.sequence}</Table.Td>
                  <Table.Td>
                    <Code title={q.hash}>{shortHash(q.hash)}</Code> /{' '}
                    <Code title={q.appliedHash ?? ''}>{shortHash(q.appliedHash)}</Code>
                  </Table.Td>
                  <Table.Td>{q.detail}</Table.Td>
                  <Table.Td>
                    {q.resolution ? (
                      t(q.resolution === 'kept' ? 'exchange.fork.kept' : 'exchange.fork.restarted', {
                        by: q.resolvedBy ?? '',
                        reason: q.resolvedReason ?? '',
                      })
                    ) : (
                      <Group gap="xs">
                        <Button
                          size="compact-xs"
                          variant="light"
                          data-testid={`fork-keep-${q.id}`}
                          onClick={() => setResolving({ ...q, action: 'keep' })}
                        >
                          {t('exchange.fork.keep')}
                        </Button>
                        {q.appliedHash && (
                          <Button
                            size="compact-xs"
                            variant="light"
                            color="orange"
                            data-testid={`fork-restart-${q.id}`}
                            onClick={() => setResolving({ ...q, action: 'restart' })}
                          >
                            {t('exchange.fork.restart')}
                          </Button>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Title order={4}>{t('exchange.pkg.log')}</Title>
      <Table withTableBorder striped data-testid="pkg-log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exchange.pkg.time')}</Table.Th>
            <Table.Th>{t('exchange.pkg.direction')}</Table.Th>
            <Table.Th>{t('exchange.pkg.office')}</Table.Th>
            <Table.Th>{t('exchange.pkg.seq')}</Table.Th>
            <Table.Th>{t('exchange.pkg.result')}</Table.Th>
            <Table.Th>{t('exchange.pkg.hash')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {log.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>{t('exchange.pkg.noLog')}</Table.Td>
            </Table.Tr>
          )}
          {log.map((e) => (
            <Table.Tr key={e.id} data-testid="pkg-log-row">
              <Table.Td>{cell(e.at)}</Table.Td>
              <Table.Td>
                {t(e.direction === 'in' ? 'exchange.pkg.dir.in' : 'exchange.pkg.dir.out')}
                {e.receipt ? ` · ${t('exchange.pkg.receipt')}` : ''}
              </Table.Td>
              <Table.Td>
                {e.direction === 'in' ? props.nameOf(e.sender) : e.recipients.map(props.nameOf).join(', ')}
              </Table.Td>
              <Table.Td>{e.sequence ?? ''}</Table.Td>
              <Table.Td>
                <Badge color={LOG_COLOR[e.result]} variant="light">
                  {t(`exchange.pkg.verdict.${e.result}` as MessageKey)}
                </Badge>
                {e.reason && e.result !== 'already-applied' && (
                  <Text size="xs" c="red" maw={320}>
                    {reasonText(e.reason)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Code title={e.hash}>{shortHash(e.hash)}</Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

const loadPeers = () => invoke('exchange.peers', {});

/** Gói dữ liệu: send, receive (preview, then apply) and the log of every package in and out. */
export function PackagesTab(props: { user: SessionUser }) {
  const { t } = useI18n();
  const moves = can(props.user, 'exchange.packagesExport');
  const nameOf = useNameOf(props.user);
  const [part, setPart] = useState(moves ? 'send' : 'log');
  const parts: { value: string; label: ReactNode }[] = [
    ...(moves
      ? [
          { value: 'send', label: t('exchange.pkg.part.send') },
          { value: 'receive', label: t('exchange.pkg.part.receive') },
        ]
      : []),
    { value: 'log', label: t('exchange.pkg.part.log') },
  ];
  return (
    <Stack>
      {parts.length > 1 && (
        <SegmentedControl
          value={part}
          onChange={setPart}
          data={parts.map((p) => ({
            value: p.value,
            label: <span data-testid={`pkg-part-${p.value}`}>{p.label}</span>,
          }))}
          w="fit-content"
        />
      )}
      {part === 'send' && <SendPanel nameOf={nameOf} />}
      {part === 'receive' && <ReceivePanel nameOf={nameOf} />}
      {part === 'log' && <LogPanel admin={props.user.role === 'admin'} moves={moves} nameOf={nameOf} />}
    </Stack>
  );
}

import {
  Alert,
  Anchor,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import {
  DOC_TYPE_LABELS_VI,
  DOC_TYPES,
  type Clearance,
  type DocEntry,
  type DocType,
  type DraftingUnit,
  DocUrgency,
  type Organization,
  type OutputOf,
} from '../../../../shared/contract';
import { formatDate, parseDate } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { DateField, dateMessage } from '../../components/DateField';
import { clearDraft, loadDraft, saveDraft } from '../../components/drafts';
import { FormModal } from '../../components/FormModal';
import { foldFilter } from '../../components/selectFilter';
import { usePermissions } from '../../components/usePermissions';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import {
  draftOf,
  EMPTY_REGISTER_FORM,
  isFilled,
  registerProblems,
  SUMMARY_MAX,
  type RegisterForm,
  type RegisterProblem,
} from './registerForm';
import { useDocPermissions } from './useDocPermissions';

const DRAFT = 'register';

function problemText(t: Translate, p: RegisterProblem): string {
  if ('date' in p) return dateMessage(t, p.date) ?? '';
  if ('tooLong' in p) return t('field.too_big', { n: p.tooLong });
  return t('docs.consentNeeded');
}

/** Whether this user has a register form left half-filled (kept across a lock). */
export const hasRegisterDraft = (userName: string): boolean =>
  loadDraft<RegisterForm>(DRAFT, userName) !== null;

/** The key of what names a document: a possible duplicate is asked about once per key. */
const similarKey = (f: RegisterForm) =>
  `${f.direction}|${f.symbol.trim()}|${f.sender.trim()}|${f.documentDate}`;

/** "Giấy mời (GM)": the name with the Nghị định 30/2020 abbreviation the symbol carries. */
const typeLabel = (d: DocType) =>
  d === 'CV' || d === 'other' ? DOC_TYPE_LABELS_VI[d] : `${DOC_TYPE_LABELS_VI[d]} (${d})`;

/** Registers one incoming or outgoing document; the core gives the number. */
export function RegisterDocModal(props: {
  opened: boolean;
  onClose: () => void;
  onSaved: (r: OutputOf<'docs.register'>) => void;
  /** Opens an existing entry (from the duplicate warning). */
  onOpenEntry?: (id: string) => void;
}) {
  const { t } = useI18n();
  const userName = usePermissions().user?.userName ?? '';
  // Only the levels the core would register for this user (role and clearance).
  const { levels } = useDocPermissions();
  const [f, setF] = useState(EMPTY_REGISTER_FORM);
  const [restored, setRestored] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [orgs, setOrgs] = useState<Organization[]>([]);
  // Entries that look like this one, and the symbol/sender/date they were found for.
  const [found, setFound] = useState<{ key: string; items: DocEntry[] }>({ key: '', items: [] });
  const similar = found.key === similarKey(f) ? found.items : [];
  const edit = (patch: Partial<RegisterForm>) => {
    setF((p) => ({ ...p, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };
  const [units, setUnits] = useState<DraftingUnit[]>([]);
  useEffect(() => {
    const draft = props.opened ? loadDraft<RegisterForm>(DRAFT, userName) : null;
    setF(draft ? { ...EMPTY_REGISTER_FORM, ...draft } : EMPTY_REGISTER_FORM);
    setRestored(draft !== null);
    setErrors({});
    setFound({ key: '', items: [] });
    // The office's drafting units, for the symbol of an outgoing letter (08/SKHCN-VP).
    if (props.opened)
      invoke('settings.office', {})
        .then((o) => setUnits(o.draftingUnits))
        .catch(() => setUnits([]));
    // The directory's organisations are offered for the sender and the recipients (free text still allowed).
    if (props.opened)
      invoke('contacts.orgs.list', {})
        .then(setOrgs)
        .catch(() => setOrgs([]));
  }, [props.opened, userName]);
  // Kept as typed, for this user, so a lock does not lose it; a classified form never is.
  useEffect(() => {
    if (!props.opened) return;
    const draft = draftOf(f);
    if (draft) saveDraft(DRAFT, userName, draft);
    else clearDraft(DRAFT, userName);
  }, [f, props.opened, userName]);
  const orgNames = [...new Set(orgs.map((o) => o.name))];

  // A possible duplicate is shown as soon as the symbol, sender and date name one.
  const [watched] = useDebouncedValue(f, 400);
  useEffect(() => {
    const documentDate = parseDate(watched.documentDate);
    if (!props.opened || !watched.symbol.trim() || !documentDate) return;
    let live = true;
    const key = similarKey(watched);
    invoke('docs.findSimilar', {
      direction: watched.direction,
      symbol: watched.symbol,
      sender: watched.direction === 'in' ? watched.sender : '',
      documentDate,
    })
      .then((items) => live && setFound({ key, items }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [watched.direction, watched.symbol, watched.sender, watched.documentDate, props.opened]);

  const summaryLength = f.summary.length;
  return (
    <FormModal
      opened={props.opened}
      title={t('docs.add')}
      size="xl"
      saveTestId="doc-save"
      saveLabel={similar.length > 0 ? t('docs.similar.save') : undefined}
      onClose={props.onClose}
      onErrors={setErrors}
      dirty={isFilled(f)}
      onDiscard={() => clearDraft(DRAFT, userName)}
      notice={
        similar.length > 0 && (
          <Alert color="orange" mt="md" data-testid="doc-similar" title={t('docs.similar.title')}>
            <List size="sm" spacing={2}>
              {similar.map((d) => (
                <List.Item key={d.id}>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => props.onOpenEntry?.(d.id)}
                    data-testid="doc-similar-entry"
                  >
                    {t('docs.similar.entry', {
                      register: t(`docs.register.${d.register}` as MessageKey),
                      n: d.number,
                      date: formatDate(d.registeredAt),
                      symbol: d.symbol,
                    })}
                  </Anchor>
                  {d.summary && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {d.summary}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
            <Text size="sm" mt="xs">
              {t('docs.similar.hint')}
            </Text>
          </Alert>
        )
      }
      onSave={async () => {
        // Every problem at once, each at its field, in words that name the rule.
        const problems = registerProblems(f);
        if (problems.length) {
          setErrors(Object.fromEntries(problems.map((p) => [p.field, problemText(t, p)])));
          return false;
        }
        const documentDate = parseDate(f.documentDate)!;
        const deadline = f.deadline.trim() ? parseDate(f.deadline) : null;
        const sender = f.direction === 'in' ? f.sender : '';
        // Looks registered already: shown first (the button then reads "Vẫn vào sổ"), registered
        // only when pressed with the warning on screen.
        if (similar.length === 0 && f.symbol.trim()) {
          const items = await invoke('docs.findSimilar', {
            direction: f.direction,
            symbol: f.symbol,
            sender,
            documentDate,
          });
          setFound({ key: similarKey(f), items });
          if (items.length) return false;
        }
        const r = await invoke('docs.register', {
          ...f,
          documentDate,
          deadline,
          // A sender picked from the directory keeps its link to the organisation.
          organizationId: orgs.find((o) => o.name === f.sender.trim())?.id ?? null,
        });
        clearDraft(DRAFT, userName);
        props.onSaved(r);
      }}
    >
      {restored && (
        <Alert
          color="blue"
          mb="sm"
          data-testid="doc-draft-restored"
          withCloseButton
          onClose={() => setRestored(false)}
        >
          <Group justify="space-between">
            <Text size="sm">{t('docs.draft.restored')}</Text>
            <Button
              size="xs"
              variant="subtle"
              onClick={() => {
                clearDraft(DRAFT, userName);
                setF(EMPTY_REGISTER_FORM);
                setRestored(false);
              }}
            >
              {t('docs.draft.drop')}
            </Button>
          </Group>
        </Alert>
      )}
      <SegmentedControl
        mb="sm"
        data-testid="doc-direction"
        value={f.direction}
        onChange={(v) => edit({ direction: v as 'in' | 'out' })}
        data={[
          { value: 'in', label: t('docs.register.in') },
          { value: 'out', label: t('docs.register.out') },
        ]}
      />
      <SimpleGrid cols={3}>
        <Select
          data-testid="doc-level"
          label={t('docs.level')}
          allowDeselect={false}
          data={levels.map((c) => ({ value: c, label: t(`clearance.${c}` as MessageKey) }))}
          value={f.level}
          onChange={(v) => edit({ level: (v ?? 'none') as Clearance })}
        />
        <Select
          data-testid="doc-type"
          label={t('docs.type')}
          allowDeselect={false}
          searchable
          data={DOC_TYPES.map((d) => ({ value: d, label: typeLabel(d) }))}
          value={f.type}
          onChange={(v) => edit({ type: (v ?? 'CV') as DocType })}
        />
        <Select
          label={t('docs.urgency')}
          allowDeselect={false}
          data={DocUrgency.options.map((u) => ({ value: u, label: t(`docs.urgency.${u}` as MessageKey) }))}
          value={f.urgency}
          onChange={(v) => edit({ urgency: (v ?? 'none') as DocUrgency })}
        />
        <TextInput
          data-testid="doc-symbol"
          data-autofocus
          label={t('docs.symbol')}
          value={f.symbol}
          onChange={(e) => edit({ symbol: e.currentTarget.value })}
          error={errors.symbol}
        />
        {f.direction === 'out' && (f.type === 'CV' || f.type === 'other') && units.length > 0 && (
          <Select
            data-testid="doc-drafting-unit"
            label={t('docs.draftingUnit')}
            clearable
            data={units.map((u) => ({ value: u.code, label: u.name ? `${u.code} — ${u.name}` : u.code }))}
            value={f.draftingUnit || null}
            onChange={(v) => edit({ draftingUnit: v ?? '' })}
          />
        )}
        <DateField
          data-testid="doc-date"
          label={t('docs.documentDate')}
          description={t('date.hint')}
          required
          value={f.documentDate}
          onChange={(v) => edit({ documentDate: v })}
          error={errors.documentDate}
        />
        <DateField
          data-testid="doc-deadline"
          label={t('docs.deadline')}
          description={t('date.hint')}
          value={f.deadline}
          onChange={(v) => edit({ deadline: v })}
          error={errors.deadline}
        />
        {f.direction === 'in' ? (
          <Autocomplete
            data-testid="doc-sender"
            label={t('docs.sender')}
            data={orgNames}
            filter={foldFilter}
            limit={20}
            value={f.sender}
            onChange={(v) => edit({ sender: v })}
            error={errors.sender ?? errors.organizationId}
          />
        ) : (
          <TextInput
            data-testid="doc-signer"
            label={t('docs.signer')}
            value={f.signer}
            onChange={(e) => edit({ signer: e.currentTarget.value })}
          />
        )}
        <TextInput
          label={t('docs.handler')}
          value={f.handler}
          onChange={(e) => edit({ handler: e.currentTarget.value })}
        />
        <SimpleGrid cols={2}>
          <NumberInput
            label={t('docs.copies')}
            min={0}
            value={f.copies}
            onChange={(v) => edit({ copies: Number(v) || 0 })}
          />
          <NumberInput
            label={t('docs.pages')}
            min={0}
            value={f.pages}
            onChange={(v) => edit({ pages: Number(v) || 0 })}
          />
        </SimpleGrid>
      </SimpleGrid>
      <Textarea
        mt="sm"
        data-testid="doc-summary"
        label={t('docs.summary')}
        autosize
        minRows={2}
        maxRows={8}
        value={f.summary}
        onChange={(e) => edit({ summary: e.currentTarget.value })}
        error={errors.summary}
        // A live count, so the limit is seen before it is reached.
        description={
          <Text
            span
            size="xs"
            c={summaryLength > SUMMARY_MAX ? 'red' : 'dimmed'}
            data-testid="doc-summary-count"
          >
            {t('field.count', { n: summaryLength, max: SUMMARY_MAX })}
          </Text>
        }
        inputWrapperOrder={['label', 'input', 'description', 'error']}
      />
      {f.level === 'tuyet-mat' && (
        <Checkbox
          mt="xs"
          label={t('docs.consent')}
          checked={f.senderConsentToSummary}
          onChange={(e) => edit({ senderConsentToSummary: e.currentTarget.checked })}
        />
      )}
      <SimpleGrid cols={2} mt="sm">
        <TagsInput
          data-testid="doc-recipients"
          label={t('docs.recipients')}
          description={t('docs.recipientsHint')}
          data={orgNames}
          filter={foldFilter}
          limit={20}
          clearable
          // "Các xã, phường trên địa bàn tỉnh" is one recipient: only Enter (or a pasted line) adds one.
          splitChars={['\n']}
          value={f.recipients}
          onChange={(v) => edit({ recipients: v })}
        />
        <Textarea
          label={t('docs.notes')}
          autosize
          minRows={2}
          value={f.notes}
          onChange={(e) => edit({ notes: e.currentTarget.value })}
        />
      </SimpleGrid>
    </FormModal>
  );
}

import { SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { Plan, PlanDoc } from '../../../../shared/contract';
import { checkDate, isoToTyped } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { DateField, dateMessage } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useI18n, type MessageKey } from '../../i18n';
import { appendicesOf, appendicesText, dutiesOf, dutiesText, linesOf } from './planDocText';

/** The parts of the plan as typed: one text per field (lists one item per line). */
type Draft = Record<
  | 'parentBody'
  | 'issuingBody'
  | 'numberSymbol'
  | 'place'
  | 'issuedOn'
  | 'title'
  | 'legalBases'
  | 'intro'
  | 'purpose'
  | 'requirements'
  | 'tasksHeading'
  | 'budget'
  | 'duties'
  | 'closing'
  | 'recipients'
  | 'archiveUnit'
  | 'signerLines'
  | 'signerName'
  | 'appendices',
  string
>;

function draftOf(d: PlanDoc): Draft {
  return {
    parentBody: d.parentBody,
    issuingBody: d.issuingBody,
    numberSymbol: d.numberSymbol,
    place: d.place,
    issuedOn: d.issuedOn ? isoToTyped(d.issuedOn) : '',
    title: d.title,
    legalBases: d.legalBases.join('\n'),
    intro: d.intro,
    purpose: d.purpose.join('\n'),
    requirements: d.requirements.join('\n'),
    tasksHeading: d.tasksHeading,
    budget: d.budget,
    duties: dutiesText(d.duties),
    closing: d.closing,
    recipients: d.recipients.join('\n'),
    archiveUnit: d.archiveUnit,
    signerLines: d.signer.lines.join('\n'),
    signerName: d.signer.name,
    appendices: appendicesText(d.appendices),
  };
}

/** One-line fields, then the longer parts in the order of the printed plan. */
const SHORT = ['parentBody', 'issuingBody', 'numberSymbol', 'place'] as const;
const LONG = [
  'title',
  'legalBases',
  'intro',
  'purpose',
  'requirements',
  'tasksHeading',
  'budget',
  'duties',
  'closing',
  'recipients',
] as const;
const label = (k: keyof Draft) => `plans.doc.${k}` as MessageKey;

/** The plan as an official document: every part of it but its tasks, saved as a new version. */
export function PlanDocModal(props: { plan: Plan | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const saved = useRef(false);
  useEffect(() => {
    setDraft(props.plan ? draftOf(props.plan.doc) : null);
    setErrors({});
  }, [props.plan]);
  const set = (k: keyof Draft) => (v: string) => setDraft((d) => (d ? { ...d, [k]: v } : d));
  const text = (k: keyof Draft, long = false, description?: string) => {
    const common = {
      'data-testid': `plan-doc-${k}`,
      label: t(label(k)),
      value: draft?.[k] ?? '',
      error: errors[k],
      description,
      onChange: (e: { currentTarget: { value: string } }) => set(k)(e.currentTarget.value),
    };
    return long ? (
      <Textarea {...common} autosize minRows={2} maxRows={10} mt="sm" />
    ) : (
      <TextInput {...common} />
    );
  };

  return (
    <FormModal
      opened={props.plan !== null}
      title={t('plans.doc.edit')}
      size="70rem"
      saveTestId="plan-doc-save"
      onClose={() => {
        props.onClose();
        if (saved.current) props.onSaved();
        saved.current = false;
      }}
      onErrors={setErrors}
      onSave={async () => {
        const plan = props.plan;
        if (!plan || !draft) return false;
        const date = checkDate(draft.issuedOn);
        const bad: Record<string, string> = {};
        if (!draft.title.trim()) bad.title = t('field.required');
        if (!date.ok) bad.issuedOn = dateMessage(t, date) ?? t('date.format');
        if (Object.keys(bad).length || !date.ok) {
          setErrors(bad);
          return false;
        }
        const doc: PlanDoc = {
          ...plan.doc,
          parentBody: draft.parentBody.trim(),
          issuingBody: draft.issuingBody.trim(),
          numberSymbol: draft.numberSymbol.trim(),
          place: draft.place.trim(),
          issuedOn: date.iso ?? null,
          title: draft.title.trim(),
          legalBases: linesOf(draft.legalBases),
          intro: draft.intro.trim(),
          purpose: linesOf(draft.purpose),
          requirements: linesOf(draft.requirements),
          tasksHeading: draft.tasksHeading.trim(),
          budget: draft.budget.trim(),
          duties: dutiesOf(draft.duties),
          closing: draft.closing.trim(),
          recipients: linesOf(draft.recipients),
          archiveUnit: draft.archiveUnit.trim(),
          signer: { lines: linesOf(draft.signerLines), name: draft.signerName.trim() },
          appendices: appendicesOf(draft.appendices),
        };
        await invoke('plans.save', {
          id: plan.id,
          version: plan.version,
          status: plan.status,
          registryEntryId: plan.registryEntryId,
          doc,
        });
        saved.current = true;
      }}
    >
      <SimpleGrid cols={2}>
        {SHORT.map((k) => text(k))}
        <DateField
          data-testid="plan-doc-issuedOn"
          label={t(label('issuedOn'))}
          value={draft?.issuedOn ?? ''}
          error={errors.issuedOn}
          onChange={set('issuedOn')}
        />
        {text('archiveUnit')}
      </SimpleGrid>
      {LONG.map((k) => text(k, true))}
      <SimpleGrid cols={2} mt="sm">
        {text('signerLines', true, t('plans.doc.signerLinesHelp'))}
        {text('signerName')}
      </SimpleGrid>
      {text('appendices', true, t('plans.doc.appendicesHelp'))}
    </FormModal>
  );
}

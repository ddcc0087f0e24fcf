/**
 * A plan imported from its Word (or text) file: the file read into a draft (import/), the draft
 * made a blueprint as a template is, the organisations it names matched to the directory as a
 * template's roles are. The preview is held in memory until committed (import/previews.ts): no
 * plan text reaches the disk but through the encrypted database.
 */
import {
  PlanDoc,
  type DeadlineSpec,
  type PlanImportPreview,
  type PlanImportTask,
} from '../../../shared/contract';
import { dueDates } from '../../../shared/deadlines';
import { parseDeadline } from '../../../shared/deadlineText';
import { foldVietnamese } from '../../../shared/text';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { savePreview, takePreview } from '../import/previews';
import type { CoreServices } from '../services';
import { importPlanFile, type PlanDraft, type PlanLineRef } from './import';
import { calendarOf } from './dueIndex';
import { EVENT_RECORDS, getLive } from './store';
import { liveOrgs, matchParties, TEMPLATES, type Party, type PlanBlueprint } from './templates';

const KIND = 'plans';

/** A task whose deadline is missing or not understood is saved flagged, its words kept beside it. */
const UNREAD_DEADLINE: DeadlineSpec = { kind: 'unread' };

interface SavedImport {
  eventId: string;
  fileName: string;
  format: 'docx' | 'text';
  blueprint: PlanBlueprint;
  parties: Party[];
}

/**
 * Every organisation the tasks name, once each, as a party. A role the shipped templates know
 * ("Các doanh nghiệp bưu chính, viễn thông") is matched as they match it; any other name by itself.
 */
function partiesOf(draft: PlanDraft): { parties: Party[]; keyOf: (text: string) => string } {
  const known = new Map(TEMPLATES.flatMap((t) => t.parties).map((p) => [foldVietnamese(p.label), p]));
  const byName = new Map<string, Party>();
  for (const t of draft.tasks)
    for (const label of [...t.lead, ...t.coordinating]) {
      const f = foldVietnamese(label);
      if (byName.has(f)) continue;
      const like = known.get(f);
      byName.set(f, {
        key: `org${byName.size + 1}`,
        label,
        many: like?.many ?? false,
        kinds: like?.kinds ?? [],
        names: like?.names ?? [label],
      });
    }
  return { parties: [...byName.values()], keyOf: (label) => byName.get(foldVietnamese(label))?.key ?? '' };
}

/** The plan's parts as the contract keeps them; one that exceeds its bounds refuses the file. */
function docOf(draft: PlanDraft): PlanDoc {
  const h = draft.header;
  const texts = (refs: readonly PlanLineRef[]) => refs.map((r) => r.text);
  const heading = draft.tasks[0]?.section?.replace(/^[IVXLC]+\.\s*/, '');
  const parsed = PlanDoc.safeParse({
    parentBody: h.parentBody ?? '',
    issuingBody: h.office ?? '',
    numberSymbol: h.numberAndSymbol ?? '',
    place: h.place ?? '',
    issuedOn: h.date,
    title: draft.title.subject,
    legalBases: texts(draft.legalBases),
    intro: texts(draft.preamble).join('\n'),
    purpose: draft.purpose,
    requirements: draft.requirements,
    ...(heading ? { tasksHeading: heading } : {}),
    budget: draft.budget ?? '',
    duties: draft.duties.map((d) => ({ unit: d.unit, items: d.items })),
    closing: texts(draft.closing).join('\n'),
    recipients: texts(draft.recipients),
    signer: { lines: draft.signer?.authority ?? [], name: draft.signer?.name ?? '' },
    appendices: draft.appendices.map((a) => ({
      title: a.title,
      sections: [{ heading: '', items: texts(a.lines) }],
    })),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'IMPORT_INVALID',
      `The plan does not fit what a plan holds (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
    );
  }
  return parsed.data;
}

/** Reads the file and keeps it for commit; nothing is saved. A file that is not a plan is refused. */
export async function previewPlanImport(
  db: Db,
  services: CoreServices,
  user: string,
  eventId: string,
  fileName: string,
  bytes: Buffer,
): Promise<PlanImportPreview> {
  const calendar = calendarOf(getLive(db, EVENT_RECORDS, eventId));
  const { format, draft } = await importPlanFile(bytes, fileName);
  const doc = docOf(draft);
  const { parties, keyOf } = partiesOf(draft);
  const written = (labels: readonly string[]) => labels.map((text) => ({ text, party: keyOf(text) }));
  const tasks: PlanImportTask[] = draft.tasks.map((t) => ({
    number: t.number,
    title: t.title,
    section: t.section,
    line: t.line,
    content: t.content,
    subItems: t.subItems,
    lead: written(t.lead),
    coordinating: written(t.coordinating),
    deadline: t.deadline,
    deadlineText: t.deadlineText,
    dueDates: t.deadline ? dueDates(t.deadline, calendar) : [],
    product: t.product,
    unrecognised: t.unrecognised,
    issues: t.issues,
  }));
  // Fixed dates in the file are this event's: the blueprint is written for its key day.
  const blueprint: PlanBlueprint = {
    templateKey: null,
    keyDay: calendar.keyDay,
    doc,
    tasks: draft.tasks.map((t) => ({
      code: t.number,
      section: t.section ?? '',
      title: t.title,
      content: t.content,
      subItems: t.subItems.map((s) => s.text),
      leads: t.lead.map(keyOf),
      coordinating: t.coordinating.map(keyOf),
      deadline: t.deadline ?? UNREAD_DEADLINE,
      deadlineText: t.deadlineText,
      product: t.product ?? '',
    })),
  };
  const saved: SavedImport = { eventId, fileName, format, blueprint, parties };
  return {
    previewId: savePreview(services, KIND, user, saved),
    format,
    doc,
    dateAsWritten: draft.header.dateAsWritten,
    tasks,
    parties: matchParties(parties, liveOrgs(db)),
  };
}

/**
 * The preview as saved by this user, with the deadlines corrected in the preview (task index →
 * words) read again here; the organisations are matched again at commit.
 */
export function takePlanImport(
  services: CoreServices,
  previewId: string,
  user: string,
  deadlines: Readonly<Record<string, string>>,
): SavedImport {
  const saved = takePreview<SavedImport>(services, KIND, previewId, user);
  const tasks = saved.blueprint.tasks.map((t, i) => {
    const words = deadlines[String(i)];
    return words === undefined
      ? t
      : { ...t, deadlineText: words, deadline: parseDeadline(words) ?? UNREAD_DEADLINE };
  });
  return { ...saved, blueprint: { ...saved.blueprint, tasks } };
}

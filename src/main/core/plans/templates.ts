/**
 * Plan templates: the province plan of seed 000 and the commune plan of seed 001 as versioned
 * data (resources/plan-templates/*.json, no person's name or phone), checked at load. A template
 * names organisations by role ("Các doanh nghiệp bưu chính, viễn thông"); making a plan matches
 * each role to directory organisations, and asks where the match is unclear.
 */
import { z } from 'zod';
import {
  DeadlineSpec,
  OrgKind,
  PlanDoc,
  type OfficeProfile,
  type TemplateSummary,
} from '../../../shared/contract';
import { IsoDate } from '../../../shared/contract/docs';
import { daysBetween, shiftDeadline, shiftDeadlineText } from '../../../shared/deadlines';
import { compareVietnamese, foldVietnamese } from '../../../shared/text';
import communePlan from '../../../../resources/plan-templates/commune-it-election.json' with { type: 'json' };
import provincePlan from '../../../../resources/plan-templates/province-ttll-election.json' with { type: 'json' };
import { stmt, type Db } from '../db/open';
import type { Writer } from '../db/recordKernel';
import { AppError } from '../errors';
import { issuer } from '../print/office';
import { calendarOf } from './dueIndex';
import { EVENT_RECORDS, getLive, insertPlan, insertTask, type PlanRow } from './store';

export const Party = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  many: z.boolean(),
  kinds: z.array(OrgKind),
  /** Folded name fragments that identify the organisation in the directory. */
  names: z.array(z.string()),
});
const TemplateTask = z.object({
  code: z.string(),
  section: z.string(),
  title: z.string().min(1),
  content: z.string(),
  subItems: z.array(z.string()).default([]),
  lead: z.string().nullable(),
  coordinating: z.array(z.string()),
  /** As written when the roles alone do not say it ("Các cơ quan, đơn vị có liên quan"). */
  coordinatingText: z.string().optional(),
  deadline: DeadlineSpec,
  deadlineText: z.string(),
  product: z.string(),
});
export const PlanTemplate = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    version: z.number().int().positive(),
    name: z.string().min(1),
    level: z.enum(['province', 'commune', 'agency']),
    basedOn: z.string(),
    /** The key day its fixed dates were written for: they move with the event's. */
    keyDay: IsoDate,
    parties: z.array(Party),
    doc: PlanDoc,
    tasks: z.array(TemplateTask).min(1),
  })
  .superRefine((t, c) => {
    const keys = new Set(t.parties.map((p) => p.key));
    for (const task of t.tasks)
      for (const k of [task.lead, ...task.coordinating])
        if (k !== null && !keys.has(k)) c.addIssue({ code: 'custom', message: `unknown party ${k}` });
  });
export type PlanTemplate = z.infer<typeof PlanTemplate>;
export type Party = z.infer<typeof Party>;

/**
 * What a plan is made from: a template, or a plan read from its Word file (importPlan.ts). Tasks
 * name their organisations by party key; a task may have several leads.
 */
export interface PlanBlueprint {
  templateKey: string | null;
  /** The key day its fixed dates were written for: they move with the event's. */
  keyDay: string;
  doc: PlanDoc;
  tasks: readonly (Omit<z.infer<typeof TemplateTask>, 'lead'> & { leads: readonly string[] })[];
}

export function blueprintOf(t: PlanTemplate): PlanBlueprint {
  return {
    templateKey: `${t.key}@${t.version}`,
    keyDay: t.keyDay,
    doc: t.doc,
    tasks: t.tasks.map(({ lead, ...task }) => ({ ...task, leads: lead ? [lead] : [] })),
  };
}

/** The shipped templates, checked once: a broken file fails at start, not when a plan is made. */
export const TEMPLATES: readonly PlanTemplate[] = [provincePlan, communePlan].map((t) =>
  PlanTemplate.parse(t),
);

export function templateSummaries(): TemplateSummary[] {
  return TEMPLATES.map((t) => ({
    key: t.key,
    version: t.version,
    name: t.name,
    level: t.level,
    title: t.doc.title,
    taskCount: t.tasks.length,
  }));
}

/** A template by key, or by a unique part of its name (the CLI). */
export function findTemplate(keyOrName: string): PlanTemplate {
  const q = foldVietnamese(keyOrName.trim());
  const exact = TEMPLATES.find((t) => t.key === keyOrName.trim());
  if (exact) return exact;
  const hits = TEMPLATES.filter((t) => foldVietnamese(t.name).includes(q));
  if (hits.length === 1 && hits[0]) return hits[0];
  throw new AppError('NOT_FOUND', `No single plan template matches "${keyOrName}"`);
}

interface OrgLite {
  id: string;
  name: string;
  kind: string;
}

export interface PartyMatch {
  key: string;
  label: string;
  many: boolean;
  matched: string[];
  candidates: { id: string; name: string }[];
}

/**
 * Directory organisations for each role: a group ("many") takes every organisation of its kinds;
 * a single role takes the one organisation its name fragments find. Anything else is unclear:
 * no match, with the organisations that could be meant as candidates.
 */
export function matchParties(parties: readonly Party[], orgs: readonly OrgLite[]): PartyMatch[] {
  const folded = orgs.map((o) => ({ ...o, f: foldVietnamese(o.name) }));
  return parties.map((p) => {
    const byKind = folded.filter((o) => (p.kinds as string[]).includes(o.kind));
    const byName = folded.filter(
      (o) => o.f === foldVietnamese(p.label) || p.names.some((n) => o.f.includes(foldVietnamese(n))),
    );
    const matched = p.many ? byKind : byName.length === 1 ? byName : [];
    const pool = p.many ? byKind : [...byName, ...byKind.filter((o) => !byName.includes(o))];
    return {
      key: p.key,
      label: p.label,
      many: p.many,
      matched: matched.map((o) => o.id),
      candidates: pool
        .slice(0, 50)
        .map((o) => ({ id: o.id, name: o.name }))
        .sort((a, b) => compareVietnamese(a.name, b.name)),
    };
  });
}

export function liveOrgs(db: Db): OrgLite[] {
  return stmt(db, 'SELECT id, name, kind FROM organizations WHERE deleted = 0').all() as OrgLite[];
}

/**
 * Makes the plan of a blueprint for an event: the office's header where the plan leaves it out,
 * fixed dates moved by the difference of key days, and the tasks with their organisations (one task
 * per lead organisation, so each reports on its own).
 */
export function planFromBlueprint(
  db: Db,
  t: PlanBlueprint,
  eventId: string,
  parties: readonly PartyMatch[],
  office: OfficeProfile,
  by: Writer,
): PlanRow {
  const ev = getLive(db, EVENT_RECORDS, eventId);
  const shift = daysBetween(t.keyDay, calendarOf(ev).keyDay);
  const who = new Map(parties.map((p) => [p.key, p]));
  const label = (k: string) => who.get(k)?.label ?? k;
  const head = issuer(office);
  const doc = PlanDoc.parse({
    ...t.doc,
    parentBody: t.doc.parentBody || head.parentBody,
    issuingBody: t.doc.issuingBody || head.issuingBody,
    place: t.doc.place || head.place,
    numberSymbol: t.doc.numberSymbol || `/KH-${office.code}`,
  });
  const plan = insertPlan(db, { eventId, templateKey: t.templateKey, doc }, by);
  for (const task of t.tasks) {
    const leads = [...new Set(task.leads.flatMap((k) => who.get(k)?.matched ?? []))];
    const coordinating = [...new Set(task.coordinating.flatMap((k) => who.get(k)?.matched ?? []))];
    const base = {
      planId: plan.id,
      code: task.code,
      section: task.section,
      title: task.title,
      content: task.content,
      subItems: task.subItems,
      leadText: task.leads.map(label).join('; '),
      coordinatingOrgIds: coordinating,
      coordinatingText: task.coordinatingText ?? task.coordinating.map(label).join('; '),
      responsibleContactId: null,
      deadline: shiftDeadline(task.deadline, shift),
      deadlineText: shiftDeadlineText(task.deadlineText, shift),
      product: task.product,
      status: 'todo' as const,
      percent: 0,
      notes: '',
    };
    for (const leadOrgId of leads.length > 0 ? leads : [null])
      insertTask(
        db,
        { ...base, leadOrgId, coordinatingOrgIds: coordinating.filter((c) => c !== leadOrgId) },
        by,
      );
  }
  return plan;
}

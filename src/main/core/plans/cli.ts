import { basename } from 'node:path';
import { parseDate } from '../../../shared/dates';
import { foldVietnamese } from '../../../shared/text';
import {
  CliError,
  defineCli,
  need,
  saveFile,
  show,
  SIGNER_OPTIONS,
  signerInput,
  type CliArgs,
  type CliIO,
} from '../cliCommand';
import { describeSchedule } from '../../../shared/deadlines';
import {
  TASK_STATUSES,
  type OutputOf,
  type ReportingSchedule,
  type TaskStatus,
} from '../../../shared/contract';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one item an id or a name names: the id, else the name folded exactly, else the one containing it. */
export function pick<T extends { id: string }>(
  items: readonly T[],
  ref: string,
  nameOf: (x: T) => string,
  what: string,
): T {
  if (UUID.test(ref)) {
    const byId = items.find((x) => x.id === ref);
    if (byId) return byId;
  }
  const q = foldVietnamese(ref.trim());
  const exact = items.filter((x) => foldVietnamese(nameOf(x)) === q);
  const hits = exact.length > 0 ? exact : items.filter((x) => foldVietnamese(nameOf(x)).includes(q));
  if (hits.length === 1 && hits[0]) return hits[0];
  if (hits.length === 0) throw new CliError(`no ${what} matches "${ref}"`);
  throw new CliError(
    `"${ref}" matches ${hits.length} ${what}s: ${hits.slice(0, 5).map(nameOf).join('; ')}; give its id`,
  );
}

export async function eventId(io: CliIO, a: CliArgs): Promise<string> {
  const ref = need(a, 'event', 'needs --event EVENT (id or name)');
  return pick(await io.call('plans.events.list', {}), ref, (e) => e.name, 'event').id;
}

export async function orgId(io: CliIO, ref: string): Promise<string> {
  return pick(await io.call('contacts.orgs.list', {}), ref, (o) => o.name, 'organization').id;
}

export function isoDate(value: string, option: string): string {
  const iso = parseDate(value);
  if (!iso) throw new CliError(`--${option} must be a date (YYYY-MM-DD or dd/mm/yyyy), not "${value}"`);
  return iso;
}

/** --map "companies=Viettel Thử|VNPT Thử;department=Sở Thử": organisations (id or name) by template role. */
async function mapping(io: CliIO, text: string | undefined): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const part of (text ?? '').split(';').filter((p) => p.trim())) {
    const [key, orgs] = part.split('=');
    if (!key || orgs === undefined) throw new CliError(`--map takes ROLE=ORG|ORG;ROLE=ORG, not "${part}"`);
    out[key.trim()] = await Promise.all(
      orgs
        .split('|')
        .filter((o) => o.trim())
        .map((o) => orgId(io, o)),
    );
  }
  return out;
}

const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

/** The one schedule the options of `plans period` name. */
function scheduleFrom(a: CliArgs): ReportingSchedule {
  const v = (k: string) => (typeof a.values[k] === 'string' ? (a.values[k] as string) : undefined);
  const given = ['weekly', 'every', 'monthly', 'dates'].filter((k) => v(k) !== undefined);
  if (given.length !== 1)
    throw new CliError('plans period needs one of --weekly, --every, --monthly, --dates');
  const int = (k: string, max: number) => {
    const n = Number(v(k));
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new CliError(`--${k} must be a whole number 1–${max}`);
    return n;
  };
  switch (given[0]) {
    case 'weekly': {
      const day = WEEKDAYS.indexOf(v('weekly')!.toUpperCase().slice(0, 3));
      if (day < 0) throw new CliError(`--weekly takes ${WEEKDAYS.join('|')}`);
      return { kind: 'weekly', weekday: day + 1 };
    }
    case 'every':
      return {
        kind: 'every',
        days: int('every', 366),
        from: isoDate(need(a, 'from', '--every N needs --from DATE'), 'from'),
      };
    case 'monthly':
      return { kind: 'monthly', day: int('monthly', 31) };
    default:
      return {
        kind: 'dates',
        dates: v('dates')!
          .split(',')
          .map((d) => isoDate(d.trim(), 'dates')),
      };
  }
}

/** The plan made, or (nothing made) the roles that match no single organisation, with candidates. */
function showMade(io: CliIO, r: OutputOf<'plans.fromTemplate'>): void {
  if (r.status === 'needs-mapping') {
    for (const p of r.parties.filter((x) => x.matched.length === 0))
      io.err(`role ${p.key} (${p.label}): ${p.candidates.map((c) => c.name).join('; ') || 'no candidate'}`);
    throw new CliError('some roles match no single organization: give --map ROLE=ORG or --force');
  }
  show(io, r.plan, () => r.plan.id);
}

/** Each task of an import preview, then the roles that need a choice. */
function importPreviewText(p: OutputOf<'plans.importPreview'>): string {
  const names = new Map(p.parties.flatMap((x) => x.candidates.map((c) => [c.id, c.name] as const)));
  const party = new Map(p.parties.map((x) => [x.key, x]));
  const orgs = (list: readonly { text: string; party: string }[]) =>
    list
      .map((o) => {
        const matched = party.get(o.party)?.matched.map((id) => names.get(id) ?? id) ?? [];
        return `${o.text} [${o.party}${matched.length ? ` → ${matched.join(', ')}` : ': no match'}]`;
      })
      .join('; ') || '-';
  const due = (d: readonly string[]) =>
    d.length === 0 ? 'not computed' : d.length === 1 ? d[0] : `${d[0]} … ${d.at(-1)} (${d.length} dates)`;
  const tasks = p.tasks.map((t) =>
    [
      `${t.number}. ${t.title}  (line ${t.line})`,
      `  content: ${t.content.replace(/\n/g, ' ') || '-'}`,
      `  lead: ${orgs(t.lead)}`,
      `  coordinating: ${orgs(t.coordinating)}`,
      `  deadline: ${t.deadlineText || '-'} → ${due(t.dueDates)}`,
      `  product: ${t.product ?? '-'}`,
      ...(t.issues.length ? [`  issues: ${t.issues.join(', ')}`] : []),
    ].join('\n'),
  );
  const unclear = p.parties.filter((x) => x.matched.length === 0).map((x) => x.key);
  return [
    `${p.doc.numberSymbol || '(no number)'}  ${p.doc.issuedOn ?? ''}  ${p.doc.title}`,
    `${p.tasks.length} tasks`,
    ...tasks,
    ...(unclear.length ? [`Roles to map (--map) or --force: ${unclear.join(', ')}`] : []),
  ].join('\n');
}

export const plansCli = defineCli([
  {
    name: 'events create',
    usage: `events create --name N --key-day YYYY-MM-DD   a new event (election, holiday) with the default
      phases around its key day; prints its id (with --json, the event)`,
    options: { name: { type: 'string' }, 'key-day': { type: 'string' } },
    async run(io, a) {
      const e = await io.call('plans.events.save', {
        name: need(a, 'name', 'events create needs --name'),
        keyDay: isoDate(need(a, 'key-day', 'events create needs --key-day YYYY-MM-DD'), 'key-day'),
      });
      show(io, e, () => e.id);
      return 0;
    },
  },
  {
    name: 'events list',
    usage: 'events list [--json]',
    async run(io) {
      const list = await io.call('plans.events.list', {});
      show(io, list, () => list.map((e) => `${e.id}\t${e.keyDay}\t${e.name}`).join('\n'));
      return 0;
    },
  },
  {
    name: 'plans templates',
    usage: 'plans templates [--json]   the plan templates shipped with the app',
    async run(io) {
      const list = await io.call('plans.templates', {});
      show(io, list, () =>
        list.map((t) => `${t.key}\tv${t.version}\t${t.taskCount} tasks\t${t.name}`).join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'plans from-template',
    usage: `plans from-template NAME --event E [--map "ROLE=ORG|ORG;ROLE=ORG"] [--force]
      a plan for the event from a template; its roles ("companies", "communes") are matched to
      directory organisations. When a match is unclear the roles and candidates are listed and
      nothing is made: name them with --map, or --force to keep the role's text on the tasks`,
    options: {
      event: { type: 'string' },
      map: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    async run(io, a) {
      if (!a.args[0]) throw new CliError('plans from-template needs NAME (see plans templates)');
      const r = await io.call('plans.fromTemplate', {
        eventId: await eventId(io, a),
        templateKey: a.args[0],
        mapping: await mapping(io, typeof a.values.map === 'string' ? a.values.map : undefined),
        force: a.values.force === true,
      });
      showMade(io, r);
      return 0;
    },
  },
  {
    name: 'plans import',
    usage: `plans import FILE.docx --event E [--commit] [--map "ROLE=ORG|ORG;ROLE=ORG"] [--force]
      reads a plan from its Word (or text) file and lists each task recognised: content, lead and
      coordinating organisations (→ the directory's match), deadline as written and as computed,
      product, issues. Nothing is saved without --commit; with it the plan is made (its id printed),
      its organisations matched as from-template's roles ("org1", "org2" … as listed)`,
    options: {
      event: { type: 'string' },
      commit: { type: 'boolean', default: false },
      map: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    async run(io, a) {
      const file = a.args[0];
      if (!file) throw new CliError('plans import needs FILE (.docx or .txt)');
      const p = await io.call('plans.importPreview', {
        eventId: await eventId(io, a),
        fileName: basename(file),
        dataBase64: io.readFile(file).toString('base64'),
      });
      if (a.values.commit !== true) {
        show(io, p, () => importPreviewText(p));
        return 0;
      }
      const r = await io.call('plans.importCommit', {
        previewId: p.previewId,
        mapping: await mapping(io, typeof a.values.map === 'string' ? a.values.map : undefined),
        force: a.values.force === true,
      });
      showMade(io, r);
      return 0;
    },
  },
  {
    name: 'plans list',
    usage: 'plans list [--event E] [--json]',
    options: { event: { type: 'string' } },
    async run(io, a) {
      const list = await io.call('plans.list', a.values.event ? { eventId: await eventId(io, a) } : {});
      show(io, list, () =>
        list
          .map(
            (p) =>
              `${p.id}\t${p.taskCount} tasks\t${p.eventName}\t${describeSchedule(p.reporting)}\t${p.doc.title}`,
          )
          .join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'plans period',
    usage: `plans period PLAN (--weekly MON..SUN | --every N --from DATE | --monthly D | --dates D1,D2,…) [--json]
      how often the plan's progress is reported: every week from that weekday, every N days from a
      date, on day D of each month (its last day when shorter), or on the dates listed (within the
      event). Its tasks' due dates and periods follow`,
    options: {
      weekly: { type: 'string' },
      every: { type: 'string' },
      from: { type: 'string' },
      monthly: { type: 'string' },
      dates: { type: 'string' },
    },
    async run(io, a) {
      const ref = a.args[0];
      if (!ref) throw new CliError('plans period needs PLAN (its id)');
      const plan = await io.call('plans.get', { id: ref });
      const set = await io.call('plans.setReporting', {
        id: plan.id,
        version: plan.version,
        reporting: scheduleFrom(a),
      });
      show(io, set, () => `${set.id}\t${describeSchedule(set.reporting)}`);
      return 0;
    },
  },
  {
    name: 'plans print',
    usage: `plans print PLAN --out F.docx [--layout numbered|table]   the plan as an official KẾ HOẠCH
      (tasks numbered under their headings, or as one table)`,
    options: { layout: { type: 'string' } },
    async run(io, a) {
      if (!a.args[0]) throw new CliError('plans print needs PLAN (id or title)');
      const out = need(a, 'out', 'plans print needs --out FILE.docx');
      const plan = pick(await io.call('plans.list', {}), a.args[0], (p) => p.doc.title, 'plan');
      const layout = a.values.layout === 'table' ? 'table' : 'numbered';
      saveFile(io, out, await io.call('plans.print', { planId: plan.id, layout }));
      return 0;
    },
  },
  {
    name: 'tasks list',
    usage: `tasks list --event E [--overdue] [--org ORG] [--json]   ORG: tasks it leads or coordinates`,
    options: {
      event: { type: 'string' },
      overdue: { type: 'boolean', default: false },
      org: { type: 'string' },
    },
    async run(io, a) {
      const org = typeof a.values.org === 'string' ? await orgId(io, a.values.org) : undefined;
      const r = await io.call('plans.tasks.list', {
        eventId: await eventId(io, a),
        view: a.values.overdue === true ? 'overdue' : 'all',
        ...(org ? { orgId: org } : {}),
      });
      show(io, r.items, () =>
        r.items
          .map(
            (t) =>
              `${t.id}\t${t.code}\t${t.title}\t${t.leadOrgName ?? t.leadText}\t${t.nextDue ?? t.lastDue ?? ''}${t.overdue ? '\tOVERDUE' : ''}`,
          )
          .join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'tasks report',
    usage: `tasks report TASK --status todo|in-progress|done|cancelled --percent P --text T --org ORG
      [--period YYYY-MM-DD] [--evidence ID,ID]   the organisation's progress on the task for the
      week holding the period (this week when omitted), with register entries as evidence; prints
      the report's id`,
    options: {
      status: { type: 'string' },
      percent: { type: 'string' },
      text: { type: 'string' },
      org: { type: 'string' },
      period: { type: 'string' },
      evidence: { type: 'string' },
    },
    async run(io, a) {
      if (!a.args[0]) throw new CliError('tasks report needs TASK (id or title)');
      const status = need(a, 'status', 'tasks report needs --status');
      if (!(TASK_STATUSES as readonly string[]).includes(status))
        throw new CliError(`--status must be one of ${TASK_STATUSES.join(', ')}`);
      const percent = Number(need(a, 'percent', 'tasks report needs --percent'));
      if (!Number.isInteger(percent) || percent < 0 || percent > 100)
        throw new CliError('--percent must be a whole number from 0 to 100');
      const tasks = (await io.call('plans.tasks.list', { limit: 100_000 })).items;
      const task = pick(tasks, a.args[0], (t) => t.title, 'task');
      const period = typeof a.values.period === 'string' ? isoDate(a.values.period, 'period') : undefined;
      const r = await io.call('plans.progress.report', {
        taskId: task.id,
        orgId: await orgId(io, need(a, 'org', 'tasks report needs --org ORG')),
        status: status as TaskStatus,
        percent,
        text: typeof a.values.text === 'string' ? a.values.text : '',
        evidenceEntryIds:
          typeof a.values.evidence === 'string' ? a.values.evidence.split(',').map((s) => s.trim()) : [],
        ...(period ? { period } : {}),
      });
      show(io, r, () => r.id);
      return 0;
    },
  },
  {
    name: 'tasks export',
    usage: "tasks export --event E --out F.xlsx   the event's tasks as a workbook",
    options: { event: { type: 'string' } },
    async run(io, a) {
      const out = need(a, 'out', 'tasks export needs --out FILE.xlsx');
      saveFile(io, out, await io.call('plans.tasks.export', { eventId: await eventId(io, a) }));
      return 0;
    },
  },
  {
    name: 'reports progress',
    usage: `reports progress --event E --period YYYY-MM-DD [--plan PLAN] --out F.docx [--signer NAME --signer-title T]
      the progress report (BÁO CÁO) of the reporting period holding the day (of the plan's schedule,
      or the event's plans' when they share one; weekly from Monday otherwise): done, in progress,
      late, and the units that have not reported`,
    options: {
      event: { type: 'string' },
      period: { type: 'string' },
      plan: { type: 'string' },
      ...SIGNER_OPTIONS,
    },
    async run(io, a) {
      const out = need(a, 'out', 'reports progress needs --out FILE.docx');
      const period = isoDate(need(a, 'period', 'reports progress needs --period YYYY-MM-DD'), 'period');
      saveFile(
        io,
        out,
        await io.call('plans.printProgress', {
          eventId: await eventId(io, a),
          period,
          ...(typeof a.values.plan === 'string' ? { planId: a.values.plan } : {}),
          ...signerInput(a),
        }),
      );
      return 0;
    },
  },
]);

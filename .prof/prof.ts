import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Core } from '../src/main/core/app';
import { insertOrganization } from '../src/main/core/contacts/organizations';
import { insertPlan, insertProgress, insertTask, saveEvent } from '../src/main/core/plans/store';
import { TEMPLATES } from '../src/main/core/plans/templates';
import { listTasks, overview } from '../src/main/core/plans/views';
import { addDaysIso } from '../src/shared/dates';
import { weekStart } from '../src/shared/deadlines';
import type { DeadlineSpec } from '../src/shared/contract';

async function main() {
  const dir = '/tmp/ttll-prof-big';
  const fresh = !existsSync(dir);
  const core = Core.open({ dataDir: join(dir, 'vault'), kdfTargetMs: 50 });
  if (!fresh) await core.invoke('vault.unlock', { userName: 'admin', password: 'bench-password-1' });
  else await core.invoke('vault.setup', { office: { name: 'X', code: 'BENCH', level: 'province', province: 'Nghệ An', parentOffice: '' }, admin: { userName: 'admin', fullName: 'Admin', password: 'bench-password-1', clearance: 'tuyet-mat' } });
  const { db } = core.vault.current();
  const by = { office: 'BENCH', user: 'admin', now: new Date('2026-03-02T03:00:00Z') };
  const today = '2026-03-02';
  const E = 10;
  let orgs: { id: string }[]; const taskIds: string[] = []; let planIds: string[] = []; let ev = '';
  if (!fresh) {
    orgs = db.prepare('SELECT id FROM organizations').all() as any[];
    planIds = (db.prepare('SELECT id FROM plans ORDER BY rowid').all() as any[]).map((r) => r.id);
    ev = (db.prepare('SELECT id FROM plan_events ORDER BY rowid').get() as any).id;
  } else {
  orgs = Array.from({ length: 40 }, (_, i) => insertOrganization(db, { name: `Đơn vị ${i}`, kind: 'telecom', parentId: null, area: '', address: '', switchboard: '' }, by));
  const deadlines: DeadlineSpec[] = [ { kind: 'date', date: '2026-01-31' }, { kind: 'relative', days: -10 }, { kind: 'weekly', weekday: 1, phases: [] }, { kind: 'continuous', phases: ['before', 'during'] }, { kind: 'phase', phases: ['during', 'after'] } ];
  for (let p = 0; p < 10 * E; p++) db.transaction(() => {
    if (p % 10 === 0) ev = saveEvent(db, undefined, undefined, { name: 'E', keyDay: '2026-03-15', notes: '' }, by).id;
    const plan = insertPlan(db, { eventId: ev, templateKey: null, doc: TEMPLATES[0]!.doc }, by); planIds.push(plan.id);
    for (let i = 0; i < 500; i++) { const n = p * 500 + i; taskIds.push(insertTask(db, { planId: plan.id, code: `${i}`, section: '', title: `Bảo đảm điểm ${n}`, content: 'Bố trí đường truyền', subItems: ['a'], leadOrgId: orgs[n % 40]!.id, leadText: '', coordinatingOrgIds: [orgs[(n + 7) % 40]!.id], coordinatingText: '', responsibleContactId: null, deadline: deadlines[n % 5]!, deadlineText: '', product: '', status: n % 5 === 0 ? 'done' : 'in-progress', percent: n % 100, notes: '' }, by).id); }
  })();
  for (let b = 0; b < 20 * E; b++) db.transaction(() => { for (let i = b * 1000; i < (b + 1) * 1000; i++) insertProgress(db, { taskId: taskIds[(i * 7919) % taskIds.length]!, orgId: orgs[i % 40]!.id, period: weekStart(addDaysIso(today, -7 * (i % 12))), status: 'in-progress', percent: i % 100, text: 'x', evidenceEntryIds: [] }, by); })();
  }
  const t = (what: string, f: () => unknown) => { const xs: number[] = []; for (let i = 0; i < 15; i++) { const s = performance.now(); f(); xs.push(performance.now() - s); } xs.sort((a, b) => a - b); console.log(what, xs[7]!.toFixed(1), xs[14]!.toFixed(1)); };
  const base = { view: 'all', query: '', sort: 'plan' } as const;
  t('plan list', () => listTasks(db, { ...base, planId: planIds[3] }, today));
  t('overview', () => overview(db, ev, today, today));
  t('facts-only event', () => listTasks(db, { ...base, eventId: ev, limit: 1 }, today));
  t('overdue org', () => listTasks(db, { ...base, eventId: ev, view: 'overdue', orgId: orgs[3]!.id }, today));
  t('search', () => listTasks(db, { ...base, eventId: ev, query: 'diem 12' }, today));
  const ids = JSON.stringify((db.prepare('SELECT task_id FROM plan_task_state WHERE plan_id = ? ORDER BY ordinal').all(planIds[3]) as any[]).map((r) => r.task_id));
  const rq = `SELECT t.*, s.event_id AS event_id_, p.title AS plan_title_, g.period AS r_period, g.status AS r_status,
        g.percent AS r_percent, g.org_id AS r_org, g.updated_at AS r_at
       FROM json_each(?) j JOIN plan_tasks t ON t.id = j.value JOIN plan_task_state s ON s.task_id = t.id
       JOIN plans p ON p.id = t.plan_id LEFT JOIN plan_progress g ON g.id = s.last_report_id
      ORDER BY j.key`;
  const st = db.prepare(rq);
  t('readTasks sql', () => st.all(ids));
  console.log(db.prepare('EXPLAIN QUERY PLAN ' + rq).all(ids).map((r: any) => r.detail).join(' | '));
  const st2 = db.prepare('SELECT t.* FROM json_each(?) j JOIN plan_tasks t ON t.id = j.value');
  t('tasks only', () => st2.all(ids));
  const rows = st.all(ids) as any[];
  t('parse', () => rows.map((r) => [JSON.parse(r.sub_items), JSON.parse(r.coordinating_org_ids), JSON.parse(r.deadline)]));
  core.close();
}
void main();

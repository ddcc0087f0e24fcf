import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { randomUUID } from 'node:crypto';
import { Core } from '../../src/main/core/app';
import { findRecord, tombstoneRecord, updateRecord } from '../../src/main/core/db/recordKernel';
import { fillTaskDues } from '../../src/main/core/plans/dueIndex';
import { PLAN_RECORDS, PROGRESS_RECORDS, TASK_RECORDS } from '../../src/main/core/plans/store';
import { TEMPLATES } from '../../src/main/core/plans/templates';
import { DOCX_MIME, type DeadlineSpec, type TaskStatus } from '../../src/shared/contract';
import {
  ADMIN_PASSWORD,
  addUser,
  call,
  failure,
  filesContaining,
  switchTo,
  TEST_OFFICE,
  tempDir,
} from '../helpers/core';

/** A core whose clock the test sets (Vietnam time is UTC+7). */
async function coreAt(iso: string) {
  const clock = { now: new Date(iso) };
  const dataDir = tempDir();
  const core = Core.open({ dataDir, kdfTargetMs: 50, now: () => clock.now });
  await call(core, 'vault.setup', {
    office: TEST_OFFICE,
    admin: { userName: 'admin', fullName: 'Quản Trị Viên', password: ADMIN_PASSWORD, clearance: 'none' },
  });
  return { core, clock, dataDir };
}

/** An event on the 2026 key day with a plan from a template, roles matching nothing kept as text. */
async function eventWithPlan(core: Core, templateKey: string) {
  const ev = await call(core, 'plans.events.save', { name: 'Bầu cử 2026', keyDay: '2026-03-15' });
  const made = await call(core, 'plans.fromTemplate', { eventId: ev.id, templateKey, force: true });
  if (made.status !== 'created') throw new Error('not created');
  return { ev, plan: made.plan };
}

async function directory(core: Core) {
  const org = (
    name: string,
    kind: 'telecom' | 'postal' | 'commune-committee' | 'provincial-agency' | 'radio-station',
  ) => call(core, 'contacts.orgs.save', { name, kind });
  return {
    viettel: await org('Viettel Thử Nghiệm', 'telecom'),
    vnpt: await org('VNPT Thử Nghiệm', 'telecom'),
    post: await org('Bưu điện tỉnh Thử Nghiệm', 'postal'),
    xaA: await org('UBND xã Đồng Mẫu', 'commune-committee'),
    xaB: await org('UBND phường Bến Thủy Thử', 'commune-committee'),
    so: await org('Sở Khoa học và Công nghệ tỉnh Thử Nghiệm', 'provincial-agency'),
    media: await org('Trung tâm Khoa học, Công nghệ và Truyền thông', 'provincial-agency'),
    freq: await org('Trung tâm Tần số vô tuyến điện khu vực VI', 'radio-station'),
  };
}

describe('templates', () => {
  it('ship the plans of seed 000 and seed 001 without a person name or a phone', () => {
    expect(TEMPLATES.map((t) => t.key)).toEqual(['province-ttll-election', 'commune-it-election']);
    const text = JSON.stringify(TEMPLATES);
    for (const name of ['Nguyễn Quý Linh', 'Thái Văn Thành', 'Nguyễn Xuân Cường', 'Mạnh'])
      expect(text).not.toContain(name);
    expect(text).not.toMatch(/0\d{9}/);
  });
});

describe('events, plans and tasks', () => {
  it('makes a plan from the seed 000 template, matching roles to the directory, with a choice where unclear', async () => {
    const { core } = await coreAt('2026-01-05T03:00:00Z');
    const d = await directory(core);
    const ev = await call(core, 'plans.events.save', { name: 'Bầu cử 2026', keyDay: '2026-03-15' });
    expect(ev.phases.map((p) => p.key)).toEqual(['before', 'during', 'after']);
    // Two organisations answer to "Phòng Chuyển đổi số"? None here: the role is unclear.
    const first = await call(core, 'plans.fromTemplate', {
      eventId: ev.id,
      templateKey: 'province-ttll-election',
    });
    expect(first.status).toBe('needs-mapping');
    if (first.status !== 'needs-mapping') return;
    const byKey = new Map(first.parties.map((p) => [p.key, p]));
    expect(new Set(byKey.get('companies')!.matched)).toEqual(new Set([d.viettel.id, d.vnpt.id, d.post.id]));
    expect(new Set(byKey.get('communes')!.matched)).toEqual(new Set([d.xaA.id, d.xaB.id]));
    expect(byKey.get('department')!.matched).toEqual([d.so.id]);
    expect(byKey.get('media-centre')!.matched).toEqual([d.media.id]);
    expect(byKey.get('digital-unit')!.matched).toEqual([]);
    expect(byKey.get('digital-unit')!.candidates.map((c) => c.id)).toContain(d.so.id);
    expect(await call(core, 'plans.list', {})).toEqual([]);

    const made = await call(core, 'plans.fromTemplate', {
      eventId: ev.id,
      templateKey: 'province-ttll-election',
      mapping: { 'digital-unit': [d.so.id], secretariat: [d.so.id] },
    });
    expect(made.status).toBe('created');
    if (made.status !== 'created') return;
    expect(made.plan.doc.issuingBody).toBe(TEST_OFFICE.name);
    expect(made.plan.doc.numberSymbol).toBe('/KH-SKHCN');
    // 7 template tasks; self-inspection (2.3) is one task per company.
    expect(made.plan.taskCount).toBe(9);
    const tasks = (await call(core, 'plans.tasks.list', { eventId: ev.id })).items;
    const selfCheck = tasks.filter((t) => t.code === '2.3');
    expect(selfCheck.map((t) => t.leadOrgName).sort()).toEqual(
      ['Bưu điện tỉnh Thử Nghiệm', 'VNPT Thử Nghiệm', 'Viettel Thử Nghiệm'].sort(),
    );
    expect(selfCheck[0]!.coordinatingOrgIds).toEqual(expect.arrayContaining([d.so.id, d.xaA.id, d.xaB.id]));
    expect(selfCheck[0]!.nextDue).toBe('2026-01-31');
    const comms = tasks.find((t) => t.code === '2.1')!;
    expect(comms.deadline).toEqual({ kind: 'continuous', phases: [] });
    expect(comms.nextDue).toBe('2026-01-05');
  });

  it('copies an event to a new key day, every date shifted', async () => {
    const { core } = await coreAt('2026-01-05T03:00:00Z');
    await directory(core);
    const { ev } = await eventWithPlan(core, 'province-ttll-election');
    const next = await call(core, 'plans.events.copy', {
      fromEventId: ev.id,
      name: 'Bầu cử 2031',
      keyDay: '2031-03-16',
    });
    expect(next.phases[1]).toEqual({ key: 'during', start: '2031-03-13', end: '2031-03-17' });
    const tasks = (await call(core, 'plans.tasks.list', { eventId: next.id })).items;
    expect(tasks).toHaveLength(9);
    const inspection = tasks.find((t) => t.code === '2.4')!;
    expect(inspection.deadline).toEqual({ kind: 'date', date: '2031-03-01' });
    expect(inspection.deadlineText).toBe('Trước ngày 01/03/2031');
    const duty = tasks.find((t) => t.code === 'IV.4')!;
    expect(duty.lastDue).toBe('2031-04-15');
  });

  it('overdue tasks and units that have not reported, progress as the reporting office’s own record', async () => {
    const { core, clock } = await coreAt('2026-02-02T03:00:00Z'); // Monday 02/02/2026, 10:00 in Vietnam
    const d = await directory(core);
    const { ev } = await eventWithPlan(core, 'province-ttll-election');
    const tasks = (await call(core, 'plans.tasks.list', { eventId: ev.id })).items;
    const viettel = tasks.find((t) => t.code === '2.3' && t.leadOrgId === d.viettel.id)!;
    const vnpt = tasks.find((t) => t.code === '2.3' && t.leadOrgId === d.vnpt.id)!;
    // Self-inspection was due 31/01: all three companies are late.
    const overdue = (await call(core, 'plans.tasks.list', { eventId: ev.id, view: 'overdue' })).items;
    expect(overdue.filter((t) => t.code === '2.3')).toHaveLength(3);

    const report = await call(core, 'plans.progress.report', {
      taskId: viettel.id,
      orgId: d.viettel.id,
      status: 'done',
      percent: 100,
      text: 'Đã tự kiểm tra, gửi báo cáo',
    });
    expect(report.period).toBe('2026-02-02');
    expect(report.originOffice).toBe(TEST_OFFICE.code);
    await call(core, 'plans.progress.report', {
      taskId: vnpt.id,
      orgId: d.vnpt.id,
      status: 'in-progress',
      percent: 60,
      text: 'Đang tổng hợp',
    });
    // The task itself is unchanged: version 1, still the province's.
    const detail = await call(core, 'plans.tasks.get', { id: viettel.id });
    expect(detail.task.version).toBe(1);
    expect(detail.task.status).toBe('todo');
    expect(detail.task.overdue).toBe(false);
    expect(detail.progress.map((p) => p.orgName)).toEqual(['Viettel Thử Nghiệm']);
    expect(detail.history).toEqual([{ version: 1, source: 'local', office: TEST_OFFICE.code }]);

    const o = await call(core, 'plans.overview', { eventId: ev.id });
    expect(o.period).toBe('2026-02-02');
    expect(o.overdue).toBeGreaterThanOrEqual(2);
    const missing = o.notReported.map((x) => x.orgName);
    expect(missing).toContain('Bưu điện tỉnh Thử Nghiệm');
    expect(missing).not.toContain('Viettel Thử Nghiệm');
    expect(missing).not.toContain('VNPT Thử Nghiệm');
    expect(o.byOrg.find((b) => b.orgId === d.viettel.id)!.percent).toBe(100);

    // The next Monday (00:00 Vietnam time = Sunday 17:00 UTC) starts a new period: nobody has reported in it.
    clock.now = new Date('2026-02-08T17:00:00Z');
    const week2 = await call(core, 'plans.overview', { eventId: ev.id });
    expect(week2.period).toBe('2026-02-09');
    expect(week2.notReported.map((x) => x.orgName)).toContain('VNPT Thử Nghiệm');
    const grid = await call(core, 'plans.periods', { eventId: ev.id });
    const feb2 = grid.find((g) => g.period === '2026-02-02')!;
    expect(feb2.reported.map((r) => r.orgName).sort()).toEqual(['VNPT Thử Nghiệm', 'Viettel Thử Nghiệm']);

    // The record kernel: a report is owned by the office that entered it; another office cannot change it.
    const db = core.vault.current().db;
    const row = findRecord(db, PROGRESS_RECORDS, report.id)!;
    expect(() =>
      updateRecord(
        db,
        PROGRESS_RECORDS,
        row,
        { percent: 10 },
        { office: 'UBNDXA', user: 'x', now: new Date() },
      ),
    ).toThrow(/belongs to office SKHCN/);
    expect(findRecord(db, TASK_RECORDS, viettel.id)!.version).toBe(1);
    const feed = db.prepare('SELECT table_name AS t FROM change_feed WHERE record_id = ?').all(report.id) as {
      t: string;
    }[];
    expect(feed).toEqual([{ t: 'plan_progress' }]);

    // Folded search and the organisation filter.
    const found = await call(core, 'plans.tasks.list', {
      eventId: ev.id,
      query: 'tu kiem tra',
      orgId: d.vnpt.id,
    });
    expect(found.items.map((t) => t.id)).toEqual([vnpt.id]);
  });

  it('a plan reporting every 10 days: its periods, stored state, reports and printout follow it', async () => {
    const { core, clock } = await coreAt('2026-02-12T03:00:00Z'); // Thursday 12/02/2026 in Vietnam
    await directory(core);
    const { ev, plan } = await eventWithPlan(core, 'province-ttll-election');
    expect(plan.reporting).toEqual({ kind: 'weekly', weekday: 1 });
    const tasks = (await call(core, 'plans.tasks.list', { eventId: ev.id })).items;
    const continuous = tasks.find((t) => t.deadline.kind === 'continuous' && t.leadOrgId)!;
    const weekly = (await call(core, 'plans.tasks.get', { id: continuous.id })).dueDates;
    expect(new Set(weekly.map((x) => new Date(`${x}T00:00:00Z`).getUTCDay()))).toEqual(new Set([1]));
    // A report on Thursday 12/02 under the weekly schedule is for the week from Monday 09/02.
    const before = await call(core, 'plans.progress.report', {
      taskId: continuous.id,
      orgId: continuous.leadOrgId!,
      status: 'in-progress',
      percent: 30,
    } as never);
    expect(before.period).toBe('2026-02-09');

    const every10 = { kind: 'every', days: 10, from: '2026-02-01' } as const;
    const set = await call(core, 'plans.setReporting', {
      id: plan.id,
      version: plan.version,
      reporting: every10,
    });
    expect(set.reporting).toEqual(every10);
    // The list is read a page at a time: the same total, the next tasks.
    const all = await call(core, 'plans.tasks.list', { eventId: ev.id });
    const page2 = await call(core, 'plans.tasks.list', { eventId: ev.id, limit: 3, offset: 3 });
    expect(page2.total).toBe(all.total);
    expect(page2.items.map((x) => x.id)).toEqual(all.items.slice(3, 6).map((x) => x.id));
    expect(await call(core, 'audit.list', { action: 'plans.reporting.set' } as never)).toMatchObject({
      items: [expect.objectContaining({ action: 'plans.reporting.set' })],
    });
    // The stored due dates were rebuilt: continuous work is due on the first day of each 10-day period.
    const dues = (await call(core, 'plans.tasks.get', { id: continuous.id })).dueDates;
    expect(dues).toContain('2026-02-11');
    expect(dues).not.toContain('2026-02-09');
    const grid = await call(core, 'plans.periods', { eventId: ev.id });
    expect(grid.at(-1)).toMatchObject({ period: '2026-02-11', end: '2026-02-20' });
    expect(grid.at(-2)).toMatchObject({ period: '2026-02-01', end: '2026-02-10' });
    // The report made for Monday 09/02 counts for the period holding that day: 01/02–10/02.
    expect(grid.at(-2)!.reported.map((r) => r.orgId)).toContain(continuous.leadOrgId);
    expect(grid.at(-1)!.reported).toEqual([]);

    const now = await call(core, 'plans.progress.report', {
      taskId: continuous.id,
      orgId: continuous.leadOrgId!,
      status: 'in-progress',
      percent: 50,
    } as never);
    expect(now.period).toBe('2026-02-11');
    const o = await call(core, 'plans.overview', { eventId: ev.id });
    expect(o).toMatchObject({ period: '2026-02-11', periodEnd: '2026-02-20', reporting: every10 });
    expect(o.notReported.map((x) => x.orgId)).not.toContain(continuous.leadOrgId);
    // The next period starts on 21/02 at 00:00 Vietnam time (20/02 17:00 UTC): nobody has reported in it.
    clock.now = new Date('2026-02-20T17:00:00Z');
    const next = await call(core, 'plans.overview', { eventId: ev.id });
    expect(next.period).toBe('2026-02-21');
    expect(next.notReported.map((x) => x.orgId)).toContain(continuous.leadOrgId);

    // The printout names the period of the schedule.
    const file = await call(core, 'plans.printProgress', { eventId: ev.id, period: '2026-02-15' } as never);
    const zip = await JSZip.loadAsync(Buffer.from(file.dataBase64, 'base64'));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('từ ngày 11/02/2026 đến ngày 20/02/2026');

    // Listed dates must fall within the event; a stale version is a conflict.
    const bad = await failure(core, 'plans.setReporting', {
      id: plan.id,
      version: set.version,
      reporting: { kind: 'dates', dates: ['2027-01-01'] },
    });
    expect(bad.code).toBe('VALIDATION');
    expect(
      (await failure(core, 'plans.setReporting', { id: plan.id, version: plan.version, reporting: every10 }))
        .code,
    ).toBe('CONFLICT');
  });

  it('a vault from before reporting schedules upgrades: every plan weekly on Monday, its tasks rebuilt', async () => {
    const { core, dataDir } = await coreAt('2026-02-12T03:00:00Z');
    await directory(core);
    const { ev } = await eventWithPlan(core, 'province-ttll-election');
    const grid = await call(core, 'plans.periods', { eventId: ev.id });
    const db = core.vault.current().db;
    db.exec(`ALTER TABLE plans DROP COLUMN reporting; UPDATE plan_task_state SET calendar = 'old';
      DELETE FROM schema_migrations WHERE id = 'plans/4';`);
    await call(core, 'vault.lock', {});
    const again = Core.open({ dataDir, kdfTargetMs: 50, now: () => new Date('2026-02-12T03:00:00Z') });
    await call(again, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const plans = await call(again, 'plans.list', { eventId: ev.id });
    expect(plans.map((p) => p.reporting)).toEqual([{ kind: 'weekly', weekday: 1 }]);
    const stale = again.vault
      .current()
      .db.prepare("SELECT count(*) AS n FROM plan_task_state WHERE calendar = 'old'");
    expect(stale.get()).toEqual({ n: 0 });
    expect(await call(again, 'plans.periods', { eventId: ev.id })).toEqual(grid);
  });

  it('a viewer reads but cannot edit (refusal audited); a coordinator edits', async () => {
    const { core } = await coreAt('2026-01-05T03:00:00Z');
    const d = await directory(core);
    const { ev, plan } = await eventWithPlan(core, 'commune-it-election');
    const task = (await call(core, 'plans.tasks.list', { planId: plan.id })).items[0]!;
    await addUser(core, 'xem', 'none', 'viewer');
    await addUser(core, 'dieuphoi', 'none', 'coordinator');
    await switchTo(core, 'xem');
    expect((await call(core, 'plans.tasks.list', { eventId: ev.id })).total).toBe(plan.taskCount);
    const refused = await failure(core, 'plans.progress.report', {
      taskId: task.id,
      orgId: d.viettel.id,
      status: 'done',
      percent: 100,
    });
    expect(refused.code).toBe('FORBIDDEN');
    expect((await failure(core, 'plans.events.save', { name: 'X', keyDay: '2026-05-01' })).code).toBe(
      'FORBIDDEN',
    );
    await switchTo(core, 'dieuphoi');
    const saved = await call(core, 'plans.tasks.save', {
      ...task,
      id: task.id,
      version: task.version,
      leadOrgId: d.xaA.id,
      deadline: { kind: 'relative', days: -10 },
      deadlineText: 'Trước ngày bầu cử 10 ngày',
    });
    expect(saved.version).toBe(2);
    expect(saved.lastDue).toBe('2026-03-05');
    await switchTo(core, 'admin', ADMIN_PASSWORD);
    const log = await call(core, 'audit.list', { limit: 200 });
    const denied = log.items.filter((e) => e.outcome === 'denied' && e.actor === 'xem');
    expect(denied.map((e) => e.targetId).sort()).toEqual(['plans.events.save', 'plans.progress.report']);
    expect(log.items.some((e) => e.action === 'plans.tasks.update' && e.actor === 'dieuphoi')).toBe(true);
  });

  it('an issued plan is linked to its entry in the outgoing register, never to an incoming one; reports name their evidence', async () => {
    const { core } = await coreAt('2026-01-05T03:00:00Z');
    const { plan } = await eventWithPlan(core, 'province-ttll-election');
    const out = await call(core, 'docs.register', {
      direction: 'out',
      type: 'KH',
      symbol: '05/KH-SKHCN',
      documentDate: '2026-01-05',
      recipients: ['UBND các xã, phường'],
      summary: plan.doc.title,
    });
    const incoming = await call(core, 'docs.register', {
      direction: 'in',
      type: 'CV',
      symbol: '12/UBND-VX',
      documentDate: '2026-01-04',
      sender: 'UBND tỉnh',
      summary: 'Về việc bầu cử',
    });
    const doc = { ...plan.doc, numberSymbol: '05/KH-SKHCN', issuedOn: '2026-01-05' };
    const base = { id: plan.id, version: plan.version, status: 'issued' as const, doc };
    const refused = await failure(core, 'plans.save', { ...base, registryEntryId: incoming.entry.id });
    expect(refused.code).toBe('VALIDATION');
    const issued = await call(core, 'plans.save', { ...base, registryEntryId: out.entry.id });
    // A unit's report names its evidence in the register; an entry that does not exist is refused.
    const task = (await call(core, 'plans.tasks.list', { planId: plan.id })).items[0]!;
    const org = await call(core, 'contacts.orgs.save', { name: 'Viettel Thử Nghiệm', kind: 'telecom' });
    const report = await call(core, 'plans.progress.report', {
      taskId: task.id,
      orgId: org.id,
      status: 'done',
      percent: 100,
      evidenceEntryIds: [incoming.entry.id],
    });
    expect(report.evidenceEntryIds).toEqual([incoming.entry.id]);
    const missing = await failure(core, 'plans.progress.report', {
      taskId: task.id,
      orgId: org.id,
      status: 'done',
      percent: 100,
      evidenceEntryIds: [plan.id],
    });
    expect(missing.issues?.[0]?.path).toBe('evidenceEntryIds');
    expect(issued).toMatchObject({ status: 'issued', registryEntryId: out.entry.id, version: 2 });
    expect(issued.doc.numberSymbol).toBe('05/KH-SKHCN');
  });

  it('prints the plan (A4 portrait, Times New Roman) and the progress report; exports the tasks', async () => {
    const { core } = await coreAt('2026-02-02T03:00:00Z');
    await directory(core);
    const { ev, plan } = await eventWithPlan(core, 'province-ttll-election');
    for (const layout of ['numbered', 'table'] as const) {
      const f = await call(core, 'plans.print', { planId: plan.id, layout });
      const zip = await JSZip.loadAsync(Buffer.from(f.dataBase64, 'base64'));
      const xml = await zip.file('word/document.xml')!.async('string');
      expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(xml).not.toContain('w:orient="landscape"');
      expect(xml).toContain('KẾ HOẠCH');
      expect(xml).toContain('Tự kiểm tra công tác bảo đảm thông tin liên lạc');
      expect(xml).toContain('PHỤ LỤC');
      const styles = await zip.file('word/styles.xml')!.async('string');
      expect(styles).toContain('Times New Roman');
    }
    const r = await call(core, 'plans.printProgress', { eventId: ev.id, period: '2026-02-04' });
    const xml = await (
      await JSZip.loadAsync(Buffer.from(r.dataBase64, 'base64'))
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('BÁO CÁO');
    expect(xml).toContain('ĐƠN VỊ CHƯA BÁO CÁO');
    const x = await call(core, 'plans.tasks.export', { eventId: ev.id });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(1 + plan.taskCount);
  });

  it('lists and the overview read stored due dates: reports, the key day moved, a plan removed', async () => {
    const { core, clock } = await coreAt('2026-03-10T03:00:00Z'); // Tuesday 10/03/2026 in Vietnam
    const d = await directory(core);
    const { ev, plan } = await eventWithPlan(core, 'commune-it-election');
    const task = (title: string, leadOrgId: string, deadline: DeadlineSpec, status: TaskStatus = 'todo') =>
      call(core, 'plans.tasks.save', { planId: plan.id, title, leadOrgId, deadline, status });
    const weekly = await task('Báo cáo thứ Hai', d.viettel.id, { kind: 'weekly', weekday: 1, phases: [] });
    const soon = await task('Kiểm tra trạm', d.vnpt.id, { kind: 'date', date: '2026-03-12' });
    const relative = await task('Diễn tập', d.post.id, { kind: 'relative', days: -10 });
    await task('Hủy bỏ', d.xaA.id, { kind: 'date', date: '2026-03-20' }, 'cancelled');
    await task('Đã xong', d.xaB.id, { kind: 'date', date: '2026-02-01' }, 'done');
    const list = async (view: 'overdue' | 'due-soon' | 'this-week') =>
      (await call(core, 'plans.tasks.list', { planId: plan.id, view })).items.map((t) => t.title);
    const report = (taskId: string, orgId: string, period: string) =>
      call(core, 'plans.progress.report', { taskId, orgId, status: 'in-progress', percent: 50, period });

    // Monday 09/03 was due and not reported; a report for the week before does not count.
    expect(await list('overdue')).toEqual(expect.arrayContaining(['Báo cáo thứ Hai', 'Diễn tập']));
    await report(weekly.id, d.viettel.id, '2026-03-04');
    expect(await list('overdue')).toContain('Báo cáo thứ Hai');
    await report(weekly.id, d.viettel.id, '2026-03-11');
    expect(await list('overdue')).not.toContain('Báo cáo thứ Hai');
    expect(await list('due-soon')).toEqual(expect.arrayContaining(['Kiểm tra trạm', 'Báo cáo thứ Hai']));
    expect(await list('this-week')).toEqual(expect.arrayContaining(['Kiểm tra trạm', 'Báo cáo thứ Hai']));
    expect(await list('this-week')).not.toContain('Diễn tập');
    const o = await call(core, 'plans.overview', { eventId: ev.id });
    expect(o.notReported.map((x) => x.orgId)).toEqual(expect.arrayContaining([d.vnpt.id, d.post.id]));
    // Reported; a cancelled task and a single task done before the week expect no report.
    for (const id of [d.viettel.id, d.xaA.id, d.xaB.id])
      expect(o.notReported.map((x) => x.orgId)).not.toContain(id);
    const latest = (await call(core, 'plans.tasks.list', { planId: plan.id, query: 'bao cao thu hai' }))
      .items;
    expect(latest.map((t) => t.lastReport)).toEqual([
      expect.objectContaining({ period: '2026-03-09', percent: 50 }),
    ]);

    // On a Monday the day's due date is due today, not late.
    clock.now = new Date('2026-03-09T03:00:00Z');
    const monday = (await call(core, 'plans.tasks.get', { id: weekly.id })).task;
    expect(monday).toMatchObject({ nextDue: '2026-03-09', overdue: false, dueSoon: true });

    // The key day moves a week later: due dates relative to it and the phases move too.
    clock.now = new Date('2026-03-10T03:00:00Z');
    await call(core, 'plans.events.save', {
      id: ev.id,
      version: ev.version,
      name: ev.name,
      keyDay: '2026-03-22',
    });
    const moved = (await call(core, 'plans.tasks.get', { id: relative.id })).task;
    expect(moved).toMatchObject({ lastDue: '2026-03-12', overdue: false, dueSoon: true });
    expect((await call(core, 'plans.tasks.get', { id: weekly.id })).dueDates.at(-1)).toBe('2026-04-20');
    expect((await call(core, 'plans.tasks.get', { id: soon.id })).task.lastDue).toBe('2026-03-12');

    // Rebuilt from the records alone (the schema step's fill), the lists read the same.
    const db = core.vault.current().db;
    const before = await call(core, 'plans.tasks.list', { eventId: ev.id });
    db.exec(
      'DELETE FROM plan_task_state; DELETE FROM plan_task_dues; DELETE FROM plan_task_text; DELETE FROM plan_task_orgs',
    );
    expect((await call(core, 'plans.tasks.list', { eventId: ev.id })).total).toBe(0);
    fillTaskDues(db);
    expect(await call(core, 'plans.tasks.list', { eventId: ev.id })).toEqual(before);

    // A plan removed takes its tasks out of the lists.
    tombstoneRecord(db, PLAN_RECORDS, findRecord(db, PLAN_RECORDS, plan.id)!, true, {
      office: TEST_OFFICE.code,
      user: 'admin',
      now: clock.now,
    });
    expect((await call(core, 'plans.tasks.list', { eventId: ev.id })).total).toBe(0);
    expect((await call(core, 'plans.overview', { eventId: ev.id })).tasks).toBe(0);
  });

  it('keeps evidence files inside the encrypted database: listed, viewed, exported only with the permission (audited)', async () => {
    const { core, dataDir } = await coreAt('2026-02-02T03:00:00Z');
    const d = await directory(core);
    const { plan } = await eventWithPlan(core, 'commune-it-election');
    const task = (await call(core, 'plans.tasks.list', { planId: plan.id })).items[0]!;
    const report = await call(core, 'plans.progress.report', {
      taskId: task.id,
      orgId: d.xaA.id,
      status: 'done',
      percent: 100,
    });
    const marker = `MINH-CHUNG-${randomUUID()}`;
    const pdf = Buffer.from(`%PDF-1.4\n% ${marker}\n%%EOF\n`);
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', `<w:document>${marker}-docx</w:document>`, { compression: 'STORE' });
    const docx = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    const onTask = await call(core, 'plans.evidence.add', {
      taskId: task.id,
      fileName: 'bien-ban.pdf',
      dataBase64: pdf.toString('base64'),
    });
    const onReport = await call(core, 'plans.evidence.add', {
      taskId: task.id,
      progressId: report.id,
      fileName: 'bao-cao.docx',
      dataBase64: docx.toString('base64'),
    });
    expect(onReport).toMatchObject({ progressId: report.id, mime: DOCX_MIME });
    const refused = await failure(core, 'plans.evidence.add', {
      taskId: task.id,
      fileName: 'virus.exe',
      dataBase64: Buffer.from('MZ\x90\x00 not a document').toString('base64'),
    });
    expect(refused.code).toBe('VALIDATION');
    const detail = await call(core, 'plans.tasks.get', { id: task.id });
    expect(detail.evidence.map((e) => e.fileName)).toEqual(['bien-ban.pdf', 'bao-cao.docx']);
    expect(detail.mayExportFiles).toBe(false);
    const shown = await call(core, 'plans.evidence.content', { id: onTask.id });
    expect(Buffer.from(shown.dataBase64, 'base64').equals(pdf)).toBe(true);

    // No file of the data folder holds the bytes (the database is encrypted page by page).
    expect(filesContaining(dataDir, marker)).toEqual([]);
    core.vault.current().db.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesContaining(dataDir, marker)).toEqual([]);

    // Taking a file out needs the registry's export permission; refusal and export are audited.
    expect((await failure(core, 'plans.evidence.export', { id: onReport.id })).code).toBe('FORBIDDEN');
    core.vault
      .current()
      .db.prepare("UPDATE users SET can_export_attachments = 1 WHERE user_name = 'admin'")
      .run();
    const out = await call(core, 'plans.evidence.export', { id: onReport.id });
    expect(Buffer.from(out.dataBase64, 'base64').equals(docx)).toBe(true);
    const log = await call(core, 'audit.list', { limit: 50 });
    const exports = log.items.filter(
      (e) => e.action === 'plans.evidence.export' || e.targetId === 'plans.evidence.export',
    );
    expect(exports.map((e) => e.outcome).sort()).toEqual(['denied', 'ok']);

    await call(core, 'plans.evidence.remove', { id: onTask.id, version: onTask.version });
    expect((await call(core, 'plans.tasks.get', { id: task.id })).evidence.map((e) => e.id)).toEqual([
      onReport.id,
    ]);
    const bytes = core.vault
      .current()
      .db.prepare('SELECT length(content) AS n FROM plan_evidence WHERE id = ?')
      .get(onTask.id);
    expect(bytes).toEqual({ n: 0 });
  });

  it('tasks of my organisation: each user chooses it once, remembered for them in this office', async () => {
    const { core } = await coreAt('2026-02-02T03:00:00Z');
    const d = await directory(core);
    const { ev } = await eventWithPlan(core, 'province-ttll-election');
    expect(await call(core, 'plans.myOrg.get', {})).toEqual({ orgId: null, orgName: null });
    expect((await failure(core, 'plans.myOrg.set', { orgId: ev.id })).code).toBe('VALIDATION');
    await call(core, 'plans.myOrg.set', { orgId: d.vnpt.id });
    await addUser(core, 'xem', 'none', 'viewer');
    await switchTo(core, 'xem');
    // Another user has not chosen yet; a viewer may choose theirs.
    expect(await call(core, 'plans.myOrg.get', {})).toEqual({ orgId: null, orgName: null });
    await call(core, 'plans.myOrg.set', { orgId: d.viettel.id });
    await switchTo(core, 'admin', ADMIN_PASSWORD);
    const mine = await call(core, 'plans.myOrg.get', {});
    expect(mine).toEqual({ orgId: d.vnpt.id, orgName: 'VNPT Thử Nghiệm' });
    const tasks = (await call(core, 'plans.tasks.list', { eventId: ev.id, orgId: mine.orgId! })).items;
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.leadOrgId === d.vnpt.id || t.coordinatingOrgIds.includes(d.vnpt.id))).toBe(
      true,
    );
    expect(tasks.some((t) => t.leadOrgId === d.vnpt.id)).toBe(true);
  });
});

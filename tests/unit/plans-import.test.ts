/**
 * Importing a plan from its Word file through the core (plans.importPreview → plans.importCommit):
 * a real encrypted database, the fixtures of seeds 000 and 001 made .docx.
 */
import { describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/app';
import { ADMIN_PASSWORD, addUser, call, failure, switchTo, TEST_OFFICE, tempDir } from '../helpers/core';
import { docxOf, planFixture } from '../helpers/planDocx';

async function setup() {
  const core = Core.open({
    dataDir: tempDir(),
    kdfTargetMs: 50,
    now: () => new Date('2026-01-05T03:00:00Z'),
  });
  await call(core, 'vault.setup', {
    office: TEST_OFFICE,
    admin: { userName: 'admin', fullName: 'Quản Trị Viên', password: ADMIN_PASSWORD, clearance: 'none' },
  });
  const org = (name: string, kind: 'telecom' | 'postal' | 'commune-committee' | 'provincial-agency') =>
    call(core, 'contacts.orgs.save', { name, kind });
  const d = {
    viettel: await org('Viettel Thử Nghiệm', 'telecom'),
    post: await org('Bưu điện tỉnh Thử Nghiệm', 'postal'),
    xa: await org('UBND xã Đồng Mẫu', 'commune-committee'),
    so: await org('Sở Khoa học và Công nghệ tỉnh Thử Nghiệm', 'provincial-agency'),
  };
  const ev = await call(core, 'plans.events.save', { name: 'Bầu cử 2026', keyDay: '2026-03-15' });
  return { core, d, ev };
}

const file = async (name: string) => ({
  fileName: name.replace('.txt', '.docx'),
  dataBase64: (await docxOf(planFixture(name))).toString('base64'),
});

describe('plans: import from a Word file', () => {
  it('previews the province plan, then makes it with its organisations matched and due dates computed', async () => {
    const { core, d, ev } = await setup();
    const p = await call(core, 'plans.importPreview', {
      eventId: ev.id,
      ...(await file('province-plan.txt')),
    });
    expect(p.format).toBe('docx');
    expect(p.doc).toMatchObject({
      parentBody: 'UBND TỈNH NGHỆ AN',
      issuingBody: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      numberSymbol: '05/KH-SKHCN',
      issuedOn: '2026-01-05',
      title: expect.stringMatching(/^Bảo đảm thông tin liên lạc phục vụ bầu cử/),
      signer: { lines: ['GIÁM ĐỐC'], name: 'Lê Văn Thử' },
    });
    expect(p.doc.legalBases).toHaveLength(1);
    expect(p.doc.recipients).toHaveLength(10);
    expect(p.tasks.map((t) => t.number)).toEqual(['2.1', '2.2', '2.3', '2.4']);
    const t23 = p.tasks[2]!;
    expect(t23).toMatchObject({
      title: expect.stringMatching(/kiểm tra/i),
      lead: [{ text: 'Các doanh nghiệp bưu chính, viễn thông' }],
      coordinating: [{ text: 'Sở Khoa học và Công nghệ' }, { text: 'UBND các xã, phường' }],
      deadline: { kind: 'date', date: '2026-01-31' },
      deadlineText: 'Trước ngày 31/01/2026.',
      dueDates: ['2026-01-31'],
      product: 'Báo cáo tự kiểm tra',
      issues: [],
    });
    // "Thường xuyên": due each Monday of the event's calendar.
    expect(p.tasks[0]!.deadline).toEqual({ kind: 'continuous', phases: [] });
    expect(p.tasks[0]!.dueDates.length).toBeGreaterThan(10);
    expect(p.tasks[0]!.dueDates.every((x) => new Date(`${x}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    // Organisations as the templates' roles are matched: a group takes all of its kind.
    const party = (label: string) => p.parties.find((x) => x.label === label)!;
    expect(new Set(party('Các doanh nghiệp bưu chính, viễn thông').matched)).toEqual(
      new Set([d.viettel.id, d.post.id]),
    );
    expect(party('Sở Khoa học và Công nghệ').matched).toEqual([d.so.id]);
    expect(party('UBND các xã, phường').matched).toEqual([d.xa.id]);
    expect(party('Phòng Chuyển đổi số').matched).toEqual([]);
    expect(party('Phòng Chuyển đổi số').candidates.map((c) => c.id)).toEqual([d.so.id]);
    expect(t23.lead[0]!.party).toBe(party('Các doanh nghiệp bưu chính, viễn thông').key);
    expect(await call(core, 'plans.list', {})).toEqual([]);

    const unclear = await call(core, 'plans.importCommit', { previewId: p.previewId });
    expect(unclear.status).toBe('needs-mapping');
    expect(await call(core, 'plans.list', {})).toEqual([]);
    const mapping = Object.fromEntries(
      p.parties.filter((x) => x.matched.length === 0).map((x) => [x.key, [d.so.id]]),
    );
    const made = await call(core, 'plans.importCommit', { previewId: p.previewId, mapping });
    if (made.status !== 'created') throw new Error('not created');
    // 2.3 is led by both companies: one task each, so each reports on its own.
    expect(made.plan).toMatchObject({ eventId: ev.id, templateKey: null, taskCount: 5 });
    expect(made.plan.doc.numberSymbol).toBe('05/KH-SKHCN');
    const tasks = (await call(core, 'plans.tasks.list', { planId: made.plan.id })).items;
    const self = tasks.filter((t) => t.code === '2.3');
    expect(new Set(self.map((t) => t.leadOrgId))).toEqual(new Set([d.viettel.id, d.post.id]));
    expect(self[0]).toMatchObject({
      lastDue: '2026-01-31',
      deadlineText: 'Trước ngày 31/01/2026.',
      leadText: 'Các doanh nghiệp bưu chính, viễn thông',
      coordinatingOrgIds: expect.arrayContaining([d.so.id, d.xa.id]),
      product: 'Báo cáo tự kiểm tra',
    });
    expect(tasks.find((t) => t.code === '2.4')!.leadOrgId).toBe(d.so.id);
    expect((await failure(core, 'plans.importCommit', { previewId: p.previewId })).code).toBe('NOT_FOUND');

    const log = await call(core, 'audit.list', { limit: 50 });
    expect(log.items.find((e) => e.action === 'plans.import')).toMatchObject({
      targetId: made.plan.id,
      outcome: 'ok',
    });
  });

  it('the commune plan: a deadline not understood is saved flagged as unread, not as continuous; one corrected in the preview is read again', async () => {
    const { core, ev } = await setup();
    const p = await call(core, 'plans.importPreview', {
      eventId: ev.id,
      ...(await file('commune-plan.txt')),
    });
    const t21 = p.tasks.find((t) => t.number === '2.1')!;
    expect(t21).toMatchObject({ deadline: null, dueDates: [], issues: ['deadline-not-understood'] });
    const i21 = p.tasks.indexOf(t21);
    const other = p.tasks.findIndex((t) => t !== t21);
    // The user corrects another task's deadline in the preview; 2.1 is left as the file says.
    const made = await call(core, 'plans.importCommit', {
      previewId: p.previewId,
      force: true,
      deadlines: { [other]: 'Trước ngày bầu cử 5 ngày' },
    });
    if (made.status !== 'created') throw new Error('not created');
    const tasks = (await call(core, 'plans.tasks.list', { planId: made.plan.id })).items;
    const saved = tasks.find((t) => t.code === '2.1')!;
    expect(i21).toBeGreaterThanOrEqual(0);
    expect(saved).toMatchObject({
      deadline: { kind: 'unread' },
      deadlineText: t21.deadlineText,
      nextDue: null,
      lastDue: null,
      overdue: false,
      leadOrgId: null,
      leadText: 'Phòng Văn hóa - Xã hội',
    });
    expect(tasks.find((t) => t.code === p.tasks[other]!.number)).toMatchObject({
      deadline: { kind: 'relative', days: -5 },
      deadlineText: 'Trước ngày bầu cử 5 ngày',
      lastDue: '2026-03-10',
    });
  });

  it('a viewer is refused (audited); a damaged or non-plan file saves nothing', async () => {
    const { core, ev } = await setup();
    const good = await file('province-plan.txt');
    await addUser(core, 'xem', 'none', 'viewer');
    await switchTo(core, 'xem');
    expect((await failure(core, 'plans.importPreview', { eventId: ev.id, ...good })).code).toBe('FORBIDDEN');
    await switchTo(core, 'admin', ADMIN_PASSWORD);
    const log = await call(core, 'audit.list', { limit: 50 });
    expect(
      log.items.some(
        (e) => e.actor === 'xem' && e.outcome === 'denied' && e.targetId === 'plans.importPreview',
      ),
    ).toBe(true);

    const bytes = Buffer.from(good.dataBase64, 'base64');
    const damaged = bytes.subarray(0, bytes.length - 40).toString('base64');
    const letter = (await docxOf('Kính gửi: Sở Nội vụ\nĐề nghị hỗ trợ.')).toString('base64');
    const before = (await call(core, 'plans.list', {})).length;
    for (const dataBase64 of [damaged, letter]) {
      const e = await failure(core, 'plans.importPreview', {
        eventId: ev.id,
        fileName: 'kh.docx',
        dataBase64,
      });
      expect(e.code).toBe('IMPORT_INVALID');
      expect(e.message).toMatch(/Word document|Not a plan/);
    }
    expect((await call(core, 'plans.list', {})).length).toBe(before);
    expect((await call(core, 'plans.tasks.list', {})).total).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { Core } from '../../src/main/core/app';
import { applyPackage, type RowOf } from '../../src/main/core/db/recordKernel';
import { inspectionsModule } from '../../src/main/core/inspections';
import { SELF_RECORDS } from '../../src/main/core/inspections/store';
import type { selfInspections } from '../../src/main/core/inspections/schema';
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

/** A set-up core whose clock the test moves, with a small directory, an event and its plan. */
async function round(iso = '2026-02-10T03:00:00Z') {
  const clock = { now: new Date(iso) };
  const dataDir = tempDir();
  const core = Core.open({ dataDir, kdfTargetMs: 50, now: () => clock.now });
  await call(core, 'vault.setup', {
    office: TEST_OFFICE,
    admin: { userName: 'admin', fullName: 'Quản Trị Viên', password: ADMIN_PASSWORD, clearance: 'none' },
  });
  const viettel = await call(core, 'contacts.orgs.save', { name: 'Viễn thông Thử Nghiệm', kind: 'telecom' });
  const post = await call(core, 'contacts.orgs.save', { name: 'Bưu điện Thử Nghiệm', kind: 'postal' });
  const lead = await call(core, 'contacts.save', { fullName: 'Trần Văn Kiểm', organizationId: null });
  const ev = await call(core, 'plans.events.save', { name: 'Bầu cử 2026', keyDay: '2026-03-15' });
  const plan = await call(core, 'plans.fromTemplate', {
    eventId: ev.id,
    templateKey: 'province-ttll-election',
    force: true,
  });
  if (plan.status !== 'created') throw new Error('no plan');
  return { core, clock, dataDir, viettel, post, lead, ev, plan: plan.plan };
}

type Round = Awaited<ReturnType<typeof round>>;

const planTelecom = (r: Round, over: Record<string, unknown> = {}) =>
  call(r.core, 'inspections.plan', {
    eventId: r.ev.id,
    orgId: r.viettel.id,
    checklist: 'telecom',
    date: '2026-02-20',
    place: 'Trụ sở doanh nghiệp',
    teamContactIds: [r.lead.id],
    ...over,
  });

async function recordAll(r: Round, id: string, failing: readonly number[] = []) {
  const d = await call(r.core, 'inspections.get', { id });
  for (const it of d.items)
    await call(r.core, 'inspections.record', {
      inspectionId: id,
      itemNo: it.no,
      result: failing.includes(it.no) ? 'khong-dat' : 'dat',
    });
}

// A 1×1 PNG with a marker in a text chunk: any copy of its bytes on disk would show the marker.
function pngWith(marker: string): Buffer {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, Buffer.from(`tEXtComment\0${marker}`, 'latin1')]);
}

describe('checklists', () => {
  it('ship the four lists of seed 000 as data, with no person name or phone', async () => {
    const { core } = await round();
    const list = await call(core, 'inspections.templates', {});
    expect(list.map((c) => [c.ref, c.unitKind])).toEqual([
      ['telecom', 'telecom'],
      ['postal', 'postal'],
      ['radio-frequency', 'radio'],
      ['commune', 'commune'],
    ]);
    const all = await Promise.all(list.map((c) => call(core, 'inspections.checklists.get', { ref: c.ref })));
    for (const c of all)
      for (const it of c.items) {
        expect(it.requirement && it.verify && it.evidence).toBeTruthy();
      }
    const text = JSON.stringify(all);
    for (const name of ['Nguyễn Quý Linh', 'Thái Văn Thành', 'Nguyễn Bá Anh', 'Mạnh'])
      expect(text).not.toContain(name);
    expect(text).not.toMatch(/0\d{9}/);
    expect(text).toContain('KT1');
  });

  it('a copy is a new record; editing it never changes an inspection planned with it', async () => {
    const r = await round();
    const base = await call(r.core, 'inspections.checklists.get', { ref: 'telecom' });
    const copy = await call(r.core, 'inspections.checklists.save', {
      copyFrom: 'telecom',
      name: 'Danh mục viễn thông của Sở',
      items: base.items.slice(0, 3),
    });
    expect(copy).toMatchObject({ shipped: false, edition: 1, copiedFrom: 'telecom@1', unitKind: 'telecom' });
    const insp = await planTelecom(r, { checklist: copy.ref });
    expect(insp.checklistRef).toBe(`${copy.ref}@1`);
    const edited = await call(r.core, 'inspections.checklists.save', {
      id: copy.ref,
      version: copy.version!,
      name: copy.name,
      items: [{ key: 'new', requirement: 'Nội dung mới' }],
    });
    expect(edited.edition).toBe(2);
    const d = await call(r.core, 'inspections.get', { id: insp.id });
    expect(d.items.map((i) => i.key)).toEqual(base.items.slice(0, 3).map((i) => i.key));
    // The shipped template is untouched too.
    expect((await call(r.core, 'inspections.checklists.get', { ref: 'telecom' })).items).toEqual(base.items);
    // Only an administrator edits checklists.
    await addUser(r.core, 'cv', 'none', 'coordinator');
    await switchTo(r.core, 'cv');
    expect(
      (
        await failure(r.core, 'inspections.checklists.save', {
          copyFrom: 'telecom',
          name: 'x',
          items: base.items,
        })
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('declares the travel of each table: office records and their photos down, self-inspections up', () => {
    const policy = Object.fromEntries(
      inspectionsModule.tables.map((t) => [
        (t.table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')],
        t.policy,
      ]),
    );
    for (const name of [
      'inspection_checklists',
      'inspections',
      'inspection_results',
      'inspection_findings',
      'inspection_actions',
    ])
      expect(policy[name], name).toMatchObject({
        kind: 'shared',
        travels: 'down',
        originators: ['province'],
      });
    expect(policy.self_inspections).toMatchObject({ kind: 'shared', travels: 'up' });
    // Photos go down with their inspection, as files of the package.
    expect(policy.inspection_files).toMatchObject({
      kind: 'shared',
      travels: 'down',
      originators: ['province'],
      file: { content: 'content', sha256: 'sha256', size: 'size' },
    });
  });
});

describe('the life cycle', () => {
  it('closes only when every item has a result and every finding is resolved or accepted by a leader', async () => {
    const r = await round();
    const insp = await planTelecom(r);
    expect(insp).toMatchObject({ status: 'planned', itemCount: 10, teamNames: ['Trần Văn Kiểm'] });
    await call(r.core, 'inspections.record', {
      inspectionId: insp.id,
      itemNo: 1,
      result: 'khong-dat',
      notes: 'Chưa có',
    });
    expect((await failure(r.core, 'inspections.close', { id: insp.id })).message).toMatch(
      /9 checklist items/,
    );
    expect(
      (await failure(r.core, 'inspections.record', { inspectionId: insp.id, itemNo: 11, result: 'dat' }))
        .code,
    ).toBe('VALIDATION');
    await recordAll(r, insp.id, [1, 5]);
    const f1 = await call(r.core, 'inspections.findings.save', {
      inspectionId: insp.id,
      itemNo: 1,
      severity: 'high',
      description: 'Chưa có phương án bảo đảm TTLL',
      recommendation: 'Xây dựng và phê duyệt phương án',
    });
    const f2 = await call(r.core, 'inspections.findings.save', {
      inspectionId: insp.id,
      itemNo: 5,
      severity: 'low',
      description: 'Máy phát dự phòng chưa chạy thử',
    });
    expect((await failure(r.core, 'inspections.close', { id: insp.id })).message).toMatch(
      /2 findings are still open/,
    );

    // Remediation with a deadline, made a task of the plans module.
    const action = await call(r.core, 'inspections.actions.save', {
      findingId: f1.id,
      text: 'Ban hành phương án bảo đảm TTLL',
      ownerOrgId: r.viettel.id,
      deadline: '2026-02-25',
      asTask: true,
    });
    expect(action).toMatchObject({ overdue: false, ownerName: 'Viễn thông Thử Nghiệm' });
    const task = await call(r.core, 'plans.tasks.get', { id: action.taskId! });
    expect(task.task).toMatchObject({
      leadOrgId: r.viettel.id,
      lastDue: '2026-02-25',
      planTitle: r.plan.doc.title,
    });
    expect(
      (await failure(r.core, 'inspections.findings.resolve', { id: f1.id, version: f1.version })).code,
    ).toBe('CONFLICT');
    // The deadline passes: the action is overdue, in the finding and in the round's figures.
    r.clock.now = new Date('2026-02-27T03:00:00Z');
    const late = await call(r.core, 'inspections.get', { id: insp.id });
    expect(late.findings.find((f) => f.id === f1.id)!.actions[0]!.overdue).toBe(true);
    expect(await call(r.core, 'inspections.overview', { eventId: r.ev.id })).toMatchObject({
      planned: 1,
      done: 1,
      overdueActions: 1,
      openBySeverity: { high: 1, medium: 0, low: 1 },
    });
    await call(r.core, 'inspections.actions.save', {
      findingId: f1.id,
      id: action.id,
      version: action.version,
      text: action.text,
      ownerOrgId: r.viettel.id,
      deadline: action.deadline,
      done: true,
    });
    await call(r.core, 'inspections.findings.resolve', {
      id: f1.id,
      version: f1.version,
      note: 'Đã ban hành',
    });

    // The low finding is accepted as it stands: by a leader only.
    await addUser(r.core, 'cv', 'none', 'coordinator');
    await addUser(r.core, 'ld', 'none', 'leader');
    await addUser(r.core, 'xem', 'none', 'viewer');
    await switchTo(r.core, 'cv');
    expect(
      (await failure(r.core, 'inspections.findings.accept', { id: f2.id, version: f2.version })).code,
    ).toBe('FORBIDDEN');
    await switchTo(r.core, 'xem');
    expect((await call(r.core, 'inspections.list', {})).map((i) => i.id)).toEqual([insp.id]);
    expect(
      (
        await failure(r.core, 'inspections.plan', {
          eventId: r.ev.id,
          orgId: r.viettel.id,
          checklist: 'telecom',
          date: '2026-02-28',
        })
      ).code,
    ).toBe('FORBIDDEN');
    expect((await failure(r.core, 'inspections.print', { id: insp.id })).code).toBe('FORBIDDEN');
    await switchTo(r.core, 'ld');
    await call(r.core, 'inspections.findings.accept', { id: f2.id, version: f2.version, note: 'Chấp nhận' });
    const closed = await call(r.core, 'inspections.close', { id: insp.id });
    expect(closed).toMatchObject({ status: 'closed', openFindings: 0, failed: 2 });
    await switchTo(r.core, 'admin', ADMIN_PASSWORD);
    expect(
      (await failure(r.core, 'inspections.record', { inspectionId: insp.id, itemNo: 1, result: 'dat' })).code,
    ).toBe('CONFLICT');
  });

  it('a re-inspection links to the original, of the same unit only; requests for self-inspection are tasks', async () => {
    const r = await round();
    const first = await planTelecom(r);
    const again = await planTelecom(r, { reinspectionOf: first.id, date: '2026-02-27' });
    expect(again.reinspectionOf).toBe(first.id);
    expect(
      (
        await failure(r.core, 'inspections.plan', {
          eventId: r.ev.id,
          orgId: r.post.id,
          checklist: 'postal',
          date: '2026-02-27',
          reinspectionOf: first.id,
        })
      ).code,
    ).toBe('VALIDATION');
    const req = await call(r.core, 'inspections.requestSelf', {
      eventId: r.ev.id,
      orgIds: [r.viettel.id, r.post.id],
      deadline: '2026-01-31',
    });
    expect(req.taskIds).toHaveLength(2);
    const t = await call(r.core, 'plans.tasks.get', { id: req.taskIds[1]! });
    expect(t.task).toMatchObject({
      leadOrgId: r.post.id,
      lastDue: '2026-01-31',
      product: 'Báo cáo tự kiểm tra',
    });
  });
});

describe('self-inspection reports', () => {
  it('one received by package is kept with its origin and shown beside the inspection item by item', async () => {
    const r = await round();
    const insp = await planTelecom(r);
    const db = r.core.vault.current().db;
    const record: RowOf<typeof selfInspections> = {
      id: '01950000-0000-7000-8000-000000000001',
      originOffice: 'VTTN',
      version: 1,
      updatedAt: '2026-01-30T02:00:00.000Z',
      updatedBy: 'VTTN/admin',
      deleted: false,
      eventId: r.ev.id,
      orgId: r.viettel.id,
      checklistRef: 'telecom@1',
      reportedOn: '2026-01-30',
      answers: JSON.stringify([
        { key: 'tel-plan', result: 'dat', notes: 'Đã có phương án' },
        { key: 'tel-duty', result: 'khong-dat', notes: '' },
      ]),
    };
    const [applied] = applyPackage(db, [{ table: SELF_RECORDS, record }], {
      office: 'VTTN',
      level: 'agency',
    });
    expect(applied).toMatchObject({ outcome: 'inserted' });
    await call(r.core, 'inspections.record', { inspectionId: insp.id, itemNo: 1, result: 'khong-dat' });
    const d = await call(r.core, 'inspections.get', { id: insp.id });
    expect(d.selfReport).toMatchObject({ originOffice: 'VTTN', reportedOn: '2026-01-30' });
    const self = new Map(d.selfReport!.answers.map((a) => [a.key, a.result]));
    // Item 1: the unit said đạt, the office found không đạt.
    expect([d.items[0]!.key, self.get(d.items[0]!.key), d.items[0]!.result]).toEqual([
      'tel-plan',
      'dat',
      'khong-dat',
    ]);
    expect(self.get('tel-duty')).toBe('khong-dat');
    // Entered by the office from a paper report: kept as this office's record.
    const entered = await call(r.core, 'inspections.self.save', {
      eventId: r.ev.id,
      orgId: r.post.id,
      checklist: 'postal',
      reportedOn: '2026-01-31',
      answers: [{ key: 'post-kt1', result: 'dat' }],
    });
    expect(entered).toMatchObject({ originOffice: TEST_OFFICE.code, checklistRef: 'postal@1' });
    expect((await call(r.core, 'inspections.overview', { eventId: r.ev.id })).selfInspected).toBe(2);
  });
});

describe('files and printouts', () => {
  it('keeps photos encrypted at rest (the marker is in no file of the data folder), shows them, exports them only with the permission', async () => {
    const r = await round();
    const insp = await planTelecom(r);
    const marker = `ANH-KIEM-TRA-${Date.now()}-DOC-NHAT`;
    const file = await call(r.core, 'inspections.attach', {
      inspectionId: insp.id,
      itemNo: 4,
      fileName: 'tram-bts.png',
      dataBase64: pngWith(marker).toString('base64'),
    });
    expect(file).toMatchObject({ itemNo: 4, mime: 'image/png' });
    expect(
      (
        await failure(r.core, 'inspections.attach', {
          inspectionId: insp.id,
          itemNo: 4,
          fileName: 'x.exe',
          dataBase64: Buffer.from('MZ not an image').toString('base64'),
        })
      ).code,
    ).toBe('VALIDATION');
    const shown = await call(r.core, 'inspections.get', { id: insp.id });
    expect(shown.attachments).toHaveLength(1);
    expect(shown.mayExportFiles).toBe(false);
    // Shown in the app from the encrypted store; taken out only with the export permission, audited.
    const view = await call(r.core, 'inspections.files.content', { id: file.id });
    expect(Buffer.from(view.dataBase64, 'base64').equals(pngWith(marker))).toBe(true);
    expect((await failure(r.core, 'inspections.files.export', { id: file.id })).code).toBe('FORBIDDEN');
    r.core.vault
      .current()
      .db.prepare("UPDATE users SET can_export_attachments = 1 WHERE user_name = 'admin'")
      .run();
    const out = await call(r.core, 'inspections.files.export', { id: file.id });
    expect(out).toMatchObject({ fileName: 'tram-bts.png', mime: 'image/png' });
    const log = await call(r.core, 'audit.list', { limit: 50 });
    const exports = log.items.filter(
      (e) => e.action === 'inspections.files.export' || e.targetId === 'inspections.files.export',
    );
    expect(exports.map((e) => e.outcome).sort()).toEqual(['denied', 'ok']);
    r.core.close();
    expect(filesContaining(r.dataDir, marker)).toEqual([]);
  });

  it('prints the BIÊN BẢN and the round report (.docx, .xlsx) on A4 in Times New Roman', async () => {
    const r = await round();
    const insp = await planTelecom(r);
    await recordAll(r, insp.id, [2]);
    await call(r.core, 'inspections.findings.save', {
      inspectionId: insp.id,
      itemNo: 2,
      severity: 'medium',
      description: 'Lưu lượng tại khu vực bỏ phiếu chưa được đo kiểm',
      recommendation: 'Đo kiểm và bổ sung trạm lưu động',
    });
    const out = await call(r.core, 'inspections.print', { id: insp.id });
    const xml = await (
      await JSZip.loadAsync(Buffer.from(out.dataBase64, 'base64'))
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain('BIÊN BẢN');
    expect(xml).toContain('Viễn thông Thử Nghiệm');
    expect(xml).toContain('Không đạt');
    expect(xml).toContain('TRƯỞNG ĐOÀN KIỂM TRA');
    expect(xml).toContain('ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA');
    expect(xml).toContain('Đo kiểm và bổ sung trạm lưu động');
    expect(xml).toMatch(/w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('Times New Roman');
    const rep = await call(r.core, 'inspections.report', { eventId: r.ev.id });
    const repXml = await (
      await JSZip.loadAsync(Buffer.from(rep.dataBase64, 'base64'))
    )
      .file('word/document.xml')!
      .async('string');
    expect(repXml).toContain('BÁO CÁO');
    expect(repXml).toContain('Doanh nghiệp viễn thông');
    expect(repXml).toContain('trung bình 1');
    const x = await call(r.core, 'inspections.report', { eventId: r.ev.id, format: 'xlsx' });
    expect(x.fileName).toMatch(/\.xlsx$/);
  });
});

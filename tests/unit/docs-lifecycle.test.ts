import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/app';
import type { InputOf } from '../../src/shared/contract';
import {
  addUser,
  ADMIN_PASSWORD,
  call,
  failure,
  filesContaining,
  setupCore,
  switchTo,
} from '../helpers/core';
import { vnIsoDate, vnYear } from '../../src/shared/dates';
import { docxParts } from '../helpers/docxRender';
import { minimalPdf } from '../helpers/pdf';

const secretEntry = (over: Partial<InputOf<'docs.register'>> = {}): InputOf<'docs.register'> => ({
  direction: 'in',
  level: 'mat',
  type: 'QĐ',
  symbol: '45/QĐ-UBBC',
  documentDate: '2026-03-02',
  sender: 'Ủy ban bầu cử tỉnh',
  summary: 'Quyết định phân công bảo đảm thông tin',
  ...over,
});

const b64 = (b: Buffer) => b.toString('base64');

async function auditActions(core: Core, action: string) {
  return (await call(core, 'audit.list', { action })).items;
}

describe('attachments', () => {
  it('keep the file inside the encrypted database only, show it to cleared users and audit every opening', async () => {
    const { core, dataDir } = await setupCore();
    const token = `ATTACH-UNIQUE-${Date.now()}`;
    const pdf = minimalPdf(token);
    const { entry } = await call(core, 'docs.register', secretEntry());
    const meta = await call(core, 'docs.attach', {
      documentId: entry.id,
      fileName: 'quyet-dinh-45.pdf',
      dataBase64: b64(pdf),
    });
    expect(meta).toMatchObject({ mime: 'application/pdf', size: pdf.length });
    const detail = await call(core, 'docs.get', { id: entry.id });
    expect(detail.attachments.map((a) => a.fileName)).toEqual(['quyet-dinh-45.pdf']);
    const content = await call(core, 'docs.attachmentContent', { id: meta.id });
    expect(Buffer.from(content.dataBase64, 'base64').equals(pdf)).toBe(true);
    expect((await auditActions(core, 'docs.attachment.view')).map((a) => a.outcome)).toEqual(['ok']);

    // A backup holds it too, still encrypted; nothing in the data folder holds the text.
    await call(core, 'backup.create', {});
    expect(filesContaining(dataDir, token)).toEqual([]);
    core.close();
    expect(filesContaining(dataDir, token)).toEqual([]);
  });

  it('refuses files that are not PDF, PNG or JPEG by their bytes, whatever their name', async () => {
    const { core } = await setupCore();
    const { entry } = await call(core, 'docs.register', secretEntry());
    const err = await failure(core, 'docs.attach', {
      documentId: entry.id,
      fileName: 'scan.pdf',
      dataBase64: b64(Buffer.from('MZ\x90\x00 not a pdf')),
    });
    expect(err).toMatchObject({ code: 'VALIDATION' });
    expect((await call(core, 'docs.get', { id: entry.id })).attachments).toEqual([]);
  });

  it('are refused to an uncleared user (audited as denied) and exported only with the permission', async () => {
    const { core } = await setupCore();
    const { entry } = await call(core, 'docs.register', secretEntry());
    const meta = await call(core, 'docs.attach', {
      documentId: entry.id,
      fileName: 'qd.pdf',
      dataBase64: b64(minimalPdf('x')),
    });
    // Without the export permission, even the administrator is refused, and that is audited.
    expect(await failure(core, 'docs.exportAttachment', { id: meta.id })).toMatchObject({
      code: 'FORBIDDEN',
    });
    await call(core, 'users.update', { userName: 'admin', canExportAttachments: true });
    const out = await call(core, 'docs.exportAttachment', { id: meta.id });
    expect(out.fileName).toBe('qd.pdf');
    expect((await auditActions(core, 'docs.attachment.export')).map((a) => a.outcome).sort()).toEqual([
      'denied',
      'ok',
    ]);

    await addUser(core, 'nv', 'none');
    await call(core, 'users.update', { userName: 'nv', canExportAttachments: true });
    await switchTo(core, 'nv');
    const seen = await call(core, 'docs.get', { id: entry.id });
    expect(seen).toMatchObject({ entry: { restricted: true, summary: null }, attachments: [] });
    expect(await failure(core, 'docs.attachmentContent', { id: meta.id })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failure(core, 'docs.exportAttachment', { id: meta.id })).toMatchObject({
      code: 'FORBIDDEN',
    });
    await switchTo(core, 'admin', ADMIN_PASSWORD);
    const denied = (await auditActions(core, 'docs.attachment.view')).filter((a) => a.actor === 'nv');
    expect(denied.map((a) => a.outcome)).toEqual(['denied']);
  });
});

describe('classified life cycle', () => {
  it('transfers are numbered in the transfer register and a document is with one person at a time', async () => {
    const { core } = await setupCore();
    const { entry } = await call(core, 'docs.register', secretEntry());
    const t1 = await call(core, 'docs.transfer', {
      documentId: entry.id,
      toPerson: 'Trần Thị Mai',
      toUnit: 'Phòng BCVT',
    });
    expect(t1).toMatchObject({ number: 1, toPerson: 'Trần Thị Mai', returnedAt: null });
    expect((await call(core, 'docs.get', { id: entry.id })).entry.holder).toBe('Trần Thị Mai');
    expect(
      await failure(core, 'docs.transfer', { documentId: entry.id, toPerson: 'Lê Văn Hùng' }),
    ).toMatchObject({
      code: 'CONFLICT',
    });
    await call(core, 'docs.returnTransfer', { transferId: t1.id, note: 'Đã xử lý' });
    const t2 = await call(core, 'docs.transfer', { documentId: entry.id, toPerson: 'Lê Văn Hùng' });
    expect(t2.number).toBe(2);
    const detail = await call(core, 'docs.get', { id: entry.id });
    expect(detail.transfers.map((t) => [t.number, t.toPerson, t.returnedAt !== null])).toEqual([
      [1, 'Trần Thị Mai', true],
      [2, 'Lê Văn Hùng', false],
    ]);
    expect((await auditActions(core, 'docs.transfer')).length).toBe(2);
  });

  it('copies need a named authority and its written authorisation; each copy is numbered', async () => {
    const { core } = await setupCore();
    const { entry } = await call(core, 'docs.register', secretEntry());
    const missing = await failure(core, 'docs.recordCopies', {
      documentId: entry.id,
      authorisedBy: '',
      authorisationRef: '',
      quantity: 2,
    });
    expect(missing.code).toBe('VALIDATION');
    expect(missing.issues?.map((i) => i.path).sort()).toEqual(['authorisationRef', 'authorisedBy']);
    const first = await call(core, 'docs.recordCopies', {
      documentId: entry.id,
      authorisedBy: 'Giám đốc Nguyễn Văn An',
      authorisationRef: 'Phiếu đề xuất ngày 05/3/2026',
      quantity: 3,
      recipient: 'Tổ kỹ thuật',
    });
    expect(first.map((c) => [c.number, c.copyIndex, c.quantity])).toEqual([
      [1, 1, 3],
      [2, 2, 3],
      [3, 3, 3],
    ]);
    const second = await call(core, 'docs.recordCopies', {
      documentId: entry.id,
      kind: 'extract',
      authorisedBy: 'Giám đốc Nguyễn Văn An',
      authorisationRef: 'Phiếu đề xuất ngày 06/3/2026',
      quantity: 1,
    });
    expect(second[0]).toMatchObject({ number: 4, kind: 'extract' });
    expect((await call(core, 'docs.get', { id: entry.id })).copies).toHaveLength(4);
    // The copy register prints one numbered line per copy; the transfer register likewise per hand-over.
    const book = await call(core, 'docs.printRegister', { register: 'copy', year: vnYear(new Date()) });
    const xml = (await docxParts(Buffer.from(book.dataBase64, 'base64')))['word/document.xml'] ?? '';
    for (const cell of [
      '1 (1/3)',
      '2 (2/3)',
      '3 (3/3)',
      '4 (1/1)',
      'Trích sao',
      'Phiếu đề xuất ngày 06/3/2026',
    ])
      expect(xml).toContain(cell);
  });

  it('protection periods follow the level and settings; extension, declassification and expiring list', async () => {
    const { core } = await setupCore();
    const old = await call(core, 'docs.register', secretEntry({ documentDate: '2016-05-10' }));
    const toiMat = await call(
      core,
      'docs.register',
      secretEntry({ level: 'toi-mat', documentDate: '2016-02-29' }),
    );
    expect(old.entry.protectUntil).toBe('2026-05-10');
    expect(toiMat.entry.protectUntil).toBe('2036-02-29');
    await call(core, 'settings.update', { protectionYears: { mat: 5, 'toi-mat': 20, 'tuyet-mat': 30 } });
    const later = await call(core, 'docs.register', secretEntry({ documentDate: '2024-02-29' }));
    expect(later.entry.protectUntil).toBe('2029-02-28');

    const expiring = await call(core, 'docs.expiring', { withinDays: 0 });
    expect(expiring.map((e) => e.id)).toEqual([old.entry.id]);

    const extended = await call(core, 'docs.decide', {
      kind: 'extend',
      documentId: old.entry.id,
      version: old.entry.version,
      decisionRef: '12/QĐ-SKHCN',
      decidedBy: 'Giám đốc',
      decidedAt: '2026-04-01',
      until: '2031-05-10',
    });
    expect(extended.protectUntil).toBe('2031-05-10');
    expect(await call(core, 'docs.expiring', { withinDays: 0 })).toEqual([]);

    await addUser(core, 'nv', 'none', 'coordinator');
    const declassified = await call(core, 'docs.decide', {
      kind: 'declassify',
      documentId: toiMat.entry.id,
      version: toiMat.entry.version,
      decisionRef: '13/QĐ-SKHCN',
      decidedBy: 'Giám đốc',
      decidedAt: '2026-04-02',
    });
    expect(declassified).toMatchObject({ level: 'toi-mat', declassifiedAt: '2026-04-02' });
    await switchTo(core, 'nv');
    // Declassified: an uncleared reader sees it, and search finds its text; the Mật one stays hidden.
    expect((await call(core, 'docs.get', { id: toiMat.entry.id })).entry.restricted).toBe(false);
    expect((await call(core, 'docs.get', { id: old.entry.id })).entry.restricted).toBe(true);
    expect((await call(core, 'docs.list', { query: 'phan cong' })).items.map((e) => e.id)).toEqual([
      toiMat.entry.id,
    ]);
  });

  it('recall and destruction close the entry; destruction needs a council and wipes the attachments', async () => {
    const { core } = await setupCore();
    const { entry } = await call(core, 'docs.register', secretEntry());
    const att = await call(core, 'docs.attach', {
      documentId: entry.id,
      fileName: 'a.pdf',
      dataBase64: b64(minimalPdf('wipe me')),
    });
    const base = {
      documentId: entry.id,
      decisionRef: 'BB 01/2026',
      decidedBy: 'Hội đồng',
      decidedAt: '2026-06-01',
    };
    const lone = await failure(core, 'docs.decide', {
      kind: 'destroy',
      ...base,
      version: entry.version,
      council: ['Nguyễn Văn An'],
      recordRef: 'BB-01',
      method: 'Nghiền',
    });
    expect(lone.code).toBe('VALIDATION');
    const recalled = await call(core, 'docs.decide', {
      kind: 'recall',
      ...base,
      version: entry.version,
      reason: 'Nơi gửi thu hồi',
    });
    expect(recalled.status).toBe('recalled');
    expect(await failure(core, 'docs.transfer', { documentId: entry.id, toPerson: 'A' })).toMatchObject({
      code: 'CONFLICT',
    });
    const destroyed = await call(core, 'docs.decide', {
      kind: 'destroy',
      ...base,
      version: recalled.version,
      council: ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'],
      recordRef: 'Biên bản tiêu hủy số 01/BB-SKHCN',
      method: 'Nghiền nhỏ bằng máy hủy tài liệu',
    });
    expect(destroyed.status).toBe('destroyed');
    expect(await failure(core, 'docs.attachmentContent', { id: att.id })).toMatchObject({
      code: 'NOT_FOUND',
    });
    const detail = await call(core, 'docs.get', { id: entry.id });
    expect(detail.attachments).toEqual([]);
    expect(detail.decisions.map((d) => d.kind)).toEqual(['recall', 'destroy']);
    expect(detail.decisions[1]?.details).toMatchObject({ attachmentsWiped: 1, council: expect.any(Array) });
    // A stale version is refused: two clerks deciding on the same entry cannot both win.
    expect(
      await failure(core, 'docs.decide', { kind: 'declassify', ...base, version: entry.version }),
    ).toMatchObject({ code: 'CONFLICT' });
  });

  it('processing links a reply, and a done entry is no longer overdue', async () => {
    const { core } = await setupCore();
    const { entry } = await call(
      core,
      'docs.register',
      secretEntry({ level: 'none', deadline: '2026-01-05' }),
    );
    const reply = await call(
      core,
      'docs.register',
      secretEntry({ level: 'none', direction: 'out', symbol: '' }),
    );
    expect((await call(core, 'docs.list', { overdue: true })).items.map((e) => e.id)).toEqual([entry.id]);
    const done = await call(core, 'docs.setProcessing', {
      id: entry.id,
      version: entry.version,
      processing: 'done',
      replyId: reply.entry.id,
    });
    expect(done).toMatchObject({ processing: 'done', replyId: reply.entry.id });
    expect(done.processedAt).not.toBeNull();
    expect((await call(core, 'docs.list', { overdue: true })).total).toBe(0);
    expect((await call(core, 'docs.list', { handler: 'xyz' })).total).toBe(0);
  });

  it('the yearly report counts by level over the configured period and prints as an official report', async () => {
    const { core } = await setupCore();
    const year = vnYear(new Date()); // registrations are dated in Vietnam time
    const a = await call(core, 'docs.register', secretEntry());
    await call(core, 'docs.register', secretEntry({ level: 'toi-mat' }));
    await call(core, 'docs.register', secretEntry({ direction: 'out', symbol: '' }));
    await call(core, 'docs.register', secretEntry({ level: 'none' }));
    await call(core, 'docs.recordCopies', {
      documentId: a.entry.id,
      authorisedBy: 'Giám đốc',
      authorisationRef: 'Phiếu 1',
      quantity: 2,
    });
    const today = vnIsoDate(new Date());
    await call(core, 'docs.decide', {
      kind: 'declassify',
      documentId: a.entry.id,
      version: a.entry.version,
      decisionRef: 'QĐ 1',
      decidedBy: 'Giám đốc',
      decidedAt: today,
    });
    // Period 01/01–31/12 of the calendar year, so today's entries fall inside it whatever the date.
    await call(core, 'settings.update', { reportPeriodStart: { day: 1, month: 1 } });
    const r = await call(core, 'docs.yearReport', { year: year + 1 });
    expect(r).toMatchObject({ from: `${year}-01-01`, to: `${year}-12-31` });
    expect(r.received).toEqual({ mat: 1, 'toi-mat': 1, 'tuyet-mat': 0 });
    expect(r.sent).toEqual({ mat: 1, 'toi-mat': 0, 'tuyet-mat': 0 });
    expect(r.copied.mat).toBe(2);
    expect(r.declassified.mat).toBe(1);
    expect((await call(core, 'docs.yearReport', { year: year + 2 })).received.mat).toBe(0);

    const file = await call(core, 'docs.printYearReport', {
      year: year + 1,
      signerTitle: 'GIÁM ĐỐC',
      signerName: 'Nguyễn Văn An',
    });
    const xml = (await docxParts(Buffer.from(file.dataBase64, 'base64')))['word/document.xml'] ?? '';
    expect(xml).toContain('BÁO CÁO');
    expect(xml).toContain('Tài liệu, vật chứa bí mật nhà nước nhận đến');
    for (const h of [
      'I. TÌNH HÌNH',
      'II. KẾT QUẢ THỰC HIỆN',
      'III. TỒN TẠI, HẠN CHẾ',
      'IV. ĐỀ XUẤT, KIẾN NGHỊ',
    ])
      expect(xml).toContain(h);
    expect(xml).toContain(`Công tác bảo vệ bí mật nhà nước năm ${year + 1}`);
    expect((await auditActions(core, 'docs.print')).length).toBe(1);
  });
});

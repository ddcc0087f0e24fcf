import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Core } from '../../src/main/core/app';
import { applyMigrations } from '../../src/main/core/db/migrations';
import { openEncrypted } from '../../src/main/core/db/open';
import { buildRegistry } from '../../src/main/core/moduleRegistry';
import { MODULES } from '../../src/main/core/modules';
import { CONTACT_RECORDS } from '../../src/main/core/contacts/contactStore';
import { ORGANIZATION_RECORDS } from '../../src/main/core/contacts/organizations';
import type { Db } from '../../src/main/core/db/open';
import {
  applyPackage,
  applyRecord,
  changesSince,
  feedPosition,
  insertRecord,
  updateRecord,
  type RecordMeta,
  type RecordTable,
} from '../../src/main/core/db/recordKernel';
import { newRecordId } from '../../src/main/core/db/recordId';
import { sharedTable } from '../../src/main/core/db/tablePolicy';
import { DOCUMENT_RECORDS, insertDocument } from '../../src/main/core/docs/documentStore';
import { COPY_RECORDS, DECISION_RECORDS, TRANSFER_RECORDS } from '../../src/main/core/docs/lifecycle';
import { currentIncarnation } from '../../src/main/core/db/settingsStore';
import { RegisterDocInput, type InputOf, type OrgKind, type WireError } from '../../src/shared/contract';
import { vnIsoDate, vnYear } from '../../src/shared/dates';
import { docxParts } from '../helpers/docxRender';
import { minimalPdf } from '../helpers/pdf';
import { ADMIN_PASSWORD, call, failure, setupCore, TEST_OFFICE, tempDir } from '../helpers/core';

/** This office is SKHCN (the province department); records come from the commune UBXA. */
const HERE = TEST_OFFICE.code;
const FOREIGN = 'UBXA';
const OTHER = 'UBXB';

/** A record as a package from another office carries it: that office's meta, version 1 unless told. */
function received<T extends object>(fields: T, meta: Partial<RecordMeta> = {}): T & RecordMeta {
  const originOffice = meta.originOffice ?? FOREIGN;
  return {
    id: uuidv7(),
    originOffice,
    version: 1,
    updatedAt: new Date().toISOString(),
    updatedBy: `${originOffice}/vanthu`,
    deleted: false,
    ...meta,
    ...fields,
  };
}

const contactFields = (over: Record<string, unknown> = {}) => ({
  fullName: 'Nguyễn Văn Đức',
  position: 'Công chức văn hóa - xã hội',
  organizationId: null as string | null,
  phones: JSON.stringify(['0912000111']),
  email: '',
  roles: JSON.stringify(['focal-point']),
  notes: '',
  ...over,
});

const orgFields = (over: Record<string, unknown> = {}) => ({
  name: 'UBND xã Yên Thành',
  kind: 'commune-committee' as OrgKind,
  parentId: null as string | null,
  area: 'Xã Yên Thành',
  address: '',
  switchboard: '',
  ...over,
});

const YEAR = vnYear(new Date());

/** An entry of another office's register (its own numbering), as it would arrive in a package. */
const docFields = (over: Record<string, unknown> = {}) => ({
  register: 'in',
  year: YEAR,
  number: 1,
  registeredAt: new Date().toISOString(),
  direction: 'in',
  level: 'none',
  levelRank: 0,
  type: 'CV',
  symbol: '15/UBND-VP',
  documentDate: vnIsoDate(new Date()),
  sender: 'UBND huyện cũ',
  senderContactId: null,
  organizationId: null,
  recipients: '[]',
  summary: 'Công văn xã nhận về trạm phát sóng Quỳnh Lưu',
  senderConsent: false,
  urgency: 'none',
  copies: 1,
  pages: 1,
  handler: 'Văn phòng xã',
  deadline: '2020-01-10',
  notes: '',
  status: 'registered',
  voidReason: null,
  voidedBy: null,
  voidedAt: null,
  signer: '',
  protectUntil: null,
  declassifiedAt: null,
  // Only ordinary entries travel: their text is in clear, never sealed.
  sealed: null,
  sealedEpoch: null,
  ...over,
});

function receive(db: Db, table: RecordTable, record: RecordMeta, office = FOREIGN) {
  const [r] = applyPackage(db, [{ table, record }], { office });
  if (!r) throw new Error('no result');
  return r;
}

const rowOf = (db: Db, table: string, id: string) =>
  db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;

const feedRows = (db: Db, since = 0, excludeOffice?: string) =>
  changesSince(db, since, excludeOffice ? { excludeOffice } : {}).map((c) => [
    c.tableName,
    c.recordId,
    c.version,
    c.source,
    c.sourceOffice,
  ]);

/** The refusal every change to another office's record gets. */
function expectNotOwner(err: WireError, what: string) {
  expect(err, what).toMatchObject({ code: 'FORBIDDEN', issues: [{ code: 'not-owner' }] });
  expect(err.message, what).toContain(`office ${FOREIGN}`);
}

describe('ownership: only the origin office changes a record', () => {
  it('refuses every change to a contact or organisation received from another office', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const org = received(orgFields());
    const deletedOrg = received(orgFields({ name: 'UBND xã đã xóa' }), { deleted: true });
    const contact = received(contactFields({ organizationId: org.id }));
    const deletedContact = received(contactFields({ fullName: 'Đã Xóa' }), { deleted: true });
    for (const [t, r] of [
      [ORGANIZATION_RECORDS, org],
      [ORGANIZATION_RECORDS, deletedOrg],
      [CONTACT_RECORDS, contact],
      [CONTACT_RECORDS, deletedContact],
    ] as const)
      expect(receive(db, t, r).outcome).not.toBe('rejected');
    const before = {
      rows: [
        rowOf(db, 'organizations', org.id),
        rowOf(db, 'organizations', deletedOrg.id),
        rowOf(db, 'contacts', contact.id),
        rowOf(db, 'contacts', deletedContact.id),
      ],
      feed: feedPosition(db).seq,
    };

    const attempts: [string, Promise<WireError>][] = [
      [
        'contacts.save',
        failure(core, 'contacts.save', { id: contact.id, version: 1, fullName: 'Tên Khác', phones: [] }),
      ],
      ['contacts.delete', failure(core, 'contacts.delete', { id: contact.id, version: 1 })],
      ['contacts.restore', failure(core, 'contacts.restore', { id: deletedContact.id })],
      [
        'contacts.orgs.save',
        failure(core, 'contacts.orgs.save', { id: org.id, version: 1, name: 'Tên Khác', kind: 'other' }),
      ],
      ['contacts.orgs.delete', failure(core, 'contacts.orgs.delete', { id: org.id, version: 1 })],
      ['contacts.orgs.restore', failure(core, 'contacts.orgs.restore', { id: deletedOrg.id })],
    ];
    for (const [what, attempt] of attempts) expectNotOwner(await attempt, what);

    expect([
      rowOf(db, 'organizations', org.id),
      rowOf(db, 'organizations', deletedOrg.id),
      rowOf(db, 'contacts', contact.id),
      rowOf(db, 'contacts', deletedContact.id),
    ]).toEqual(before.rows);
    expect(feedPosition(db).seq).toBe(before.feed);
    // This office's own records are still its to change.
    const mine = await call(core, 'contacts.save', { fullName: 'Của Sở', phones: [] });
    expect((await call(core, 'contacts.save', { ...mine, fullName: 'Của Sở Đã Sửa' })).version).toBe(2);
  });

  it('refuses every act on a received entry but its own handling, which changes only this office’s record', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const doc = received(docFields({ register: 'out', direction: 'out', symbol: '5/UBND' }));
    expect(receive(db, DOCUMENT_RECORDS, doc).outcome).toBe('inserted');
    const before = { row: rowOf(db, 'documents', doc.id), feed: feedPosition(db).seq };
    const base = { documentId: doc.id, version: 1, decisionRef: 'QĐ 9', decidedBy: 'Giám đốc' };
    const today = vnIsoDate(new Date());

    const attempts: [string, Promise<WireError>][] = [
      ['docs.void', failure(core, 'docs.void', { id: doc.id, version: 1, reason: 'Nhầm' })],
      ['docs.transfer', failure(core, 'docs.transfer', { documentId: doc.id, toPerson: 'Lê Văn Nhận' })],
      [
        'docs.recordCopies',
        failure(core, 'docs.recordCopies', {
          documentId: doc.id,
          authorisedBy: 'Giám đốc',
          authorisationRef: 'Phiếu 1',
          quantity: 1,
        }),
      ],
      [
        'docs.attach',
        failure(core, 'docs.attach', {
          documentId: doc.id,
          fileName: 'a.pdf',
          dataBase64: minimalPdf('x').toString('base64'),
        }),
      ],
      [
        'docs.decide recall',
        failure(core, 'docs.decide', { kind: 'recall', ...base, decidedAt: today, reason: 'Thu hồi' }),
      ],
      [
        'docs.decide extend',
        failure(core, 'docs.decide', { kind: 'extend', ...base, decidedAt: today, until: '2099-01-01' }),
      ],
      [
        'docs.decide declassify',
        failure(core, 'docs.decide', { kind: 'declassify', ...base, decidedAt: today }),
      ],
      [
        'docs.decide destroy',
        failure(core, 'docs.decide', {
          kind: 'destroy',
          ...base,
          decidedAt: today,
          council: ['A', 'B'],
          recordRef: 'BB 1',
          method: 'Nghiền',
        }),
      ],
    ];
    for (const [what, attempt] of attempts) expectNotOwner(await attempt, what);
    // Each refusal is audited (issue 9 §4), though the kernel refused it deep inside the act.
    const denied = (await call(core, 'audit.list', { limit: 1000 })).items.filter(
      (e) => e.outcome === 'denied',
    );
    expect(denied.map((e) => `${e.action} ${e.targetId}`).sort()).toEqual(
      attempts.map(([what]) => `audit.denied ${what.split(' ')[0]}`).sort(),
    );
    for (const e of denied) expect(e.details.message).toMatch(/belongs to office UBXA/);
    expect(rowOf(db, 'documents', doc.id)).toEqual(before.row);
    expect(db.prepare('SELECT count(*) AS n FROM document_transfers').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM document_attachments').get()).toEqual({ n: 0 });

    // Processing and the reply are this office's handling of the entry: allowed, and kept apart.
    const reply = await call(core, 'docs.register', {
      direction: 'out',
      type: 'CV',
      documentDate: today,
      summary: 'Trả lời xã',
    });
    const done = await call(core, 'docs.setProcessing', {
      id: doc.id,
      version: 1,
      processing: 'done',
      replyId: reply.entry.id,
    });
    expect(done).toMatchObject({ version: 1, processing: 'done', replyId: reply.entry.id });
    expect(rowOf(db, 'documents', doc.id)).toEqual(before.row);
    expect(
      db
        .prepare(
          'SELECT office, processing, reply_id AS replyId FROM document_handling WHERE document_id = ?',
        )
        .all(doc.id),
    ).toEqual([{ office: HERE, processing: 'done', replyId: reply.entry.id }]);
    // Only the reply's registration changed a shared record; the handling is local.
    expect(feedRows(db, before.feed)).toEqual([['documents', reply.entry.id, 1, 'local', HERE]]);
    expect((await call(core, 'docs.get', { id: doc.id })).entry.processing).toBe('done');
  });
});

describe('apply from a package', () => {
  it('lets the higher version win, ignores an equal or lower one, deletes on a tombstone and rebuilds the indexes', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const mine = await call(core, 'contacts.save', { fullName: 'Trần Bình', phones: ['0912 000 111'] });
    const v1 = received(contactFields());
    expect(receive(db, CONTACT_RECORDS, v1)).toMatchObject({ outcome: 'inserted' });
    // Found by its folded name, and flagged as sharing a phone with this office's contact.
    const found = await call(core, 'contacts.list', { query: 'nguyen van duc' });
    expect(found.items.map((c) => [c.id, c.originOffice, c.version])).toEqual([[v1.id, FOREIGN, 1]]);
    expect(found.items[0]?.duplicateOf).toEqual([mine.id]);

    const v2 = { ...v1, version: 2, fullName: 'Nguyễn Văn Đạt' };
    expect(receive(db, CONTACT_RECORDS, v2)).toMatchObject({ outcome: 'updated' });
    expect((await call(core, 'contacts.list', { query: 'nguyen van dat' })).total).toBe(1);
    expect((await call(core, 'contacts.list', { query: 'nguyen van duc' })).total).toBe(0);

    const seq = feedPosition(db).seq;
    const same = { ...v1, version: 2, fullName: 'Cùng Bản' };
    expect(receive(db, CONTACT_RECORDS, same)).toEqual({
      outcome: 'unchanged',
      reason: 'not-newer',
    });
    expect(receive(db, CONTACT_RECORDS, v1)).toEqual({ outcome: 'unchanged', reason: 'not-newer' });
    expect(rowOf(db, 'contacts', v1.id)).toMatchObject({ full_name: 'Nguyễn Văn Đạt', version: 2 });
    expect(feedPosition(db).seq).toBe(seq);

    expect(receive(db, CONTACT_RECORDS, { ...v2, version: 3, deleted: true })).toMatchObject({
      outcome: 'deleted',
    });
    expect((await call(core, 'contacts.list', { query: 'nguyen van dat' })).total).toBe(0);
    expect((await call(core, 'contacts.list', {})).items.map((c) => c.id)).toEqual([mine.id]);
    expect(db.prepare('SELECT count(*) AS n FROM contact_phones WHERE contact_id = ?').get(v1.id)).toEqual({
      n: 0,
    });
    // A lower version arriving late does not bring it back; a newer one from its owner does.
    expect(receive(db, CONTACT_RECORDS, v2).outcome).toBe('unchanged');
    expect(receive(db, CONTACT_RECORDS, { ...v2, version: 4 }).outcome).toBe('updated');
    expect((await call(core, 'contacts.list', { query: 'dat' })).total).toBe(1);
  });

  it('rejects a version written by a non-owner, or touching this office’s records, with a reason', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const theirs = received(contactFields());
    receive(db, CONTACT_RECORDS, theirs);
    const before = rowOf(db, 'contacts', theirs.id);
    const seq = feedPosition(db).seq;

    // Commune UBXB rewrote UBXA's contact: refused whoever carries it.
    const forged = { ...theirs, version: 2, fullName: 'Bị Sửa', updatedBy: `${OTHER}/ai-do` };
    expect(receive(db, CONTACT_RECORDS, forged, OTHER)).toMatchObject({
      outcome: 'rejected',
      reason: 'not-owner',
    });
    expect(receive(db, CONTACT_RECORDS, forged, FOREIGN)).toMatchObject({
      outcome: 'rejected',
      reason: 'not-owner',
    });
    // UBXB claims the record as its own.
    const claimed = { ...theirs, version: 5, originOffice: OTHER, updatedBy: `${OTHER}/ai-do` };
    expect(receive(db, CONTACT_RECORDS, claimed, OTHER)).toMatchObject({
      outcome: 'rejected',
      reason: 'origin-mismatch',
    });
    expect(rowOf(db, 'contacts', theirs.id)).toEqual(before);

    // This office's own contact, "updated" by someone else's package.
    const mine = await call(core, 'contacts.save', { fullName: 'Của Sở', phones: [] });
    const { duplicateOf: _d, organizationName: _n, organizationKind: _k, area: _a, ...mineRow } = mine;
    const overMine = {
      ...mineRow,
      phones: '[]',
      roles: '[]',
      version: 9,
      fullName: 'Bị Ghi Đè',
      updatedBy: `${FOREIGN}/vanthu`,
    };
    expect(receive(db, CONTACT_RECORDS, overMine)).toMatchObject({
      outcome: 'rejected',
      reason: 'own-record',
    });
    expect((await call(core, 'contacts.list', { query: 'cua so' })).items[0]?.version).toBe(1);

    // Tables and records that do not travel.
    const transfer = received({
      documentId: uuidv7(),
      year: YEAR,
      number: 1,
      transferredAt: new Date().toISOString(),
      toPerson: 'A',
      toUnit: '',
      purpose: '',
      returnedAt: null,
      returnNote: '',
    });
    expect(receive(db, TRANSFER_RECORDS, transfer)).toMatchObject({
      outcome: 'rejected',
      reason: 'not-exchanged',
    });
    const secret = received(docFields({ register: 'secret-in', level: 'mat', levelRank: 1 }));
    expect(receive(db, DOCUMENT_RECORDS, secret)).toMatchObject({
      outcome: 'rejected',
      reason: 'not-exchanged',
    });
    const { notes: _notes, ...partial } = received(contactFields());
    expect(receive(db, CONTACT_RECORDS, partial as RecordMeta)).toMatchObject({
      outcome: 'rejected',
      reason: 'malformed',
    });
    const downOnly = { ...CONTACT_RECORDS, policy: sharedTable('down') };
    expect(
      applyPackage(db, [{ table: downOnly, record: received(contactFields()) }], {
        office: FOREIGN,
        level: 'commune',
      })[0],
    ).toMatchObject({ outcome: 'rejected', reason: 'not-exchanged' });
    expect(feedPosition(db).seq).toBe(seq + 1); // only this office's own contact was written

    // A rule granting more lets the non-owner's version in.
    const granted = { ...CONTACT_RECORDS, policy: sharedTable('both', 'any', { alsoChangedBy: () => true }) };
    expect(applyPackage(db, [{ table: granted, record: forged }], { office: OTHER })[0]).toMatchObject({
      outcome: 'updated',
    });
  });

  it('takes a package’s records in any order within one transaction (foreign keys checked at commit)', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const org = received(orgFields({ name: 'Bưu điện xã Quỳnh Đôi' }));
    const contact = received(contactFields({ organizationId: org.id }));
    // The contact comes first and references the organisation applied after it.
    const results = applyPackage(
      db,
      [
        { table: CONTACT_RECORDS, record: contact },
        { table: ORGANIZATION_RECORDS, record: org },
      ],
      { office: FOREIGN },
    );
    expect(results.map((r) => r.outcome)).toEqual(['inserted', 'inserted']);
    const listed = await call(core, 'contacts.list', { query: 'buu dien quynh doi' });
    expect(listed.items.map((c) => [c.id, c.organizationName])).toEqual([
      [contact.id, 'Bưu điện xã Quỳnh Đôi'],
    ]);

    // The same within a transaction of the caller's, one record at a time.
    const org2 = received(orgFields({ name: 'Trạm y tế xã' }));
    const contact2 = received(contactFields({ fullName: 'Hồ Thị Lan', organizationId: org2.id }));
    db.transaction(() => {
      expect(applyRecord(db, CONTACT_RECORDS, contact2, { office: FOREIGN }).outcome).toBe('inserted');
      expect(applyRecord(db, ORGANIZATION_RECORDS, org2, { office: FOREIGN }).outcome).toBe('inserted');
    })();
    expect((await call(core, 'contacts.list', { query: 'lan tram y te' })).total).toBe(1);

    // A reference that never arrives fails the whole package at commit: nothing is applied.
    const orphan = received(contactFields({ fullName: 'Mồ Côi', organizationId: uuidv7() }));
    const alsoSent = received(contactFields({ fullName: 'Đi Kèm' }));
    expect(() =>
      applyPackage(
        db,
        [
          { table: CONTACT_RECORDS, record: alsoSent },
          { table: CONTACT_RECORDS, record: orphan },
        ],
        { office: FOREIGN },
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(rowOf(db, 'contacts', orphan.id)).toBeUndefined();
    expect(rowOf(db, 'contacts', alsoSent.id)).toBeUndefined();
  });
});

describe('local writes through the kernel', () => {
  it('stamp records with the core’s clock and refuse a stale read or a kind of office the table does not allow', async () => {
    const fixed = new Date('2026-04-30T01:02:03.000Z');
    const core = Core.open({ dataDir: tempDir(), kdfTargetMs: 50, now: () => fixed });
    await call(core, 'vault.setup', {
      office: TEST_OFFICE,
      admin: { userName: 'admin', fullName: 'Quản Trị', password: ADMIN_PASSWORD, clearance: 'tuyet-mat' },
    });
    const c = await call(core, 'contacts.save', { fullName: 'Đúng Giờ', phones: [] });
    expect(c).toMatchObject({
      updatedAt: fixed.toISOString(),
      updatedBy: `${HERE}/admin`,
      originOffice: HERE,
    });
    const { entry } = await call(core, 'docs.register', {
      direction: 'in',
      type: 'CV',
      documentDate: '2026-04-29',
    });
    expect(entry.registeredAt).toBe(fixed.toISOString());

    const { db } = core.vault.current();
    const by = { office: HERE, level: 'province' as const, user: 'admin', now: fixed };
    const current = db.transaction(() => insertRecord(db, CONTACT_RECORDS, contactFields(), by))();
    db.transaction(() => updateRecord(db, CONTACT_RECORDS, current, { notes: 'một' }, by))();
    // `current` is now stale: the second writer's read is refused, not silently overwritten.
    expect(() => updateRecord(db, CONTACT_RECORDS, current, { notes: 'hai' }, by)).toThrow(
      /changed by someone else/,
    );
    const communesOnly = { ...CONTACT_RECORDS, policy: sharedTable('up', ['commune']) };
    expect(() => insertRecord(db, communesOnly, contactFields(), by)).toThrow(
      /province office cannot create/,
    );
  });
});

describe('change feed', () => {
  it('lists exactly the changes since a point, leaving out what came from the office the package goes to', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    const start = feedPosition(db).seq;
    const a = await call(core, 'contacts.save', { fullName: 'Một', phones: [] });
    await call(core, 'contacts.save', { ...a, fullName: 'Một Đã Sửa' });
    const fromA = received(contactFields());
    const fromB = received(contactFields({ fullName: 'Của Xã B' }), { originOffice: OTHER });
    receive(db, CONTACT_RECORDS, fromA, FOREIGN);
    receive(db, CONTACT_RECORDS, fromB, OTHER);
    receive(db, CONTACT_RECORDS, { ...fromA, version: 2 }, FOREIGN);
    await call(core, 'contacts.delete', { id: a.id, version: 2 });
    // Nothing is recorded for what did not change: a refused act, a version already here.
    await failure(core, 'contacts.delete', { id: fromA.id, version: 2 });
    receive(db, CONTACT_RECORDS, fromB, OTHER);
    const org = await call(core, 'contacts.orgs.save', { name: 'Sở Nội vụ', kind: 'provincial-agency' });
    const mark = feedPosition(db).seq;
    const { entry } = await call(core, 'docs.register', {
      direction: 'in',
      type: 'CV',
      documentDate: '2026-03-02',
    });
    await call(core, 'docs.void', { id: entry.id, version: 1, reason: 'Nhầm' });

    expect(feedRows(db, start, FOREIGN)).toEqual([
      ['contacts', a.id, 1, 'local', HERE],
      ['contacts', a.id, 2, 'local', HERE],
      ['contacts', fromB.id, 1, 'package', OTHER],
      ['contacts', a.id, 3, 'local', HERE],
      ['organizations', org.id, 1, 'local', HERE],
      ['documents', entry.id, 1, 'local', HERE],
      ['documents', entry.id, 2, 'local', HERE],
    ]);
    expect(feedRows(db, start, OTHER).filter((r) => r[3] === 'package')).toEqual([
      ['contacts', fromA.id, 1, 'package', FOREIGN],
      ['contacts', fromA.id, 2, 'package', FOREIGN],
    ]);
    expect(feedRows(db, start)).toHaveLength(9);
    expect(feedRows(db, mark)).toEqual([
      ['documents', entry.id, 1, 'local', HERE],
      ['documents', entry.id, 2, 'local', HERE],
    ]);
    expect(new Set(changesSince(db, start).map((c) => c.incarnation))).toEqual(
      new Set([currentIncarnation(db)]),
    );
  });
});

describe('incarnation', () => {
  it('changes when a backup is restored, so sequences issued again after it are told apart', async () => {
    const { core } = await setupCore();
    let db = core.vault.current().db;
    const first = currentIncarnation(db);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await call(core, 'contacts.save', { fullName: 'Trước Sao Lưu', phones: [] });
    const b = await call(core, 'backup.create', { dir: tempDir('ttll-bak-') });
    await call(core, 'contacts.save', { fullName: 'Sau Sao Lưu', phones: [] });
    const lost = feedPosition(db);
    expect(lost.incarnation).toBe(first);

    await call(core, 'backup.restore', { file: b.file });
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    db = core.vault.current().db;
    const second = currentIncarnation(db);
    expect(second).not.toBe(first);
    expect(feedPosition(db).seq).toBe(lost.seq - 1);
    const c = await call(core, 'contacts.save', { fullName: 'Sau Khôi Phục', phones: [] });
    // The same sequence number as the change the restore dropped, in another incarnation.
    const [again] = changesSince(db, lost.seq - 1);
    expect(again).toMatchObject({ seq: lost.seq, recordId: c.id, incarnation: second });
    const restore = (await call(core, 'audit.list', { action: 'backup.restore' })).items[0];
    expect(restore?.details).toMatchObject({ incarnation: second });
  });
});

describe('registry queries count only this office’s entries', () => {
  it('numbering, register lists, search, overdue, expiring, year report and printed books', async () => {
    const { core } = await setupCore();
    const { db } = core.vault.current();
    // Another office's entries, under the numbers this office is about to use.
    const foreign = [1, 2, 5].map((number) => received(docFields({ number })));
    for (const d of foreign) expect(receive(db, DOCUMENT_RECORDS, d).outcome).toBe('inserted');
    // However a classified entry of another office got here (none travels today), it is not counted either.
    const by = { office: FOREIGN, user: 'vanthu', now: new Date() };
    const secret = db.transaction(() =>
      insertDocument(
        db,
        RegisterDocInput.parse({
          direction: 'in',
          level: 'mat',
          type: 'CV',
          documentDate: '1990-01-01',
          summary: 'Mật của xã Quỳnh Lưu',
          deadline: '2020-01-01',
        }),
        { register: 'secret-in', year: YEAR, number: 1, registeredAt: by.now.toISOString() },
        by,
        { mat: 10, 'toi-mat': 20, 'tuyet-mat': 30 },
      ),
    )();
    db.transaction(() => {
      for (const t of [COPY_RECORDS, DECISION_RECORDS]) expect(t.policy.travels).toBe('never');
      insertRecord(
        db,
        COPY_RECORDS,
        {
          documentId: secret.id,
          year: YEAR,
          number: 1,
          kind: 'copy',
          authorisedBy: 'Chủ tịch xã',
          authorisationRef: 'Phiếu 1',
          madeAt: by.now.toISOString(),
          copyIndex: 1,
          quantity: 1,
          recipient: '',
        },
        by,
      );
      insertRecord(
        db,
        DECISION_RECORDS,
        {
          documentId: secret.id,
          kind: 'recall',
          decidedAt: vnIsoDate(by.now),
          decisionRef: 'QĐ xã',
          decidedBy: 'Chủ tịch xã',
          details: '{}',
        },
        by,
      );
    })();

    const own = (over: Partial<InputOf<'docs.register'>> = {}) =>
      call(core, 'docs.register', {
        direction: 'in',
        type: 'CV',
        documentDate: vnIsoDate(new Date()),
        summary: 'Công văn của Sở về trạm phát sóng',
        deadline: '2020-01-10',
        ...over,
      });
    // Numbering: this office's register starts at 1 whatever another office's book holds.
    expect([(await own()).entry.number, (await own()).entry.number]).toEqual([1, 2]);
    const mine = await own({
      level: 'mat',
      documentDate: '1990-01-01',
      summary: 'Mật của Sở',
      deadline: null,
    });
    expect(mine.entry).toMatchObject({ register: 'secret-in', number: 1 });
    // A legacy book's number 5 is free in this office's register, although UBXA used it.
    const book = `Số đến,Ngày đến,Trích yếu\n5,02/01/${YEAR},Sổ cũ\n`;
    const p = await call(core, 'docs.importPreview', {
      register: 'in',
      fileName: 'so.csv',
      dataBase64: Buffer.from(book).toString('base64'),
    });
    expect(p.rows.map((r) => [r.number, r.status])).toEqual([[5, 'valid']]);

    // Lists and searches of the registers.
    expect((await call(core, 'docs.list', {})).total).toBe(3);
    expect((await call(core, 'docs.list', { query: 'tram phat song' })).total).toBe(2);
    const overdueList = await call(core, 'docs.list', { overdue: true, sort: 'oldest' });
    expect(overdueList.items.map((e) => [e.register, e.number])).toEqual([
      ['in', 1],
      ['in', 2],
    ]);
    expect((await call(core, 'docs.list', { processing: 'pending' })).total).toBe(3);
    expect((await call(core, 'docs.expiring', { withinDays: 0 })).map((e) => e.id)).toEqual([mine.entry.id]);

    // The year report: this office's received entries only, and its own copies and decisions.
    await call(core, 'settings.update', { reportPeriodStart: { day: 1, month: 1 } });
    const report = await call(core, 'docs.yearReport', { year: YEAR + 1 });
    expect(report.received).toEqual({ mat: 1, 'toi-mat': 0, 'tuyet-mat': 0 });
    expect(report.copied.mat).toBe(0);
    expect(report.recalled.mat).toBe(0);

    // Printed books and the overdue list.
    const printed = async (channel: 'docs.printRegister' | 'docs.printOverdue', input: object) => {
      const f = await core.invoke(channel, input);
      if (!f.ok) throw new Error(f.error.message);
      const data = Buffer.from((f.data as { dataBase64: string }).dataBase64, 'base64');
      return (await docxParts(data))['word/document.xml'] ?? '';
    };
    const overdue = await printed('docs.printOverdue', {});
    expect(overdue).toContain('Công văn của Sở về trạm phát sóng');
    expect(overdue).not.toContain('Quỳnh Lưu');
    for (const register of ['in', 'secret-in', 'copy'] as const) {
      const xml = await printed('docs.printRegister', { register, year: YEAR });
      expect(xml, register).not.toContain('Quỳnh Lưu');
      expect(xml, register).not.toContain('Chủ tịch xã');
    }
    expect(await printed('docs.printRegister', { register: 'in', year: YEAR })).toContain(
      'Công văn của Sở về trạm phát sóng',
    );
  });
});

describe('schema steps', () => {
  it('move an existing vault’s processing, reply and holder to document_handling and give it an incarnation', () => {
    const db = openEncrypted(join(tempDir(), 'old.db'), randomBytes(32).toString('hex'), 'aegis', {
      create: true,
    });
    const { steps } = buildRegistry(MODULES);
    // A vault made before this change: every step but the change feed and the handling split.
    applyMigrations(
      db,
      // (and the sealed columns, the search order, the list index and the index merging after it)
      steps.filter((s) => !['settings/2', 'docs/3', 'docs/4', 'docs/5', 'docs/6', 'docs/7'].includes(s.id)),
    );
    const insert = db.prepare(
      `INSERT INTO documents (id, origin_office, version, updated_at, updated_by, register, year, number,
         registered_at, direction, level, level_rank, type, symbol, document_date, sender, recipients, summary,
         sender_consent, urgency, copies, pages, handler, notes, status, processing, processed_at, reply_id, holder)
       VALUES (?, 'SKHCN', 3, '2025-05-02T01:00:00.000Z', 'SKHCN/vanthu', 'in', 2025, ?, '2025-05-01T01:00:00.000Z',
         'in', 'none', 0, 'CV', '', '2025-05-01', '', '[]', '', 0, 'none', 1, 1, '', '', 'registered', ?, ?, ?, ?)`,
    );
    const [a, b] = [uuidv7(), uuidv7()];
    insert.run(a, 1, 'done', '2025-05-03T02:00:00.000Z', b, '');
    insert.run(b, 2, 'in-progress', null, null, 'Lê Văn Nhận');
    applyMigrations(db, steps);
    expect(
      db
        .prepare(
          `SELECT document_id AS id, office, processing, processed_at AS processedAt, reply_id AS replyId, holder
             FROM document_handling ORDER BY document_id`,
        )
        .all(),
    ).toEqual([
      {
        id: a,
        office: 'SKHCN',
        processing: 'done',
        processedAt: '2025-05-03T02:00:00.000Z',
        replyId: b,
        holder: '',
      },
      {
        id: b,
        office: 'SKHCN',
        processing: 'in-progress',
        processedAt: null,
        replyId: null,
        holder: 'Lê Văn Nhận',
      },
    ]);
    const cols = (db.prepare('PRAGMA table_info(documents)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).not.toContain('processing');
    expect(cols).not.toContain('holder');
    expect(db.prepare('SELECT version FROM documents WHERE id = ?').get(a)).toEqual({ version: 3 });
    expect(currentIncarnation(db)).toMatch(/^[0-9a-f-]{36}$/);
    db.close();
  });
});

describe('record ids', () => {
  it('are UUIDv7, all different and in the order they were made, across the blocks of random words', () => {
    const ids = Array.from({ length: 3_000 }, () => newRecordId());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});

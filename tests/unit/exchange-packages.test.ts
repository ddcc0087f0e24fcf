import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModuleContract, EDITORS, type PackageOutcome } from '../../src/shared/contract';
import { Core } from '../../src/main/core/app';
import { insertRecord, findRecord, recordTable, writerOf } from '../../src/main/core/db/recordKernel';
import { sharedRecordColumns, SHARED_RECORD_SQL } from '../../src/main/core/db/sharedRecord';
import { sharedTable } from '../../src/main/core/db/tablePolicy';
import { defineHandlers } from '../../src/main/core/handler';
import { defineModule, type CoreModule } from '../../src/main/core/module';
import { MODULES } from '../../src/main/core/modules';
import { ORGANIZATION_RECORDS } from '../../src/main/core/contacts/organizations';
import { EVENT_RECORDS } from '../../src/main/core/plans/store';
import { ownKeys } from '../../src/main/core/exchange/offices/ownKeys';
import { readContainer, writeContainer } from '../../src/main/core/exchange/package/container';
import { MAX_PACKAGE_BYTES } from '../../src/main/core/exchange/package/limits';
import { newOfficeKeys, publicKeysOf, type OfficeKeys } from '../../src/main/core/exchange/package/keys';
import { sha256Hex } from '../../src/main/core/exchange/package/package';
import type { PackageRecord } from '../../src/main/core/exchange/package/payload';
import { peerState } from '../../src/main/core/exchange/packages/state';
import { ownAuditHead } from '../../src/main/core/exchange/packages/send';
import { recordTypes } from '../../src/main/core/db/recordTypes';
import { DOCUMENT_RECORDS } from '../../src/main/core/docs/documentStore';
import { ADMIN_PASSWORD, call, failure, signInAs, tempDir } from '../helpers/core';
import { runCli } from '../helpers/cli';
import {
  craftPackage,
  dbOf,
  digest,
  exportTo,
  keyFileOf,
  pair,
  setupOffice,
  type Office,
} from '../helpers/exchange';

// A record type declared only here: a module with one shared table travelling both ways. The
// exchange code knows nothing of it.
const noteContract = defineModuleContract({
  key: 'note',
  channels: {
    'note.add': {
      input: z.object({ body: z.string() }),
      output: z.object({ id: z.string() }),
      access: EDITORS,
    },
  },
  auditActions: ['note.add'],
});
const testNotes = sqliteTable('test_notes', { ...sharedRecordColumns(), body: text('body').notNull() });
const NOTE_RECORDS = recordTable(testNotes, sharedTable('both'), 'note');
const noteModule = defineModule({
  contract: noteContract,
  handlers: defineHandlers(noteContract)({
    'note.add': {
      run: (ctx, input) =>
        ctx.tx(() => {
          const row = insertRecord(ctx.db, NOTE_RECORDS, { body: input.body }, writerOf(ctx));
          ctx.audit({ action: 'note.add', targetType: 'note', targetId: row.id, details: {} });
          return { id: row.id };
        }),
    },
  }),
  migrations: [{ step: 1, sql: `CREATE TABLE test_notes (${SHARED_RECORD_SQL}, body TEXT NOT NULL);` }],
  tables: [NOTE_RECORDS],
});
const WITH_NOTES = [...MODULES, noteModule] as readonly CoreModule[];

async function importOne(to: Office, path: string, receiptsDir?: string): Promise<PackageOutcome> {
  const r = await call(to.core, 'exchange.packagesImport', { path, ...(receiptsDir ? { receiptsDir } : {}) });
  expect(r.packages).toHaveLength(1);
  return r.packages[0]!;
}

const row = (r: object | null): PackageRecord['record'] => r as PackageRecord['record'];

/** Imports a bad package: its reason code is the one expected, and nothing changed but the log. */
async function refused(to: Office, file: string, reason: string, result = 'rejected') {
  const before = digest(to);
  const o = await importOne(to, file);
  expect({ result: o.result, reason: o.reason }, o.message).toEqual({ result, reason });
  expect(digest(to)).toBe(before);
  return o;
}

describe('record types', () => {
  it('come from the modules’ shared tables: names, directions, registry entries chosen only, the directory kept to its own package', () => {
    const core = Core.open({ dataDir: tempDir(), kdfTargetMs: 50, modules: WITH_NOTES });
    const types = recordTypes(core.registry.tables);
    expect([...types.byName.keys()].sort()).toEqual(
      [
        'contacts',
        'documents',
        // The inspections module declared its shared tables: they travel with no exchange code.
        'inspection_actions',
        'inspection_checklists',
        'inspection_files',
        'inspection_findings',
        'inspection_results',
        'inspections',
        'self_inspections',
        'organizations',
        'plan_events',
        'plan_evidence',
        'plan_progress',
        'plan_tasks',
        'plans',
        'test_notes',
      ].sort(),
    );
    expect(types.byName.get('documents')!.table.policy.chosenOnly).toBe(true);
    // Classified entries, their sealed text and their attachments never travel.
    const travels = DOCUMENT_RECORDS.policy.recordTravels!;
    expect(travels({ level: 'none', sealed: null })).toBe(true);
    expect(travels({ level: 'mat', sealed: null })).toBe(false);
    expect(travels({ level: 'none', sealed: Buffer.from('x') })).toBe(false);
    expect(types.byName.has('document_attachments')).toBe(false);
    expect(types.byName.has('exchange.office')).toBe(false);
  });
});

describe('sending and receiving', () => {
  it('a round trip: contacts and a plan with tasks down, a progress report up, receipts back', async () => {
    const { province, commune } = await pair();
    const org = await call(province.core, 'contacts.orgs.save', {
      name: 'UBND xã Đồng Mẫu',
      kind: 'commune-committee',
    });
    await call(province.core, 'contacts.save', {
      fullName: 'Nguyễn Văn Đức',
      position: 'Công chức văn hóa - xã hội',
      organizationId: org.id,
      phones: ['0912000111'],
    } as never);
    const ev = await call(province.core, 'plans.events.save', { name: 'Bầu cử 2026', keyDay: '2026-03-15' });
    const made = await call(province.core, 'plans.fromTemplate', {
      eventId: ev.id,
      templateKey: 'province-ttll-election',
      force: true,
    });
    expect(made.status).toBe('created');
    const tasks = (await call(province.core, 'plans.tasks.list', { eventId: ev.id })).items;
    expect(tasks.length).toBeGreaterThan(5);

    // Down: one package to the group "xa", with every change since nothing was sent.
    const outDir = tempDir('ttll-xout-');
    const sent = await call(province.core, 'exchange.packagesExport', { to: { group: 'xa' }, outDir });
    expect(sent.files).toHaveLength(1);
    const f = sent.files[0]!;
    expect(f).toMatchObject({
      office: 'UBXA',
      sequence: 1,
      fileName: 'SKHCN-UBXA-000001.ttllpkg',
      receipt: false,
    });
    expect(f.hash).toBe(sha256Hex(readFileSync(f.path)));
    expect(readdirSync(outDir)).toEqual([f.fileName]); // no temporary file left

    const preview = await call(commune.core, 'exchange.packagesPreview', { path: outDir });
    const before = digest(commune);
    expect(preview.packages[0]).toMatchObject({ result: 'applied', sender: 'SKHCN', sequence: 1 });
    const counts = preview.packages[0]!.counts;
    expect(counts.organizations!.new).toBeGreaterThanOrEqual(1);
    expect(counts.contacts!.new).toBe(1);
    expect(counts.plan_events!.new).toBe(1);
    expect(counts.plans!.new).toBe(1);
    expect(counts.plan_tasks!.new).toBe(tasks.length);
    expect(digest(commune)).toBe(before); // a preview writes nothing

    const receipts = tempDir('ttll-xrcpt-');
    const applied = await importOne(commune, f.path, receipts);
    expect(applied).toMatchObject({ result: 'applied', reason: null, counts });
    const communeTasks = (await call(commune.core, 'plans.tasks.list', { eventId: ev.id })).items;
    expect(communeTasks.map((t) => t.id).sort()).toEqual(tasks.map((t) => t.id).sort());
    const contacts = await call(commune.core, 'contacts.list', { query: 'nguyen van duc' });
    expect(contacts.items.map((c) => c.fullName)).toEqual(['Nguyễn Văn Đức']); // search index rebuilt

    // Nothing goes back to where it came from: the commune's changes since hold no record of the province.
    const task = communeTasks[0]!;
    await call(commune.core, 'plans.progress.report', {
      taskId: task.id,
      orgId: org.id,
      status: 'in-progress',
      percent: 40,
      text: 'Đã rà soát trạm BTS',
    });
    // Up: the receipt the import wrote (sequence 1), then the progress report (sequence 2).
    const up = await exportTo(commune, ['SKHCN']);
    expect(up.files[0]).toMatchObject({ sequence: 2, records: 1 });
    const receiptFile = readdirSync(receipts);
    expect(receiptFile).toEqual(['UBXA-SKHCN-000001.ttllpkg']);
    const folder = tempDir('ttll-xup-');
    // Copied out of order: the batch is applied in chain order.
    writeFileSync(join(folder, 'a.ttllpkg'), readFileSync(up.files[0]!.path));
    writeFileSync(join(folder, 'b.ttllpkg'), readFileSync(join(receipts, receiptFile[0]!)));
    const got = await call(province.core, 'exchange.packagesImport', { path: folder });
    expect(got.packages.map((p) => [p.file, p.result, p.receipt])).toEqual([
      ['a.ttllpkg', 'applied', false],
      ['b.ttllpkg', 'applied', true],
    ]);
    expect(got.packages[0]!.counts).toEqual({
      plan_progress: { new: 1, updated: 0, deleted: 0, unchanged: 0 },
    });
    const report = (await call(province.core, 'plans.tasks.get', { id: task.id })).progress;
    expect(report.map((p) => p.text)).toEqual(['Đã rà soát trạm BTS']);

    const peers = await call(province.core, 'exchange.peers', {});
    expect(peers.peers).toEqual([
      expect.objectContaining({ office: 'UBXA', sentSeq: 1, appliedSeq: 2, ackedSeq: 1, behind: 0 }),
    ]);
    const log = await call(province.core, 'exchange.packagesLog', {});
    expect(log.items.map((e) => [e.direction, e.result, e.sequence])).toEqual([
      ['in', 'applied', 2],
      ['in', 'applied', 1],
      ['out', 'sent', 1],
    ]);
    const audit = await call(province.core, 'audit.list', { action: 'exchange.package', limit: 50 } as never);
    expect((audit as { items: { action: string }[] }).items.map((e) => e.action)).toEqual([
      'exchange.package.import',
      'exchange.package.import',
      'exchange.package.export',
    ]);

    // The next package to the commune holds only what changed since, and not its own report.
    await call(province.core, 'contacts.orgs.save', { name: 'Viettel Nghệ An', kind: 'telecom' });
    const next = await exportTo(province, ['UBXA']);
    expect(next.files[0]).toMatchObject({ sequence: 2, records: 1 });
    const second = await importOne(commune, next.files[0]!.path);
    expect(second.counts).toEqual({ organizations: { new: 1, updated: 0, deleted: 0, unchanged: 0 } });
    // A replay is a no-op.
    await refused(commune, next.files[0]!.path, 'PKG_ALREADY_APPLIED', 'already-applied');
  });

  it('a deletion travels as a tombstone', async () => {
    const { province, commune } = await pair();
    const org = await call(province.core, 'contacts.orgs.save', { name: 'Bưu điện Thử', kind: 'postal' });
    await importOne(commune, (await exportTo(province, ['UBXA'])).files[0]!.path);
    await call(province.core, 'contacts.orgs.delete', { id: org.id, version: org.version });
    const o = await importOne(commune, (await exportTo(province, ['UBXA'])).files[0]!.path);
    expect(o.counts).toEqual({ organizations: { new: 0, updated: 0, deleted: 1, unchanged: 0 } });
    expect((await call(commune.core, 'contacts.orgs.list', {})).map((x) => x.name)).not.toContain(
      'Bưu điện Thử',
    );
  });

  it('a recipient gets only the types its directory entry lets it receive, and only those that travel its way', async () => {
    const { province, commune } = await pair();
    const { offices } = await call(province.core, 'exchange.directoryList', {});
    const ubxa = offices.find((o) => o.code === 'UBXA')!;
    await call(province.core, 'exchange.updateOffice', {
      id: ubxa.id,
      groups: ['xa'],
      maySend: ['*'],
      mayReceive: ['organizations', 'plan_progress'],
    });
    const org = await call(province.core, 'contacts.orgs.save', { name: 'Viettel', kind: 'telecom' });
    await call(province.core, 'contacts.save', { fullName: 'Trần Thị Mai', organizationId: org.id } as never);
    await call(province.core, 'plans.events.save', { name: 'Bầu cử', keyDay: '2026-03-15' });
    const o = await importOne(commune, (await exportTo(province, ['UBXA'])).files[0]!.path);
    // Contacts and events are not for it; progress reports travel up only.
    expect(Object.keys(o.counts)).toEqual(['organizations']);
  });

  it('a test-only record type travels with no change to the exchange code', async () => {
    const { province, commune } = await pair({ modules: WITH_NOTES });
    const added = (await province.core.invoke('note.add', { body: 'ghi chú thử' })) as {
      ok: true;
      data: { id: string };
    };
    const o = await importOne(commune, (await exportTo(province, ['UBXA'])).files[0]!.path);
    expect(o.counts).toEqual({ test_notes: { new: 1, updated: 0, deleted: 0, unchanged: 0 } });
    expect(findRecord(dbOf(commune), NOTE_RECORDS, added.data.id)).toMatchObject({ body: 'ghi chú thử' });
  });

  it('registry entries travel only when chosen, and never a classified one', async () => {
    const { province, commune } = await pair();
    const doc = await call(province.core, 'docs.register', {
      direction: 'out',
      level: 'none',
      type: 'CV',
      symbol: '08/SKHCN-VP',
      documentDate: '2026-05-04',
      recipients: ['UBND xã'],
      summary: 'Về việc bảo đảm thông tin liên lạc',
    });
    const id = doc.entry.id;
    // Not in "changes since".
    const changes = await exportTo(province, ['UBXA']);
    expect(changes.files[0]!.records).toBe(0);
    const outDir = tempDir('ttll-xsel-');
    const chosen = await call(province.core, 'exchange.packagesExport', {
      to: { codes: ['UBXA'] },
      select: [{ type: 'documents', ids: [id] }],
      outDir,
    });
    expect(chosen.files[0]!.records).toBe(1);
    await importOne(commune, changes.files[0]!.path);
    const o = await importOne(commune, chosen.files[0]!.path);
    expect(o.counts).toEqual({ documents: { new: 1, updated: 0, deleted: 0, unchanged: 0 } });

    // A classified entry is refused at export, nothing written.
    const db = dbOf(province);
    db.prepare("UPDATE documents SET level = 'mat' WHERE id = ?").run(id);
    const e = await failure(province.core, 'exchange.packagesExport', {
      to: { codes: ['UBXA'] },
      select: [{ type: 'documents', ids: [id] }],
      outDir: tempDir(),
    });
    expect(e.code).toBe('FORBIDDEN');
    expect(peerState(db, 'UBXA').sentSeq).toBe(2);
  });
});

describe('the catalogue of bad packages, at the database', () => {
  it('wrong signature, unknown sender, not for us, tampered blob, trailing bytes, not a package, too large: refused, nothing applied', async () => {
    const { province, commune } = await pair();
    const keys = ownKeys(dbOf(province));
    const stranger = await newOfficeKeys('SKHCN');
    // Signed by another key under the province's key id.
    await refused(
      commune,
      await craftPackage(province, commune, { sender: { ...keys, signingSecret: stranger.signingSecret } }),
      'PKG_SIGNATURE_INVALID',
    );
    // Another office's key: unknown here.
    const other: OfficeKeys = await newOfficeKeys('XXXX');
    await refused(commune, await craftPackage(province, commune, { sender: other }), 'PKG_UNKNOWN_SENDER');
    // Addressed to another office.
    const elsewhere = publicKeysOf(await newOfficeKeys('UBXB'));
    await refused(
      commune,
      await craftPackage(province, commune, { recipients: [elsewhere] }),
      'PKG_NOT_FOR_US',
    );
    // A blob changed after signing (the container rebuilt around it).
    const good = await craftPackage(province, commune, {
      records: [{ type: 'organizations', record: row({}) }],
    });
    const parts = readContainer(readFileSync(good));
    const tampered = Buffer.from(parts[1]!.data);
    tampered[tampered.length - 1]! ^= 1;
    writeFileSync(good, writeContainer([parts[0]!, { name: parts[1]!.name, data: tampered }]));
    await refused(commune, good, 'PKG_BLOB_MISMATCH');
    // Bytes after the archive, a file that is no archive, one over the cap (sparse: never read).
    const valid = await craftPackage(province, commune);
    writeFileSync(valid, Buffer.concat([readFileSync(valid), Buffer.from('PK\x05\x06 thêm')]));
    await refused(commune, valid, 'PKG_TRAILING_DATA');
    const junk = join(tempDir(), 'junk.ttllpkg');
    writeFileSync(junk, 'không phải gói dữ liệu');
    await refused(commune, junk, 'PKG_NOT_ZIP');
    const huge = join(tempDir(), 'huge.ttllpkg');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_PACKAGE_BYTES + 1);
    await refused(commune, huge, 'PKG_TOO_LARGE');
    const log = await call(commune.core, 'exchange.packagesLog', {});
    expect(log.items.map((e) => e.reason)).toEqual([
      'PKG_TOO_LARGE',
      'PKG_NOT_ZIP',
      'PKG_TRAILING_DATA',
      'PKG_BLOB_MISMATCH',
      'PKG_NOT_FOR_US',
      'PKG_UNKNOWN_SENDER',
      'PKG_SIGNATURE_INVALID',
    ]);
  });

  it('revoked key: a package from an office whose key the province revoked', async () => {
    const { province, commune } = await pair();
    const file = (await exportTo(commune, ['SKHCN'])).files[0]!.path;
    const { offices } = await call(province.core, 'exchange.directoryList', {});
    const ubxa = offices.find((o) => o.code === 'UBXA')!;
    await call(province.core, 'exchange.revokeOffice', { id: ubxa.id, reason: 'Máy bị mất' });
    await refused(province, file, 'PKG_KEY_REVOKED');
  });

  it('gap, fork, replay: judged in the chain; a fork is quarantined for the administrator', async () => {
    const { province, commune } = await pair();
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức 1', kind: 'telecom' });
    const p1 = (await exportTo(province, ['UBXA'])).files[0]!;
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức 2', kind: 'telecom' });
    const p2 = (await exportTo(province, ['UBXA'])).files[0]!;
    const gap = await refused(commune, p2.path, 'PKG_SEQUENCE_GAP');
    expect(gap.missing).toEqual({ from: 1, to: 1 });
    const waiting = (await call(commune.core, 'exchange.peers', {})).peers;
    expect(waiting).toEqual([
      expect.objectContaining({ office: 'SKHCN', appliedSeq: 0, missing: { from: 1, to: 1 } }),
    ]);
    expect((await importOne(commune, p1.path)).result).toBe('applied');
    expect((await call(commune.core, 'exchange.peers', {})).peers[0]!.missing).toBeNull();
    await refused(commune, p1.path, 'PKG_ALREADY_APPLIED', 'already-applied');
    // Another package 1 from the province (made by hand with its key): a fork.
    const fork = await craftPackage(province, commune, { sequence: 1, prevHash: null });
    await refused(commune, fork, 'PKG_SEQUENCE_FORK', 'quarantined');
    const peers = await call(commune.core, 'exchange.peers', {});
    expect(peers.quarantine).toEqual([
      expect.objectContaining({
        office: 'SKHCN',
        sequence: 1,
        appliedHash: p1.hash,
        hash: sha256Hex(readFileSync(fork)),
      }),
    ]);
    // The chain goes on from the package applied.
    expect((await importOne(commune, p2.path)).result).toBe('applied');
  });

  it('a lost package is written again byte for byte and closes the gap; acknowledged ones are no longer kept', async () => {
    const { province, commune } = await pair();
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức 1', kind: 'telecom' });
    const p1 = (await exportTo(province, ['UBXA'])).files[0]!;
    const lost = readFileSync(p1.path);
    truncateSync(p1.path, 0); // the stick was lost or the file damaged on the way
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức 2', kind: 'telecom' });
    const p2 = (await exportTo(province, ['UBXA'])).files[0]!;
    expect((await importOne(commune, p2.path)).reason).toBe('PKG_SEQUENCE_GAP');

    const outDir = tempDir('ttll-xresend-');
    const again = await call(province.core, 'exchange.packagesResend', { office: 'UBXA', outDir });
    expect(again.files.map((f) => [f.sequence, f.hash])).toEqual([
      [1, p1.hash],
      [2, p2.hash],
    ]);
    expect(readFileSync(again.files[0]!.path).equals(lost)).toBe(true);
    const receipts = tempDir('ttll-xreceipts-');
    const r = await call(commune.core, 'exchange.packagesImport', { path: outDir, receiptsDir: receipts });
    expect(r.packages.map((o) => o.result)).toEqual(['applied', 'applied']);

    // The receipt acknowledges both: the province keeps no copy to write again.
    expect((await importOne(province, r.receipts[0]!.path)).result).toBe('applied');
    expect(await failure(province.core, 'exchange.packagesResend', { office: 'UBXA', outDir })).toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    const entries = await call(province.core, 'audit.list', { action: 'exchange.package.resend' });
    expect(entries.items.map((e) => e.targetId).sort()).toEqual([p1.hash, p2.hash].sort());
  });

  it('a record of another office, a type the sender may not send, a type travelling the wrong way', async () => {
    const { province, commune } = await pair({ maySend: ['plan_progress'] });
    const org = await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức', kind: 'telecom' });
    // Written by the province, but the record is the commune UBXB's.
    const theirs = row({ ...findOrg(province, org.id), originOffice: 'UBXB' });
    // A good record before it is not applied either: the whole package is refused.
    const good = await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức tốt', kind: 'postal' });
    await refused(
      commune,
      await craftPackage(province, commune, {
        records: [
          { type: 'organizations', record: row(findOrg(province, good.id)) },
          { type: 'organizations', record: theirs },
        ],
      }),
      'PKG_NOT_OWNER',
    );
    expect(findOrg(commune, good.id)).toBeNull();
    // The commune may send progress reports only: its contacts are refused by the province.
    const orgHere = await call(commune.core, 'contacts.orgs.save', {
      name: 'Thôn 1',
      kind: 'other',
    } as never);
    await refused(
      province,
      await craftPackage(commune, province, {
        records: [{ type: 'organizations', record: row(findOrg(commune, orgHere.id)) }],
      }),
      'PKG_TYPE_NOT_ALLOWED',
    );
    // A type unknown here.
    await refused(
      province,
      await craftPackage(commune, province, {
        records: [{ type: 'secret_things', record: row(findOrg(commune, orgHere.id)) }],
      }),
      'PKG_TYPE_NOT_ALLOWED',
    );
  });

  it('a type that travels only down is refused from a commune even when the directory allows every type', async () => {
    const { province, commune } = await pair();
    const ev = await call(commune.core, 'plans.events.save', { name: 'Sự kiện xã', keyDay: '2026-03-15' });
    const r = row(findRecord(dbOf(commune), EVENT_RECORDS, ev.id));
    await refused(
      province,
      await craftPackage(commune, province, { records: [{ type: 'plan_events', record: r }] }),
      'PKG_TYPE_NOT_ALLOWED',
    );
  });

  it('an audit head showing a rewritten history: lower count, or the same count with another hash', async () => {
    const { province, commune } = await pair();
    const p1 = (await exportTo(province, ['UBXA'])).files[0]!;
    await importOne(commune, p1.path);
    const head = ownAuditHead(dbOf(province));
    const shown = dbOf(commune)
      .prepare("SELECT count, hash FROM exchange_audit_heads WHERE office = 'SKHCN'")
      .get() as {
      count: number;
      hash: string;
    };
    expect(shown.count).toBeLessThanOrEqual(head.count);
    await refused(
      commune,
      await craftPackage(province, commune, { auditHead: { count: shown.count - 1, hash: shown.hash } }),
      'PKG_AUDIT_REWRITTEN',
    );
    await refused(
      commune,
      await craftPackage(province, commune, { auditHead: { count: shown.count, hash: 'f'.repeat(64) } }),
      'PKG_AUDIT_REWRITTEN',
    );
    // A head extending it is taken.
    expect((await importOne(commune, await craftPackage(province, commune))).result).toBe('applied');
  });

  it('a record refers to one the receiver does not have: the whole package is rejected', async () => {
    const { province, commune } = await pair();
    const org = await call(province.core, 'contacts.orgs.save', { name: 'Cha', kind: 'telecom' });
    const child = await call(province.core, 'contacts.orgs.save', {
      name: 'Con',
      kind: 'telecom',
      parentId: org.id,
    } as never);
    // The child alone: its parent never sent.
    await refused(
      commune,
      await craftPackage(province, commune, {
        records: [{ type: 'organizations', record: row(findOrg(province, child.id)) }],
      }),
      'PKG_RECORD_INVALID',
    );
  });
});

function findOrg(o: Office, id: string): object | null {
  return findRecord(dbOf(o), ORGANIZATION_RECORDS, id);
}

describe('disk full during apply', () => {
  it('leaves the database as before, with a clear reason', async () => {
    const { province, commune } = await pair();
    for (let i = 0; i < 300; i++)
      await call(province.core, 'contacts.orgs.save', {
        name: `Tổ chức số ${i} ${'x'.repeat(250)}`,
        kind: 'telecom',
      });
    const file = (await exportTo(province, ['UBXA'])).files[0]!.path;
    const db = dbOf(commune);
    const pages = (db.pragma('page_count', { simple: true }) as number) + 2;
    db.pragma(`max_page_count = ${pages}`);
    const before = digest(commune);
    const o = await importOne(commune, file);
    expect({ result: o.result, reason: o.reason }).toEqual({
      result: 'rejected',
      reason: 'PKG_STORAGE_FULL',
    });
    expect(o.message).toMatch(/disk is full/);
    expect(digest(commune)).toBe(before);
    db.pragma('max_page_count = 1073741823');
    expect((await importOne(commune, file)).result).toBe('applied');
  });
});

describe('who may, what the UI polls, the CLI', () => {
  it('coordinators and administrators send and receive; viewers and leaders read the log only', async () => {
    const { province } = await pair();
    await signInAs(province.core, 'xem', 'none', 'viewer');
    const e = await failure(province.core, 'exchange.packagesExport', {
      to: { all: true },
      outDir: tempDir(),
    });
    expect(e.code).toBe('FORBIDDEN');
    expect((await failure(province.core, 'exchange.packagesImport', { path: tempDir() })).code).toBe(
      'FORBIDDEN',
    );
    expect((await call(province.core, 'exchange.packagesLog', {})).total).toBe(0);
    expect((await call(province.core, 'exchange.peers', {})).peers).toEqual([]);
  });

  it('a batch export reports its progress while it runs, and nothing once done', async () => {
    const { province } = await pair();
    for (const code of ['UBXB', 'UBXC']) {
      const other = await setupOffice(code, 'commune');
      await call(province.core, 'exchange.addOffice', {
        keyFile: await keyFileOf(other.core),
        fingerprint: (await call(other.core, 'exchange.ownKeys', {})).fingerprint,
        groups: ['xa'],
      });
    }
    const running = call(province.core, 'exchange.packagesExport', {
      to: { group: 'xa' },
      outDir: tempDir(),
    });
    const seen: string[] = [];
    let done = false;
    void running.then(() => (done = true));
    while (!done) {
      const p = await call(province.core, 'exchange.packagesProgress', {});
      if (p) seen.push(`${p.job} ${p.done}/${p.total}`);
      await new Promise((r) => setTimeout(r, 1));
    }
    expect((await running).files.map((f) => f.office)).toEqual(['UBXA', 'UBXB', 'UBXC']);
    expect(seen).toContain('export 1/3');
    expect(seen).toContain('export 2/3');
    expect(await call(province.core, 'exchange.packagesProgress', {})).toBeNull();
  });

  it('packages export, import and log from the command line, as JSON', async () => {
    const { province, commune } = await pair();
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức CLI', kind: 'telecom' });
    const out = tempDir('ttll-xcli-');
    const env = { TTLL_PASSWORD: ADMIN_PASSWORD };
    const sent = runCli(province.dataDir, ['packages', 'export', '--to', 'xa', '--out', out, '--json'], env);
    expect(sent.code, sent.err).toBe(0);
    const files = JSON.parse(sent.out) as { office: string; sequence: number; path: string }[];
    expect(files).toMatchObject([{ office: 'UBXA', sequence: 1 }]);
    const got = runCli(commune.dataDir, ['packages', 'import', out, '--json'], env);
    expect(got.code, got.err).toBe(0);
    expect(JSON.parse(got.out)).toMatchObject([
      { result: 'applied', sender: 'SKHCN', sequence: 1, reason: null },
    ]);
    const again = runCli(commune.dataDir, ['packages', 'import', files[0]!.path, '--json'], env);
    expect(JSON.parse(again.out)).toMatchObject([
      { result: 'already-applied', reason: 'PKG_ALREADY_APPLIED' },
    ]);
    const log = runCli(commune.dataDir, ['packages', 'log', '--json'], env);
    expect((JSON.parse(log.out) as { result: string }[]).map((e) => e.result)).toEqual([
      'already-applied',
      'applied',
    ]);
  });
});

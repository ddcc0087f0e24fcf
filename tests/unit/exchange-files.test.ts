/**
 * Files that travel in packages (exchange/packages/files.ts): plan evidence down with its task and
 * up with its report, byte for byte; a module's table gets the same by declaring `file` in its
 * policy; and every way a package's files can be wrong refuses the whole package with the
 * database unchanged.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { blob, sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModuleContract, EDITORS, type PackageOutcome } from '../../src/shared/contract';
import { CHECKED_FILE, MAX_ATTACHMENT_BYTES } from '../../src/main/core/attachments/fileCheck';
import { findRecord, insertRecord, recordTable, writerOf } from '../../src/main/core/db/recordKernel';
import { sharedRecordColumns, SHARED_RECORD_SQL } from '../../src/main/core/db/sharedRecord';
import { sharedTable } from '../../src/main/core/db/tablePolicy';
import { defineHandlers } from '../../src/main/core/handler';
import { defineModule, type CoreModule } from '../../src/main/core/module';
import { MODULES } from '../../src/main/core/modules';
import { EVIDENCE_RECORDS } from '../../src/main/core/plans/evidence';
import { readContainer, writeContainer } from '../../src/main/core/exchange/package/container';
import { sha256Hex } from '../../src/main/core/exchange/package/package';
import type { PackageRecord } from '../../src/main/core/exchange/package/payload';
import { call, tempDir } from '../helpers/core';
import { craftPackage, dbOf, digest, exportTo, pair, type Office } from '../helpers/exchange';

const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`);

async function importOne(to: Office, path: string): Promise<PackageOutcome> {
  const r = await call(to.core, 'exchange.packagesImport', { path });
  expect(r.packages).toHaveLength(1);
  return r.packages[0]!;
}

/** A bad package: refused with `reason`, nothing changed but the log, nothing left staged. */
async function refused(to: Office, file: string, reason: string) {
  const before = digest(to);
  const o = await importOne(to, file);
  expect({ result: o.result, reason: o.reason }, o.message).toEqual({ result: 'rejected', reason });
  expect(digest(to)).toBe(before);
  expect(staged(to)).toBe(0);
}

const staged = (o: Office) =>
  (dbOf(o).prepare('SELECT count(*) AS n FROM exchange_incoming_files').get() as { n: number }).n;

/** A province with a plan whose first task has an evidence file, and a commune that applied it all. */
async function planWithEvidence() {
  const { province, commune } = await pair();
  const ev = await call(province.core, 'plans.events.save', { name: 'Bầu cử 2026', keyDay: '2026-03-15' });
  await call(province.core, 'plans.fromTemplate', {
    eventId: ev.id,
    templateKey: 'province-ttll-election',
    force: true,
  });
  const task = (await call(province.core, 'plans.tasks.list', { eventId: ev.id })).items[0]!;
  const bytes = pdf('Kế hoạch phân công trực — bản ký');
  const evidence = await call(province.core, 'plans.evidence.add', {
    taskId: task.id,
    fileName: 'phan-cong-truc.pdf',
    dataBase64: bytes.toString('base64'),
  });
  const down = await exportTo(province, ['UBXA']);
  const applied = await importOne(commune, down.files[0]!.path);
  expect(applied.result, applied.message).toBe('applied');
  return { province, commune, task, evidence, bytes, applied };
}

/** The evidence record as it travels (without its bytes), to craft packages from. */
function travelling(o: Office, id: string): PackageRecord['record'] {
  const { content: _c, ...rest } = findRecord(dbOf(o), EVIDENCE_RECORDS, id)!;
  return rest as PackageRecord['record'];
}

describe('files travel with their records', () => {
  it('evidence goes down with its task and a report’s evidence comes back up, byte for byte', async () => {
    const { province, commune, task, evidence, bytes, applied } = await planWithEvidence();
    expect(applied.counts.plan_evidence).toEqual({ new: 1, updated: 0, deleted: 0, unchanged: 0 });
    expect(staged(commune)).toBe(0);
    const there = await call(commune.core, 'plans.tasks.get', { id: task.id });
    expect(there.evidence.map((e) => [e.id, e.fileName, e.sha256])).toEqual([
      [evidence.id, 'phan-cong-truc.pdf', sha256Hex(bytes)],
    ]);
    const got = await call(commune.core, 'plans.evidence.content', { id: evidence.id });
    expect(Buffer.from(got.dataBase64, 'base64').equals(bytes)).toBe(true);

    const org = await call(commune.core, 'contacts.orgs.save', {
      name: 'UBND xã Thử',
      kind: 'commune-committee',
    });
    const report = await call(commune.core, 'plans.progress.report', {
      taskId: task.id,
      orgId: org.id,
      status: 'done',
      percent: 100,
      text: 'Đã hoàn thành, có biên bản kèm theo',
    } as never);
    const scan = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200_000, 7)]);
    const up = await call(commune.core, 'plans.evidence.add', {
      taskId: task.id,
      progressId: report.id,
      fileName: 'bien-ban.jpg',
      dataBase64: scan.toString('base64'),
    });
    const sent = await exportTo(commune, ['SKHCN']);
    // The province's own evidence is not sent back: the unit, its report and the report's file go up.
    expect(sent.files[0]!.records).toBe(3);
    const back = await importOne(province, sent.files[0]!.path);
    expect(back.result, back.message).toBe('applied');
    expect(back.counts.plan_evidence).toEqual({ new: 1, updated: 0, deleted: 0, unchanged: 0 });
    const content = await call(province.core, 'plans.evidence.content', { id: up.id });
    expect(Buffer.from(content.dataBase64, 'base64').equals(scan)).toBe(true);

    // A removed file travels as a tombstone without bytes.
    await call(commune.core, 'plans.evidence.remove', { id: up.id, version: up.version } as never);
    const removal = await exportTo(commune, ['SKHCN']);
    const gone = await importOne(province, removal.files[0]!.path);
    expect(gone.counts.plan_evidence).toEqual({ new: 0, updated: 0, deleted: 1, unchanged: 0 });
    const detail = await call(province.core, 'plans.tasks.get', { id: task.id });
    expect(detail.evidence.map((e) => e.id)).toEqual([evidence.id]);
  });

  it('large files go in one package per recipient, written as it is made, and resent piece by piece', async () => {
    const { province, commune, task } = await planWithEvidence();
    // Three files of 12 MiB: more than a kept copy's 1 MiB pieces, read one at a time.
    const big = (i: number) => Buffer.concat([pdf(`Bản ghi ${i}`), Buffer.alloc(12 * 1024 * 1024, i)]);
    const added = [];
    for (const i of [1, 2, 3])
      added.push(
        await call(province.core, 'plans.evidence.add', {
          taskId: task.id,
          fileName: `ban-ghi-${i}.pdf`,
          dataBase64: big(i).toString('base64'),
        }),
      );
    const down = await exportTo(province, ['UBXA']);
    expect(down.files.map((f) => f.records)).toEqual([3]);
    const sent = readFileSync(down.files[0]!.path);
    expect(sent.length).toBeGreaterThan(36 * 1024 * 1024);
    expect(sha256Hex(sent)).toBe(down.files[0]!.hash);

    // Lost on the way: written again from the kept copy, byte for byte.
    const again = await call(province.core, 'exchange.packagesResend', {
      office: 'UBXA',
      fromSequence: down.files[0]!.sequence,
      outDir: tempDir('ttll-xresend-'),
    });
    expect(again.files.map((f) => [f.sequence, f.hash])).toEqual([
      [down.files[0]!.sequence, down.files[0]!.hash],
    ]);
    expect(readFileSync(again.files[0]!.path).equals(sent)).toBe(true);

    const r = await importOne(commune, again.files[0]!.path);
    expect(r.result, r.message).toBe('applied');
    for (const [k, e] of added.entries()) {
      const got = await call(commune.core, 'plans.evidence.content', { id: e.id });
      expect(Buffer.from(got.dataBase64, 'base64').equals(big(k + 1))).toBe(true);
    }
  });

  it('a file that no longer matches its record when the package is written: refused, nothing sent', async () => {
    const { province, task } = await planWithEvidence();
    const ev = await call(province.core, 'plans.evidence.add', {
      taskId: task.id,
      fileName: 'doi-ngang.pdf',
      dataBase64: pdf('bản đầu').toString('base64'),
    });
    // Its bytes changed under the record (as a second window saving over it would, between the
    // records read and the file read as the package is written).
    dbOf(province).prepare('UPDATE plan_evidence SET content = ? WHERE id = ?').run(pdf('bản khác'), ev.id);
    const outDir = tempDir('ttll-xconflict-');
    const r = await province.core.invoke('exchange.packagesExport', { to: { codes: ['UBXA'] }, outDir });
    expect(r.ok ? null : r.error.code).toBe('CONFLICT');
    expect(readdirSync(outDir)).toEqual([]);
    // The chain did not move: the package made before is still the last sent.
    const peer = (await call(province.core, 'exchange.peers', {})).peers.find((p) => p.office === 'UBXA');
    expect(peer?.sentSeq).toBe(1);
  });

  it('a module gets file travel by declaring `file` in its policy, and nothing else', async () => {
    const contract = defineModuleContract({
      key: 'scan',
      channels: {
        'scan.add': {
          input: z.object({ b64: z.string() }),
          output: z.object({ id: z.string() }),
          access: EDITORS,
        },
      },
      auditActions: ['scan.add'],
    });
    const testScans = sqliteTable('test_scans', {
      ...sharedRecordColumns(),
      size: integer('size').notNull(),
      sha256: text('sha256').notNull(),
      content: blob('content', { mode: 'buffer' }).notNull(),
    });
    const SCAN_RECORDS = recordTable(
      testScans,
      sharedTable('down', ['province'], { file: CHECKED_FILE }),
      'scan',
    );
    const scanModule = defineModule({
      contract,
      handlers: defineHandlers(contract)({
        'scan.add': {
          run: (ctx, input) =>
            ctx.tx(() => {
              const data = Buffer.from(input.b64, 'base64');
              const row = insertRecord(
                ctx.db,
                SCAN_RECORDS,
                { size: data.length, sha256: sha256Hex(data), content: data },
                writerOf(ctx),
              );
              ctx.audit({ action: 'scan.add', targetType: 'scan', targetId: row.id, details: {} });
              return { id: row.id };
            }),
        },
      }),
      migrations: [
        {
          step: 1,
          sql: `CREATE TABLE test_scans (${SHARED_RECORD_SQL}, size INTEGER NOT NULL, sha256 TEXT NOT NULL, content BLOB NOT NULL);`,
        },
      ],
      tables: [SCAN_RECORDS],
    });
    const { province, commune } = await pair({ modules: [...MODULES, scanModule] as readonly CoreModule[] });
    const data = Buffer.alloc(3 * 65536 + 17, 0x5a);
    const added = (await province.core.invoke('scan.add', { b64: data.toString('base64') })) as {
      ok: true;
      data: { id: string };
    };
    const down = await exportTo(province, ['UBXA']);
    // The records' JSON carries the hash, not the bytes: the package is the file plus little.
    expect(down.files[0]!.size).toBeGreaterThan(data.length);
    expect(down.files[0]!.size).toBeLessThan(data.length + 16_384);
    const o = await importOne(commune, down.files[0]!.path);
    expect(o.result, o.message).toBe('applied');
    const row = findRecord(dbOf(commune), SCAN_RECORDS, added.data.id);
    expect(row?.content.equals(data)).toBe(true);
  });
});

describe('a package whose files are wrong is refused whole', () => {
  it('a file that is not the record’s, a missing file, an extra file, a file inline, a file too large', async () => {
    const { province, commune, task, evidence, bytes } = await planWithEvidence();
    const newer = (over: Record<string, unknown> = {}) => ({
      ...travelling(province, evidence.id),
      version: 2,
      fileName: 'sua-doi.pdf',
      ...over,
    });
    const other = pdf('một tệp khác');
    const as = (record: PackageRecord['record']) => [{ type: 'plan_evidence', record }];
    const files = (...data: Buffer[]) => data.map((d) => ({ contentType: 'application/pdf', data: d }));

    // The record names one file, the package brings another (the signature is valid: the sender lies).
    await refused(
      commune,
      await craftPackage(province, commune, { records: as(newer()), attachments: files(other) }),
      'PKG_FILE_MISMATCH',
    );
    // Same hash claimed, other size.
    await refused(
      commune,
      await craftPackage(province, commune, {
        records: as(newer({ size: bytes.length + 1 })),
        attachments: files(bytes),
      }),
      'PKG_FILE_MISMATCH',
    );
    await refused(
      commune,
      await craftPackage(province, commune, { records: as(newer()), attachments: [] }),
      'PKG_FILE_MISMATCH',
    );
    await refused(
      commune,
      await craftPackage(province, commune, { records: as(newer()), attachments: files(bytes, other) }),
      'PKG_FILE_MISMATCH',
    );
    await refused(
      commune,
      await craftPackage(province, commune, {
        records: as(newer({ content: bytes.toString('base64') })),
        attachments: files(bytes),
      }),
      'PKG_RECORD_INVALID',
    );
    await refused(
      commune,
      await craftPackage(province, commune, {
        records: as(newer({ size: MAX_ATTACHMENT_BYTES + 1 })),
        attachments: files(bytes),
      }),
      'PKG_FILE_TOO_LARGE',
    );
    // A small file named, a blob beyond the table's cap and age's overhead sent: refused from the
    // signed size, never decrypted.
    await refused(
      commune,
      await craftPackage(province, commune, {
        records: as(newer()),
        attachments: files(Buffer.alloc(MAX_ATTACHMENT_BYTES + 65_536)),
      }),
      'PKG_FILE_TOO_LARGE',
    );
    // Evidence of another office relayed by the province: only its origin sends it.
    await refused(
      commune,
      await craftPackage(province, commune, {
        records: as(newer({ id: randomUUID(), originOffice: 'UBXB', version: 1, taskId: task.id })),
        attachments: files(bytes),
      }),
      'PKG_NOT_OWNER',
    );

    // A byte of the encrypted file changed on the way: the signed manifest's hash catches it first.
    const good = await craftPackage(province, commune, { records: as(newer()), attachments: files(bytes) });
    const entries = readContainer(readFileSync(good));
    const blob = entries[2]!;
    blob.data[blob.data.length - 1]! ^= 1;
    const tampered = `${good}.tampered.ttllpkg`;
    writeFileSync(tampered, writeContainer(entries));
    await refused(commune, tampered, 'PKG_BLOB_MISMATCH');

    // The honest package still applies after all of them.
    const ok = await importOne(commune, good);
    expect(ok.result, ok.message).toBe('applied');
    const there = await call(commune.core, 'plans.tasks.get', { id: task.id });
    expect(there.evidence.map((e) => e.fileName)).toEqual(['sua-doi.pdf']);
  });
});

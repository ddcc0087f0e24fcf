import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnchor } from '../../src/main/core/audit/anchors';
import { appendAudit } from '../../src/main/core/audit/auditLog';
import { segmentsOf } from '../../src/main/core/audit/sealing';
import { vnYear } from '../../src/shared/dates';
import { openAs, ringOf } from '../helpers/attacker';
import {
  ADMIN_PASSWORD,
  call,
  failure,
  openCore,
  setupCore,
  signInAs,
  switchTo,
  tempDir,
  USER_PASSWORD,
} from '../helpers/core';
import { minimalPdf } from '../helpers/pdf';

const anchorOf = (file: string) => parseAnchor(readFileSync(`${file}.anchor.json`, 'utf8'), file)!;

describe('the audit log across a restore', () => {
  it('carries over what happened after the backup (a login, a refused print, an export): findable, verified, the fork named', async () => {
    const { core } = await setupCore();
    const { entry } = await call(core, 'docs.register', {
      direction: 'in',
      level: 'mat',
      type: 'QĐ',
      symbol: '12/QĐ-UBBC',
      documentDate: '2026-03-02',
      sender: 'Ủy ban bầu cử tỉnh',
      summary: 'Quyết định phân công',
    });
    const meta = await call(core, 'docs.attach', {
      documentId: entry.id,
      fileName: 'qd.pdf',
      dataBase64: minimalPdf('x').toString('base64'),
    });
    await call(core, 'users.update', { userName: 'admin', canExportAttachments: true });
    const b = await call(core, 'backup.create', {}); // the default folder: its anchor is checked by verify
    const anchor = anchorOf(b.file);

    // After the backup: a login, a refused print of a secret register, an attachment export.
    await signInAs(core, 'lanhdao', 'none', 'leader');
    expect(
      (await failure(core, 'docs.printRegister', { register: 'secret-in', year: vnYear(new Date()) })).code,
    ).toBe('FORBIDDEN');
    await switchTo(core, 'admin', ADMIN_PASSWORD);
    await call(core, 'docs.exportAttachment', { id: meta.id });
    const later = await call(core, 'backup.create', { dir: tempDir('ttll-usb-') }); // kept apart
    const after = (await call(core, 'audit.list', { limit: 1000 })).items.filter((e) => e.seq > anchor.seq!);
    const replacedHead = (await call(core, 'audit.head', {}))!;

    await call(core, 'backup.restore', { file: b.file });
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });

    // Still there, under their own actions, actors and times.
    const login = await call(core, 'audit.list', { action: 'vault.login', actor: 'lanhdao' });
    expect(login.items.map((e) => e.outcome)).toEqual(['ok']);
    const print = await call(core, 'audit.list', { action: 'docs.print' });
    expect(print.items.map((e) => [e.actor, e.outcome])).toEqual([['lanhdao', 'denied']]);
    const exported = await call(core, 'audit.list', { action: 'docs.attachment.export' });
    expect(exported.items.map((e) => [e.actor, e.outcome])).toEqual([['admin', 'ok']]);
    // Every entry of the replaced log after the backup's head, in order, each with its original.
    const restore = (await call(core, 'audit.list', { action: 'backup.restore' })).items[0]!;
    expect(restore.seq).toBe(anchor.seq! + 1); // numbering goes on from the backup's head
    const carried = (await call(core, 'audit.list', { limit: 1000 })).items
      .filter((e) => e.seq > restore.seq && e.details.carried)
      .reverse();
    expect(carried.map((e) => [e.action, e.actor, e.at, (e.details.carried as { seq: number }).seq])).toEqual(
      after.reverse().map((e) => [e.action, e.actor, e.at, e.seq]),
    );

    const v = await call(core, 'audit.verify', { anchors: [{ ...anchorOf(later.file), source: 'usb' }] });
    expect(v).toMatchObject({ ok: true, sealing: 'verified' });
    expect(v.forks).toEqual([
      {
        seq: restore.seq,
        backupHead: { seq: anchor.seq, hash: anchor.hash },
        replacedHead: { seq: replacedHead.seq, hash: replacedHead.hash },
        carried: after.length,
        sealing: 'rekeyed',
      },
    ]);
    // The backup's anchor (beside it) is in the log; the later backup's, in the carried entries.
    expect(v.anchors.map((a) => [a.source, a.status])).toEqual([
      ['usb', 'in-fork'],
      [`${basename(b.file)}.anchor.json`, 'in-chain'],
    ]);
  });

  it('after a restore over a damaged database, says which entries could not be accounted for', async () => {
    const { core, dataDir } = await setupCore();
    await call(core, 'contacts.orgs.save', { name: 'Trước', kind: 'other' });
    const b = await call(core, 'backup.create', {});
    await call(core, 'contacts.orgs.save', { name: 'Sau', kind: 'other' });
    await call(core, 'vault.lock', {});
    writeFileSync(join(dataDir, 'ttll.db'), Buffer.alloc(16384, 0x42));
    await failure(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    await call(core, 'backup.restore', { file: b.file });
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    // Restored without the audit key (no one could sign in): sealing resumed at this sign-in.
    expect((await call(core, 'audit.list', { action: 'audit.seal-start' })).total).toBe(1);
    const v = await call(core, 'audit.verify', {});
    expect(v.ok).toBe(false);
    expect(v.firstBroken?.reason).toMatch(/replaced database could not be read/);
    expect(v.forks).toMatchObject([{ replacedHead: null, carried: 0, sealing: 'paused' }]);
  });

  it('a non-administrator cannot cut their entries off by faking a restore', async () => {
    const { core, dataDir } = await setupCore();
    await signInAs(core, 'vanthu', 'none');
    await call(core, 'contacts.orgs.save', { name: 'Giấu đi', kind: 'other' });
    await call(core, 'vault.lock', {});
    const db = openAs(dataDir, ringOf(dataDir, 'vanthu', USER_PASSWORD));
    // Keep everything up to their sign-in; what they did after it goes.
    const keep = db
      .prepare(
        "SELECT seq, hash FROM audit_log WHERE actor = 'vanthu' AND action = 'vault.login' ORDER BY seq DESC",
      )
      .get() as { seq: number; hash: string };
    const head = JSON.parse(
      (db.prepare("SELECT value FROM settings WHERE key = 'audit.head'").get() as { value: string }).value,
    ) as { key: string };
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(keep.seq);
    db.prepare("UPDATE settings SET value = ? WHERE key = 'audit.head'").run(
      JSON.stringify({ seq: keep.seq, hash: keep.hash }),
    );
    appendAudit(db, {
      actor: 'vanthu',
      action: 'backup.restore',
      targetType: 'backup',
      targetId: 'x.ttllbak',
      outcome: 'ok',
      details: {
        sealing: 'paused',
        fork: {
          backupHead: { seq: keep.seq, hash: keep.hash },
          common: keep.seq,
          replaced: { seq: keep.seq, hash: keep.hash, key: head.key },
          carried: 0,
          segments: segmentsOf(db),
        },
      },
    });
    db.close();
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const v = await call(core, 'audit.verify', {});
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({
      seq: keep.seq + 1,
      reason: expect.stringMatching(/replaced log: the current sealing key does not follow/),
    });
  });

  it('restoring a database from before sealing (a version 1 vault) seals from the restore on and checks the carried seals', async () => {
    const dir = tempDir();
    cpSync(join(process.cwd(), 'tests', 'fixtures', 'vault-v1'), dir, { recursive: true });
    const old = join(tempDir('ttll-old-'), 'ttll-SKHCN-20250101-0000.ttllbak');
    copyFileSync(join(dir, 'ttll.db'), old);
    copyFileSync(join(dir, 'ttll.keys.json'), `${old}.keys.json`);
    const core = openCore(dir);
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD }); // the upgrade: sealed from here
    await call(core, 'contacts.orgs.save', { name: 'Sau nâng cấp', kind: 'other' });
    const head = (await call(core, 'audit.head', {}))!;
    await call(core, 'backup.restore', { file: old });
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const v = await call(core, 'audit.verify', {
      anchors: [{ seq: head.seq, hash: head.hash, mac: head.mac }],
    });
    expect(v).toMatchObject({ ok: true, sealing: 'verified' });
    expect(v.forks).toMatchObject([{ sealing: 'rekeyed', replacedHead: { seq: head.seq } }]);
    expect(v.sealedFrom).toBe(v.forks[0]!.seq);
    expect(v.anchors).toMatchObject([{ status: 'in-fork' }]);
    // The upgrade entry written after the backup is carried into the restored log.
    const upgrades = (await call(core, 'audit.list', { action: 'vault.upgrade' })).items;
    expect(upgrades.some((e) => e.details.carried)).toBe(true);
    core.close();
  });
});

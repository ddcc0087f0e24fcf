import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/app';
import { parseAnchor } from '../../src/main/core/audit/anchors';
import { openEncrypted } from '../../src/main/core/db/open';
import { openAs, ringOf, rewriteLog } from '../helpers/attacker';
import { runCli } from '../helpers/cli';
import {
  addUser,
  ADMIN_PASSWORD,
  call,
  failure,
  openCore,
  setupCore,
  switchTo,
  tempDir,
  USER_PASSWORD,
} from '../helpers/core';

const SEALED = 'locked-events.sealed';

/** A vault where the clerk 'vanthu' did two things worth hiding, then the administrator signed in again. */
async function withClerkActs() {
  const s = await setupCore();
  await addUser(s.core, 'vanthu', 'none');
  await addUser(s.core, 'lanhdao', 'none', 'leader');
  await switchTo(s.core, 'vanthu');
  await call(s.core, 'contacts.save', { fullName: 'Người Bị Xóa Dấu', phones: ['0912000555'] });
  await call(s.core, 'contacts.orgs.save', { name: 'Đơn vị của vanthu', kind: 'other' });
  await switchTo(s.core, 'admin', ADMIN_PASSWORD);
  await call(s.core, 'contacts.orgs.save', { name: 'Đơn vị sau đó', kind: 'other' });
  await call(s.core, 'vault.lock', {});
  return s;
}

async function verifyAs(core: Core, userName: string, password: string) {
  await call(core, 'vault.unlock', { userName, password });
  return call(core, 'audit.verify', {});
}

describe('sealed audit log', () => {
  it('seals every entry from setup on, appended by any session; an administrator verifies the seals, others the hashes only', async () => {
    const { core, dataDir } = await withClerkActs();
    const admin = await verifyAs(core, 'admin', ADMIN_PASSWORD);
    expect(admin).toMatchObject({ ok: true, sealing: 'verified', sealedFrom: 1 });
    expect(admin.head).toMatchObject({ seq: admin.count, count: admin.count });
    await switchTo(core, 'lanhdao');
    const leader = await call(core, 'audit.verify', {});
    expect(leader).toMatchObject({ ok: true, sealing: 'not-checked' });
    // Every entry has its seal, the clerk's included; the key that made them is gone from the file.
    await call(core, 'vault.lock', {});
    const db = openAs(dataDir, ringOf(dataDir, 'admin', ADMIN_PASSWORD));
    const rows = db.prepare('SELECT actor, mac FROM audit_log').all() as { actor: string; mac: string }[];
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.mac))).toBe(true);
    expect(rows.some((r) => r.actor === 'vanthu')).toBe(true);
    db.close();
  });

  describe('a non-administrator who rewrites the log with their own key is caught by an administrator', () => {
    const cases = [
      ['leaving the seals as they were', { kind: 'keep' }],
      ['re-sealing with the key the database holds', { kind: 'current-key' }],
      ['removing every seal and the sealing record', { kind: 'strip' }],
    ] as const;
    for (const [name, seal] of cases) {
      it(name, async () => {
        const { dataDir } = await withClerkActs();
        const copy = tempDir();
        cpSync(dataDir, copy, { recursive: true });
        const db = openAs(copy, ringOf(copy, 'vanthu', USER_PASSWORD));
        const dropped = rewriteLog(db, (r) => r.actor === 'vanthu' && r.action.startsWith('contacts.'), seal);
        db.close();
        expect(dropped.length).toBe(2);
        const core = openCore(copy);
        const v = await verifyAs(core, 'admin', ADMIN_PASSWORD);
        expect(v.ok).toBe(false);
        expect(v.sealing).toBe('verified');
        if (seal.kind === 'strip') expect(v.firstBroken?.reason).toMatch(/not sealed/);
        else expect(v.firstBroken?.seq).toBeLessThanOrEqual(dropped[0]!);
        // The hash chain alone (a leader) cannot tell: that is what the seals are for.
        await switchTo(core, 'lanhdao');
        expect(await call(core, 'audit.verify', {})).toMatchObject({ ok: true, sealing: 'not-checked' });
      });
    }
  });

  it('an administrator who rewrites the log with K0 is caught against a backup anchor kept apart and a head written down', async () => {
    const { core, dataDir } = await withClerkActs();
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const usb = tempDir('ttll-usb-');
    const b = await call(core, 'backup.create', { dir: usb });
    const anchorFile = `${b.file}.anchor.json`;
    const anchor = parseAnchor(readFileSync(anchorFile, 'utf8'), anchorFile)!;
    const head = (await call(core, 'audit.head', {}))!;
    expect(anchor.seq).toBe(head.seq - 1); // the backup's head; its own entry follows
    await call(core, 'contacts.orgs.save', { name: 'Sau sao lưu', kind: 'other' });
    await call(core, 'vault.lock', {});

    // The administrator holds the audit key: re-hashed and re-sealed from K0, the log passes the seals.
    const ring = ringOf(dataDir, 'admin', ADMIN_PASSWORD);
    const db = openAs(dataDir, ring);
    rewriteLog(db, (r) => r.actor === 'vanthu' && r.action.startsWith('contacts.'), { kind: 'k0', ring });
    db.close();
    const alone = await verifyAs(core, 'admin', ADMIN_PASSWORD);
    expect(alone).toMatchObject({ ok: true, sealing: 'verified' });

    // Not against the anchor beside the backup on the USB stick …
    const v = await call(core, 'audit.verify', { anchors: [{ ...anchor, source: 'usb' }] });
    expect(v.ok).toBe(false);
    expect(v.anchors).toMatchObject([{ source: 'usb', status: 'mismatch' }]);
    expect(v.firstBroken?.reason).toMatch(/anchored head \(usb\)/);
    await call(core, 'vault.lock', {});
    // … nor against the head read out of a report and typed on the command line.
    const cli = runCli(dataDir, ['audit', 'verify', '--anchor', `${head.seq}:${head.hash}`], {
      TTLL_PASSWORD: ADMIN_PASSWORD,
    });
    expect(cli.code, cli.err).toBe(1);
    expect(cli.out).toMatch(/Audit chain BROKEN at entry \d+: anchored head \(command line\)/);
    const file = runCli(dataDir, ['audit', 'verify', '--anchor', anchorFile], {
      TTLL_PASSWORD: ADMIN_PASSWORD,
    });
    expect(file.code, file.err).toBe(1);
    expect(file.out).toMatch(/Anchor .*anchor\.json: mismatch/);
  });

  it('an administrator who re-seals the same entries under a new key is caught by the seal kept in the anchor', async () => {
    const { core, dataDir } = await setupCore();
    await call(core, 'contacts.orgs.save', { name: 'Một', kind: 'other' });
    const anchor = (await call(core, 'audit.head', {}))!;
    await call(core, 'vault.lock', {});
    const ring = ringOf(dataDir, 'admin', ADMIN_PASSWORD);
    const db = openAs(dataDir, ring);
    // A new K0 for the same start, wrapped under the audit key: every seal changes, no hash does.
    const { startSegment } = await import('../../src/main/core/audit/sealing');
    db.prepare("DELETE FROM settings WHERE key = 'audit.sealing'").run();
    db.prepare("UPDATE settings SET value = json_object('seq', 0, 'hash', ?) WHERE key = 'audit.head'").run(
      '0'.repeat(64),
    );
    startSegment(db, ring.current('audit')!);
    rewriteLog(db, () => false, { kind: 'k0', ring });
    db.close();
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect((await call(core, 'audit.verify', {})).ok).toBe(true);
    const v = await call(core, 'audit.verify', {
      anchors: [{ seq: anchor.seq, hash: anchor.hash, mac: anchor.mac }],
    });
    expect(v.anchors[0]).toMatchObject({ status: 'mismatch' });
    expect(v.anchors[0]?.detail).toMatch(/re-sealed/);
  });

  it('catches entries cut off the end even with the head re-set by the cutter', async () => {
    const { core, dataDir } = await withClerkActs();
    const db = openAs(dataDir, ringOf(dataDir, 'vanthu', USER_PASSWORD));
    const last = (db.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n;
    const row = db.prepare('SELECT seq, hash FROM audit_log WHERE seq = ?').get(last - 3) as {
      seq: number;
      hash: string;
    };
    const head = JSON.parse(
      (db.prepare("SELECT value FROM settings WHERE key = 'audit.head'").get() as { value: string }).value,
    ) as { key: string };
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(row.seq);
    // The only key the cutter has is the current one: it does not belong after the new last entry.
    db.prepare("UPDATE settings SET value = ? WHERE key = 'audit.head'").run(
      JSON.stringify({ seq: row.seq, hash: row.hash, key: head.key }),
    );
    db.close();
    // The entries written next (this sign-in) are sealed with that key, out of place: the first fails.
    const v = await verifyAs(core, 'admin', ADMIN_PASSWORD);
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toMatchObject({
      seq: row.seq + 1,
      reason: expect.stringMatching(/seal does not match/),
    });
  });

  it('a backup does not carry the current sealing key, and its anchor names its head', async () => {
    const { core } = await setupCore();
    await call(core, 'contacts.orgs.save', { name: 'Một', kind: 'other' });
    const b = await call(core, 'backup.create', { dir: tempDir('ttll-bak-') });
    const key = core.vault.dataKey().toString('hex');
    const copy = openEncrypted(b.file, key, core.vault.cipher(), { create: false });
    const head = JSON.parse(
      (copy.prepare("SELECT value FROM settings WHERE key = 'audit.head'").get() as { value: string }).value,
    ) as { seq: number; hash: string; key?: string };
    const last = copy.prepare('SELECT seq, hash, mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      seq: number;
      hash: string;
      mac: string;
    };
    copy.close();
    expect(head.key).toBeUndefined();
    const anchor = JSON.parse(readFileSync(`${b.file}.anchor.json`, 'utf8')) as Record<string, unknown>;
    expect(anchor).toMatchObject({
      format: 'ttll-audit-anchor/1',
      office: 'SKHCN',
      ...last,
      count: last.seq,
    });
    // The live log goes on sealing, and verify checks the anchors beside the backups it can see.
    const v = await call(core, 'audit.verify', {});
    expect(v).toMatchObject({ ok: true, sealing: 'verified' });
  });

  it('an upgraded version 1 vault is sealed from its upgrade entry on', async () => {
    const dir = tempDir();
    cpSync(join(process.cwd(), 'tests', 'fixtures', 'vault-v1'), dir, { recursive: true });
    const core = openCore(dir);
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const upgrade = (await call(core, 'audit.list', { action: 'vault.upgrade' })).items[0]!;
    const v = await call(core, 'audit.verify', {});
    expect(v).toMatchObject({ ok: true, sealing: 'verified', sealedFrom: upgrade.seq });
    expect(upgrade.seq).toBeGreaterThan(1);
    core.close();
  });
});

describe('the file of events sealed while locked', () => {
  const missing = async (core: Core) =>
    (await call(core, 'audit.list', { action: 'vault.sealed-missing' })).items.map((e) => ({
      outcome: e.outcome,
      reason: e.details.reason,
    }));

  it('reports it deleted, replaced or cut short at the next unlock; ordinary locks and unlocks report nothing', async () => {
    const { core, dataDir } = await setupCore();
    const path = join(dataDir, SEALED);
    // Deleted after failed logins.
    await call(core, 'vault.lock', {});
    await failure(core, 'vault.unlock', { userName: 'admin', password: 'guess-1' });
    writeFileSync(path, ''); // not even its name line left
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect(await missing(core)).toEqual([{ outcome: 'failed', reason: 'replaced' }]);

    // Deleted, then another failed login makes a new file: replaced.
    await call(core, 'vault.lock', {});
    await failure(core, 'vault.unlock', { userName: 'admin', password: 'guess-2' });
    const { rmSync } = await import('node:fs');
    rmSync(path);
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    await call(core, 'vault.lock', {});
    rmSync(path);
    await failure(core, 'vault.unlock', { userName: 'admin', password: 'guess-3' });
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });

    // Its last line removed while this process knew it had written it.
    await call(core, 'vault.lock', {});
    await failure(core, 'vault.unlock', { userName: 'admin', password: 'guess-4' });
    await failure(core, 'vault.unlock', { userName: 'admin', password: 'guess-5' });
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    writeFileSync(path, `${lines.slice(0, -1).join('\n')}\n`);
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect(await missing(core)).toEqual([
      { outcome: 'failed', reason: 'shortened' },
      { outcome: 'failed', reason: 'replaced' },
      { outcome: 'failed', reason: 'missing' },
      { outcome: 'failed', reason: 'replaced' },
    ]);

    // Nothing to report: locks and unlocks across processes, failed logins moved in.
    await call(core, 'vault.lock', {});
    await failure(core, 'vault.unlock', { userName: 'admin', password: 'guess-6' });
    core.close();
    const other = openCore(dataDir);
    await call(other, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    await call(other, 'vault.lock', {});
    await call(other, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect(await missing(other)).toHaveLength(4);
    const failed = (await call(other, 'audit.list', { action: 'vault.login' })).items.filter(
      (e) => e.outcome === 'failed',
    );
    expect(failed.length).toBe(3); // guess-3, guess-4 and guess-6: the others went with their file or line
    other.close();
  });
});

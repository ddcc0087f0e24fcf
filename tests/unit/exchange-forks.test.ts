import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/main/core/exchange/package/package';
import { peerState } from '../../src/main/core/exchange/packages/state';
import { ADMIN_PASSWORD, call, failure, signInAs, switchTo } from '../helpers/core';
import { runCli } from '../helpers/cli';
import { craftPackage, dbOf, exportTo, pair, type Office } from '../helpers/exchange';

const importOne = async (to: Office, path: string) =>
  (await call(to.core, 'exchange.packagesImport', { path })).packages[0]!;

const forks = async (o: Office) => (await call(o.core, 'exchange.peers', {})).quarantine;

/** The province as after restoring a backup made when package `sequence` to `to` was its last. */
function restoreBackupAt(province: Office, to: string, sequence: number): void {
  const db = dbOf(province);
  const hash = (
    db
      .prepare("SELECT hash FROM exchange_chain WHERE office = ? AND direction = 'out' AND sequence = ?")
      .get(to, sequence) as { hash: string }
  ).hash;
  db.transaction(() => {
    db.prepare("DELETE FROM exchange_chain WHERE office = ? AND direction = 'out' AND sequence > ?").run(
      to,
      sequence,
    );
    db.prepare('DELETE FROM exchange_sent_files WHERE office = ? AND sequence > ?').run(to, sequence);
    db.prepare('UPDATE exchange_peers SET sent_seq = ?, sent_hash = ? WHERE office = ?').run(
      sequence,
      hash,
      to,
    );
  })();
}

describe('forks in quarantine', () => {
  it('keep: the package applied stays, the other is dismissed with a reason, once, audited', async () => {
    const { province, commune } = await pair();
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức 1', kind: 'telecom' });
    const p1 = (await exportTo(province, ['UBXA'])).files[0]!;
    expect((await importOne(commune, p1.path)).result).toBe('applied');
    const fork = await craftPackage(province, commune, { sequence: 1, prevHash: null });
    expect((await importOne(commune, fork)).result).toBe('quarantined');
    const [held] = await forks(commune);
    expect(held).toMatchObject({ sequence: 1, appliedHash: p1.hash, resolution: null });

    // Too short a reason is refused; nothing resolved.
    const short = await failure(commune.core, 'exchange.quarantineResolve', {
      id: held!.id,
      action: 'keep',
      reason: 'x',
    });
    expect(short.code).toBe('VALIDATION');
    const kept = await call(commune.core, 'exchange.quarantineResolve', {
      id: held!.id,
      action: 'keep',
      reason: 'Tỉnh xác nhận gói thứ hai là bản làm nhầm',
    });
    expect(kept).toMatchObject({
      resolution: 'kept',
      resolvedBy: 'admin',
      hash: sha256Hex(readFileSync(fork)),
    });
    expect(peerState(dbOf(commune), 'SKHCN')).toMatchObject({ appliedSeq: 1, appliedHash: p1.hash });
    const again = await failure(commune.core, 'exchange.quarantineResolve', {
      id: held!.id,
      action: 'restart',
      reason: 'Lần thứ hai',
    });
    expect(again.code).toBe('CONFLICT');
    expect(
      (
        await failure(commune.core, 'exchange.quarantineResolve', {
          id: 999,
          action: 'keep',
          reason: 'Không có',
        })
      ).code,
    ).toBe('NOT_FOUND');
    const audit = await call(commune.core, 'audit.list', { action: 'exchange.fork.resolve' });
    expect(audit.items.map((e) => [e.targetId, e.outcome])).toEqual([[held!.hash, 'ok']]);

    // A package that follows nothing applied has no restart to accept.
    const stray = await craftPackage(province, commune, {
      sequence: 2,
      prevHash: sha256Hex(Buffer.from('x')),
    });
    expect((await importOne(commune, stray)).result).toBe('quarantined');
    const strayFork = (await forks(commune)).find((q) => q.resolution === null)!;
    expect(strayFork.appliedHash).toBeNull();
    const noRestart = await failure(commune.core, 'exchange.quarantineResolve', {
      id: strayFork.id,
      action: 'restart',
      reason: 'Tỉnh khôi phục bản sao lưu',
    });
    expect(noRestart.code).toBe('VALIDATION');

    // Only an administrator decides.
    await signInAs(commune.core, 'dieuphoi', 'none', 'coordinator');
    const refused = await failure(commune.core, 'exchange.quarantineResolve', {
      id: strayFork.id,
      action: 'keep',
      reason: 'Điều phối viên thử',
    });
    expect(refused.code).toBe('FORBIDDEN');
    await switchTo(commune.core, 'admin', ADMIN_PASSWORD);
    expect((await forks(commune)).find((q) => q.id === strayFork.id)!.resolution).toBeNull();
  });

  it('restart: the sender restored a backup; its chain here is rewound and its new packages apply', async () => {
    const { province, commune } = await pair();
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức 1', kind: 'telecom' });
    const p1 = (await exportTo(province, ['UBXA'])).files[0]!;
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức 2', kind: 'telecom' });
    const p2 = (await exportTo(province, ['UBXA'])).files[0]!;
    for (const p of [p1, p2]) expect((await importOne(commune, p.path)).result).toBe('applied');

    restoreBackupAt(province, 'UBXA', 1);
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức sau khôi phục', kind: 'telecom' });
    const again2 = (await exportTo(province, ['UBXA'])).files[0]!;
    expect(again2.sequence).toBe(2);
    expect((await importOne(commune, again2.path)).result).toBe('quarantined');
    const [held] = await forks(commune);
    expect(held).toMatchObject({ sequence: 2, appliedHash: p2.hash, hash: again2.hash });

    // From the command line, as an administrator would.
    const env = { TTLL_PASSWORD: ADMIN_PASSWORD };
    const listed = runCli(commune.dataDir, ['packages', 'quarantine', 'list', '--json'], env);
    expect(listed.code, listed.err).toBe(0);
    expect(JSON.parse(listed.out)).toMatchObject([{ id: held!.id, resolution: null }]);
    const bad = runCli(
      commune.dataDir,
      ['packages', 'quarantine', 'resolve', String(held!.id), '--reason', 'Thiếu lựa chọn'],
      env,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--keep or --restart');
    const cli = runCli(
      commune.dataDir,
      [
        'packages',
        'quarantine',
        'resolve',
        String(held!.id),
        '--restart',
        '--reason',
        'Tỉnh khôi phục bản sao lưu ngày 10',
        '--json',
      ],
      env,
    );
    expect(cli.code, cli.err).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ id: held!.id, resolution: 'restarted' });

    expect(peerState(dbOf(commune), 'SKHCN')).toMatchObject({ appliedSeq: 1, appliedHash: p1.hash });
    expect(await importOne(commune, again2.path)).toMatchObject({ result: 'applied', reason: null });
    const orgs = await call(commune.core, 'contacts.orgs.list', { query: 'sau khoi phuc' });
    expect(orgs.map((o) => o.name)).toEqual(['Tổ chức sau khôi phục']);
    // The old package 2 is now the fork; the chain goes on from the new one.
    expect((await importOne(commune, p2.path)).result).toBe('quarantined');
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức 3', kind: 'telecom' });
    const p3 = (await exportTo(province, ['UBXA'])).files[0]!;
    expect((await importOne(commune, p3.path)).result).toBe('applied');
  });
});

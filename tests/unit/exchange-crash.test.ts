import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/app';
import { ADMIN_PASSWORD, call, tempDir } from '../helpers/core';
import { runCli } from '../helpers/cli';
import { digest, exportTo, pair } from '../helpers/exchange';

// An import killed (SIGKILL, no cleanup) at random points leaves the commune's database as before
// or as after the package, never between, with its audit chain intact. The kills land at the
// crash point after each record applied (`exchange.apply:<n>`, inside the package's transaction,
// which says so on stderr); a point past the last record lets the import finish.

const RECORDS = 40;
const RUNS = 20;

/** Opens a copy of a data folder, reads its digest and verifies its audit chain. */
async function inspect(dataDir: string): Promise<{ digest: string; auditOk: boolean }> {
  const core = Core.open({ dataDir, kdfTargetMs: 50 });
  await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
  const d = digest({ core, dataDir, code: 'UBXA' });
  const verified = await call(core, 'audit.verify', {});
  await call(core, 'vault.lock', {});
  return { digest: d, auditOk: verified.ok };
}

describe('an import killed mid-apply', () => {
  it(`leaves the database before or after, never between, in ${RUNS} kills at random points`, async () => {
    const { province, commune } = await pair();
    for (let i = 0; i < RECORDS; i++)
      await call(province.core, 'contacts.orgs.save', { name: `Tổ chức ${i}`, kind: 'telecom' });
    const file = (await exportTo(province, ['UBXA'])).files[0]!.path;
    await call(commune.core, 'vault.lock', {});
    const before = await inspect(commune.dataDir);

    // The state after, from an import that ran to its end on a copy.
    const done = tempDir('ttll-xcrash-');
    cpSync(commune.dataDir, done, { recursive: true });
    const full = runCli(done, ['packages', 'import', file, '--json'], { TTLL_PASSWORD: ADMIN_PASSWORD });
    expect(full.code, full.err).toBe(0);
    expect(JSON.parse(full.out)).toMatchObject([{ result: 'applied' }]);
    const after = await inspect(done);
    expect(after.digest).not.toBe(before.digest);

    let inside = 0;
    const seen = { before: 0, after: 0 };
    for (let run = 0; run < RUNS; run++) {
      // 1…RECORDS land inside the transaction; a few beyond let the import finish.
      const point = 1 + Math.floor(Math.random() * (RECORDS + 8));
      const dir = tempDir('ttll-xcrash-');
      cpSync(commune.dataDir, dir, { recursive: true });
      const r = runCli(dir, ['packages', 'import', file, '--json'], {
        TTLL_PASSWORD: ADMIN_PASSWORD,
        TTLL_TEST_CRASH_AT: `exchange.apply:${point}`,
      });
      if (point <= RECORDS) {
        expect(r.code, `point ${point}: ${r.err}`).toBe(137);
        expect(r.err).toContain(`crash point exchange.apply:${point}: inside a write transaction`);
        inside++;
      } else expect(r.code, r.err).toBe(0);
      const state = await inspect(dir);
      expect(state.auditOk, `run ${run}, point ${point}`).toBe(true);
      expect([before.digest, after.digest], `run ${run}, point ${point}`).toContain(state.digest);
      seen[state.digest === before.digest ? 'before' : 'after']++;
      // Killed inside the transaction: nothing of it is there.
      if (point <= RECORDS) expect(state.digest).toBe(before.digest);
    }
    expect(inside).toBeGreaterThanOrEqual(RUNS / 2);
    expect(seen.before).toBe(inside);
  }, 300_000);
});

describe('an export killed between its file and the record of it', () => {
  it('counts the file as sent when it is there whole, and reuses the sequence when it is not: never two packages with one sequence', async () => {
    const { province, commune } = await pair();
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức 1', kind: 'telecom' });
    await call(province.core, 'vault.lock', {});
    const env = { TTLL_PASSWORD: ADMIN_PASSWORD };
    const exportTo = (out: string, crash?: string) =>
      runCli(province.dataDir, ['packages', 'export', '--to', 'UBXA', '--out', out, '--json'], {
        ...env,
        ...(crash ? { TTLL_TEST_CRASH_AT: crash } : {}),
      });

    // Killed after the file: the next export records it as sent first, then makes package 2.
    const usb = tempDir('ttll-xusb-');
    const killed = exportTo(usb, 'exchange.written:UBXA');
    expect(killed.code, killed.err).toBe(137);
    expect(killed.err).toContain('crash point exchange.written:UBXA: outside any transaction');
    const next = exportTo(usb);
    expect(next.code, next.err).toBe(0);
    expect(JSON.parse(next.out)).toMatchObject([{ sequence: 2 }]);
    const got = await call(commune.core, 'exchange.packagesImport', { path: usb });
    expect(got.packages.map((p) => [p.sequence, p.result])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
    ]);

    // Killed after the file, which is then lost: its sequence is made again, with the same records.
    const lost = tempDir('ttll-xusb-');
    await call(province.core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức 2', kind: 'telecom' });
    await call(province.core, 'vault.lock', {});
    expect(exportTo(lost, 'exchange.written:UBXA').code).toBe(137);
    rmSync(join(lost, 'SKHCN-UBXA-000003.ttllpkg'));
    const again = exportTo(lost);
    expect(JSON.parse(again.out)).toMatchObject([{ sequence: 3, records: 1 }]);
    const third = await call(commune.core, 'exchange.packagesImport', { path: lost });
    expect(third.packages.map((p) => [p.sequence, p.result, p.counts])).toEqual([
      [3, 'applied', { organizations: { new: 1, updated: 0, deleted: 0, unchanged: 0 } }],
    ]);
  }, 120_000);
});

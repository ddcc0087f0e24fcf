/**
 * A province's plan at the size of a province: "UBND các xã, phường" coordinates a task, which is
 * every commune of the directory (about 130). The task lists, and travels to a commune whole (a
 * cap of 100 organisations once made the province's task list fail with an internal error).
 */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/core';
import { exportTo, pair } from '../helpers/exchange';

describe('a plan at the size of a province', () => {
  it('a task coordinated by 130 communes lists, and applies at a commune', async () => {
    const { province, commune } = await pair();
    for (let i = 1; i <= 130; i++)
      await call(province.core, 'contacts.orgs.save', {
        name: `UBND xã Thử ${i}`,
        kind: 'commune-committee',
      });
    const ev = await call(province.core, 'plans.events.save', { name: 'Bầu cử 2026', keyDay: '2026-03-15' });
    await call(province.core, 'plans.fromTemplate', {
      eventId: ev.id,
      templateKey: 'province-ttll-election',
      force: true,
    });
    const tasks = (await call(province.core, 'plans.tasks.list', { eventId: ev.id })).items;
    const widest = Math.max(...tasks.map((t) => t.coordinatingOrgIds.length));
    expect(widest).toBeGreaterThanOrEqual(130);

    const down = await exportTo(province, ['UBXA']);
    const r = await call(commune.core, 'exchange.packagesImport', { path: down.files[0]!.path });
    expect(r.packages[0]!.result, r.packages[0]!.message).toBe('applied');
    const there = (await call(commune.core, 'plans.tasks.list', { eventId: ev.id })).items;
    expect(Math.max(...there.map((t) => t.coordinatingOrgIds.length))).toBe(widest);
  });
});

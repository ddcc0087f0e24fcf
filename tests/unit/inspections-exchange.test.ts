import { describe, expect, it } from 'vitest';
import { call } from '../helpers/core';
import { exportTo, pair } from '../helpers/exchange';

/**
 * Issue 13 with issue 12: a commune's self-inspection report travels up in a real signed package
 * (not applied by hand) and is shown beside the province's own inspection of that unit, item by item.
 */
describe('a self-inspection received by package', () => {
  it('goes up from the commune and is compared item by item with the province’s inspection', async () => {
    const { province, commune } = await pair();
    const org = await call(province.core, 'contacts.orgs.save', {
      name: 'UBND xã Thử Nghiệm',
      kind: 'commune-committee',
    });
    const ev = await call(province.core, 'plans.events.save', { name: 'Bầu cử 2026', keyDay: '2026-03-15' });
    // Down: the organisation and the event the report refers to.
    const down = await exportTo(province, ['UBXA']);
    const got = await call(commune.core, 'exchange.packagesImport', { path: down.outDir });
    expect(got.packages.map((p) => p.result)).toEqual(['applied']);

    const self = await call(commune.core, 'inspections.self.save', {
      eventId: ev.id,
      orgId: org.id,
      checklist: 'commune',
      reportedOn: '2026-01-30',
      answers: [
        { key: 'com-secret-docs', result: 'dat', notes: 'Đã có sổ' },
        { key: 'com-systems', result: 'khong-dat', notes: 'Chưa kiểm tra máy' },
      ],
    });
    expect(self.originOffice).toBe('UBXA');

    // Up: the report, in the commune's package to the province.
    const up = await exportTo(commune, ['SKHCN']);
    const applied = await call(province.core, 'exchange.packagesImport', { path: up.outDir });
    expect(applied.packages.map((p) => [p.result, p.reason])).toEqual([['applied', null]]);
    expect(applied.packages[0]!.counts.self_inspections).toMatchObject({ new: 1 });

    const insp = await call(province.core, 'inspections.plan', {
      eventId: ev.id,
      orgId: org.id,
      checklist: 'commune',
      date: '2026-02-20',
    });
    await call(province.core, 'inspections.record', {
      inspectionId: insp.id,
      itemNo: 1,
      result: 'khong-dat',
    });
    const d = await call(province.core, 'inspections.get', { id: insp.id });
    expect(d.selfReport).toMatchObject({ id: self.id, originOffice: 'UBXA', reportedOn: '2026-01-30' });
    const said = new Map(d.selfReport!.answers.map((a) => [a.key, a.result]));
    const first = d.items[0]!;
    expect([first.key, said.get(first.key), first.result]).toEqual(['com-secret-docs', 'dat', 'khong-dat']);
    expect(said.get('com-systems')).toBe('khong-dat');

    // What came from the commune never goes back to it in the province's next package.
    const again = await exportTo(province, ['UBXA']);
    const back = await call(commune.core, 'exchange.packagesImport', { path: again.outDir });
    expect(back.packages.map((p) => p.counts.self_inspections)).toEqual([undefined]);
  });
});

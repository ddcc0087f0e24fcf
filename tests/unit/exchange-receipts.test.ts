import { describe, expect, it } from 'vitest';
import type { OutputOf } from '../../src/shared/contract';
import { call, tempDir } from '../helpers/core';
import { exportTo, pair, type Office } from '../helpers/exchange';

/** Imports `path` into `to`, writing receipts to a fresh folder; returns the receipts written. */
async function importWithReceipts(to: Office, path: string) {
  const r = await call(to.core, 'exchange.packagesImport', { path, receiptsDir: tempDir('ttll-xrcpt-') });
  expect(r.packages.map((p) => p.result)).toEqual(['applied']);
  return r.receipts;
}

const peerOf = async (o: Office, office: string): Promise<OutputOf<'exchange.peers'>['peers'][number]> =>
  (await call(o.core, 'exchange.peers', {})).peers.find((p) => p.office === office)!;

describe('receipts and who is behind', () => {
  it('a full round trip (data down, receipt back, progress up, receipt back) leaves nobody behind', async () => {
    const { province, commune } = await pair();
    await call(province.core, 'contacts.orgs.save', { name: 'Tổ chức Thử', kind: 'telecom' });

    // Down: data #1. The province waits for it until the commune's receipt comes back.
    const down = (await exportTo(province, ['UBXA'])).files[0]!;
    expect(await peerOf(province, 'UBXA')).toMatchObject({ sentSeq: 1, ackedSeq: 0, behind: 1 });
    const [receiptUp] = await importWithReceipts(commune, down.path);
    expect(receiptUp).toMatchObject({ office: 'SKHCN', sequence: 1, receipt: true, records: 0 });

    // A receipt is never answered with another receipt.
    const none = await call(province.core, 'exchange.packagesImport', {
      path: receiptUp!.path,
      receiptsDir: tempDir('ttll-xrcpt-'),
    });
    expect(none.packages.map((p) => [p.result, p.receipt])).toEqual([['applied', true]]);
    expect(none.receipts).toEqual([]);
    expect(await peerOf(province, 'UBXA')).toMatchObject({ sentSeq: 1, ackedSeq: 1, behind: 0 });
    // The commune's receipt is in its chain but carries no data: the commune waits for nothing.
    expect(await peerOf(commune, 'SKHCN')).toMatchObject({ sentSeq: 1, appliedSeq: 1, behind: 0 });

    // Up: the commune's own change (data #2), answered by the province's receipt (its #2).
    await call(commune.core, 'contacts.orgs.save', { name: 'Tổ chức của xã', kind: 'telecom' });
    const up = (await exportTo(commune, ['SKHCN'])).files[0]!;
    expect(up).toMatchObject({ sequence: 2, receipt: false });
    expect(await peerOf(commune, 'SKHCN')).toMatchObject({ behind: 1 });
    const [receiptDown] = await importWithReceipts(province, up.path);
    expect(receiptDown).toMatchObject({ office: 'UBXA', sequence: 2, receipt: true });
    const back = await call(commune.core, 'exchange.packagesImport', {
      path: receiptDown!.path,
      receiptsDir: tempDir('ttll-xrcpt-'),
    });
    expect(back.receipts).toEqual([]);

    // Both sides: every package with data acknowledged, nobody behind, though each chain holds a receipt not yet acknowledged.
    expect(await peerOf(province, 'UBXA')).toMatchObject({
      sentSeq: 2,
      appliedSeq: 2,
      ackedSeq: 1,
      behind: 0,
    });
    expect(await peerOf(commune, 'SKHCN')).toMatchObject({
      sentSeq: 2,
      appliedSeq: 2,
      ackedSeq: 2,
      behind: 0,
    });
  });
});

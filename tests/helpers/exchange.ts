/** Two offices that exchange packages, in temporary folders (tests of the exchange). */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OfficeLevel } from '../../src/shared/contract';
import { Core } from '../../src/main/core/app';
import type { CoreModule } from '../../src/main/core/module';
import { MODULES } from '../../src/main/core/modules';
import { ownKeys } from '../../src/main/core/exchange/offices/ownKeys';
import { publicKeysOf } from '../../src/main/core/exchange/package/keys';
import { buildPackage, type BuildInput } from '../../src/main/core/exchange/package/package';
import { ownAuditHead } from '../../src/main/core/exchange/packages/send';
import { peerState } from '../../src/main/core/exchange/packages/state';
import { ADMIN_PASSWORD, call, tempDir } from './core';

export type Office = { core: Core; dataDir: string; code: string };

export async function setupOffice(code: string, level: OfficeLevel, modules = MODULES): Promise<Office> {
  const dataDir = tempDir('ttll-xpkg-');
  const core = Core.open({ dataDir, kdfTargetMs: 50, modules });
  await call(core, 'vault.setup', {
    office: { name: `Đơn vị ${code}`, code, level, province: 'Nghệ An', parentOffice: 'UBND tỉnh' },
    admin: { userName: 'admin', fullName: 'Quản Trị', password: ADMIN_PASSWORD, clearance: 'none' },
  });
  return { core, dataDir, code };
}

export const dbOf = (o: Office) => o.core.vault.current().db;

export async function keyFileOf(core: Core): Promise<string> {
  const f = await call(core, 'exchange.exportKeyFile', {});
  return Buffer.from(f.dataBase64, 'base64').toString('utf8');
}

/**
 * A province (SKHCN) and a commune (UBXA) that know each other: the province registers the
 * commune (group `xa`, sending what `maySend` says) and publishes the directory, the commune
 * accepts it with the province's fingerprint.
 */
export async function pair(opts: { maySend?: string[]; modules?: readonly CoreModule[] } = {}) {
  const province = await setupOffice('SKHCN', 'province', opts.modules);
  const commune = await setupOffice('UBXA', 'commune', opts.modules);
  await call(province.core, 'exchange.addOffice', {
    keyFile: await keyFileOf(commune.core),
    fingerprint: (await call(commune.core, 'exchange.ownKeys', {})).fingerprint,
    groups: ['xa'],
    maySend: opts.maySend ?? ['*'],
  });
  const published = await call(province.core, 'exchange.publishDirectory', {});
  await call(commune.core, 'exchange.acceptDirectory', {
    dataBase64: published.file.dataBase64,
    fingerprint: (await call(province.core, 'exchange.ownKeys', {})).fingerprint,
  });
  return { province, commune };
}

/**
 * A digest of every shared table, the change feed and the chain state (not its times): what a
 * refused package must not change, and what a killed import leaves as before or as after.
 */
export function digest(o: Office): string {
  const db = dbOf(o);
  const h = createHash('sha256');
  const queries = [...o.core.registry.tables]
    .filter(([, t]) => t.policy.kind === 'shared')
    .map(([name]) => `SELECT * FROM "${name}" ORDER BY rowid`)
    .concat([
      'SELECT * FROM change_feed ORDER BY seq',
      `SELECT office, sent_seq, sent_hash, watermark, applied_seq, applied_hash, acked_seq
         FROM exchange_peers ORDER BY office`,
      'SELECT * FROM exchange_chain ORDER BY office, direction, sequence',
      'SELECT * FROM exchange_audit_heads ORDER BY office, count',
    ]);
  for (const q of queries) h.update(q).update(JSON.stringify(db.prepare(q).all()));
  return h.digest('hex');
}

export async function exportTo(from: Office, codes: string[]) {
  const outDir = tempDir('ttll-xout-');
  const r = await call(from.core, 'exchange.packagesExport', { to: { codes }, outDir });
  return { outDir, files: r.files };
}

/**
 * A package made by hand with `from`'s key for `to`, next in its chain unless told otherwise (a
 * fork, a package for another key…); returns its file.
 */
export async function craftPackage(
  from: Office,
  to: Office,
  over: Partial<BuildInput> = {},
): Promise<string> {
  const peer = peerState(dbOf(from), to.code);
  const built = await buildPackage({
    sender: ownKeys(dbOf(from)),
    recipients: [publicKeysOf(ownKeys(dbOf(to)))],
    sequence: peer.sentSeq + 1,
    prevHash: peer.sentHash,
    createdAt: new Date().toISOString(),
    auditHead: ownAuditHead(dbOf(from)),
    ack: null,
    records: [],
    ...over,
  });
  const file = join(tempDir('ttll-xcraft-'), 'crafted.ttllpkg');
  writeFileSync(file, built.bytes);
  return file;
}

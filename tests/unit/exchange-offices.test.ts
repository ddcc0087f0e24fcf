import { identityToRecipient } from 'age-encryption';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/app';
import { buildPackage } from '../../src/main/core/exchange/package/package';
import { fingerprint, signingKeyId } from '../../src/main/core/exchange/package/keys';
import {
  allowsType,
  officeForOrganization,
  resolveRecipients,
  senderKey,
} from '../../src/main/core/exchange/offices/directory';
import { ownKeyRing, ownKeys } from '../../src/main/core/exchange/offices/ownKeys';
import { directoryRecords } from '../../src/main/core/exchange/offices/service';
import { docxParts } from '../helpers/docxRender';
import {
  TEST_OFFICE,
  ADMIN_PASSWORD,
  call,
  failure,
  filesContaining,
  openCore,
  setupCore,
  signInAs,
  tempDir,
} from '../helpers/core';

/** An office in its own data folder (the province SKHCN is setupCore's default). */
const setupOffice = (code: string, level: 'commune' | 'agency' | 'province', name = `Đơn vị ${code}`) =>
  setupCore(tempDir(), { ...TEST_OFFICE, name, code, level });

async function keyFileOf(core: Core): Promise<string> {
  const f = await call(core, 'exchange.exportKeyFile', {});
  return Buffer.from(f.dataBase64, 'base64').toString('utf8');
}

/** Every shared and local row of the exchange tables, to compare before and after a refusal. */
function exchangeState(core: Core): string {
  const { db } = core.vault.current();
  return JSON.stringify([
    db.prepare('SELECT * FROM exchange_offices ORDER BY id').all(),
    db.prepare("SELECT * FROM settings WHERE key LIKE 'exchange.%' ORDER BY key").all(),
  ]);
}

async function auditOf(core: Core, action: string) {
  const r = await call(core, 'audit.list', { action, limit: 50 } as never);
  return (r as { items: { action: string; outcome: string }[] }).items.filter((e) => e.action === action);
}

describe('office keys', () => {
  it('are made at setup: an age recipient that age itself derives, and the fingerprint of 8 groups of 5 digits', async () => {
    const { core } = await setupCore();
    const keys = ownKeys(core.vault.current().db);
    expect(await identityToRecipient(keys.ageIdentity)).toBe(keys.recipient);
    expect(ownKeyRing(core.vault.current().db).map((k) => k.ageIdentity)).toEqual([keys.ageIdentity]);
    const shown = await call(core, 'exchange.ownKeys', {});
    expect(shown.fingerprint).toMatch(/^\d{5}( \d{5}){7}$/);
    expect(shown.fingerprint).toBe(fingerprint(keys));
    expect(shown.signingKey).toBe(keys.signingKey);
    expect(await auditOf(core, 'exchange.keys.create')).toHaveLength(1);
  });

  it('are made at the first unlock of a vault made without them, once, audited', async () => {
    const { core, dataDir } = await setupCore();
    const { db } = core.vault.current();
    // A vault from before the exchange module: none of its tables, steps or settings.
    db.exec(`DROP TABLE exchange_own_keys; DROP TABLE exchange_offices;
      DROP TABLE exchange_log; DROP TABLE exchange_peers; DROP TABLE exchange_chain;
      DROP TABLE exchange_audit_heads; DROP TABLE exchange_quarantine; DROP TABLE exchange_sent_chunks;
      DROP TABLE exchange_sent_files;
      DROP TABLE exchange_incoming_files;
      DELETE FROM schema_migrations WHERE id LIKE 'exchange/%';
      DELETE FROM settings WHERE key LIKE 'exchange.%';`);
    await call(core, 'vault.lock', {});
    const again = openCore(dataDir);
    await call(again, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const k = await call(again, 'exchange.ownKeys', {});
    expect(k.fingerprint).toMatch(/^\d{5}( \d{5}){7}$/);
    await call(again, 'vault.lock', {});
    await call(again, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    expect((await call(again, 'exchange.ownKeys', {})).fingerprint).toBe(k.fingerprint);
    expect(await auditOf(again, 'exchange.keys.create')).toHaveLength(2); // setup's, then the upgrade's
    expect((await call(again, 'audit.verify', {})).ok).toBe(true);
    // A province pins its own key again and is in its own directory.
    const dir = await call(again, 'exchange.directoryList', {});
    expect(dir.province?.fingerprint).toBe(k.fingerprint);
    expect(dir.offices.map((o) => o.code)).toEqual(['SKHCN']);
  });

  it('private keys are in no file of the data folder in plain form', async () => {
    const { core, dataDir } = await setupCore();
    const keys = ownKeys(core.vault.current().db);
    const secrets = [
      keys.ageIdentity,
      Buffer.from(keys.signingSecret).toString('hex'),
      Buffer.from(keys.signingSecret).toString('base64'),
    ];
    await call(core, 'exchange.exportKeyFile', {});
    await call(core, 'vault.lock', {});
    for (const s of secrets) expect(filesContaining(dataDir, s), s.slice(0, 12)).toEqual([]);
  });
});

describe('directory of offices', () => {
  it('adds an office by key file and the fingerprint from its form; a mismatch is refused and adds nothing', async () => {
    const { core } = await setupCore();
    const commune = await setupOffice('XATK', 'commune', 'UBND xã Tân Kỳ');
    const file = await keyFileOf(commune.core);
    const fp = (await call(commune.core, 'exchange.ownKeys', {})).fingerprint;
    const before = exchangeState(core);
    const wrong = fp.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
    const e = await failure(core, 'exchange.addOffice', { keyFile: file, fingerprint: wrong });
    expect(e.code).toBe('VALIDATION');
    expect(e.issues?.[0]?.code).toBe('fingerprint-mismatch');
    expect(exchangeState(core)).toBe(before);
    const failed = await auditOf(core, 'exchange.office.add');
    expect(failed.map((a) => a.outcome)).toEqual(['failed']);

    // Typed with dashes and without spaces is the same fingerprint.
    const org = await call(core, 'contacts.orgs.save', { name: 'UBND xã Tân Kỳ', kind: 'commune-committee' });
    const o = await call(core, 'exchange.addOffice', {
      keyFile: file,
      fingerprint: fp.replace(/ /g, '-'),
      groups: ['xa'],
      maySend: ['plans.progress'],
      organizationId: org.id,
    });
    expect(o).toMatchObject({
      code: 'XATK',
      level: 'commune',
      groups: ['xa'],
      active: true,
      fingerprint: fp,
    });
    const list = await call(core, 'exchange.directoryList', {});
    expect(list.offices.map((x) => x.code).sort()).toEqual(['SKHCN', 'XATK']);
    const { db } = core.vault.current();
    const to = resolveRecipients(db, { group: 'xa' }, new Date());
    expect(to.map((r) => r.office)).toEqual(['XATK']);
    // "UBND xã Tân Kỳ" in a task's lead field is the office XATK; what it may send is by type.
    const linked = officeForOrganization(db, org.id);
    expect(linked?.code).toBe('XATK');
    expect(o.organizationName).toBe('UBND xã Tân Kỳ');
    expect(allowsType(o.maySend, 'plans.progress')).toBe(true);
    expect(allowsType(o.maySend, 'plans.task')).toBe(false);
    expect(allowsType(o.mayReceive, 'plans.task')).toBe(true); // the default: every type
    // One organisation is one office.
    const another = await setupOffice('XAKH', 'commune');
    const taken = await failure(core, 'exchange.addOffice', {
      keyFile: await keyFileOf(another.core),
      fingerprint: (await call(another.core, 'exchange.ownKeys', {})).fingerprint,
      organizationId: org.id,
    });
    expect(taken.issues?.[0]?.code).toBe('organization-linked');
  });

  it("a revoked office's key is refused by senderKey; the coordinator may read but not add or revoke (audited)", async () => {
    const { core } = await setupCore();
    const commune = await setupOffice('XATK', 'commune');
    const fp = (await call(commune.core, 'exchange.ownKeys', {})).fingerprint;
    const o = await call(core, 'exchange.addOffice', {
      keyFile: await keyFileOf(commune.core),
      fingerprint: fp,
    });
    const { db } = core.vault.current();
    const id = signingKeyId(o.signingKey);
    expect(senderKey(db, 'XATK', id, new Date())).toEqual({ signingKey: o.signingKey, revoked: false });
    expect(senderKey(db, 'XATK', '0'.repeat(32), new Date())).toBeUndefined();

    await signInAs(core, 'dieuphoi', 'none', 'coordinator');
    expect((await call(core, 'exchange.directoryList', {})).offices).toHaveLength(2);
    const other = await setupOffice('XAKH', 'commune');
    const fp2 = (await call(other.core, 'exchange.ownKeys', {})).fingerprint;
    expect(
      (await failure(core, 'exchange.addOffice', { keyFile: await keyFileOf(other.core), fingerprint: fp2 }))
        .code,
    ).toBe('FORBIDDEN');
    expect((await failure(core, 'exchange.revokeOffice', { id: o.id, reason: 'mất máy' })).code).toBe(
      'FORBIDDEN',
    );
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const refusals = (await call(core, 'audit.list', {})).items.filter(
      (e) => e.action === 'audit.denied' && e.actor === 'dieuphoi',
    );
    expect(refusals.map((e) => e.targetId).sort()).toEqual(['exchange.addOffice', 'exchange.revokeOffice']);
    expect(refusals.every((e) => e.outcome === 'denied')).toBe(true);

    const r = await call(core, 'exchange.revokeOffice', { id: o.id, reason: 'Máy bị mất' });
    expect(r).toMatchObject({ active: false, revokedReason: 'Máy bị mất' });
    expect(senderKey(core.vault.current().db, 'XATK', id, new Date())).toEqual({
      signingKey: o.signingKey,
      revoked: true,
    });
    expect(resolveRecipients(core.vault.current().db, { all: true }, new Date())).toEqual([]);
    // The revoked keys never come back; a key file with a field more is not a key file.
    const file = await keyFileOf(commune.core);
    const again = await failure(core, 'exchange.addOffice', { keyFile: file, fingerprint: fp });
    expect(again.issues?.[0]?.code).toBe('key-revoked');
    const extra = JSON.stringify({ ...(JSON.parse(file) as object), note: 'x' });
    const strict = await failure(core, 'exchange.addOffice', { keyFile: extra, fingerprint: fp });
    expect(strict.issues?.[0]?.code).toBe('key-file');
  });
});

describe('directory package', () => {
  it('is accepted from the province by fingerprint, then only from the pinned key', async () => {
    const province = await setupCore();
    const commune = await setupOffice('XATK', 'commune');
    const fpCommune = (await call(commune.core, 'exchange.ownKeys', {})).fingerprint;
    await call(province.core, 'exchange.addOffice', {
      keyFile: await keyFileOf(commune.core),
      fingerprint: fpCommune,
      groups: ['xa'],
    });
    const published = await call(province.core, 'exchange.publishDirectory', {});
    expect(published).toMatchObject({ sequence: 1, offices: 2, recipients: 1 });
    const fpProvince = (await call(province.core, 'exchange.ownKeys', {})).fingerprint;

    // Without the fingerprint, and with a wrong one: refused, nothing changed.
    const before = exchangeState(commune.core);
    const noFp = await failure(commune.core, 'exchange.acceptDirectory', {
      dataBase64: published.file.dataBase64,
    });
    expect(noFp.issues?.[0]?.code).toBe('DIR_NO_PROVINCE_KEY');
    const wrongFp = await failure(commune.core, 'exchange.acceptDirectory', {
      dataBase64: published.file.dataBase64,
      fingerprint: fpCommune,
    });
    expect(wrongFp.issues?.[0]?.code).toBe('DIR_FINGERPRINT_MISMATCH');
    expect(exchangeState(commune.core)).toBe(before);

    const accepted = await call(commune.core, 'exchange.acceptDirectory', {
      dataBase64: published.file.dataBase64,
      fingerprint: fpProvince,
    });
    expect(accepted).toMatchObject({ province: 'SKHCN', pinned: true, inserted: 2 });
    const list = await call(commune.core, 'exchange.directoryList', {});
    expect(list.province).toMatchObject({ office: 'SKHCN', fingerprint: fpProvince });
    expect(list.offices.map((o) => o.code)).toEqual(['SKHCN', 'XATK']);

    // A second province (another key) signs a directory for the commune: refused, nothing changed.
    const rogue = await setupOffice('SKHCN', 'province');
    const rogueDb = rogue.core.vault.current().db;
    await call(rogue.core, 'exchange.addOffice', {
      keyFile: await keyFileOf(commune.core),
      fingerprint: fpCommune,
    });
    const rogueKeys = ownKeys(rogueDb);
    const forged = await buildPackage({
      sender: rogueKeys,
      recipients: [
        {
          office: 'XATK',
          signingKey: ownKeys(commune.core.vault.current().db).signingKey,
          recipient: ownKeys(commune.core.vault.current().db).recipient,
        },
      ],
      sequence: 1,
      auditHead: { count: 1, hash: '0'.repeat(64) },
      ack: null,
      prevHash: null,
      createdAt: new Date().toISOString(),
      records: directoryRecords(rogueDb),
    });
    const after = exchangeState(commune.core);
    const refused = await failure(commune.core, 'exchange.acceptDirectory', {
      dataBase64: forged.bytes.toString('base64'),
      fingerprint: fingerprint(rogueKeys),
    });
    expect(refused.issues?.[0]?.code).toBe('PKG_UNKNOWN_SENDER');
    expect(exchangeState(commune.core)).toBe(after);

    // A revocation published next travels and applies.
    const entry = (await call(province.core, 'exchange.directoryList', {})).offices.find(
      (o) => o.code === 'XATK',
    )!;
    await call(province.core, 'exchange.updateOffice', {
      id: entry.id,
      version: entry.version,
      groups: ['xa', 'bien-gioi'],
    });
    const second = await call(province.core, 'exchange.publishDirectory', {});
    expect(second.sequence).toBe(2);
    const r2 = await call(commune.core, 'exchange.acceptDirectory', { dataBase64: second.file.dataBase64 });
    expect(r2).toMatchObject({ pinned: false, updated: 1, unchanged: 1 });
  });
});

describe('key-registration form', () => {
  it('is an A4 portrait .docx with the office, both keys, the fingerprint in 8 groups and a QR picture', async () => {
    const { core } = await setupCore();
    const f = await call(core, 'exchange.printKeyForm', {});
    const docx = Buffer.from(f.dataBase64, 'base64');
    const parts = await docxParts(docx);
    const xml = parts['word/document.xml'] ?? '';
    const k = await call(core, 'exchange.ownKeys', {});
    const text = xml.replace(/<[^>]+>/g, '');
    const groups = k.fingerprint.split(' ');
    expect(text).toContain(groups.slice(0, 4).join('   '));
    expect(text).toContain(groups.slice(4).join('   '));
    expect(text).toContain('PHIẾU ĐĂNG KÝ');
    expect(text).toContain(TEST_OFFICE.name);
    expect(text).toContain(k.signingKey.slice(0, 16));
    expect(text).toContain(k.recipient.slice(16, 32));
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('<pic:pic');
    const zip = await JSZip.loadAsync(docx);
    expect(Object.keys(zip.files).some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
    expect(await auditOf(core, 'exchange.keys.print')).toHaveLength(1);
  });
});

/**
 * The attack of the review: a user copies the data folder and reads it offline with their own
 * password. This test plays that user with the libraries only (better-sqlite3 with its cipher,
 * node:crypto) and the key file's parsing and KDF code: no handler, no role or clearance check of
 * the app. It reads every table and every blob (and the whole file decrypted page by page) and
 * looks for unique words typed into classified entries and a unique byte string of an attachment.
 */
import Database from 'better-sqlite3';
import { createDecipheriv, createHmac } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/app';
import { readKeyFile } from '../../src/main/core/vault/keyfile';
import { KeyRing, openGrant, openRetired } from '../../src/main/core/vault/keyRing';
import {
  legacySlotsOf,
  masterKey,
  openLegacySlot,
  openPasswordSlot,
} from '../../src/main/core/vault/keySlots';
import { holderOf } from '../../src/main/core/vault/x25519';
import type { InputOf } from '../../src/shared/contract';
import {
  addUser,
  ADMIN_PASSWORD,
  call,
  openCore,
  setupCore,
  switchTo,
  tempDir,
  USER_PASSWORD,
} from '../helpers/core';
import { minimalPdf } from '../helpers/pdf';

// Unique words, one per place classified text is typed. Mật entry:
const MAT = {
  summary: 'Zqsummarymat',
  sender: 'Zqsendermat',
  recipient: 'Zqrecipientmat',
  handler: 'Zqhandlermat',
  notes: 'Zqnotesmat',
  signer: 'Zqsignermat',
  person: 'Zqpersonmat',
  unit: 'Zqunitmat',
  purpose: 'Zqpurposemat',
  returnNote: 'Zqreturnmat',
  authority: 'Zqauthoritymat',
  authorisation: 'Zqauthorisationmat',
  copyRecipient: 'Zqcopyrecipientmat',
  decisionRef: 'Zqdecisionrefmat',
  decidedBy: 'Zqdecidedbymat',
  fileName: 'Zqfilenamemat',
};
// Tối mật entry:
const TOI = { summary: 'Zqsummarytoi', handler: 'Zqhandlertoi', notes: 'Zqnotestoi', person: 'Zqpersontoi' };
/** Bytes inside the attached PDF (its text is stored uncompressed). */
const PDF_BYTES = 'ZqAttachmentBytesUnique7731';
/** A word of an ordinary entry: every user reads it, which shows the reading below works. */
const ORDINARY = 'Zqordinaryvisible';

const ALL_SECRET = [...Object.values(MAT), ...Object.values(TOI), PDF_BYTES];

// --- The attacker's tools: key file parsing and KDF, then the libraries. ---

/** Every key a password opens in a key file (name#epoch), older epochs included. */
async function keysOf(keyFile: string, userName: string, password: string): Promise<Map<string, Buffer>> {
  const kf = readKeyFile(keyFile);
  const out = new Map<string, Buffer>();
  if (!kf) return out;
  if (kf.format === 'ttll-vault/1') {
    const r = await openLegacySlot(
      legacySlotsOf(kf),
      kf.vaultSalt,
      { alg: 'scrypt', N: 16384, r: 8, p: 1 },
      userName,
      password,
    );
    if (r) out.set('data#1', r.dataKey);
    return out;
  }
  const s = openPasswordSlot(kf, masterKey(kf, userName, password));
  if (s) {
    const ring = new KeyRing();
    for (const g of kf.grants.filter((x) => x.to === holderOf(s.slot.pub))) {
      const k = openGrant(s.privateDer, s.slot.pub, g);
      if (k) ring.put(g.key, g.epoch, k, true);
    }
    openRetired(kf, ring);
    for (const e of ring.entries()) out.set(`${e.name}#${e.epoch}`, e.key);
  } else if (kf.legacySalt) {
    const r = await openLegacySlot(kf.legacySlots, kf.legacySalt, kf.kdf, userName, password);
    if (r) out.set('data#1', r.dataKey);
  }
  return out;
}

function openDb(file: string, dataKey: Buffer): Database.Database {
  const db = new Database(file);
  db.pragma("cipher='aegis'");
  db.pragma('tcost=1');
  db.pragma('mcost=8');
  db.pragma('pcost=1');
  db.pragma(`hexkey='${dataKey.toString('hex')}'`);
  return db;
}

interface Found {
  /** Every value of every table, strings and blobs. */
  values: (string | Buffer)[];
  /** The same by table. */
  byTable: Map<string, (string | Buffer)[]>;
  /** What the level keys held opened among the blobs (AES-256-GCM, as the key file's format says). */
  opened: Buffer[];
  /** The database file decrypted page by page with the data key (PRAGMA rekey = ''). */
  rawFile: Buffer;
}

/** Tries a blob against every level key held, with the associated data its row gives. */
function tryOpen(blob: Buffer, keys: Map<string, Buffer>, where: string[]): Buffer | null {
  if (blob.length < 5 + 12 + 16 || blob[0] !== 2) return null;
  const epoch = blob.readUInt32BE(1);
  for (const [name, key] of keys) {
    const [keyName, e] = name.split('#');
    if (Number(e) !== epoch || keyName === 'data') continue;
    try {
      const d = createDecipheriv('aes-256-gcm', key, blob.subarray(5, 17));
      d.setAAD(Buffer.from(`ttll-field/1|${where.join('|')}|${keyName}|${epoch}`));
      d.setAuthTag(blob.subarray(blob.length - 16));
      return Buffer.concat([d.update(blob.subarray(17, blob.length - 16)), d.final()]);
    } catch {
      // not this key
    }
  }
  return null;
}

/** Reads a copy of the data folder offline with a password (and, if given, an older key file). */
async function readOffline(
  dir: string,
  userName: string,
  password: string,
  keyFile = join(dir, 'ttll.keys.json'),
): Promise<Found> {
  const keys = await keysOf(keyFile, userName, password);
  const dataKey = keys.get('data#1');
  if (!dataKey) return { values: [], byTable: new Map(), opened: [], rawFile: Buffer.alloc(0) };
  const work = tempDir('ttll-offline-');
  for (const f of ['ttll.db', 'ttll.db-wal'])
    if (existsSync(join(dir, f))) copyFileSync(join(dir, f), join(work, f));
  const db = openDb(join(work, 'ttll.db'), dataKey);
  const values: (string | Buffer)[] = [];
  const byTable = new Map<string, (string | Buffer)[]>();
  const opened: Buffer[] = [];
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
      for (const v of Object.values(row))
        if (typeof v === 'string' || Buffer.isBuffer(v)) {
          values.push(v);
          byTable.set(name, [...(byTable.get(name) ?? []), v]);
        }
      const id = String(row.id ?? `${String(row.document_id)}|${String(row.office)}`);
      for (const [col, group] of [
        [
          'sealed',
          name === 'document_attachments' ? 'meta' : name === 'document_handling' ? 'holder' : 'text',
        ],
        ['content', 'content'],
      ] as const) {
        const v = row[col];
        if (Buffer.isBuffer(v)) {
          const pt = tryOpen(v, keys, [name, id, group]);
          if (pt) opened.push(pt);
        }
      }
    }
  }
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey = ''");
  db.close();
  return { values, byTable, opened, rawFile: readFileSync(join(work, 'ttll.db')) };
}

const forms = (word: string) =>
  [word, word.toLowerCase()].flatMap((w) => [Buffer.from(w, 'utf8'), Buffer.from(w, 'utf16le')]);

/** The words of `words` found anywhere in what was read. */
function leaked(found: Found, words: readonly string[], opened = true): string[] {
  const hay = [
    ...found.values.map((v) => (typeof v === 'string' ? Buffer.from(v) : v)),
    found.rawFile,
    ...(opened ? found.opened : []),
  ];
  return words.filter((w) => forms(w).some((f) => hay.some((h) => h.includes(f))));
}

/** The keyed hashes of words under a key, as the sealed search index holds them. */
const hashOf = (key: Buffer, word: string) =>
  't' + createHmac('sha256', key).update(`ttll-token/1|${word.toLowerCase()}`).digest('hex').slice(0, 20);

// --- The office's data. ---

const matEntry: InputOf<'docs.register'> = {
  direction: 'in',
  level: 'mat',
  type: 'QĐ',
  symbol: '45/QĐ-UBBC',
  documentDate: '2026-03-02',
  sender: `Ủy ban bầu cử ${MAT.sender}`,
  recipients: [`Phòng ${MAT.recipient}`],
  summary: `Quyết định ${MAT.summary} về bảo đảm thông tin Điện Biên Phủ`,
  handler: `Phòng ${MAT.handler}`,
  notes: `Ghi chú ${MAT.notes}`,
  signer: `Ông ${MAT.signer}`,
  deadline: '2026-04-01',
};

async function fillOffice(core: Core): Promise<{ matId: string; toiId: string }> {
  await call(core, 'docs.register', {
    direction: 'in',
    type: 'CV',
    documentDate: '2026-03-01',
    summary: `Công văn ${ORDINARY}`,
  });
  const { entry } = await call(core, 'docs.register', matEntry);
  const toi = await call(core, 'docs.register', {
    direction: 'out',
    level: 'toi-mat',
    type: 'KH',
    documentDate: '2026-03-03',
    summary: `Kế hoạch ${TOI.summary}`,
    handler: TOI.handler,
    notes: TOI.notes,
  });
  await call(core, 'docs.attach', {
    documentId: entry.id,
    fileName: `${MAT.fileName}.pdf`,
    dataBase64: minimalPdf(PDF_BYTES).toString('base64'),
  });
  const t = await call(core, 'docs.transfer', {
    documentId: entry.id,
    toPerson: MAT.person,
    toUnit: MAT.unit,
    purpose: MAT.purpose,
  });
  await call(core, 'docs.returnTransfer', { transferId: t.id, note: MAT.returnNote });
  await call(core, 'docs.recordCopies', {
    documentId: entry.id,
    authorisedBy: MAT.authority,
    authorisationRef: MAT.authorisation,
    quantity: 1,
    recipient: MAT.copyRecipient,
  });
  const current = await call(core, 'docs.get', { id: entry.id });
  await call(core, 'docs.decide', {
    documentId: entry.id,
    version: current.entry.version,
    kind: 'extend',
    decidedAt: '2026-03-05',
    decisionRef: MAT.decisionRef,
    decidedBy: MAT.decidedBy,
    until: '2046-03-02',
  });
  // Still with a person: the holder is kept too.
  await call(core, 'docs.transfer', { documentId: toi.entry.id, toPerson: TOI.person });
  return { matId: entry.id, toiId: toi.entry.id };
}

function snapshot(dataDir: string): string {
  const dir = tempDir('ttll-copy-');
  cpSync(dataDir, dir, { recursive: true });
  return dir;
}

describe('classified text at rest', () => {
  it('an uncleared user reading a copy offline with their password finds no classified word and no attachment byte', async () => {
    const { core, dataDir } = await setupCore();
    await addUser(core, 'xem', 'none', 'viewer');
    await addUser(core, 'vanthu', 'mat');
    await fillOffice(core);
    await call(core, 'backup.create', {});
    core.close();
    const copy = snapshot(dataDir);

    const viewer = await readOffline(copy, 'xem', USER_PASSWORD);
    expect(viewer.values.length).toBeGreaterThan(100);
    expect(leaked(viewer, [ORDINARY])).toEqual([ORDINARY]); // the reading itself works
    expect(leaked(viewer, ALL_SECRET)).toEqual([]);
    expect(viewer.opened).toEqual([]);

    // A Mật clerk opens the Mật entry's text (the test's opening works) and nothing of Tối mật.
    const clerk = await readOffline(copy, 'vanthu', USER_PASSWORD);
    expect(leaked(clerk, Object.values(MAT)).sort()).toEqual(Object.values(MAT).sort());
    expect(leaked(clerk, [...Object.values(TOI)])).toEqual([]);
    expect(leaked(clerk, [PDF_BYTES])).toEqual([PDF_BYTES]);
  });

  it('a disabled user: the copy taken before still leaks; after the rotation, neither the old password nor the old keys read anything new', async () => {
    const { core, dataDir } = await setupCore();
    await addUser(core, 'cu', 'toi-mat');
    await addUser(core, 'xem', 'none', 'viewer');
    await fillOffice(core);
    await call(core, 'vault.lock', {});
    const before = snapshot(dataDir);
    const oldKeyFile = join(before, 'ttll.keys.json');
    // Expected: what was copied while the user was cleared is theirs to read.
    const early = await readOffline(before, 'cu', USER_PASSWORD);
    expect(leaked(early, [TOI.summary, MAT.summary, PDF_BYTES]).sort()).toEqual(
      [MAT.summary, PDF_BYTES, TOI.summary].sort(),
    );
    const oldKeys = await keysOf(oldKeyFile, 'cu', USER_PASSWORD);

    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    const r = await call(core, 'users.update', { userName: 'cu', disabled: true });
    expect(r.rotated.map((x) => x.key).sort()).toEqual(['mat', 'toi-mat']);
    expect(r.rotated.every((x) => x.resealed >= 1)).toBe(true);
    // More classified text after the rotation, under the new keys.
    await call(core, 'docs.register', { ...matEntry, summary: 'Zqafterrotation' });
    core.close();
    const after = snapshot(dataDir);

    // The new key file has no slot for the old password.
    expect((await keysOf(join(after, 'ttll.keys.json'), 'cu', USER_PASSWORD)).size).toBe(0);
    // The old key file still gives the data key (unchanged) and the old level keys, which open
    // nothing in the new copy: every row was re-sealed under the new epoch.
    const late = await readOffline(after, 'cu', USER_PASSWORD, oldKeyFile);
    expect(late.values.length).toBeGreaterThan(100);
    expect(late.opened).toEqual([]);
    expect(leaked(late, [...ALL_SECRET, 'Zqafterrotation'])).toEqual([]);
    // Nor does the sealed search index hold a word hashed under an old key.
    const oldMat = oldKeys.get('mat#1')!;
    const oldToi = oldKeys.get('toi-mat#1')!;
    const probes = [
      hashOf(oldMat, MAT.summary),
      hashOf(oldToi, TOI.summary),
      hashOf(oldMat, 'Zqafterrotation'),
    ];
    expect(leaked(late, probes)).toEqual([]);
    expect(leaked(await readOffline(before, 'cu', USER_PASSWORD), probes.slice(0, 2))).toEqual(
      probes.slice(0, 2),
    );
  });

  it('lowering a clearance: the old Tối mật key opens nothing in a later copy', async () => {
    const { core, dataDir } = await setupCore();
    await addUser(core, 'cu', 'toi-mat');
    await fillOffice(core);
    const oldKeyFile = join(snapshot(dataDir), 'ttll.keys.json');
    const r = await call(core, 'users.update', { userName: 'cu', clearance: 'mat' });
    expect(r.rotated.map((x) => x.key)).toEqual(['toi-mat']);
    core.close();
    const after = snapshot(dataDir);
    const withOld = await readOffline(after, 'cu', USER_PASSWORD, oldKeyFile);
    expect(leaked(withOld, Object.values(TOI))).toEqual([]);
    // Still cleared for Mật with the current key file: that text opens.
    const now = await readOffline(after, 'cu', USER_PASSWORD);
    expect(leaked(now, [MAT.summary])).toEqual([MAT.summary]);
    expect(leaked(now, Object.values(TOI))).toEqual([]);
  });

  it('cleared readers see every field as before; search finds classified entries by diacritic-free whole words', async () => {
    const { core } = await setupCore();
    await addUser(core, 'vanthu', 'mat');
    await addUser(core, 'xem', 'none', 'viewer');
    const { matId } = await fillOffice(core);
    await switchTo(core, 'vanthu');
    const got = await call(core, 'docs.get', { id: matId });
    expect(got.entry).toMatchObject({
      restricted: false,
      summary: matEntry.summary,
      sender: matEntry.sender,
      recipients: matEntry.recipients,
      handler: matEntry.handler,
      notes: matEntry.notes,
      signer: matEntry.signer,
    });
    expect(got.attachments.map((a) => a.fileName)).toEqual([`${MAT.fileName}.pdf`]);
    expect(got.transfers[0]).toMatchObject({
      toPerson: MAT.person,
      purpose: MAT.purpose,
      returnNote: MAT.returnNote,
    });
    expect(got.copies[0]).toMatchObject({ authorisedBy: MAT.authority, recipient: MAT.copyRecipient });
    expect(got.decisions[0]).toMatchObject({ decisionRef: MAT.decisionRef, decidedBy: MAT.decidedBy });
    const content = await call(core, 'docs.attachmentContent', { id: got.attachments[0]!.id });
    expect(Buffer.from(content.dataBase64, 'base64').includes(Buffer.from(PDF_BYTES))).toBe(true);

    const search = async (query: string, extra: Partial<InputOf<'docs.list'>> = {}) =>
      (await call(core, 'docs.list', { query, ...extra })).items.map((d) => d.id);
    expect(await search('dien bien phu')).toEqual([matId]);
    expect(await search('quyet dinh bao dam')).toEqual([matId]);
    expect(await search(MAT.recipient.toLowerCase())).toEqual([matId]);
    expect(await search('45')).toEqual([matId]); // the number and symbol, public, by prefix too
    expect(await search('', { handler: MAT.handler.toLowerCase() })).toEqual([matId]);
    // Whole words only in classified text (a prefix has no hash); the Tối mật entry is out of reach.
    expect(await search('dien bie')).toEqual([]);
    expect(await search(TOI.summary)).toEqual([]);
    // The uncleared reader finds nothing by classified words, and sees only the public fields.
    await switchTo(core, 'xem');
    expect(await search('dien bien phu')).toEqual([]);
    const hidden = await call(core, 'docs.get', { id: matId });
    expect(hidden.entry).toMatchObject({
      restricted: true,
      summary: null,
      handler: null,
      symbol: '45/QĐ-UBBC',
    });
  });

  it('declassification puts the text back in clear for everyone', async () => {
    const { core, dataDir } = await setupCore();
    await addUser(core, 'xem', 'none', 'viewer');
    const { matId } = await fillOffice(core);
    const current = await call(core, 'docs.get', { id: matId });
    await call(core, 'docs.decide', {
      documentId: matId,
      version: current.entry.version,
      kind: 'declassify',
      decidedAt: '2026-06-01',
      decisionRef: '12/QĐ-GM',
      decidedBy: 'Giám đốc',
    });
    core.close();
    const read = await readOffline(snapshot(dataDir), 'xem', USER_PASSWORD);
    expect(leaked(read, [MAT.summary, MAT.person, MAT.fileName, PDF_BYTES]).sort()).toEqual(
      [MAT.fileName, MAT.person, MAT.summary, PDF_BYTES].sort(),
    );
    expect(leaked(read, Object.values(TOI))).toEqual([]);
    const again = openCore(dataDir);
    await call(again, 'vault.unlock', { userName: 'xem', password: USER_PASSWORD });
    expect((await call(again, 'docs.list', { query: 'dien bien phu' })).items.map((d) => d.id)).toEqual([
      matId,
    ]);
    again.close();
  });
});

describe('upgrade of a version 1 vault, read offline', () => {
  it('seals the classified text of an existing vault at the first administrator sign-in: nothing readable with an uncleared or a disabled user password', async () => {
    const dir = tempDir();
    cpSync(join(process.cwd(), 'tests', 'fixtures', 'vault-v1'), dir, { recursive: true });
    const V1 = [
      'Summarytokenvone',
      'Sendertokenvone',
      'Recipienttokenvone',
      'Handlertokenvone',
      'Notetokenvone',
      'Signertokenvone',
      'Persontokenvone',
      'Purposetokenvone',
      'Returntokenvone',
      'Authoritytokenvone',
      'Copyrecipienttokenvone',
      'Filenametokenvone',
      'Attachmenttokenvone',
      'Handlertokenvtwo',
      'Notetokenvtwo',
      'Recipienttokenvtwo',
    ];
    const oldKeyFile = join(snapshot(dir), 'ttll.keys.json');
    // Before: the viewer reads it all (the finding).
    expect(leaked(await readOffline(dir, 'xem', USER_PASSWORD), V1).length).toBe(V1.length);

    const core = openCore(dir);
    await call(core, 'vault.unlock', { userName: 'admin', password: ADMIN_PASSWORD });
    // The cleared reader's view is unchanged.
    const found = await call(core, 'docs.list', { query: 'dien bien' });
    expect(found.items.map((d) => d.summary)).toEqual(['Quyết định Summarytokenvone điện biên']);
    core.close();

    const after = snapshot(dir);
    const viewer = await readOffline(after, 'xem', USER_PASSWORD); // still a version 1 slot: data key only
    expect(leaked(viewer, ['Ordinaryvisible'])).toEqual(['Ordinaryvisible']);
    // Known limit: audit entries written by version 1 recorded a transfer's person, a copy's
    // authority and a file's name in their details. The hash chain forbids rewriting them; they
    // stay readable with the data key. Nothing else does, anywhere in the file.
    const inAudit = ['Persontokenvone', 'Authoritytokenvone', 'Filenametokenvone'];
    const audit = { ...viewer, values: viewer.byTable.get('audit_log') ?? [], rawFile: Buffer.alloc(0) };
    expect(leaked(audit, V1)).toEqual(inAudit);
    const rest = {
      ...viewer,
      values: [...viewer.byTable].filter(([t]) => t !== 'audit_log').flatMap(([, v]) => v),
    };
    expect(leaked({ ...rest, rawFile: Buffer.alloc(0) }, V1)).toEqual([]);
    expect(
      leaked(
        viewer,
        V1.filter((w) => !inAudit.includes(w)),
      ),
    ).toEqual([]);
    // The disabled user's slot is gone from the new file; their old file gives the data key only.
    expect((await keysOf(join(after, 'ttll.keys.json'), 'cu', USER_PASSWORD)).size).toBe(0);
    const disabled = await readOffline(after, 'cu', USER_PASSWORD, oldKeyFile);
    expect(disabled.values.length).toBeGreaterThan(100);
    expect(
      leaked(
        disabled,
        V1.filter((w) => !inAudit.includes(w)),
      ),
    ).toEqual([]);
  });
});

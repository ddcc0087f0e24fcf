/**
 * The data package format without a database: a round trip, and the attack catalogue of
 * EXCHANGE.md that applies before the DB (crypto, signature, manifest, container, sequence), each
 * case a bad package built here and refused with its stable reason code.
 */
import { PACKAGE_REASONS_VI } from '../../src/shared/contract';
import { bech32 } from '@scure/base';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../src/main/core/exchange/package/canonical';
import { PACKAGE_REASONS, type PackageReason } from '../../src/main/core/exchange/package/codes';
import { readContainer, writeContainer } from '../../src/main/core/exchange/package/container';
import { openEnvelope, sealEnvelope } from '../../src/main/core/exchange/package/envelope';
import {
  checkRecipient,
  fingerprint,
  newOfficeKeys,
  publicKeysOf,
  signingKeyBytes,
  signingKeyId,
  type OfficeKeys,
} from '../../src/main/core/exchange/package/keys';
import {
  MAX_ENTRIES,
  MAX_ENVELOPE_BYTES,
  MAX_PACKAGE_BYTES,
} from '../../src/main/core/exchange/package/limits';
import {
  buildPackage,
  openPackage,
  openPackageFile,
  packageHash,
  type BuildInput,
  type SenderKey,
} from '../../src/main/core/exchange/package/package';
import type { PackageRecord } from '../../src/main/core/exchange/package/payload';
import { inChainOrder, judgeSequence, type SenderChain } from '../../src/main/core/exchange/package/sequence';

let P: OfficeKeys; // the province: sends
let A: OfficeKeys; // two communes it sends to
let B: OfficeKeys;
let C: OfficeKeys; // a third commune, not addressed
const revoked = new Set<string>();

beforeAll(async () => {
  [P, A, B, C] = (await Promise.all(['TINH', 'XA-01', 'XA-02', 'XA-03'].map(newOfficeKeys))) as [
    OfficeKeys,
    OfficeKeys,
    OfficeKeys,
    OfficeKeys,
  ];
});

/** The directory as the receiver knows it: every office above, some keys revoked per test. */
function senderKey(office: string, keyId: string): SenderKey | undefined {
  const k = [P, A, B, C].find((o) => o.office === office && signingKeyId(o.signingKey) === keyId);
  return k && { signingKey: k.signingKey, revoked: revoked.has(office) };
}

function record(n: number): PackageRecord {
  return {
    type: 'contacts.contact',
    record: {
      id: uuidv7(),
      originOffice: 'TINH',
      version: 1,
      updatedAt: '2026-11-28T08:00:00.000Z',
      updatedBy: 'admin',
      deleted: false,
      fullName: `Nguyễn Văn ${n}`,
      phone: `0912 000 ${String(n).padStart(3, '0')}`,
    },
  };
}

function input(over: Partial<BuildInput> = {}): BuildInput {
  return {
    sender: P,
    recipients: [publicKeysOf(A), publicKeysOf(B)],
    sequence: 1,
    prevHash: null,
    createdAt: '2026-11-28T08:00:00.000Z',
    auditHead: { count: 42, hash: 'a'.repeat(64) },
    ack: null,
    records: [record(1), record(2)],
    attachments: [{ contentType: 'application/pdf', data: Buffer.from('%PDF-1.7 kế hoạch') }],
    ...over,
  };
}

async function refusal(file: Buffer, us: OfficeKeys = A): Promise<PackageReason | 'opened'> {
  const r = await openPackage(file, { us, senderKey });
  if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
  return r.ok ? 'opened' : r.code;
}

// ---------------------------------------------------------------------------------------------
// Forging: a valid package taken apart and put back together with one thing changed.

type Json = Record<string, unknown>;

interface Forgery {
  /** Change the manifest (a JSON object) before it is canonicalised and signed. */
  manifest?: (m: Json) => void;
  /** Replace the signed manifest bytes outright (for non-canonical forms). */
  manifestBytes?: (canonical: Buffer) => Buffer;
  /** Who signs (default: the sender, who then signs whatever was forged). */
  signer?: OfficeKeys;
  /** Change the envelope (a JSON object) after signing. */
  envelope?: (e: Json) => void;
  /** Change the blob entries. */
  parts?: (parts: { name: string; data: Buffer }[]) => { name: string; data: Buffer }[];
}

function forge(file: Buffer, f: Forgery): Buffer {
  const [env, ...parts] = readContainer(file);
  const manifest = JSON.parse(openEnvelope(env!.data).manifestBytes.toString('utf8')) as Json;
  f.manifest?.(manifest);
  let manifestBytes = canonicalBytes(manifest);
  if (f.manifestBytes) manifestBytes = f.manifestBytes(manifestBytes);
  let envelope = sealEnvelope(manifestBytes, f.signer ?? P);
  if (f.envelope) {
    const e = JSON.parse(envelope.toString('utf8')) as Json;
    f.envelope(e);
    envelope = canonicalBytes(e);
  }
  return writeContainer([{ name: 'envelope.json', data: envelope }, ...(f.parts ? f.parts(parts) : parts)]);
}

/** The central-directory header of entry `index` (its offset in `file`), to patch fields in place. */
function centralHeader(file: Buffer, index: number): number {
  let p = file.readUInt32LE(file.length - 22 + 16);
  for (let i = 0; i < index; i++)
    p += 46 + file.readUInt16LE(p + 28) + file.readUInt16LE(p + 30) + file.readUInt16LE(p + 32);
  return p;
}

const lowOrderRecipient = bech32.encodeFromBytes('age', new Uint8Array(32));
const signedBlobs = (m: Json) => m.blobs as Json[];

describe('round trip', () => {
  it('two recipients open it; a third office cannot; the hash is the file hash', async () => {
    const built = await buildPackage(input());
    expect(built.hash).toBe(packageHash(built.bytes));
    for (const us of [A, B]) {
      const r = await openPackage(built.bytes, { us, senderKey });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.hash).toBe(built.hash);
      expect(r.manifest).toEqual(built.manifest);
      expect(r.records).toEqual(
        input().records.map((x, i) => ({ ...x, record: { ...x.record, id: r.records[i]!.record.id } })),
      );
      expect(Buffer.from(await r.attachments[0]!.bytes()).toString()).toBe('%PDF-1.7 kế hoạch');
      expect(r.attachments[0]!.contentType).toBe('application/pdf');
    }
    expect(await refusal(built.bytes, C)).toBe('PKG_NOT_FOR_US');
  });

  it('the archive holds envelope.json then b/<sha256> entries, stored', async () => {
    const { bytes, manifest } = await buildPackage(input());
    expect(readContainer(bytes).map((e) => e.name)).toEqual([
      'envelope.json',
      `b/${manifest.records.sha256}`,
      `b/${manifest.blobs[0]!.sha256}`,
    ]);
  });

  it('every reason code has an English message, a Vietnamese one for the app and a row in the README', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    expect(Object.keys(PACKAGE_REASONS_VI).sort()).toEqual(Object.keys(PACKAGE_REASONS).sort());
    for (const [code, text] of Object.entries(PACKAGE_REASONS)) {
      expect(code).toMatch(/^PKG_[A-Z_]+$/);
      expect(text.length).toBeGreaterThan(10);
      const vi = PACKAGE_REASONS_VI[code]!;
      expect(vi).toMatch(/[àáảãạăâđêôơưệộợữ]/);
      expect(readme).toMatch(
        new RegExp(`^\\| \`${code}\` +\\| .+ \\| ${vi.replace(/[.()*?+]/g, '\\$&')} +\\|$`, 'm'),
      );
    }
  });
});

describe('keys', () => {
  it('fingerprint: 8 groups of 5 digits, stable, and changed by the office or either key', async () => {
    const pub = publicKeysOf(A);
    const fp = fingerprint(pub);
    expect(fp).toMatch(/^\d{5}( \d{5}){7}$/);
    expect(fingerprint({ ...pub })).toBe(fp);
    expect(fingerprint({ ...pub, office: 'XA-09' })).not.toBe(fp);
    expect(fingerprint({ ...pub, signingKey: B.signingKey })).not.toBe(fp);
    expect(fingerprint({ ...pub, recipient: B.recipient })).not.toBe(fp);
  });

  it('public keys: malformed, non-canonical and small-order ones are refused', () => {
    expect(() => signingKeyBytes(A.signingKey)).not.toThrow();
    for (const bad of [
      'zz'.repeat(32), // not hex
      'ed' + 'ff'.repeat(30) + '7f', // y > p: a non-canonical encoding (of a low-order point)
      '01' + '00'.repeat(31), // the identity, order 1
      'ec' + 'ff'.repeat(30) + '7f', // order 2
    ])
      expect(() => signingKeyBytes(bad), bad).toThrow(expect.objectContaining({ code: 'PKG_KEY_INVALID' }));
    expect(() => checkRecipient(A.recipient)).not.toThrow();
    for (const bad of [
      'age1notarecipient',
      A.recipient.toUpperCase(),
      A.ageIdentity,
      lowOrderRecipient,
      bech32.encodeFromBytes(
        'age',
        Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 1 : 0)),
      ), // u = 1
    ])
      expect(() => checkRecipient(bad), bad).toThrow(expect.objectContaining({ code: 'PKG_KEY_INVALID' }));
  });

  it('a fixed key set gives a fixed fingerprint (the printed form stays valid across versions)', () => {
    expect(
      fingerprint({
        office: 'TINH',
        signingKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
        recipient: 'age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj',
      }),
    ).toBe('80742 39977 35511 98774 02273 72392 61526 05988');
  });
});

describe('crypto', () => {
  it('wrong key: the office named, but with a key it no longer holds', async () => {
    const { bytes } = await buildPackage(input());
    const rotated = await newOfficeKeys('XA-01');
    expect(await refusal(bytes, rotated)).toBe('PKG_NOT_FOR_US');
  });

  it('wrong key: the manifest names us but the records are encrypted to another office', async () => {
    const toC = await buildPackage(input({ recipients: [publicKeysOf(C)] }));
    const base = await buildPackage(input());
    const forged = forge(base.bytes, {
      manifest: (m) => void (m.records = toC.manifest.records),
      parts: (parts) => [readContainer(toC.bytes)[1]!, parts[1]!],
    });
    expect(await refusal(forged)).toBe('PKG_NOT_FOR_US');
  });

  it('truncated ciphertext: signed by the sender as it is, it still fails to decrypt', async () => {
    const { bytes, manifest } = await buildPackage(input());
    const cut = readContainer(bytes)[1]!.data.subarray(0, -20);
    const forged = forge(bytes, {
      manifest: (m) => {
        m.records = { sha256: packageHash(cut), size: cut.length };
      },
      parts: (parts) => [{ name: `b/${packageHash(cut)}`, data: cut }, parts[1]!],
    });
    expect(manifest.records.size).toBeGreaterThan(cut.length);
    expect(await refusal(forged)).toBe('PKG_DECRYPT_FAILED');
  });

  it('truncated file', async () => {
    const { bytes } = await buildPackage(input());
    expect(await refusal(bytes.subarray(0, bytes.length - 100))).toBe('PKG_NOT_ZIP');
  });

  it('swapped recipient stanza: caught by the signed hash, and by age when the sender signs it', async () => {
    const one = await buildPackage(input({ recipients: [publicKeysOf(A)] }));
    const two = await buildPackage(input({ recipients: [publicKeysOf(A)] }));
    // An age header: version line, "-> X25519 <share>", the wrapped key, then "--- <mac>".
    const swap = (target: Buffer, donor: Buffer) => {
      const lines = (b: Buffer) => b.toString('latin1').split('\n');
      const t = lines(target);
      const d = lines(donor);
      t[1] = d[1]!;
      t[2] = d[2]!;
      return Buffer.from(t.join('\n'), 'latin1');
    };
    const [, recOne] = readContainer(one.bytes);
    const [, recTwo] = readContainer(two.bytes);
    const swapped = swap(recOne!.data, recTwo!.data);
    expect(swapped.length).toBe(recOne!.data.length);
    // Unsigned: the blob no longer matches the signed manifest, refused before decryption.
    const unsigned = writeContainer(
      readContainer(one.bytes).map((e, i) => (i === 1 ? { name: e.name, data: swapped } : e)),
    );
    expect(await refusal(unsigned)).toBe('PKG_BLOB_MISMATCH');
    // Signed by the sender: A unwraps the other file's key, and the header MAC fails.
    const signed = forge(one.bytes, {
      manifest: (m) => {
        m.records = { sha256: packageHash(swapped), size: swapped.length };
      },
      parts: (parts) => [{ name: `b/${packageHash(swapped)}`, data: swapped }, parts[1]!],
    });
    expect(await refusal(signed)).toBe('PKG_DECRYPT_FAILED');
  });

  it('small-order keys are refused: an X25519 recipient, an Ed25519 sender key', async () => {
    expect(() => checkRecipient(lowOrderRecipient)).toThrow(/small order/);
    await expect(
      buildPackage(
        input({ recipients: [{ office: 'XA-09', signingKey: A.signingKey, recipient: lowOrderRecipient }] }),
      ),
    ).rejects.toMatchObject({ code: 'PKG_KEY_INVALID' });
    // A directory entry with a small-order signing key (the identity point): refused, not verified.
    const smallOrder = '01' + '00'.repeat(31);
    const { bytes } = await buildPackage(input());
    const forged = forge(bytes, {
      manifest: (m) => {
        m.sender = { office: 'TINH', keyId: signingKeyId(smallOrder) };
      },
      envelope: (e) => {
        (e.signatures as Json[])[0]!.keyid = signingKeyId(smallOrder);
      },
    });
    const r = await openPackage(forged, {
      us: A,
      senderKey: () => ({ signingKey: smallOrder, revoked: false }),
    });
    expect(r.ok ? 'opened' : r.code).toBe('PKG_KEY_INVALID');
  });
});

describe('signature', () => {
  it('missing', async () => {
    const { bytes } = await buildPackage(input());
    expect(await refusal(forge(bytes, { envelope: (e) => void (e.signatures = []) }))).toBe(
      'PKG_SIGNATURE_MISSING',
    );
  });

  it('from another office: signed by B as the province', async () => {
    const { bytes } = await buildPackage(input());
    expect(await refusal(forge(bytes, { signer: B }))).toBe('PKG_SIGNATURE_INVALID');
    // Even when the envelope names the province's key id.
    const named = forge(bytes, {
      signer: B,
      envelope: (e) => void ((e.signatures as Json[])[0]!.keyid = signingKeyId(P.signingKey)),
    });
    expect(await refusal(named)).toBe('PKG_SIGNATURE_INVALID');
  });

  it('unknown sender, revoked key', async () => {
    const stranger = await newOfficeKeys('XA-77');
    const { bytes } = await buildPackage(input({ sender: stranger }));
    expect(await refusal(bytes)).toBe('PKG_UNKNOWN_SENDER');
    const ok = await buildPackage(input());
    revoked.add('TINH');
    try {
      expect(await refusal(ok.bytes)).toBe('PKG_KEY_REVOKED');
    } finally {
      revoked.delete('TINH');
    }
  });

  it('over a different manifest: a signature moved from another package', async () => {
    const one = await buildPackage(input());
    const two = await buildPackage(input({ sequence: 2, prevHash: one.hash }));
    const sigOne = (JSON.parse(readContainer(one.bytes)[0]!.data.toString()) as { signatures: Json[] })
      .signatures;
    expect(await refusal(forge(two.bytes, { envelope: (e) => void (e.signatures = sigOne) }))).toBe(
      'PKG_SIGNATURE_INVALID',
    );
  });

  it('a manifest edited after signing', async () => {
    const { bytes } = await buildPackage(input());
    const sig = (JSON.parse(readContainer(bytes)[0]!.data.toString()) as { signatures: Json[] }).signatures;
    const edited = forge(bytes, {
      manifest: (m) => void (m.createdAt = '2026-11-29T08:00:00.000Z'),
      envelope: (e) => void (e.signatures = sig),
    });
    expect(await refusal(edited)).toBe('PKG_SIGNATURE_INVALID');
  });

  it('non-canonical JSON that parses the same is refused, even signed by the sender', async () => {
    const { bytes } = await buildPackage(input());
    const spaced = forge(bytes, {
      manifestBytes: (b) => Buffer.from(JSON.stringify(JSON.parse(b.toString()), null, 1)),
    });
    expect(await refusal(spaced)).toBe('PKG_MANIFEST_NOT_CANONICAL');
    const escaped = forge(bytes, {
      manifestBytes: (b) => Buffer.from(b.toString().replace('"format"', '"\\u0066ormat"')),
    });
    expect(await refusal(escaped)).toBe('PKG_MANIFEST_NOT_CANONICAL');
  });

  it('non-canonical base64 in the envelope (another file for the same content)', async () => {
    const { bytes } = await buildPackage(input());
    const env = JSON.parse(readContainer(bytes)[0]!.data.toString()) as { signatures: { sig: string }[] };
    const sig = env.signatures[0]!.sig; // 64 bytes: "…==" with 4 unused low bits
    const bent = sig.slice(0, -3) + String.fromCharCode(sig.charCodeAt(sig.length - 3) + 1) + '==';
    expect(Buffer.from(bent, 'base64')).toEqual(Buffer.from(sig, 'base64'));
    const forged = forge(bytes, { envelope: (e) => void ((e.signatures as Json[])[0]!.sig = bent) });
    expect(await refusal(forged)).toBe('PKG_ENVELOPE_INVALID');
  });
});

describe('manifest', () => {
  const cases: [string, Forgery, PackageReason][] = [
    [
      'unknown version',
      { manifest: (m) => void (m.format = 'ttll-desk/package/v2') },
      'PKG_VERSION_UNSUPPORTED',
    ],
    [
      'duplicate keys',
      {
        manifestBytes: (b) => Buffer.from(b.toString().replace('"sequence":1', '"sequence":9,"sequence":1')),
      },
      'PKG_MANIFEST_DUPLICATE_KEY',
    ],
    [
      'huge number (beyond 2^53)',
      {
        manifestBytes: (b) =>
          Buffer.from(b.toString().replace('"sequence":1', '"sequence":9007199254740993')),
      },
      'PKG_MANIFEST_INVALID',
    ],
    [
      'huge number (beyond a double)',
      { manifestBytes: (b) => Buffer.from(b.toString().replace('"sequence":1', '"sequence":1e400')) },
      'PKG_MANIFEST_INVALID',
    ],
    ['fractional sequence', { manifest: (m) => void (m.sequence = 1.5) }, 'PKG_MANIFEST_INVALID'],
    ['wrong type', { manifest: (m) => void (m.sequence = '1') }, 'PKG_MANIFEST_INVALID'],
    [
      'wrong type (nested)',
      { manifest: (m) => void (signedBlobs(m)[0]!.size = '17') },
      'PKG_MANIFEST_INVALID',
    ],
    ['extra field', { manifest: (m) => void (m.note = 'x') }, 'PKG_MANIFEST_INVALID'],
    ['extra nested field', { manifest: (m) => void ((m.sender as Json).name = 'x') }, 'PKG_MANIFEST_INVALID'],
    ['missing field', { manifest: (m) => void delete m.createdAt }, 'PKG_MANIFEST_INVALID'],
    ['missing audit head', { manifest: (m) => void delete m.auditHead }, 'PKG_MANIFEST_INVALID'],
    [
      'audit head count 0',
      { manifest: (m) => void ((m.auditHead as Json).count = 0) },
      'PKG_MANIFEST_INVALID',
    ],
    ['sequence 0', { manifest: (m) => void (m.sequence = 0) }, 'PKG_MANIFEST_INVALID'],
    [
      'prevHash on the first package',
      { manifest: (m) => void (m.prevHash = 'a'.repeat(64)) },
      'PKG_MANIFEST_INVALID',
    ],
    ['not an object', { manifestBytes: () => Buffer.from('[]') }, 'PKG_MANIFEST_INVALID'],
    ['not UTF-8', { manifestBytes: () => Buffer.from([0x7b, 0xff, 0x7d]) }, 'PKG_MANIFEST_INVALID'],
    [
      'hash mismatch (blob changed, manifest as signed)',
      { parts: (p) => [p[0]!, { name: p[1]!.name, data: Buffer.from(p[1]!.data).fill(1, 40, 41) }] },
      'PKG_BLOB_MISMATCH',
    ],
    ['size mismatch', { manifest: (m) => void (signedBlobs(m)[0]!.size = 3) }, 'PKG_BLOB_MISMATCH'],
    ['blob missing', { parts: (p) => [p[0]!] }, 'PKG_BLOB_MISMATCH'],
    ['blobs reordered', { parts: (p) => [p[1]!, p[0]!] }, 'PKG_BLOB_MISMATCH'],
    [
      'blob not listed',
      { parts: (p) => [...p, { name: `b/${'c'.repeat(64)}`, data: Buffer.from('x') }] },
      'PKG_BLOB_MISMATCH',
    ],
  ];
  it.each(cases)('%s', async (_name, forgery, code) => {
    const { bytes } = await buildPackage(input());
    expect(await refusal(forge(bytes, forgery))).toBe(code);
  });

  it('records of the wrong shape, signed and encrypted by the sender', async () => {
    const bad = { ...record(1), record: { ...record(1).record, version: 0 } };
    const { bytes } = await buildPackage(input({ records: [bad] }));
    expect(await refusal(bytes)).toBe('PKG_PAYLOAD_INVALID');
  });
});

describe('container', () => {
  let good: Buffer;
  let parts: { name: string; data: Buffer }[];
  beforeAll(async () => {
    good = (await buildPackage(input())).bytes;
    parts = readContainer(good);
  });

  it('zip-slip, absolute and stray names', async () => {
    for (const name of [
      '../envelope.json',
      '/etc/passwd',
      'b/../../x',
      'b\\..\\x',
      'B/' + 'a'.repeat(64),
      'notes.txt',
      'b/',
    ])
      expect(await refusal(writeContainer([...parts, { name, data: Buffer.from('x') }]))).toBe(
        'PKG_ENTRY_FORBIDDEN',
      );
  });

  it('symlink and directory entries', async () => {
    const link = Buffer.from(good);
    const at = centralHeader(link, 1);
    link.writeUInt16LE(0x0314, at + 4); // made by Unix
    link.writeUInt32LE((0o120777 << 16) >>> 0, at + 38); // S_IFLNK
    expect(await refusal(link)).toBe('PKG_ENTRY_FORBIDDEN');
    const dir = Buffer.from(good);
    dir.writeUInt32LE(0x10, centralHeader(dir, 1) + 38); // MS-DOS directory attribute
    expect(await refusal(dir)).toBe('PKG_ENTRY_FORBIDDEN');
  });

  it('duplicate entries', async () => {
    expect(await refusal(writeContainer([...parts, parts[1]!]))).toBe('PKG_ENTRY_DUPLICATE');
  });

  it('compressed bomb: refused from the headers, nothing inflated', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const bomb = deflateRawSync(Buffer.alloc(50 * 1024 * 1024));
    const file = writeContainer([parts[0]!, { name: parts[1]!.name, data: bomb }]);
    const central = centralHeader(file, 1);
    const local = file.readUInt32LE(central + 42);
    for (const [methodAt, sizeAt] of [
      [central + 10, central + 24],
      [local + 8, local + 22],
    ]) {
      file.writeUInt16LE(8, methodAt!); // deflate
      file.writeUInt32LE(50 * 1024 * 1024, sizeAt!);
    }
    expect(await refusal(file)).toBe('PKG_ENTRY_COMPRESSED');
  });

  it('too many entries', async () => {
    const many = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => ({
      name: `b/${i.toString(16).padStart(64, '0')}`,
      data: Buffer.alloc(0),
    }));
    expect(await refusal(writeContainer([parts[0]!, ...many]))).toBe('PKG_TOO_MANY_ENTRIES');
  });

  it('an entry over its cap, declared in the headers', async () => {
    const file = Buffer.from(good);
    const central = centralHeader(file, 0);
    file.writeUInt32LE(MAX_ENVELOPE_BYTES + 1, central + 20);
    file.writeUInt32LE(MAX_ENVELOPE_BYTES + 1, central + 24);
    expect(await refusal(file)).toBe('PKG_ENTRY_TOO_LARGE');
  });

  it('a file over the package cap is refused unread', async () => {
    // A sparse file: the cap is 2 GiB, and no byte of it is read (no hash either).
    const file = join(mkdtempSync(join(tmpdir(), 'ttll-big-')), 'big.ttllpkg');
    writeFileSync(file, good);
    truncateSync(file, MAX_PACKAGE_BYTES + 1);
    const r = await openPackageFile(file, { us: A, senderKey });
    expect(r).toMatchObject({ ok: false, code: 'PKG_TOO_LARGE', hash: null });
  });

  it('trailing garbage, a comment, data before the directory', async () => {
    expect(await refusal(Buffer.concat([good, Buffer.from('garbage')]))).toBe('PKG_TRAILING_DATA');
    const commented = Buffer.concat([good, Buffer.from('hi')]);
    commented.writeUInt16LE(2, good.length - 2);
    expect(await refusal(commented)).toBe('PKG_TRAILING_DATA');
    // Bytes slipped between the last entry and the central directory, offsets adjusted.
    const cd = good.readUInt32LE(good.length - 6);
    const inserted = Buffer.concat([good.subarray(0, cd), Buffer.from('hidden'), good.subarray(cd)]);
    inserted.writeUInt32LE(cd + 6, inserted.length - 6);
    expect(await refusal(inserted)).toBe('PKG_TRAILING_DATA');
  });

  it('not a zip', async () => {
    expect(await refusal(Buffer.from('%PDF-1.7\n'.repeat(10)))).toBe('PKG_NOT_ZIP');
    expect(await refusal(Buffer.alloc(0))).toBe('PKG_NOT_ZIP');
    const damaged = Buffer.from(good);
    damaged[100] = damaged[100]! ^ 1; // inside envelope.json: the CRC no longer matches
    expect(await refusal(damaged)).toBe('PKG_NOT_ZIP');
  });

  it('no envelope, or the envelope not first', async () => {
    expect(await refusal(writeContainer(parts.slice(1)))).toBe('PKG_ENVELOPE_INVALID');
    expect(await refusal(writeContainer([parts[1]!, parts[0]!, parts[2]!]))).toBe('PKG_ENVELOPE_INVALID');
  });
});

describe('sequence', () => {
  /** A receiver's chain after applying these packages. */
  function chain(applied: { sequence: number; hash: string }[]): SenderChain {
    return {
      last: applied[applied.length - 1] ?? null,
      hashAt: (s) => applied.find((a) => a.sequence === s)?.hash,
    };
  }

  it('next, replay, gap, fork, out of order within a batch', async () => {
    const p1 = await buildPackage(input());
    const p2 = await buildPackage(input({ sequence: 2, prevHash: p1.hash }));
    const p3 = await buildPackage(input({ sequence: 3, prevHash: p2.hash }));
    const p2bis = await buildPackage(input({ sequence: 2, prevHash: p1.hash, records: [record(9)] }));
    const none = chain([]);
    const one = chain([{ sequence: 1, hash: p1.hash }]);
    const two = chain([
      { sequence: 1, hash: p1.hash },
      { sequence: 2, hash: p2.hash },
    ]);

    expect(judgeSequence(none, p1.manifest, p1.hash)).toEqual({ kind: 'next' });
    expect(judgeSequence(one, p2.manifest, p2.hash)).toEqual({ kind: 'next' });
    // Replay: the same file again, now or later.
    expect(judgeSequence(one, p1.manifest, p1.hash)).toMatchObject({
      kind: 'replay',
      code: 'PKG_ALREADY_APPLIED',
    });
    expect(judgeSequence(two, p1.manifest, p1.hash)).toMatchObject({ kind: 'replay' });
    // Gap: 3 before 2, or anything but 1 first.
    expect(judgeSequence(one, p3.manifest, p3.hash)).toEqual({
      kind: 'gap',
      code: 'PKG_SEQUENCE_GAP',
      missing: { from: 2, to: 2 },
    });
    expect(judgeSequence(none, p3.manifest, p3.hash)).toMatchObject({ missing: { from: 1, to: 2 } });
    // Fork: another package 2 after 2 was applied, or a 3 that does not follow the applied 2.
    expect(judgeSequence(two, p2bis.manifest, p2bis.hash)).toMatchObject({
      kind: 'fork',
      code: 'PKG_SEQUENCE_FORK',
    });
    const p3bis = await buildPackage(input({ sequence: 3, prevHash: p2bis.hash }));
    expect(judgeSequence(two, p3bis.manifest, p3bis.hash)).toMatchObject({ kind: 'fork' });

    // Out of order within a batch: a folder read as 3, 1, 2 applies as 1, 2, 3.
    const ordered = inChainOrder([p3, p1, p2]);
    expect(ordered.map((p) => p.manifest.sequence)).toEqual([1, 2, 3]);
    const applied: { sequence: number; hash: string }[] = [];
    for (const p of ordered) {
      expect(judgeSequence(chain(applied), p.manifest, p.hash)).toEqual({ kind: 'next' });
      applied.push({ sequence: p.manifest.sequence, hash: p.hash });
    }
  });
});

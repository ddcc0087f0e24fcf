/**
 * Packages too large to hold: written as they are made (buildPackageFile) and read in chunks
 * (openPackageFile), never whole in memory; the same archive bytes as the in-memory writer; a
 * file changed on the stick after it was checked, or a build that fails, leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { attachmentsPackage } from '../helpers/packageInput';
import {
  bufferSource,
  CHUNK,
  ContainerWriter,
  readContainer,
  writeContainer,
  type Source,
} from '../../src/main/core/exchange/package/container';
import { newOfficeKeys, signingKeyId, type OfficeKeys } from '../../src/main/core/exchange/package/keys';
import {
  buildPackage,
  buildPackageFile,
  openPackageFile,
  openPackageFrom,
  sha256Hex,
  type BuildInput,
  type SenderKey,
} from '../../src/main/core/exchange/package/package';

let P: OfficeKeys;
let A: OfficeKeys;
const dir = () => mkdtempSync(join(tmpdir(), 'ttll-stream-'));

beforeAll(async () => {
  [P, A] = (await Promise.all(['TINH', 'XA-01'].map(newOfficeKeys))) as [OfficeKeys, OfficeKeys];
});

const senderKey = (office: string, keyId: string): SenderKey | undefined =>
  office === P.office && keyId === signingKeyId(P.signingKey)
    ? { signingKey: P.signingKey, revoked: false }
    : undefined;

const input = (attachments: BuildInput['attachments']): BuildInput => attachmentsPackage(P, A, attachments);

/** A 6 MiB file of random bytes (more than a few chunks), and its path. */
function bigFile(at: string): { path: string; data: Buffer } {
  const data = randomBytes(6 * CHUNK + 12_345);
  const path = join(at, 'ghi-am.bin');
  writeFileSync(path, data);
  return { path, data };
}

describe('streamed packages', () => {
  it('the file writer makes the archive the in-memory writer makes', async () => {
    const entries = [
      { name: 'envelope.json', data: Buffer.from('{}') },
      { name: `b/${'1'.repeat(64)}`, data: randomBytes(3 * CHUNK + 5) },
    ];
    const parts: Uint8Array[] = [];
    const w = new ContainerWriter({ write: async (b) => void parts.push(b) });
    for (const e of entries) {
      // The data handed in chunks, as a file's would be.
      const chunks = [e.data.subarray(0, 7), e.data.subarray(7)];
      await w.add(
        e.name,
        e.data.length,
        crc32(e.data),
        (async function* () {
          yield* chunks;
        })(),
      );
    }
    await w.finish();
    expect(Buffer.concat(parts).equals(writeContainer(entries))).toBe(true);
    expect(readContainer(Buffer.concat(parts)).map((e) => e.data.length)).toEqual([2, 3 * CHUNK + 5]);
  });

  it('a large attachment goes through file to file, and no read is larger than a chunk', async () => {
    const at = dir();
    const big = bigFile(at);
    const out = join(at, 'TINH-XA-01-000001.ttllpkg');
    const built = await buildPackageFile(input([{ contentType: 'audio/mpeg', path: big.path }]), out);
    expect(readdirSync(at).sort()).toEqual(['TINH-XA-01-000001.ttllpkg', 'ghi-am.bin']); // no part file left
    const file = readFileSync(out);
    expect(built.hash).toBe(sha256Hex(file));
    expect(built.size).toBe(file.length);

    // Every read of the opener's source recorded.
    const reads: number[] = [];
    const recording = (src: Source): Source => ({
      size: src.size,
      read: (offset, length) => {
        reads.push(length);
        return src.read(offset, length);
      },
    });
    const r = await openPackageFrom(() => ({ src: recording(bufferSource(file)), close: () => undefined }), {
      us: A,
      senderKey,
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.hash).toBe(built.hash);
    expect(Math.max(...reads)).toBeLessThanOrEqual(CHUNK);
    // One pass over the file (its hash and each entry's), then the envelope and records again.
    const opened = reads.reduce((a, b) => a + b, 0);
    expect(opened).toBeGreaterThanOrEqual(file.length);
    expect(opened).toBeLessThan(file.length + 64 * 1024);

    const to = join(at, 'out.bin');
    reads.length = 0;
    await r.attachments[0]!.writeTo(to);
    expect(readFileSync(to).equals(big.data)).toBe(true);
    expect(Math.max(...reads)).toBeLessThanOrEqual(CHUNK);
    expect(reads.reduce((a, b) => a + b, 0)).toBe(r.attachments[0]!.size);
    expect(readdirSync(at).filter((n) => n.includes('.part'))).toEqual([]);

    // The same through the file reader.
    const again = await openPackageFile(out, { us: A, senderKey });
    if (!again.ok) throw new Error(again.message);
    expect(Buffer.from(await again.attachments[0]!.bytes()).equals(big.data)).toBe(true);
  });

  it('files on disk and in memory, mixed: each in its place, the same package as one built in memory', async () => {
    const at = dir();
    // A file's room is left from its size: an empty file, one of exactly one age chunk, a large one.
    const files = [Buffer.alloc(0), randomBytes(64 * 1024), randomBytes(CHUNK + 3)].map((data, i) => {
      const path = join(at, `tep-${i}.bin`);
      writeFileSync(path, data);
      return { path, data };
    });
    const small = [randomBytes(10), randomBytes(1_000)];
    const attachments = [
      { contentType: 'text/plain', data: small[0]! },
      { contentType: 'audio/mpeg', path: files[0]!.path },
      { contentType: 'audio/mpeg', path: files[1]!.path },
      { contentType: 'image/jpeg', data: small[1]! },
      { contentType: 'video/mp4', path: files[2]!.path },
    ];
    const out = join(at, 'p.ttllpkg');
    const built = await buildPackageFile(input(attachments), out);
    const file = readFileSync(out);
    expect(built.hash).toBe(sha256Hex(file));
    const r = await openPackageFile(out, { us: A, senderKey });
    if (!r.ok) throw new Error(r.message);
    const plain = [small[0]!, files[0]!.data, files[1]!.data, small[1]!, files[2]!.data];
    for (const [i, want] of plain.entries())
      expect(Buffer.from(await r.attachments[i]!.bytes()).equals(want)).toBe(true);
    expect(r.attachments.map((x) => x.contentType)).toEqual(attachments.map((x) => x.contentType));
    // Built in memory from the same input: entries of the same sizes (other file keys).
    const mem = await buildPackage(input(attachments));
    const sizes = (bytes: Buffer) => readContainer(bytes).map((e) => e.data.length);
    expect(sizes(mem.bytes)).toEqual(sizes(file));
  });

  it('a file changed on the stick after it was checked: refused when read again, nothing written', async () => {
    const at = dir();
    const big = bigFile(at);
    const out = join(at, 'p.ttllpkg');
    await buildPackageFile(input([{ contentType: 'audio/mpeg', path: big.path }]), out);
    const r = await openPackageFile(out, { us: A, senderKey });
    if (!r.ok) throw new Error(r.message);
    // A byte of the attachment's ciphertext flipped in place (the archive's layout unchanged).
    const fd = openSync(out, 'r+');
    const middle = readFileSync(out).length - 5 * CHUNK;
    writeSync(fd, Buffer.from([readFileSync(out)[middle]! ^ 1]), 0, 1, middle);
    closeSync(fd);
    const to = join(at, 'out.bin');
    // Damaged (CRC), not what was signed, or not decryptable: whichever check meets it first.
    const changed = { code: expect.stringMatching(/^PKG_(NOT_ZIP|BLOB_MISMATCH|DECRYPT_FAILED)$/) };
    await expect(r.attachments[0]!.writeTo(to)).rejects.toMatchObject(changed);
    await expect(r.attachments[0]!.bytes()).rejects.toMatchObject(changed);
    expect(readdirSync(at).sort()).toEqual(['ghi-am.bin', 'p.ttllpkg']);
    // Opened afresh, the package is refused before anything is decrypted.
    expect(await openPackageFile(out, { us: A, senderKey })).toMatchObject({
      ok: false,
      code: 'PKG_NOT_ZIP',
    });
  });

  it('the writer refuses an entry whose data is not the CRC declared for it', async () => {
    const data = randomBytes(CHUNK + 3);
    const w = new ContainerWriter({ write: async () => undefined });
    await expect(w.add(`b/${'2'.repeat(64)}`, data.length, (crc32(data) ^ 1) >>> 0, data)).rejects.toThrow(
      /is not the CRC declared/,
    );
  });

  it('a build that fails leaves neither the package nor a part file', async () => {
    const at = dir();
    const out = join(at, 'p.ttllpkg');
    const missing = join(at, 'khong-co.bin');
    await expect(
      buildPackageFile(input([{ contentType: 'audio/mpeg', path: missing }]), out),
    ).rejects.toThrow();
    expect(readdirSync(at)).toEqual([]);
  });
});

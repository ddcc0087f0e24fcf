/**
 * age files made here and by the age-encryption library open on the other side, byte for byte,
 * at the sizes where STREAM's chunking has edges (empty, one byte, one chunk less one, one chunk,
 * one chunk more, two chunks); the streamed reader gives the same result whatever pieces the
 * ciphertext arrives in; a payload cut, grown or reordered at a chunk boundary is refused.
 */
import { randomBytes } from 'node:crypto';
import { Decrypter, Encrypter } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import { PackageError } from '../../src/main/core/exchange/package/codes';
import {
  decryptFrom,
  decryptStreamFrom,
  encrypterTo,
  encryptTo,
} from '../../src/main/core/exchange/package/encryption';
import { newOfficeKeys, publicKeysOf, type OfficeKeys } from '../../src/main/core/exchange/package/keys';

const CHUNK = 64 * 1024;
const SIZES = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 17];

let us: OfficeKeys;
let to: string;
beforeAll(async () => {
  us = await newOfficeKeys('XA-01');
  to = publicKeysOf(us).recipient;
});

async function libraryDecrypt(ciphertext: Uint8Array): Promise<Uint8Array> {
  const d = new Decrypter();
  d.addIdentity(us.ageIdentity);
  return d.decrypt(ciphertext);
}

/** The bytes in pieces of the given sizes, repeated. */
function cut(bytes: Uint8Array, pieces: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = pieces[i % pieces.length]!;
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const all: Uint8Array[] = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
}

const streamed = (ciphertext: Uint8Array, pieces: number[]): Promise<Buffer> =>
  collect(decryptStreamFrom(us.ageIdentity, cut(ciphertext, pieces)));

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PackageError);
  return (err as PackageError).code;
}

describe('age files: ours and the library’s', () => {
  it.each(SIZES)(
    '%i bytes: ours opens with the library, the library’s with ours, streamed in odd pieces',
    async (size) => {
      const plain = randomBytes(size);
      const ours = await encryptTo([to], plain);
      expect(Buffer.from(await libraryDecrypt(ours)).equals(plain)).toBe(true);

      const e = new Encrypter();
      e.addRecipient(to);
      const theirs = await e.encrypt(plain);
      expect(Buffer.from(await decryptFrom(us.ageIdentity, theirs)).equals(plain)).toBe(true);
      // The same size as the library's (header, nonce, one tag per chunk), other bytes (own key).
      expect(ours.length).toBe(theirs.length);
      expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(false);

      for (const pieces of [[1], [7, 65_551], [CHUNK + 16], [3 * CHUNK]])
        expect((await streamed(ours, pieces)).equals(plain)).toBe(true);

      // The size a package writer leaves for it is exact, and the plaintext's pieces change nothing.
      const one = await encrypterTo([to]);
      expect(one.size(size)).toBe(theirs.length);
      const whole = await collect(one.encrypt([plain]));
      for (const pieces of [[1], [7, 65_551], [CHUNK], [3 * CHUNK]])
        expect((await collect(one.encrypt(cut(plain, pieces)))).equals(whole)).toBe(true);
    },
  );

  it('one encrypter gives the same bytes twice; two encrypters, different file keys', async () => {
    const plain = randomBytes(CHUNK + 5);
    const { encrypt } = await encrypterTo([to]);
    const first = await collect(encrypt([plain.subarray(0, 9), plain.subarray(9)]));
    expect((await collect(encrypt([plain]))).equals(first)).toBe(true);
    const other = await collect((await encrypterTo([to])).encrypt([plain]));
    expect(other.equals(first)).toBe(false);
    expect(Buffer.from(await libraryDecrypt(first)).equals(plain)).toBe(true);
  });

  it('a payload cut, grown or reordered at a chunk boundary is refused, in memory and streamed', async () => {
    const plain = randomBytes(2 * CHUNK);
    const file = Buffer.from(await encryptTo([to], plain));
    const payloadAt = file.length - 2 * (CHUNK + 16);
    const [c0, c1] = [
      file.subarray(payloadAt, payloadAt + CHUNK + 16),
      file.subarray(payloadAt + CHUNK + 16),
    ];
    const head = file.subarray(0, payloadAt);
    const bad = {
      // The last chunk dropped: the first, sealed as not last, cannot end the file.
      cut: Buffer.concat([head, c0]),
      // A chunk appended: the real last one was sealed as last.
      grown: Buffer.concat([head, c0, c1, c1]),
      swapped: Buffer.concat([head, c1, c0]),
      // A byte after the last chunk.
      trailing: Buffer.concat([file, Buffer.from([0])]),
      noPayload: head,
    };
    for (const [name, bytes] of Object.entries(bad)) {
      expect([name, await refusal(decryptFrom(us.ageIdentity, bytes))]).toEqual([name, 'PKG_DECRYPT_FAILED']);
      expect([name, await refusal(streamed(bytes, [4096]))]).toEqual([name, 'PKG_DECRYPT_FAILED']);
    }
  });

  it('bytes with no header end in their first MiB are refused without reading on', async () => {
    let pieces = 0;
    async function* endless() {
      for (;;) {
        pieces++;
        yield Buffer.alloc(64 * 1024, 0x41);
      }
    }
    expect(await refusal(decryptStreamFrom(us.ageIdentity, endless()).next())).toBe('PKG_DECRYPT_FAILED');
    expect(pieces).toBeLessThanOrEqual(17);
  });

  it('another office’s file: PKG_NOT_FOR_US', async () => {
    const other = await newOfficeKeys('XA-02');
    const file = await encryptTo([publicKeysOf(other).recipient], randomBytes(10));
    expect(await refusal(decryptFrom(us.ageIdentity, file))).toBe('PKG_NOT_FOR_US');
  });
});

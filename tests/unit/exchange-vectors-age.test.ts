/**
 * The CCTV age vectors (tests/vectors/age, copied unchanged with their LICENSE) through the
 * project's own decrypt paths: decryptFrom, and decryptStreamFrom fed in pieces (an attachment's). A vector passes when decryption succeeds exactly when it
 * says `expect: success`, the plaintext hashes to its `payload`, and a failure carries the code the
 * package reader reports: PKG_NOT_FOR_US for `no match`, PKG_DECRYPT_FAILED for header, HMAC and
 * payload failures. decryptFrom releases nothing before the whole file verifies, so for `payload
 * failure` vectors the plaintext released is empty (the partial-payload hash does not apply).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { generateX25519Identity } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { PackageError } from '../../src/main/core/exchange/package/codes';
import { decryptFrom, decryptStreamFrom } from '../../src/main/core/exchange/package/encryption';

const DIR = join(__dirname, '../vectors/age/testdata');

interface Vector {
  name: string;
  expect: string;
  payload?: string;
  identities: string[];
  passphrases: string[];
  armored: boolean;
  body: Buffer;
}

function readVector(name: string): Vector {
  const raw = readFileSync(join(DIR, name));
  const split = raw.indexOf('\n\n');
  const v: Vector = {
    name,
    expect: '',
    identities: [],
    passphrases: [],
    armored: false,
    body: raw.subarray(split + 2),
  };
  let compressed = false;
  for (const line of raw.subarray(0, split).toString('utf8').split('\n')) {
    const at = line.indexOf(': ');
    const [key, value] = [line.slice(0, at), line.slice(at + 2)];
    if (key === 'expect') v.expect = value;
    else if (key === 'payload') v.payload = value;
    else if (key === 'identity') v.identities.push(value);
    else if (key === 'passphrase') v.passphrases.push(value);
    else if (key === 'armored') v.armored = value === 'yes';
    else if (key === 'compressed') compressed = value === 'zlib';
  }
  if (compressed) v.body = inflateSync(v.body);
  return v;
}

/** Why a vector is outside what packages use, or null when it runs. */
function skipReason(v: Vector): string | null {
  if (v.armored || v.expect === 'armor failure') return 'ASCII armor: packages carry binary age files';
  if (v.passphrases.length > 0) return 'scrypt (passphrase) recipients: packages use X25519 only';
  if (v.identities.some((i) => i.startsWith('AGE-SECRET-KEY-PQ-')))
    return 'post-quantum hybrid recipients: packages use X25519 only';
  return null;
}

const vectors = readdirSync(DIR).sort().map(readVector);
const run = vectors.filter((v) => skipReason(v) === null);
const skipped = vectors.filter((v) => skipReason(v) !== null);

/** The vector in pieces of 1,000 bytes (one chunk and its tag span several), all it releases kept. */
async function streamedFrom(identity: string, body: Buffer): Promise<Uint8Array> {
  const pieces: Buffer[] = [];
  for (let at = 0; at < body.length; at += 1000) pieces.push(body.subarray(at, at + 1000));
  const out: Uint8Array[] = [];
  for await (const c of decryptStreamFrom(identity, pieces)) out.push(c);
  return Buffer.concat(out);
}

describe('CCTV age vectors through decryptFrom and decryptStreamFrom', () => {
  it('covers every vector: runs the X25519, STREAM, header and HMAC ones, skips the rest with a reason', () => {
    expect(vectors.length).toBe(143);
    expect(run.length + skipped.length).toBe(143);
    // One identity each, except `empty` (no header at all), which any identity must fail on.
    for (const v of run) expect(v.identities.length).toBe(v.name === 'empty' ? 0 : 1);
    const reasons = new Map<string, number>();
    for (const v of skipped) reasons.set(skipReason(v)!, (reasons.get(skipReason(v)!) ?? 0) + 1);
    expect(Object.fromEntries(reasons)).toEqual({
      'ASCII armor: packages carry binary age files': 33,
      'scrypt (passphrase) recipients: packages use X25519 only': 25,
      'post-quantum hybrid recipients: packages use X25519 only': 18,
    });
    expect(run.length).toBe(67);
  });

  it.each(run.flatMap((v) => [[v.name, 'whole', v] as const, [v.name, 'streamed', v] as const]))(
    '%s (%s)',
    async (_name, how, v) => {
      const identity = v.identities[0] ?? (await generateX25519Identity());
      const outcome = await (
        how === 'whole' ? decryptFrom(identity, v.body) : streamedFrom(identity, v.body)
      ).then(
        (plaintext) => ({ ok: true as const, plaintext }),
        (err: unknown) => ({ ok: false as const, err }),
      );
      if (v.expect === 'success') {
        expect(outcome.ok).toBe(true);
        if (outcome.ok) expect(createHash('sha256').update(outcome.plaintext).digest('hex')).toBe(v.payload);
        return;
      }
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.err).toBeInstanceOf(PackageError);
      expect((outcome.err as PackageError).code).toBe(
        v.expect === 'no match' ? 'PKG_NOT_FOR_US' : 'PKG_DECRYPT_FAILED',
      );
    },
  );
});

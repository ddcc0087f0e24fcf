/**
 * An office's identity for the exchange: an Ed25519 key pair that signs its packages and an
 * X25519 key pair (age) that packages addressed to it are encrypted to. The private halves stay
 * in the vault (the DB-backed half stores them); the public halves travel in the directory and
 * are compared by the fingerprint printed on the key-registration form.
 */
import { createHash } from 'node:crypto';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { bech32 } from '@scure/base';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { canonicalBytes } from './canonical';
import { PackageError } from './codes';

export interface OfficeKeys {
  office: string;
  /** Ed25519 secret key (32-byte seed); zero it when done. */
  signingSecret: Uint8Array;
  /** Ed25519 public key, hex (64 characters). */
  signingKey: string;
  /** age X25519 identity, `AGE-SECRET-KEY-1…`. */
  ageIdentity: string;
  /** age X25519 recipient, `age1…`. */
  recipient: string;
}

/** What the directory holds of an office, and what its fingerprint covers. */
export interface OfficePublicKeys {
  office: string;
  signingKey: string;
  recipient: string;
}

export async function newOfficeKeys(office: string): Promise<OfficeKeys> {
  const { secretKey, publicKey } = ed25519.keygen();
  const ageIdentity = await generateX25519Identity();
  return {
    office,
    signingSecret: secretKey,
    signingKey: Buffer.from(publicKey).toString('hex'),
    ageIdentity,
    recipient: await identityToRecipient(ageIdentity),
  };
}

export function publicKeysOf(keys: OfficeKeys): OfficePublicKeys {
  return { office: keys.office, signingKey: keys.signingKey, recipient: keys.recipient };
}

/** A short name for a public key (what manifests cite): the first 128 bits of its SHA-256. */
function keyId(domain: string, key: string): string {
  return createHash('sha256').update(`${domain}\0${key}`, 'utf8').digest('hex').slice(0, 32);
}
export const signingKeyId = (signingKey: string): string => keyId('ttll-desk/ed25519-key-id', signingKey);
export const recipientKeyId = (recipient: string): string => keyId('ttll-desk/age-key-id', recipient);

/** The Ed25519 public key as 32 bytes, or PKG_KEY_INVALID: malformed, non-canonical or small-order. */
export function signingKeyBytes(signingKey: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(signingKey))
    throw new PackageError('PKG_KEY_INVALID', 'Ed25519 key is not 64 hex digits');
  const bytes = Buffer.from(signingKey, 'hex');
  let smallOrder: boolean;
  try {
    // zip215 false: only the canonical encoding of a point (y < p, no "negative zero" x) decodes.
    smallOrder = ed25519.Point.fromBytes(bytes, false).isSmallOrder();
  } catch {
    throw new PackageError('PKG_KEY_INVALID', 'Ed25519 key is not a canonical point encoding');
  }
  if (smallOrder) throw new PackageError('PKG_KEY_INVALID', 'Ed25519 key has small order');
  return bytes;
}

/**
 * Checks an age recipient (`age1…`, bech32, 32 bytes) and refuses a small-order X25519 key: with
 * one, the shared secret does not depend on the sender's ephemeral key, so anyone could read what
 * is encrypted to it. The test is a scalar multiplication, which noble refuses when it yields the
 * all-zero point, exactly the small-order case.
 */
export function checkRecipient(recipient: string): void {
  let bytes: Uint8Array;
  try {
    const decoded = bech32.decodeToBytes(recipient);
    if (!recipient.startsWith('age1') || decoded.prefix !== 'age' || decoded.bytes.length !== 32)
      throw new Error();
    bytes = decoded.bytes;
  } catch {
    throw new PackageError('PKG_KEY_INVALID', 'not an age X25519 recipient');
  }
  try {
    x25519.scalarMult(x25519.utils.randomSecretKey(), bytes);
  } catch {
    throw new PackageError('PKG_KEY_INVALID', 'X25519 key has small order');
  }
}

/**
 * The fingerprint an administrator compares on the printed form: SHA-256 over the canonical JSON
 * of a domain label, the office code and both public keys (canonical JSON is an unambiguous
 * encoding, and the label keeps this hash from meaning anything elsewhere), shown as 8 groups of
 * 5 decimal digits. Group i is the i-th 4-byte word of the hash (big-endian) mod 100000; 2^32 is
 * not a multiple of 10^5, so the 67,296 smallest values are one in 42,950 more likely than the
 * others, a bias of 2.3e-5 that leaves about 132.8 bits of the 256 in the 40 digits.
 */
export function fingerprint(keys: OfficePublicKeys): string {
  const hash = createHash('sha256')
    .update(
      canonicalBytes({
        domain: 'ttll-desk/office-key-fingerprint/v1',
        office: keys.office,
        signingKey: keys.signingKey,
        recipient: keys.recipient,
      }),
    )
    .digest();
  const groups: string[] = [];
  for (let i = 0; i < 8; i++) groups.push(String(hash.readUInt32BE(i * 4) % 100_000).padStart(5, '0'));
  return groups.join(' ');
}

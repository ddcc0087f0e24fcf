/**
 * Ed25519 signatures over a DSSE pre-authentication encoding (PAE): the signed bytes name the
 * payload's type and length, so a signature over a manifest can never be taken for a signature
 * over anything else (another type, or bytes cut at another place).
 *
 * Verification is strict, and its rule is what tests/unit/exchange-vectors-ed25519.test.ts checks
 * on all 914 CCTV vectors: a signature is refused when
 *   - the public key A or the nonce R is not the canonical encoding of a point (y ≥ p, or x = -0),
 *     or S is not below the group order (RFC 8032 §5.1.7; noble with zip215: false);
 *   - A or R has small order (noble refuses small-order A in strict mode; R is checked here, as
 *     ed25519-dalek's verify_strict does): such keys and nonces let one signature match several
 *     messages or keys;
 *   - the cofactored equation [8][S]B = [8]R + [8][k]A fails (noble's equation, RFC 8032).
 * So a point with both a low-order and a prime-order component is accepted (no blocklist can see
 * it, and the cofactored equation is indifferent to it), even when the low-order parts of R and
 * [k]A do not cancel (CCTV `low_order_residue`).
 */
import { ed25519 } from '@noble/curves/ed25519.js';

/** DSSEv1 PAE: "DSSEv1" SP len(type) SP type SP len(body) SP body, lengths in ASCII decimal bytes. */
export function pae(payloadType: string, body: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'ascii'),
    type,
    Buffer.from(` ${body.length} `, 'ascii'),
    body,
  ]);
}

export function signPae(secretKey: Uint8Array, payloadType: string, body: Uint8Array): Uint8Array {
  return ed25519.sign(pae(payloadType, body), secretKey);
}

export function verifyPae(
  publicKey: Uint8Array,
  payloadType: string,
  body: Uint8Array,
  sig: Uint8Array,
): boolean {
  return verifyStrict(publicKey, pae(payloadType, body), sig);
}

/** Ed25519 verification under the strict rule above. */
export function verifyStrict(publicKey: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  if (publicKey.length !== 32 || sig.length !== 64) return false;
  try {
    if (ed25519.Point.fromBytes(sig.subarray(0, 32), false).isSmallOrder()) return false;
  } catch {
    return false; // R is not a canonical point encoding
  }
  return ed25519.verify(sig, message, publicKey, { zip215: false });
}

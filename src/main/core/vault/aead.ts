import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const NONCE = 12;
/** Nonces cut from one block of the CSPRNG, 512 at a time. */
const POOL = NONCE * 512;
let pool = Buffer.alloc(0);
let taken = 0;

/**
 * A fresh random nonce. One call to the CSPRNG costs about 10 µs here, more than sealing a short
 * value, and a bulk write seals thousands (bench/results.md); so nonces are cut from a block, each
 * part once (Node's randomUUID keeps such a block too). A used block is dropped, never refilled:
 * a nonce handed out stays what it was.
 */
function nextNonce(): Buffer {
  if (taken + NONCE > pool.length) {
    pool = randomBytes(POOL);
    taken = 0;
  }
  taken += NONCE;
  return pool.subarray(taken - NONCE, taken);
}

/** AES-256-GCM with associated data; output is nonce(12) | ciphertext | tag(16). */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const nonce = nextNonce();
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([nonce, body, c.getAuthTag()]);
}

/** Returns null when the key is wrong or the data was altered (GCM tag mismatch). */
export function open(key: Buffer, sealed: Buffer, aad: string): Buffer | null {
  if (sealed.length < NONCE + 16) return null;
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return Buffer.concat([d.update(sealed.subarray(NONCE, sealed.length - 16)), d.final()]);
  } catch {
    return null;
  }
}

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
} from 'node:crypto';
import { open, seal } from './aead';

/**
 * Sealing to an X25519 public key (ECIES): an ephemeral key pair per message, ECDH with the
 * recipient, HKDF-SHA256, AES-256-GCM with associated data. Used for the events recorded while
 * the vault is locked (sealedEvents.ts) and for the key grants of the key file (keyRing.ts).
 */
export interface KeyPair {
  /** SPKI DER, base64: what the key file stores. */
  publicDer: string;
  /** PKCS#8 DER; zero it when done. */
  privateDer: Buffer;
}

export function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicDer: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateDer: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

/** The public half of a private key (PKCS#8 DER), as SPKI DER base64. */
export function publicOf(privateDer: Buffer): string {
  return createPublicKey(createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' }))
    .export({ format: 'der', type: 'spki' })
    .toString('base64');
}

/** A short, stable name for a public key: what grants are addressed to. Random, so it names no one. */
export function holderOf(publicDer: string): string {
  return createHash('sha256').update(Buffer.from(publicDer, 'base64')).digest('hex').slice(0, 32);
}

interface Kdf {
  /** HKDF info: separates the uses of the primitive. */
  info: string;
  /** HKDF salt: binds the ephemeral and recipient keys when set (grants); '' for the legacy events file. */
  bindKeys: boolean;
}

function sharedKey(privateDer: Buffer, publicDer: string, ephDer: string, recipientDer: string, k: Kdf) {
  const secret = diffieHellman({
    privateKey: createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' }),
    publicKey: createPublicKey({ key: Buffer.from(publicDer, 'base64'), format: 'der', type: 'spki' }),
  });
  const salt = k.bindKeys ? Buffer.from(`${ephDer}|${recipientDer}`, 'utf8') : Buffer.alloc(0);
  const key = Buffer.from(hkdfSync('sha256', secret, salt, k.info, 32));
  secret.fill(0);
  return key;
}

/** Seals `plaintext` so that only the holder of the private half of `recipientDer` opens it. */
export function sealTo(
  recipientDer: string,
  plaintext: Buffer,
  aad: string,
  kdf: Kdf,
): { eph: string; sealed: string } {
  const eph = newKeyPair();
  const key = sharedKey(eph.privateDer, recipientDer, eph.publicDer, recipientDer, kdf);
  eph.privateDer.fill(0);
  const sealed = seal(key, plaintext, aad).toString('base64');
  key.fill(0);
  return { eph: eph.publicDer, sealed };
}

/** Opens what sealTo made; null when the key, the associated data or the bytes do not match. */
export function openFrom(
  privateDer: Buffer,
  recipientDer: string,
  eph: string,
  sealed: string,
  aad: string,
  kdf: Kdf,
): Buffer | null {
  let key: Buffer;
  try {
    key = sharedKey(privateDer, eph, eph, recipientDer, kdf);
  } catch {
    return null;
  }
  const out = open(key, Buffer.from(sealed, 'base64'), aad);
  key.fill(0);
  return out;
}

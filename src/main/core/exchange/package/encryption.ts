/**
 * The age format (age-encryption.org/v1) to X25519 recipients, through the `age-encryption`
 * library: a random file key per package, wrapped once per recipient office, and the payload in
 * ChaCha20-Poly1305 STREAM chunks. Nothing here is our own cryptography; this file only maps the
 * library's outcomes to the package's reason codes. tests/unit/exchange-vectors-age.test.ts runs
 * the CCTV vectors through decryptFrom.
 */
import { Decrypter, Encrypter } from 'age-encryption';
import { PackageError } from './codes';
import { checkRecipient } from './keys';

/** Encrypts to every recipient (`age1…`), each checked first (no small-order key). */
export async function encryptTo(recipients: readonly string[], plaintext: Uint8Array): Promise<Uint8Array> {
  const e = new Encrypter();
  for (const r of recipients) {
    checkRecipient(r);
    e.addRecipient(r);
  }
  return e.encrypt(plaintext);
}

/**
 * Decrypts with one age identity. All or nothing: no plaintext is released unless the header,
 * its MAC and every STREAM chunk up to the final one verify. PKG_NOT_FOR_US when no recipient
 * stanza is ours (the library's one "no match" outcome), PKG_DECRYPT_FAILED for everything else
 * (malformed header, bad MAC, damaged or truncated payload).
 */
export async function decryptFrom(identity: string, ciphertext: Uint8Array): Promise<Uint8Array> {
  const d = new Decrypter();
  d.addIdentity(identity);
  try {
    return await d.decrypt(ciphertext);
  } catch (err) {
    if (err instanceof Error && err.message === NO_MATCH)
      throw new PackageError('PKG_NOT_FOR_US', 'no recipient stanza opens with our key');
    throw new PackageError('PKG_DECRYPT_FAILED', err instanceof Error ? err.message : 'age');
  }
}

/** age-encryption 0.3.1's message when no identity unwraps any stanza (pinned by the vectors test). */
const NO_MATCH = "no identity matched any of the file's recipients";

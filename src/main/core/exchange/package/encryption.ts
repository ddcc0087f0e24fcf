/**
 * The age format (age-encryption.org/v1) to X25519 recipients, through the `age-encryption`
 * library: a random file key per package, wrapped once per recipient office, and the payload in
 * ChaCha20-Poly1305 STREAM chunks. Nothing here is our own cryptography; this file only maps the
 * library's outcomes to the package's reason codes. tests/unit/exchange-vectors-age.test.ts runs
 * the CCTV vectors through decryptFrom.
 */
import { Readable } from 'node:stream';
import { Decrypter, Encrypter } from 'age-encryption';
import { PackageError } from './codes';
import { checkRecipient } from './keys';

function encrypter(recipients: readonly string[]): Encrypter {
  const e = new Encrypter();
  for (const r of recipients) {
    checkRecipient(r);
    e.addRecipient(r);
  }
  return e;
}

/** Encrypts to every recipient (`age1…`), each checked first (no small-order key). */
export async function encryptTo(recipients: readonly string[], plaintext: Uint8Array): Promise<Uint8Array> {
  return encrypter(recipients).encrypt(plaintext);
}

/** The same, streamed: the ciphertext in chunks as the plaintext arrives (a large attachment). */
export async function encryptStreamTo(
  recipients: readonly string[],
  plaintext: AsyncIterable<Uint8Array>,
): Promise<AsyncIterable<Uint8Array>> {
  return streamChunks(await encrypter(recipients).encrypt(webStream(plaintext)));
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
    throw refusal(err);
  }
}

/**
 * The same, streamed. A chunk is released once its own tag verifies, before the last one is
 * read: the caller writes them to a temporary file and keeps it only when the whole stream ends
 * well (and only decrypts bytes whose hash the sender's signature covers).
 */
export async function* decryptStreamFrom(
  identity: string,
  ciphertext: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const d = new Decrypter();
  d.addIdentity(identity);
  try {
    yield* streamChunks(await d.decrypt(webStream(ciphertext)));
  } catch (err) {
    throw refusal(err);
  }
}

/** The chunks as the web stream the library reads. */
const webStream = (chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> =>
  Readable.toWeb(Readable.from(chunks)) as ReadableStream<Uint8Array>;

/** A web stream's chunks. */
async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
}

function refusal(err: unknown): PackageError {
  if (err instanceof PackageError) return err;
  if (err instanceof Error && err.message === NO_MATCH)
    return new PackageError('PKG_NOT_FOR_US', 'no recipient stanza opens with our key');
  return new PackageError('PKG_DECRYPT_FAILED', err instanceof Error ? err.message : 'age');
}

/** age-encryption 0.3.1's message when no identity unwraps any stanza (pinned by the vectors test). */
const NO_MATCH = "no identity matched any of the file's recipients";

/**
 * The age format (age-encryption.org/v1) to X25519 recipients. The header is the
 * `age-encryption` library's: the random file key, its wrapping for each recipient office, the
 * header MAC, and on the way back the stanza parsing, unwrapping and MAC check. The payload is
 * age's STREAM (spec "Payload": HKDF-SHA-256 of the file key and a 16-byte nonce, then
 * ChaCha20-Poly1305 over 64 KiB chunks, the chunk counter and a last-chunk flag as the nonce) run
 * on Node's native ChaCha20-Poly1305: the library's is JavaScript, about 15 times slower, and a
 * large attachment (a recording, a scanned register) is bound by it. Tests: the CCTV vectors
 * through both decrypt paths, and files made by either side opened by the other
 * (exchange-vectors-age.test.ts, exchange-encryption.test.ts).
 */
import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { Decrypter, Encrypter } from 'age-encryption';
import { PackageError } from './codes';
import { checkRecipient } from './keys';

/** A STREAM chunk's plaintext size, its tag, and the payload nonce that follows the header. */
const PLAIN_CHUNK = 64 * 1024;
const TAG = 16;
const SEALED_CHUNK = PLAIN_CHUNK + TAG;
const NONCE = 16;
/** A header longer than this is not one of ours (one stanza of ~170 bytes per recipient office). */
const MAX_HEADER = 1024 * 1024;

/** Encrypts to every recipient (`age1…`), each checked first (no small-order key). */
export async function encryptTo(recipients: readonly string[], plaintext: Uint8Array): Promise<Uint8Array> {
  return collect((await encrypterTo(recipients)).encrypt([plaintext]));
}

/** One age file being made: its ciphertext's size for a plaintext size, and the encryption. */
export interface AgeEncrypter {
  /** The exact size of the ciphertext of `plainBytes` bytes (header, nonce, chunks and their tags). */
  size(plainBytes: number): number;
  /** The plaintext encrypted, in memory one piece at a time. */
  encrypt(plaintext: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array>;
}

/**
 * One age file's header and payload key, to encrypt one plaintext streamed. Its size is known
 * before a byte is encrypted: a package writer leaves room for a large attachment and encrypts it
 * once, straight into its place. Encrypting again gives the same bytes (same file key and nonce),
 * so it is never for two different plaintexts.
 */
export async function encrypterTo(recipients: readonly string[]): Promise<AgeEncrypter> {
  const { head, key } = await newHeader(recipients);
  return {
    // Full chunks, then the last one (empty only for an empty plaintext), each with its tag.
    size: (plainBytes) => head.length + plainBytes + TAG * Math.max(1, Math.ceil(plainBytes / PLAIN_CHUNK)),
    async *encrypt(plaintext) {
      yield head;
      const chunks = new Chunker(PLAIN_CHUNK);
      let i = 0;
      for await (const piece of plaintext) {
        const full = chunks.push(piece);
        if (full.length > 0) yield sealAll(key, i, full);
        i += full.length;
      }
      yield sealAll(key, i, [chunks.end()], true);
    },
  };
}

/**
 * Decrypts with one age identity. All or nothing: no plaintext is released unless the header,
 * its MAC and every STREAM chunk up to the final one verify. PKG_NOT_FOR_US when no recipient
 * stanza is ours (the library's one "no match" outcome), PKG_DECRYPT_FAILED for everything else
 * (malformed header, bad MAC, damaged or truncated payload).
 */
export async function decryptFrom(identity: string, ciphertext: Uint8Array): Promise<Uint8Array> {
  return collect(decryptStreamFrom(identity, [ciphertext]));
}

/**
 * The same, streamed. A chunk is released once its own tag verifies, before the last one is
 * read: the caller writes them to a temporary file and keeps it only when the whole stream ends
 * well (and only decrypts bytes whose hash the sender's signature covers).
 */
export async function* decryptStreamFrom(
  identity: string,
  ciphertext: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const pieces = toAsync(ciphertext)[Symbol.asyncIterator]();
  // The header and the payload nonce, read in pieces until the MAC line ends.
  let start: Buffer = Buffer.alloc(0);
  let payloadAt: number | null = null;
  while (payloadAt === null || start.length < payloadAt + NONCE) {
    const next = await pieces.next();
    if (next.done) break;
    start = start.length > 0 ? Buffer.concat([start, next.value]) : asBuffer(next.value);
    payloadAt ??= headerEnd(start);
    if (payloadAt === null && start.length > MAX_HEADER)
      throw new PackageError('PKG_DECRYPT_FAILED', 'age header too long');
  }
  if (payloadAt === null) throw new PackageError('PKG_DECRYPT_FAILED', 'no age header');
  const nonce = start.subarray(payloadAt, payloadAt + NONCE);
  if (nonce.length < NONCE) throw new PackageError('PKG_DECRYPT_FAILED', 'payload nonce missing');
  const key = payloadKey(await unwrapFileKey(identity, start.subarray(0, payloadAt)), nonce);

  const chunks = new Chunker(SEALED_CHUNK);
  let i = 0;
  const open = (sealed: Buffer[], last = false) => {
    const plain = openAll(key, i, sealed, last);
    i += sealed.length;
    return plain;
  };
  const first = chunks.push(start.subarray(payloadAt + NONCE));
  if (first.length > 0) yield open(first);
  for (let next = await pieces.next(); !next.done; next = await pieces.next()) {
    const sealed = chunks.push(next.value);
    if (sealed.length > 0) yield open(sealed);
  }
  const lastChunk = chunks.end();
  if (lastChunk.length < TAG) throw new PackageError('PKG_DECRYPT_FAILED', 'payload truncated');
  const plain = open([lastChunk], true);
  // An empty last chunk is allowed only as the whole of an empty payload (age spec).
  if (plain.length === 0 && i > 1) throw new PackageError('PKG_DECRYPT_FAILED', 'final chunk is empty');
  yield plain;
}

/**
 * A fresh header from the library, with the payload key it implies. The file key is drawn and
 * wrapped by the library; a recipient of our own, adding no stanza, sees it as the library hands
 * it to every recipient. The library's encryption of an empty plaintext gives the header, the
 * payload nonce and one empty final chunk, which must open with the key derived here: if the
 * library ever derived its key otherwise, nothing would be written that the receiver cannot open.
 */
async function newHeader(recipients: readonly string[]): Promise<{ head: Buffer; key: Buffer }> {
  const e = new Encrypter();
  for (const r of recipients) {
    checkRecipient(r);
    e.addRecipient(r);
  }
  const seen: { fileKey?: Uint8Array } = {};
  e.addRecipient({
    wrapFileKey: (k: Uint8Array) => {
      seen.fileKey = Uint8Array.from(k);
      return [];
    },
  });
  const empty = Buffer.from(await e.encrypt(new Uint8Array(0)));
  if (!seen.fileKey) throw new Error('age-encryption did not hand out the file key');
  const head = empty.subarray(0, empty.length - TAG);
  const key = payloadKey(seen.fileKey, head.subarray(head.length - NONCE));
  if (openAll(key, 0, [empty.subarray(head.length)], true).length !== 0)
    throw new Error('age-encryption payload key differs');
  return { head, key };
}

/** The file key, unwrapped with our identity by the library, which checks the header's MAC. */
async function unwrapFileKey(identity: string, header: Buffer): Promise<Uint8Array> {
  const d = new Decrypter();
  d.addIdentity(identity);
  try {
    return await d.decryptHeader(header);
  } catch (err) {
    throw refusal(err);
  }
}

/**
 * Where the header ends: after the MAC line, the first line starting with "--- " (stanza lines
 * start with "-> ", their bodies are base64, which has no "-"). Null until that line is whole.
 * The library parses exactly these bytes and refuses any that are not a header.
 */
function headerEnd(bytes: Buffer): number | null {
  const mac = bytes.indexOf('\n--- ');
  if (mac < 0) return null;
  const end = bytes.indexOf('\n', mac + 1);
  return end < 0 ? null : end + 1;
}

/** age's payload key: HKDF-SHA-256 of the file key, salted with the payload nonce, info "payload". */
const payloadKey = (fileKey: Uint8Array, nonce: Uint8Array): Buffer =>
  Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));

/** Chunk i's nonce: i as an 11-byte big-endian counter, then 1 for the last chunk, else 0. */
function chunkNonce(i: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(i, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/**
 * Seals chunks `first`, `first + 1`, … into one buffer (the last of them flagged when `last`):
 * each chunk's ciphertext is copied once, into its place.
 */
function sealAll(key: Buffer, first: number, chunks: readonly Buffer[], last = false): Buffer {
  const out = Buffer.allocUnsafe(chunks.reduce((n, c) => n + c.length + TAG, 0));
  let at = 0;
  chunks.forEach((plain, k) => {
    const nonce = chunkNonce(first + k, last && k === chunks.length - 1);
    const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
    at += c.update(plain).copy(out, at);
    c.final();
    at += c.getAuthTag().copy(out, at);
  });
  return out;
}

/**
 * Opens sealed chunks `first`, `first + 1`, … into one buffer; refused at the first that does not
 * authenticate, and nothing of them released.
 */
function openAll(key: Buffer, first: number, chunks: readonly Buffer[], last = false): Buffer {
  const out = Buffer.allocUnsafe(chunks.reduce((n, c) => n + c.length - TAG, 0));
  let at = 0;
  chunks.forEach((sealed, k) => {
    const i = first + k;
    const d = createDecipheriv('chacha20-poly1305', key, chunkNonce(i, last && k === chunks.length - 1), {
      authTagLength: TAG,
    });
    d.setAuthTag(sealed.subarray(sealed.length - TAG));
    at += d.update(sealed.subarray(0, sealed.length - TAG)).copy(out, at);
    try {
      d.final();
    } catch {
      throw new PackageError('PKG_DECRYPT_FAILED', `payload chunk ${i} does not authenticate`);
    }
  });
  return out;
}

/**
 * Cuts bytes arriving in any pieces into chunks of `size`, always holding the latest back until
 * more follows: STREAM seals the last chunk differently, and it may be a full one. Chunks are
 * views into the pieces where they fall whole inside one; only a chunk across two pieces is
 * copied. A piece is held as it is, so its maker must not reuse it (ours are fresh reads).
 */
class Chunker {
  /** The latest chunk: full (held back in case it is the last) or partial (still filling). */
  private held: Buffer = Buffer.alloc(0);
  constructor(private readonly size: number) {}

  /** The chunks now known not to be the last. */
  push(piece: Uint8Array): Buffer[] {
    let rest = asBuffer(piece);
    if (rest.length === 0) return [];
    const out: Buffer[] = [];
    if (this.held.length === this.size) out.push(this.held);
    else if (this.held.length > 0) {
      const take = Math.min(this.size - this.held.length, rest.length);
      this.held = Buffer.concat([this.held, rest.subarray(0, take)]);
      rest = rest.subarray(take);
      if (rest.length === 0) return out;
      out.push(this.held);
    }
    let at = 0;
    for (; rest.length - at > this.size; at += this.size) out.push(rest.subarray(at, at + this.size));
    this.held = rest.subarray(at);
    return out;
  }

  /** The last chunk: what is held (empty only when nothing came at all). */
  end(): Buffer {
    return this.held;
  }
}

const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const all: Uint8Array[] = [];
  for await (const c of chunks) all.push(c);
  return Buffer.concat(all);
}

async function* toAsync<T>(items: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

function refusal(err: unknown): PackageError {
  if (err instanceof PackageError) return err;
  if (err instanceof Error && err.message === NO_MATCH)
    return new PackageError('PKG_NOT_FOR_US', 'no recipient stanza opens with our key');
  return new PackageError('PKG_DECRYPT_FAILED', err instanceof Error ? err.message : 'age');
}

/** age-encryption 0.3.1's message when no identity unwraps any stanza (pinned by the vectors test). */
const NO_MATCH = "no identity matched any of the file's recipients";

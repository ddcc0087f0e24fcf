/**
 * Building and opening a data package. A package is a container (container.ts) of
 * `envelope.json` (the signed manifest, envelope.ts) followed by the encrypted records blob and
 * the encrypted attachments, each named by the SHA-256 of its ciphertext, in manifest order.
 *
 * openPackage checks in this order, and stops at the first refusal: container (caps from the
 * headers) → envelope and manifest (canonical, strict) → sender's key and signature, before any
 * decryption → addressed to us → blob hashes and sizes against the signed manifest → decryption
 * → records schema (attachments are decrypted later, one at a time, when the receiver asks).
 * Nothing is decrypted unless the sender's signature covers its hash.
 *
 * The package's hash (what the sender's next package cites as prevHash, and what the exchange log
 * keys on) is the SHA-256 of the whole file. Every byte of the file is fixed by what was signed
 * and encrypted (canonical JSON, canonical base64, entry order, no timestamps), so no one but the
 * sender can make a second file with the same content and another hash.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import {
  blobEntry,
  bufferSource,
  CHUNK,
  ContainerWriter,
  dataOffset,
  entryBytes,
  entryChunks,
  ENVELOPE_ENTRY,
  fileSource,
  IN_PLACE,
  readEntries,
  yieldTurn,
  type ContainerSink,
  type EntryRef,
  type Source,
} from './container';
import { canonicalBytes } from './canonical';
import { PackageError, type PackageReason } from './codes';
import { decryptFrom, decryptStreamFrom, encrypterTo, encryptTo, type AgeEncrypter } from './encryption';
import { MANIFEST_TYPE, openEnvelope, sealEnvelope } from './envelope';
import {
  recipientKeyId,
  signingKeyBytes,
  signingKeyId,
  type OfficeKeys,
  type OfficePublicKeys,
} from './keys';
import { PACKAGE_FORMAT, parseManifest, type Manifest } from './manifest';
import { parsePayload, payloadBytes, type PackageRecord } from './payload';
import { verifyPae } from './signature';
import { fileChunks, fileState, tally, writeChunks, writeFileStreamed, type Tally } from './streams';
import { MAX_PACKAGE_BYTES } from './limits';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The package hash: SHA-256 of the file, hex. */
export const packageHash = sha256Hex;

export interface BuildInput {
  sender: OfficeKeys;
  recipients: readonly OfficePublicKeys[];
  sequence: number;
  /** The hash of the sender's previous package; null for its first. */
  prevHash: string | null;
  /** ISO time from the caller's clock (the core's clock, not the system's). */
  createdAt: string;
  auditHead: Manifest['auditHead'];
  ack: Manifest['ack'];
  records: readonly PackageRecord[];
  /**
   * In memory; read when its turn comes (a file of the database: buildPackageFile holds one at a
   * time); or a file on disk, streamed by buildPackageFile (read whole by buildPackage).
   */
  attachments?: readonly Attachment[];
}

export type Attachment =
  | { contentType: string; data: Uint8Array }
  | { contentType: string; size: number; read(): Uint8Array }
  | { contentType: string; path: string };

export interface BuiltPackage {
  bytes: Buffer;
  hash: string;
  manifest: Manifest;
}

/**
 * An encrypted part of the package: its ciphertext in memory, or a file's, encrypted once straight
 * into the room left for it in the package file (`file`; its sum known once it is written).
 */
interface Part {
  contentType: string;
  sum: Tally;
  data: Uint8Array | typeof IN_PLACE;
  /** A part written in place: its plaintext, read when its turn comes, and what to call it in an error. */
  file?: { name: string; plain(): AsyncIterable<Uint8Array> | Iterable<Uint8Array>; encrypter: AgeEncrypter };
}

/**
 * Each part encrypted on its own (own file key, so an attachment streams on its own). In memory:
 * the records and small files, and every file when the package itself is built in memory. In
 * place: a file on disk is only planned here, its ciphertext's size known from its size.
 */
async function encryptParts(input: BuildInput, files: 'in-memory' | 'in-place'): Promise<Part[]> {
  const to = input.recipients.map((r) => r.recipient);
  const inMemory = async (contentType: string, plain: Uint8Array): Promise<Part> => {
    const data = await encryptTo(to, plain);
    return { contentType, data, sum: { sha256: sha256Hex(data), crc: crc32(data), size: data.length } };
  };
  const parts = [await inMemory('application/json', payloadBytes(input.records))];
  // Its hash and CRC are not known yet: the layout needs only its size (a hash's is fixed).
  const inPlace = async (
    contentType: string,
    size: number,
    file: Omit<NonNullable<Part['file']>, 'encrypter'>,
  ) => {
    const encrypter = await encrypterTo(to);
    const sum = { sha256: '0'.repeat(64), crc: 0, size: encrypter.size(size) };
    return { contentType, sum, data: IN_PLACE, file: { ...file, encrypter } } satisfies Part;
  };
  for (const a of input.attachments ?? []) {
    if ('data' in a) parts.push(await inMemory(a.contentType, a.data));
    else if (files === 'in-memory')
      parts.push(await inMemory(a.contentType, 'read' in a ? a.read() : await readFile(a.path)));
    else if ('read' in a)
      parts.push(await inPlace(a.contentType, a.size, { name: a.contentType, plain: () => [a.read()] }));
    else {
      const seen = await fileState(a.path);
      parts.push(
        await inPlace(a.contentType, seen.size, { name: a.path, plain: () => fileChunks(a.path, seen) }),
      );
    }
  }
  return parts;
}

/** The manifest of the parts, to be signed. */
function manifestOf(input: BuildInput, parts: readonly Part[]): Manifest {
  const [records, ...attachments] = parts;
  return {
    format: PACKAGE_FORMAT,
    sender: { office: input.sender.office, keyId: signingKeyId(input.sender.signingKey) },
    recipients: input.recipients.map((r) => ({ office: r.office, keyId: recipientKeyId(r.recipient) })),
    sequence: input.sequence,
    prevHash: input.prevHash,
    createdAt: input.createdAt,
    auditHead: input.auditHead,
    ack: input.ack,
    records: { sha256: records!.sum.sha256, size: records!.sum.size },
    blobs: attachments.map((a) => ({ sha256: a.sum.sha256, size: a.sum.size, contentType: a.contentType })),
  };
}

/** Signs the manifest of the parts and writes the container to `sink`. */
async function writePackage(
  input: BuildInput,
  parts: readonly Part[],
  sink: ContainerSink,
): Promise<Manifest> {
  const manifest = manifestOf(input, parts);
  // The builder's own output passes the reader's schema, or nothing is written.
  const manifestBytes = canonicalBytes(manifest);
  parseManifest(manifestBytes);
  const w = new ContainerWriter(sink);
  const envelope = sealEnvelope(manifestBytes, input.sender);
  await w.add(ENVELOPE_ENTRY, envelope.length, crc32(envelope), envelope);
  for (const p of parts) await w.add(blobEntry(p.sum.sha256), p.sum.size, p.sum.crc, p.data);
  await w.finish();
  return manifest;
}

/** A package in memory (data packages, the directory: their parts are records and files of the database). */
export async function buildPackage(input: BuildInput): Promise<BuiltPackage> {
  const chunks: Uint8Array[] = [];
  const manifest = await writePackage(input, await encryptParts(input, 'in-memory'), {
    write: async (b) => void chunks.push(b),
  });
  const bytes = Buffer.concat(chunks);
  return { bytes, hash: packageHash(bytes), manifest };
}

/**
 * A package written to `outPath` as it is made, for attachments too large to hold: memory holds a
 * few pieces. Each file on disk is read and encrypted once, into the room left for it after the
 * head (its size is known before, its hash after); then the envelope is signed and written with
 * every header and the directory; then the file is read back for the package's hash. A file
 * changed while it was read fails the build. Nothing is at `outPath` unless all of it was written.
 */
export async function buildPackageFile(
  input: BuildInput,
  outPath: string,
  beforeRename?: (built: BuiltPackageFile) => void,
): Promise<BuiltPackageFile> {
  const planned = await encryptParts(input, 'in-place');
  // Where each part's data starts: entries lie back to back from the envelope's, whose size is
  // that of any envelope of this manifest (hashes and signatures have fixed lengths).
  const envelopeSize = sealEnvelope(canonicalBytes(manifestOf(input, planned)), input.sender).length;
  let end = dataOffset(ENVELOPE_ENTRY) + envelopeSize;
  const starts = planned.map((p) => {
    const start = end + dataOffset(blobEntry(p.sum.sha256));
    end = start + p.sum.size;
    return start;
  });
  if (end > MAX_PACKAGE_BYTES) throw new Error('the package would exceed its size cap');

  return writeFileStreamed(
    outPath,
    async (out) => {
      const parts = [...planned];
      for (const [i, p] of planned.entries()) {
        if (!p.file) continue;
        out.seek(starts[i]!);
        const t = tally(p.file.encrypter.encrypt(p.file.plain()));
        await writeChunks(out, t.chunks);
        const sum = t.done();
        if (sum.size !== p.sum.size)
          throw new Error(`${p.file.name}: not the size planned (changed while it was read)`);
        parts[i] = { ...p, sum };
      }
      out.seek(0);
      const inPlace = starts.filter((_, i) => planned[i]!.file);
      const manifest = await writePackage(input, parts, {
        write: (b) => out.write(b),
        skip(size) {
          if (out.position !== inPlace.shift()) throw new Error('the package head is not the size planned');
          out.seek(out.position + size);
        },
      });
      const size = out.position;
      const whole = createHash('sha256');
      for (let at = 0; at < size; at += CHUNK) whole.update(await out.read(at, Math.min(CHUNK, size - at)));
      return { hash: whole.digest('hex'), size, manifest };
    },
    beforeRename,
  );
}

export interface BuiltPackageFile {
  hash: string;
  size: number;
  manifest: Manifest;
}

/** What the directory knows of a sender's signing key; undefined when the office or key is unknown. */
export interface SenderKey {
  signingKey: string;
  revoked: boolean;
}

export interface OpenContext {
  /** This office's current keys. */
  us: OfficeKeys;
  /**
   * Keys it has retired: a package made for one of them before a rotation (while it was on its
   * way) still opens with it.
   */
  retired?: readonly OfficeKeys[];
  /** The directory: the sender's signing key by office code and key id. */
  senderKey(office: string, keyId: string): SenderKey | undefined;
}

export interface OpenedPackage {
  ok: true;
  hash: string;
  manifest: Manifest;
  records: PackageRecord[];
  attachments: OpenedAttachment[];
}

/** An attachment whose hash and size the signature covers; decrypted only when asked, one at a time. */
export interface OpenedAttachment {
  /** SHA-256 of its ciphertext (the manifest's). */
  sha256: string;
  contentType: string;
  /** Its ciphertext's size; the plaintext is smaller by the age header and tags. */
  size: number;
  /** Decrypts it into memory (a file a table takes: the caller checks its size first). */
  bytes(): Promise<Uint8Array>;
  /** Decrypts it to `path`, streamed: the file is there whole, or not at all. */
  writeTo(path: string): Promise<void>;
}

export interface RefusedPackage {
  ok: false;
  /** The file's hash; null for a file over the cap, which is not read at all. */
  hash: string | null;
  code: PackageReason;
  message: string;
}

/** Verifies a package held in memory completely and decrypts its records. */
export async function openPackage(file: Buffer, ctx: OpenContext): Promise<OpenedPackage | RefusedPackage> {
  const src = bufferSource(file);
  return openPackageFrom(() => ({ src, close: () => undefined }), ctx);
}

/**
 * Verifies a package file completely and decrypts its records, reading it in chunks: one pass for
 * the file's hash and every entry's SHA-256 and CRC, then the envelope, the records and, when
 * asked, each attachment, read again and hashed again as it is decrypted (the file may have
 * changed on the stick since the first pass).
 */
export async function openPackageFile(
  path: string,
  ctx: OpenContext,
): Promise<OpenedPackage | RefusedPackage> {
  return openPackageFrom(() => {
    const fd = openSync(path, 'r');
    return { src: fileSource(fd, fstatSync(fd).size), close: () => closeSync(fd) };
  }, ctx);
}

/** Opens the package's bytes for reading (again for each attachment read later). */
export type Opener = () => { src: Source; close(): void };

/**
 * Verifies and opens a package from any positional source; a refusal carries its stable reason
 * code and the file's hash (for the exchange log).
 */
export async function openPackageFrom(
  opener: Opener,
  ctx: OpenContext,
): Promise<OpenedPackage | RefusedPackage> {
  const { src, close } = opener();
  try {
    let entries: EntryRef[] = [];
    let refusal: PackageError | null = null;
    try {
      entries = readEntries(src);
    } catch (err) {
      if (!(err instanceof PackageError)) throw err;
      refusal = err;
    }
    if (refusal?.code === 'PKG_TOO_LARGE')
      return { ok: false, hash: null, code: refusal.code, message: refusal.message };
    const pass = await hashPass(src, entries);
    try {
      if (refusal) throw refusal;
      return { ok: true, hash: pass.hash, ...(await verifyAndOpen(src, entries, pass.sums, ctx, opener)) };
    } catch (err) {
      if (err instanceof PackageError)
        return { ok: false, hash: pass.hash, code: err.code, message: err.message };
      throw err;
    }
  } finally {
    close();
  }
}

/** One pass over the file in order: its SHA-256, and each entry's (entries lie back to back from 0). */
async function hashPass(src: Source, entries: readonly EntryRef[]) {
  const whole = createHash('sha256');
  const sums: (Tally | null)[] = [];
  let at = 0;
  const feed = async (end: number, each?: (c: Buffer) => void) => {
    for (; at < end;) {
      await yieldTurn();
      const c = src.read(at, Math.min(CHUNK, end - at));
      whole.update(c);
      each?.(c);
      at += c.length;
    }
  };
  for (const e of entries) {
    await feed(e.offset);
    const h = createHash('sha256');
    let crc = 0;
    await feed(e.offset + e.size, (c) => {
      h.update(c);
      crc = crc32(c, crc);
    });
    // A damaged entry is refused as such before anything else is read from it.
    sums.push(crc === e.crc ? { sha256: h.digest('hex'), crc, size: e.size } : null);
  }
  await feed(src.size);
  return { hash: whole.digest('hex'), sums };
}

async function verifyAndOpen(
  src: Source,
  entries: readonly EntryRef[],
  sums: readonly (Tally | null)[],
  ctx: OpenContext,
  opener: Opener,
) {
  const bad = sums.findIndex((x) => x === null);
  if (bad >= 0) throw new PackageError('PKG_NOT_ZIP', `entry "${entries[bad]!.name}" is damaged (CRC)`);
  const [first, ...parts] = entries;
  if (first?.name !== ENVELOPE_ENTRY)
    throw new PackageError('PKG_ENVELOPE_INVALID', 'envelope.json is not first');
  const envelope = openEnvelope(entryBytes(src, first));
  const manifest = parseManifest(envelope.manifestBytes);

  const { office, keyId } = manifest.sender;
  if (envelope.keyId !== keyId)
    throw new PackageError('PKG_SIGNATURE_INVALID', 'signed with another key than the manifest names');
  const known = ctx.senderKey(office, keyId);
  if (!known || signingKeyId(known.signingKey) !== keyId)
    throw new PackageError('PKG_UNKNOWN_SENDER', `office ${office}`);
  if (known.revoked) throw new PackageError('PKG_KEY_REVOKED', `office ${office}`);
  if (!verifyPae(signingKeyBytes(known.signingKey), MANIFEST_TYPE, envelope.manifestBytes, envelope.sig))
    throw new PackageError('PKG_SIGNATURE_INVALID', `office ${office}`);

  const us = [ctx.us, ...(ctx.retired ?? [])].find((k) =>
    manifest.recipients.some((r) => r.office === k.office && r.keyId === recipientKeyId(k.recipient)),
  );
  if (!us) throw new PackageError('PKG_NOT_FOR_US', `not addressed to ${ctx.us.office} with any of its keys`);

  // Exactly the listed blobs, in the listed order, each the signed size and hash.
  const listed = [manifest.records, ...manifest.blobs];
  if (parts.length !== listed.length)
    throw new PackageError('PKG_BLOB_MISMATCH', `${parts.length} blobs, ${listed.length} listed`);
  listed.forEach((want, i) => {
    const part = parts[i]!;
    if (part.name !== blobEntry(want.sha256))
      throw new PackageError('PKG_BLOB_MISMATCH', `entry ${part.name} not listed here`);
    if (part.size !== want.size)
      throw new PackageError('PKG_BLOB_MISMATCH', `${part.name}: size ${part.size}, signed ${want.size}`);
    if (sums[i + 1]!.sha256 !== want.sha256)
      throw new PackageError('PKG_BLOB_MISMATCH', `${part.name}: content differs from its hash`);
  });

  const records = parsePayload(await decryptFrom(us.ageIdentity, signedBytes(src, parts[0]!)));
  const attachments = manifest.blobs.map((b, i): OpenedAttachment => {
    const part = parts[i + 1]!;
    // Read again when asked (the file was closed since): every byte decrypted is hashed again.
    const again = async <T>(fn: (src: Source) => Promise<T>): Promise<T> => {
      const o = opener();
      try {
        return await fn(o.src);
      } finally {
        o.close();
      }
    };
    return {
      sha256: b.sha256,
      contentType: b.contentType,
      size: b.size,
      bytes: () => again(async (s) => decryptFrom(us.ageIdentity, signedBytes(s, part))),
      writeTo: (path) =>
        again(async (s) => {
          const t = tally(entryChunks(s, part), false);
          await writeFileStreamed(path, async (out) => {
            await writeChunks(out, decryptStreamFrom(us.ageIdentity, t.chunks));
            if (t.done().sha256 !== part.name.slice(2))
              throw new PackageError('PKG_BLOB_MISMATCH', `${part.name}: changed while it was read`);
          });
        }),
    };
  });
  return { manifest, records, attachments };
}

/** An entry whole, refused unless it still has the hash its name (the signed manifest's) gives. */
function signedBytes(src: Source, part: EntryRef): Buffer {
  const data = entryBytes(src, part);
  if (sha256Hex(data) !== part.name.slice(2))
    throw new PackageError('PKG_BLOB_MISMATCH', `${part.name}: changed while it was read`);
  return data;
}

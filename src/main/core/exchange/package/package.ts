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
import { blobEntry, ENVELOPE_ENTRY, readContainer, writeContainer } from './container';
import { canonicalBytes } from './canonical';
import { PackageError, type PackageReason } from './codes';
import { decryptFrom, encryptTo } from './encryption';
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
  attachments?: readonly { contentType: string; data: Uint8Array }[];
}

export interface BuiltPackage {
  bytes: Buffer;
  hash: string;
  manifest: Manifest;
}

export async function buildPackage(input: BuildInput): Promise<BuiltPackage> {
  const to = input.recipients.map((r) => r.recipient);
  // Each part is encrypted on its own (own file key), so an attachment can later be streamed.
  const records = await encryptTo(to, payloadBytes(input.records));
  const attachments = await Promise.all(
    (input.attachments ?? []).map(async (a) => ({
      contentType: a.contentType,
      data: await encryptTo(to, a.data),
    })),
  );
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    sender: { office: input.sender.office, keyId: signingKeyId(input.sender.signingKey) },
    recipients: input.recipients.map((r) => ({ office: r.office, keyId: recipientKeyId(r.recipient) })),
    sequence: input.sequence,
    prevHash: input.prevHash,
    createdAt: input.createdAt,
    auditHead: input.auditHead,
    ack: input.ack,
    records: { sha256: sha256Hex(records), size: records.length },
    blobs: attachments.map((a) => ({
      sha256: sha256Hex(a.data),
      size: a.data.length,
      contentType: a.contentType,
    })),
  };
  // The builder's own output passes the reader's schema, or nothing is written.
  const manifestBytes = canonicalBytes(manifest);
  parseManifest(manifestBytes);
  const bytes = writeContainer([
    { name: ENVELOPE_ENTRY, data: sealEnvelope(manifestBytes, input.sender) },
    { name: blobEntry(manifest.records.sha256), data: records },
    ...attachments.map((a) => ({ name: blobEntry(sha256Hex(a.data)), data: a.data })),
  ]);
  return { bytes, hash: packageHash(bytes), manifest };
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
  /** Decrypts it (PackageError PKG_DECRYPT_FAILED when damaged). */
  bytes(): Promise<Uint8Array>;
}

export interface RefusedPackage {
  ok: false;
  hash: string;
  code: PackageReason;
  message: string;
}

/** Verifies a package completely and decrypts it; a refusal carries its stable reason code. */
export async function openPackage(file: Buffer, ctx: OpenContext): Promise<OpenedPackage | RefusedPackage> {
  const hash = packageHash(file);
  try {
    return { ok: true, hash, ...(await open(file, ctx)) };
  } catch (err) {
    if (err instanceof PackageError) return { ok: false, hash, code: err.code, message: err.message };
    throw err;
  }
}

async function open(file: Buffer, ctx: OpenContext) {
  const entries = readContainer(file);
  const [first, ...parts] = entries;
  if (first?.name !== ENVELOPE_ENTRY)
    throw new PackageError('PKG_ENVELOPE_INVALID', 'envelope.json is not first');
  const envelope = openEnvelope(first.data);
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
    if (part.data.length !== want.size)
      throw new PackageError(
        'PKG_BLOB_MISMATCH',
        `${part.name}: size ${part.data.length}, signed ${want.size}`,
      );
    if (sha256Hex(part.data) !== want.sha256)
      throw new PackageError('PKG_BLOB_MISMATCH', `${part.name}: content differs from its hash`);
  });

  const records = parsePayload(await decryptFrom(us.ageIdentity, parts[0]!.data));
  const attachments = manifest.blobs.map((b, i): OpenedAttachment => ({
    sha256: b.sha256,
    contentType: b.contentType,
    size: b.size,
    bytes: () => decryptFrom(us.ageIdentity, parts[i + 1]!.data),
  }));
  return { manifest, records, attachments };
}

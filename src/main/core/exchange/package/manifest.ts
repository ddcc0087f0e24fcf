/**
 * The manifest: what a package is (format, sender, recipients, place in the sender's sequence)
 * and what it holds (each encrypted blob's hash, size and content type). It is the signed part:
 * naming the ciphertext hashes lets a receiver refuse a tampered file before decrypting anything.
 * Strict: no field more or less, integers within 2^53, and its bytes canonical (RFC 8785).
 */
import { z } from 'zod';
import { parseCanonical } from './canonical';
import { PackageError } from './codes';
import { MAX_BLOB_BYTES, MAX_BLOBS, MAX_RECIPIENTS, MAX_RECORDS_BYTES } from './limits';

export const PACKAGE_FORMAT = 'ttll-desk/package/v1';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256, 64 lower-case hex digits');
const KeyId = z.string().regex(/^[0-9a-f]{32}$/, 'key id, 32 lower-case hex digits');
/** Office codes as the directory will hold them: short, ASCII, no spaces. */
const OfficeCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'office code');
const Size = (max: number) => z.number().int().min(0).max(max);

const OfficeKeyRef = z.strictObject({ office: OfficeCode, keyId: KeyId });

export const Manifest = z
  .strictObject({
    format: z.literal(PACKAGE_FORMAT),
    /** The sending office and the id of its Ed25519 key (keys.ts signingKeyId). */
    sender: OfficeKeyRef,
    /** The offices it is encrypted to, each with the id of its age key (keys.ts recipientKeyId). */
    recipients: z.array(OfficeKeyRef).min(1).max(MAX_RECIPIENTS),
    /** 1, 2, 3… per sending office, without gaps. */
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    /** SHA-256 of the sender's previous package file; null for its first. */
    prevHash: Sha256Hex.nullable(),
    createdAt: z.iso.datetime({ offset: false }),
    /**
     * The head of the sender's audit chain when it made the package (entry count and hash): the
     * receiver keeps each office's heads, so a history rewritten since is caught at the next one.
     */
    auditHead: z.strictObject({
      count: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      hash: Sha256Hex,
    }),
    /**
     * The receipt: the last package of the recipient's that the sender applied (sequence and
     * hash), or null when it applied none. Every package carries it; a receipt is a package
     * with no records.
     */
    ack: z
      .strictObject({ sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), hash: Sha256Hex })
      .nullable(),
    /** The encrypted records (a JSON document, payload.ts). */
    records: z.strictObject({ sha256: Sha256Hex, size: Size(MAX_RECORDS_BYTES) }),
    /** Encrypted attachments. */
    blobs: z
      .array(
        z.strictObject({
          sha256: Sha256Hex,
          size: Size(MAX_BLOB_BYTES),
          contentType: z.string().regex(/^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/, 'MIME type'),
        }),
      )
      .max(MAX_BLOBS),
  })
  .superRefine((m, ctx) => {
    if ((m.sequence === 1) !== (m.prevHash === null))
      ctx.addIssue({ code: 'custom', path: ['prevHash'], message: 'null exactly for sequence 1' });
    if (new Set(m.recipients.map((r) => r.office)).size !== m.recipients.length)
      ctx.addIssue({ code: 'custom', path: ['recipients'], message: 'an office named twice' });
    const hashes = [m.records.sha256, ...m.blobs.map((b) => b.sha256)];
    if (new Set(hashes).size !== hashes.length)
      ctx.addIssue({ code: 'custom', path: ['blobs'], message: 'a blob listed twice' });
  });
export type Manifest = z.infer<typeof Manifest>;

/** Reads manifest bytes: canonical JSON, a format this program knows, then the schema. */
export function parseManifest(bytes: Uint8Array): Manifest {
  const json = parseCanonical(bytes);
  if (!json.ok) {
    if (json.problem === 'duplicate-key') throw new PackageError('PKG_MANIFEST_DUPLICATE_KEY', json.detail);
    if (json.problem === 'not-canonical') throw new PackageError('PKG_MANIFEST_NOT_CANONICAL', json.detail);
    throw new PackageError('PKG_MANIFEST_INVALID', json.detail);
  }
  // The version first, so a newer program's package is told apart from a broken one.
  const value = json.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new PackageError('PKG_MANIFEST_INVALID', 'not a JSON object');
  const format = (value as { format?: unknown }).format;
  if (format !== PACKAGE_FORMAT)
    throw new PackageError('PKG_VERSION_UNSUPPORTED', `format ${JSON.stringify(format)?.slice(0, 60)}`);
  const parsed = Manifest.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PackageError(
      'PKG_MANIFEST_INVALID',
      `${issue?.path.join('.') || 'manifest'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/**
 * envelope.json, a DSSE envelope (github.com/secure-systems-lab/dsse): the manifest's canonical
 * bytes in base64, their type, and the one signature over PAE(type, bytes) (signature.ts).
 * Carrying the manifest as bytes means the signature is checked over exactly what was signed, and
 * the envelope itself is canonical JSON too, so the whole file has one byte form.
 */
import { z } from 'zod';
import { canonicalBytes, parseCanonical } from './canonical';
import { PackageError } from './codes';
import type { OfficeKeys } from './keys';
import { signingKeyId } from './keys';
import { signPae } from './signature';

export const MANIFEST_TYPE = 'application/vnd.ttll-desk.manifest+json';

/** Canonical base64 (RFC 4648 with padding): one string per byte sequence. */
const Base64 = z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'base64');

const Envelope = z.strictObject({
  payloadType: z.literal(MANIFEST_TYPE),
  payload: Base64,
  signatures: z.array(z.strictObject({ keyid: z.string().regex(/^[0-9a-f]{32}$/), sig: Base64 })).max(1),
});

export interface OpenedEnvelope {
  manifestBytes: Buffer;
  keyId: string;
  sig: Buffer;
}

/**
 * Base64 whose unused low bits are zero: the regular expression admits "QR==" beside "QQ==", and
 * two envelopes with the same content would make two files (two package hashes, a false fork).
 */
function fromBase64(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text)
    throw new PackageError('PKG_ENVELOPE_INVALID', 'non-canonical base64');
  return bytes;
}

export function sealEnvelope(manifestBytes: Uint8Array, sender: OfficeKeys): Buffer {
  return canonicalBytes({
    payloadType: MANIFEST_TYPE,
    payload: Buffer.from(manifestBytes).toString('base64'),
    signatures: [
      {
        keyid: signingKeyId(sender.signingKey),
        sig: Buffer.from(signPae(sender.signingSecret, MANIFEST_TYPE, manifestBytes)).toString('base64'),
      },
    ],
  });
}

export function openEnvelope(bytes: Uint8Array): OpenedEnvelope {
  const json = parseCanonical(bytes);
  if (!json.ok) throw new PackageError('PKG_ENVELOPE_INVALID', `${json.problem}: ${json.detail}`);
  const parsed = Envelope.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PackageError(
      'PKG_ENVELOPE_INVALID',
      `${issue?.path.join('.') || 'envelope'}: ${issue?.message}`,
    );
  }
  const [signature] = parsed.data.signatures;
  if (!signature) throw new PackageError('PKG_SIGNATURE_MISSING');
  return {
    manifestBytes: fromBase64(parsed.data.payload),
    keyId: signature.keyid,
    sig: fromBase64(signature.sig),
  };
}

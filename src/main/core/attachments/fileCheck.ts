import { createHash } from 'node:crypto';
import type { AttachmentMime } from '../../../shared/contract';
import { AppError } from '../errors';

/** 30 MiB of file: a scanned multi-page document, well under the 40 MiB base64 transport bound. */
export const MAX_ATTACHMENT_BYTES = 30 * 1024 * 1024;

/** Recognised by their first bytes; a renamed .exe is not a PDF. */
const SIGNATURES: readonly { mime: AttachmentMime; bytes: readonly number[] }[] = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

export function sniffMime(data: Buffer): AttachmentMime | null {
  const hit = SIGNATURES.find((s) => s.bytes.every((b, i) => data[i] === b));
  return hit ? hit.mime : null;
}

/**
 * A file to keep inside the encrypted database (a register entry's attachment, an inspection's
 * photo): not empty, within the size bound, a PDF, PNG or JPEG by its bytes; its type and digest.
 */
export function checkedFile(data: Buffer): { mime: AttachmentMime; sha256: string } {
  if (data.length === 0) throw new AppError('VALIDATION', 'The file is empty');
  if (data.length > MAX_ATTACHMENT_BYTES)
    throw new AppError('VALIDATION', `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`);
  const mime = sniffMime(data);
  if (!mime) throw new AppError('VALIDATION', 'Only PDF, PNG and JPEG files can be attached');
  return { mime, sha256: createHash('sha256').update(data).digest('hex') };
}

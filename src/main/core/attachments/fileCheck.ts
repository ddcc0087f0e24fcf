import { createHash } from 'node:crypto';
import { DOCX_MIME, type EvidenceMime } from '../../../shared/contract';
import type { FilePolicy } from '../db/tablePolicy';
import { AppError } from '../errors';

/** 30 MiB of file: a scanned multi-page document, well under the 40 MiB base64 transport bound. */
export const MAX_ATTACHMENT_BYTES = 30 * 1024 * 1024;

/** Where a table of checked files keeps them, for its policy when its files travel in packages. */
export const CHECKED_FILE: FilePolicy = {
  content: 'content',
  sha256: 'sha256',
  size: 'size',
  maxBytes: MAX_ATTACHMENT_BYTES,
};

/** Recognised by their first bytes; a renamed .exe is not a PDF. */
const SIGNATURES: readonly { mime: EvidenceMime; bytes: readonly number[] }[] = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  // A ZIP that names the Word body part: a .docx (its central directory lists the part's name).
  { mime: DOCX_MIME, bytes: [0x50, 0x4b, 0x03, 0x04] },
];

export function sniffMime(data: Buffer): EvidenceMime | null {
  const hit = SIGNATURES.find((s) => s.bytes.every((b, i) => data[i] === b));
  if (hit?.mime === DOCX_MIME && !data.includes('word/document.xml')) return null;
  return hit ? hit.mime : null;
}

/**
 * A file to keep inside the encrypted database (a register entry's attachment, a task's evidence,
 * an inspection's photo): not empty, within the size bound, of one of the types allowed
 * (recognised by its bytes); its type and digest.
 */
export function checkedFile<M extends EvidenceMime>(
  data: Buffer,
  allowed: readonly M[],
  refusal: string,
): { mime: M; sha256: string } {
  if (data.length === 0) throw new AppError('VALIDATION', 'The file is empty');
  if (data.length > MAX_ATTACHMENT_BYTES)
    throw new AppError('VALIDATION', `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`);
  const mime = sniffMime(data);
  if (!mime || !(allowed as readonly EvidenceMime[]).includes(mime))
    throw new AppError('VALIDATION', refusal);
  return { mime: mime as M, sha256: createHash('sha256').update(data).digest('hex') };
}

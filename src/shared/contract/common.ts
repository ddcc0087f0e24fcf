import { z } from 'zod';
import { isLongEnough } from '../password';
import { stripControls } from '../text';

/**
 * Text a person typed: control characters and bidi overrides stripped (tab and line breaks kept,
 * for notes), NFC, trimmed; empty strings rejected where a value is required.
 */
export const Text = (max = 500) =>
  z
    .string()
    .max(max)
    .transform((s) => stripControls(s).normalize('NFC').trim());
export const RequiredText = (max = 500) => Text(max).pipe(z.string().min(1));

export const Id = z.string().uuid();
export const IsoDateTime = z.string().datetime({ offset: true });
/**
 * A new password: 12 characters or more, or a passphrase of 4 words or more (issue code
 * `password-short`). The core checks the other rules (user name, common, reused) where it sets one.
 */
export const Password = z
  .string()
  .max(256)
  .refine(isLongEnough, {
    message: 'at least 12 characters, or a passphrase of 4 words or more',
    params: { code: 'password-short' },
  });
export const UserName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,40}$/, 'user name: 2–40 of a-z 0-9 . _ -');
export const Base64 = z
  .string()
  .max(40 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/** Fields every record that can travel between offices carries (ARCHITECTURE.md, Data). */
export const SharedRecordMeta = z.object({
  id: Id,
  originOffice: z.string(),
  version: z.number().int().positive(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  deleted: z.boolean(),
});

/** A generated file handed back to the caller, who saves it where the user chooses. */
export const FileOut = z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() });
export type FileOut = z.infer<typeof FileOut>;

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });

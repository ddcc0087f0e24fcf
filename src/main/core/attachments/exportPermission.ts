import type { FileOut } from '../../../shared/contract';
import { stmt, type Db } from '../db/open';
import type { AuditEntryOf, Ctx } from '../handler';

/** Whether the user holds the per-user permission to export files out of the encrypted store. */
export function mayExportAttachments(db: Db, userName: string): boolean {
  const r = stmt(db, 'SELECT can_export_attachments AS can FROM users WHERE user_name = ?').get(userName) as
    { can: number } | undefined;
  return r?.can === 1;
}

/** A file kept in the encrypted store, as a call hands it to the renderer (viewer or export). */
export const fileOut = (file: { fileName: string; mime: string; content: Buffer }): FileOut => ({
  fileName: file.fileName,
  mime: file.mime,
  dataBase64: file.content.toString('base64'),
});

/**
 * Takes a stored file (a task's evidence, an inspection's photo) out of the encrypted store: only
 * with the export permission; the refusal and the export are both audited with `entry`.
 */
export function exportStoredFile<A extends string>(
  ctx: Ctx<A>,
  entry: AuditEntryOf<A>,
  file: { fileName: string; mime: string; content: Buffer },
): FileOut {
  if (!mayExportAttachments(ctx.db, ctx.user.userName))
    ctx.deny(entry, 'You do not have the permission to export attachments');
  ctx.tx(() => ctx.audit(entry));
  return fileOut(file);
}

import { stmt, type Db } from '../db/open';

/** Whether the user holds the per-user permission to export files out of the encrypted store. */
export function mayExportAttachments(db: Db, userName: string): boolean {
  const r = stmt(db, 'SELECT can_export_attachments AS can FROM users WHERE user_name = ?').get(userName) as
    { can: number } | undefined;
  return r?.can === 1;
}

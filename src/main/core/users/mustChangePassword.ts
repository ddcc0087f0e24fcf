import type { Db } from '../db/open';

/**
 * Marks a password as set by an administrator (the user must change it at the next sign-in) or
 * as chosen by the user; the caller's transaction holds it with its audit entry.
 */
export function setMustChangePassword(db: Db, userName: string, value: boolean, at: Date): void {
  db.prepare('UPDATE users SET must_change_password = ?, updated_at = ? WHERE user_name = ?').run(
    value ? 1 : 0,
    at.toISOString(),
    userName,
  );
}

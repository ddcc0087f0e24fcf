import type { Clearance, Role } from '../../../shared/contract';
import { stmt, type Db } from '../db/open';

/** A row of the users table, as the vault reads it to decide a user's keys. */
export interface UserRow {
  user_name: string;
  full_name: string;
  role: Role;
  clearance: Clearance;
  disabled: number;
  key_holder: string | null;
  must_change_password: number;
}

export function userRow(db: Db, userName: string): UserRow | undefined {
  return stmt(db, 'SELECT * FROM users WHERE user_name = ?').get(userName) as UserRow | undefined;
}

export function allUserRows(db: Db): UserRow[] {
  return stmt(db, 'SELECT * FROM users').all() as UserRow[];
}

/** Records a user's key holder (their key pair's id in the key file); inside the caller's transaction. */
export function setKeyHolder(db: Db, userName: string, holder: string): void {
  stmt(db, 'UPDATE users SET key_holder = ? WHERE user_name = ?').run(holder, userName);
}

/** What decides a user's keys; a missing row holds none. */
export function rowAccess(row: UserRow | undefined): { role: Role; clearance: Clearance; disabled: boolean } {
  return {
    role: row?.role ?? 'viewer',
    clearance: row?.clearance ?? 'none',
    disabled: !row || row.disabled === 1,
  };
}

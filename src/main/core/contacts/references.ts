import type { WireError } from '../../../shared/contract';
import type { Db } from '../db/open';
import { AppError } from '../errors';

/** A field of a call that names an organisation or a contact of the directory. */
export interface Reference {
  /** The field, as the caller named it ("organizationId", "senderContactId", "parentId"). */
  path: string;
  table: 'organizations' | 'contacts';
  id: string | null | undefined;
  /** The value the record already holds: kept as it is, it is accepted even if since deleted. */
  current?: string | null | undefined;
}

/**
 * Refuses references to records that do not exist or are deleted (tombstoned), with every
 * offending field named (issue code `reference`), before anything is written.
 */
export function checkReferences(db: Db, refs: readonly Reference[]): void {
  const issues: NonNullable<WireError['issues']> = [];
  for (const r of refs) {
    if (!r.id) continue;
    const row = db.prepare(`SELECT deleted FROM ${r.table} WHERE id = ?`).get(r.id) as
      { deleted: number } | undefined;
    const keptAsItWas = row !== undefined && r.id === r.current;
    if (row && (row.deleted === 0 || keptAsItWas)) continue;
    const what = r.table === 'contacts' ? 'contact' : 'organization';
    issues.push({
      path: r.path,
      message: `${row ? 'deleted' : 'no such'} ${what} ${r.id}`,
      code: 'reference',
    });
  }
  if (issues.length > 0)
    throw new AppError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

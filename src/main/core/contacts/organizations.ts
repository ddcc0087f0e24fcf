import { normalizePhone } from '../../../shared/phone';
import { eq } from 'drizzle-orm';
import type { Organization, OrgKind } from '../../../shared/contract';
import { compareVietnamese, foldVietnamese } from '../../../shared/text';
import type { Db } from '../db/open';
import { orm } from '../db/orm';
import {
  guardChange,
  insertRecord,
  recordTable,
  tombstoneRecord,
  updateRecord,
  type Writer,
} from '../db/recordKernel';
import { sharedTable } from '../db/tablePolicy';
import { organizations } from './schema';
import { AppError } from '../errors';
import { rebuildContactsOf } from './searchIndex';

type OrgRow = typeof organizations.$inferSelect;

/** Organisations travel both ways; any office may add them. Their name is in their contacts' index. */
export const ORGANIZATION_RECORDS = recordTable(
  organizations,
  sharedTable('both', 'any', { rebuild: rebuildContactsOf }),
  'organization',
);

export interface OrgFields {
  name: string;
  kind: OrgKind;
  parentId: string | null;
  area: string;
  address: string;
  switchboard: string;
}

export function getOrganization(db: Db, id: string): OrgRow {
  const row = orm(db).select().from(organizations).where(eq(organizations.id, id)).get();
  if (!row) throw new AppError('NOT_FOUND', `No organization ${id}`);
  return row;
}

export function listOrganizations(
  db: Db,
  f: { query: string; kind?: OrgKind | undefined; area?: string | undefined; includeDeleted: boolean },
): Organization[] {
  const rows = db
    .prepare(
      `SELECT o.*, p.name AS parent_name,
        (SELECT count(*) FROM contacts c WHERE c.organization_id = o.id AND c.deleted = 0) AS contact_count
       FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id`,
    )
    .all() as (Record<string, unknown> & { parent_name: string | null; contact_count: number })[];
  const q = foldVietnamese(f.query);
  return rows
    .map((r) => ({
      id: r.id as string,
      originOffice: r.origin_office as string,
      version: r.version as number,
      updatedAt: r.updated_at as string,
      updatedBy: r.updated_by as string,
      deleted: r.deleted === 1,
      name: r.name as string,
      kind: r.kind as OrgKind,
      parentId: (r.parent_id as string | null) ?? null,
      area: r.area as string,
      address: r.address as string,
      switchboard: r.switchboard as string,
      parentName: r.parent_name,
      contactCount: r.contact_count,
    }))
    .filter(
      (o) =>
        (f.includeDeleted || !o.deleted) &&
        (!f.kind || o.kind === f.kind) &&
        (!f.area || o.area === f.area) &&
        (!q || foldVietnamese(`${o.name} ${o.area} ${o.address}`).includes(q)),
    )
    .sort((a, b) => compareVietnamese(a.name, b.name));
}

/** Refuses a parent chain that loops back to the organisation itself. */
function assertNoCycle(db: Db, id: string, parentId: string | null): void {
  for (let p = parentId, depth = 0; p; depth++) {
    if (p === id || depth > 50)
      throw new AppError('VALIDATION', 'An organization cannot be its own parent', [
        { path: 'parentId', message: 'cycle', code: 'cycle' },
      ]);
    p = getOrganization(db, p).parentId;
  }
}

/** A switchboard is a phone number like any other: stored normalised, refused when not Vietnamese. */
export function withSwitchboard(fields: OrgFields): OrgFields {
  if (!fields.switchboard.trim()) return { ...fields, switchboard: '' };
  const normalized = normalizePhone(fields.switchboard);
  if (!normalized)
    throw new AppError('VALIDATION', `Not a Vietnamese phone number: ${fields.switchboard}`, [
      { path: 'switchboard', message: 'not a Vietnamese phone number', code: 'phone' },
    ]);
  return { ...fields, switchboard: normalized };
}

export function insertOrganization(db: Db, fields: OrgFields, by: Writer): OrgRow {
  if (fields.parentId) getOrganization(db, fields.parentId);
  return insertRecord(db, ORGANIZATION_RECORDS, withSwitchboard(fields), by);
}

export function updateOrganization(
  db: Db,
  id: string,
  version: number | undefined,
  fields: OrgFields,
  by: Writer,
): OrgRow {
  const current = getOrganization(db, id);
  guardChange(ORGANIZATION_RECORDS, current, by, version);
  assertNoCycle(db, id, fields.parentId);
  return updateRecord(db, ORGANIZATION_RECORDS, current, withSwitchboard(fields), by, { expected: version });
}

export function setOrganizationDeleted(
  db: Db,
  id: string,
  version: number | null,
  deleted: boolean,
  by: Writer,
): void {
  tombstoneRecord(db, ORGANIZATION_RECORDS, getOrganization(db, id), deleted, by, { expected: version });
}

/** Live organisations by folded name, for matching imported rows in one pass. */
export function organizationsByFoldedName(db: Db): Map<string, OrgRow> {
  const rows = orm(db).select().from(organizations).where(eq(organizations.deleted, false)).all();
  return new Map(rows.map((r) => [foldVietnamese(r.name), r]));
}

import type { ImportRow } from '../../../shared/contract';
import type { Db } from '../db/open';
import type { Writer } from '../db/recordKernel';
import { importInvalid } from '../import/limits';
import { savePreview, takePreview } from '../import/previews';
import type { CoreServices } from '../services';
import { contactIdsWithPhone, insertContact } from './contactStore';
import { readTable, validateRows, type ParsedRow } from './importParse';
import { insertOrganization, organizationsByFoldedName } from './organizations';
import { formatPhone } from '../../../shared/phone';
import { foldVietnamese } from '../../../shared/text';

const KIND = 'contacts';

/** Parses and checks a file against the directory; nothing is written until commit. */
export async function previewImport(
  db: Db,
  services: CoreServices,
  user: string,
  fileName: string,
  data: Buffer,
): Promise<{
  previewId: string;
  rows: ImportRow[];
  counts: { valid: number; invalid: number; duplicate: number };
  encoding: string | null;
}> {
  let parsed: ParsedRow[];
  let encoding: string | null;
  try {
    const table = await readTable(fileName, data);
    encoding = table.encoding;
    parsed = validateRows(table);
  } catch (e) {
    throw importInvalid(e);
  }
  const rows = parsed.map((r): ParsedRow => {
    if (r.status !== 'valid') return r;
    const taken = r.phones.find((p) => contactIdsWithPhone(db, p).length > 0);
    return taken
      ? { ...r, status: 'duplicate', reason: 'duplicate-in-directory', detail: formatPhone(taken) }
      : r;
  });
  const previewId = savePreview(services, KIND, user, rows);
  const count = (s: ParsedRow['status']) => rows.filter((r) => r.status === s).length;
  return {
    previewId,
    rows: rows.map(({ notes: _notes, duplicateOfLine: _line, ...r }) => r),
    counts: { valid: count('valid'), invalid: count('invalid'), duplicate: count('duplicate') },
    encoding,
  };
}

/**
 * Writes the accepted rows of a preview. The caller runs this inside one transaction, so an
 * error on any row leaves the directory exactly as it was.
 */
export function commitImport(
  db: Db,
  services: CoreServices,
  previewId: string,
  includeDuplicates: boolean,
  by: Writer,
): { imported: number; organizationsCreated: number; ids: string[] } {
  const rows = takePreview<ParsedRow[]>(services, KIND, previewId, by.user);
  const orgs = organizationsByFoldedName(db);
  let organizationsCreated = 0;
  const ids: string[] = [];
  for (const r of rows) {
    if (!(r.status === 'valid' || (includeDuplicates && r.status === 'duplicate'))) continue;
    let orgId: string | null = null;
    if (r.organization) {
      const key = foldVietnamese(r.organization);
      let org = orgs.get(key);
      if (!org) {
        org = insertOrganization(
          db,
          { name: r.organization, kind: 'other', parentId: null, area: '', address: '', switchboard: '' },
          by,
        );
        orgs.set(key, org);
        organizationsCreated++;
      }
      orgId = org.id;
    }
    const row = insertContact(
      db,
      {
        fullName: r.fullName,
        position: r.position,
        organizationId: orgId,
        phones: r.phones,
        email: r.email,
        roles: r.roles,
        notes: r.notes,
      },
      by,
    );
    ids.push(row.id);
  }
  return { imported: ids.length, organizationsCreated, ids };
}

/**
 * What this office derives from the directory's shared records: the folded full-text index, the
 * Vietnamese sort key and the phone index of each contact. Rebuilt by the record kernel after any
 * write, local or applied from a package (the `rebuild` hooks of contacts and organisations).
 */
import { formatPhone } from '../../../shared/phone';
import { foldVietnamese, nameSortKey } from '../../../shared/text';
import { stmt, type Db } from '../db/open';
import type { contacts } from './schema';

type ContactRow = typeof contacts.$inferSelect;

/**
 * Keeps the search index and the phone index in step with a contact, in the caller's
 * transaction. The indexed text is folded (no diacritics, đ→d) like every query.
 */
export function reindexContact(
  db: Db,
  row: Pick<ContactRow, 'id' | 'fullName' | 'position' | 'phones' | 'email' | 'notes' | 'deleted'>,
  organizationName: string | null,
): void {
  const sortKey = nameSortKey(row.fullName);
  const known = stmt(db, 'SELECT n FROM contact_search_keys WHERE contact_id = ?').get(row.id) as
    { n: number } | undefined;
  // A contact indexed before has its rows replaced; a new one (an import's every row) has none to delete.
  if (known) {
    stmt(db, 'UPDATE contact_search_keys SET sort_key = ? WHERE n = ?').run(sortKey, known.n);
    stmt(db, 'DELETE FROM contacts_fts WHERE rowid = ?').run(known.n);
    stmt(db, 'DELETE FROM contact_phones WHERE contact_id = ?').run(row.id);
  }
  // No RETURNING: FTS5 would write its pending rows out at each contact of an import (recordKernel appendFeed).
  const n =
    known?.n ??
    Number(
      stmt(db, 'INSERT INTO contact_search_keys (contact_id, sort_key) VALUES (?, ?)').run(row.id, sortKey)
        .lastInsertRowid,
    );
  if (row.deleted) return;
  const phones = JSON.parse(row.phones) as string[];
  const body = foldVietnamese(
    [
      row.fullName,
      row.position,
      organizationName ?? '',
      row.email,
      row.notes,
      ...phones,
      ...phones.map(formatPhone),
    ].join(' '),
  );
  stmt(db, 'INSERT INTO contacts_fts (rowid, body) VALUES (?, ?)').run(n, body);
  const ins = stmt(db, 'INSERT INTO contact_phones (contact_id, phone) VALUES (?, ?)');
  for (const p of phones) ins.run(row.id, p);
}

interface ContactSql {
  id: string;
  full_name: string;
  position: string;
  phones: string;
  email: string;
  notes: string;
  deleted: number;
  org_name: string | null;
}

/**
 * Rebuilds one contact's derived rows from the stored record. Its organisation may not be here
 * yet (a package applies records in any order): it is indexed without the name, and the
 * organisation's own rebuild adds it when it arrives.
 */
export function rebuildContact(db: Db, id: string): void {
  const r = stmt(
    db,
    `SELECT c.id, c.full_name, c.position, c.phones, c.email, c.notes, c.deleted, o.name AS org_name
       FROM contacts c LEFT JOIN organizations o ON o.id = c.organization_id WHERE c.id = ?`,
  ).get(id) as ContactSql | undefined;
  if (!r) return;
  reindexContact(
    db,
    {
      id: r.id,
      fullName: r.full_name,
      position: r.position,
      phones: r.phones,
      email: r.email,
      notes: r.notes,
      deleted: r.deleted === 1,
    },
    r.org_name,
  );
}

/** Contacts are found by their organisation's name too: an organisation's write reindexes its contacts. */
export function rebuildContactsOf(db: Db, organizationId: string): void {
  const ids = stmt(db, 'SELECT id FROM contacts WHERE organization_id = ?').all(organizationId) as {
    id: string;
  }[];
  for (const { id } of ids) rebuildContact(db, id);
}

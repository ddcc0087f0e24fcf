import type { Migration } from '../../module';

// The directory's first page at interactive speed (bench/results.md): the sort index also holds
// the contact id, the list's tie-break, so the page is read in index order and stops at its last
// row instead of sorting every contact; the live contacts are counted from an index of their own.
export default {
  step: 2,
  sql: `
  DROP INDEX contact_search_keys_sort;
  CREATE INDEX contact_search_keys_sort ON contact_search_keys(sort_key, contact_id);
  CREATE INDEX contacts_live ON contacts(deleted);
  `,
} satisfies Migration;

import type { Migration } from '../../module';

// Application settings (key → JSON value), local to this office.
export default {
  step: 1,
  sql: `
  CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
  `,
} satisfies Migration;

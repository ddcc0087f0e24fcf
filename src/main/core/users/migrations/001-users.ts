import type { Migration } from '../../module';

// Users of this office; their password slots live in ttll.keys.json, not here.
export default {
  step: 1,
  sql: `
  CREATE TABLE users (
    user_name TEXT PRIMARY KEY NOT NULL,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL,
    clearance TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
} satisfies Migration;

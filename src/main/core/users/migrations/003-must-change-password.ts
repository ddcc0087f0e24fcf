import type { Migration } from '../../module';

// A password an administrator set (new user, reset) must be changed at the user's next sign-in.
export default {
  step: 3,
  sql: `
  ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
  `,
} satisfies Migration;

import type { Migration } from '../../module';

// Exporting attachments out of the encrypted store is a per-user permission.
export default {
  step: 2,
  sql: `
  ALTER TABLE users ADD COLUMN can_export_attachments INTEGER NOT NULL DEFAULT 0;
  `,
} satisfies Migration;

import type { Migration } from '../../module';

// Each entry's seal: HMAC-SHA256 of its hash under the key of its position in a forward-secure
// key chain (audit/sealing.ts); empty for entries written before sealing began, or while it is
// paused (a restore by a session without the audit key).
export default {
  step: 2,
  sql: `
  ALTER TABLE audit_log ADD COLUMN mac TEXT NOT NULL DEFAULT '';
  `,
} satisfies Migration;

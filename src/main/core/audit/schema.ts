import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { AUDIT_OUTCOMES } from '../../../shared/contract';

export const auditLog = sqliteTable('audit_log', {
  seq: integer('seq').primaryKey(),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: text('target_id').notNull(),
  outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
  details: text('details').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  /** HMAC of `hash` under the chain key of this position; '' where not sealed (audit/sealing.ts). */
  mac: text('mac').notNull().default(''),
});

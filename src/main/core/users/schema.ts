import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CLEARANCES, ROLES } from '../../../shared/contract';

export const users = sqliteTable('users', {
  userName: text('user_name').primaryKey(),
  fullName: text('full_name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  clearance: text('clearance', { enum: CLEARANCES }).notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  canExportAttachments: integer('can_export_attachments', { mode: 'boolean' }).notNull().default(false),
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
});

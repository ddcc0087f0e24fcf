import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * This office's sequence of changes to shared records, written by the record kernel in the
 * transaction of each change: what to package next is exactly the rows after the last seq sent.
 * `incarnation` is the database's incarnation when the change was made (a restore starts a new one).
 */
export const changeFeed = sqliteTable(
  'change_feed',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    source: text('source', { enum: ['local', 'package'] }).notNull(),
    sourceOffice: text('source_office').notNull(),
    incarnation: text('incarnation').notNull(),
  },
  (t) => [index('change_feed_record').on(t.tableName, t.recordId)],
);

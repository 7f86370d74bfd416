import { jsonb, pgTable, varchar } from 'drizzle-orm/pg-core';
import { timestampColumn } from '../db/columns.ts';

/**
 * Operator settings of the whole installation (the disassociation request limit, the operator's
 * time zone, …), one JSON value per key. Each module owns its keys and validates their values.
 */
export const platformSettings = pgTable('platform_settings', {
  key: varchar({ length: 128 }).primaryKey(),
  value: jsonb().$type<unknown>().notNull(),
  updatedAt: timestampColumn().notNull(),
  updatedBy: varchar({ length: 255 }).notNull(),
});

import { timestamp, varchar } from 'drizzle-orm/pg-core';

/** Shared column builders, so every table spells ids, tenancy and timestamps the same way. */
export const idColumn = () => varchar({ length: 64 }).primaryKey();
export const partnerIdColumn = () => varchar({ length: 64 }).notNull();
export const timestampColumn = () => timestamp({ withTimezone: true, mode: 'date' });

import { integer, jsonb, pgTable, primaryKey, varchar } from 'drizzle-orm/pg-core';
import { partnerIdColumn, timestampColumn } from '../db/columns.ts';

/**
 * `Idempotency-Key` claims, one per partner and key. The primary key is what makes concurrent
 * duplicates resolve to one move: the second insert waits for the first transaction and then
 * sees its stored answer. `fingerprint` is the hash of the operation and its parameters; `status`
 * and `response` are the first answer, replayed to repeats within the retention window.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    partnerId: partnerIdColumn(),
    key: varchar({ length: 128 }).notNull(),
    operation: varchar({ length: 96 }).notNull(),
    fingerprint: varchar({ length: 64 }).notNull(),
    /** Null while the first request is still running (its transaction holds the row). */
    status: integer(),
    response: jsonb().$type<unknown>(),
    createdAt: timestampColumn().notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.key] })],
);

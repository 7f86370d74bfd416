import { index, jsonb, pgTable, varchar } from 'drizzle-orm/pg-core';
import { idColumn, partnerIdColumn, timestampColumn } from '../db/columns.ts';

/** Where a write came from: the console, the open API, the CLI or a background job. */
export const auditSources = ['console', 'api', 'cli', 'system'] as const;
export type AuditSource = (typeof auditSources)[number];

/**
 * The operation trail (CTS-style event list). One row per write, in the same transaction as the
 * write, so the trail never disagrees with the data.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    eventType: varchar({ length: 32 }).notNull(),
    eventSource: varchar({ length: 16 }).$type<AuditSource>().notNull(),
    action: varchar({ length: 96 }).notNull(),
    resourceType: varchar({ length: 64 }).notNull(),
    resourceId: varchar({ length: 128 }).notNull(),
    resourceName: varchar({ length: 255 }).notNull().default(''),
    actorType: varchar({ length: 16 }).notNull(),
    actorId: varchar({ length: 64 }).notNull(),
    actorName: varchar({ length: 255 }).notNull(),
    before: jsonb().$type<Record<string, unknown> | null>(),
    after: jsonb().$type<Record<string, unknown> | null>(),
    requestId: varchar({ length: 64 }).notNull(),
    sourceIp: varchar({ length: 64 }).notNull().default(''),
    occurredAt: timestampColumn().notNull(),
  },
  (t) => [
    index().on(t.partnerId, t.occurredAt),
    index().on(t.partnerId, t.resourceType, t.resourceId),
    index().on(t.partnerId, t.actorId),
  ],
);

import { and, count, desc, eq, gte, ilike, lt, lte, or, type SQL } from 'drizzle-orm';
import { auditEvents, auditSources, type AuditSource } from '../../platform/audit/index.ts';
import { assertPermission } from '../../platform/auth/authorize.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import type { Db } from '../../platform/db/index.ts';
import {
  createExportFile,
  prefetchFirstPage,
  type ExportColumn,
  type ExportFile,
  type ExportFormat,
} from '../../platform/exports/index.ts';
import type { ServiceContext } from '../../platform/http/context.ts';
import { invalidParameter } from '../../platform/http/errors.ts';
import type { Page, PagedResult } from '../../platform/http/schemas.ts';

export type AuditEvent = typeof auditEvents.$inferSelect;

/** The event-list filters (CTS: event type, source, resource type, filter type), all optional. */
export interface AuditFilters {
  eventType?: string | undefined;
  eventSource?: AuditSource | undefined;
  resourceType?: string | undefined;
  resourceId?: string | undefined;
  /** Part of the resource name, case-insensitive. */
  resourceName?: string | undefined;
  /** Part of the actor name (`account/user`), case-insensitive, or exactly the actor id. */
  actor?: string | undefined;
  action?: string | undefined;
  /** Earliest occurrence, inclusive, as `yyyy-MM-ddTHH:mm:ssZ` (milliseconds allowed). */
  from?: string | undefined;
  /** Latest occurrence, inclusive, same format. */
  to?: string | undefined;
}

/** An export holds at most this many events, newest first; narrow the filters for older ones. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
/** Rows fetched per query while exporting, so memory stays flat whatever the export size. */
export const AUDIT_EXPORT_PAGE_SIZE = 1_000;

const UTC_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** A UTC time as the API writes it; calendar-impossible values (Feb 30) are refused too. */
function parseUtcTime(value: string, field: string): Date {
  const time = new Date(value);
  const sameDay =
    !Number.isNaN(time.getTime()) && time.toISOString().slice(0, 19) === value.slice(0, 19);
  if (!UTC_TIME.test(value) || !sameDay) {
    throw invalidParameter(field, "must be a UTC time like '2026-01-15T02:00:00Z'");
  }
  return time;
}

/** LIKE treats `%`, `_` and the escape character as patterns; a filter means its literal text. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Checks the filters and turns them into the tenant-scoped WHERE of the event list. */
function whereOf(partnerId: string, filters: AuditFilters): SQL | undefined {
  const conditions: SQL[] = [eq(auditEvents.partnerId, partnerId)];
  if (filters.eventSource !== undefined && !auditSources.includes(filters.eventSource)) {
    throw invalidParameter('event_source', `must be one of ${auditSources.join(', ')}`);
  }
  const from = filters.from ? parseUtcTime(filters.from, 'from') : undefined;
  const to = filters.to ? parseUtcTime(filters.to, 'to') : undefined;
  if (from && to && from > to) throw invalidParameter('to', 'must not be before from');
  if (filters.eventType) conditions.push(eq(auditEvents.eventType, filters.eventType));
  if (filters.eventSource) conditions.push(eq(auditEvents.eventSource, filters.eventSource));
  if (filters.resourceType) conditions.push(eq(auditEvents.resourceType, filters.resourceType));
  if (filters.resourceId) conditions.push(eq(auditEvents.resourceId, filters.resourceId));
  if (filters.resourceName)
    conditions.push(ilike(auditEvents.resourceName, likePattern(filters.resourceName)));
  if (filters.action) conditions.push(eq(auditEvents.action, filters.action));
  if (filters.actor) {
    const actor = or(
      ilike(auditEvents.actorName, likePattern(filters.actor)),
      eq(auditEvents.actorId, filters.actor),
    );
    if (actor) conditions.push(actor);
  }
  if (from) conditions.push(gte(auditEvents.occurredAt, from));
  if (to) conditions.push(lte(auditEvents.occurredAt, to));
  return and(...conditions);
}

/**
 * The caller's operation trail (CTS event list, §5.4), newest first. Only the caller's own
 * partner's events are visible.
 *
 * @throws CBC.0151 without `audit.view`; CBC.0100 naming `from`, `to` or `event_source` when
 *   malformed (or `to` before `from`).
 */
export async function listAuditEvents(
  ctx: ServiceContext,
  filters: AuditFilters,
  page: Page,
): Promise<PagedResult<AuditEvent>> {
  const { partnerId } = assertPermission(ctx, Permissions.AUDIT_VIEW);
  const where = whereOf(partnerId, filters);
  const [total] = await ctx.db.select({ value: count() }).from(auditEvents).where(where);
  const items = await ctx.db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(page.limit)
    .offset(page.offset);
  return { items, totalCount: total?.value ?? 0 };
}

/**
 * Pages through the matching events newest first, keyed on (occurred_at, id) rather than an
 * offset, so each page costs the same however deep the export goes.
 */
async function* eventPages(db: Db, where: SQL | undefined): AsyncGenerator<AuditEvent[]> {
  let remaining = AUDIT_EXPORT_MAX_ROWS;
  let last: AuditEvent | undefined;
  while (remaining > 0) {
    // (occurred_at, id) < (last.occurred_at, last.id); the plain `<=` bound lets the
    // (partner_id, occurred_at) index start at the cursor instead of filtering every row.
    const after = last
      ? and(
          lte(auditEvents.occurredAt, last.occurredAt),
          or(lt(auditEvents.occurredAt, last.occurredAt), lt(auditEvents.id, last.id)),
        )
      : undefined;
    const size = Math.min(AUDIT_EXPORT_PAGE_SIZE, remaining);
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(where, after))
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
      .limit(size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    remaining -= rows.length;
    last = rows.at(-1);
  }
}

function json(value: Record<string, unknown> | null): string {
  return value ? JSON.stringify(value) : '';
}

const exportColumns: ExportColumn<AuditEvent>[] = [
  { header: 'Time (UTC)', value: (event) => event.occurredAt, width: 20 },
  { header: 'Event type', value: (event) => event.eventType },
  { header: 'Event source', value: (event) => event.eventSource },
  { header: 'Action', value: (event) => event.action, width: 32 },
  { header: 'Resource type', value: (event) => event.resourceType, width: 20 },
  { header: 'Resource ID', value: (event) => event.resourceId, width: 34 },
  { header: 'Resource name', value: (event) => event.resourceName, width: 24 },
  { header: 'Actor type', value: (event) => event.actorType },
  { header: 'Actor ID', value: (event) => event.actorId, width: 34 },
  { header: 'Actor name', value: (event) => event.actorName, width: 24 },
  { header: 'Request ID', value: (event) => event.requestId, width: 38 },
  { header: 'Source IP', value: (event) => event.sourceIp, width: 16 },
  { header: 'Before', value: (event) => json(event.before), width: 40 },
  { header: 'After', value: (event) => json(event.after), width: 40 },
  { header: 'Event ID', value: (event) => event.id, width: 34 },
];

/**
 * The caller's matching events as a CSV or XLSX download, newest first, at most
 * `AUDIT_EXPORT_MAX_ROWS`. Rights, filters and the first page are checked before the file
 * starts; later rows are read from the database as the client downloads.
 *
 * @throws CBC.0151 without `audit.view`; CBC.0100 naming the malformed filter.
 */
export async function exportAuditEvents(
  ctx: ServiceContext,
  filters: AuditFilters,
  format: ExportFormat,
): Promise<ExportFile> {
  const { partnerId } = assertPermission(ctx, Permissions.AUDIT_VIEW);
  const where = whereOf(partnerId, filters);
  return createExportFile({
    baseName: 'audit-events',
    format,
    at: ctx.clock.now(),
    columns: exportColumns,
    pages: await prefetchFirstPage(eventPages(ctx.db, where)),
  });
}

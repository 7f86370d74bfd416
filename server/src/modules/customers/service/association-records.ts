import { and, asc, count, desc, eq, gt, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import {
  createExportFile,
  prefetchFirstPage,
  type ExportColumn,
  type ExportFile,
  type ExportFormat,
} from '../../../platform/exports/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { invalidParameter } from '../../../platform/http/errors.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { likePattern } from '../rules.ts';
import {
  customerAssociationRecords,
  customerAssociationRequests,
  customers,
  type AssociationEvent,
  type AssociationRequestInitiator,
  type AssociationRequestKind,
  type AssociationRequestStatus,
  type AssociationType,
} from '../schema.ts';
import { assertCaller, CONSOLE_ACCOUNT_TYPES, visibleCustomers } from './shared.ts';

/** Filters of 管理关联记录 (P-14): customer, event and a half-open time range. */
export interface AssociationRecordFilters {
  /** Matches the customer's account name, real name or id anywhere, case-insensitively. */
  customer?: string | undefined;
  event?: AssociationEvent | undefined;
  occurredFrom?: Date | undefined;
  occurredTo?: Date | undefined;
}

export interface AssociationRecordItem {
  id: string;
  customerId: string;
  customerAccountName: string;
  customerName: string;
  event: AssociationEvent;
  associationType: AssociationType;
  occurredAt: Date;
  actor: string;
  /** The request behind the event, with its current state (actions depend on it). */
  request: {
    id: string;
    kind: AssociationRequestKind;
    initiator: AssociationRequestInitiator;
    status: AssociationRequestStatus;
    fromAssociationType: AssociationType;
    toAssociationType: AssociationType | null;
    reason: string;
    opinion: string;
    decidedBy: string;
    /** A failed pre-review's reason and the reviewers' contact (R-DIS-06). */
    reviewOpinion: string;
    reviewerContact: string;
  } | null;
}

function conditions(principal: Principal, filters: AssociationRecordFilters): SQL | undefined {
  if (filters.occurredFrom && filters.occurredTo && filters.occurredFrom >= filters.occurredTo) {
    throw invalidParameter('occurred_to', 'must be after occurred_from');
  }
  const pattern = filters.customer ? likePattern(filters.customer) : undefined;
  return and(
    eq(customerAssociationRecords.partnerId, principal.partnerId),
    visibleCustomers(principal.partnerId, principal),
    pattern
      ? or(
          ilike(customers.accountName, pattern),
          ilike(customers.customerName, pattern),
          ilike(customers.id, pattern),
        )
      : undefined,
    filters.event ? eq(customerAssociationRecords.event, filters.event) : undefined,
    filters.occurredFrom
      ? gte(customerAssociationRecords.occurredAt, filters.occurredFrom)
      : undefined,
    filters.occurredTo ? lt(customerAssociationRecords.occurredAt, filters.occurredTo) : undefined,
  );
}

const selection = {
  record: customerAssociationRecords,
  customerAccountName: customers.accountName,
  customerName: customers.customerName,
  request: customerAssociationRequests,
};

type Joined = {
  record: typeof customerAssociationRecords.$inferSelect;
  customerAccountName: string;
  customerName: string;
  request: typeof customerAssociationRequests.$inferSelect | null;
};

function toItem(row: Joined): AssociationRecordItem {
  const { record, request } = row;
  return {
    id: record.id,
    customerId: record.customerId,
    customerAccountName: row.customerAccountName,
    customerName: row.customerName,
    event: record.event,
    associationType: record.associationType,
    occurredAt: record.occurredAt,
    actor: record.actor,
    request: request
      ? {
          id: request.id,
          kind: request.kind,
          initiator: request.initiator,
          status: request.status,
          fromAssociationType: request.fromAssociationType,
          toAssociationType: request.toAssociationType,
          reason: request.reason,
          opinion: request.opinion,
          decidedBy: request.decidedBy,
          reviewOpinion: request.reviewOpinion,
          reviewerContact: request.reviewerContact,
        }
      : null,
  };
}

function joinedQuery(ctx: ServiceContext, where: SQL | undefined) {
  return ctx.db
    .select(selection)
    .from(customerAssociationRecords)
    .innerJoin(
      customers,
      and(
        eq(customers.partnerId, customerAssociationRecords.partnerId),
        eq(customers.id, customerAssociationRecords.customerId),
      ),
    )
    .leftJoin(
      customerAssociationRequests,
      and(
        eq(customerAssociationRequests.partnerId, customerAssociationRecords.partnerId),
        eq(customerAssociationRequests.id, customerAssociationRecords.requestId),
      ),
    )
    .where(where);
}

/**
 * 管理关联记录 (P-14): associations, type switches, disassociations and requests of the caller's
 * customers within its data scope, newest first, each with the request behind it so customer
 * requests waiting for the partner can be decided from the list.
 *
 * @throws CBC.0151 without `customer.view`; CBC.0100 naming `occurred_to` for an empty range.
 */
export async function listAssociationRecords(
  ctx: ServiceContext,
  filters: AssociationRecordFilters,
  page: Page,
): Promise<PagedResult<AssociationRecordItem>> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_VIEW);
  const where = conditions(principal, filters);
  const [total] = await ctx.db
    .select({ value: count() })
    .from(customerAssociationRecords)
    .innerJoin(
      customers,
      and(
        eq(customers.partnerId, customerAssociationRecords.partnerId),
        eq(customers.id, customerAssociationRecords.customerId),
      ),
    )
    .where(where);
  const rows = await joinedQuery(ctx, where)
    .orderBy(desc(customerAssociationRecords.occurredAt), asc(customerAssociationRecords.id))
    .limit(page.limit)
    .offset(page.offset);
  return { items: rows.map(toItem), totalCount: total?.value ?? 0 };
}

const EXPORT_PAGE_SIZE = 1000;
const EXPORT_MAX_ROWS = 100_000;

const exportColumns: readonly ExportColumn<AssociationRecordItem>[] = [
  { header: 'occurred_at', value: (row) => row.occurredAt, width: 22 },
  { header: 'customer_id', value: (row) => row.customerId, width: 34 },
  { header: 'account_name', value: (row) => row.customerAccountName, width: 30 },
  { header: 'customer_name', value: (row) => row.customerName, width: 20, mask: 'name' },
  { header: 'event', value: (row) => row.event, width: 18 },
  { header: 'association_type', value: (row) => row.associationType },
  { header: 'actor', value: (row) => row.actor, width: 28 },
  { header: 'request_kind', value: (row) => row.request?.kind ?? '', width: 14 },
  { header: 'request_initiator', value: (row) => row.request?.initiator ?? '' },
  { header: 'request_status', value: (row) => row.request?.status ?? '', width: 18 },
  { header: 'reason', value: (row) => row.request?.reason ?? '', width: 40 },
  { header: 'opinion', value: (row) => row.request?.opinion ?? '', width: 40 },
  { header: 'review_opinion', value: (row) => row.request?.reviewOpinion ?? '', width: 40 },
  { header: 'reviewer_contact', value: (row) => row.request?.reviewerContact ?? '', width: 28 },
];

async function* recordPages(
  ctx: ServiceContext,
  where: SQL | undefined,
): AsyncGenerator<AssociationRecordItem[]> {
  let remaining = EXPORT_MAX_ROWS;
  let last: { occurredAt: Date; id: string } | undefined;
  while (remaining > 0) {
    const after = last
      ? or(
          lt(customerAssociationRecords.occurredAt, last.occurredAt),
          and(
            eq(customerAssociationRecords.occurredAt, last.occurredAt),
            gt(customerAssociationRecords.id, last.id),
          ),
        )
      : undefined;
    const size = Math.min(EXPORT_PAGE_SIZE, remaining);
    const rows = await joinedQuery(ctx, and(where, after))
      .orderBy(desc(customerAssociationRecords.occurredAt), asc(customerAssociationRecords.id))
      .limit(size);
    const items = rows.map(toItem);
    if (items.length > 0) yield items;
    if (items.length < size) return;
    remaining -= items.length;
    const tail = items.at(-1);
    last = tail ? { occurredAt: tail.occurredAt, id: tail.id } : undefined;
  }
}

/**
 * Exports the filtered 管理关联记录 as CSV or XLSX, customer names masked (R-ORG-14).
 *
 * @throws CBC.0151 without `customer.export`; CBC.0100 naming `occurred_to` for an empty range.
 */
export async function exportAssociationRecords(
  ctx: ServiceContext,
  filters: AssociationRecordFilters,
  format: ExportFormat,
): Promise<ExportFile> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_EXPORT);
  const where = conditions(principal, filters);
  return createExportFile({
    baseName: 'association-records',
    format,
    at: ctx.clock.now(),
    columns: exportColumns,
    pages: await prefetchFirstPage(recordPages(ctx, where)),
  });
}

import { and, asc, desc, eq, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Db } from '../../../platform/db/index.ts';
import {
  createExportFile,
  prefetchFirstPage,
  type ExportColumn,
  type ExportFile,
  type ExportFormat,
} from '../../../platform/exports/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { likePattern, maskCustomerEmail, maskCustomerMobile } from '../rules.ts';
import { customerAssociationRecords, customers, type AssociationType } from '../schema.ts';
import { listAssignmentHistory, type AssignmentPeriod } from './assign.ts';
import { withManagers, type CustomerListItem } from './list.ts';
import {
  customerListOrder,
  customerWhere,
  pageOfCustomers,
  type CustomerListQuery,
} from './list-query.ts';
import {
  assertCaller,
  CONSOLE_ACCOUNT_TYPES,
  CUSTOMER_RESOURCE,
  getVisibleCustomer,
  scopedMemberIds,
  type CustomerRow,
} from './shared.ts';

/** Filters of the console customer list (P-14, P-19). */
export interface ConsoleCustomerFilters {
  /** Matches account name, real name or customer id, case-insensitively, anywhere in the text. */
  keyword?: string | undefined;
  associationType?: AssociationType | undefined;
  accountManagerId?: string | undefined;
  /** Only customers without an account manager. */
  unassigned?: boolean | undefined;
  label?: string | undefined;
}

/**
 * The console list filters (P-14) as a list query over `partnerIds` in the caller's data scope.
 * Keyword and label match case-insensitively anywhere in the text.
 */
export function consoleListQuery(
  partnerIds: readonly string[],
  principal: Principal,
  filters: ConsoleCustomerFilters,
): CustomerListQuery {
  const conditions: SQL[] = [];
  if (filters.keyword) {
    const pattern = likePattern(filters.keyword);
    const matches = or(
      ilike(customers.accountName, pattern),
      ilike(customers.customerName, pattern),
      ilike(customers.id, pattern),
    );
    if (matches) conditions.push(matches);
  }
  return {
    partnerIds,
    managerIds: scopedMemberIds(principal),
    associationType: filters.associationType,
    label: filters.label
      ? { pattern: likePattern(filters.label), caseSensitive: false }
      : undefined,
    accountManagerId: filters.accountManagerId,
    unassigned: filters.unassigned,
    status: 'active',
    conditions,
  };
}

/**
 * The console customer list (P-14): the caller's customers within their data scope, newest
 * association first, each with its current account manager. Contact fields stay unmasked here;
 * the wire layer masks them, and only `revealCustomerContact` shows them whole.
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.view`.
 */
export async function listConsoleCustomers(
  ctx: ServiceContext,
  filters: ConsoleCustomerFilters,
  page: Page,
): Promise<PagedResult<CustomerListItem>> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_VIEW);
  return pageOfCustomers(ctx.db, consoleListQuery([principal.partnerId], principal, filters), page);
}

export interface AssociationRecordView {
  event: string;
  associationType: string;
  occurredAt: Date;
  actor: string;
}

export interface CustomerDetail extends CustomerListItem {
  assignments: AssignmentPeriod[];
  associationRecords: AssociationRecordView[];
}

/**
 * One customer with its management periods and association history.
 *
 * @throws CBC.0151 without `customer.view`; CBC.0404 when unknown or out of the caller's scope.
 */
export async function getConsoleCustomer(
  ctx: ServiceContext,
  customerId: string,
): Promise<CustomerDetail> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_VIEW);
  const customer = await getVisibleCustomer(ctx.db, principal, customerId);
  const [item] = await withManagers(ctx, principal.partnerId, [customer]);
  const assignments = await listAssignmentHistory(ctx, customerId);
  const associationRecords = await ctx.db
    .select({
      event: customerAssociationRecords.event,
      associationType: customerAssociationRecords.associationType,
      occurredAt: customerAssociationRecords.occurredAt,
      actor: customerAssociationRecords.actor,
    })
    .from(customerAssociationRecords)
    .where(
      and(
        eq(customerAssociationRecords.partnerId, principal.partnerId),
        eq(customerAssociationRecords.customerId, customerId),
      ),
    )
    .orderBy(desc(customerAssociationRecords.occurredAt), asc(customerAssociationRecords.id));
  return {
    customer,
    accountManager: item?.accountManager ?? null,
    assignments,
    associationRecords,
  };
}

export type RevealableField = 'email' | 'mobile';

/**
 * Shows one contact field of a customer unmasked, recording who looked (`customer.reveal`).
 *
 * @throws CBC.0151 without `customer.view`; CBC.0404 when unknown or out of the caller's scope.
 */
export async function revealCustomerContact(
  ctx: ServiceContext,
  customerId: string,
  field: RevealableField,
): Promise<string> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_VIEW);
  const customer = await getVisibleCustomer(ctx.db, principal, customerId);
  await recordAudit(ctx, ctx.db, {
    action: 'customer.reveal',
    resourceType: CUSTOMER_RESOURCE,
    resourceId: customer.id,
    resourceName: customer.accountName,
    after: { field },
  });
  return field === 'email' ? customer.email : customer.mobile;
}

/** Rows per export query, and the most rows one export writes. */
const EXPORT_PAGE_SIZE = 1000;
const EXPORT_MAX_ROWS = 100_000;

export const customerExportColumns: readonly ExportColumn<CustomerListItem>[] = [
  { header: 'customer_id', value: (row) => row.customer.id, width: 34 },
  { header: 'account_name', value: (row) => row.customer.accountName, width: 34 },
  { header: 'customer_name', value: (row) => row.customer.customerName, width: 20, mask: 'name' },
  { header: 'email', value: (row) => maskCustomerEmail(row.customer.email), width: 28 },
  { header: 'mobile', value: (row) => maskCustomerMobile(row.customer.mobile), width: 18 },
  { header: 'association_type', value: (row) => row.customer.associationType },
  { header: 'associated_on', value: (row) => row.customer.associatedOn, width: 22 },
  { header: 'label', value: (row) => row.customer.label, width: 16 },
  { header: 'verified_status', value: (row) => row.customer.verifiedStatus },
  { header: 'account_manager', value: (row) => row.accountManager?.userName ?? '', width: 20 },
];

/**
 * The customers matching `where` in list order, a thousand at a time (keyset paging, so a deep
 * export never walks an offset), each batch completed by `decorate`; at most 100,000 rows.
 */
export async function* customerPages<T>(
  db: Db,
  where: SQL | undefined,
  decorate: (rows: CustomerRow[]) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let remaining = EXPORT_MAX_ROWS;
  let last: { associatedOn: Date; id: string } | undefined;
  while (remaining > 0) {
    const after = last
      ? or(
          lt(customers.associatedOn, last.associatedOn),
          and(eq(customers.associatedOn, last.associatedOn), sql`${customers.id} > ${last.id}`),
        )
      : undefined;
    const size = Math.min(EXPORT_PAGE_SIZE, remaining);
    const rows = await db
      .select()
      .from(customers)
      .where(and(where, after))
      .orderBy(...customerListOrder)
      .limit(size);
    if (rows.length > 0) yield await decorate(rows);
    if (rows.length < size) return;
    remaining -= rows.length;
    last = rows.at(-1);
  }
}

/**
 * Exports the filtered customer list as CSV or XLSX with names, e-mails and mobiles masked
 * (R-ORG-14: administrators, the owner, or holders of `customer.export`).
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.export`.
 */
export async function exportConsoleCustomers(
  ctx: ServiceContext,
  filters: ConsoleCustomerFilters,
  format: ExportFormat,
): Promise<ExportFile> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_EXPORT);
  const where = customerWhere(consoleListQuery([principal.partnerId], principal, filters));
  return createExportFile({
    baseName: 'customers',
    format,
    at: ctx.clock.now(),
    columns: customerExportColumns,
    pages: await prefetchFirstPage(
      customerPages(ctx.db, where, (rows) => withManagers(ctx, principal.partnerId, rows)),
    ),
  });
}

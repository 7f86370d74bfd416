import { and, eq, gt, inArray, like, lt, type SQL } from 'drizzle-orm';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { likePattern, newCustomerTag, type NewCustomerTag } from '../rules.ts';
import { customers, type AssociationType } from '../schema.ts';
import {
  assertCaller,
  currentManagers,
  OPEN_API_ACCOUNT_TYPES,
  resolveTargetPartner,
  scopedMemberIds,
  visibleCustomers,
  type CustomerRow,
} from './shared.ts';
import {
  customerListOrder,
  pageOfCustomers,
  type CustomerListItem,
  type CustomerListQuery,
} from './list-query.ts';

export type { CustomerListItem } from './list-query.ts';

/** ListSubCustomers filters; absent, "" and null are all "no filter" (catalog). */
export interface SubCustomerFilters {
  accountName?: string | null | undefined;
  customer?: string | null | undefined;
  label?: string | null | undefined;
  associationType?: AssociationType | null | undefined;
  associatedOnBegin?: Date | null | undefined;
  associatedOnEnd?: Date | null | undefined;
  customerId?: string | null | undefined;
  indirectPartnerId?: string | null | undefined;
}

/** ListSubCustomers as a list query (fuzzy fields match their literal text). */
function subCustomerQuery(
  partnerId: string,
  principal: Principal,
  filters: SubCustomerFilters,
): CustomerListQuery {
  const conditions: SQL[] = [];
  if (filters.accountName) {
    conditions.push(like(customers.accountName, likePattern(filters.accountName)));
  }
  if (filters.customer)
    conditions.push(like(customers.customerName, likePattern(filters.customer)));
  if (filters.associatedOnBegin)
    conditions.push(gt(customers.associatedOn, filters.associatedOnBegin));
  if (filters.associatedOnEnd) conditions.push(lt(customers.associatedOn, filters.associatedOnEnd));
  if (filters.customerId) conditions.push(eq(customers.id, filters.customerId));
  return {
    partnerIds: [partnerId],
    managerIds: scopedMemberIds(principal),
    associationType: filters.associationType ?? undefined,
    // The catalog calls the label match case-sensitive, hence LIKE rather than ILIKE.
    label: filters.label ? { pattern: likePattern(filters.label), caseSensitive: true } : undefined,
    // A disassociated customer is no longer the partner's (SM-3).
    status: 'active',
    conditions,
  };
}

/** Attaches each customer's current account manager. */
export async function withManagers(
  ctx: ServiceContext,
  partnerId: string,
  rows: CustomerRow[],
): Promise<CustomerListItem[]> {
  const managers = await currentManagers(ctx.db, partnerId, rows);
  return rows.map((customer) => ({
    customer,
    accountManager: customer.accountManagerId
      ? (managers.get(customer.accountManagerId) ?? null)
      : null,
  }));
}

/**
 * ListSubCustomers: the caller's customers (or its reseller's, via `indirect_partner_id`) within
 * the caller's data scope, newest association first. An unknown or foreign reseller gives an
 * empty page.
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.view`.
 */
export async function listSubCustomers(
  ctx: ServiceContext,
  filters: SubCustomerFilters,
  page: Page,
): Promise<PagedResult<CustomerListItem>> {
  const principal = assertCaller(ctx, OPEN_API_ACCOUNT_TYPES, Permissions.CUSTOMER_VIEW);
  const partnerId = await resolveTargetPartner(ctx, principal, filters.indirectPartnerId, 'read');
  if (!partnerId) return { items: [], totalCount: 0 };
  return pageOfCustomers(ctx.db, subCustomerQuery(partnerId, principal, filters), page);
}

export interface CustomerTag extends NewCustomerTag {
  customerId: string;
}

/**
 * ListSubCustomerNewTag: the SMB new-customer tag of the caller's (or its reseller's) customers
 * within the caller's data scope; ids that are not such customers are silently left out.
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.view`.
 */
export async function listNewCustomerTags(
  ctx: ServiceContext,
  input: {
    customerIds?: readonly string[] | null | undefined;
    indirectPartnerId?: string | null | undefined;
  },
  page: Page,
): Promise<CustomerTag[]> {
  const principal = assertCaller(ctx, OPEN_API_ACCOUNT_TYPES, Permissions.CUSTOMER_VIEW);
  const partnerId = await resolveTargetPartner(ctx, principal, input.indirectPartnerId, 'read');
  if (!partnerId) return [];
  const ids = input.customerIds && input.customerIds.length > 0 ? [...input.customerIds] : null;
  const rows = await ctx.db
    .select({
      id: customers.id,
      verifiedStatus: customers.verifiedStatus,
      associatedOn: customers.associatedOn,
    })
    .from(customers)
    .where(
      and(visibleCustomers(partnerId, principal), ids ? inArray(customers.id, ids) : undefined),
    )
    .orderBy(...customerListOrder)
    .limit(page.limit)
    .offset(page.offset);
  const now = ctx.clock.now();
  return rows.map((row) => ({ customerId: row.id, ...newCustomerTag(row, now) }));
}

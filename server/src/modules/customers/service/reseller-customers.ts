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
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { findResellersOf, type ResellerRef } from '../../partners/index.ts';
import type { AssociationType } from '../schema.ts';
import { consoleListQuery, customerExportColumns, customerPages } from './console-views.ts';
import { withManagers, type CustomerListItem } from './list.ts';
import { customerWhere, pageOfCustomers, type CustomerListQuery } from './list-query.ts';
import { assertCaller, type CustomerRow } from './shared.ts';

/** Filters of the distributor's 云经销商的客户 tab (P-14). */
export interface ResellerCustomerFilters {
  /** 云经销商名称: one of the caller's resellers; any other id matches nothing. */
  resellerId?: string | undefined;
  /** Matches account name, real name or customer id, case-insensitively, anywhere in the text. */
  keyword?: string | undefined;
  associationType?: AssociationType | undefined;
  label?: string | undefined;
}

/** A reseller's customer as its distributor sees it: the reseller beside the customer. */
export interface ResellerCustomerItem extends CustomerListItem {
  reseller: ResellerRef;
}

const DISTRIBUTOR: readonly ['tier1_distributor'] = ['tier1_distributor'];

/**
 * The list query over the customers of the caller's resellers (all, or the one filtered), with
 * the resellers by id; null when no reseller matches, so the caller answers empty. Only
 * resellers bound to the caller count: the distributor → reseller relation is the sole way in.
 */
async function resellerCustomersOf(
  ctx: ServiceContext,
  principal: Principal,
  filters: ResellerCustomerFilters,
): Promise<{ query: CustomerListQuery; resellers: Map<string, ResellerRef> } | null> {
  const resellers = (await findResellersOf(ctx.db, principal.partnerId)).filter(
    (reseller) => !filters.resellerId || reseller.id === filters.resellerId,
  );
  if (resellers.length === 0) return null;
  // A distributor's 'mine' and 'team' members manage none of its resellers' customers (their
  // account managers are the resellers' members), so the data scope leaves only 'all' any rows.
  const query = consoleListQuery(
    resellers.map((reseller) => reseller.id),
    principal,
    filters,
  );
  return {
    query,
    resellers: new Map(resellers.map((reseller) => [reseller.id, reseller])),
  };
}

/** Attaches the reseller and the reseller's account manager to each customer. */
async function withResellers(
  ctx: ServiceContext,
  resellers: Map<string, ResellerRef>,
  rows: CustomerRow[],
): Promise<ResellerCustomerItem[]> {
  const items: ResellerCustomerItem[] = [];
  const byPartner = new Map<string, CustomerRow[]>();
  for (const row of rows)
    byPartner.set(row.partnerId, [...(byPartner.get(row.partnerId) ?? []), row]);
  const decorated = new Map<string, CustomerListItem>();
  for (const [partnerId, partnerRows] of byPartner) {
    for (const item of await withManagers(ctx, partnerId, partnerRows)) {
      decorated.set(item.customer.id, item);
    }
  }
  for (const row of rows) {
    const item = decorated.get(row.id);
    const reseller = resellers.get(row.partnerId);
    if (item && reseller) items.push({ ...item, reseller });
  }
  return items;
}

/**
 * 云经销商的客户 (P-14, console-spec §1.3): the customers of the calling tier-1 distributor's
 * resellers, or of the one named by `resellerId`, newest association first, read-only. A reseller
 * never reaches this list (caller class), and other partners' resellers match nothing.
 *
 * @throws CBC.0151 unless the caller is a tier-1 distributor with `customer.view`.
 */
export async function listResellerCustomers(
  ctx: ServiceContext,
  filters: ResellerCustomerFilters,
  page: Page,
): Promise<PagedResult<ResellerCustomerItem>> {
  const principal = assertCaller(ctx, DISTRIBUTOR, Permissions.CUSTOMER_VIEW);
  const scope = await resellerCustomersOf(ctx, principal, filters);
  if (!scope) return { items: [], totalCount: 0 };
  const found = await pageOfCustomers(ctx.db, scope.query, page);
  return {
    items: found.items.flatMap((item) => {
      const reseller = scope.resellers.get(item.customer.partnerId);
      return reseller ? [{ ...item, reseller }] : [];
    }),
    totalCount: found.totalCount,
  };
}

/**
 * The resellers the 云经销商名称 filter offers: those bound to the calling distributor.
 *
 * @throws CBC.0151 unless the caller is a tier-1 distributor with `customer.view`.
 */
export async function listResellerFilterOptions(ctx: ServiceContext): Promise<ResellerRef[]> {
  const principal = assertCaller(ctx, DISTRIBUTOR, Permissions.CUSTOMER_VIEW);
  return findResellersOf(ctx.db, principal.partnerId);
}

const resellerExportColumns: readonly ExportColumn<ResellerCustomerItem>[] = [
  { header: 'reseller_name', value: (row) => row.reseller.name, width: 24 },
  { header: 'reseller_company', value: (row) => row.reseller.companyName, width: 28 },
  ...customerExportColumns,
];

/**
 * Exports the filtered 云经销商的客户 list as CSV or XLSX, with the reseller of each customer and
 * the customer's name, e-mail and mobile masked.
 *
 * @throws CBC.0151 unless the caller is a tier-1 distributor with `customer.export`.
 */
export async function exportResellerCustomers(
  ctx: ServiceContext,
  filters: ResellerCustomerFilters,
  format: ExportFormat,
): Promise<ExportFile> {
  const principal = assertCaller(ctx, DISTRIBUTOR, Permissions.CUSTOMER_EXPORT);
  const scope = await resellerCustomersOf(ctx, principal, filters);
  const pages = scope
    ? customerPages(ctx.db, customerWhere(scope.query), (rows) =>
        withResellers(ctx, scope.resellers, rows),
      )
    : emptyPages();
  return createExportFile({
    baseName: 'reseller-customers',
    format,
    at: ctx.clock.now(),
    columns: resellerExportColumns,
    pages: await prefetchFirstPage(pages),
  });
}

async function* emptyPages(): AsyncGenerator<ResellerCustomerItem[]> {}

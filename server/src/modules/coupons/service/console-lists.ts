import { and, eq, gte, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import {
  createExportFile,
  type ExportColumn,
  type ExportFile,
  type ExportFormat,
} from '../../../platform/exports/index.ts';
import { findFundsCustomers, scopedCustomerIds } from '../../customers/index.ts';
import { couponOperations } from '../schema.ts';
import { listIssuedCoupons, type CouponView, type IssuedCouponFilters } from './coupons.ts';
import { pageOfOperations, type OperationRow } from './quotas.ts';
import { assertCaller, COUPON_PARTNER_TYPES, OperationTypes } from './shared.ts';

/** An issued coupon with the names the console shows beside it (P-17 已发放代金券). */
export interface NamedCouponView extends CouponView {
  customerAccountName: string;
  customerName: string;
}

/**
 * 已发放代金券 for the console: ListIssuedPartnerCoupons (same scope, the 2-year window of
 * R-COUP-08, reclaimed coupons kept, R-COUP-06) with each customer's account and company name,
 * so the reclaim confirmation can name the customer. A customer the caller no longer sees (it
 * left the partner) keeps its id and empty names.
 *
 * @throws CBC.0151 wrong caller or no `coupon.view`.
 */
export async function listIssuedCouponsWithNames(
  ctx: AuthenticatedContext,
  filters: IssuedCouponFilters,
  page: Page,
): Promise<PagedResult<NamedCouponView>> {
  const result = await listIssuedCoupons(ctx, filters, page);
  const [first] = result.items;
  if (!first) return { items: [], totalCount: result.totalCount };
  const named = await findFundsCustomers(ctx.db, ctx.principal, first.partnerId, [
    ...new Set(result.items.map((coupon) => coupon.customerId)),
  ]);
  const byId = new Map(named.map((customer) => [customer.id, customer]));
  return {
    totalCount: result.totalCount,
    items: result.items.map((coupon) => ({
      ...coupon,
      customerAccountName: byId.get(coupon.customerId)?.accountName ?? '',
      customerName: byId.get(coupon.customerId)?.customerName ?? '',
    })),
  };
}

/** Which log the 操作记录 tab reads: coupon issues/reclaims, quota issues/reclaims, or both. */
export const operationKinds = ['coupon', 'quota'] as const;
export type OperationKind = (typeof operationKinds)[number];

/** The console's filters of 操作记录 (R-COUP-10): 操作时间, 客户名称, 额度编号, 操作员. */
export interface OperationRecordFilters {
  kind?: OperationKind | undefined;
  operationTimeBegin?: Date | undefined;
  operationTimeEnd?: Date | undefined;
  /** Part of the customer's name, or of the reseller's for quota moves. */
  name?: string | undefined;
  /** The quota moved, or the source quota a reseller quota was carved from. */
  quotaId?: string | undefined;
  /** Part of `account/user` of the member who acted. */
  operator?: string | undefined;
}

function likePattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * The condition on the caller's log lines, or null when the caller's scope sees none. Coupon
 * lines follow the data scope (an account manager sees its own customers', R-ORG-04); quota lines
 * concern resellers, not customers, so only a distributor member who sees every customer reads
 * them, as ListCouponQuotasRecords serves them.
 */
async function operationScope(
  ctx: AuthenticatedContext,
  kind: OperationKind | undefined,
): Promise<SQL | null> {
  const principal = assertCaller(ctx, COUPON_PARTNER_TYPES, Permissions.COUPON_VIEW);
  const scoped = await scopedCustomerIds(ctx.db, principal, principal.partnerId);
  const parts: SQL[] = [];
  if (kind !== 'quota' && (scoped === null || scoped.length > 0)) {
    const coupon = inArray(couponOperations.operationType, [
      OperationTypes.COUPON_ISSUE,
      OperationTypes.COUPON_RECLAIM,
    ]);
    parts.push(
      scoped === null
        ? coupon
        : (and(coupon, inArray(couponOperations.customerId, scoped)) ?? coupon),
    );
  }
  if (kind !== 'coupon' && principal.accountType === 'tier1_distributor' && scoped === null) {
    parts.push(
      inArray(couponOperations.operationType, [
        OperationTypes.QUOTA_ISSUE,
        OperationTypes.QUOTA_RECLAIM,
      ]),
    );
  }
  if (parts.length === 0) return null;
  return and(eq(couponOperations.partnerId, principal.partnerId), or(...parts)) ?? null;
}

async function operationsOf(
  ctx: AuthenticatedContext,
  scope: SQL,
  filters: OperationRecordFilters,
  page: Page,
): Promise<PagedResult<OperationRow>> {
  const conditions: (SQL | undefined)[] = [scope];
  if (filters.operationTimeBegin) {
    conditions.push(gte(couponOperations.occurredAt, filters.operationTimeBegin));
  }
  if (filters.operationTimeEnd) {
    conditions.push(lt(couponOperations.occurredAt, filters.operationTimeEnd));
  }
  if (filters.name) {
    const pattern = likePattern(filters.name);
    conditions.push(
      or(
        ilike(couponOperations.customerName, pattern),
        ilike(couponOperations.indirectPartnerName, pattern),
      ),
    );
  }
  if (filters.quotaId) {
    conditions.push(
      or(
        eq(couponOperations.quotaId, filters.quotaId),
        eq(couponOperations.parentQuotaId, filters.quotaId),
      ),
    );
  }
  if (filters.operator) {
    conditions.push(ilike(couponOperations.operatorName, likePattern(filters.operator)));
  }
  return pageOfOperations(ctx.db, and(...conditions), page);
}

/**
 * 操作记录 of 券管理 (P-17, R-COUP-10, R-COUP-11): every coupon issue and reclaim of the caller's
 * partner in its data scope and, for a tier-1 distributor, every quota issue and reclaim to and
 * from its resellers, newest first, with the issuer's remark (R-COUP-04).
 *
 * @throws CBC.0151 wrong caller or no `coupon.view`.
 */
export async function listOperationRecords(
  ctx: AuthenticatedContext,
  filters: OperationRecordFilters,
  page: Page,
): Promise<PagedResult<OperationRow>> {
  const scope = await operationScope(ctx, filters.kind);
  if (!scope) return { items: [], totalCount: 0 };
  return operationsOf(ctx, scope, filters, page);
}

const operationExportColumns: readonly ExportColumn<OperationRow>[] = [
  { header: 'operation_time', value: (row) => row.occurredAt, width: 22 },
  { header: 'operation_type', value: (row) => row.operationType, width: 14 },
  { header: 'quota_id', value: (row) => row.quotaId, width: 34 },
  { header: 'parent_quota_id', value: (row) => row.parentQuotaId, width: 34 },
  { header: 'coupon_id', value: (row) => row.couponId, width: 34 },
  { header: 'customer_id', value: (row) => row.customerId, width: 34 },
  { header: 'customer_name', value: (row) => row.customerName, width: 24, mask: 'name' },
  { header: 'indirect_partner_id', value: (row) => row.indirectPartnerId, width: 34 },
  { header: 'indirect_partner_name', value: (row) => row.indirectPartnerName, width: 24 },
  { header: 'amount', value: (row) => row.amount, width: 16 },
  { header: 'balance_after', value: (row) => row.balanceAfter, width: 16 },
  { header: 'currency', value: () => 'CNY', width: 8 },
  { header: 'operator', value: (row) => row.operatorName, width: 30 },
  { header: 'remark', value: (row) => row.remark, width: 30 },
];

const EXPORT_PAGE = 500;

/**
 * The 操作记录 export (R-COUP-10: logs are exportable, anonymised per the export matrix): the
 * filtered records of `listOperationRecords` as CSV or XLSX, customer names masked (X3).
 *
 * @throws CBC.0151 wrong caller or no `coupon.view`.
 */
export async function exportOperationRecords(
  ctx: AuthenticatedContext,
  filters: OperationRecordFilters,
  format: ExportFormat,
): Promise<ExportFile> {
  const scope = await operationScope(ctx, filters.kind);
  // The first page is read before the download starts, so a failure is an ordinary answer.
  const first = scope
    ? await operationsOf(ctx, scope, filters, { offset: 0, limit: EXPORT_PAGE })
    : { items: [], totalCount: 0 };
  async function* pages(): AsyncGenerator<OperationRow[]> {
    yield first.items;
    for (let offset = EXPORT_PAGE; scope && offset < first.totalCount; offset += EXPORT_PAGE) {
      yield (await operationsOf(ctx, scope, filters, { offset, limit: EXPORT_PAGE })).items;
    }
  }
  return createExportFile({
    baseName: 'coupon-operations',
    format,
    at: ctx.clock.now(),
    columns: operationExportColumns,
    pages: pages(),
  });
}

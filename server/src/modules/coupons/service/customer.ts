import { and, asc, desc, eq, gt, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/index.ts';
import { Money } from '../../../platform/money/index.ts';
import { balanceOf } from '../../accounts/index.ts';
import { assertCustomer } from '../../../platform/auth/authorize.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import {
  issuedWindowStart,
  storedValueCardStatus,
  type StoredValueCardWireStatus,
} from '../rules.ts';
import { couponOperations, coupons } from '../schema.ts';
import {
  couponStatusCondition,
  customerCouponCondition,
  pageOfCoupons,
  toCouponView,
  type CouponView,
} from './coupons.ts';
import { pageOfOperations, type OperationRow } from './quotas.ts';
import { couponAccount, OperationTypes, STORED_VALUE_CARD_TYPE } from './shared.ts';

/** Used, expired and reclaimed coupons are listed for the last 12 months only (catalog). */
const CUSTOMER_HISTORY_YEARS = 1;

export interface OwnCouponFilters {
  couponId?: string | undefined;
  couponType?: number | undefined;
  status?: number | undefined;
  activeStartTime?: Date | undefined;
  activeEndTime?: Date | undefined;
  /** The issuer (the partner's id for partner-issued coupons). */
  sourceId?: string | undefined;
}

/**
 * ListSubCustomerCoupons for the calling customer: the coupons its partner issued to it. A
 * reclaimed coupon is gone from the customer's view (R-COUP-06); an expired one shows as expired
 * (4) and is not usable (SM-6).
 *
 * @throws CBC.0151 a partner caller (partners hold quota, not coupons, in Huoban).
 */
export async function listOwnCoupons(
  ctx: AuthenticatedContext,
  filters: OwnCouponFilters,
  page: Page,
): Promise<PagedResult<CouponView>> {
  const principal = assertCustomer(ctx);
  const now = ctx.clock.now();
  const conditions: (SQL | undefined)[] = [
    customerCouponCondition(principal.partnerId, principal.id),
    gt(coupons.expireTime, issuedWindowStart(now, CUSTOMER_HISTORY_YEARS)),
  ];
  if (filters.couponId) conditions.push(eq(coupons.id, filters.couponId));
  if (filters.sourceId) conditions.push(eq(coupons.partnerId, filters.sourceId));
  if (filters.couponType !== undefined) conditions.push(eq(coupons.couponType, filters.couponType));
  if (filters.status !== undefined) conditions.push(couponStatusCondition(filters.status, now));
  if (filters.activeStartTime) conditions.push(gte(coupons.validTime, filters.activeStartTime));
  if (filters.activeEndTime) conditions.push(lt(coupons.validTime, filters.activeEndTime));
  return pageOfCoupons(ctx, and(...conditions), page, filters.status);
}

export interface OwnCouponChangeFilters {
  revenueExpenseType?: 'REVENUE' | 'EXPENSE' | undefined;
  tradeType?: string | undefined;
  tradeId?: string | undefined;
  tradeTimeBegin: Date;
  tradeTimeEnd: Date;
  couponId?: string | undefined;
}

/** `trade_type` of the customer's coupon changes: issue is a transfer in, reclaim a cancel. */
export const couponTradeTypes: Record<string, string> = {
  [OperationTypes.COUPON_ISSUE]: 'COUPONADJUST',
  [OperationTypes.COUPON_RECLAIM]: 'COUPONCANCEL',
};

/**
 * ListCustomerCouponChangeRecords (查询优惠券收支明细) for the calling customer: each coupon issued
 * to it (revenue) and reclaimed from it (expense), with the balance the coupon was left with.
 * The issuer's remark is never part of it (R-COUP-04).
 *
 * @throws CBC.0151 a partner caller.
 */
export async function listOwnCouponChanges(
  ctx: AuthenticatedContext,
  filters: OwnCouponChangeFilters,
  page: Page,
): Promise<PagedResult<OperationRow>> {
  const principal = assertCustomer(ctx);
  let types = Object.keys(couponTradeTypes);
  if (filters.revenueExpenseType) {
    const wanted =
      filters.revenueExpenseType === 'REVENUE'
        ? OperationTypes.COUPON_ISSUE
        : OperationTypes.COUPON_RECLAIM;
    types = types.filter((type) => type === wanted);
  }
  if (filters.tradeType)
    types = types.filter((type) => couponTradeTypes[type] === filters.tradeType);
  if (types.length === 0) return { items: [], totalCount: 0 };
  const conditions: (SQL | undefined)[] = [
    eq(couponOperations.partnerId, principal.partnerId),
    eq(couponOperations.customerId, principal.id),
    inArray(couponOperations.operationType, types),
    gte(couponOperations.occurredAt, filters.tradeTimeBegin),
    lt(couponOperations.occurredAt, filters.tradeTimeEnd),
  ];
  if (filters.tradeId) conditions.push(eq(couponOperations.transactionId, filters.tradeId));
  if (filters.couponId) conditions.push(eq(couponOperations.couponId, filters.couponId));
  return pageOfOperations(ctx.db, and(...conditions), page);
}

export interface UsableCoupon {
  couponId: string;
  balance: Money;
  expireTime: Date;
}

/**
 * The coupons a customer can spend now (SM-6 state 2: issued, active, unexpired, with a balance),
 * soonest expiry first, for views of spendable funds. Not scoped by caller: the caller has
 * already established that it may see this customer of `partnerId`.
 */
export async function usableCouponsOf(
  db: Db,
  partnerId: string,
  customerId: string,
  now: Date,
): Promise<UsableCoupon[]> {
  const rows = await db
    .select()
    .from(coupons)
    .where(and(customerCouponCondition(partnerId, customerId), couponStatusCondition(2, now)))
    .orderBy(asc(coupons.expireTime), asc(coupons.id));
  const usable: UsableCoupon[] = [];
  for (const row of rows) {
    const view = await toCouponView(db, row, now);
    if (view.status === 2) {
      usable.push({ couponId: row.id, balance: view.balance, expireTime: row.expireTime });
    }
  }
  return usable;
}

export interface StoredValueCardView {
  cardId: string;
  cardName: string;
  status: StoredValueCardWireStatus;
  faceValue: Money;
  balance: Money;
  effectiveTime: Date;
  expireTime: Date;
}

/**
 * ListStoredValueCards (查询储值卡列表) for the calling customer: the stored-value cards it bought,
 * in state `status` (1 usable, 2 used up or expired), newest first. The state needs each card's
 * ledger balance, so the customer's cards are read whole and paged here; a customer holds few.
 *
 * @throws CBC.0151 a partner caller.
 */
export async function listOwnStoredValueCards(
  ctx: AuthenticatedContext,
  filters: { status: number; cardId?: string | undefined },
  page: Page,
): Promise<PagedResult<StoredValueCardView>> {
  const principal = assertCustomer(ctx);
  const now = ctx.clock.now();
  const conditions: (SQL | undefined)[] = [
    eq(coupons.partnerId, principal.partnerId),
    eq(coupons.customerId, principal.id),
    eq(coupons.couponType, STORED_VALUE_CARD_TYPE),
  ];
  if (filters.cardId) conditions.push(eq(coupons.id, filters.cardId));
  const rows = await ctx.db
    .select()
    .from(coupons)
    .where(and(...conditions))
    .orderBy(desc(coupons.createdAt), desc(coupons.id));
  const cards: StoredValueCardView[] = [];
  for (const row of rows) {
    const balance = await balanceOf(ctx.db, couponAccount(row));
    const status = storedValueCardStatus(row, balance, now);
    if (status !== filters.status) continue;
    cards.push({
      cardId: row.id,
      cardName: row.name,
      status,
      faceValue: new Money(row.faceValue),
      balance,
      effectiveTime: row.validTime,
      expireTime: row.expireTime,
    });
  }
  return { items: cards.slice(page.offset, page.offset + page.limit), totalCount: cards.length };
}

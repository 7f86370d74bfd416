import { and, count, desc, eq, gt, gte, inArray, lt, lte, ne, type SQL } from 'drizzle-orm';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { auditEvents, auditRow, recordAudit } from '../../../platform/audit/index.ts';
import { batchItem, type Db } from '../../../platform/db/index.ts';
import { rowInsert } from '../../../platform/db/statement.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { runIdempotent } from '../../../platform/idempotency/index.ts';
import { Money, type Money as MoneyValue } from '../../../platform/money/index.ts';
import { balanceOf, newTransactionId, postTransaction } from '../../accounts/index.ts';
import {
  checkOperationCode,
  consumeOperationCode,
  findFundsCustomers,
  resolveFundsPartner,
  scopedCustomerIds,
} from '../../customers/index.ts';
import { couponWireStatus, issuedWindowStart, type CouponWireStatus } from '../rules.ts';
import { couponOperations, coupons, type CouponScope } from '../schema.ts';
import {
  assertBatchSize,
  assertIssuable,
  batchError,
  findQuota,
  pageOfOperations,
  type BatchError,
  type OperationRow,
} from './quotas.ts';
import {
  assertCaller,
  balanceAfter,
  businessId,
  COUPON_PARTNER_TYPES,
  COUPON_RESOURCE,
  couponAccount,
  inheritScope,
  ISSUED_COUPON_WINDOW_YEARS,
  logOperation,
  operationRow,
  OperationTypes,
  partnerCoupon,
  quotaAccount,
  scopeWithin,
} from './shared.ts';

export type CouponRow = typeof coupons.$inferSelect;

export interface CouponIssue {
  quotaId: string;
  customerIds: readonly string[];
  faceValue: MoneyValue;
  minimumOrderAmount: MoneyValue;
  validTime?: Date | undefined;
  expireTime?: Date | undefined;
  scope: CouponScope;
  memo: string;
  indirectPartnerId?: string | undefined;
  /** The mailed code, when 验证码验证 is on and the issue is made in the console (R-COUP-05). */
  verificationCode?: string | undefined;
}

export interface CouponIssueResult {
  couponInfos: { id: string; couponId: string }[];
  errorDetails: BatchError[];
}

/** The partner whose quota and customers an operation addresses (own, or a reseller's). */
async function issuingPartnerOf(
  ctx: AuthenticatedContext,
  indirectPartnerId: string | undefined,
  permission: typeof Permissions.COUPON_MANAGE | typeof Permissions.COUPON_VIEW,
  mode: 'read' | 'write',
): Promise<string | null> {
  const principal = assertCaller(ctx, COUPON_PARTNER_TYPES, permission);
  return resolveFundsPartner(ctx, principal, indirectPartnerId, mode);
}

/** The validity of a new coupon: the quota's by default, and never outside it. */
function couponValidity(
  input: CouponIssue,
  quota: { effectiveTime: Date; expireTime: Date },
  now: Date,
): { validTime: Date; expireTime: Date } {
  const validTime = input.validTime ?? quota.effectiveTime;
  const expireTime = input.expireTime ?? quota.expireTime;
  if (validTime.getTime() < quota.effectiveTime.getTime()) {
    throw invalidParameter('valid_time', 'must not be before the quota becomes effective');
  }
  if (expireTime.getTime() > quota.expireTime.getTime()) {
    throw invalidParameter('expire_time', 'must not be after the quota expires');
  }
  if (expireTime.getTime() <= validTime.getTime()) {
    throw invalidParameter('expire_time', 'must be after valid_time');
  }
  if (expireTime.getTime() <= now.getTime()) {
    throw invalidParameter('expire_time', 'must be in the future');
  }
  return { validTime, expireTime };
}

/**
 * CreatePartnerCoupons (发放优惠券): cash coupons of `faceValue` from a 有效 quota of the issuing
 * partner (the caller, or with `indirectPartnerId` the distributor's reseller) to at most 10
 * associated resale customers in the caller's data scope (R-COUP-02, R-COUP-03). The scope may
 * only narrow the quota's; an empty one inherits it. The memo is the issuer's own remark
 * (R-COUP-04). Each customer succeeds or fails on its own (`errorDetails`, HTTP 200).
 *
 * @throws CBC.0151 wrong caller or no `coupon.manage`; CBC.99000037 foreign reseller; CBC.0404
 *   not the issuer's quota; CBC.0410 quota not 有效; CBC.0100 bad input; per customer CBC.0404
 *   (unknown or out of scope), CBC.0410 (not an associated resale customer), CBC.99005003 (not
 *   enough quota left); CBC.0100 `verification_code` / CBC.99004009 when 验证码验证 is on
 *   (R-COUP-05).
 */
export async function issueCoupons(
  ctx: AuthenticatedContext,
  input: CouponIssue,
  idempotencyKey?: string,
): Promise<CouponIssueResult> {
  assertBatchSize(input.customerIds, 'customer_ids');
  const issuerId = await issuingPartnerOf(
    ctx,
    input.indirectPartnerId,
    Permissions.COUPON_MANAGE,
    'write',
  );
  if (!issuerId) throw new ApiError(Errors.RESELLER_NOT_OWNED, { field: 'indirect_partner_id' });
  const codeId = await checkOperationCode(ctx, input.verificationCode);
  const answer = await runIdempotent(
    ctx,
    {
      key: idempotencyKey,
      operation: 'CreatePartnerCoupons',
      parameters: {
        quotaId: input.quotaId,
        customerIds: input.customerIds,
        faceValue: input.faceValue.toFixed(2),
        minimumOrderAmount: input.minimumOrderAmount.toFixed(2),
        validTime: input.validTime?.toISOString() ?? null,
        expireTime: input.expireTime?.toISOString() ?? null,
        scope: input.scope,
        memo: input.memo,
        indirectPartnerId: input.indirectPartnerId ?? null,
      },
      // Each customer's coupon is one posting; consuming a mailed code is a write of its own.
      standaloneWrites: codeId === null,
    },
    200,
    async (tx): Promise<CouponIssueResult> => {
      await consumeOperationCode(ctx, tx, codeId);
      const quota = await findQuota(tx, issuerId, input.quotaId);
      await assertIssuable(ctx, tx, quota, 'quota_id');
      const outside = scopeWithin(input.scope, quota.scope);
      if (outside) throw invalidParameter(outside, 'must stay within the quota’s restriction');
      const scope = inheritScope(input.scope, quota.scope);
      const validity = couponValidity(input, quota, ctx.clock.now());
      const found = await findFundsCustomers(tx, ctx.principal, issuerId, input.customerIds);
      const byId = new Map(found.map((customer) => [customer.id, customer]));
      const result: CouponIssueResult = { couponInfos: [], errorDetails: [] };
      for (const customerId of input.customerIds) {
        try {
          const couponId = await batchItem(tx, async (item) => {
            const customer = byId.get(customerId);
            if (!customer) {
              throw new ApiError(Errors.NOT_FOUND, {
                field: 'customer_ids',
                detail: 'no such customer',
              });
            }
            if (customer.status !== 'active' || customer.associationType !== '2') {
              throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
                field: 'customer_ids',
                detail: 'only associated resale (association_type 2) customers receive coupons',
              });
            }
            const now = ctx.clock.now();
            const coupon: CouponRow = {
              id: businessId('CP', now),
              partnerId: issuerId,
              customerId: customer.id,
              quotaId: quota.id,
              couponType: 1,
              name: '',
              faceValue: input.faceValue.toFixed(2),
              minimumOrderAmount: input.minimumOrderAmount.toFixed(2),
              scope,
              validTime: validity.validTime,
              expireTime: validity.expireTime,
              memo: input.memo,
              status: 'issued',
              reclaimedAmount: null,
              reclaimedAt: null,
              createdAt: now,
              updatedAt: now,
            };
            // The quota's ledger account is the row every issue from this quota locks: the
            // coupon, its log line and its audit event are written by the posting's statement, so
            // the lock is held from that statement to its commit only.
            const transactionId = newTransactionId('coupon_issue', now);
            await postTransaction(ctx, item, {
              id: transactionId,
              kind: 'coupon_issue',
              partnerId: issuerId,
              legs: [
                { account: quotaAccount(quota), amount: input.faceValue.neg() },
                { account: couponAccount(coupon), amount: input.faceValue },
              ],
              amount: input.faceValue,
              counterparty: { type: 'customer', id: customer.id, name: customer.accountName },
              memo: input.memo,
              idempotencyKey,
              inserts: [
                rowInsert(coupons, coupon),
                rowInsert(
                  couponOperations,
                  operationRow(ctx, {
                    partnerId: issuerId,
                    operationType: OperationTypes.COUPON_ISSUE,
                    quotaId: quota.id,
                    couponId: coupon.id,
                    customerId: customer.id,
                    customerName: customer.accountName,
                    amount: input.faceValue,
                    // A new coupon's account holds exactly its face value after the issue.
                    balanceAfter: input.faceValue,
                    transactionId,
                    remark: input.memo,
                  }),
                ),
                rowInsert(
                  auditEvents,
                  auditRow(ctx, {
                    partnerId: issuerId,
                    action: 'coupons.coupon.issue',
                    resourceType: COUPON_RESOURCE,
                    resourceId: coupon.id,
                    resourceName: customer.accountName,
                    after: { quotaId: quota.id, faceValue: coupon.faceValue, transactionId },
                  }),
                ),
              ],
            });
            return coupon.id;
          });
          result.couponInfos.push({ id: customerId, couponId });
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          result.errorDetails.push(batchError(customerId, error));
        }
      }
      return result;
    },
  );
  return answer.body;
}

export interface CouponReclaimResult {
  couponId: string;
  /** The whole balance moved back to the quota. */
  amount: string;
}

/**
 * ReclaimPartnerCoupons (回收优惠券): the whole remaining balance of a usable (可使用) coupon of an
 * associated resale customer goes back to the quota it came from; the coupon becomes reclaimed
 * and leaves the customer's usable coupons (R-COUP-06, R-COUP-12). Idempotent with the header.
 *
 * @throws CBC.0151; CBC.99000037 foreign reseller; CBC.0404 not the issuer's coupon or its
 *   customer is out of the caller's scope; CBC.0410 a coupon not usable, or of a customer no
 *   longer an associated resale customer; CBC.0100 `verification_code` / CBC.99004009 when
 *   验证码验证 is on (R-COUP-05).
 */
export async function reclaimCoupon(
  ctx: AuthenticatedContext,
  input: {
    couponId: string;
    indirectPartnerId?: string | undefined;
    verificationCode?: string | undefined;
  },
  idempotencyKey?: string,
): Promise<CouponReclaimResult> {
  const issuerId = await issuingPartnerOf(
    ctx,
    input.indirectPartnerId,
    Permissions.COUPON_MANAGE,
    'write',
  );
  if (!issuerId) throw new ApiError(Errors.RESELLER_NOT_OWNED, { field: 'indirect_partner_id' });
  const codeId = await checkOperationCode(ctx, input.verificationCode);
  const answer = await runIdempotent(
    ctx,
    {
      key: idempotencyKey,
      operation: 'ReclaimPartnerCoupons',
      parameters: { couponId: input.couponId, indirectPartnerId: input.indirectPartnerId ?? null },
    },
    204,
    async (tx): Promise<CouponReclaimResult> => {
      await consumeOperationCode(ctx, tx, codeId);
      const [coupon] = await tx
        .select()
        .from(coupons)
        .where(
          and(eq(coupons.partnerId, issuerId), eq(coupons.id, input.couponId), partnerCoupon()),
        )
        .for('update');
      const [customer] = coupon
        ? await findFundsCustomers(tx, ctx.principal, issuerId, [coupon.customerId])
        : [];
      if (!coupon || !customer) {
        throw new ApiError(Errors.NOT_FOUND, { field: 'coupon_id', detail: 'no such coupon' });
      }
      if (customer.status !== 'active' || customer.associationType !== '2') {
        throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
          field: 'coupon_id',
          detail: 'only coupons of associated resale customers can be reclaimed',
        });
      }
      const account = couponAccount(coupon);
      const balance = await balanceOf(tx, account);
      if (couponWireStatus(coupon, balance, ctx.clock.now()) !== 2) {
        throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
          field: 'coupon_id',
          detail: 'only a usable coupon can be reclaimed',
        });
      }
      const quota = { id: coupon.quotaId, partnerId: coupon.partnerId };
      const posted = await postTransaction(ctx, tx, {
        kind: 'coupon_reclaim',
        partnerId: issuerId,
        legs: [
          { account, amount: balance.neg() },
          { account: quotaAccount(quota), amount: balance },
        ],
        amount: balance,
        counterparty: { type: 'customer', id: customer.id, name: customer.accountName },
        idempotencyKey,
      });
      const now = ctx.clock.now();
      await tx
        .update(coupons)
        .set({
          status: 'reclaimed',
          reclaimedAmount: balance.toFixed(2),
          reclaimedAt: now,
          updatedAt: now,
        })
        .where(eq(coupons.id, coupon.id));
      await logOperation(ctx, tx, {
        partnerId: issuerId,
        operationType: OperationTypes.COUPON_RECLAIM,
        quotaId: coupon.quotaId,
        couponId: coupon.id,
        customerId: customer.id,
        customerName: customer.accountName,
        amount: balance,
        balanceAfter: balanceAfter(posted, account),
        transactionId: posted.id,
      });
      await recordAudit(ctx, tx, {
        partnerId: issuerId,
        action: 'coupons.coupon.reclaim',
        resourceType: COUPON_RESOURCE,
        resourceId: coupon.id,
        resourceName: customer.accountName,
        before: { status: 'issued', balance: balance.toFixed(2) },
        after: { status: 'reclaimed', balance: '0.00', transactionId: posted.id },
      });
      return { couponId: coupon.id, amount: balance.toFixed(2) };
    },
  );
  return answer.body;
}

export interface CouponView {
  couponId: string;
  status: CouponWireStatus;
  customerId: string;
  couponType: number;
  faceValue: MoneyValue;
  minimumOrderAmount: MoneyValue;
  balance: MoneyValue;
  validTime: Date;
  expireTime: Date;
  createTime: Date;
  quotaId: string;
  partnerId: string;
  scope: CouponScope;
  reclaimedAmount: MoneyValue | null;
  reclaimedAt: Date | null;
}

export async function toCouponView(db: Db, row: CouponRow, now: Date): Promise<CouponView> {
  const balance = await balanceOf(db, couponAccount(row));
  return {
    couponId: row.id,
    status: couponWireStatus(row, balance, now),
    customerId: row.customerId,
    couponType: row.couponType,
    faceValue: new Money(row.faceValue),
    minimumOrderAmount: new Money(row.minimumOrderAmount),
    balance,
    validTime: row.validTime,
    expireTime: row.expireTime,
    createTime: row.createdAt,
    quotaId: row.quotaId,
    partnerId: row.partnerId,
    scope: row.scope,
    reclaimedAmount: row.reclaimedAmount === null ? null : new Money(row.reclaimedAmount),
    reclaimedAt: row.reclaimedAt,
  };
}

/**
 * SQL for a wire status. Consumption of coupons arrives with orders; until then an issued
 * coupon's balance only leaves it by reclaim, so 2 (usable) and 3 (used) are told apart on read.
 */
export function couponStatusCondition(status: number, now: Date): SQL | undefined {
  switch (status) {
    case 1:
      return and(
        eq(coupons.status, 'issued'),
        gt(coupons.validTime, now),
        gt(coupons.expireTime, now),
      );
    case 2:
    case 3:
      return and(
        eq(coupons.status, 'issued'),
        lte(coupons.validTime, now),
        gt(coupons.expireTime, now),
      );
    case 4:
      return and(eq(coupons.status, 'issued'), lte(coupons.expireTime, now));
    case 5:
      return eq(coupons.status, 'reclaimed');
    default:
      return eq(coupons.id, '');
  }
}

export interface IssuedCouponFilters {
  couponId?: string | undefined;
  customerId?: string | undefined;
  couponType?: number | undefined;
  status?: number | undefined;
  createTimeBegin?: Date | undefined;
  createTimeEnd?: Date | undefined;
  effectiveTimeBegin?: Date | undefined;
  effectiveTimeEnd?: Date | undefined;
  expireTimeBegin?: Date | undefined;
  expireTimeEnd?: Date | undefined;
  indirectPartnerId?: string | undefined;
}

/** The issuer's coupons visible to the caller's data scope, or null when none can be. */
async function issuedScope(
  ctx: AuthenticatedContext,
  indirectPartnerId: string | undefined,
): Promise<{ issuerId: string; condition: SQL | undefined } | null> {
  const issuerId = await issuingPartnerOf(ctx, indirectPartnerId, Permissions.COUPON_VIEW, 'read');
  if (!issuerId) return null;
  const scoped = await scopedCustomerIds(ctx.db, ctx.principal, issuerId);
  if (scoped !== null && scoped.length === 0) return null;
  return {
    issuerId,
    condition: scoped === null ? undefined : inArray(coupons.customerId, scoped),
  };
}

/**
 * ListIssuedPartnerCoupons (查询已发放的优惠券): the coupons the issuer gave its customers, within
 * the caller's data scope; coupons that expired two years ago or more are never returned
 * (R-COUP-08). Reclaimed ones stay listed (R-COUP-06).
 *
 * @throws CBC.0151 wrong caller or no `coupon.view`.
 */
export async function listIssuedCoupons(
  ctx: AuthenticatedContext,
  filters: IssuedCouponFilters,
  page: Page,
): Promise<PagedResult<CouponView>> {
  const scope = await issuedScope(ctx, filters.indirectPartnerId);
  if (!scope) return { items: [], totalCount: 0 };
  const now = ctx.clock.now();
  const conditions: (SQL | undefined)[] = [
    eq(coupons.partnerId, scope.issuerId),
    partnerCoupon(),
    scope.condition,
    gt(coupons.expireTime, issuedWindowStart(now, ISSUED_COUPON_WINDOW_YEARS)),
  ];
  if (filters.couponId !== undefined) conditions.push(eq(coupons.id, filters.couponId));
  if (filters.customerId) conditions.push(eq(coupons.customerId, filters.customerId));
  if (filters.couponType !== undefined) conditions.push(eq(coupons.couponType, filters.couponType));
  if (filters.status !== undefined) conditions.push(couponStatusCondition(filters.status, now));
  if (filters.createTimeBegin) conditions.push(gte(coupons.createdAt, filters.createTimeBegin));
  if (filters.createTimeEnd) conditions.push(lt(coupons.createdAt, filters.createTimeEnd));
  if (filters.effectiveTimeBegin)
    conditions.push(gte(coupons.validTime, filters.effectiveTimeBegin));
  if (filters.effectiveTimeEnd) conditions.push(lt(coupons.validTime, filters.effectiveTimeEnd));
  if (filters.expireTimeBegin) conditions.push(gte(coupons.expireTime, filters.expireTimeBegin));
  if (filters.expireTimeEnd) conditions.push(lt(coupons.expireTime, filters.expireTimeEnd));
  return pageOfCoupons(ctx, and(...conditions), page, filters.status);
}

export async function pageOfCoupons(
  ctx: AuthenticatedContext,
  where: SQL | undefined,
  page: Page,
  status?: number,
): Promise<PagedResult<CouponView>> {
  const now = ctx.clock.now();
  const [total] = await ctx.db.select({ value: count() }).from(coupons).where(where);
  const rows = await ctx.db
    .select()
    .from(coupons)
    .where(where)
    .orderBy(desc(coupons.createdAt), desc(coupons.id))
    .offset(page.offset)
    .limit(page.limit);
  const items: CouponView[] = [];
  for (const row of rows) items.push(await toCouponView(ctx.db, row, now));
  // 2 and 3 share one SQL window (see couponStatusCondition); the balance tells them apart.
  const kept =
    status === 2 || status === 3 ? items.filter((item) => item.status === status) : items;
  return { items: kept, totalCount: (total?.value ?? 0) - (items.length - kept.length) };
}

export interface CouponRecordFilters {
  operationTypes?: readonly string[] | undefined;
  quotaId?: string | undefined;
  quotaType?: number | undefined;
  couponIds?: readonly string[] | undefined;
  customerId?: string | undefined;
  operationTimeBegin?: Date | undefined;
  operationTimeEnd?: Date | undefined;
  result?: string | undefined;
  indirectPartnerId?: string | undefined;
}

/**
 * ListPartnerCouponsRecord (查询优惠券的发放回收记录): the issuer's coupon issues and reclaims
 * (R-COUP-10), with the issuer's remark, within the caller's data scope. Every logged operation
 * succeeded (a refused one changes nothing), so `result` "-1" matches nothing.
 *
 * @throws CBC.0151 wrong caller or no `coupon.view`.
 */
export async function listCouponRecords(
  ctx: AuthenticatedContext,
  filters: CouponRecordFilters,
  page: Page,
): Promise<PagedResult<OperationRow>> {
  const issuerId = await issuingPartnerOf(
    ctx,
    filters.indirectPartnerId,
    Permissions.COUPON_VIEW,
    'read',
  );
  if (!issuerId) return { items: [], totalCount: 0 };
  const scoped = await scopedCustomerIds(ctx.db, ctx.principal, issuerId);
  if (scoped !== null && scoped.length === 0) return { items: [], totalCount: 0 };
  if (filters.result !== undefined && filters.result !== '0') return { items: [], totalCount: 0 };
  if (filters.quotaType !== undefined && filters.quotaType !== 0)
    return { items: [], totalCount: 0 };
  const couponTypes: string[] = [OperationTypes.COUPON_ISSUE, OperationTypes.COUPON_RECLAIM];
  const types =
    filters.operationTypes && filters.operationTypes.length > 0
      ? couponTypes.filter((type) => filters.operationTypes?.includes(type))
      : couponTypes;
  if (types.length === 0) return { items: [], totalCount: 0 };
  const conditions: (SQL | undefined)[] = [
    eq(couponOperations.partnerId, issuerId),
    inArray(couponOperations.operationType, types),
  ];
  if (scoped !== null) conditions.push(inArray(couponOperations.customerId, scoped));
  if (filters.quotaId) conditions.push(eq(couponOperations.quotaId, filters.quotaId));
  if (filters.couponIds && filters.couponIds.length > 0) {
    conditions.push(inArray(couponOperations.couponId, [...filters.couponIds]));
  }
  if (filters.customerId) conditions.push(eq(couponOperations.customerId, filters.customerId));
  if (filters.operationTimeBegin) {
    conditions.push(gte(couponOperations.occurredAt, filters.operationTimeBegin));
  }
  if (filters.operationTimeEnd) {
    conditions.push(lt(couponOperations.occurredAt, filters.operationTimeEnd));
  }
  return pageOfOperations(ctx.db, and(...conditions), page);
}

/** Customers see their coupons except reclaimed ones (R-COUP-06). */
export function customerCouponCondition(partnerId: string, customerId: string): SQL | undefined {
  return and(
    eq(coupons.partnerId, partnerId),
    eq(coupons.customerId, customerId),
    partnerCoupon(),
    ne(coupons.status, 'reclaimed'),
  );
}

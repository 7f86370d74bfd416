import { and, count, desc, eq, gt, inArray, isNotNull, lt, lte, or, type SQL } from 'drizzle-orm';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import { executeText, tableRows, tableShape } from '../../../platform/db/statement.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { runIdempotent } from '../../../platform/idempotency/index.ts';
import { Money, type Money as MoneyValue } from '../../../platform/money/index.ts';
import { balanceOf, postTransaction } from '../../accounts/index.ts';
import {
  checkOperationCode,
  consumeOperationCode,
  resolveFundsPartner,
} from '../../customers/index.ts';
import { findPartnerById, type PartnerAccount } from '../../partners/index.ts';
import { quotaUnusableReason, quotaWireStatus, type QuotaWireStatus } from '../rules.ts';
import { couponOperations, couponQuotas, type CouponScope } from '../schema.ts';
import {
  assertCaller,
  balanceAfter,
  businessId,
  COUPON_PARTNER_TYPES,
  logOperation,
  MAX_BATCH_ITEMS,
  OperationTypes,
  providerQuotaSource,
  QUOTA_RESOURCE,
  quotaAccount,
} from './shared.ts';

export type QuotaRow = typeof couponQuotas.$inferSelect;

/** Partners the operator grants quota to (R-COUP-01). */
const GRANTEE_TYPES = new Set(['solution_provider', 'tier1_distributor']);

export interface QuotaView {
  quotaId: string;
  quotaType: number;
  createTime: Date;
  lastUpdateTime: Date;
  quotaValue: MoneyValue;
  quotaStatus: QuotaWireStatus;
  balance: MoneyValue;
  effectiveTime: Date;
  expireTime: Date;
  scope: CouponScope;
  partnerId: string;
  partnerName: string;
  partnerAccountName: string;
  parentQuotaId: string | null;
}

async function toView(ctx: AuthenticatedContext, db: Db, row: QuotaRow): Promise<QuotaView> {
  const holder = await findPartnerById(db, row.partnerId);
  return {
    quotaId: row.id,
    quotaType: row.quotaType,
    createTime: row.createdAt,
    lastUpdateTime: row.updatedAt,
    quotaValue: new Money(row.quotaValue),
    quotaStatus: quotaWireStatus(row, ctx.clock.now()),
    balance: await balanceOf(db, quotaAccount(row)),
    effectiveTime: row.effectiveTime,
    expireTime: row.expireTime,
    scope: row.scope,
    partnerId: row.partnerId,
    partnerName: holder?.companyName || (holder?.name ?? ''),
    partnerAccountName: holder?.name ?? '',
    parentQuotaId: row.parentQuotaId,
  };
}

/** The holder's quota `quotaId`, locked for the move; 404 when it is not the holder's. */
function lockedQuota(tx: Db, holderId: string, quotaId: string): Promise<QuotaRow> {
  return findQuota(tx, holderId, quotaId, { lock: true });
}

const quotaRows = tableRows(couponQuotas);

/**
 * The holder's quota `quotaId`, locked `FOR UPDATE` with `lock` (every coupon issue reads it
 * first, unlocked, bench/money: text, not a Drizzle builder); 404 when it is not the holder's.
 */
export async function findQuota(
  db: Db,
  holderId: string,
  quotaId: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<QuotaRow> {
  const [raw] = await executeText<Record<string, unknown>>(
    db,
    `select ${quotaRows.selectList} from ${tableShape(couponQuotas).name} where partner_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [holderId, quotaId],
  );
  if (!raw) throw new ApiError(Errors.NOT_FOUND, { field: 'quota_id', detail: 'no such quota' });
  return quotaRows.toRow(raw);
}

/** Refuses a move out of a quota that is not 有效 (R-COUP-02, R-COUP-11). */
export async function assertIssuable(
  ctx: AuthenticatedContext,
  tx: Db,
  quota: QuotaRow,
  field: string,
): Promise<void> {
  const reason = quotaUnusableReason(
    quota,
    await balanceOf(tx, quotaAccount(quota)),
    ctx.clock.now(),
  );
  if (reason) throw new ApiError(Errors.OPERATION_NOT_ALLOWED, { field, detail: reason });
}

export interface QuotaGrant {
  partnerId: string;
  amount: MoneyValue;
  effectiveTime: Date;
  expireTime: Date;
  scope: CouponScope;
  remark: string;
}

/**
 * The operator grants a coupon quota (R-COUP-01, SM-7 "Huawei grants"): a new quota in state 有效
 * at a solution provider or tier-1 distributor, funded from the provider's quota counter-account.
 * Audited and logged; idempotent with `Idempotency-Key`.
 *
 * @throws CBC.0151 not the operator; CBC.0404 unknown partner; CBC.0410 a partner class that
 *   receives no quota from the operator; CBC.0100 an expiry not after the effective time.
 */
export async function grantQuota(
  ctx: AuthenticatedContext,
  input: QuotaGrant,
  idempotencyKey?: string,
): Promise<{ quotaId: string }> {
  const principal = assertCaller(ctx, ['operator'], Permissions.OPERATOR_PARTNER_MANAGE);
  if (input.expireTime.getTime() <= input.effectiveTime.getTime()) {
    throw invalidParameter('expire_time', 'must be after effective_time');
  }
  const partner = await findPartnerById(ctx.db, input.partnerId);
  if (!partner || partner.partnerType === 'operator') {
    throw new ApiError(Errors.NOT_FOUND, { field: 'partner_id', detail: 'no such partner' });
  }
  if (!GRANTEE_TYPES.has(partner.partnerType)) {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      field: 'partner_id',
      detail: 'the operator grants quota to solution providers and tier-1 distributors only',
    });
  }
  const answer = await runIdempotent(
    ctx,
    {
      key: idempotencyKey,
      operation: 'GrantCouponQuota',
      parameters: {
        partnerId: partner.id,
        amount: input.amount.toFixed(2),
        effectiveTime: input.effectiveTime.toISOString(),
        expireTime: input.expireTime.toISOString(),
        scope: input.scope,
        remark: input.remark,
      },
    },
    200,
    async (tx) => {
      const now = ctx.clock.now();
      const quota: QuotaRow = {
        id: businessId('Q', now),
        partnerId: partner.id,
        grantorPartnerId: principal.partnerId,
        parentQuotaId: null,
        quotaType: 0,
        quotaValue: input.amount.toFixed(2),
        status: 'valid',
        scope: input.scope,
        effectiveTime: input.effectiveTime,
        expireTime: input.expireTime,
        remark: input.remark,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insert(couponQuotas).values(quota);
      const posted = await postTransaction(ctx, tx, {
        kind: 'coupon_quota_grant',
        partnerId: partner.id,
        legs: [
          { account: providerQuotaSource(principal.partnerId), amount: input.amount.neg() },
          { account: quotaAccount(quota), amount: input.amount },
        ],
        amount: input.amount,
        counterparty: { type: 'partner', id: partner.id, name: partner.name },
        memo: input.remark,
        idempotencyKey,
      });
      await logOperation(ctx, tx, {
        partnerId: principal.partnerId,
        operationType: OperationTypes.QUOTA_ISSUE,
        quotaId: quota.id,
        indirectPartnerId: partner.id,
        indirectPartnerName: partner.name,
        amount: input.amount,
        balanceAfter: balanceAfter(posted, quotaAccount(quota)),
        transactionId: posted.id,
        remark: input.remark,
      });
      await recordAudit(ctx, tx, {
        action: 'coupons.quota.grant',
        resourceType: QUOTA_RESOURCE,
        resourceId: quota.id,
        resourceName: partner.name,
        after: { partnerId: partner.id, amount: input.amount.toFixed(2), transactionId: posted.id },
      });
      return { quotaId: quota.id };
    },
  );
  return answer.body;
}

export interface QuotaReclaimResult {
  quotaId: string;
  /** The amount moved back (the whole unused balance). */
  amount: string;
  quotaBalance: string;
}

/**
 * Reclaims the whole unused balance of a quota into the account it came from and marks it
 * reclaimed (R-COUP-11, SM-7). Runs inside the caller's transaction.
 */
async function reclaimOne(
  ctx: AuthenticatedContext,
  tx: Db,
  quota: QuotaRow,
  remark: string,
): Promise<QuotaReclaimResult> {
  await assertIssuable(ctx, tx, quota, 'quota_ids');
  const balance = await balanceOf(tx, quotaAccount(quota));
  const parent = quota.parentQuotaId
    ? await lockedQuota(tx, quota.grantorPartnerId, quota.parentQuotaId)
    : null;
  const source = parent ? quotaAccount(parent) : providerQuotaSource(quota.grantorPartnerId);
  const holder = await findPartnerById(tx, quota.partnerId);
  const posted = await postTransaction(ctx, tx, {
    kind: 'coupon_quota_reclaim',
    partnerId: quota.partnerId,
    legs: [
      { account: quotaAccount(quota), amount: balance.neg() },
      { account: source, amount: balance },
    ],
    amount: balance,
    counterparty: { type: 'partner', id: quota.partnerId, name: holder?.name ?? '' },
    memo: remark,
  });
  const now = ctx.clock.now();
  await tx
    .update(couponQuotas)
    .set({ status: 'reclaimed', updatedAt: now })
    .where(eq(couponQuotas.id, quota.id));
  const left = balanceAfter(posted, quotaAccount(quota));
  await logOperation(ctx, tx, {
    partnerId: quota.grantorPartnerId,
    operationType: OperationTypes.QUOTA_RECLAIM,
    quotaId: quota.id,
    parentQuotaId: quota.parentQuotaId,
    indirectPartnerId: quota.partnerId,
    indirectPartnerName: holder?.name ?? '',
    amount: balance,
    balanceAfter: left,
    transactionId: posted.id,
    remark,
  });
  await recordAudit(ctx, tx, {
    action: 'coupons.quota.reclaim',
    resourceType: QUOTA_RESOURCE,
    resourceId: quota.id,
    resourceName: holder?.name ?? '',
    before: { status: quota.status, balance: balance.toFixed(2) },
    after: { status: 'reclaimed', balance: left.toFixed(2), transactionId: posted.id },
  });
  return { quotaId: quota.id, amount: balance.toFixed(2), quotaBalance: left.toFixed(2) };
}

/**
 * The operator reclaims the whole unused balance of a quota it granted (never part of it).
 *
 * @throws CBC.0151 not the operator; CBC.0404 not a quota the operator granted; CBC.0410 a quota
 *   not 有效 (reclaimed, expired, used up).
 */
export async function reclaimGrantedQuota(
  ctx: AuthenticatedContext,
  input: { quotaId: string; remark: string },
  idempotencyKey?: string,
): Promise<QuotaReclaimResult> {
  const principal = assertCaller(ctx, ['operator'], Permissions.OPERATOR_PARTNER_MANAGE);
  const answer = await runIdempotent(
    ctx,
    {
      key: idempotencyKey,
      operation: 'ReclaimGrantedCouponQuota',
      parameters: { quotaId: input.quotaId, remark: input.remark },
    },
    200,
    async (tx) => {
      const [quota] = await tx
        .select()
        .from(couponQuotas)
        .where(
          and(
            eq(couponQuotas.id, input.quotaId),
            eq(couponQuotas.grantorPartnerId, principal.partnerId),
          ),
        )
        .for('update');
      if (!quota) {
        throw new ApiError(Errors.NOT_FOUND, { field: 'quota_id', detail: 'no such quota' });
      }
      return reclaimOne(ctx, tx, quota, input.remark);
    },
  );
  return answer.body;
}

export interface BatchError {
  id: string;
  errorCode: string;
  errorMsg: string;
}

export function batchError(id: string, error: ApiError): BatchError {
  return { id, errorCode: error.code, errorMsg: error.message };
}

export function assertBatchSize(ids: readonly string[], field: string): void {
  if (ids.length === 0) throw invalidParameter(field, 'must name at least one item');
  if (ids.length > MAX_BATCH_ITEMS) {
    throw invalidParameter(field, `must name at most ${MAX_BATCH_ITEMS} items`);
  }
  if (new Set(ids).size !== ids.length) throw invalidParameter(field, 'must not repeat an id');
}

export interface ResellerQuotaIssue {
  quotaId: string;
  indirectPartnerIds: readonly string[];
  amount: MoneyValue;
  /** The mailed code, when 验证码验证 is on and the issue is made in the console (X4). */
  verificationCode?: string | undefined;
}

export interface ResellerQuotaIssueResult {
  simpleQuotaInfos: { id: string; quotaId: string }[];
  errorDetails: BatchError[];
}

/**
 * UpdateCouponQuotas (向云经销商发放代金券额度): a tier-1 distributor carves `amount` out of its own
 * 有效 quota for each named reseller, as a new child quota with the parent's validity and scope
 * (R-COUP-11, SM-7). Each reseller succeeds or fails on its own (`errorDetails`, HTTP 200).
 *
 * @throws CBC.0151 not a distributor or no `coupon.manage`; CBC.0404 not the caller's quota;
 *   CBC.0410 the quota is not 有效; CBC.0100 bad ids or the console's `verification_code` (X4);
 *   per reseller CBC.99000037 (not the caller's reseller), CBC.99005003 (not enough quota left).
 */
export async function issueQuotaToResellers(
  ctx: AuthenticatedContext,
  input: ResellerQuotaIssue,
  idempotencyKey?: string,
): Promise<ResellerQuotaIssueResult> {
  const principal = assertCaller(ctx, ['tier1_distributor'], Permissions.COUPON_MANAGE);
  assertBatchSize(input.indirectPartnerIds, 'indirect_partner_ids');
  // The caller's resellers among the ids, looked up before the transaction opens.
  const resellers = new Map<string, PartnerAccount>();
  for (const resellerId of input.indirectPartnerIds) {
    const target = await resolveFundsPartner(ctx, principal, resellerId, 'read');
    const reseller = target ? await findPartnerById(ctx.db, target) : null;
    // An empty id resolves to the caller itself, which is no reseller.
    if (reseller && reseller.id !== principal.partnerId) resellers.set(resellerId, reseller);
  }
  const codeId = await checkOperationCode(ctx, input.verificationCode);
  const answer = await runIdempotent(
    ctx,
    {
      key: idempotencyKey,
      operation: 'UpdateCouponQuotas',
      parameters: {
        quotaId: input.quotaId,
        indirectPartnerIds: input.indirectPartnerIds,
        amount: input.amount.toFixed(2),
      },
    },
    200,
    async (tx): Promise<ResellerQuotaIssueResult> => {
      await consumeOperationCode(ctx, tx, codeId);
      const parent = await lockedQuota(tx, principal.partnerId, input.quotaId);
      await assertIssuable(ctx, tx, parent, 'quota_id');
      const result: ResellerQuotaIssueResult = { simpleQuotaInfos: [], errorDetails: [] };
      for (const resellerId of input.indirectPartnerIds) {
        try {
          const quotaId = await withTransaction(tx, async (savepoint) => {
            const reseller = resellers.get(resellerId);
            if (!reseller) throw new ApiError(Errors.RESELLER_NOT_OWNED, { field: 'id' });
            const now = ctx.clock.now();
            const child: QuotaRow = {
              ...parent,
              id: businessId('Q', now),
              partnerId: reseller.id,
              grantorPartnerId: principal.partnerId,
              parentQuotaId: parent.id,
              quotaValue: input.amount.toFixed(2),
              status: 'valid',
              remark: '',
              createdAt: now,
              updatedAt: now,
            };
            await savepoint.insert(couponQuotas).values(child);
            const posted = await postTransaction(ctx, savepoint, {
              kind: 'coupon_quota_grant',
              partnerId: principal.partnerId,
              legs: [
                { account: quotaAccount(parent), amount: input.amount.neg() },
                { account: quotaAccount(child), amount: input.amount },
              ],
              amount: input.amount,
              counterparty: { type: 'partner', id: reseller.id, name: reseller.name },
              idempotencyKey,
            });
            await logOperation(ctx, savepoint, {
              partnerId: principal.partnerId,
              operationType: OperationTypes.QUOTA_ISSUE,
              quotaId: child.id,
              parentQuotaId: parent.id,
              indirectPartnerId: reseller.id,
              indirectPartnerName: reseller.name,
              amount: input.amount,
              balanceAfter: balanceAfter(posted, quotaAccount(child)),
              transactionId: posted.id,
            });
            await recordAudit(ctx, savepoint, {
              action: 'coupons.quota.issue_to_reseller',
              resourceType: QUOTA_RESOURCE,
              resourceId: child.id,
              resourceName: reseller.name,
              after: {
                parentQuotaId: parent.id,
                amount: input.amount.toFixed(2),
                transactionId: posted.id,
              },
            });
            return child.id;
          });
          result.simpleQuotaInfos.push({ id: resellerId, quotaId });
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          result.errorDetails.push(batchError(resellerId, error));
        }
      }
      return result;
    },
  );
  return answer.body;
}

export interface ResellerQuotaReclaimResult {
  simpleQuotaInfos: { quotaId: string; quotaBalance: string }[];
  errorDetails: BatchError[];
}

/**
 * ReclaimCouponQuotas (回收云经销商的代金券额度): the whole unused balance of each named reseller
 * quota the caller issued goes back to the parent quota (never part of it; R-COUP-11). Each quota
 * succeeds or fails on its own.
 *
 * @throws CBC.0151 not a distributor or no `coupon.manage`; CBC.0100 bad ids or the console's
 *   `verification_code` (X4); per quota CBC.0404
 *   (not a quota the caller issued to a reseller), CBC.0410 (not 有效).
 */
export async function reclaimResellerQuotas(
  ctx: AuthenticatedContext,
  input: { quotaIds: readonly string[]; remark: string; verificationCode?: string | undefined },
  idempotencyKey?: string,
): Promise<ResellerQuotaReclaimResult> {
  const principal = assertCaller(ctx, ['tier1_distributor'], Permissions.COUPON_MANAGE);
  assertBatchSize(input.quotaIds, 'quota_ids');
  const codeId = await checkOperationCode(ctx, input.verificationCode);
  const answer = await runIdempotent(
    ctx,
    {
      key: idempotencyKey,
      operation: 'ReclaimCouponQuotas',
      parameters: { quotaIds: input.quotaIds, remark: input.remark },
    },
    200,
    async (tx): Promise<ResellerQuotaReclaimResult> => {
      await consumeOperationCode(ctx, tx, codeId);
      const result: ResellerQuotaReclaimResult = { simpleQuotaInfos: [], errorDetails: [] };
      for (const quotaId of input.quotaIds) {
        try {
          const reclaimed = await withTransaction(tx, async (savepoint) => {
            const [quota] = await savepoint
              .select()
              .from(couponQuotas)
              .where(
                and(
                  eq(couponQuotas.id, quotaId),
                  eq(couponQuotas.grantorPartnerId, principal.partnerId),
                  isNotNull(couponQuotas.parentQuotaId),
                ),
              )
              .for('update');
            if (!quota) {
              throw new ApiError(Errors.NOT_FOUND, { field: 'quota_ids', detail: 'no such quota' });
            }
            return reclaimOne(ctx, savepoint, quota, input.remark);
          });
          result.simpleQuotaInfos.push({ quotaId, quotaBalance: reclaimed.quotaBalance });
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          result.errorDetails.push(batchError(quotaId, error));
        }
      }
      return result;
    },
  );
  return answer.body;
}

export interface QuotaFilters {
  quotaIds?: readonly string[] | undefined;
  quotaStatusList?: readonly number[] | undefined;
  quotaType?: number | undefined;
  createTimeBegin?: Date | undefined;
  createTimeEnd?: Date | undefined;
  effectiveTimeBegin?: Date | undefined;
  effectiveTimeEnd?: Date | undefined;
  expireTimeBegin?: Date | undefined;
  expireTimeEnd?: Date | undefined;
  indirectPartnerId?: string | undefined;
}

/** SQL for the wire states: 0 valid and unexpired, 3 valid but expired, 6 reclaimed. */
function statusCondition(statuses: readonly number[], now: Date): SQL | undefined {
  const parts: SQL[] = [];
  for (const status of new Set(statuses)) {
    if (status === 0) {
      parts.push(and(eq(couponQuotas.status, 'valid'), gt(couponQuotas.expireTime, now)) as SQL);
    } else if (status === 3) {
      parts.push(and(eq(couponQuotas.status, 'valid'), lte(couponQuotas.expireTime, now)) as SQL);
    } else if (status === 6) {
      parts.push(eq(couponQuotas.status, 'reclaimed'));
    }
  }
  // Only states Huoban never enters (4 adjusting, 5 frozen) were asked for: nothing matches.
  return parts.length > 0 ? or(...parts) : eq(couponQuotas.id, '');
}

async function pageOfQuotas(
  ctx: AuthenticatedContext,
  where: SQL | undefined,
  page: Page,
): Promise<PagedResult<QuotaView>> {
  const [total] = await ctx.db.select({ value: count() }).from(couponQuotas).where(where);
  const rows = await ctx.db
    .select()
    .from(couponQuotas)
    .where(where)
    .orderBy(desc(couponQuotas.createdAt), desc(couponQuotas.id))
    .offset(page.offset)
    .limit(page.limit);
  const items: QuotaView[] = [];
  for (const row of rows) items.push(await toView(ctx, ctx.db, row));
  return { items, totalCount: total?.value ?? 0 };
}

/**
 * ListQuotaCoupons (查询优惠券额度): the caller's own quotas, or with `indirectPartnerId` a
 * reseller's (tier-1 distributors only; a foreign reseller answers an empty page).
 *
 * @throws CBC.0151 operator or customer callers, or no `coupon.view`.
 */
export async function listQuotas(
  ctx: AuthenticatedContext,
  filters: QuotaFilters,
  page: Page,
): Promise<PagedResult<QuotaView>> {
  const principal = assertCaller(ctx, COUPON_PARTNER_TYPES, Permissions.COUPON_VIEW);
  const holderId = await resolveFundsPartner(ctx, principal, filters.indirectPartnerId, 'read');
  if (!holderId) return { items: [], totalCount: 0 };
  const conditions: (SQL | undefined)[] = [eq(couponQuotas.partnerId, holderId)];
  if (filters.quotaIds && filters.quotaIds.length > 0) {
    conditions.push(inArray(couponQuotas.id, [...filters.quotaIds]));
  }
  if (filters.quotaStatusList && filters.quotaStatusList.length > 0) {
    conditions.push(statusCondition(filters.quotaStatusList, ctx.clock.now()));
  }
  if (filters.quotaType !== undefined)
    conditions.push(eq(couponQuotas.quotaType, filters.quotaType));
  // The catalog's create-time bounds are strict ("after", "before").
  if (filters.createTimeBegin) conditions.push(gt(couponQuotas.createdAt, filters.createTimeBegin));
  if (filters.createTimeEnd) conditions.push(lt(couponQuotas.createdAt, filters.createTimeEnd));
  if (filters.effectiveTimeBegin) {
    conditions.push(gt(couponQuotas.effectiveTime, filters.effectiveTimeBegin));
  }
  if (filters.effectiveTimeEnd) {
    conditions.push(lt(couponQuotas.effectiveTime, filters.effectiveTimeEnd));
  }
  if (filters.expireTimeBegin)
    conditions.push(gt(couponQuotas.expireTime, filters.expireTimeBegin));
  if (filters.expireTimeEnd) conditions.push(lt(couponQuotas.expireTime, filters.expireTimeEnd));
  return pageOfQuotas(ctx, and(...conditions), page);
}

/**
 * ListIssuedCouponQuotas (查询已发放的代金券额度): the quotas the calling distributor carved out
 * for its resellers. `parentQuotaId` null filters on nothing.
 *
 * @throws CBC.0151 not a distributor or no `coupon.view`.
 */
export async function listIssuedQuotas(
  ctx: AuthenticatedContext,
  filters: {
    quotaId?: string | undefined;
    indirectPartnerId?: string | undefined;
    parentQuotaId?: string | undefined;
  },
  page: Page,
): Promise<PagedResult<QuotaView>> {
  const principal = assertCaller(ctx, ['tier1_distributor'], Permissions.COUPON_VIEW);
  const conditions: (SQL | undefined)[] = [
    eq(couponQuotas.grantorPartnerId, principal.partnerId),
    isNotNull(couponQuotas.parentQuotaId),
  ];
  if (filters.quotaId) conditions.push(eq(couponQuotas.id, filters.quotaId));
  if (filters.indirectPartnerId) {
    conditions.push(eq(couponQuotas.partnerId, filters.indirectPartnerId));
  }
  if (filters.parentQuotaId) conditions.push(eq(couponQuotas.parentQuotaId, filters.parentQuotaId));
  return pageOfQuotas(ctx, and(...conditions), page);
}

export type OperationRow = typeof couponOperations.$inferSelect;

/**
 * ListCouponQuotasRecords (查询代金券额度的发放回收记录): the distributor's quota issues ("10") and
 * reclaims ("11") to and from its resellers.
 *
 * @throws CBC.0151 not a distributor or no `coupon.view`.
 */
export async function listQuotaRecords(
  ctx: AuthenticatedContext,
  filters: {
    indirectPartnerId?: string | undefined;
    quotaId?: string | undefined;
    parentQuotaId?: string | undefined;
    operationType?: string | undefined;
    operationTimeBegin?: Date | undefined;
    operationTimeEnd?: Date | undefined;
  },
  page: Page,
): Promise<PagedResult<OperationRow>> {
  const principal = assertCaller(ctx, ['tier1_distributor'], Permissions.COUPON_VIEW);
  // Other operation types are ignored, as the catalog says.
  const types =
    filters.operationType === OperationTypes.QUOTA_ISSUE ||
    filters.operationType === OperationTypes.QUOTA_RECLAIM
      ? [filters.operationType]
      : [OperationTypes.QUOTA_ISSUE, OperationTypes.QUOTA_RECLAIM];
  const conditions: (SQL | undefined)[] = [
    eq(couponOperations.partnerId, principal.partnerId),
    inArray(couponOperations.operationType, types),
  ];
  if (filters.indirectPartnerId) {
    conditions.push(eq(couponOperations.indirectPartnerId, filters.indirectPartnerId));
  }
  if (filters.quotaId) conditions.push(eq(couponOperations.quotaId, filters.quotaId));
  if (filters.parentQuotaId) {
    conditions.push(eq(couponOperations.parentQuotaId, filters.parentQuotaId));
  }
  if (filters.operationTimeBegin) {
    conditions.push(gt(couponOperations.occurredAt, filters.operationTimeBegin));
  }
  if (filters.operationTimeEnd) {
    conditions.push(lt(couponOperations.occurredAt, filters.operationTimeEnd));
  }
  return pageOfOperations(ctx.db, and(...conditions), page);
}

export async function pageOfOperations(
  db: Db,
  where: SQL | undefined,
  page: Page,
): Promise<PagedResult<OperationRow>> {
  const [total] = await db.select({ value: count() }).from(couponOperations).where(where);
  const items = await db
    .select()
    .from(couponOperations)
    .where(where)
    .orderBy(desc(couponOperations.occurredAt), desc(couponOperations.seq))
    .offset(page.offset)
    .limit(page.limit);
  return { items, totalCount: total?.value ?? 0 };
}

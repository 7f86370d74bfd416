import { randomBytes } from 'node:crypto';
import { ne, type SQL } from 'drizzle-orm';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import type { Permission } from '../../../platform/auth/permissions.ts';
import type { AccountType, Principal } from '../../../platform/auth/principal.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { AuthenticatedContext, ServiceContext } from '../../../platform/http/context.ts';
import { newId } from '../../../platform/ids/index.ts';
import { formatMoney, type Money } from '../../../platform/money/index.ts';
import type { AccountKey, PostedTransaction } from '../../accounts/index.ts';
import { couponOperations, coupons, type CouponScope } from '../schema.ts';

export const QUOTA_RESOURCE = 'coupons.quota';
export const COUPON_RESOURCE = 'coupons.coupon';

/** Partners that hold quota and issue coupons from it (R-COUP-01, SM-7). */
export const COUPON_PARTNER_TYPES: readonly AccountType[] = [
  'solution_provider',
  'tier1_distributor',
  'reseller',
];

/** Huawei's operation types of the coupon and quota logs. */
export const OperationTypes = {
  COUPON_ISSUE: '1',
  COUPON_RECLAIM: '2',
  QUOTA_ISSUE: '10',
  QUOTA_RECLAIM: '11',
} as const;

/**
 * 储值卡: a stored-value card the customer bought, kept as a coupon of its own kind (the catalog's
 * promotion type 303). It is the customer's money: no partner issues, lists or reclaims it.
 */
export const STORED_VALUE_CARD_TYPE = 303;

/** The coupons partners issue: every kind but the stored-value cards customers buy. */
export function partnerCoupon(): SQL {
  return ne(coupons.couponType, STORED_VALUE_CARD_TYPE);
}

/** An issued-coupon query never returns coupons that expired two years ago or more (R-COUP-08). */
export const ISSUED_COUPON_WINDOW_YEARS = 2;

/** At most 10 customers per issuance (R-COUP-03), 10 quotas per reclaim (catalog). */
export const MAX_BATCH_ITEMS = 10;

export function assertCaller(
  ctx: ServiceContext,
  accountTypes: readonly AccountType[],
  permission: Permission,
): Principal {
  assertAccountType(ctx, accountTypes);
  return assertPermission(ctx, permission);
}

/** The ledger account holding a quota's remaining balance. */
export function quotaAccount(quota: { id: string; partnerId: string }): AccountKey {
  return {
    partnerId: quota.partnerId,
    ownerType: 'partner',
    ownerId: quota.partnerId,
    kind: 'coupon_quota',
    reference: quota.id,
  };
}

/** The ledger account holding a coupon's remaining balance, owned by the customer. */
export function couponAccount(coupon: {
  id: string;
  partnerId: string;
  customerId: string;
}): AccountKey {
  return {
    partnerId: coupon.partnerId,
    ownerType: 'customer',
    ownerId: coupon.customerId,
    kind: 'coupon',
    reference: coupon.id,
  };
}

/**
 * The provider's counter-account of every quota it grants: a `funding` account (which may run
 * negative) kept apart from the cash top-ups by its reference.
 */
export function providerQuotaSource(operatorPartnerId: string): AccountKey {
  return {
    partnerId: operatorPartnerId,
    ownerType: 'provider',
    ownerId: operatorPartnerId,
    kind: 'funding',
    reference: 'coupon_quota',
  };
}

/** Huawei-looking ids: a prefix, the UTC second and random hex. */
export function businessId(prefix: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${prefix}${stamp}${randomBytes(5).toString('hex')}`;
}

/** The balance the posting left in `account`. */
export function balanceAfter(posted: PostedTransaction, account: AccountKey): Money {
  const entry = posted.entries.find(
    (candidate) =>
      candidate.account.kind === account.kind &&
      (candidate.account.reference ?? '') === (account.reference ?? '') &&
      candidate.account.ownerId === account.ownerId,
  );
  if (!entry) throw new Error(`posting ${posted.id} did not touch ${account.reference ?? ''}`);
  return entry.balanceAfter;
}

export interface OperationInput {
  partnerId: string;
  operationType: (typeof OperationTypes)[keyof typeof OperationTypes];
  quotaId: string;
  parentQuotaId?: string | null;
  couponId?: string | null;
  customerId?: string | null;
  customerName?: string;
  indirectPartnerId?: string | null;
  indirectPartnerName?: string;
  amount: Money;
  balanceAfter: Money;
  transactionId: string;
  remark?: string;
}

/** Appends one line to the coupon/quota operation log (R-COUP-10, R-COUP-11). */
export async function logOperation(
  ctx: AuthenticatedContext,
  tx: Db,
  input: OperationInput,
): Promise<void> {
  await tx.insert(couponOperations).values(operationRow(ctx, input));
}

/** The log line `logOperation` writes, for a move that writes it with its posting. */
export function operationRow(
  ctx: AuthenticatedContext,
  input: OperationInput,
): typeof couponOperations.$inferInsert {
  return {
    id: newId(),
    partnerId: input.partnerId,
    operationType: input.operationType,
    quotaId: input.quotaId,
    parentQuotaId: input.parentQuotaId ?? null,
    couponId: input.couponId ?? null,
    customerId: input.customerId ?? null,
    customerName: input.customerName ?? '',
    indirectPartnerId: input.indirectPartnerId ?? null,
    indirectPartnerName: input.indirectPartnerName ?? '',
    amount: formatMoney(input.amount),
    balanceAfter: formatMoney(input.balanceAfter),
    transactionId: input.transactionId,
    operatorName: `${ctx.principal.accountName}/${ctx.principal.userName}`.slice(0, 255),
    remark: input.remark ?? '',
    occurredAt: ctx.clock.now(),
  };
}

/** A coupon's scope must stay within its quota's (an empty quota list restricts nothing). */
export function scopeWithin(scope: CouponScope, quotaScope: CouponScope): string | null {
  if (
    quotaScope.cloudServiceTypes.length > 0 &&
    scope.cloudServiceTypes.some((code) => !quotaScope.cloudServiceTypes.includes(code))
  ) {
    return 'cloud_service_types';
  }
  if (
    quotaScope.productIds.length > 0 &&
    scope.productIds.some((code) => !quotaScope.productIds.includes(code))
  ) {
    return 'product_ids';
  }
  return null;
}

/** An empty coupon scope inherits the quota's restrictions (catalog: CreatePartnerCoupons). */
export function inheritScope(scope: CouponScope, quotaScope: CouponScope): CouponScope {
  return {
    cloudServiceTypes:
      scope.cloudServiceTypes.length > 0 ? scope.cloudServiceTypes : quotaScope.cloudServiceTypes,
    productIds: scope.productIds.length > 0 ? scope.productIds : quotaScope.productIds,
  };
}

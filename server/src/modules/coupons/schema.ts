import { bigint, index, integer, jsonb, numeric, pgTable, varchar } from 'drizzle-orm/pg-core';
import { idColumn, partnerIdColumn, timestampColumn } from '../../platform/db/columns.ts';

/** Amounts: yuan to the fen, as the ledger keeps them. */
const money = () => numeric({ precision: 20, scale: 2 });

/**
 * Where a quota or a coupon may be spent (R-COUP-02): service-type and product codes; an empty
 * list places no restriction of that kind.
 */
export interface CouponScope {
  cloudServiceTypes: string[];
  productIds: string[];
}

/** A quota is `valid` until its grantor reclaims it; expiry is read from the clock (SM-7). */
export const quotaStates = ['valid', 'reclaimed'] as const;
export type QuotaState = (typeof quotaStates)[number];

/**
 * A coupon quota (代金券额度) held by a partner. Its balance lives in the ledger account
 * (partner, `coupon_quota`, reference = quota id); this row carries what the ledger does not:
 * who granted it, the quota it was carved from, the validity and the spending scope.
 */
export const couponQuotas = pgTable(
  'coupon_quotas',
  {
    id: idColumn(),
    /** The holder. */
    partnerId: partnerIdColumn(),
    /** The operator's partner id, or the tier-1 distributor that carved it from its own quota. */
    grantorPartnerId: varchar({ length: 64 }).notNull(),
    parentQuotaId: varchar({ length: 64 }),
    /** 0 cash-coupon quota (代金券额度). */
    quotaType: integer().notNull().default(0),
    quotaValue: money().notNull(),
    status: varchar({ length: 16 }).$type<QuotaState>().notNull(),
    scope: jsonb().$type<CouponScope>().notNull(),
    effectiveTime: timestampColumn().notNull(),
    expireTime: timestampColumn().notNull(),
    remark: varchar({ length: 256 }).notNull().default(''),
    createdAt: timestampColumn().notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [index().on(t.partnerId, t.createdAt), index().on(t.grantorPartnerId, t.createdAt)],
);

export const couponStates = ['issued', 'reclaimed'] as const;
export type CouponState = (typeof couponStates)[number];

/**
 * A cash coupon (代金券) a partner issued to one of its resale customers from a quota. The
 * remaining balance lives in the ledger account (customer, `coupon`, reference = coupon id);
 * `memo` is the issuer's remark, never shown to the customer (R-COUP-04). Activation, expiry and
 * the used-up state are read from the clock and the balance (SM-6).
 */
export const coupons = pgTable(
  'coupons',
  {
    id: idColumn(),
    /** The issuing partner (the customer's partner). */
    partnerId: partnerIdColumn(),
    customerId: varchar({ length: 64 }).notNull(),
    quotaId: varchar({ length: 64 }).notNull(),
    /** 1 cash coupon (代金券); 303 stored-value card (储值卡), see `STORED_VALUE_CARD_TYPE`. */
    couponType: integer().notNull().default(1),
    /** The product name a stored-value card was sold under; '' for partner-issued coupons. */
    name: varchar({ length: 128 }).notNull().default(''),
    faceValue: money().notNull(),
    minimumOrderAmount: money().notNull().default('0'),
    scope: jsonb().$type<CouponScope>().notNull(),
    validTime: timestampColumn().notNull(),
    expireTime: timestampColumn().notNull(),
    memo: varchar({ length: 256 }).notNull().default(''),
    status: varchar({ length: 16 }).$type<CouponState>().notNull(),
    reclaimedAmount: money(),
    reclaimedAt: timestampColumn(),
    createdAt: timestampColumn().notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [
    index().on(t.partnerId, t.createdAt),
    index().on(t.partnerId, t.customerId),
    index().on(t.quotaId),
  ],
);

/**
 * The operation log of coupons and quotas (R-COUP-10, R-COUP-11): Huawei's `operation_type`
 * codes, "1" issue and "2" manual reclaim of coupons, "10" issue and "11" reclaim of quota.
 * `partnerId` is the partner whose records these are (the coupon issuer, the quota grantor).
 */
export const couponOperations = pgTable(
  'coupon_operations',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    /** Log order: operations of the same instant still list in the order they happened. */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    operationType: varchar({ length: 4 }).notNull(),
    quotaId: varchar({ length: 64 }).notNull(),
    parentQuotaId: varchar({ length: 64 }),
    couponId: varchar({ length: 64 }),
    customerId: varchar({ length: 64 }),
    customerName: varchar({ length: 255 }).notNull().default(''),
    indirectPartnerId: varchar({ length: 64 }),
    indirectPartnerName: varchar({ length: 255 }).notNull().default(''),
    amount: money().notNull(),
    /** The coupon's balance after the move (quota moves: the reseller quota's), from the ledger. */
    balanceAfter: money().notNull(),
    transactionId: varchar({ length: 64 }).notNull(),
    operatorName: varchar({ length: 255 }).notNull(),
    remark: varchar({ length: 256 }).notNull().default(''),
    occurredAt: timestampColumn().notNull(),
  },
  (t) => [index().on(t.partnerId, t.occurredAt)],
);

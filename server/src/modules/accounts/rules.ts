import { Money, type Money as MoneyValue } from '../../platform/money/index.ts';
import type { AccountKind, TransactionKind } from './schema.ts';

/** The provider's counter-accounts are the only ones that may run below zero. */
export function allowsNegative(kind: AccountKind): boolean {
  return kind === 'funding' || kind === 'credit_issued';
}

/** Double entry: a transaction's legs are non-zero, at most two decimals, and sum to zero. */
export function isBalancedTransaction(amounts: readonly MoneyValue[]): boolean {
  if (amounts.length < 2) return false;
  if (amounts.some((amount) => amount.isZero() || amount.decimalPlaces() > 2)) return false;
  return amounts.reduce((sum, amount) => sum.plus(amount), new Money(0)).isZero();
}

/** How one transaction kind appears on Huawei's wire. */
export interface TransactionWireNames {
  /** Prefix of the transaction id (`AD…` allocations, `RE…` reclaims, as Huawei's examples). */
  idPrefix: string;
  /** `trade_type` filter value of the change-record queries. */
  tradeType: string;
  /** `trade_detail_type` of a change record (Huawei's `OPERAIION` typo is part of the wire). */
  tradeDetailType: string;
  /** `operation_type` of ListPartnerAdjustRecords, for the kinds that are adjustments. */
  adjustOperationType: string | null;
}

export const transactionWireNames: Record<TransactionKind, TransactionWireNames> = {
  top_up: {
    idPrefix: 'RC',
    tradeType: 'RECHARGE',
    tradeDetailType: 'SOURCE_OPERAIION_RECHARGE',
    adjustOperationType: null,
  },
  credit_line: {
    idPrefix: 'CL',
    tradeType: 'ADJUST',
    tradeDetailType: 'SOURCE_OPERATION_ADJUST',
    adjustOperationType: null,
  },
  customer_allocate: {
    idPrefix: 'AD',
    tradeType: 'BEADJUST',
    tradeDetailType: 'SOURCE_OPERATION_BEADJUST',
    adjustOperationType: 'SOURCE_OPERATION_BEADJUST',
  },
  customer_reclaim: {
    idPrefix: 'RE',
    tradeType: 'BERETRIEVE',
    tradeDetailType: 'SOURCE_OPERATION_BERETRIEVE',
    adjustOperationType: 'SOURCE_OPERATION_BERETRIEVE',
  },
  reseller_allocate: {
    idPrefix: 'AD',
    tradeType: 'BEADJUST',
    tradeDetailType: 'SOURCE_OPERATION_BEADJUST',
    adjustOperationType: 'SOURCE_OPERATION_BEADJUST',
  },
  reseller_reclaim: {
    idPrefix: 'RE',
    tradeType: 'BERETRIEVE',
    tradeDetailType: 'SOURCE_OPERATION_BERETRIEVE',
    adjustOperationType: 'SOURCE_OPERATION_BERETRIEVE',
  },
  // Coupon moves (coupons module): trade types of ListCustomerCouponChangeRecords.
  coupon_quota_grant: {
    idPrefix: 'CQ',
    tradeType: 'QUOTAADJUST',
    tradeDetailType: 'SOURCE_OPERATION_QUOTAADJUST',
    adjustOperationType: null,
  },
  coupon_quota_reclaim: {
    idPrefix: 'CR',
    tradeType: 'QUOTARECLAIM',
    tradeDetailType: 'SOURCE_OPERATION_QUOTARECLAIM',
    adjustOperationType: null,
  },
  coupon_issue: {
    idPrefix: 'CP',
    tradeType: 'COUPONADJUST',
    tradeDetailType: 'COUPONADJUST',
    adjustOperationType: null,
  },
  coupon_reclaim: {
    idPrefix: 'CC',
    tradeType: 'COUPONCANCEL',
    tradeDetailType: 'COUPONCANCEL',
    adjustOperationType: null,
  },
};

/** The transaction kinds behind an adjust-record `operation_type` filter. */
export function kindsOfAdjustOperation(operationType: string): TransactionKind[] {
  return (Object.keys(transactionWireNames) as TransactionKind[]).filter(
    (kind) => transactionWireNames[kind].adjustOperationType === operationType,
  );
}

/** The transaction kinds behind a change-record `trade_type` filter. */
export function kindsOfTradeType(tradeType: string): TransactionKind[] {
  return (Object.keys(transactionWireNames) as TransactionKind[]).filter(
    (kind) => transactionWireNames[kind].tradeType === tradeType,
  );
}

/** The adjustments ListPartnerAdjustRecords lists (拨款 and 回收, to customers and resellers). */
export const adjustmentKinds: readonly TransactionKind[] = [
  'customer_allocate',
  'customer_reclaim',
  'reseller_allocate',
  'reseller_reclaim',
];

/** `yyyyMMddHHmmss` in UTC, the time part of Huawei-style transaction ids. */
export function compactUtc(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Billing dates are UTC+8 (东八区): the instant a `YYYY-MM-DD` date starts there. */
export function startOfChinaDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The UTC+8 calendar date of an instant, `YYYY-MM-DD`. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

import type { Money } from '../../platform/money/index.ts';
import type { CouponState, QuotaState } from './schema.ts';

/** `quota_status` on the wire: 0 normal, 3 invalid (expired), 6 reclaimed (SM-7). */
export type QuotaWireStatus = 0 | 3 | 6;

/** `status` of a coupon on the wire: 1 inactive, 2 usable, 3 used, 4 expired, 5 reclaimed. */
export type CouponWireStatus = 1 | 2 | 3 | 4 | 5;

export interface QuotaFacts {
  status: QuotaState;
  effectiveTime: Date;
  expireTime: Date;
}

/** A quota past its expiry is invalid (失效) whatever its balance; the clock decides (SM-7). */
export function quotaWireStatus(quota: QuotaFacts, now: Date): QuotaWireStatus {
  if (quota.status === 'reclaimed') return 6;
  return now.getTime() >= quota.expireTime.getTime() ? 3 : 0;
}

/**
 * Only quota in state 有效 issues coupons or sub-quota (R-COUP-02): not reclaimed, within its
 * validity window, with something left. Returns why not, or null.
 */
export function quotaUnusableReason(quota: QuotaFacts, balance: Money, now: Date): string | null {
  if (quota.status === 'reclaimed') return 'the quota was reclaimed';
  if (now.getTime() < quota.effectiveTime.getTime()) return 'the quota is not effective yet';
  if (now.getTime() >= quota.expireTime.getTime()) return 'the quota has expired';
  if (balance.lte(0)) return 'the quota is used up';
  return null;
}

export interface CouponFacts {
  status: CouponState;
  validTime: Date;
  expireTime: Date;
}

/**
 * A coupon's state on read (SM-6): reclaimed stays reclaimed; past its expiry it is expired
 * (已失效) and no longer usable; a spent balance is used; before its valid time it is inactive.
 */
export function couponWireStatus(coupon: CouponFacts, balance: Money, now: Date): CouponWireStatus {
  if (coupon.status === 'reclaimed') return 5;
  if (now.getTime() >= coupon.expireTime.getTime()) return 4;
  if (balance.lte(0)) return 3;
  if (now.getTime() < coupon.validTime.getTime()) return 1;
  return 2;
}

/** The instant before which expired coupons drop out of the issued-coupon query (R-COUP-08). */
export function issuedWindowStart(now: Date, years: number): Date {
  const start = new Date(now.getTime());
  start.setUTCFullYear(start.getUTCFullYear() - years);
  return start;
}

/** `status` of a stored-value card on the wire (ListStoredValueCards): 1 usable, 2 used up. */
export type StoredValueCardWireStatus = 1 | 2;

/**
 * A card is usable while something is left on it and it has not expired; an expired card can pay
 * for nothing more, so it reads as used up like a spent one.
 */
export function storedValueCardStatus(
  card: { expireTime: Date },
  balance: Money,
  now: Date,
): StoredValueCardWireStatus {
  return balance.gt(0) && now.getTime() < card.expireTime.getTime() ? 1 : 2;
}

/**
 * Pure rules of 券管理 (P-17, R-COUP-01..13) as the console applies them before anything is sent.
 * Amounts stay decimal strings from the input to the request; the server re-checks every rule.
 */
import { amountProblem, normalizeAmount, type AmountProblem } from '../customers/funds-rules';

/** At most 10 customers per issuance (R-COUP-03) and 10 resellers per quota issue (catalog). */
export const MAX_COUPON_CUSTOMERS = 10;
export const MAX_QUOTA_RESELLERS = 10;

export type QuotaState = 'valid' | 'invalid' | 'reclaimed';
export type CouponState = 'inactive' | 'usable' | 'used' | 'expired' | 'reclaimed';

export interface QuotaLike {
  /** 0 有效, 3 失效 (expired), 6 已回收 (ListQuotaCoupons). */
  quota_status: number;
  /** JSON number of at most two decimals. */
  balance: number;
  effective_time: string;
  expire_time: string;
}

/** The API's `quota_status` as the page's 状态. */
export function quotaStateOf(quota: { quota_status: number }): QuotaState {
  if (quota.quota_status === 0) return 'valid';
  if (quota.quota_status === 6) return 'reclaimed';
  return 'invalid';
}

/** The API's coupon `status` (SM-6: 1 未激活, 2 可使用, 3 已使用, 4 已失效, 5 已回收). */
export function couponStateOf(coupon: { status: number }): CouponState {
  switch (coupon.status) {
    case 1:
      return 'inactive';
    case 2:
      return 'usable';
    case 3:
      return 'used';
    case 4:
      return 'expired';
    default:
      return 'reclaimed';
  }
}

/**
 * Only quota in state 有效 issues coupons (R-COUP-02): effective already, not expired, with
 * something left to issue.
 */
export function canIssueFrom(quota: QuotaLike, now: Date): boolean {
  return (
    quota.quota_status === 0 &&
    quota.balance > 0 &&
    new Date(quota.effective_time).getTime() <= now.getTime() &&
    new Date(quota.expire_time).getTime() > now.getTime()
  );
}

/** Only a 可使用 coupon is reclaimed, and then its whole balance (R-COUP-06). */
export function canReclaimCoupon(coupon: { status: number; balance: number }): boolean {
  return coupon.status === 2 && coupon.balance > 0;
}

/** A distributor reclaims only issued quota that is still 有效 (R-COUP-11). */
export function canReclaimIssuedQuota(quota: { quota_status: number; balance: number }): boolean {
  return quota.quota_status === 0 && quota.balance > 0;
}

/**
 * An amount the API sent as a JSON number (at most 15 significant digits, two decimals) as its
 * exact two-decimal text.
 */
export function amountText(value: number | undefined): string {
  return (value ?? 0).toFixed(2);
}

function cents(amount: string): bigint {
  const [whole = '0', fraction = ''] = normalizeAmount(amount).split('.');
  return BigInt(whole) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0'));
}

export type IssueAmountProblem = AmountProblem | 'exceeds';

/**
 * Why a face value (or a reseller quota amount) is refused: the usual amount rules, and never
 * more than `available` for each of `recipients` (the quota pays every recipient in full).
 */
export function issueAmountProblem(
  input: string | undefined,
  available: string,
  recipients = 1,
): IssueAmountProblem | null {
  const problem = amountProblem(input);
  if (problem) return problem;
  return cents(input ?? '0') * BigInt(Math.max(recipients, 1)) > cents(available)
    ? 'exceeds'
    : null;
}

/** The least order amount a coupon applies to: empty means none, else 0 or more, two decimals. */
export function minimumOrderProblem(input: string | undefined): AmountProblem | null {
  const text = (input ?? '').trim();
  if (text === '') return null;
  const problem = amountProblem(text);
  return problem === 'positive' ? null : problem;
}

export interface ValidityRange {
  validTime: Date;
  expireTime: Date;
}

export type ValidityProblem = 'beforeQuota' | 'afterQuota' | 'order' | 'past';

/** A coupon's validity stays within its quota's and ends in the future (R-COUP-02). */
export function validityProblem(
  range: ValidityRange,
  quota: Pick<QuotaLike, 'effective_time' | 'expire_time'>,
  now: Date,
): ValidityProblem | null {
  if (range.validTime.getTime() < new Date(quota.effective_time).getTime()) return 'beforeQuota';
  if (range.expireTime.getTime() > new Date(quota.expire_time).getTime()) return 'afterQuota';
  if (range.expireTime.getTime() <= range.validTime.getTime()) return 'order';
  if (range.expireTime.getTime() <= now.getTime()) return 'past';
  return null;
}

/** A moment as the API reads it: UTC to the second, `2026-03-01T00:00:00Z`. */
export function wireTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

export interface CouponIssueValues {
  customerIds: string[];
  faceValue: string;
  minimumOrderAmount?: string;
  validity?: ValidityRange;
  cloudServiceTypes?: string[];
  productIds?: string[];
  memo?: string;
}

/** CreatePartnerCoupons' body for a filled issue form (empty optional parts left out). */
export function toCouponIssueRequest(quotaId: string, values: CouponIssueValues) {
  const minimum = (values.minimumOrderAmount ?? '').trim();
  const memo = (values.memo ?? '').trim();
  return {
    quota_id: quotaId,
    customer_ids: values.customerIds,
    face_value: normalizeAmount(values.faceValue),
    ...(minimum ? { minimum_order_amount: normalizeAmount(minimum) } : {}),
    ...(values.validity
      ? {
          valid_time: wireTime(values.validity.validTime),
          expire_time: wireTime(values.validity.expireTime),
        }
      : {}),
    ...(values.cloudServiceTypes?.length ? { cloud_service_types: values.cloudServiceTypes } : {}),
    ...(values.productIds?.length ? { product_ids: values.productIds } : {}),
    ...(memo ? { memo } : {}),
  };
}

/** What one submission sends, for the Idempotency-Key: a changed form is a new submission. */
export function fingerprintOf(body: object): string {
  return JSON.stringify(body);
}

/** The scope a quota or coupon restricts to, as `kind: a, b` pieces; empty when unrestricted. */
export function limitPieces(
  limits: { limit_key: string; limit_values?: { value1: string }[]; value1?: string }[],
): { key: string; values: string[] }[] {
  const byKey = new Map<string, string[]>();
  for (const limit of limits) {
    const values = limit.limit_values?.map((value) => value.value1) ?? [limit.value1 ?? ''];
    byKey.set(limit.limit_key, [...(byKey.get(limit.limit_key) ?? []), ...values]);
  }
  return [...byKey.entries()].map(([key, values]) => ({ key, values }));
}

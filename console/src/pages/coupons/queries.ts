import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';
import { toWireTime } from '../funds/adjust-records-queries';

/** A quota as ListQuotaCoupons answers it; amounts are JSON numbers of at most two decimals. */
export interface Quota {
  quota_id: string;
  quota_type: number;
  create_time: string;
  quota_value: number;
  quota_status: number;
  balance: number;
  currency: string;
  effective_time: string;
  expire_time: string;
  limit_infos: { limit_key: string; limit_values: { value1: string }[] }[];
}

/** A quota the distributor issued to a reseller (ListIssuedCouponQuotas). */
export interface IssuedQuota extends Quota {
  indirect_partner_id: string;
  indirect_partner_name: string;
  indirect_partner_account_name: string;
  parent_quota_id: string;
}

/** An issued coupon with the customer's names (console route over ListIssuedPartnerCoupons). */
export interface IssuedCoupon {
  coupon_id: string;
  status: number;
  customer_id: string;
  customer_account_name: string;
  customer_name: string;
  face_value: number;
  balance: number;
  effective_time: string;
  expire_time: string;
  create_time: string;
  quota_id: string;
  use_limits: { limit_key: string; value1: string }[];
  reclaimed_amount?: number;
}

/** One line of 操作记录; amounts are exact two-decimal strings. */
export interface OperationRecord {
  id: string;
  operation_type: string;
  operation_time: string;
  quota_id: string;
  parent_quota_id: string;
  coupon_id: string;
  customer_id: string;
  customer_name: string;
  indirect_partner_id: string;
  indirect_partner_name: string;
  amount: string;
  balance_after: string;
  currency: string;
  operator: string;
  remark: string;
}

export interface OperationRecordQuery {
  kind?: 'coupon' | 'quota';
  operation_time_begin?: string;
  operation_time_end?: string;
  name?: string;
  quota_id?: string;
  operator?: string;
}

/** The table's filter values as the route's query. */
export function toOperationRecordQuery(filters: Record<string, string>): OperationRecordQuery {
  const kind = filters.kind === 'coupon' || filters.kind === 'quota' ? filters.kind : undefined;
  return {
    kind,
    name: filters.name,
    quota_id: filters.quota_id,
    operator: filters.operator,
    operation_time_begin: toWireTime(filters.operation_time_begin),
    operation_time_end: toWireTime(filters.operation_time_end),
  };
}

export interface BatchAnswer {
  error_details: { id: string; error_code: string; error_msg: string }[];
}

type Paged = { offset: number; limit: number };

const QUOTAS = '/v2/partners/coupon-quotas/query';
const ISSUE_COUPONS = '/v2/promotions/benefits/partner-coupons';
const RECLAIM_COUPON = '/v2/promotions/benefits/partner-coupons/reclaim';
const ISSUED_COUPONS = '/console/api/coupons/issued';
const RECORDS = '/console/api/coupons/operation-records';
const EXPORT = '/console/api/coupons/operation-records/export';
const ISSUE_QUOTA = '/v2/partners/coupon-quotas/indirect-partner-adjust';
const RECLAIM_QUOTA = '/v2/partners/coupon-quotas/indirect-partner-reclaim';
const ISSUED_QUOTAS = '/v2/partners/issued-coupon-quotas';

export const couponKeys = { all: ['coupons'] as const };

export const couponQueries = {
  quotas: (query: { quota_status_list?: number[] } & Paged) =>
    queryOptions({
      queryKey: ['coupons', 'quotas', query] as const,
      queryFn: () => api.post<{ total_count: number; quotas: Quota[] }>(QUOTAS, query),
      staleTime: 0,
    }),
  issued: (
    query: {
      status?: string;
      customer_id?: string;
      coupon_id?: string;
      create_time_begin?: string;
      create_time_end?: string;
    } & Paged,
  ) =>
    queryOptions({
      queryKey: ['coupons', 'issued', query] as const,
      queryFn: () =>
        api.get<{ total_count: number; user_coupons: IssuedCoupon[] }>(ISSUED_COUPONS, {
          ...query,
        }),
      staleTime: 0,
    }),
  records: (query: OperationRecordQuery & Paged) =>
    queryOptions({
      queryKey: ['coupons', 'records', query] as const,
      queryFn: () =>
        api.get<{ total_count: number; records: OperationRecord[] }>(RECORDS, { ...query }),
      staleTime: 0,
    }),
  issuedQuotas: (query: { indirect_partner_id?: string; parent_quota_id?: string } & Paged) =>
    queryOptions({
      queryKey: ['coupons', 'issued-quotas', query] as const,
      queryFn: () =>
        api.get<{ total_count: number; quotas: IssuedQuota[] }>(ISSUED_QUOTAS, { ...query }),
      staleTime: 0,
    }),
};

/** The server's export of 操作记录 for the filters the list shows (customer names masked). */
export function exportOperationRecords(
  format: 'csv' | 'xlsx',
  query: OperationRecordQuery,
): Promise<void> {
  return downloadFile(EXPORT, { ...query, format }, `coupon-operations.${format}`);
}

interface Keyed<T> {
  body: T;
  idempotencyKey: string;
  /** The mailed code, when the partner has 验证码验证 on (R-COUP-05). */
  verificationCode?: string | undefined;
}

/** Every coupon move changes quotas, coupons and the log: refresh all of them. */
function useCouponMutation<T, R>(send: (input: Keyed<T>) => Promise<R>, silent = false) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    meta: { silent },
    onSuccess: () => client.invalidateQueries({ queryKey: couponKeys.all }),
  });
}

/** CreatePartnerCoupons: per-customer failures come back in `error_details`. */
export function useIssueCoupons() {
  return useCouponMutation(({ body, idempotencyKey, verificationCode }: Keyed<object>) =>
    api.post<BatchAnswer & { coupon_infos: { id: string; coupon_id: string }[] }>(
      ISSUE_COUPONS,
      body,
      { idempotencyKey, verificationCode },
    ),
  );
}

/**
 * ReclaimPartnerCoupons: the coupon's whole balance back to its quota (204). Silent: a batch
 * reclaim lists each failure in its result instead of one notification per coupon.
 */
export function useReclaimCoupon() {
  return useCouponMutation(
    ({ body, idempotencyKey, verificationCode }: Keyed<{ coupon_id: string }>) =>
      api.post<undefined>(RECLAIM_COUPON, body, { idempotencyKey, verificationCode }),
    true,
  );
}

/** UpdateCouponQuotas: a distributor's quota to up to 10 resellers, each on its own. */
export function useIssueResellerQuota() {
  return useCouponMutation(
    ({
      body,
      idempotencyKey,
      verificationCode,
    }: Keyed<{ quota_id: string; indirect_partner_ids: string[]; quota_amount: string }>) =>
      api.post<BatchAnswer>(ISSUE_QUOTA, body, { idempotencyKey, verificationCode }),
  );
}

/** ReclaimCouponQuotas: the whole unused balance of each issued quota back to its source. */
export function useReclaimResellerQuota() {
  return useCouponMutation(
    ({ body, idempotencyKey, verificationCode }: Keyed<{ quota_ids: string[]; remark?: string }>) =>
      api.post<BatchAnswer & { simple_quota_infos: { quota_id: string; quota_balance: number }[] }>(
        RECLAIM_QUOTA,
        body,
        { idempotencyKey, verificationCode },
      ),
  );
}

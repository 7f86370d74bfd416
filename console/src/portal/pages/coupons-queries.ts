import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { PortalChange } from './change-records';

/** A coupon as the portal's route answers it (ListSubCustomerCoupons' shape). */
export interface PortalCoupon {
  coupon_id: string;
  /** 1 未激活, 2 可使用, 3 已使用, 4 已失效. */
  status: number;
  /** JSON numbers of at most two decimals. */
  face_value: number;
  balance: number;
  valid_time: string;
  expire_time: string;
  create_time: string;
  currency: string;
  use_limits: { limit_key: string; value1: string }[];
}

/** One change of a coupon (issued to the customer, or reclaimed from it); its amount is signed. */
export interface PortalCouponChange extends PortalChange {
  coupon_id: string;
}

export interface PortalCouponChangeQuery {
  /** UTC+8 dates `YYYY-MM-DD`, both included; the server's default is the last 365 days. */
  trade_time_begin?: string;
  trade_time_end?: string;
  revenue_expense_type?: string;
}

const COUPONS = '/console/api/portal/coupons';
const CHANGES = '/console/api/portal/coupons/change-records';

export const portalCouponQueries = {
  list: (query: { status?: string; offset: number; limit: number }) =>
    queryOptions({
      queryKey: ['portal', 'coupons', query] as const,
      queryFn: () =>
        api.get<{ count: number; user_coupons: PortalCoupon[] }>(COUPONS, { ...query }),
      staleTime: 0,
    }),
  changes: (query: PortalCouponChangeQuery & { offset: number; limit: number }) =>
    queryOptions({
      queryKey: ['portal', 'coupons', 'changes', query] as const,
      queryFn: () =>
        api.get<{ total_count: number; records: PortalCouponChange[] }>(CHANGES, { ...query }),
      staleTime: 0,
    }),
};

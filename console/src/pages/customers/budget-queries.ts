import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { customerFundsKeys } from './funds-queries';
import type { BudgetInfo, BudgetType } from './budget-rules';
import { queryKeys } from '../../api/query-keys';

export type FreezeDirection = 'freeze' | 'unfreeze';
/** 冻结账号 (account only) or 冻结账号和资源 (account and resources, R-FUND-12). */
export type FreezeType = 'ACCOUNT' | 'ACCOUNT_AND_RESOURCE';

export interface BudgetItem {
  customer_id: string;
  /** Two-decimal string, sent as is: the server parses it exactly. */
  budget_amount: string;
  budget_type: BudgetType;
  frozen_operate_type: 0 | 1;
  /** '1': 同步解冻, lift the customer's freeze with the new budget (R-FUND-12). */
  cancel_partner_frozen: '0' | '1';
}

export interface BatchOutcome {
  succeeded: string[];
  error_details: { id: string; error_code: string; error_msg: string }[];
}

export interface BudgetAlert {
  id: string;
  customer_id: string;
  account_name: string;
  customer_name: string;
  threshold: number;
  budget_amount: string;
  used_amount: string;
  mailed: boolean;
  create_time: string;
}

export interface SpendableSource {
  type: 'CASH' | 'CREDIT' | 'COUPON';
  /** An exact JSON number of at most two decimals. */
  amount: number;
  expire_time?: string;
  coupon_id?: string;
}

export interface SpendableFunds {
  total_amount: number;
  currency: string;
  sources: SpendableSource[];
}

export interface BudgetQuota {
  reseller_id: string;
  enabled: boolean;
  monthly_quota: string;
  one_time_quota: string;
  monthly_allocated: string;
  one_time_allocated: string;
  update_time: string | null;
}

export interface BudgetQuotaGrant {
  enabled: boolean;
  monthly_quota: string;
  one_time_quota: string;
}

const BUDGETS = '/console/api/budgets';
const ALERTS = '/console/api/budget-alerts';
const resellerQuota = (id: string) =>
  `/console/api/resellers/${encodeURIComponent(id)}/budget-quota`;

export const budgetKeys = {
  all: ['budgets'] as const,
  list: (ids: readonly string[]) => ['budgets', 'list', ...ids] as const,
  alerts: (page: object) => ['budgets', 'alerts', page] as const,
  quota: (resellerId: string) => ['budgets', 'quota', resellerId] as const,
  spendable: (customerId: string) => ['budgets', 'spendable', customerId] as const,
};

export const budgetQueries = {
  /** Budgets of up to 100 customers; customers without one are absent. */
  list: (customerIds: readonly string[]) =>
    queryOptions({
      queryKey: budgetKeys.list(customerIds),
      queryFn: () =>
        api.post<{ budget_infos: BudgetInfo[] }>(`${BUDGETS}/query`, {
          customer_ids: customerIds,
        }),
      staleTime: 0,
    }),
  alerts: (page: { offset: number; limit: number }) =>
    queryOptions({
      queryKey: budgetKeys.alerts(page),
      queryFn: () => api.get<{ total_count: number; alerts: BudgetAlert[] }>(ALERTS, { ...page }),
      staleTime: 0,
    }),
};

export function useCustomerBudgets(customerIds: readonly string[], enabled = true) {
  return useQuery({
    ...budgetQueries.list(customerIds),
    enabled: enabled && customerIds.length > 0 && customerIds.length <= 100,
  });
}

/** The newest alerts, for the count on the 预算预警 button. */
export function useLatestBudgetAlerts(enabled: boolean) {
  return useQuery({ ...budgetQueries.alerts({ offset: 0, limit: 1 }), enabled });
}

/** Cash and usable coupons of a resale customer, each with its expiry (Huoban extension). */
export function useSpendableFunds(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: budgetKeys.spendable(customerId),
    queryFn: () =>
      api.get<SpendableFunds>(
        `/v2/huoban/customers/${encodeURIComponent(customerId)}/spendable-funds`,
      ),
    enabled,
    staleTime: 0,
  });
}

/** 设置预算 / 批量设置预算: each item is set or refused on its own. */
export function useSetBudgets() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      budgets,
      verificationCode,
    }: {
      budgets: BudgetItem[];
      /** The mailed code while 验证码验证 is on (X4). */
      verificationCode?: string | undefined;
    }) => api.post<BatchOutcome>(`${BUDGETS}/batch`, { budgets }, { verificationCode }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: budgetKeys.all });
      void client.invalidateQueries({ queryKey: queryKeys.customers.all });
    },
  });
}

interface FreezeRequest {
  direction: FreezeDirection;
  customerIds: string[];
  type: FreezeType;
  reason: string;
}

/** 冻结账号 / 解冻账号 for one customer or a batch, each customer on its own. */
export function useChangeFreeze() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ direction, customerIds, type, reason }: FreezeRequest) =>
      api.post<BatchOutcome>(`/console/api/customer-accounts/${direction}`, {
        customer_ids: customerIds,
        type,
        reason,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: budgetKeys.all });
      void client.invalidateQueries({ queryKey: queryKeys.customers.all });
      void client.invalidateQueries({ queryKey: customerFundsKeys.all });
    },
  });
}

/** 预算额度 of the signed-in reseller (P-80). */
export function useOwnBudgetQuota(enabled: boolean) {
  return useQuery({
    queryKey: budgetKeys.quota('own'),
    queryFn: () => api.get<BudgetQuota>('/console/api/budget-quota'),
    enabled,
  });
}

/** What the distributor granted one of its resellers (R-FUND-11). */
export function useResellerBudgetQuota(resellerId: string) {
  return useQuery({
    queryKey: budgetKeys.quota(resellerId),
    queryFn: () => api.get<BudgetQuota>(resellerQuota(resellerId)),
    staleTime: 0,
  });
}

export function useGrantBudgetQuota(resellerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (grant: BudgetQuotaGrant) => api.put<BudgetQuota>(resellerQuota(resellerId), grant),
    onSuccess: (quota) => client.setQueryData(budgetKeys.quota(resellerId), quota),
  });
}

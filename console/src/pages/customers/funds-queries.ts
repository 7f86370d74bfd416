import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useCurrentUser } from '../../api/session';

/** 拨款 (allocate) moves the partner's cash to the customer; 回收 (reclaim) moves it back. */
export type FundsDirection = 'allocate' | 'reclaim';

export interface CustomerBalance {
  customer_id: string;
  /** An exact JSON number of at most two decimals (ListCustomersBalancesDetail). */
  amount: number;
  debt_amount: number;
  currency: string;
}

export interface FundsItem {
  customer_id: string;
  /** Two-decimal string, sent as is: the server parses it exactly. */
  amount: string;
}

export interface BatchFundsResult {
  succeeded: { customer_id: string; transaction_id: string }[];
  error_details: { id: string; error_code: string; error_msg: string }[];
}

const BALANCES = '/v2/accounts/customer-accounts/balances/batch-query';
const BATCH: Record<FundsDirection, string> = {
  allocate: '/console/api/funds/allocations/batch',
  reclaim: '/console/api/funds/reclaims/batch',
};

export const customerFundsKeys = {
  all: ['customer-funds'] as const,
  balances: (ids: readonly string[]) => ['customer-funds', 'balances', ...ids] as const,
};

export const customerFundsQueries = {
  /** Balances of resale customers; referral and unknown customers are left out by the server. */
  balances: (customerIds: readonly string[]) =>
    queryOptions({
      queryKey: customerFundsKeys.balances(customerIds),
      queryFn: () =>
        api.post<{ customer_balances: CustomerBalance[] }>(BALANCES, {
          customer_infos: customerIds.map((customer_id) => ({ customer_id })),
        }),
      staleTime: 0,
    }),
};

/**
 * Balances of the named customers. ListCustomersBalancesDetail serves solution providers and
 * distributors only, so a reseller's console does not ask and shows no balance.
 */
export function useCustomerBalances(customerIds: readonly string[], enabled = true) {
  const user = useCurrentUser();
  return useQuery({
    ...customerFundsQueries.balances(customerIds),
    enabled: enabled && customerIds.length > 0 && user?.account_type !== 'reseller',
  });
}

/**
 * The balance a customer shows, as the exact two-decimal text of the API's JSON number (at most
 * 15 significant digits, so `toFixed(2)` is exact); null while unknown.
 */
export function balanceText(
  balances: { customer_balances: CustomerBalance[] } | undefined,
  customerId: string,
): string | null {
  if (!balances) return null;
  const balance = balances.customer_balances.find((item) => item.customer_id === customerId);
  return (balance?.amount ?? 0).toFixed(2);
}

interface MoveRequest {
  direction: FundsDirection;
  items: FundsItem[];
  idempotencyKey: string;
  verificationCode?: string;
}

/**
 * One submitted 拨款/回收 form, one customer or many, through the console's batch route: it serves
 * resellers too (the open API's single calls do not) and answers per item, so the form shows one
 * kind of outcome.
 */
export function useMoveCustomerFunds() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ direction, items, idempotencyKey, verificationCode }: MoveRequest) =>
      api.post<BatchFundsResult>(BATCH[direction], { items }, { idempotencyKey, verificationCode }),
    onSuccess: () => client.invalidateQueries({ queryKey: customerFundsKeys.all }),
  });
}

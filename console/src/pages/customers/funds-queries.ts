import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

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
const SINGLE: Record<FundsDirection, string> = {
  allocate: '/v2/accounts/partner-accounts/adjust-amount',
  reclaim: '/v2/accounts/partner-accounts/reclaim',
};
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

export function useCustomerBalances(customerIds: readonly string[], enabled = true) {
  return useQuery({
    ...customerFundsQueries.balances(customerIds),
    enabled: enabled && customerIds.length > 0,
  });
}

/** The balance a customer shows, as the exact two-decimal text of the API's JSON number. */
export function balanceText(balance: CustomerBalance | undefined): string {
  return (balance?.amount ?? 0).toFixed(2);
}

interface MoveRequest {
  direction: FundsDirection;
  items: FundsItem[];
  idempotencyKey: string;
}

/**
 * One submitted 拨款/回收 form: a single customer goes through the open API's call, several
 * through the console's batch route, which answers per item. Either way the result has the
 * batch's shape, so the form shows one kind of outcome.
 */
export function useMoveCustomerFunds() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ direction, items, idempotencyKey }: MoveRequest) => {
      const [only] = items;
      if (items.length === 1 && only) {
        const answer = await api.post<{ transfer_id?: string; trans_id?: string }>(
          SINGLE[direction],
          only,
          { idempotencyKey },
        );
        return {
          succeeded: [
            {
              customer_id: only.customer_id,
              transaction_id: answer.transfer_id ?? answer.trans_id ?? '',
            },
          ],
          error_details: [],
        } satisfies BatchFundsResult;
      }
      return api.post<BatchFundsResult>(BATCH[direction], { items }, { idempotencyKey });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: customerFundsKeys.all }),
  });
}

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** ListPartnerBalances as the open API answers it (amounts are exact JSON numbers). */
export interface AccountBalance {
  account_id: string;
  /** 1 cash, 2 credit. */
  account_type: number;
  amount: number;
  currency: string;
  designated_amount: number;
  credit_amount?: number;
  measure_id: number;
}

export interface ChangeRecord {
  account_change_id: string;
  trade_detail_type: string;
  trade_time: string;
  trade_id: string;
  change_amount: string;
  balance_after_change: string;
  /** "1" income, "2" expense. */
  type: string;
  customer_id: string;
  account_name: string;
}

export type BalanceType = 'BALANCE_TYPE_DEBIT' | 'BALANCE_TYPE_CREDIT';

export interface ChangeRecordQuery {
  balance_type: BalanceType;
  trade_type?: string;
  trade_time_begin?: string;
  trade_time_end?: string;
  offset?: number;
  limit?: number;
}

const BALANCES = '/v2/accounts/partner-accounts/balances';
const CHANGES = '/v2/accounts/partner-accounts/account-change-records';

export const fundsQueries = {
  balances: () =>
    queryOptions({
      queryKey: ['partner-funds', 'balances'] as const,
      queryFn: () => api.get<{ account_balances: AccountBalance[] }>(BALANCES),
    }),
  changes: (query: ChangeRecordQuery) =>
    queryOptions({
      queryKey: ['partner-funds', 'changes', query] as const,
      queryFn: () =>
        api.get<{ total_count: number; currency: string; records: ChangeRecord[] }>(CHANGES, {
          ...query,
        }),
      staleTime: 0,
    }),
};

export function useBalances() {
  return useQuery(fundsQueries.balances());
}

/**
 * A JSON number of the balances API as the decimal text it stands for: the server sends at most
 * 15 significant digits, so the shortest form is exact.
 */
export function decimalText(value: number | undefined): string {
  return (value ?? 0).toFixed(2);
}

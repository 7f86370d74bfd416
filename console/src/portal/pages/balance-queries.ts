import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { PortalChange } from './change-records';

/** A change of the customer's cash account; its `change_amount` is absolute. */
export interface BalanceChangeRecord extends PortalChange {
  account_change_id: string;
}

export interface BalanceChangeQuery {
  /** UTC+8 dates `YYYY-MM-DD`, both included; the server's default is the last 365 days. */
  trade_time_begin?: string;
  trade_time_end?: string;
  revenue_expense_type?: string;
}

interface PortalBalances {
  account_balances: {
    account_id: string;
    account_type: number;
    amount: number;
    currency: string;
  }[];
  currency: string;
}

const BALANCE = '/console/api/portal/balance';
const CHANGES = '/console/api/portal/balance/change-records';

export const portalBalanceQueries = {
  balance: () =>
    queryOptions({
      queryKey: ['portal', 'balance'] as const,
      queryFn: () => api.get<PortalBalances>(BALANCE),
      staleTime: 0,
    }),
  changes: (query: BalanceChangeQuery & { offset: number; limit: number }) =>
    queryOptions({
      queryKey: ['portal', 'balance', 'changes', query] as const,
      queryFn: () =>
        api.get<{ total_count: number; currency: string; records: BalanceChangeRecord[] }>(
          CHANGES,
          { balance_type: 'BALANCE_TYPE_DEBIT', ...query },
        ),
      staleTime: 0,
    }),
};

export function usePortalBalance() {
  return useQuery(portalBalanceQueries.balance());
}

/**
 * The cash balance as exact two-decimal text: the server sends a JSON number of at most 15
 * significant digits and two decimals, so `toFixed(2)` restores its decimal form exactly.
 */
export function cashBalanceText(balances: PortalBalances | undefined): string {
  const cash = balances?.account_balances.find((balance) => balance.account_type === 1);
  return (cash?.amount ?? 0).toFixed(2);
}

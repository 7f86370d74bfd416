import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AccountType } from '../../api/types';

/** One partner's funds as the operator sees them; amounts are exact decimal strings. */
export interface PartnerFunds {
  partner_id: string;
  name: string;
  company_name: string;
  partner_type: AccountType;
  cash_balance: string;
  credit_limit: string;
  credit_available: string;
  cash_account_id: string | null;
  credit_account_id: string | null;
}

export interface PartnerFundsQuery {
  keyword?: string;
  offset?: number;
  limit?: number;
}

export interface LedgerEntry {
  entry_id: string;
  transaction_id: string;
  kind: string;
  amount: string;
  balance_after: string;
  counterparty_id: string;
  counterparty_name: string;
  memo: string;
  actor_name: string;
  request_id: string;
  occurred_at: string;
}

export interface AccountLedger {
  account: { id: string; kind: string; currency: string; balance: string; credit_limit: string };
  total_count: number;
  entries: LedgerEntry[];
}

const FUNDS = '/console/api/operator/partner-funds';
const partnerPath = (partnerId: string) =>
  `/console/api/operator/partners/${encodeURIComponent(partnerId)}`;

const fundsKeys = {
  all: ['operator-partner-funds'] as const,
  list: (query: PartnerFundsQuery) => ['operator-partner-funds', 'list', query] as const,
  ledger: (accountId: string, page: { offset: number; limit: number }) =>
    ['operator-partner-funds', 'ledger', accountId, page] as const,
};

export const partnerFundsQueries = {
  list: (query: PartnerFundsQuery) =>
    queryOptions({
      queryKey: fundsKeys.list(query),
      queryFn: () =>
        api.get<{ total_count: number; partners: PartnerFunds[] }>(FUNDS, { ...query }),
      staleTime: 0,
    }),
};

export function useAccountLedger(
  accountId: string | null,
  page: { offset: number; limit: number },
) {
  return useQuery({
    queryKey: fundsKeys.ledger(accountId ?? '', page),
    queryFn: () =>
      api.get<AccountLedger>(
        `/console/api/operator/ledger-accounts/${encodeURIComponent(accountId ?? '')}/entries`,
        page,
      ),
    enabled: accountId !== null,
    placeholderData: keepPreviousData,
  });
}

export function useRecordTopUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { partnerId: string; amount: string; memo: string; key: string }) =>
      api.post<{ transaction_id: string }>(
        `${partnerPath(input.partnerId)}/top-ups`,
        { amount: input.amount, memo: input.memo },
        { idempotencyKey: input.key },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: fundsKeys.all }),
  });
}

export function useSetCreditLine() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { partnerId: string; creditLimit: string; memo: string }) =>
      api.put<{ transaction_id: string | null; credit_limit: string; available: string }>(
        `${partnerPath(input.partnerId)}/credit-line`,
        { credit_limit: input.creditLimit, memo: input.memo },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: fundsKeys.all }),
  });
}

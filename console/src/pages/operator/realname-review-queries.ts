import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type RealnameStatus = 'in_review' | 'approved' | 'rejected';
export type RealnameKind = 'individual' | 'enterprise' | 'change';

/** One real-name application as `/console/api/operator/realname-applications` lists it. */
export interface RealnameApplication {
  id: string;
  partner_id: string;
  partner_name: string;
  customer_id: string;
  customer_account_name: string;
  kind: RealnameKind;
  identify_type: number;
  document_type: number | null;
  name: string;
  verified_number: string;
  verified_number_masked: string;
  verified_file_url: string[];
  reg_country: string | null;
  reg_address: string | null;
  enterprise_person: {
    legel_name: string;
    legel_id_number: string;
    certifier_role?: string;
  } | null;
  bank_card_info: { bank_account: string; areacode: string; mobile: string } | null;
  status: RealnameStatus;
  opinion: string;
  created_at: string;
  reviewed_at?: string;
  reviewed_by: string | null;
}

export interface RealnameApplicationQuery {
  status?: string;
  offset: number;
  limit: number;
}

const APPLICATIONS = '/console/api/operator/realname-applications';
const applicationPath = (id: string) => `${APPLICATIONS}/${encodeURIComponent(id)}`;

export const realnameKeys = {
  all: ['realnameApplications'] as const,
  list: (query: RealnameApplicationQuery) => ['realnameApplications', 'list', query] as const,
};

export const realnameQueries = {
  applications: (query: RealnameApplicationQuery) =>
    queryOptions({
      queryKey: realnameKeys.list(query),
      queryFn: () =>
        api.get<{ total_count: number; applications: RealnameApplication[] }>(APPLICATIONS, {
          ...query,
        }),
      staleTime: 0,
    }),
};

function useInvalidateApplications() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: realnameKeys.all });
}

export function useApproveRealname() {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: (id: string) => api.post<RealnameApplication>(`${applicationPath(id)}/approve`),
    onSuccess: invalidate,
  });
}

export function useRejectRealname() {
  const invalidate = useInvalidateApplications();
  return useMutation({
    mutationFn: ({ id, opinion }: { id: string; opinion: string }) =>
      api.post<RealnameApplication>(`${applicationPath(id)}/reject`, { opinion }),
    onSuccess: invalidate,
  });
}

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type {
  ApplicationQuery,
  Decision,
  DecisionResult,
  DistributorApplication,
  ResellerApplication,
  ResellerList,
  ResellerQuery,
  ResellerResponse,
} from './types';

const RESELLERS = '/console/api/resellers';
const DISTRIBUTOR_APPLICATIONS = '/console/api/resellers/applications';
const RESELLER_APPLICATIONS = '/console/api/reseller/applications';

export const resellerQueries = {
  list: (query: ResellerQuery) =>
    queryOptions({
      queryKey: queryKeys.resellers.list(query),
      queryFn: () => api.get<ResellerList>(RESELLERS, { ...query }),
      staleTime: 0,
    }),
  applications: (query: ApplicationQuery) =>
    queryOptions({
      queryKey: queryKeys.resellerApplications.list(query),
      queryFn: () =>
        api.get<{ total_count: number; applications: DistributorApplication[] }>(
          DISTRIBUTOR_APPLICATIONS,
          { ...query },
        ),
      staleTime: 0,
    }),
  mine: (query: ApplicationQuery) =>
    queryOptions({
      queryKey: queryKeys.resellerApplications.list({ ...query, side: 'reseller' }),
      queryFn: () =>
        api.get<{ total_count: number; applications: ResellerApplication[] }>(
          RESELLER_APPLICATIONS,
          { ...query },
        ),
      staleTime: 0,
    }),
};

/** A decision or a new binding changes both the reseller list and the requests. */
function useResellerInvalidation() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.resellers.all }),
      client.invalidateQueries({ queryKey: queryKeys.resellerApplications.all }),
    ]);
}

export function useDecideApplications() {
  const invalidate = useResellerInvalidation();
  return useMutation({
    mutationFn: (body: { application_ids: string[]; decision: Decision; reason?: string }) =>
      api.post<DecisionResult>(`${DISTRIBUTOR_APPLICATIONS}/decide`, body),
    onSuccess: invalidate,
  });
}

export function useInviteReseller() {
  const invalidate = useResellerInvalidation();
  return useMutation({
    mutationFn: (body: { reseller_account_name: string; message?: string }) =>
      api.post<DistributorApplication>('/console/api/resellers/invitations', body),
    onSuccess: invalidate,
  });
}

export function useCancelInvitation() {
  const invalidate = useResellerInvalidation();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<DistributorApplication>(
        `${DISTRIBUTOR_APPLICATIONS}/${encodeURIComponent(id)}/cancel`,
      ),
    onSuccess: invalidate,
  });
}

export function useApplyToDistributor() {
  const invalidate = useResellerInvalidation();
  return useMutation({
    mutationFn: (body: { distributor_account_name: string; message?: string }) =>
      api.post<ResellerApplication>(RESELLER_APPLICATIONS, body),
    onSuccess: invalidate,
  });
}

export function useRespondAsReseller() {
  const invalidate = useResellerInvalidation();
  return useMutation({
    mutationFn: ({ id, response }: { id: string; response: ResellerResponse }) =>
      api.post<ResellerApplication>(
        `${RESELLER_APPLICATIONS}/${encodeURIComponent(id)}/${response}`,
      ),
    onSuccess: invalidate,
  });
}

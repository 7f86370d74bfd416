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
  ResendResult,
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

/** 重发邀请 / 批量重发: mails pending invitations again; each id succeeds or fails on its own. */
export function useResendInvitations() {
  const invalidate = useResellerInvalidation();
  return useMutation({
    mutationFn: (applicationIds: string[]) =>
      api.post<ResendResult>('/console/api/resellers/invitations/resend', {
        application_ids: applicationIds,
      }),
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

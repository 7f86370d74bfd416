import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { AuthorizationStatus, CustomerDecision } from './authorization-rules';

/** Wire shapes of the authorization routes (server/src/modules/customers/authorization-wire.ts). */
export interface CustomerAuthorization {
  id: string;
  customer_id: string;
  status: AuthorizationStatus;
  requested_by: string;
  requested_at: string;
  decided_at: string | null;
  revoked_at: string | null;
  revoked_by: string;
}

export interface CustomerAuthorizationState {
  latest: CustomerAuthorization | null;
  history: CustomerAuthorization[];
  commitment_required: boolean;
  commitment_version: string;
}

export interface PortalAuthorization extends CustomerAuthorization {
  partner_id: string;
  partner_name: string;
}

export interface PortalAuthorizationQuery {
  status?: AuthorizationStatus;
  offset?: number;
  limit?: number;
}

const authorizationPath = (customerId: string) =>
  `/console/api/customers/${encodeURIComponent(customerId)}/authorization`;
const PORTAL = '/console/api/portal/authorizations';

const keys = {
  customer: (customerId: string) =>
    [...queryKeys.customers.all, 'authorization', customerId] as const,
  portal: (query: PortalAuthorizationQuery) => ['portal', 'authorizations', query] as const,
  portalAll: ['portal', 'authorizations'] as const,
};

export const authorizationQueries = {
  customer: (customerId: string) =>
    queryOptions({
      queryKey: keys.customer(customerId),
      queryFn: () => api.get<CustomerAuthorizationState>(authorizationPath(customerId)),
      staleTime: 0,
    }),
  portal: (query: PortalAuthorizationQuery) =>
    queryOptions({
      queryKey: keys.portal(query),
      queryFn: () =>
        api.get<{ total_count: number; authorizations: PortalAuthorization[] }>(PORTAL, {
          ...query,
        }),
      staleTime: 0,
    }),
};

/** The customer's authorization of the partner (detail page, request dialog). */
export function useCustomerAuthorization(customerId: string, enabled = true) {
  return useQuery({ ...authorizationQueries.customer(customerId), enabled });
}

export function useRequestAuthorization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { customerId: string; acceptCommitment: boolean }) =>
      api.post<CustomerAuthorization>(authorizationPath(input.customerId), {
        accept_commitment: input.acceptCommitment,
      }),
    onSuccess: (_, input) =>
      client.invalidateQueries({ queryKey: keys.customer(input.customerId) }),
  });
}

export function useWithdrawAuthorization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (customerId: string) =>
      api.post<CustomerAuthorization>(`${authorizationPath(customerId)}/withdraw`),
    onSuccess: (_, customerId) => client.invalidateQueries({ queryKey: keys.customer(customerId) }),
  });
}

/** The portal's list of the partner's requests. */
export function usePortalAuthorizations(query: PortalAuthorizationQuery) {
  return useQuery(authorizationQueries.portal(query));
}

export function useDecideAuthorization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { authorizationId: string; decision: CustomerDecision }) =>
      api.post<PortalAuthorization>(
        `${PORTAL}/${encodeURIComponent(input.authorizationId)}/${input.decision}`,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.portalAll }),
  });
}

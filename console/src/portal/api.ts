import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/client';
import { isSignedOut, useSignIn, useSignOut } from '../api/session';
import type { ChangePasswordRequest } from '../api/types';
import type { AccessKeyEndpoint } from '../pages/access-keys/queries';

/**
 * The customer portal's calls (`/console/api/portal/…`). The portal shares the console's HTTP
 * client and cookie but not its session: a customer's session is read here, a partner's in
 * `api/session.ts`, and each answers "nobody signed in" for the other kind of user.
 */

const SESSION_PATH = '/console/api/portal/session';

export interface PortalCustomer {
  customer_id: string;
  account_name: string;
  display_name: string;
  must_change_password: boolean;
}

export interface PortalSession {
  customer: PortalCustomer;
  csrf_token: string;
}

export interface PortalLoginRequest {
  account_name: string;
  password: string;
}

export type VerifiedStatus = '-1' | '0' | '1' | '2';
export type AssociationType = '1' | '2';
export type CustomerStatus = 'active' | 'disassociated';

export interface PortalAccount {
  customer_id: string;
  account_name: string;
  customer_name: string;
  email: string;
  mobile: string;
  verified_status: VerifiedStatus;
  is_frozen: boolean;
  last_login_at: string | null;
  association: {
    partner_id: string;
    partner_name: string;
    association_type: AssociationType;
    associated_on: string;
    status: CustomerStatus;
  };
}

/** The most rows the portal's balance and coupon list routes serve in a page. */
export const PORTAL_MAX_PAGE_SIZE = 100;

/** Query keys of the portal; `all` prefixes every key, so signing out clears the portal at once. */
export const portalQueryKeys = {
  all: ['portal'] as const,
  session: ['portal', 'session'] as const,
  account: ['portal', 'account'] as const,
  accessKeys: ['portal', 'access-keys'] as const,
};

/** The signed-in customer, or null when nobody (or a partner user) is signed in. */
async function fetchPortalSession(): Promise<PortalSession | null> {
  try {
    const session = await api.get<PortalSession>(SESSION_PATH, undefined, {
      expectUnauthorized: true,
    });
    setCsrfToken(session.csrf_token);
    return session;
  } catch (error) {
    if (isSignedOut(error)) return null;
    throw error;
  }
}

export function usePortalSession() {
  return useQuery({
    queryKey: portalQueryKeys.session,
    queryFn: fetchPortalSession,
    staleTime: Infinity,
    retry: false,
  });
}

/** The signed-in customer; only valid under the portal layout, which waits for the session. */
export function usePortalCustomer(): PortalCustomer | null {
  return usePortalSession().data?.customer ?? null;
}

export function usePortalLogin() {
  return useSignIn<PortalLoginRequest, PortalSession>(SESSION_PATH, portalQueryKeys.session);
}

export function usePortalLogout() {
  return useSignOut(SESSION_PATH, portalQueryKeys.session);
}

export function usePortalChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) =>
      api.post<undefined>(`${SESSION_PATH}/password`, body),
  });
}

export const portalQueries = {
  account: () =>
    queryOptions({
      queryKey: portalQueryKeys.account,
      queryFn: () => api.get<PortalAccount>('/console/api/portal/account'),
    }),
};

/** The signed-in customer's own keys, in the partner console's access-key table. */
export const portalAccessKeys: AccessKeyEndpoint = {
  path: '/console/api/portal/access-keys',
  listKey: portalQueryKeys.accessKeys,
  allKey: portalQueryKeys.accessKeys,
};

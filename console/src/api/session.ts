import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError, api, setCsrfToken } from './client';
import { queryKeys } from './query-keys';
import type { ChangePasswordRequest, LoginRequest, Session, SessionUser } from './types';

const SESSION_PATH = '/console/api/session';
/** The server's "not for this kind of user" code: a customer's portal cookie on a partner route. */
const ACCESS_DENIED_CODE = 'CBC.0151';

/**
 * The current session, or null when nobody is signed in (the server answers 401) or the cookie is
 * a customer's portal session (403 CBC.0151), which the partner console cannot use.
 */
async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>(SESSION_PATH, undefined, { expectUnauthorized: true });
    setCsrfToken(session.csrf_token);
    return session;
  } catch (error) {
    if (
      error instanceof ApiRequestError &&
      (error.status === 401 || error.code === ACCESS_DENIED_CODE)
    ) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: fetchSession,
    staleTime: Infinity,
    retry: false,
  });
}

/** The signed-in user; only valid under the authenticated layout, which waits for the session. */
export function useCurrentUser(): SessionUser | null {
  return useSession().data?.user ?? null;
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) =>
      api.post<Session>(SESSION_PATH, body, { expectUnauthorized: true }),
    // The login page shows the failure next to the form.
    meta: { silent: true },
    onSuccess: (session) => {
      setCsrfToken(session.csrf_token);
      client.clear();
      client.setQueryData(queryKeys.session, session);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<undefined>(`${SESSION_PATH}/logout`),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(queryKeys.session, null);
    },
  });
}

/** Changes the user's own password; the session then no longer demands a change. */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) =>
      api.post<unknown>(`${SESSION_PATH}/password`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.session }),
  });
}

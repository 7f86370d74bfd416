import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiRequestError, api, setCsrfToken } from './client';
import { queryKeys } from './query-keys';
import type { ChangePasswordRequest, LoginRequest, Session, SessionUser } from './types';

const SESSION_PATH = '/console/api/session';
/** The server's "not for this kind of user" code: the other area's cookie on a route. */
const ACCESS_DENIED_CODE = 'CBC.0151';

/**
 * Whether a session read failed because nobody of this area is signed in: no session (401) or a
 * session of the other kind of user (403 CBC.0151; the console and the portal share the cookie).
 */
export function isSignedOut(error: unknown): boolean {
  return (
    error instanceof ApiRequestError && (error.status === 401 || error.code === ACCESS_DENIED_CODE)
  );
}

/**
 * Signs in at `path` (the console's or the portal's session) and starts from a clean cache with
 * the new session in it.
 */
export function useSignIn<Body, S extends { csrf_token: string }>(path: string, key: QueryKey) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => api.post<S>(path, body, { expectUnauthorized: true }),
    // The login page shows the failure next to the form.
    meta: { silent: true },
    onSuccess: (session) => {
      setCsrfToken(session.csrf_token);
      client.clear();
      client.setQueryData(key, session);
    },
  });
}

/** Signs out of the session at `path`; the cache is cleared even when the call fails. */
export function useSignOut(path: string, key: QueryKey) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<undefined>(`${path}/logout`),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(key, null);
    },
  });
}

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
    if (isSignedOut(error)) {
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
  return useSignIn<LoginRequest, Session>(SESSION_PATH, queryKeys.session);
}

export function useLogout() {
  return useSignOut(SESSION_PATH, queryKeys.session);
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

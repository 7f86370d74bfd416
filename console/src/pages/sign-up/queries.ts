import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type {
  Program,
  SignedUpPartner,
  SignUpRequest,
  SignUpRequested,
  VerifySignUpRequest,
} from '../../api/types';

const SIGN_UP = '/console/api/sign-up';

export const signUpQueries = {
  openPrograms: () =>
    queryOptions({
      queryKey: queryKeys.programs.list({ open_for_sign_up: true }),
      queryFn: () => api.get<{ programs: Program[] }>('/console/api/programs'),
    }),
};

/** Programmes a newcomer may join by themselves (the server lists only those, R-REG-08). */
export function useOpenPrograms() {
  return useQuery(signUpQueries.openPrograms());
}

/** Mails a 6-digit code; the form shows failures on the field they name. */
export function useRequestSignUp() {
  return useMutation({
    mutationFn: (body: SignUpRequest) => api.post<SignUpRequested>(SIGN_UP, body),
    meta: { silent: true },
  });
}

/** Creates the partner account with the e-mailed code. */
export function useVerifySignUp() {
  return useMutation({
    mutationFn: (body: VerifySignUpRequest) => api.post<SignedUpPartner>(`${SIGN_UP}/verify`, body),
    meta: { silent: true },
  });
}

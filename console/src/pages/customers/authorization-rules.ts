/** The customer-authorization rules the console shows (SM-19); the server enforces them. */
export const authorizationStatuses = ['pending', 'authorized', 'rejected', 'revoked'] as const;
export type AuthorizationStatus = (typeof authorizationStatuses)[number];

export type CustomerDecision = 'approve' | 'reject' | 'revoke';

/** Open requests block a new one (one open request per partner and customer). */
export function isOpenAuthorization(status: AuthorizationStatus | undefined): boolean {
  return status === 'pending' || status === 'authorized';
}

/** What the customer may do with a request in `status` (SM-19). */
export function decisionsFor(status: AuthorizationStatus): CustomerDecision[] {
  if (status === 'pending') return ['approve', 'reject'];
  if (status === 'authorized') return ['revoke'];
  return [];
}

/** The antd tag colour of a status. */
export function authorizationColor(status: AuthorizationStatus | undefined): string {
  switch (status) {
    case 'pending':
      return 'processing';
    case 'authorized':
      return 'success';
    case 'rejected':
      return 'error';
    default:
      return 'default';
  }
}

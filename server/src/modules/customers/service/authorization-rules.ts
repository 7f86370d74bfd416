import type { AuthorizationStatus } from '../schema.ts';

/**
 * The commitment letter (授权承诺函) the partner accepts with its first authorization request
 * (SM-19). The console shows the letter of this version; the audit record of that first request
 * keeps the version and the time it was accepted.
 */
export const COMMITMENT_LETTER_VERSION = '2026-01';

/**
 * What can happen to an authorization (SM-19): the customer approves, rejects or revokes it, the
 * partner withdraws its pending request, or a disassociation ends it.
 */
export const authorizationActions = ['approve', 'reject', 'revoke', 'withdraw', 'end'] as const;
export type AuthorizationAction = (typeof authorizationActions)[number];

interface Transition {
  from: readonly AuthorizationStatus[];
  to: AuthorizationStatus;
}

/**
 * The state machine. There is no separate "withdrawn" or "ended" state: a withdrawn request and
 * one ended by disassociation are `revoked` (未授权 again in the spec's words), and the partner
 * may ask again.
 */
const transitions: Record<AuthorizationAction, Transition> = {
  approve: { from: ['pending'], to: 'authorized' },
  reject: { from: ['pending'], to: 'rejected' },
  revoke: { from: ['authorized'], to: 'revoked' },
  withdraw: { from: ['pending'], to: 'revoked' },
  end: { from: ['pending', 'authorized'], to: 'revoked' },
};

/** The status after `action`, or null when `action` is not allowed from `status`. */
export function nextAuthorizationStatus(
  status: AuthorizationStatus,
  action: AuthorizationAction,
): AuthorizationStatus | null {
  const transition = transitions[action];
  return transition.from.includes(status) ? transition.to : null;
}

/** The statuses from which `action` is allowed. */
export function statusesAllowing(action: AuthorizationAction): readonly AuthorizationStatus[] {
  return transitions[action].from;
}

/** Open authorizations block a new request for the same pair (one open request per pair). */
export function isOpenAuthorization(status: AuthorizationStatus): boolean {
  return status === 'pending' || status === 'authorized';
}

/**
 * Whether a request must come with the accepted commitment letter: only the partner's first
 * authorization request ever, whichever customer it names.
 */
export function requiresCommitmentLetter(partnerHasRequestedBefore: boolean): boolean {
  return !partnerHasRequestedBefore;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorizationStatuses } from '../schema.ts';
import {
  authorizationActions,
  isOpenAuthorization,
  nextAuthorizationStatus,
  requiresCommitmentLetter,
  statusesAllowing,
} from './authorization-rules.ts';

describe('authorization state machine (SM-19)', () => {
  it('lets the customer approve or reject a pending request', () => {
    expect(nextAuthorizationStatus('pending', 'approve')).toBe('authorized');
    expect(nextAuthorizationStatus('pending', 'reject')).toBe('rejected');
  });

  it('lets the customer revoke only a granted authorization', () => {
    expect(nextAuthorizationStatus('authorized', 'revoke')).toBe('revoked');
    expect(nextAuthorizationStatus('pending', 'revoke')).toBeNull();
    expect(nextAuthorizationStatus('rejected', 'revoke')).toBeNull();
  });

  it('lets the partner withdraw only a request still waiting for the customer', () => {
    expect(nextAuthorizationStatus('pending', 'withdraw')).toBe('revoked');
    expect(nextAuthorizationStatus('authorized', 'withdraw')).toBeNull();
  });

  it('ends every open authorization on disassociation and nothing else', () => {
    expect(nextAuthorizationStatus('pending', 'end')).toBe('revoked');
    expect(nextAuthorizationStatus('authorized', 'end')).toBe('revoked');
    expect(nextAuthorizationStatus('rejected', 'end')).toBeNull();
    expect(nextAuthorizationStatus('revoked', 'end')).toBeNull();
  });

  it('never decides twice: approve and reject work from pending only', () => {
    for (const status of authorizationStatuses) {
      if (status === 'pending') continue;
      expect(nextAuthorizationStatus(status, 'approve')).toBeNull();
      expect(nextAuthorizationStatus(status, 'reject')).toBeNull();
    }
  });

  it('treats rejected and revoked as final', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('rejected' as const, 'revoked' as const),
        fc.constantFrom(...authorizationActions),
        (status, action) => nextAuthorizationStatus(status, action) === null,
      ),
    );
  });

  it('moves only from an open status, and statusesAllowing agrees with the machine', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...authorizationStatuses),
        fc.constantFrom(...authorizationActions),
        (status, action) => {
          const next = nextAuthorizationStatus(status, action);
          expect(next !== null).toBe(statusesAllowing(action).includes(status));
          if (next !== null) expect(isOpenAuthorization(status)).toBe(true);
        },
      ),
    );
  });

  it('counts pending and authorized as open', () => {
    expect(authorizationStatuses.filter(isOpenAuthorization)).toEqual(['pending', 'authorized']);
  });

  it('asks for the commitment letter on the partner’s first request only', () => {
    expect(requiresCommitmentLetter(false)).toBe(true);
    expect(requiresCommitmentLetter(true)).toBe(false);
  });
});

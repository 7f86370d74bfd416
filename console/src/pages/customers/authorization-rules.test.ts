import { describe, expect, test } from 'vitest';
import {
  authorizationColor,
  authorizationStatuses,
  decisionsFor,
  isOpenAuthorization,
} from './authorization-rules';

describe('customer authorization rules (SM-19)', () => {
  test('a pending request is approved or rejected, a granted one only revoked', () => {
    expect(decisionsFor('pending')).toEqual(['approve', 'reject']);
    expect(decisionsFor('authorized')).toEqual(['revoke']);
  });

  test('rejected and revoked requests offer the customer nothing', () => {
    expect(decisionsFor('rejected')).toEqual([]);
    expect(decisionsFor('revoked')).toEqual([]);
  });

  test('only pending and authorized block a new request', () => {
    expect(authorizationStatuses.filter((status) => isOpenAuthorization(status))).toEqual([
      'pending',
      'authorized',
    ]);
    expect(isOpenAuthorization(undefined)).toBe(false);
  });

  test('each status has its own colour; no request reads as not authorized', () => {
    const colours = authorizationStatuses.map(authorizationColor);
    expect(new Set(colours).size).toBe(authorizationStatuses.length);
    expect(authorizationColor(undefined)).toBe(authorizationColor('revoked'));
  });
});

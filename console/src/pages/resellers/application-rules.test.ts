import { describe, expect, test } from 'vitest';
import { isDecidable, isResendable, splitSelection } from './application-rules';

describe('what the distributor may do with a cooperation request', () => {
  test.each([
    ['application', 'pending', true, false],
    ['invitation', 'pending', false, true],
    ['application', 'approved', false, false],
    ['invitation', 'rejected', false, false],
    ['invitation', 'cancelled', false, false],
  ] as const)('%s %s: decide %s, resend %s', (direction, status, decide, resend) => {
    expect(isDecidable({ direction, status })).toBe(decide);
    expect(isResendable({ direction, status })).toBe(resend);
  });

  test('a mixed selection is split between batch approval and batch resend', () => {
    const rows = [
      { id: 'a', direction: 'application', status: 'pending' },
      { id: 'i', direction: 'invitation', status: 'pending' },
      { id: 'x', direction: 'invitation', status: 'approved' },
    ] as const;
    const { applications, invitations } = splitSelection(rows);
    expect(applications.map((row) => row.id)).toEqual(['a']);
    expect(invitations.map((row) => row.id)).toEqual(['i']);
  });
});

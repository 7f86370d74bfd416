import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountBlockers,
  canRequestAgain,
  countRequestsInWindow,
  DEFAULT_ASSOCIATION_REQUEST_LIMIT,
  limitWindowStart,
  monthsBefore,
  parseAssociationRequestLimit,
  switchedAssociationType,
} from './association-rules.ts';

const limit = DEFAULT_ASSOCIATION_REQUEST_LIMIT;

describe('monthsBefore', () => {
  it('moves whole calendar months back, keeping the time of day', () => {
    expect(monthsBefore(new Date('2026-05-15T08:30:00Z'), 3).toISOString()).toBe(
      '2026-02-15T08:30:00.000Z',
    );
    expect(monthsBefore(new Date('2026-02-10T00:00:00Z'), 3).toISOString()).toBe(
      '2025-11-10T00:00:00.000Z',
    );
  });

  it('falls back to the last day of a shorter month', () => {
    expect(monthsBefore(new Date('2026-05-31T12:00:00Z'), 3).toISOString()).toBe(
      '2026-02-28T12:00:00.000Z',
    );
    expect(monthsBefore(new Date('2028-05-31T12:00:00Z'), 3).toISOString()).toBe(
      '2028-02-29T12:00:00.000Z',
    );
  });

  it('is always earlier and never more than 31 days per month earlier', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 24 }),
        (at, months) => {
          const earlier = monthsBefore(at, months).getTime();
          const days = (at.getTime() - earlier) / 86_400_000;
          return days >= 28 * months && days <= 31 * months;
        },
      ),
    );
  });
});

describe('the per-period limit (R-DIS-02/03)', () => {
  const now = new Date('2026-06-01T00:00:00Z');

  it('counts requests after the window start, up to now', () => {
    const start = limitWindowStart(now, limit);
    expect(start.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    const made = [
      new Date('2026-03-01T00:00:00Z'), // exactly one period ago: already out
      new Date('2026-03-01T00:00:01Z'),
      new Date('2026-05-31T23:59:59Z'),
      new Date('2026-06-01T00:00:00Z'),
      new Date('2026-06-01T00:00:01Z'), // in the future: not counted
    ];
    expect(countRequestsInWindow(made, now, limit)).toBe(3);
  });

  it('allows requests while fewer than the maximum were made', () => {
    expect(canRequestAgain(0, limit)).toBe(true);
    expect(canRequestAgain(2, limit)).toBe(true);
    expect(canRequestAgain(3, limit)).toBe(false);
    expect(canRequestAgain(1, { maxRequests: 1, periodMonths: 3 })).toBe(false);
  });

  it('reads a stored limit, falling back to the default for anything malformed', () => {
    expect(parseAssociationRequestLimit({ max_requests: 1, period_months: 6 })).toEqual({
      maxRequests: 1,
      periodMonths: 6,
    });
    for (const bad of [
      undefined,
      null,
      'three',
      { max_requests: 0, period_months: 3 },
      { max_requests: 3, period_months: 1.5 },
      { max_requests: '3', period_months: 3 },
      { max_requests: 3, period_months: 25 },
    ]) {
      expect(parseAssociationRequestLimit(bad)).toEqual(limit);
    }
  });
});

describe('the account check (R-DIS-04)', () => {
  const clean = {
    isFrozen: 0,
    enterpriseMasterId: null,
    enterpriseSubMode: null,
    independentSubCount: 0,
  };

  it('passes a plain account', () => {
    expect(accountBlockers(clean, 'disassociate')).toEqual([]);
    expect(
      accountBlockers(
        { ...clean, enterpriseMasterId: 'master', enterpriseSubMode: 'hosted' },
        'disassociate',
      ),
    ).toEqual([]);
  });

  it('names every blocker it finds', () => {
    const codes = accountBlockers(
      {
        isFrozen: 1,
        enterpriseMasterId: 'master',
        enterpriseSubMode: 'independent',
        independentSubCount: 2,
      },
      'switch_type',
    ).map((blocker) => blocker.code);
    expect(codes).toEqual([
      'account_frozen',
      'enterprise_master_with_independent_subs',
      'independent_enterprise_sub',
    ]);
  });

  it('words the message after the request kind', () => {
    const [frozen] = accountBlockers({ ...clean, isFrozen: 2 }, 'switch_type');
    expect(frozen?.message).toContain('switching the association type');
  });
});

describe('switchedAssociationType', () => {
  it('swaps resale and referral', () => {
    expect(switchedAssociationType('2')).toBe('1');
    expect(switchedAssociationType('1')).toBe('2');
  });
});

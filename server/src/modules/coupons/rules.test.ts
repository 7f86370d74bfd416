import { describe, expect, it } from 'vitest';
import { Money } from '../../platform/money/index.ts';
import {
  couponWireStatus,
  issuedWindowStart,
  quotaUnusableReason,
  quotaWireStatus,
} from './rules.ts';
import { inheritScope, scopeWithin } from './service/shared.ts';

const effective = new Date('2026-03-01T00:00:00Z');
const expires = new Date('2026-06-01T00:00:00Z');
const quota = { status: 'valid' as const, effectiveTime: effective, expireTime: expires };
const coupon = { status: 'issued' as const, validTime: effective, expireTime: expires };
const inside = new Date('2026-04-01T00:00:00Z');

describe('quota state (SM-7)', () => {
  it('is normal within its validity, invalid from its expiry on, reclaimed once reclaimed', () => {
    expect(quotaWireStatus(quota, inside)).toBe(0);
    expect(quotaWireStatus(quota, expires)).toBe(3);
    expect(quotaWireStatus({ ...quota, status: 'reclaimed' }, inside)).toBe(6);
  });

  it('issues only while 有效: effective, unexpired, not reclaimed, with something left', () => {
    expect(quotaUnusableReason(quota, new Money('0.01'), inside)).toBeNull();
    expect(quotaUnusableReason(quota, new Money(0), inside)).toMatch(/used up/);
    expect(quotaUnusableReason(quota, new Money(5), new Date('2026-02-28T23:59:59Z'))).toMatch(
      /not effective/,
    );
    expect(quotaUnusableReason(quota, new Money(5), expires)).toMatch(/expired/);
    expect(quotaUnusableReason({ ...quota, status: 'reclaimed' }, new Money(5), inside)).toMatch(
      /reclaimed/,
    );
  });
});

describe('coupon state (SM-6)', () => {
  it('reads inactive, usable, used, expired and reclaimed from the clock and the balance', () => {
    expect(couponWireStatus(coupon, new Money(10), new Date('2026-02-01T00:00:00Z'))).toBe(1);
    expect(couponWireStatus(coupon, new Money(10), inside)).toBe(2);
    expect(couponWireStatus(coupon, new Money(0), inside)).toBe(3);
    expect(couponWireStatus(coupon, new Money(10), expires)).toBe(4);
    expect(couponWireStatus({ ...coupon, status: 'reclaimed' }, new Money(0), inside)).toBe(5);
  });

  it('drops coupons that expired two years ago or more, counting the day (R-COUP-08)', () => {
    expect(issuedWindowStart(new Date('2028-04-01T00:00:00Z'), 2).toISOString()).toBe(
      '2026-04-01T00:00:00.000Z',
    );
  });
});

describe('coupon scope', () => {
  const quotaScope = { cloudServiceTypes: ['ecs', 'obs'], productIds: [] };

  it('may only narrow the quota’s restriction', () => {
    expect(scopeWithin({ cloudServiceTypes: ['ecs'], productIds: ['p1'] }, quotaScope)).toBeNull();
    expect(scopeWithin({ cloudServiceTypes: ['rds'], productIds: [] }, quotaScope)).toBe(
      'cloud_service_types',
    );
    expect(
      scopeWithin(
        { cloudServiceTypes: [], productIds: ['p2'] },
        { cloudServiceTypes: [], productIds: ['p1'] },
      ),
    ).toBe('product_ids');
  });

  it('inherits the quota’s restriction where it names none', () => {
    expect(inheritScope({ cloudServiceTypes: [], productIds: ['p1'] }, quotaScope)).toEqual({
      cloudServiceTypes: ['ecs', 'obs'],
      productIds: ['p1'],
    });
  });
});

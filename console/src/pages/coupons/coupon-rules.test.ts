import { describe, expect, test } from 'vitest';
import {
  amountText,
  canIssueFrom,
  canReclaimCoupon,
  canReclaimIssuedQuota,
  couponStateOf,
  fingerprintOf,
  issueAmountProblem,
  limitPieces,
  minimumOrderProblem,
  quotaStateOf,
  toCouponIssueRequest,
  validityProblem,
} from './coupon-rules';
import { toOperationRecordQuery } from './queries';

const NOW = new Date('2026-06-01T00:00:00Z');
const quota = {
  quota_status: 0,
  balance: 48500,
  effective_time: '2026-01-01T00:00:00Z',
  expire_time: '2026-12-31T16:00:00Z',
};

describe('quota and coupon states', () => {
  test('reads the API codes as the page’s states', () => {
    expect(quotaStateOf({ quota_status: 0 })).toBe('valid');
    expect(quotaStateOf({ quota_status: 3 })).toBe('invalid');
    expect(quotaStateOf({ quota_status: 6 })).toBe('reclaimed');
    expect([1, 2, 3, 4, 5].map((status) => couponStateOf({ status }))).toEqual([
      'inactive',
      'usable',
      'used',
      'expired',
      'reclaimed',
    ]);
  });

  test('only a valid, effective, unexpired quota with a balance issues (R-COUP-02)', () => {
    expect(canIssueFrom(quota, NOW)).toBe(true);
    expect(canIssueFrom({ ...quota, quota_status: 3 }, NOW)).toBe(false);
    expect(canIssueFrom({ ...quota, quota_status: 6 }, NOW)).toBe(false);
    expect(canIssueFrom({ ...quota, balance: 0 }, NOW)).toBe(false);
    expect(canIssueFrom({ ...quota, effective_time: '2026-07-01T00:00:00Z' }, NOW)).toBe(false);
    expect(canIssueFrom(quota, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });

  test('only a usable coupon with a balance, and only valid issued quota, is reclaimed', () => {
    expect(canReclaimCoupon({ status: 2, balance: 300 })).toBe(true);
    for (const status of [1, 3, 4, 5])
      expect(canReclaimCoupon({ status, balance: 300 })).toBe(false);
    expect(canReclaimCoupon({ status: 2, balance: 0 })).toBe(false);
    expect(canReclaimIssuedQuota({ quota_status: 0, balance: 1 })).toBe(true);
    expect(canReclaimIssuedQuota({ quota_status: 6, balance: 1 })).toBe(false);
    expect(canReclaimIssuedQuota({ quota_status: 3, balance: 1 })).toBe(false);
    expect(canReclaimIssuedQuota({ quota_status: 0, balance: 0 })).toBe(false);
  });
});

describe('amounts', () => {
  test('turns the API’s JSON numbers into exact two-decimal text', () => {
    expect(amountText(120.5)).toBe('120.50');
    expect(amountText(999999999999.99)).toBe('999999999999.99');
    expect(amountText(undefined)).toBe('0.00');
  });

  test('refuses a face value that is malformed or more than the quota holds for all recipients', () => {
    expect(issueAmountProblem('', '100.00')).toBe('required');
    expect(issueAmountProblem('1.005', '100.00')).toBe('format');
    expect(issueAmountProblem('0.00', '100.00')).toBe('positive');
    expect(issueAmountProblem('100', '100.00')).toBeNull();
    expect(issueAmountProblem('100.01', '100.00')).toBe('exceeds');
    // Three customers at 33.34 need 100.02: more than the 100.00 left.
    expect(issueAmountProblem('33.34', '100.00', 3)).toBe('exceeds');
    expect(issueAmountProblem('33.33', '100.00', 3)).toBeNull();
  });

  test('accepts an empty or zero minimum order amount, refuses a malformed one', () => {
    expect(minimumOrderProblem(undefined)).toBeNull();
    expect(minimumOrderProblem(' ')).toBeNull();
    expect(minimumOrderProblem('0')).toBeNull();
    expect(minimumOrderProblem('100.5')).toBeNull();
    expect(minimumOrderProblem('-1')).toBe('format');
    expect(minimumOrderProblem('1e3')).toBe('format');
  });
});

describe('validity', () => {
  const range = (from: string, to: string) => ({
    validTime: new Date(from),
    expireTime: new Date(to),
  });

  test('stays within the quota’s validity, in order, ending in the future', () => {
    expect(
      validityProblem(range('2026-06-01T00:00:00Z', '2026-09-01T00:00:00Z'), quota, NOW),
    ).toBeNull();
    expect(validityProblem(range('2025-12-31T00:00:00Z', '2026-09-01T00:00:00Z'), quota, NOW)).toBe(
      'beforeQuota',
    );
    expect(validityProblem(range('2026-06-01T00:00:00Z', '2027-01-01T00:00:00Z'), quota, NOW)).toBe(
      'afterQuota',
    );
    expect(validityProblem(range('2026-09-01T00:00:00Z', '2026-08-01T00:00:00Z'), quota, NOW)).toBe(
      'order',
    );
    expect(validityProblem(range('2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'), quota, NOW)).toBe(
      'past',
    );
  });
});

describe('the issue request', () => {
  test('sends exact amounts and leaves empty optional parts out', () => {
    expect(
      toCouponIssueRequest('q1', { customerIds: ['c1', 'c2'], faceValue: '50', memo: '  ' }),
    ).toEqual({ quota_id: 'q1', customer_ids: ['c1', 'c2'], face_value: '50.00' });
    expect(
      toCouponIssueRequest('q1', {
        customerIds: ['c1'],
        faceValue: '88.8',
        minimumOrderAmount: '100',
        validity: range2(),
        cloudServiceTypes: ['hws.service.type.ecs'],
        productIds: [],
        memo: ' spring ',
      }),
    ).toEqual({
      quota_id: 'q1',
      customer_ids: ['c1'],
      face_value: '88.80',
      minimum_order_amount: '100.00',
      valid_time: '2026-06-01T00:00:00Z',
      expire_time: '2026-09-01T12:30:00Z',
      cloud_service_types: ['hws.service.type.ecs'],
      memo: 'spring',
    });
  });

  test('fingerprints what is sent, so a changed form gets a new Idempotency-Key', () => {
    const first = toCouponIssueRequest('q1', { customerIds: ['c1'], faceValue: '50' });
    const same = toCouponIssueRequest('q1', { customerIds: ['c1'], faceValue: '50.00' });
    const other = toCouponIssueRequest('q1', { customerIds: ['c1'], faceValue: '50.01' });
    expect(fingerprintOf(first)).toBe(fingerprintOf(same));
    expect(fingerprintOf(first)).not.toBe(fingerprintOf(other));
  });
});

function range2() {
  return {
    validTime: new Date('2026-06-01T00:00:00.400Z'),
    expireTime: new Date('2026-09-01T12:30:00Z'),
  };
}

describe('restrictions and the operation-log query', () => {
  test('groups a quota’s or a coupon’s restrictions by kind', () => {
    expect(limitPieces([])).toEqual([]);
    expect(
      limitPieces([
        { limit_key: 'cloud_service_types', limit_values: [{ value1: 'ecs' }, { value1: 'obs' }] },
      ]),
    ).toEqual([{ key: 'cloud_service_types', values: ['ecs', 'obs'] }]);
    expect(
      limitPieces([
        { limit_key: 'product_ids', value1: 'p1' },
        { limit_key: 'product_ids', value1: 'p2' },
        { limit_key: 'minimum_order_amount', value1: '100.00' },
      ]),
    ).toEqual([
      { key: 'product_ids', values: ['p1', 'p2'] },
      { key: 'minimum_order_amount', values: ['100.00'] },
    ]);
  });

  test('turns the table’s filters into the route’s query, dropping unknown kinds', () => {
    expect(
      toOperationRecordQuery({
        kind: 'quota',
        name: 'bj',
        quota_id: 'Q1',
        operator: 'a_company',
        operation_time_begin: '2026-03-01 08:00:00',
        tab: 'records',
      }),
    ).toMatchObject({ kind: 'quota', name: 'bj', quota_id: 'Q1', operator: 'a_company' });
    expect(toOperationRecordQuery({ kind: 'all' }).kind).toBeUndefined();
    expect(toOperationRecordQuery({ operation_time_begin: 'nonsense' }).operation_time_begin).toBe(
      undefined,
    );
  });
});

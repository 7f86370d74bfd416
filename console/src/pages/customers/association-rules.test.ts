import dayjs from 'dayjs';
import { describe, expect, test } from 'vitest';
import type { AccountCheck, AssociationRecord } from './association-queries';
import {
  canSubmitRequest,
  isAllowanceUsedUp,
  isDecidable,
  toRecordQuery,
  toWireTime,
} from './association-rules';

function record(overrides: Partial<AssociationRecord> = {}): AssociationRecord {
  return {
    id: 'r1',
    customer_id: 'c1',
    customer_account_name: 'acme',
    customer_name: 'Acme',
    event: 'request_submitted',
    association_type: '2',
    occurred_at: '2026-03-01T00:00:00Z',
    actor: 'acme/acme',
    request: {
      id: 'q1',
      kind: 'disassociate',
      initiator: 'customer',
      status: 'pending_partner',
      from_association_type: '2',
      to_association_type: null,
      reason: 'moving',
      opinion: '',
      review_opinion: '',
      decided_by: '',
    },
    ...overrides,
  };
}

describe('record filters', () => {
  test('keep the customer, a known event and the time range in UTC without milliseconds', () => {
    const from = dayjs('2026-03-01T08:00:00.123Z');
    const to = dayjs('2026-03-31T08:00:00Z');
    expect(toRecordQuery({ customer: 'acme', event: 'type_switched' }, [from, to])).toEqual({
      customer: 'acme',
      event: 'type_switched',
      occurred_from: '2026-03-01T08:00:00Z',
      occurred_to: '2026-03-31T08:00:00Z',
    });
  });

  test('drop an unknown event and a half-filled range', () => {
    expect(toRecordQuery({ event: 'eloped' }, ['2026-03-01T00:00:00Z'])).toEqual({});
    expect(toWireTime('not a date')).toBeUndefined();
  });
});

describe('decisions in 管理关联记录', () => {
  test('only a customer request waiting for the partner, and only for administrators', () => {
    expect(isDecidable(record(), true)).toBe(true);
    expect(isDecidable(record(), false)).toBe(false);
    const partnerRequest = record();
    if (partnerRequest.request) partnerRequest.request.initiator = 'partner';
    expect(isDecidable(partnerRequest, true)).toBe(false);
    const decided = record();
    if (decided.request) decided.request.status = 'approved';
    expect(isDecidable(decided, true)).toBe(false);
    expect(isDecidable(record({ event: 'request_rejected' }), true)).toBe(false);
    expect(isDecidable(record({ request: null }), true)).toBe(false);
  });
});

describe('the request dialog', () => {
  const check = (passed: boolean, used: number): AccountCheck => ({
    kind: 'disassociate',
    passed,
    blockers: [],
    allowance: { max_requests: 3, period_months: 3, used },
    open_request: null,
  });

  test('submits only after a passed check', () => {
    expect(canSubmitRequest(undefined)).toBe(false);
    expect(canSubmitRequest(check(false, 0))).toBe(false);
    expect(canSubmitRequest(check(true, 2))).toBe(true);
  });

  test('tells when the period allowance is used up', () => {
    expect(isAllowanceUsedUp(check(true, 2).allowance)).toBe(false);
    expect(isAllowanceUsedUp(check(false, 3).allowance)).toBe(true);
  });
});

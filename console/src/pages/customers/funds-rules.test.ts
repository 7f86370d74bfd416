import { describe, expect, it } from 'vitest';
import {
  amountProblem,
  canMoveFunds,
  newIdempotencyKey,
  normalizeAmount,
  submissionKeyFor,
  sumAmounts,
} from './funds-rules';

describe('amountProblem', () => {
  it('accepts positive amounts with at most two decimals', () => {
    for (const value of ['1', '0.01', '100.5', '100000.00', ' 12.30 ']) {
      expect(amountProblem(value)).toBeNull();
    }
  });

  it('refuses empty, malformed and non-positive amounts', () => {
    expect(amountProblem(undefined)).toBe('required');
    expect(amountProblem('  ')).toBe('required');
    for (const value of ['1.234', '-1', '1e3', '01', '1,000', 'abc', '.5', '1.']) {
      expect(amountProblem(value)).toBe('format');
    }
    expect(amountProblem('0')).toBe('positive');
    expect(amountProblem('0.00')).toBe('positive');
  });
});

describe('normalizeAmount and sumAmounts', () => {
  it('shows two decimals', () => {
    expect(normalizeAmount('7')).toBe('7.00');
    expect(normalizeAmount('7.5')).toBe('7.50');
    expect(normalizeAmount('7.05')).toBe('7.05');
  });

  it('adds exactly where floats would not', () => {
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.30');
    expect(sumAmounts(['999999999999.99', '0.01'])).toBe('1000000000000.00');
    expect(sumAmounts([])).toBe('0.00');
  });
});

describe('canMoveFunds', () => {
  it('is true only for associated resale customers', () => {
    expect(canMoveFunds({ association_type: '2', status: 'active' })).toBe(true);
    expect(canMoveFunds({ association_type: '1', status: 'active' })).toBe(false);
    expect(canMoveFunds({ association_type: '2', status: 'disassociated' })).toBe(false);
  });
});

describe('newIdempotencyKey', () => {
  it('is unique per form and within the server’s 128 visible characters', () => {
    const first = newIdempotencyKey();
    expect(first).not.toBe(newIdempotencyKey());
    expect(first).toMatch(/^[\x21-\x7e]{1,128}$/);
  });
});

describe('submissionKeyFor', () => {
  it('keeps the key for a retry of the same submission and renews it for another', () => {
    let counter = 0;
    const fresh = () => `key-${String(++counter)}`;
    const first = submissionKeyFor(null, 'allocate|c1=10.00', fresh);
    expect(first.key).toBe('key-1');
    expect(submissionKeyFor(first, 'allocate|c1=10.00', fresh)).toBe(first);
    expect(submissionKeyFor(first, 'allocate|c1=11.00', fresh).key).toBe('key-2');
  });
});

import { describe, expect, it } from 'vitest';
import { isMoveAmount, newIdempotencyKey } from './funds-rules';

describe('isMoveAmount', () => {
  it.each(['1', '0.01', '100.00', '999999999999.99', ' 20.5 '])('accepts %s', (text) => {
    expect(isMoveAmount(text)).toBe(true);
  });

  it.each(['0', '0.00', '-1', '1.005', '1e3', 'abc', '', '1,000.00', '1000000000000'])(
    'refuses %s',
    (text) => {
      expect(isMoveAmount(text)).toBe(false);
    },
  );

  it('accepts zero only for levels', () => {
    expect(isMoveAmount('0.00', { allowZero: true })).toBe(true);
    expect(isMoveAmount('-0.01', { allowZero: true })).toBe(false);
  });
});

describe('newIdempotencyKey', () => {
  it('is fresh each time and fits the header', () => {
    const first = newIdempotencyKey();
    expect(first).not.toBe(newIdempotencyKey());
    expect(first).toMatch(/^[\x21-\x7e]{1,128}$/);
  });
});

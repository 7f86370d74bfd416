import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/errors.ts';
import { formatMoney, Money, moneyToWireNumber, parseMoveAmount, roundMoney } from './index.ts';

const seed = 20260310;

/** Whole fen up to the largest move, as the text a client sends. */
const validCents = fc.bigInt({ min: 1n, max: 99_999_999_999_999n });
const centsText = (cents: bigint) => {
  const text = cents.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
};

function refusal(value: unknown, options?: { allowZero?: boolean }): string | null {
  try {
    parseMoveAmount(value, 'amount', options);
    return null;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    expect(error.code).toBe('CBC.0100');
    return error.message;
  }
}

describe('parseMoveAmount', () => {
  it('accepts every positive amount in fen, as string or number, exactly', () => {
    fc.assert(
      fc.property(validCents, (cents) => {
        const text = centsText(cents);
        expect(parseMoveAmount(text, 'amount').toFixed(2)).toBe(text);
        // A JSON number of ≤ 15 significant digits prints back as the same decimal.
        expect(parseMoveAmount(Number(text), 'amount').toFixed(2)).toBe(text);
      }),
      { seed, numRuns: 2000 },
    );
  });

  it('refuses more than two decimals instead of rounding', () => {
    fc.assert(
      fc.property(validCents, fc.integer({ min: 1, max: 9 }), (cents, extra) => {
        const text = `${centsText(cents)}${String(extra)}`;
        expect(refusal(text)).toContain('at most 2 decimals');
      }),
      { seed, numRuns: 500 },
    );
    expect(refusal(10.005)).toContain('at most 2 decimals');
  });

  it.each([
    0,
    '0',
    '0.00',
    -1,
    '-0.01',
    '',
    'abc',
    '1e3',
    '1,00',
    ' 1.00',
    null,
    true,
    {},
    [1],
    NaN,
    Infinity,
    1e21,
    1e-7,
  ])('refuses %j, naming the field', (value) => {
    expect(refusal(value)).toContain("field 'amount'");
  });

  it('caps a move at 999999999999.99', () => {
    expect(parseMoveAmount('999999999999.99', 'amount').toFixed(2)).toBe('999999999999.99');
    expect(refusal('1000000000000.00')).toContain('must not exceed');
  });

  it('accepts zero only for levels', () => {
    expect(parseMoveAmount('0', 'credit_limit', { allowZero: true }).isZero()).toBe(true);
    expect(refusal('-0.01', { allowZero: true })).toContain('must be a decimal amount');
    expect(refusal('0.00')).toContain('must be greater than 0');
  });
});

describe('rounding and formatting', () => {
  it('rounds derived amounts half-up to the fen, once', () => {
    expect(roundMoney('0.005').toFixed(2)).toBe('0.01');
    expect(roundMoney('0.015').toFixed(2)).toBe('0.02');
    expect(roundMoney('-0.005').toFixed(2)).toBe('-0.01');
    expect(roundMoney('2.344999').toFixed(2)).toBe('2.34');
  });

  it('never loses a fen when shares of a total are rounded and the rest assigned', () => {
    fc.assert(
      fc.property(validCents, fc.integer({ min: 1, max: 99 }), (cents, percent) => {
        const total = new Money(centsText(cents));
        const share = roundMoney(total.times(percent).dividedBy(100));
        expect(share.plus(total.minus(share)).equals(total)).toBe(true);
        expect(share.decimalPlaces()).toBeLessThanOrEqual(2);
      }),
      { seed, numRuns: 1000 },
    );
  });

  it('formats at the fen scale and refuses to hide more decimals', () => {
    expect(formatMoney('300')).toBe('300.00');
    expect(formatMoney(new Money('0.1').plus('0.2'))).toBe('0.30');
    expect(() => formatMoney('0.001')).toThrow();
  });

  it('emits JSON numbers only when exact', () => {
    expect(moneyToWireNumber('999999999999.99')).toBe(999999999999.99);
    expect(moneyToWireNumber('70.00')).toBe(70);
    expect(() => moneyToWireNumber('9999999999999999.99')).toThrow();
  });
});

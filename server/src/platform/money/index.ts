import { Decimal } from 'decimal.js';
import { invalidParameter } from '../http/errors.ts';

/**
 * Exact money for the whole server (ADR 0008). One Decimal constructor with enough precision
 * for any `numeric(20, 2)` sum, and the one rounding rule: half-up (四舍五入) to the fen, applied
 * once to a derived amount, never to an amount a caller sent.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

/** Fen: every amount that moves between accounts is a whole number of them. */
export const MONEY_SCALE = 2;

/**
 * The largest amount a single move may carry: 12 integer digits keep every balance within 15
 * significant digits, so a JSON number on the wire equals the decimal (ADR 0004).
 */
export const MAX_MOVE_AMOUNT = new Money('999999999999.99');

const plainDecimal = /^\d{1,18}(\.\d+)?$/;

/**
 * Reads an amount that moves money (拨款, 回收, top-ups, quota): a JSON string or number, > 0
 * (or ≥ 0 with `allowZero`, for levels such as a credit line), at most two decimals, at most
 * `MAX_MOVE_AMOUNT`. Never rounds: `10.005` is refused, not turned into `10.01` (R-FUND-03,
 * ADR 0004).
 *
 * @throws CBC.0100 naming `field`.
 */
export function parseMoveAmount(
  value: unknown,
  field: string,
  options: { allowZero?: boolean } = {},
): Money {
  const text = typeof value === 'number' ? numberText(value, field) : value;
  if (typeof text !== 'string' || !plainDecimal.test(text)) {
    throw invalidParameter(field, 'must be a decimal amount such as 10.00');
  }
  const amount = new Money(text);
  if (amount.decimalPlaces() > MONEY_SCALE) {
    throw invalidParameter(field, 'must have at most 2 decimals');
  }
  // The pattern admits no sign, so only zero is left to refuse.
  if (amount.isZero() && !options.allowZero)
    throw invalidParameter(field, 'must be greater than 0');
  if (amount.gt(MAX_MOVE_AMOUNT)) {
    throw invalidParameter(field, `must not exceed ${MAX_MOVE_AMOUNT.toFixed(MONEY_SCALE)}`);
  }
  return amount;
}

/** A JSON number as the text it was written with (shortest round-trip form, no exponent). */
function numberText(value: number, field: string): string {
  if (!Number.isFinite(value)) throw invalidParameter(field, 'must be a finite amount');
  const text = String(value);
  // 1e-7 and 1e21 print with an exponent; neither is a valid amount anyway.
  if (/e/i.test(text)) throw invalidParameter(field, 'must be a decimal amount such as 10.00');
  return text;
}

/** Rounds a derived amount (a share, a percentage) to the fen with the one rule, half-up. */
export function roundMoney(value: Decimal.Value): Money {
  return new Money(value).toDecimalPlaces(MONEY_SCALE, Decimal.ROUND_HALF_UP);
}

/** The string form of an amount at the fen scale (`"300.00"`), for Huawei's string fields. */
export function formatMoney(value: Decimal.Value): string {
  const amount = new Money(value);
  if (amount.decimalPlaces() > MONEY_SCALE) {
    throw new Error(`amount ${amount.toString()} has more than ${MONEY_SCALE} decimals`);
  }
  return amount.toFixed(MONEY_SCALE);
}

/**
 * A JSON number for Huawei's number fields, only when it is exact: at most 15 significant digits,
 * so the number prints back as the same decimal (ADR 0004). Larger values are a server bug.
 */
export function moneyToWireNumber(value: Decimal.Value): number {
  const amount = new Money(value);
  if (amount.precision(true) > 15) {
    throw new Error(`amount ${amount.toString()} cannot be a JSON number exactly`);
  }
  return amount.toNumber();
}

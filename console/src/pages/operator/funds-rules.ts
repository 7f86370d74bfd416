/**
 * Amounts as the money core accepts them (ADR 0008): a plain decimal, greater than 0 (or 0 for a
 * level such as a credit line), at most two decimals, at most 999999999999.99. Entered and sent
 * as text, so no digit goes through a float.
 */
const pattern = /^\d{1,12}(\.\d{1,2})?$/;

export function isMoveAmount(text: string, options: { allowZero?: boolean } = {}): boolean {
  const value = text.trim();
  if (!pattern.test(value)) return false;
  return options.allowZero === true || /[1-9]/.test(value);
}

/** A fresh key per form opening: a double click or a retried request moves the money once. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

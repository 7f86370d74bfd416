/**
 * Pure rules of the console's 拨款 / 回收 forms (R-FUND-03): amounts stay decimal strings from the
 * input to the request, so no float ever touches money.
 */

/** Greater than 0, at most two decimals, no sign, exponent or grouping: what the server accepts. */
const AMOUNT_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

export type AmountProblem = 'required' | 'format' | 'positive';

/** Why an entered amount is refused, or null when it is a valid transfer amount. */
export function amountProblem(input: string | undefined): AmountProblem | null {
  const text = (input ?? '').trim();
  if (text === '') return 'required';
  if (!AMOUNT_PATTERN.test(text)) return 'format';
  if (/^0(\.0{1,2})?$/.test(text)) return 'positive';
  return null;
}

/** The entered amount as the exact two-decimal string shown in confirmations and sent. */
export function normalizeAmount(input: string): string {
  const [whole = '0', fraction = ''] = input.trim().split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/**
 * The sum of two-decimal amounts, computed in integer cents (BigInt) so the total shown in a batch
 * confirmation is exact however many items it has.
 */
export function sumAmounts(amounts: readonly string[]): string {
  const cents = amounts.reduce((total, amount) => {
    const [whole = '0', fraction = ''] = normalizeAmount(amount).split('.');
    return total + BigInt(whole) * 100n + BigInt(fraction);
  }, 0n);
  const fraction = (cents % 100n).toString().padStart(2, '0');
  return `${(cents / 100n).toString()}.${fraction}`;
}

/** Only associated resale (代售) customers have a partner-funded account (R-FUND-01). */
export function canMoveFunds(customer: { association_type: string; status?: string }): boolean {
  return customer.association_type === '2' && customer.status !== 'disassociated';
}

/** A fresh Idempotency-Key for one submitted form; retries of that submission reuse it. */
export function newIdempotencyKey(): string {
  return `console-${crypto.randomUUID()}`;
}

/** The key sent with a submission: the same submission retried keeps it, another gets a new one. */
export interface SubmissionKey {
  fingerprint: string;
  key: string;
}

/**
 * The Idempotency-Key for the submission `fingerprint`: reused when it repeats the last attempt
 * (a retry after a lost answer moves nothing twice), fresh when anything in the form changed (the
 * server refuses a key reused with other parameters).
 */
export function submissionKeyFor(
  previous: SubmissionKey | null,
  fingerprint: string,
  fresh: () => string = newIdempotencyKey,
): SubmissionKey {
  return previous?.fingerprint === fingerprint ? previous : { fingerprint, key: fresh() };
}

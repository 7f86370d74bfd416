/**
 * Pure rules of the console's budget views (SM-5, R-FUND-06..12). The budget API answers JSON
 * numbers of at most two decimals and 15 significant digits, so `toFixed(2)` gives their exact
 * text; every further calculation runs on integer cents (BigInt), never on floats.
 */

export type BudgetType = 'MONTHLY' | 'PACKAGE';

/** What the budget query answers for one customer. */
export interface BudgetInfo {
  customer_id: string;
  budget_amount: number;
  used_amount: number;
  budget_type: BudgetType;
  /** 0: restrict purchases at exhaustion; 1: restrict and freeze the account (R-FUND-08). */
  frozen_operate_type: number;
  restricted: boolean;
}

/** 正常, 已预警 (75 % or more used, R-FUND-09) or 已限制购买 (used up). */
export type BudgetState = 'normal' | 'alerted' | 'restricted';

/** The exact two-decimal text of an API amount. */
export function amountText(value: number): string {
  return value.toFixed(2);
}

function cents(text: string): bigint {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -value : value;
}

/**
 * The share of the budget used, in percent with one decimal, rounded down so a budget reads 100 %
 * only once it is really used up (an amount of 0 counts as fully used).
 */
export function usagePercent(budget: Pick<BudgetInfo, 'budget_amount' | 'used_amount'>): string {
  const amount = cents(amountText(budget.budget_amount));
  const used = cents(amountText(budget.used_amount));
  if (amount <= 0n) return '100.0';
  const tenths = (used * 1000n) / amount;
  return `${(tenths / 10n).toString()}.${(tenths % 10n).toString()}`;
}

/** The state a budget shows: used up, past the first alert threshold, or normal. */
export function budgetState(
  budget: Pick<BudgetInfo, 'budget_amount' | 'used_amount' | 'restricted'>,
): BudgetState {
  if (budget.restricted) return 'restricted';
  const amount = cents(amountText(budget.budget_amount));
  const used = cents(amountText(budget.used_amount));
  return used * 100n >= amount * 75n ? 'alerted' : 'normal';
}

/** What is left of the budget, never below zero. */
export function remainingText(budget: Pick<BudgetInfo, 'budget_amount' | 'used_amount'>): string {
  const left = cents(amountText(budget.budget_amount)) - cents(amountText(budget.used_amount));
  const positive = left > 0n ? left : 0n;
  return `${(positive / 100n).toString()}.${(positive % 100n).toString().padStart(2, '0')}`;
}

import { Money, type Money as MoneyValue } from '../../../platform/money/index.ts';
import type { BudgetType } from '../schema.ts';

/** The operator's time zone when `platform_settings` names none (the product's home market). */
export const DEFAULT_OPERATOR_TIME_ZONE = 'Asia/Shanghai';

/** Alert thresholds of R-FUND-09, in percent of the budget, ascending. */
export const BUDGET_ALERT_THRESHOLDS = [75, 90, 100] as const;
export type BudgetAlertThreshold = (typeof BUDGET_ALERT_THRESHOLDS)[number];

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The month ('YYYY-MM') an instant falls in, in `timeZone`: a monthly budget's period. */
export function budgetPeriodOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
    .formatToParts(instant)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}`;
}

/**
 * The next 00:00:00 on the 1st in `timeZone` after `instant` (R-FUND-06), found by stepping
 * hour by hour to the next period change and then minute by minute inside that hour, so
 * daylight-saving zones need no offset arithmetic.
 */
export function nextMonthlyReset(instant: Date, timeZone: string): Date {
  const period = budgetPeriodOf(instant, timeZone);
  const hour = 3_600_000;
  let probe = Math.floor(instant.getTime() / hour) * hour;
  while (budgetPeriodOf(new Date(probe + hour), timeZone) === period) probe += hour;
  let minute = probe;
  while (budgetPeriodOf(new Date(minute), timeZone) === period) minute += 60_000;
  return new Date(minute);
}

/** What a stored budget has used in the current period: a monthly one restores on the 1st. */
export function usedInPeriod(
  budget: { budgetType: BudgetType; period: string; usedAmount: MoneyValue },
  currentPeriod: string,
): MoneyValue {
  if (budget.budgetType === 'MONTHLY' && budget.period !== currentPeriod) return new Money(0);
  return budget.usedAmount;
}

/** The thresholds `used` reaches of `amount` above the one already alerted, ascending. */
export function thresholdsReached(
  used: MoneyValue,
  amount: MoneyValue,
  alreadyAlerted: number,
): BudgetAlertThreshold[] {
  return BUDGET_ALERT_THRESHOLDS.filter(
    (threshold) => threshold > alreadyAlerted && used.times(100).gte(amount.times(threshold)),
  );
}

/** The budget is used up: purchases stop (and, with the freeze action, the account freezes). */
export function isExhausted(used: MoneyValue, amount: MoneyValue): boolean {
  return used.gte(amount);
}

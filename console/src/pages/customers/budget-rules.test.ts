import { describe, expect, it } from 'vitest';
import { budgetState, remainingText, usagePercent } from './budget-rules';

describe('budget usage (R-FUND-09)', () => {
  it('computes the used share exactly and rounds it down', () => {
    expect(usagePercent({ budget_amount: 100, used_amount: 92.5 })).toBe('92.5');
    expect(usagePercent({ budget_amount: 3, used_amount: 2 })).toBe('66.6');
    expect(usagePercent({ budget_amount: 0.3, used_amount: 0.1 })).toBe('33.3');
    expect(usagePercent({ budget_amount: 100000000000.01, used_amount: 100000000000 })).toBe(
      '99.9',
    );
    expect(usagePercent({ budget_amount: 0, used_amount: 0 })).toBe('100.0');
  });

  it('shows a budget alerted from 75 % and restricted when the server says so', () => {
    expect(budgetState({ budget_amount: 100, used_amount: 74.99, restricted: false })).toBe(
      'normal',
    );
    expect(budgetState({ budget_amount: 100, used_amount: 75, restricted: false })).toBe('alerted');
    expect(budgetState({ budget_amount: 100, used_amount: 100, restricted: true })).toBe(
      'restricted',
    );
  });

  it('never shows a negative remainder', () => {
    expect(remainingText({ budget_amount: 100, used_amount: 0.1 })).toBe('99.90');
    expect(remainingText({ budget_amount: 100, used_amount: 120 })).toBe('0.00');
  });
});

import { describe, expect, it } from 'vitest';
import { Money } from '../../../platform/money/index.ts';
import {
  budgetPeriodOf,
  isExhausted,
  isTimeZone,
  nextMonthlyReset,
  thresholdsReached,
  usedInPeriod,
} from './budgets-rules.ts';

describe('budget periods in the operator time zone', () => {
  it('puts 16:00Z on the last day of March into April in Shanghai but not in UTC', () => {
    expect(budgetPeriodOf(new Date('2026-03-31T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03');
    expect(budgetPeriodOf(new Date('2026-03-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-04');
    expect(budgetPeriodOf(new Date('2026-03-31T16:00:00Z'), 'UTC')).toBe('2026-03');
  });

  it('finds the next 00:00 on the 1st, across a year end and a daylight-saving change', () => {
    expect(nextMonthlyReset(new Date('2026-03-10T02:00:00Z'), 'Asia/Shanghai')).toEqual(
      new Date('2026-03-31T16:00:00Z'),
    );
    expect(nextMonthlyReset(new Date('2026-12-31T15:59:00Z'), 'Asia/Shanghai')).toEqual(
      new Date('2026-12-31T16:00:00Z'),
    );
    // Berlin is on summer time (UTC+2) by the 1st of April.
    expect(nextMonthlyReset(new Date('2026-03-15T00:00:00Z'), 'Europe/Berlin')).toEqual(
      new Date('2026-03-31T22:00:00Z'),
    );
  });

  it('knows IANA zones and refuses others', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('budget usage and thresholds', () => {
  const used = new Money('80.00');

  it('restores a monthly budget in a new period and never a one-time one', () => {
    expect(
      usedInPeriod(
        { budgetType: 'MONTHLY', period: '2026-03', usedAmount: used },
        '2026-04',
      ).toFixed(2),
    ).toBe('0.00');
    expect(
      usedInPeriod(
        { budgetType: 'MONTHLY', period: '2026-04', usedAmount: used },
        '2026-04',
      ).toFixed(2),
    ).toBe('80.00');
    expect(
      usedInPeriod(
        { budgetType: 'PACKAGE', period: '2026-03', usedAmount: used },
        '2026-04',
      ).toFixed(2),
    ).toBe('80.00');
  });

  it('reaches each threshold exactly at its percentage, above the one already alerted', () => {
    const amount = new Money('100.00');
    expect(thresholdsReached(new Money('74.99'), amount, 0)).toEqual([]);
    expect(thresholdsReached(new Money('75.00'), amount, 0)).toEqual([75]);
    expect(thresholdsReached(new Money('100.00'), amount, 0)).toEqual([75, 90, 100]);
    expect(thresholdsReached(new Money('95.00'), amount, 75)).toEqual([90]);
    expect(thresholdsReached(new Money('120.00'), amount, 100)).toEqual([]);
    expect(isExhausted(new Money('99.99'), amount)).toBe(false);
    expect(isExhausted(new Money('100.00'), amount)).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../../platform/money/index.ts';
import {
  adjustmentKinds,
  allowsNegative,
  chinaDate,
  compactUtc,
  isBalancedTransaction,
  kindsOfAdjustOperation,
  kindsOfTradeType,
  startOfChinaDay,
  transactionWireNames,
} from './rules.ts';
import { accountKinds, transactionKinds } from './schema.ts';

const seed = 20260310;
const cents = fc
  .integer({ min: -10_000_000, max: 10_000_000 })
  .map((value) => new Money(value).dividedBy(100));

describe('isBalancedTransaction', () => {
  it('accepts legs that sum to zero and refuses any other', () => {
    fc.assert(
      fc.property(
        fc.array(
          cents.filter((value) => !value.isZero()),
          { minLength: 1, maxLength: 6 },
        ),
        (legs) => {
          const closing = legs.reduce((sum, leg) => sum.plus(leg), new Money(0)).neg();
          if (!closing.isZero()) {
            expect(isBalancedTransaction([...legs, closing])).toBe(true);
            expect(isBalancedTransaction([...legs, closing.plus('0.01')])).toBe(false);
          }
        },
      ),
      { seed, numRuns: 2000 },
    );
  });

  it('refuses single legs, zero legs and fractions of a fen', () => {
    expect(isBalancedTransaction([new Money(0)])).toBe(false);
    expect(isBalancedTransaction([new Money(1), new Money(-1), new Money(0)])).toBe(false);
    expect(isBalancedTransaction([new Money('0.001'), new Money('-0.001')])).toBe(false);
  });
});

describe('wire names', () => {
  it('name every transaction kind, with Huawei’s id prefixes for allocations and reclaims', () => {
    expect(Object.keys(transactionWireNames).sort()).toEqual([...transactionKinds].sort());
    expect(transactionWireNames.customer_allocate.idPrefix).toBe('AD');
    expect(transactionWireNames.customer_reclaim.idPrefix).toBe('RE');
    expect(transactionWireNames.top_up.tradeDetailType).toBe('SOURCE_OPERAIION_RECHARGE');
  });

  it('map the adjust-record and trade-type filters back to kinds', () => {
    expect(kindsOfAdjustOperation('SOURCE_OPERATION_BEADJUST')).toEqual([
      'customer_allocate',
      'reseller_allocate',
    ]);
    expect(kindsOfAdjustOperation('SOURCE_OPERATION_BEUNBIND')).toEqual([]);
    expect(kindsOfTradeType('RECHARGE')).toEqual(['top_up']);
    expect(adjustmentKinds.every((kind) => transactionWireNames[kind].adjustOperationType)).toBe(
      true,
    );
  });

  it('lets only the provider’s counter-accounts go negative', () => {
    expect(accountKinds.filter(allowsNegative)).toEqual(['funding', 'credit_issued']);
  });
});

describe('UTC+8 dates', () => {
  it('start a China day at 16:00 UTC the day before', () => {
    expect(startOfChinaDay('2026-03-10').toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(chinaDate(new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
    expect(chinaDate(new Date('2026-03-09T15:59:59Z'))).toBe('2026-03-09');
    expect(compactUtc(new Date('2026-03-10T02:03:04.567Z'))).toBe('20260310020304');
  });
});

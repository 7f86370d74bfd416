import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../platform/http/context.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { Money, parseMoveAmount, type Money as MoneyValue } from '../../platform/money/index.ts';
import { freshDatabase } from '../../../test/helpers/database.ts';
import { buildOrganisation, memberContext } from '../../../test/factories/org.ts';
import { buildCustomer } from '../../../test/factories/customers.ts';
import {
  allocateToCustomer,
  allocateToReseller,
  reclaimFromCustomer,
  reclaimFromReseller,
  recordTopUp,
} from './service/index.ts';
import { verifyLedger } from './index.ts';
import { ledgerAccounts } from './schema.ts';

/**
 * Random sequences of top-ups, transfers and reclaims, valid and invalid, against a model of
 * what each should do: after every step the stored balances equal the model (so a refused step
 * changed nothing), no partner or customer account is below zero, all balances sum to zero, and
 * after every sequence `verifyLedger` finds no difference.
 */

let database: DatabaseHandle;
let operator: AuthenticatedContext;
let sp: AuthenticatedContext;
let distributor: AuthenticatedContext;
const ids = {
  sp: '',
  distributor: '',
  reseller: '',
  resaleA: '',
  resaleB: '',
  referral: '',
  resellerCustomer: '',
  foreign: '',
};

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  const clock = new ManualClock('2026-03-10T02:00:00Z');
  const op = await buildOrganisation(db, { partnerType: 'operator' });
  operator = await memberContext(db, clock, op.owner);
  const spOrg = await buildOrganisation(db);
  sp = await memberContext(db, clock, spOrg.owner);
  const dist = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  distributor = await memberContext(db, clock, dist.owner);
  const reseller = await buildOrganisation(db, {
    partnerType: 'reseller',
    parentPartnerId: dist.partner.id,
  });
  const outsider = await buildOrganisation(db);
  ids.sp = spOrg.partner.id;
  ids.distributor = dist.partner.id;
  ids.reseller = reseller.partner.id;
  ids.resaleA = (await buildCustomer(db, ids.sp)).id;
  ids.resaleB = (await buildCustomer(db, ids.sp)).id;
  ids.referral = (await buildCustomer(db, ids.sp, { associationType: '1' })).id;
  ids.resellerCustomer = (await buildCustomer(db, ids.reseller)).id;
  ids.foreign = (await buildCustomer(db, outsider.partner.id)).id;
});

afterAll(async () => {
  await database.close();
});

type Target = 'resaleA' | 'resaleB' | 'referral' | 'resellerCustomer' | 'foreign';

type Step =
  | { op: 'topUp'; partner: 'sp' | 'distributor'; amount: unknown }
  | { op: 'allocate' | 'reclaim'; target: Target; amount: unknown }
  | { op: 'resellerAllocate' | 'resellerReclaim'; amount: unknown };

const validAmount = fc
  .integer({ min: 1, max: 50_000 })
  .map((cents) => new Money(cents).dividedBy(100))
  .chain((amount) => fc.constantFrom<unknown>(amount.toFixed(2), amount.toNumber()));
const invalidAmount = fc.constantFrom<unknown>(
  0,
  '0.00',
  '-5.00',
  -1,
  '1.234',
  'abc',
  '',
  null,
  true,
);
const amount = fc.oneof(
  { weight: 9, arbitrary: validAmount },
  { weight: 1, arbitrary: invalidAmount },
);
const target = fc.constantFrom<Target>(
  'resaleA',
  'resaleB',
  'referral',
  'resellerCustomer',
  'foreign',
);

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('topUp' as const),
    partner: fc.constantFrom('sp' as const, 'distributor' as const),
    amount,
  }),
  fc.record({ op: fc.constantFrom('allocate' as const, 'reclaim' as const), target, amount }),
  fc.record({
    op: fc.constantFrom('resellerAllocate' as const, 'resellerReclaim' as const),
    amount,
  }),
);

/** Balances by `ownerId:kind`, straight from the ledger accounts. */
async function storedBalances(): Promise<Map<string, MoneyValue>> {
  const rows = await database.db.select().from(ledgerAccounts);
  return new Map(rows.map((row) => [`${row.ownerId}:${row.kind}`, new Money(row.balance)]));
}

function balanceIn(model: Map<string, MoneyValue>, key: string): MoneyValue {
  return model.get(key) ?? new Money(0);
}

function parsed(value: unknown): MoneyValue | null {
  try {
    return parseMoveAmount(value, 'amount');
  } catch {
    return null;
  }
}

/** Moves `value` in the model when the step must succeed; returns whether it must. */
function expectOutcome(model: Map<string, MoneyValue>, s: Step): boolean {
  const value = parsed(s.amount);
  if (!value) return false;
  const move = (from: string, to: string, allowNegative = false): boolean => {
    if (!allowNegative && balanceIn(model, from).lt(value)) return false;
    model.set(from, balanceIn(model, from).minus(value));
    model.set(to, balanceIn(model, to).plus(value));
    return true;
  };
  const funding = `${operator.principal.partnerId}:funding`;
  switch (s.op) {
    case 'topUp':
      return move(funding, `${ids[s.partner]}:cash`, true);
    case 'resellerAllocate':
      return move(`${ids.distributor}:cash`, `${ids.reseller}:cash`);
    case 'resellerReclaim':
      return move(`${ids.reseller}:cash`, `${ids.distributor}:cash`);
    case 'allocate':
    case 'reclaim': {
      if (s.target === 'referral' || s.target === 'foreign') return false;
      const partner = s.target === 'resellerCustomer' ? ids.reseller : ids.sp;
      const customer = `${ids[s.target]}:cash`;
      return s.op === 'allocate'
        ? move(`${partner}:cash`, customer)
        : move(customer, `${partner}:cash`);
    }
  }
}

async function run(s: Step): Promise<void> {
  const amountOf = () => parseMoveAmount(s.amount, 'amount');
  switch (s.op) {
    case 'topUp':
      await recordTopUp(operator, { partnerId: ids[s.partner], amount: amountOf(), memo: '' });
      return;
    case 'resellerAllocate':
      await allocateToReseller(distributor, {
        indirectPartnerId: ids.reseller,
        amount: amountOf(),
      });
      return;
    case 'resellerReclaim':
      await reclaimFromReseller(distributor, {
        indirectPartnerId: ids.reseller,
        amount: amountOf(),
      });
      return;
    case 'allocate':
    case 'reclaim': {
      const viaReseller = s.target === 'resellerCustomer';
      const input = {
        customerId: ids[s.target],
        amount: amountOf(),
        indirectPartnerId: viaReseller ? ids.reseller : undefined,
      };
      const ctx = viaReseller ? distributor : sp;
      await (s.op === 'allocate'
        ? allocateToCustomer(ctx, input)
        : reclaimFromCustomer(ctx, input));
    }
  }
}

function expectStoredToMatch(
  stored: Map<string, MoneyValue>,
  model: Map<string, MoneyValue>,
): void {
  for (const [key, balance] of model) {
    expect(balanceIn(stored, key).toFixed(2), key).toBe(balance.toFixed(2));
  }
  let total = new Money(0);
  for (const [key, balance] of stored) {
    total = total.plus(balance);
    if (!key.endsWith(':funding')) expect(balance.gte(0), key).toBe(true);
  }
  expect(total.isZero()).toBe(true);
}

describe('ledger properties', () => {
  it('balances, never goes negative, and refused steps change nothing', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const model = await storedBalances();
        for (const s of steps) {
          const mustSucceed = expectOutcome(model, s);
          let succeeded = true;
          try {
            await run(s);
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            succeeded = false;
          }
          expect(succeeded, JSON.stringify(s)).toBe(mustSucceed);
          // A refused step must have left every balance as it was.
          if (!succeeded) expectStoredToMatch(await storedBalances(), model);
        }
        expectStoredToMatch(await storedBalances(), model);
        // The whole-ledger recomputation grows with the ledger; every 50th sequence suffices.
        runs += 1;
        if (runs % 50 === 0) expect((await verifyLedger(database.db)).differences).toEqual([]);
      }),
      { seed: 20260310, numRuns: 1000 },
    );
    const verification = await verifyLedger(database.db);
    expect(verification.differences).toEqual([]);
    expect(verification.transactions).toBeGreaterThan(1000);
  }, 600_000);
});

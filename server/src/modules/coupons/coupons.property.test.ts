import { sql } from 'drizzle-orm';
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
import { verifyLedger } from '../accounts/index.ts';
import {
  grantQuota,
  issueCoupons,
  issueQuotaToResellers,
  reclaimCoupon,
  reclaimResellerQuotas,
} from './service/index.ts';

/**
 * Random sequences of quota grants, quota issues to a reseller and their reclaims, coupon issues
 * and coupon reclaims, valid and invalid, against a model of what each should do: after every
 * step the stored balances equal the model (so a refused step changed nothing), no partner or
 * customer account is below zero, all balances sum to zero, and `verifyLedger` stays clean.
 */

const EXPIRES = new Date('2027-01-01T00:00:00Z');

let database: DatabaseHandle;
let operator: AuthenticatedContext;
let sp: AuthenticatedContext;
let distributor: AuthenticatedContext;
let reseller: AuthenticatedContext;
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
  const res = await buildOrganisation(db, {
    partnerType: 'reseller',
    parentPartnerId: dist.partner.id,
  });
  reseller = await memberContext(db, clock, res.owner);
  const outsider = await buildOrganisation(db);
  ids.sp = spOrg.partner.id;
  ids.distributor = dist.partner.id;
  ids.reseller = res.partner.id;
  ids.resaleA = (await buildCustomer(db, ids.sp)).id;
  ids.resaleB = (await buildCustomer(db, ids.sp)).id;
  ids.referral = (await buildCustomer(db, ids.sp, { associationType: '1' })).id;
  ids.resellerCustomer = (await buildCustomer(db, ids.reseller)).id;
  ids.foreign = (await buildCustomer(db, outsider.partner.id)).id;
});

afterAll(async () => {
  await database.close();
});

type Target = 'resaleA' | 'resaleB' | 'referral' | 'foreign';

type Step =
  | { op: 'grant'; holder: 'sp' | 'distributor'; amount: unknown }
  | { op: 'issue'; quota: number; target: Target; amount: unknown }
  | { op: 'reclaimCoupon'; coupon: number }
  | { op: 'quotaToReseller'; quota: number; amount: unknown }
  | { op: 'resellerIssue'; quota: number; amount: unknown }
  | { op: 'reclaimResellerQuota'; quota: number };

const validAmount = fc
  .integer({ min: 1, max: 30_000 })
  .map((cents) => new Money(cents).dividedBy(100))
  .chain((amount) => fc.constantFrom<unknown>(amount.toFixed(2), amount.toNumber()));
const invalidAmount = fc.constantFrom<unknown>(0, '-5.00', '1.234', 'abc', null);
const amount = fc.oneof(
  { weight: 9, arbitrary: validAmount },
  { weight: 1, arbitrary: invalidAmount },
);
const index = fc.nat({ max: 20 });

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('grant' as const),
    holder: fc.constantFrom('sp' as const, 'distributor' as const),
    amount,
  }),
  fc.record({
    op: fc.constant('issue' as const),
    quota: index,
    target: fc.constantFrom<Target>('resaleA', 'resaleB', 'referral', 'foreign'),
    amount,
  }),
  fc.record({ op: fc.constant('reclaimCoupon' as const), coupon: index }),
  fc.record({ op: fc.constant('quotaToReseller' as const), quota: index, amount }),
  fc.record({ op: fc.constant('resellerIssue' as const), quota: index, amount }),
  fc.record({ op: fc.constant('reclaimResellerQuota' as const), quota: index }),
);

interface ModelQuota {
  id: string;
  holder: string;
  parent: ModelQuota | null;
  reclaimed: boolean;
}

interface ModelCoupon {
  id: string;
  quota: ModelQuota;
  customerId: string;
  reclaimed: boolean;
}

/** What the model knows besides balances: the quotas and coupons that exist. */
const world = {
  spQuotas: [] as ModelQuota[],
  distributorQuotas: [] as ModelQuota[],
  childQuotas: [] as ModelQuota[],
  coupons: [] as ModelCoupon[],
};

const quotaKey = (quota: ModelQuota) => `${quota.holder}:coupon_quota:${quota.id}`;
const couponKey = (coupon: ModelCoupon) => `${coupon.customerId}:coupon:${coupon.id}`;

async function storedBalances(): Promise<Map<string, MoneyValue>> {
  // The ledger's tables belong to the accounts module; a plain query reads them here.
  const result: unknown = await database.db.execute(
    sql`select owner_id, kind, reference, balance from ledger_accounts`,
  );
  // Both drivers (PGlite and node-postgres) answer raw SQL with `{ rows }`.
  const { rows } = result as {
    rows: { owner_id: string; kind: string; reference: string; balance: string }[];
  };
  return new Map(
    rows.map((row) => [`${row.owner_id}:${row.kind}:${row.reference}`, new Money(row.balance)]),
  );
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

function pick<T>(list: readonly T[], at: number): T | undefined {
  return list.length === 0 ? undefined : list[at % list.length];
}

/** The model's verdict on a step, and the balance moves it makes when it must succeed. */
function expectOutcome(model: Map<string, MoneyValue>, s: Step): boolean {
  const move = (from: string, to: string, value: MoneyValue, allowNegative = false) => {
    if (!allowNegative && balanceIn(model, from).lt(value)) return false;
    model.set(from, balanceIn(model, from).minus(value));
    model.set(to, balanceIn(model, to).plus(value));
    return true;
  };
  const usable = (quota: ModelQuota | undefined): quota is ModelQuota =>
    quota !== undefined && !quota.reclaimed && balanceIn(model, quotaKey(quota)).gt(0);
  switch (s.op) {
    case 'grant':
      // Moves are applied when the real call reports the new quota's id (see `apply`).
      return parsed(s.amount) !== null;
    case 'issue': {
      const value = parsed(s.amount);
      const quota = pick(world.spQuotas, s.quota);
      if (!value || !usable(quota)) return false;
      if (s.target === 'referral' || s.target === 'foreign') return false;
      return balanceIn(model, quotaKey(quota)).gte(value);
    }
    case 'resellerIssue': {
      const value = parsed(s.amount);
      const quota = pick(world.childQuotas, s.quota);
      if (!value || !usable(quota)) return false;
      return balanceIn(model, quotaKey(quota)).gte(value);
    }
    case 'quotaToReseller': {
      const value = parsed(s.amount);
      const quota = pick(world.distributorQuotas, s.quota);
      if (!value || !usable(quota)) return false;
      return balanceIn(model, quotaKey(quota)).gte(value);
    }
    case 'reclaimCoupon': {
      const coupon = pick(world.coupons, s.coupon);
      if (!coupon || coupon.reclaimed) return false;
      const left = balanceIn(model, couponKey(coupon));
      move(couponKey(coupon), quotaKey(coupon.quota), left);
      coupon.reclaimed = true;
      return true;
    }
    case 'reclaimResellerQuota': {
      const quota = pick(world.childQuotas, s.quota);
      if (!usable(quota) || !quota.parent) return false;
      move(quotaKey(quota), quotaKey(quota.parent), balanceIn(model, quotaKey(quota)));
      quota.reclaimed = true;
      return true;
    }
  }
}

/** A batch answered with its single item in `error_details`. */
class RefusedItem extends Error {}

/** Runs the step for real; returns the id it created, if any, or throws when it is refused. */
async function run(s: Step): Promise<string | null> {
  const amountOf = () => parseMoveAmount('amount' in s ? s.amount : 0, 'amount');
  const refused = (errors: readonly unknown[]) => {
    if (errors.length > 0) throw new RefusedItem();
  };
  switch (s.op) {
    case 'grant': {
      const now = operator.clock.now();
      const granted = await grantQuota(operator, {
        partnerId: ids[s.holder],
        amount: amountOf(),
        effectiveTime: now,
        expireTime: EXPIRES,
        scope: { cloudServiceTypes: [], productIds: [] },
        remark: '',
      });
      return granted.quotaId;
    }
    case 'issue':
    case 'resellerIssue': {
      const list = s.op === 'issue' ? world.spQuotas : world.childQuotas;
      const quota = pick(list, s.quota);
      const customerId = s.op === 'issue' ? ids[s.target] : ids.resellerCustomer;
      const result = await issueCoupons(s.op === 'issue' ? sp : reseller, {
        quotaId: quota?.id ?? 'missing',
        customerIds: [customerId],
        faceValue: amountOf(),
        minimumOrderAmount: new Money(0),
        scope: { cloudServiceTypes: [], productIds: [] },
        memo: '',
      });
      refused(result.errorDetails);
      return result.couponInfos[0]?.couponId ?? null;
    }
    case 'quotaToReseller': {
      const quota = pick(world.distributorQuotas, s.quota);
      const result = await issueQuotaToResellers(distributor, {
        quotaId: quota?.id ?? 'missing',
        indirectPartnerIds: [ids.reseller],
        amount: amountOf(),
      });
      refused(result.errorDetails);
      return result.simpleQuotaInfos[0]?.quotaId ?? null;
    }
    case 'reclaimCoupon': {
      const coupon = pick(world.coupons, s.coupon);
      await reclaimCoupon(coupon?.quota.holder === ids.reseller ? reseller : sp, {
        couponId: coupon?.id ?? 'missing',
      });
      return null;
    }
    case 'reclaimResellerQuota': {
      const quota = pick(world.childQuotas, s.quota);
      const result = await reclaimResellerQuotas(distributor, {
        quotaIds: [quota?.id ?? 'missing'],
        remark: '',
      });
      refused(result.errorDetails);
      return null;
    }
  }
}

/** Books what a successful creating step made, in the model and the world. */
function apply(model: Map<string, MoneyValue>, s: Step, createdId: string | null): void {
  if (!createdId) return;
  const value = parsed('amount' in s ? s.amount : null);
  if (!value) return;
  const move = (from: string, to: string) => {
    model.set(from, balanceIn(model, from).minus(value));
    model.set(to, balanceIn(model, to).plus(value));
  };
  switch (s.op) {
    case 'grant': {
      const quota = { id: createdId, holder: ids[s.holder], parent: null, reclaimed: false };
      (s.holder === 'sp' ? world.spQuotas : world.distributorQuotas).push(quota);
      move(`${operator.principal.partnerId}:funding:coupon_quota`, quotaKey(quota));
      return;
    }
    case 'quotaToReseller': {
      const parent = pick(world.distributorQuotas, s.quota);
      if (!parent) return;
      const child = { id: createdId, holder: ids.reseller, parent, reclaimed: false };
      world.childQuotas.push(child);
      move(quotaKey(parent), quotaKey(child));
      return;
    }
    case 'issue':
    case 'resellerIssue': {
      const quota = pick(s.op === 'issue' ? world.spQuotas : world.childQuotas, s.quota);
      if (!quota) return;
      const customerId = s.op === 'issue' ? ids[s.target] : ids.resellerCustomer;
      const coupon = { id: createdId, quota, customerId, reclaimed: false };
      world.coupons.push(coupon);
      move(quotaKey(quota), couponKey(coupon));
      return;
    }
    default:
      return;
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
    if (!key.includes(':funding:')) expect(balance.gte(0), key).toBe(true);
  }
  expect(total.isZero()).toBe(true);
}

describe('coupon ledger properties', () => {
  it('balances, never goes negative, and refused steps change nothing', async () => {
    const model = await storedBalances();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const s of steps) {
          const mustSucceed = expectOutcome(model, s);
          let succeeded = true;
          let created: string | null = null;
          try {
            created = await run(s);
          } catch (error) {
            if (!(error instanceof ApiError) && !(error instanceof RefusedItem)) throw error;
            succeeded = false;
          }
          expect(succeeded, JSON.stringify(s)).toBe(mustSucceed);
          if (succeeded) apply(model, s, created);
          // A refused step must have left every balance as it was.
          expectStoredToMatch(await storedBalances(), model);
        }
      }),
      { seed: 20261122, numRuns: 1000 },
    );
    const verification = await verifyLedger(database.db);
    expect(verification.differences).toEqual([]);
    expect(world.coupons.some((coupon) => coupon.reclaimed)).toBe(true);
    expect(world.childQuotas.some((quota) => quota.reclaimed)).toBe(true);
  }, 600_000);
});

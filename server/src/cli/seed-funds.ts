import {
  allocateToCustomer,
  allocateToReseller,
  reclaimFromCustomer,
  reclaimFromReseller,
  recordTopUp,
} from '../modules/accounts/index.ts';
import { DAY_MS, HOUR_MS } from '../platform/clock/index.ts';
import type { AuthenticatedContext } from '../platform/http/context.ts';
import { Money } from '../platform/money/index.ts';

/** The demo's money (issue 4, item 9): who holds what after `seed --demo`. */
export interface DemoFundsInput {
  /** The operator's context: top-ups are offline remittances it records. */
  operator: AuthenticatedContext;
  company: { partnerId: string; ctx: AuthenticatedContext };
  distributor: { partnerId: string; ctx: AuthenticatedContext };
  /** A公司's associated resale customers, in seed order. */
  companyResaleCustomerIds: readonly string[];
  resellerIds: readonly string[];
}

/** The top-up each of A公司 and the distributor receives. */
export const DEMO_TOP_UP = '200000.00';

function at(ctx: AuthenticatedContext, when: Date): AuthenticatedContext {
  return { ...ctx, clock: { now: () => when } };
}

/**
 * Funds the demo through the real services, so every amount is a ledger posting and
 * `huoban ledger verify` stays clean: the operator records a top-up for A公司 and the distributor,
 * A公司 transfers (拨款) to its first resale customers and reclaims (回收) part of it, and the
 * distributor funds its resellers and takes some back. The moves are spread over the last days, in
 * order, so 调账记录 and 收支明细 read like a history.
 */
export async function seedDemoFunds(input: DemoFundsInput): Promise<void> {
  const start = input.operator.clock.now().getTime() - 20 * DAY_MS;
  let step = 0;
  // Each move one hour after the previous one: the records keep the order they were made in.
  const next = (ctx: AuthenticatedContext) => at(ctx, new Date(start + step++ * HOUR_MS));
  for (const partnerId of [input.company.partnerId, input.distributor.partnerId]) {
    await recordTopUp(next(input.operator), {
      partnerId,
      amount: new Money(DEMO_TOP_UP),
      memo: '线下汇款 (demo)',
    });
  }
  const allocations = ['5000.00', '3000.00', '12000.50', '800.00', '2500.00', '1000.00'];
  for (const [index, customerId] of input.companyResaleCustomerIds.entries()) {
    const amount = allocations[index];
    if (!amount) break;
    await allocateToCustomer(next(input.company.ctx), { customerId, amount: new Money(amount) });
  }
  for (const [index, customerId] of input.companyResaleCustomerIds.slice(0, 2).entries()) {
    await reclaimFromCustomer(next(input.company.ctx), {
      customerId,
      amount: new Money(index === 0 ? '1200.00' : '300.00'),
    });
  }
  for (const [index, indirectPartnerId] of input.resellerIds.entries()) {
    await allocateToReseller(next(input.distributor.ctx), {
      indirectPartnerId,
      amount: new Money(index === 0 ? '30000.00' : '15000.00'),
    });
  }
  const [firstReseller] = input.resellerIds;
  if (firstReseller) {
    await reclaimFromReseller(next(input.distributor.ctx), {
      indirectPartnerId: firstReseller,
      amount: new Money('5000.00'),
    });
  }
}

import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { customers } from '../schema.ts';

/**
 * The account-control states of SM-5 as `customers.is_frozen` stores them: 0 正常, 1 冻结账号
 * (cannot buy, renew or change; resources keep running), 2 冻结账号和资源.
 */
export const FreezeStates = { NONE: 0, ACCOUNT: 1, ACCOUNT_AND_RESOURCE: 2 } as const;
export type FreezeState = (typeof FreezeStates)[keyof typeof FreezeStates];

/** Why the state changes: by hand, by a used-up budget, or by the monthly budget reset. */
export type FreezeCause = 'manual' | 'budget_exhausted' | 'budget_reset' | 'budget_set';

/** The customer's freeze state, locked for the rest of `tx`; null when it is not `partnerId`'s. */
export async function lockFreezeState(
  tx: Db,
  partnerId: string,
  customerId: string,
): Promise<FreezeState | null> {
  const [row] = await tx
    .select({ isFrozen: customers.isFrozen })
    .from(customers)
    .where(and(eq(customers.partnerId, partnerId), eq(customers.id, customerId)))
    .for('update');
  return row ? (row.isFrozen as FreezeState) : null;
}

/**
 * Sets a customer's account-control state inside `tx` and audits the change with its reason and
 * cause. The caller has checked the right to do so (the accounts module's budget and freeze
 * services, R-FUND-12); resources follow in the orders issue. Returns the state before.
 */
export async function setCustomerFreezeState(
  ctx: ServiceContext,
  tx: Db,
  customer: { id: string; partnerId: string; accountName: string },
  state: FreezeState,
  change: { reason: string; cause: FreezeCause },
): Promise<FreezeState> {
  const before = await lockFreezeState(tx, customer.partnerId, customer.id);
  if (before === null) throw new Error(`customer ${customer.id} vanished inside its transaction`);
  if (before === state) return before;
  await tx
    .update(customers)
    .set({ isFrozen: state, updatedAt: ctx.clock.now() })
    .where(and(eq(customers.partnerId, customer.partnerId), eq(customers.id, customer.id)));
  await recordAudit(ctx, tx, {
    action: state === FreezeStates.NONE ? 'customers.unfreeze' : 'customers.freeze',
    resourceType: 'customer',
    resourceId: customer.id,
    resourceName: customer.accountName,
    before: { isFrozen: before },
    after: { isFrozen: state, reason: change.reason, cause: change.cause },
    partnerId: customer.partnerId,
  });
  return before;
}

/** The name the audit trail shows for a customer, read by partner and id. */
export async function findCustomerRef(
  db: Db,
  partnerId: string,
  customerId: string,
): Promise<{ id: string; partnerId: string; accountName: string } | null> {
  const [row] = await db
    .select({
      id: customers.id,
      partnerId: customers.partnerId,
      accountName: customers.accountName,
    })
    .from(customers)
    .where(and(eq(customers.partnerId, partnerId), eq(customers.id, customerId)));
  return row ?? null;
}

import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import { findMemberNames, findRoleHolders, type RoleHolder } from '../../org/index.ts';
import { ACCOUNT_MANAGER_ROLE_CODES, MAX_BATCH_CUSTOMERS } from '../rules.ts';
import { customerAccountManagers, customers } from '../schema.ts';
import {
  assertCaller,
  CONSOLE_ACCOUNT_TYPES,
  CUSTOMER_RESOURCE,
  getVisibleCustomer,
  scopedMemberIds,
  visibleCustomers,
} from './shared.ts';

function assertBatch(customerIds: readonly string[]): string[] {
  const unique = [...new Set(customerIds)];
  if (unique.length === 0 || unique.length > MAX_BATCH_CUSTOMERS) {
    throw invalidParameter('customer_ids', `must name 1 to ${MAX_BATCH_CUSTOMERS} customers`);
  }
  return unique;
}

/** The batch's customers, all visible to the caller, or a 404 that changes nothing. */
async function loadVisibleBatch(ctx: ServiceContext, principal: Principal, ids: string[]) {
  const rows = await ctx.db
    .select({ id: customers.id, accountName: customers.accountName })
    .from(customers)
    .where(visibleCustomers(principal.partnerId, principal, inArray(customers.id, ids)));
  if (rows.length !== ids.length) {
    throw new ApiError(Errors.NOT_FOUND, { field: 'customer_ids', detail: 'unknown customer' });
  }
  return rows;
}

/**
 * Opens a management period of `memberId` for a customer whose previous period, if any, the caller
 * has already closed, and records the member as the customer's current account manager
 * (`customers.account_manager_id`, which data scopes and the manager filter read). Every writer
 * of management periods goes through it, inside the transaction of the change, so the two never
 * disagree.
 */
export async function startManagementPeriod(
  tx: Db,
  input: { partnerId: string; customerId: string; memberId: string; at: Date },
): Promise<void> {
  await tx.insert(customerAccountManagers).values({
    id: newId(),
    partnerId: input.partnerId,
    customerId: input.customerId,
    memberId: input.memberId,
    startedAt: input.at,
  });
  await tx
    .update(customers)
    .set({ accountManagerId: input.memberId })
    .where(and(eq(customers.partnerId, input.partnerId), eq(customers.id, input.customerId)));
}

/**
 * The account managers and supervisors the caller may hand customers to: everyone for data scope
 * 'all', the supervisor and their team for 'team', only the caller for 'mine'.
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.assign`.
 */
export async function listAssignableMembers(ctx: ServiceContext): Promise<RoleHolder[]> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_ASSIGN);
  const scope = scopedMemberIds(principal);
  return findRoleHolders(
    ctx.db,
    principal.partnerId,
    ACCOUNT_MANAGER_ROLE_CODES,
    scope ?? undefined,
  );
}

/**
 * Assigns customers to an account manager (R-AM-01/02): for each customer not already managed by
 * that member, the open management period closes and a new one opens at the current time.
 * Returns how many customers changed manager.
 *
 * @throws CBC.0151 without `customer.assign`, or when a supervisor names a member outside their
 *   team; CBC.0100 naming `customer_ids` for an empty or too large batch, or `member_id` when the
 *   member is not an active account manager or supervisor; CBC.0404 when a customer is unknown or
 *   out of the caller's scope (nothing changes then).
 */
export async function assignAccountManager(
  ctx: ServiceContext,
  input: { customerIds: readonly string[]; memberId: string },
): Promise<number> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_ASSIGN);
  const ids = assertBatch(input.customerIds);
  const scope = scopedMemberIds(principal);
  if (scope && !scope.includes(input.memberId)) {
    throw new ApiError(Errors.ACCESS_DENIED, {
      field: 'member_id',
      detail: 'customers can be given only to members of your team',
    });
  }
  const [holder] = await findRoleHolders(ctx.db, principal.partnerId, ACCOUNT_MANAGER_ROLE_CODES, [
    input.memberId,
  ]);
  if (!holder)
    throw invalidParameter('member_id', 'is not an active account manager or supervisor');
  const batch = await loadVisibleBatch(ctx, principal, ids);
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    // Locks the customers, so two parallel assignments of one customer run one after the other
    // instead of both opening a period.
    await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.partnerId, principal.partnerId), inArray(customers.id, ids)))
      .for('update');
    const open = await tx
      .select()
      .from(customerAccountManagers)
      .where(
        and(
          eq(customerAccountManagers.partnerId, principal.partnerId),
          inArray(customerAccountManagers.customerId, ids),
          isNull(customerAccountManagers.endedAt),
        ),
      )
      .for('update');
    const openByCustomer = new Map(open.map((period) => [period.customerId, period]));
    let changed = 0;
    for (const customer of batch) {
      const current = openByCustomer.get(customer.id);
      if (current?.memberId === input.memberId) continue;
      if (current) {
        await tx
          .update(customerAccountManagers)
          .set({ endedAt: now })
          .where(eq(customerAccountManagers.id, current.id));
      }
      await startManagementPeriod(tx, {
        partnerId: principal.partnerId,
        customerId: customer.id,
        memberId: input.memberId,
        at: now,
      });
      await recordAudit(ctx, tx, {
        action: 'customers.customer.assign',
        resourceType: CUSTOMER_RESOURCE,
        resourceId: customer.id,
        resourceName: customer.accountName,
        before: { accountManagerId: current?.memberId ?? null },
        after: { accountManagerId: input.memberId },
      });
      changed += 1;
    }
    return changed;
  });
}

/**
 * Takes customers back from their account managers (收回客户): closes each open management
 * period at the current time. Returns how many customers had a manager.
 *
 * @throws CBC.0151 without `customer.assign`; CBC.0100 naming `customer_ids` for an empty or too
 *   large batch; CBC.0404 when a customer is unknown or out of the caller's scope.
 */
export async function unassignAccountManager(
  ctx: ServiceContext,
  input: { customerIds: readonly string[] },
): Promise<number> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_ASSIGN);
  const ids = assertBatch(input.customerIds);
  const batch = await loadVisibleBatch(ctx, principal, ids);
  const names = new Map(batch.map((customer) => [customer.id, customer.accountName]));
  return withTransaction(ctx.db, async (tx) => {
    const closed = await tx
      .update(customerAccountManagers)
      .set({ endedAt: ctx.clock.now() })
      .where(
        and(
          eq(customerAccountManagers.partnerId, principal.partnerId),
          inArray(customerAccountManagers.customerId, ids),
          isNull(customerAccountManagers.endedAt),
        ),
      )
      .returning();
    await tx
      .update(customers)
      .set({ accountManagerId: null })
      .where(and(eq(customers.partnerId, principal.partnerId), inArray(customers.id, ids)));
    for (const period of closed) {
      await recordAudit(ctx, tx, {
        action: 'customers.customer.unassign',
        resourceType: CUSTOMER_RESOURCE,
        resourceId: period.customerId,
        resourceName: names.get(period.customerId) ?? '',
        before: { accountManagerId: period.memberId },
        after: { accountManagerId: null },
      });
    }
    return closed.length;
  });
}

export interface AssignmentPeriod {
  memberId: string;
  userName: string;
  displayName: string;
  startedAt: Date;
  endedAt: Date | null;
}

/**
 * The management periods of one customer, newest first (R-AM-01: whoever managed it when).
 *
 * @throws CBC.0151 without `customer.view`; CBC.0404 when the customer is unknown or out of scope.
 */
export async function listAssignmentHistory(
  ctx: ServiceContext,
  customerId: string,
): Promise<AssignmentPeriod[]> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_VIEW);
  await getVisibleCustomer(ctx.db, principal, customerId);
  const periods = await ctx.db
    .select()
    .from(customerAccountManagers)
    .where(
      and(
        eq(customerAccountManagers.partnerId, principal.partnerId),
        eq(customerAccountManagers.customerId, customerId),
      ),
    )
    .orderBy(desc(customerAccountManagers.startedAt), asc(customerAccountManagers.id));
  const names = new Map(
    (
      await findMemberNames(
        ctx.db,
        principal.partnerId,
        periods.map((p) => p.memberId),
      )
    ).map((member) => [member.id, member]),
  );
  return periods.map((period) => ({
    memberId: period.memberId,
    userName: names.get(period.memberId)?.userName ?? '',
    displayName: names.get(period.memberId)?.displayName ?? '',
    startedAt: period.startedAt,
    endedAt: period.endedAt,
  }));
}

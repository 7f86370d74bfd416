import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import type { Permission } from '../../../platform/auth/permissions.ts';
import type { AccountType, Principal } from '../../../platform/auth/principal.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { findMemberNames, type MemberNames } from '../../org/index.ts';
import { findResellerOf } from '../../partners/index.ts';
import { customers, type customerAccountManagers } from '../schema.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type ManagementPeriodRow = typeof customerAccountManagers.$inferSelect;

export const CUSTOMER_RESOURCE = 'customers.customer';

/** The open API's caller class for customer operations (catalog: SP or tier-1 distributor). */
export const OPEN_API_ACCOUNT_TYPES: readonly AccountType[] = [
  'solution_provider',
  'tier1_distributor',
];

/** Console customer pages also serve resellers, who manage their own customers. */
export const CONSOLE_ACCOUNT_TYPES: readonly AccountType[] = [
  'solution_provider',
  'tier1_distributor',
  'reseller',
];

/** Checks the caller class, then the permission item; returns the principal. */
export function assertCaller(
  ctx: ServiceContext,
  accountTypes: readonly AccountType[],
  permission: Permission,
): Principal {
  assertAccountType(ctx, accountTypes);
  return assertPermission(ctx, permission);
}

/**
 * The partner whose customers an operation reads or writes. Without `indirect_partner_id` it is the
 * caller's own partner. With it, it is that reseller when the caller is its tier-1 distributor;
 * otherwise queries get null (the caller then answers an empty list) and writes fail.
 *
 * @throws CBC.99000037 for a write naming a reseller that is not the caller's.
 */
export async function resolveTargetPartner(
  ctx: ServiceContext,
  principal: Principal,
  indirectPartnerId: string | null | undefined,
  mode: 'read' | 'write',
): Promise<string | null> {
  if (!indirectPartnerId) return principal.partnerId;
  const reseller =
    principal.accountType === 'tier1_distributor'
      ? await findResellerOf(ctx.db, principal.partnerId, indirectPartnerId)
      : null;
  if (reseller) return reseller.id;
  if (mode === 'read') return null;
  throw new ApiError(Errors.RESELLER_NOT_OWNED, { field: 'indirect_partner_id' });
}

/**
 * The data-scope condition on `customers` for a member (R-ORG-04, R-AM): 'all' sees every
 * customer of the partner, 'team' those whose current account manager is the member or one of
 * their team, 'mine' only the member's own. Reading a reseller's customers as its distributor is
 * governed by the distributor's rights alone: 'mine' and 'team' members manage none of them.
 * `account_manager_id` mirrors the open management period (service/assign.ts).
 */
export function scopeCondition(principal: Principal): SQL | undefined {
  const managers = scopedMemberIds(principal);
  return managers ? inArray(customers.accountManagerId, [...managers]) : undefined;
}

/** The members whose customers `principal` may see and hand out, or null for everyone. */
export function scopedMemberIds(principal: Principal): readonly string[] | null {
  if (principal.dataScope === 'all') return null;
  return principal.dataScope === 'team'
    ? [principal.id, ...principal.teamMemberIds]
    : [principal.id];
}

/** The customers of `partnerId` visible to `principal`, plus any further conditions. */
export function visibleCustomers(
  partnerId: string,
  principal: Principal,
  ...conditions: (SQL | undefined)[]
): SQL | undefined {
  return and(eq(customers.partnerId, partnerId), scopeCondition(principal), ...conditions);
}

/**
 * One customer of the caller's partner within the caller's data scope.
 *
 * @throws CBC.0404 when it does not exist or is out of scope (the two are not told apart).
 */
export async function getVisibleCustomer(
  db: Db,
  principal: Principal,
  customerId: string,
): Promise<CustomerRow> {
  const [row] = await db
    .select()
    .from(customers)
    .where(visibleCustomers(principal.partnerId, principal, eq(customers.id, customerId)));
  if (!row) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such customer' });
  return row;
}

/** The names of the current account managers of `rows`, by member id. */
export async function currentManagers(
  db: Db,
  partnerId: string,
  rows: readonly Pick<CustomerRow, 'accountManagerId'>[],
): Promise<Map<string, MemberNames>> {
  const memberIds = rows.flatMap((row) => (row.accountManagerId ? [row.accountManagerId] : []));
  const names = await findMemberNames(db, partnerId, memberIds);
  return new Map(names.map((member) => [member.id, member]));
}

/** `account/user`, the way the audit trail names an actor. */
export function actorName(principal: Principal): string {
  return `${principal.accountName}/${principal.userName}`;
}

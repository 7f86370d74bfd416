import { and, eq } from 'drizzle-orm';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Db } from '../../../platform/db/index.ts';
import {
  executeText,
  selectList,
  StatementText,
  tableShape,
} from '../../../platform/db/statement.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { customers, type AssociationType, type CustomerStatus } from '../schema.ts';
import { resolveTargetPartner, scopedMemberIds, visibleCustomers } from './shared.ts';

/** What the money core needs to know about a customer before moving or showing its funds. */
export interface FundsCustomer {
  id: string;
  partnerId: string;
  accountName: string;
  customerName: string;
  associationType: AssociationType;
  status: CustomerStatus;
}

/**
 * The partner whose customers (and funds) an operation addresses: the caller's own, or with
 * `indirect_partner_id` a reseller of the calling distributor. Reads of a foreign reseller get
 * null (answer empty); writes fail.
 *
 * @throws CBC.99000037 for a write naming a reseller that is not the caller's.
 */
export function resolveFundsPartner(
  ctx: ServiceContext,
  principal: Principal,
  indirectPartnerId: string | null | undefined,
  mode: 'read' | 'write',
): Promise<string | null> {
  return resolveTargetPartner(ctx, principal, indirectPartnerId, mode);
}

const customersTable = tableShape(customers).name;
const fundsCustomerColumns = selectList(customers, [
  'id',
  'partnerId',
  'accountName',
  'customerName',
  'associationType',
  'status',
]);

/**
 * The customers among `customerIds` that belong to `partnerId` and lie within the caller's data
 * scope (an account manager: only own customers; R-ORG-04). Others are simply absent.
 */
export async function findFundsCustomers(
  db: Db,
  principal: Principal,
  partnerId: string,
  customerIds: readonly string[],
): Promise<FundsCustomer[]> {
  if (customerIds.length === 0) return [];
  // Every money move runs this first (bench/money), so it is text rather than a Drizzle builder.
  const statement = new StatementText();
  const managers = scopedMemberIds(principal);
  const scope = managers
    ? ` and account_manager_id = any(${statement.param(managers, 'text[]')})`
    : '';
  return executeText<FundsCustomer>(
    db,
    `select ${fundsCustomerColumns} from ${customersTable} where partner_id = ${statement.param(partnerId)} and id = any(${statement.param(customerIds, 'text[]')})${scope}`,
    statement.params,
  );
}

/**
 * The ids of the customers of `partnerId` the caller's data scope covers, or null when it covers
 * all of them (lists then need no customer filter).
 */
export async function scopedCustomerIds(
  db: Db,
  principal: Principal,
  partnerId: string,
): Promise<string[] | null> {
  if (scopedMemberIds(principal) === null) return null;
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.partnerId, partnerId), visibleCustomers(partnerId, principal)));
  return rows.map((row) => row.id);
}

/** A customer principal's own customer row, for the customer-side account APIs. */
export async function findOwnFundsCustomer(
  db: Db,
  principal: Principal,
): Promise<FundsCustomer | null> {
  const [row] = await db
    .select({
      id: customers.id,
      partnerId: customers.partnerId,
      accountName: customers.accountName,
      customerName: customers.customerName,
      associationType: customers.associationType,
      status: customers.status,
    })
    .from(customers)
    .where(and(eq(customers.partnerId, principal.partnerId), eq(customers.id, principal.id)));
  return row ?? null;
}

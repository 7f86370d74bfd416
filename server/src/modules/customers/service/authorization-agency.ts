import { and, eq, sql } from 'drizzle-orm';
import type { AgencyDirectory, AssumeRoleRequest } from '../../../platform/auth/agency.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Db } from '../../../platform/db/index.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { findPartnerById } from '../../partners/index.ts';
import { customerAuthorizations, customers } from '../schema.ts';
import { CONSOLE_ACCOUNT_TYPES, visibleCustomers } from './shared.ts';

/**
 * Whether `actor` may act for customers at all: a member (not a customer, not itself assumed) of
 * a partner account that manages customers, holding `customer.manage`, the right a request needs.
 */
function mayActForCustomers(actor: Principal): boolean {
  return (
    actor.type === 'member' &&
    !actor.assumedBy &&
    (CONSOLE_ACCOUNT_TYPES as readonly string[]).includes(actor.accountType) &&
    actor.permissions.has(Permissions.CUSTOMER_MANAGE)
  );
}

/**
 * The customer `actor` may act as: associated with the actor's partner, within the actor's data
 * scope, and with an `authorized` authorization of that partner (SM-19). Null otherwise.
 */
async function findAuthorizedCustomer(
  db: Db,
  actor: Principal,
  customer: { id?: string | undefined; accountName?: string | undefined },
): Promise<{ id: string; partnerId: string } | null> {
  const [row] = await db
    .select({ id: customers.id, partnerId: customers.partnerId })
    .from(customers)
    .innerJoin(
      customerAuthorizations,
      and(
        eq(customerAuthorizations.partnerId, customers.partnerId),
        eq(customerAuthorizations.customerId, customers.id),
        eq(customerAuthorizations.status, 'authorized'),
      ),
    )
    .where(
      visibleCustomers(
        actor.partnerId,
        actor,
        eq(customers.status, 'active'),
        customer.id === undefined ? undefined : eq(customers.id, customer.id),
        customer.accountName === undefined
          ? undefined
          : sql`lower(${customers.accountName}) = lower(${customer.accountName})`,
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Customer authorizations as the IAM token exchange sees them (`assume_role`, SM-19): the agency
 * of a partner is named by its `xaccount_type`, and it reaches only customers that authorized it.
 * One error for an unknown, foreign, out-of-scope or unauthorized customer, so `assume_role`
 * cannot be used to probe customer names.
 */
export const customerAgencies: AgencyDirectory = {
  async resolveAgency(db, actor, request: AssumeRoleRequest) {
    if (!mayActForCustomers(actor)) {
      throw new ApiError(Errors.ACCESS_DENIED, {
        detail: `acting for a customer needs a partner member holding ${Permissions.CUSTOMER_MANAGE}`,
      });
    }
    const partner = await findPartnerById(db, actor.partnerId);
    if (!partner || partner.xaccountType !== request.agencyName) {
      throw new ApiError(Errors.AGENCY_NAME_MISMATCH, {
        field: 'auth.identity.assume_role.agency_name',
      });
    }
    const customer = await findAuthorizedCustomer(db, actor, {
      id: request.domainId,
      accountName: request.domainName,
    });
    if (!customer) throw new ApiError(Errors.ASSUME_ROLE_DENIED);
    return { type: 'customer', id: customer.id, partnerId: customer.partnerId };
  },

  async isAgencyActive(db, actor, customer) {
    if (customer.type !== 'customer' || customer.partnerId !== actor.partnerId) return false;
    if (!mayActForCustomers(actor)) return false;
    return (await findAuthorizedCustomer(db, actor, { id: customer.id })) !== null;
  },
};

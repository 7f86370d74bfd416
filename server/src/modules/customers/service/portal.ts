import { and, eq } from 'drizzle-orm';
import { assertCustomer } from '../../../platform/auth/authorize.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { findPartnerById } from '../../partners/index.ts';
import { maskCustomerEmail, maskCustomerMobile } from '../rules.ts';
import {
  customers,
  type AssociationType,
  type CustomerStatus,
  type VerifiedStatus,
} from '../schema.ts';
import type { CustomerRow } from './shared.ts';

/**
 * The signed-in customer's own row, for every portal use case (invitations, authorizations,
 * disassociation): the caller is the customer, so the row is found by the principal alone and
 * never by an id the request names.
 *
 * @throws CBC.0151 for a partner caller; CBC.0154 when the customer is gone or moved to another
 *   partner since the credential was issued (the plugin normally refuses those first).
 */
export async function getPortalCustomer(
  ctx: ServiceContext,
): Promise<{ principal: Principal; customer: CustomerRow }> {
  const principal = assertCustomer(ctx);
  const [customer] = await ctx.db
    .select()
    .from(customers)
    .where(and(eq(customers.partnerId, principal.partnerId), eq(customers.id, principal.id)));
  if (!customer) throw new ApiError(Errors.TOKEN_INVALID, { detail: 'the customer is gone' });
  return { principal, customer };
}

/** "My account" of the portal: who the customer is and whom it is associated with. */
export interface PortalAccount {
  customerId: string;
  accountName: string;
  customerName: string;
  /** Masked as in partner lists: the portal is often open on shared screens. */
  emailMasked: string;
  mobileMasked: string;
  verifiedStatus: VerifiedStatus;
  isFrozen: boolean;
  lastLoginAt: Date | null;
  association: {
    partnerId: string;
    partnerName: string;
    associationType: AssociationType;
    associatedOn: Date;
    status: CustomerStatus;
  };
}

/**
 * The portal overview (issue 3 item 1): account name, id, masked contacts, real-name state and the
 * association with the partner (a disassociated customer sees its last partner and the status).
 *
 * @throws CBC.0151 for a partner caller.
 */
export async function getPortalAccount(ctx: ServiceContext): Promise<PortalAccount> {
  const { customer } = await getPortalCustomer(ctx);
  const partner = await findPartnerById(ctx.db, customer.partnerId);
  return {
    customerId: customer.id,
    accountName: customer.accountName,
    customerName: customer.customerName,
    emailMasked: maskCustomerEmail(customer.email),
    mobileMasked: maskCustomerMobile(customer.mobile),
    verifiedStatus: customer.verifiedStatus,
    isFrozen: customer.isFrozen !== 0,
    lastLoginAt: customer.lastLoginAt,
    association: {
      partnerId: customer.partnerId,
      partnerName: partner?.companyName || partner?.name || '',
      associationType: customer.associationType,
      associatedOn: customer.associatedOn,
      status: customer.status,
    },
  };
}

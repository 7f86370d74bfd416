import { and, desc, eq, notInArray } from 'drizzle-orm';
import { assertCustomer } from '../../../platform/auth/authorize.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { findPartnerById } from '../../partners/index.ts';
import {
  customerAssociationRequests,
  customers,
  type AssociationType,
  type CustomerStatus,
} from '../schema.ts';
import {
  allowanceOf,
  assertAcknowledged,
  assertOpinion,
  assertReason,
  openStatuses,
  ownAccount,
  settleRequest,
  submitRequest,
  toView,
  type AssociationRequestView,
  type RequestAllowance,
} from './association.ts';
import { notifyAssociationCounterparty } from './association-mail.ts';
import type { CustomerRow } from './shared.ts';

export interface MyAssociation {
  customerId: string;
  accountName: string;
  partnerId: string;
  partnerName: string;
  associationType: AssociationType;
  associatedOn: Date;
  status: CustomerStatus;
  openRequest: AssociationRequestView | null;
  /** The customer's own requests, newest first. */
  requests: AssociationRequestView[];
  allowance: RequestAllowance;
}

async function ownCustomer(db: Db, principal: Principal): Promise<CustomerRow> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.partnerId, principal.partnerId), eq(customers.id, principal.id)));
  if (!row) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such customer' });
  return row;
}

/**
 * 我的合作伙伴: the partner the customer is (or was) associated with, the request waiting for it
 * and its own request history, with its remaining allowance (R-DIS-03).
 *
 * @throws CBC.0151 unless the caller is a customer.
 */
export async function getMyAssociation(ctx: ServiceContext): Promise<MyAssociation> {
  const principal = assertCustomer(ctx);
  const customer = await ownCustomer(ctx.db, principal);
  const partner = await findPartnerById(ctx.db, customer.partnerId);
  const rows = await ctx.db
    .select()
    .from(customerAssociationRequests)
    .where(
      and(
        eq(customerAssociationRequests.partnerId, customer.partnerId),
        eq(customerAssociationRequests.customerId, customer.id),
        // The operator's pre-review is between the partner and the operator (R-DIS-06): the
        // customer sees a partner's request only once it has passed.
        notInArray(customerAssociationRequests.status, ['pending_review', 'review_failed']),
      ),
    )
    .orderBy(desc(customerAssociationRequests.createdAt), desc(customerAssociationRequests.id))
    .limit(50);
  const requests = rows.map((row) => toView(row, customer.accountName));
  return {
    customerId: customer.id,
    accountName: customer.accountName,
    partnerId: customer.partnerId,
    partnerName: partner?.companyName ?? partner?.name ?? '',
    associationType: customer.associationType,
    associatedOn: customer.associatedOn,
    status: customer.status,
    openRequest: requests.find((request) => openStatuses.includes(request.status)) ?? null,
    requests,
    allowance: await allowanceOf(ctx.db, ctx.clock.now(), {
      partnerId: customer.partnerId,
      customerId: customer.id,
      initiator: 'customer',
    }),
  };
}

/**
 * The customer applies to leave its partner (R-DIS-01, 我的合作伙伴): the same account check and
 * per-period limit as the partner's, a reason and the acknowledgement (R-DIS-05). The request
 * waits for the partner administrator (待伙伴处理), told by mail at the partner's contact address.
 * Customers cannot switch type (R-DIS-08).
 *
 * @throws CBC.0151 unless the caller is a customer; CBC.0100 naming `reason` or `acknowledged`;
 *   CBC.0410 when no longer associated or the partner is frozen (R-DIS-09); CBC.0409 when a
 *   request is already open; CBC.0420 over the limit; CBC.0421 when the account check fails.
 */
export async function applyForDisassociation(
  ctx: ServiceContext,
  mailer: Mailer,
  input: { reason: string; acknowledged: boolean },
): Promise<AssociationRequestView> {
  const principal = assertCustomer(ctx);
  const reason = assertReason(input.reason);
  assertAcknowledged(input.acknowledged);
  const partner = await findPartnerById(ctx.db, principal.partnerId);
  if (partner?.status === 'frozen') {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      detail: 'the partner is frozen; disassociation is not possible now (R-DIS-09)',
    });
  }
  const request = await submitRequest(ctx, principal, {
    partnerId: principal.partnerId,
    customerId: principal.id,
    kind: 'disassociate',
    initiator: 'customer',
    reason,
  });
  await notifyAssociationCounterparty(ctx, mailer, {
    event: 'submitted',
    request,
    partnerId: principal.partnerId,
    recipient: 'partner',
  });
  return request;
}

/**
 * The customer agrees to or refuses its partner's request (SM-4 待客户处理); agreeing completes
 * the disassociation or the type switch at once. The partner is told by mail (R-DIS-05).
 *
 * @throws CBC.0151 unless the caller is a customer; CBC.0100 naming `opinion`; CBC.0404 for a
 *   request of another customer; CBC.0410 unless it is a partner request waiting for the customer.
 */
export async function decideMyAssociationRequest(
  ctx: ServiceContext,
  mailer: Mailer,
  input: { requestId: string; approve: boolean; opinion?: string | undefined },
): Promise<AssociationRequestView> {
  const principal = assertCustomer(ctx);
  const opinion = assertOpinion(input.opinion, false);
  const request = await settleRequest(ctx, principal, {
    partnerId: principal.partnerId,
    requestId: input.requestId,
    expected: ['pending_customer'],
    decision: input.approve ? 'approve' : 'reject',
    opinion,
    canReach: ownAccount(principal),
  });
  await notifyAssociationCounterparty(ctx, mailer, {
    event: 'decided',
    request,
    partnerId: principal.partnerId,
    recipient: 'partner',
  });
  return request;
}

/**
 * The customer takes back its own disassociation request before the partner decides.
 *
 * @throws CBC.0151 unless the caller is a customer; CBC.0404 for a request of another customer;
 *   CBC.0410 unless it is the customer's request waiting for the partner.
 */
export async function withdrawMyAssociationRequest(
  ctx: ServiceContext,
  requestId: string,
): Promise<AssociationRequestView> {
  const principal = assertCustomer(ctx);
  return settleRequest(ctx, principal, {
    partnerId: principal.partnerId,
    requestId,
    expected: ['pending_partner'],
    decision: 'withdraw',
    opinion: '',
    canReach: ownAccount(principal),
  });
}

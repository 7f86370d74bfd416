import { and, desc, eq } from 'drizzle-orm';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { customerAssociationRequests, customers, type AssociationRequestKind } from '../schema.ts';
import {
  allowanceOf,
  assertAcknowledged,
  assertAssociated,
  assertOpinion,
  assertReason,
  openRequestOf,
  runAccountChecks,
  settleRequest,
  submitRequest,
  toView,
  type AssociationRequestView,
  type Reach,
  type RequestAllowance,
} from './association.ts';
import { notifyAssociationCounterparty } from './association-mail.ts';
import { canRequestAgain, type AccountCheckBlocker } from './association-rules.ts';
import {
  assertCaller,
  CONSOLE_ACCOUNT_TYPES,
  getVisibleCustomer,
  visibleCustomers,
} from './shared.ts';

export interface AccountCheckResult {
  kind: AssociationRequestKind;
  passed: boolean;
  blockers: AccountCheckBlocker[];
  allowance: RequestAllowance;
  /** The open request that would block a new one, if any. */
  openRequest: AssociationRequestView | null;
}

/**
 * The "账号检查" step before a partner submits (R-DIS-04), with the partner's remaining allowance
 * (R-DIS-02/03) and any open request, so the console can tell why a submission would fail.
 *
 * @throws CBC.0151 without `customer.manage`; CBC.0404 when the customer is unknown or out of the
 *   caller's scope; CBC.0410 when it is no longer associated.
 */
export async function checkAssociationChange(
  ctx: ServiceContext,
  customerId: string,
  kind: AssociationRequestKind,
): Promise<AccountCheckResult> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_MANAGE);
  const customer = await getVisibleCustomer(ctx.db, principal, customerId);
  assertAssociated(customer);
  const partnerId = principal.partnerId;
  const blockers = await runAccountChecks(ctx.db, { partnerId, customer, kind });
  const allowance = await allowanceOf(ctx.db, ctx.clock.now(), {
    partnerId,
    customerId,
    initiator: 'partner',
  });
  const open = await openRequestOf(ctx.db, partnerId, customerId);
  return {
    kind,
    passed: blockers.length === 0 && canRequestAgain(allowance.used, allowance) && !open,
    blockers,
    allowance,
    openRequest: open ? toView(open, customer.accountName) : null,
  };
}

/**
 * The partner asks to end the association or switch its type (R-DIS-01, SM-4): after the account
 * check (R-DIS-04) and within the per-period limit (R-DIS-02/03), with a reason and the
 * acknowledgement (R-DIS-05). The request waits for the customer (待客户处理), who is told by mail,
 * or first for the operator's pre-review (预审中) of a disassociation while that is on (R-DIS-06).
 *
 * @throws CBC.0151 without `customer.manage`; CBC.0100 naming `reason` or `acknowledged`;
 *   CBC.0404 when the customer is unknown or out of scope; CBC.0410 when no longer associated;
 *   CBC.0409 when a request is already open; CBC.0420 over the limit; CBC.0421 when the account
 *   check finds blockers.
 */
export async function requestAssociationChange(
  ctx: ServiceContext,
  mailer: Mailer,
  input: {
    customerId: string;
    kind: AssociationRequestKind;
    reason: string;
    acknowledged: boolean;
  },
): Promise<AssociationRequestView> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_MANAGE);
  const reason = assertReason(input.reason);
  assertAcknowledged(input.acknowledged);
  await getVisibleCustomer(ctx.db, principal, input.customerId);
  const request = await submitRequest(ctx, principal, {
    partnerId: principal.partnerId,
    customerId: input.customerId,
    kind: input.kind,
    initiator: 'partner',
    reason,
  });
  // A request in pre-review reaches the customer only once the operator passes it (R-DIS-06).
  if (request.status === 'pending_customer') {
    await notifyAssociationCounterparty(ctx, mailer, {
      event: 'submitted',
      request,
      partnerId: principal.partnerId,
      recipient: 'customer',
    });
  }
  return request;
}

/** The member's data scope (R-AM) still applies to requests: its customer must be visible. */
function partnerReach(principal: Principal): Reach {
  return async (tx, customer) => {
    const rows = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(visibleCustomers(principal.partnerId, principal, eq(customers.id, customer.id)));
    return rows.length > 0;
  };
}

/**
 * The partner takes back its own request while the operator's pre-review or the customer has not
 * decided (SM-4).
 *
 * @throws CBC.0151 without `customer.manage`; CBC.0404 when the request is unknown or its customer
 *   out of scope; CBC.0410 unless it is a partner request in pre-review or waiting for the
 *   customer.
 */
export async function withdrawAssociationRequest(
  ctx: ServiceContext,
  requestId: string,
): Promise<AssociationRequestView> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_MANAGE);
  return settleRequest(ctx, principal, {
    partnerId: principal.partnerId,
    requestId,
    expected: ['pending_review', 'pending_customer'],
    decision: 'withdraw',
    opinion: '',
    canReach: partnerReach(principal),
  });
}

/**
 * The partner administrator approves or rejects a customer's disassociation request in
 * 管理关联记录 (R-DIS-01, SM-4 待伙伴处理); approval completes the disassociation with its side
 * effects. A rejection needs an opinion, which the customer sees; the customer is told by mail.
 *
 * @throws CBC.0151 without `customer.manage` or without the all-customers data scope (R-DIS-01:
 *   admin only); CBC.0100 naming `opinion`; CBC.0404 for an unknown request; CBC.0410 unless it
 *   is a customer request waiting for the partner.
 */
export async function decideAssociationRequest(
  ctx: ServiceContext,
  mailer: Mailer,
  input: { requestId: string; approve: boolean; opinion?: string | undefined },
): Promise<AssociationRequestView> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_MANAGE);
  if (principal.dataScope !== 'all') {
    throw new ApiError(Errors.ACCESS_DENIED, {
      detail: "only administrators who see all customers decide customers' requests",
    });
  }
  const opinion = assertOpinion(input.opinion, !input.approve);
  const request = await settleRequest(ctx, principal, {
    partnerId: principal.partnerId,
    requestId: input.requestId,
    expected: ['pending_partner'],
    decision: input.approve ? 'approve' : 'reject',
    opinion,
    canReach: partnerReach(principal),
  });
  await notifyAssociationCounterparty(ctx, mailer, {
    event: 'decided',
    request,
    partnerId: principal.partnerId,
    recipient: 'customer',
  });
  return request;
}

export interface PartnerRequestState {
  /** The request waiting for a decision (pre-review, the customer or the partner), if any. */
  open: AssociationRequestView | null;
  /**
   * The customer's newest request when it failed the operator's pre-review (R-DIS-06): the
   * partner sees why and whom to contact until it makes another request.
   */
  failedReview: AssociationRequestView | null;
}

/**
 * The customer's open request as the partner sees it on the detail page (关联关系管理), and a
 * failed pre-review with its reason and the reviewer's contact (R-DIS-06).
 *
 * @throws CBC.0151 without `customer.view`; CBC.0404 when the customer is unknown or out of scope.
 */
export async function getOpenAssociationRequest(
  ctx: ServiceContext,
  customerId: string,
): Promise<PartnerRequestState> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_VIEW);
  const customer = await getVisibleCustomer(ctx.db, principal, customerId);
  const open = await openRequestOf(ctx.db, principal.partnerId, customerId);
  const [newest] = await ctx.db
    .select()
    .from(customerAssociationRequests)
    .where(
      and(
        eq(customerAssociationRequests.partnerId, principal.partnerId),
        eq(customerAssociationRequests.customerId, customerId),
      ),
    )
    .orderBy(desc(customerAssociationRequests.createdAt), desc(customerAssociationRequests.id))
    .limit(1);
  return {
    open: open ? toView(open, customer.accountName) : null,
    failedReview: newest?.status === 'review_failed' ? toView(newest, customer.accountName) : null,
  };
}

// ---- Customer side (portal) ----------------------------------------------------------------------

import { and, count, eq, gt, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { AuthenticatedContext, ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import {
  customerAccountManagers,
  customerAssociationRecords,
  customerAssociationRequests,
  customers,
  type AssociationEvent,
  type AssociationRequestInitiator,
  type AssociationRequestKind,
  type AssociationRequestStatus,
  type AssociationType,
  type CustomerStatus,
} from '../schema.ts';
import { readAssociationRequestLimit, readPreReviewSetting } from './association-policy.ts';
import {
  accountBlockers,
  canRequestAgain,
  countRequestsInWindow,
  initialRequestStatus,
  limitWindowStart,
  MAX_ASSOCIATION_REASON_LENGTH,
  switchedAssociationType,
  type AccountCheckBlocker,
} from './association-rules.ts';
import { endAuthorizationsOnDisassociation } from './authorization.ts';
import { queueBindingNotification } from './binding-notifications.ts';
import { actorName, CUSTOMER_RESOURCE, type CustomerRow } from './shared.ts';

export type AssociationRequestRow = typeof customerAssociationRequests.$inferSelect;

const REQUEST_RESOURCE = 'customers.association_request';
export const openStatuses: readonly AssociationRequestStatus[] = [
  'pending_review',
  'pending_customer',
  'pending_partner',
];
const MAX_OPINION_LENGTH = 1024;

export interface AssociationRequestView {
  id: string;
  customerId: string;
  customerAccountName: string;
  kind: AssociationRequestKind;
  initiator: AssociationRequestInitiator;
  fromAssociationType: AssociationType;
  toAssociationType: AssociationType | null;
  reason: string;
  status: AssociationRequestStatus;
  requestedBy: string;
  opinion: string;
  decidedBy: string;
  decidedAt: Date | null;
  createdAt: Date;
  /** The operator's pre-review (R-DIS-06); empty and null when there was none. */
  reviewedBy: string;
  reviewedAt: Date | null;
  reviewOpinion: string;
  reviewerContact: string;
}

export function toView(
  row: AssociationRequestRow,
  customerAccountName: string,
): AssociationRequestView {
  return {
    id: row.id,
    customerId: row.customerId,
    customerAccountName,
    kind: row.kind,
    initiator: row.initiator,
    fromAssociationType: row.fromAssociationType,
    toAssociationType: row.toAssociationType,
    reason: row.reason,
    status: row.status,
    requestedBy: row.requestedBy,
    opinion: row.opinion,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
    reviewedBy: row.reviewedBy,
    reviewedAt: row.reviewedAt,
    reviewOpinion: row.reviewOpinion,
    reviewerContact: row.reviewerContact,
  };
}

// ---- Account check (R-DIS-04) ------------------------------------------------------------------

export interface AccountCheckInput {
  partnerId: string;
  customer: CustomerRow;
  kind: AssociationRequestKind;
}

/** One family of R-DIS-04 blockers; an empty answer means this family does not block. */
export type AccountCheck = (db: Db, input: AccountCheckInput) => Promise<AccountCheckBlocker[]>;

/** Frozen account and enterprise master/sub relations: what the customer rows themselves tell. */
const customerAccountCheck: AccountCheck = async (db, { partnerId, customer, kind }) => {
  const [subs] = await db
    .select({ value: count() })
    .from(customers)
    .where(
      and(
        eq(customers.partnerId, partnerId),
        eq(customers.enterpriseMasterId, customer.id),
        eq(customers.enterpriseSubMode, 'independent'),
        eq(customers.status, 'active'),
      ),
    );
  return accountBlockers(
    {
      isFrozen: customer.isFrozen,
      enterpriseMasterId: customer.enterpriseMasterId,
      enterpriseSubMode: customer.enterpriseSubMode,
      independentSubCount: subs?.value ?? 0,
    },
    kind,
  );
};

/**
 * The R-DIS-04 checks run before a request is submitted, in order. The blockers that need orders,
 * reserved instances, support plans, arrears or contracts belong to the modules that own those
 * records; each adds its `AccountCheck` to this list.
 */
export const accountChecks: readonly AccountCheck[] = [customerAccountCheck];

export async function runAccountChecks(
  db: Db,
  input: AccountCheckInput,
): Promise<AccountCheckBlocker[]> {
  const blockers: AccountCheckBlocker[] = [];
  for (const check of accountChecks) blockers.push(...(await check(db, input)));
  return blockers;
}

// ---- Completion (SM-3) -------------------------------------------------------------------------

export interface CompletionInput {
  partnerId: string;
  customer: CustomerRow;
  request: AssociationRequestRow;
}

/**
 * A side effect of a completed disassociation, run inside the completing transaction. `ctx`
 * carries the principal who completed it (the approving customer or partner administrator), the
 * actor of any money the effect moves.
 */
export type DisassociationEffect = (
  tx: Db,
  ctx: AuthenticatedContext,
  input: CompletionInput,
) => Promise<void>;

/** R-AM: whoever managed the customer stops managing it when the relation ends. */
const endManagementPeriod: DisassociationEffect = async (tx, ctx, { partnerId, customer }) => {
  await tx
    .update(customerAccountManagers)
    .set({ endedAt: ctx.clock.now() })
    .where(
      and(
        eq(customerAccountManagers.partnerId, partnerId),
        eq(customerAccountManagers.customerId, customer.id),
        isNull(customerAccountManagers.endedAt),
      ),
    );
};

/**
 * What a completed disassociation does besides ending the relation (SM-3, R-DIS-07), in order.
 * The money side effects of R-DIS-07 (balance back to the partner, partner coupons reclaimed)
 * belong to modules that import this one, so they cannot be listed here: the composition root
 * registers them with `registerDisassociationEffect` and they run after these.
 */
export const disassociationEffects: readonly DisassociationEffect[] = [
  endManagementPeriod,
  async (tx, ctx, { partnerId, customer }) => {
    await endAuthorizationsOnDisassociation(tx, ctx, partnerId, customer.id);
  },
  // The partner's sales platform learns of the unbinding (bindAction "1") once the commit lands.
  async (tx, ctx, { partnerId, customer }) => {
    await queueBindingNotification(tx, ctx, {
      partnerId,
      customerId: customer.id,
      bindAction: '1',
    });
  },
];

const registeredDisassociationEffects: DisassociationEffect[] = [];

/**
 * Adds an effect of another module to every completed disassociation, after the customers
 * module's own. Registering the same function again changes nothing, so the composition root
 * may run more than once per process (tests build several apps).
 */
export function registerDisassociationEffect(effect: DisassociationEffect): void {
  if (!registeredDisassociationEffects.includes(effect)) {
    registeredDisassociationEffects.push(effect);
  }
}

export async function recordAssociationEvent(
  tx: Db,
  ctx: ServiceContext,
  principal: Principal,
  input: {
    partnerId: string;
    customerId: string;
    event: AssociationEvent;
    associationType: AssociationType;
    requestId: string;
  },
): Promise<void> {
  await tx.insert(customerAssociationRecords).values({
    id: newId(),
    partnerId: input.partnerId,
    customerId: input.customerId,
    event: input.event,
    associationType: input.associationType,
    occurredAt: ctx.clock.now(),
    actor: actorName(principal),
    requestId: input.requestId,
  });
}

/** Applies an approved request: the customer leaves the partner, or changes association type. */
async function completeRequest(
  tx: Db,
  ctx: ServiceContext,
  principal: Principal,
  input: CompletionInput,
): Promise<void> {
  const { partnerId, customer, request } = input;
  const now = ctx.clock.now();
  if (request.kind === 'disassociate') {
    const status: CustomerStatus = 'disassociated';
    await tx
      .update(customers)
      .set({ status, accountManagerId: null, updatedAt: now })
      .where(and(eq(customers.partnerId, partnerId), eq(customers.id, customer.id)));
    const actorCtx: AuthenticatedContext = { ...ctx, principal };
    for (const effect of [...disassociationEffects, ...registeredDisassociationEffects]) {
      await effect(tx, actorCtx, input);
    }
    await recordAssociationEvent(tx, ctx, principal, {
      partnerId,
      customerId: customer.id,
      event: 'disassociated',
      associationType: customer.associationType,
      requestId: request.id,
    });
    await recordAudit(ctx, tx, {
      partnerId,
      action: 'customers.customer.disassociate',
      resourceType: CUSTOMER_RESOURCE,
      resourceId: customer.id,
      resourceName: customer.accountName,
      before: { status: customer.status, accountManagerId: customer.accountManagerId },
      after: { status, accountManagerId: null, requestId: request.id },
    });
    return;
  }
  const toType = request.toAssociationType ?? switchedAssociationType(customer.associationType);
  await tx
    .update(customers)
    .set({ associationType: toType, updatedAt: now })
    .where(and(eq(customers.partnerId, partnerId), eq(customers.id, customer.id)));
  await recordAssociationEvent(tx, ctx, principal, {
    partnerId,
    customerId: customer.id,
    event: 'type_switched',
    associationType: toType,
    requestId: request.id,
  });
  await recordAudit(ctx, tx, {
    partnerId,
    action: 'customers.customer.switch_type',
    resourceType: CUSTOMER_RESOURCE,
    resourceId: customer.id,
    resourceName: customer.accountName,
    before: { associationType: customer.associationType },
    after: { associationType: toType, requestId: request.id },
  });
}

// ---- Shared steps --------------------------------------------------------------------------------

export function assertReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0) throw invalidParameter('reason', 'must not be empty');
  if (trimmed.length > MAX_ASSOCIATION_REASON_LENGTH) {
    throw invalidParameter('reason', `must be at most ${MAX_ASSOCIATION_REASON_LENGTH} characters`);
  }
  return trimmed;
}

export function assertOpinion(opinion: string | undefined, required: boolean): string {
  const trimmed = (opinion ?? '').trim();
  if (required && trimmed.length === 0) throw invalidParameter('opinion', 'must not be empty');
  if (trimmed.length > MAX_OPINION_LENGTH) {
    throw invalidParameter('opinion', `must be at most ${MAX_OPINION_LENGTH} characters`);
  }
  return trimmed;
}

export function assertAcknowledged(acknowledged: boolean): void {
  if (!acknowledged) {
    throw invalidParameter('acknowledged', 'the disassociation notice must be acknowledged');
  }
}

export function assertAssociated(customer: CustomerRow): void {
  if (customer.status !== 'active') {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      detail: 'the customer is no longer associated with the partner',
    });
  }
}

/** When `initiator` made its requests for the customer after `windowStart`. */
async function requestTimesSince(
  db: Db,
  input: { partnerId: string; customerId: string; initiator: AssociationRequestInitiator },
  windowStart: Date,
): Promise<Date[]> {
  const rows = await db
    .select({ createdAt: customerAssociationRequests.createdAt })
    .from(customerAssociationRequests)
    .where(
      and(
        eq(customerAssociationRequests.partnerId, input.partnerId),
        eq(customerAssociationRequests.customerId, input.customerId),
        eq(customerAssociationRequests.initiator, input.initiator),
        gt(customerAssociationRequests.createdAt, windowStart),
      ),
    );
  return rows.map((row) => row.createdAt);
}

export interface RequestAllowance {
  maxRequests: number;
  periodMonths: number;
  /** Requests this side made for the customer within the current window. */
  used: number;
}

/** The side's limit and how much of it the requests in the current window use (R-DIS-02/03). */
export async function allowanceOf(
  db: Db,
  now: Date,
  input: { partnerId: string; customerId: string; initiator: AssociationRequestInitiator },
): Promise<RequestAllowance> {
  const limit = await readAssociationRequestLimit(db);
  const made = await requestTimesSince(db, input, limitWindowStart(now, limit));
  return {
    maxRequests: limit.maxRequests,
    periodMonths: limit.periodMonths,
    used: countRequestsInWindow(made, now, limit),
  };
}

export async function openRequestOf(
  db: Db,
  partnerId: string,
  customerId: string,
): Promise<AssociationRequestRow | null> {
  const [row] = await db
    .select()
    .from(customerAssociationRequests)
    .where(
      and(
        eq(customerAssociationRequests.partnerId, partnerId),
        eq(customerAssociationRequests.customerId, customerId),
        inArray(customerAssociationRequests.status, [...openStatuses]),
      ),
    );
  return row ?? null;
}

/**
 * Creates a request after every rule of SM-4 passes, inside one transaction that locks the
 * customer, so two parallel submissions cannot both pass the open-request and limit checks.
 */
export async function submitRequest(
  ctx: ServiceContext,
  principal: Principal,
  input: {
    partnerId: string;
    customerId: string;
    kind: AssociationRequestKind;
    initiator: AssociationRequestInitiator;
    reason: string;
  },
): Promise<AssociationRequestView> {
  return withTransaction(ctx.db, async (tx) => {
    const [customer] = await tx
      .select()
      .from(customers)
      .where(and(eq(customers.partnerId, input.partnerId), eq(customers.id, input.customerId)))
      .for('update');
    if (!customer) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such customer' });
    assertAssociated(customer);
    if (await openRequestOf(tx, input.partnerId, customer.id)) {
      throw new ApiError(Errors.CONFLICT, {
        detail: 'the customer already has an association request waiting for a decision',
      });
    }
    const now = ctx.clock.now();
    const allowance = await allowanceOf(tx, now, input);
    if (!canRequestAgain(allowance.used, allowance)) {
      throw new ApiError(Errors.ASSOCIATION_REQUEST_LIMIT, {
        detail: `at most ${allowance.maxRequests} requests within ${allowance.periodMonths} months; submit a ticket for more`,
      });
    }
    const blockers = await runAccountChecks(tx, {
      partnerId: input.partnerId,
      customer,
      kind: input.kind,
    });
    if (blockers.length > 0) {
      throw new ApiError(Errors.ASSOCIATION_CHECK_FAILED, {
        detail: blockers.map((blocker) => blocker.message).join(' '),
      });
    }
    const preReview = await readPreReviewSetting(tx);
    const [request] = await tx
      .insert(customerAssociationRequests)
      .values({
        id: newId(),
        partnerId: input.partnerId,
        customerId: customer.id,
        kind: input.kind,
        initiator: input.initiator,
        fromAssociationType: customer.associationType,
        toAssociationType:
          input.kind === 'switch_type' ? switchedAssociationType(customer.associationType) : null,
        reason: input.reason,
        status: initialRequestStatus(input.initiator, input.kind, preReview.enabled),
        requestedBy: actorName(principal),
        createdAt: now,
      })
      .returning();
    if (!request) throw new Error('association request insert returned nothing');
    await recordAssociationEvent(tx, ctx, principal, {
      partnerId: input.partnerId,
      customerId: customer.id,
      event: 'request_submitted',
      associationType: customer.associationType,
      requestId: request.id,
    });
    await recordAudit(ctx, tx, {
      partnerId: input.partnerId,
      action: 'customers.association_request.submit',
      resourceType: REQUEST_RESOURCE,
      resourceId: request.id,
      resourceName: customer.accountName,
      after: {
        customerId: customer.id,
        kind: request.kind,
        initiator: request.initiator,
        status: request.status,
        fromAssociationType: request.fromAssociationType,
        toAssociationType: request.toAssociationType,
        reason: request.reason,
        acknowledged: true,
      },
    });
    return toView(request, customer.accountName);
  });
}

/** Whether the caller may act on a request of this customer (data scope, own account). */
export type Reach = (tx: Db, customer: CustomerRow) => Promise<boolean>;

export function ownAccount(principal: Principal): Reach {
  return (_tx, customer) => Promise.resolve(customer.id === principal.id);
}

type Decision = 'approve' | 'reject' | 'withdraw';

const decisionStatus: Record<Decision, AssociationRequestStatus> = {
  approve: 'approved',
  reject: 'rejected',
  withdraw: 'cancelled',
};

/**
 * Moves an open request to its final state and applies it when approved, in one transaction.
 * `expected` are the states the request may still be in: those the acting side may act on.
 */
export async function settleRequest(
  ctx: ServiceContext,
  principal: Principal,
  input: {
    partnerId: string;
    requestId: string;
    expected: readonly AssociationRequestStatus[];
    decision: Decision;
    opinion: string;
    canReach: Reach;
  },
): Promise<AssociationRequestView> {
  return withTransaction(ctx.db, async (tx) => {
    const [request] = await tx
      .select()
      .from(customerAssociationRequests)
      .where(
        and(
          eq(customerAssociationRequests.partnerId, input.partnerId),
          eq(customerAssociationRequests.id, input.requestId),
        ),
      )
      .for('update');
    const [customer] = request
      ? await tx
          .select()
          .from(customers)
          .where(
            and(eq(customers.partnerId, input.partnerId), eq(customers.id, request.customerId)),
          )
          .for('update')
      : [];
    if (!request || !customer || !(await input.canReach(tx, customer))) {
      throw new ApiError(Errors.NOT_FOUND, { detail: 'no such association request' });
    }
    if (!input.expected.includes(request.status)) {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
        detail: `the request is ${request.status}; only a ${input.expected.join(' or ')} request can be handled here`,
      });
    }
    const now = ctx.clock.now();
    const status = decisionStatus[input.decision];
    const [settled] = await tx
      .update(customerAssociationRequests)
      .set({ status, opinion: input.opinion, decidedBy: actorName(principal), decidedAt: now })
      .where(eq(customerAssociationRequests.id, request.id))
      .returning();
    if (!settled) throw new Error('association request update returned nothing');
    await recordAudit(ctx, tx, {
      partnerId: input.partnerId,
      action: `customers.association_request.${input.decision}`,
      resourceType: REQUEST_RESOURCE,
      resourceId: request.id,
      resourceName: customer.accountName,
      before: { status: request.status },
      after: { status, opinion: input.opinion },
    });
    if (input.decision === 'approve') {
      assertAssociated(customer);
      await completeRequest(tx, ctx, principal, {
        partnerId: input.partnerId,
        customer,
        request: settled,
      });
    } else {
      await recordAssociationEvent(tx, ctx, principal, {
        partnerId: input.partnerId,
        customerId: customer.id,
        event: input.decision === 'reject' ? 'request_rejected' : 'request_withdrawn',
        associationType: customer.associationType,
        requestId: request.id,
      });
    }
    return toView(settled, customer.accountName);
  });
}

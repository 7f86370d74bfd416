import { and, asc, count, desc, eq, isNotNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import { findPartnerById } from '../../partners/index.ts';
import { customerAssociationRequests, customers } from '../schema.ts';
import {
  assertOpinion,
  recordAssociationEvent,
  toView,
  type AssociationRequestView,
} from './association.ts';
import { notifyAssociationCounterparty } from './association-mail.ts';
import { readPreReviewSetting } from './association-policy.ts';
import { actorName } from './shared.ts';

const REQUEST_RESOURCE = 'customers.association_request';

/** 预审中 waits for a decision; `reviewed` is the operator's history of decided reviews. */
export const preReviewQueues = ['pending', 'reviewed'] as const;
export type PreReviewQueue = (typeof preReviewQueues)[number];

/** A partner's disassociation request as the operator's pre-review queue shows it. */
export interface PreReviewItem extends AssociationRequestView {
  partnerId: string;
  partnerName: string;
  customerName: string;
}

function assertReviewer(ctx: ServiceContext) {
  assertAccountType(ctx, ['operator']);
  return assertPermission(ctx, Permissions.OPERATOR_CERTIFICATION_REVIEW);
}

/**
 * The operator's pre-review queue (R-DIS-06, SM-4 预审中) across every partner: requests waiting,
 * oldest first, or those already reviewed, newest review first.
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.certification.review`.
 */
export async function listPreReviewRequests(
  ctx: ServiceContext,
  queue: PreReviewQueue,
  page: Page,
): Promise<PagedResult<PreReviewItem>> {
  assertReviewer(ctx);
  const where =
    queue === 'pending'
      ? eq(customerAssociationRequests.status, 'pending_review')
      : isNotNull(customerAssociationRequests.reviewedAt);
  const order =
    queue === 'pending'
      ? [asc(customerAssociationRequests.createdAt), asc(customerAssociationRequests.id)]
      : [desc(customerAssociationRequests.reviewedAt), asc(customerAssociationRequests.id)];
  const [total] = await ctx.db
    .select({ value: count() })
    .from(customerAssociationRequests)
    .where(where);
  const rows = await ctx.db
    .select({
      request: customerAssociationRequests,
      accountName: customers.accountName,
      customerName: customers.customerName,
    })
    .from(customerAssociationRequests)
    .innerJoin(
      customers,
      and(
        eq(customers.partnerId, customerAssociationRequests.partnerId),
        eq(customers.id, customerAssociationRequests.customerId),
      ),
    )
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  const partnerNames = new Map<string, string>();
  for (const partnerId of new Set(rows.map((row) => row.request.partnerId))) {
    const partner = await findPartnerById(ctx.db, partnerId);
    partnerNames.set(partnerId, partner?.companyName || partner?.name || '');
  }
  return {
    items: rows.map((row) => ({
      ...toView(row.request, row.accountName),
      partnerId: row.request.partnerId,
      partnerName: partnerNames.get(row.request.partnerId) ?? '',
      customerName: row.customerName,
    })),
    totalCount: total?.value ?? 0,
  };
}

/**
 * The operator decides a pre-review (R-DIS-06, SM-4 预审中 → 待客户处理 / 预审不通过). Passing sends the
 * request on to the customer, who is told by mail; failing ends it with the reason, which the
 * partner sees with the reviewer's contact from the operator's setting, and is told by mail.
 * A failed request still counts towards the partner's per-period limit (R-DIS-02/03).
 *
 * @throws CBC.0151 unless the caller is the operator with `operator.certification.review`;
 *   CBC.0100 naming `opinion` when failing without a reason; CBC.0404 for an unknown request;
 *   CBC.0410 unless it waits for pre-review.
 */
export async function reviewAssociationRequest(
  ctx: ServiceContext,
  mailer: Mailer,
  input: { requestId: string; pass: boolean; opinion?: string | undefined },
): Promise<AssociationRequestView> {
  const principal = assertReviewer(ctx);
  const opinion = assertOpinion(input.opinion, !input.pass);
  const reviewed = await withTransaction(ctx.db, async (tx) => {
    const [request] = await tx
      .select()
      .from(customerAssociationRequests)
      .where(eq(customerAssociationRequests.id, input.requestId))
      .for('update');
    if (!request) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such association request' });
    if (request.status !== 'pending_review') {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
        detail: `the request is ${request.status}; only a request waiting for pre-review can be reviewed`,
      });
    }
    const [customer] = await tx
      .select({ accountName: customers.accountName, associationType: customers.associationType })
      .from(customers)
      .where(and(eq(customers.partnerId, request.partnerId), eq(customers.id, request.customerId)));
    if (!customer) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such association request' });
    const now = ctx.clock.now();
    const status = input.pass ? ('pending_customer' as const) : ('review_failed' as const);
    const reviewerContact = input.pass ? '' : (await readPreReviewSetting(tx)).reviewerContact;
    const [row] = await tx
      .update(customerAssociationRequests)
      .set({
        status,
        reviewedBy: actorName(principal),
        reviewedAt: now,
        reviewOpinion: opinion,
        reviewerContact,
      })
      .where(eq(customerAssociationRequests.id, request.id))
      .returning();
    if (!row) throw new Error('association request update returned nothing');
    await recordAssociationEvent(tx, ctx, principal, {
      partnerId: request.partnerId,
      customerId: request.customerId,
      event: input.pass ? 'review_passed' : 'review_failed',
      associationType: customer.associationType,
      requestId: request.id,
    });
    await recordAudit(ctx, tx, {
      partnerId: request.partnerId,
      action: `customers.association_request.${input.pass ? 'pass_review' : 'fail_review'}`,
      resourceType: REQUEST_RESOURCE,
      resourceId: request.id,
      resourceName: customer.accountName,
      before: { status: request.status },
      after: { status, reviewOpinion: opinion, reviewerContact },
    });
    return { view: toView(row, customer.accountName), partnerId: request.partnerId };
  });
  await notifyAssociationCounterparty(ctx, mailer, {
    event: input.pass ? 'submitted' : 'review_failed',
    request: reviewed.view,
    partnerId: reviewed.partnerId,
    recipient: input.pass ? 'customer' : 'partner',
  });
  return reviewed.view;
}

import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertNotAssumed } from '../../../platform/auth/authorize.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { findPartnerById } from '../../partners/index.ts';
import { customerAuthorizations, customers, type AuthorizationStatus } from '../schema.ts';
import { nextAuthorizationStatus, type AuthorizationAction } from './authorization-rules.ts';
import { AUTHORIZATION_RESOURCE, type AuthorizationRow } from './authorization.ts';
import { getPortalCustomer } from './portal.ts';
import { actorName } from './shared.ts';

/** An authorization request as the customer sees it: who asks, and where it stands. */
export interface PortalAuthorization extends AuthorizationRow {
  partnerName: string;
}

/**
 * The authorization requests of the signed-in customer (SM-19, "My Partner"), newest first: those
 * of the partner it is associated with, open or past.
 *
 * @throws CBC.0151 for a partner caller.
 */
export async function listPortalAuthorizations(
  ctx: ServiceContext,
  filters: { status?: AuthorizationStatus | undefined },
  page: Page,
): Promise<PagedResult<PortalAuthorization>> {
  const { customer } = await getPortalCustomer(ctx);
  const where: SQL | undefined = and(
    eq(customerAuthorizations.partnerId, customer.partnerId),
    eq(customerAuthorizations.customerId, customer.id),
    filters.status ? eq(customerAuthorizations.status, filters.status) : undefined,
  );
  const [total] = await ctx.db.select({ value: count() }).from(customerAuthorizations).where(where);
  const rows = await ctx.db
    .select()
    .from(customerAuthorizations)
    .where(where)
    .orderBy(desc(customerAuthorizations.requestedAt), desc(customerAuthorizations.id))
    .offset(page.offset)
    .limit(page.limit);
  const partner = await findPartnerById(ctx.db, customer.partnerId);
  const partnerName = partner?.companyName || partner?.name || '';
  return {
    totalCount: total?.value ?? 0,
    items: rows.map((row) => ({ ...row, partnerName })),
  };
}

type CustomerDecision = Extract<AuthorizationAction, 'approve' | 'reject' | 'revoke'>;

/**
 * One decision of the customer on an authorization of its partner: the row is found by the
 * caller alone (another customer's id is not found), the customer row is locked so a concurrent
 * disassociation either happens first (and the request is gone) or waits.
 */
async function decide(
  ctx: ServiceContext,
  authorizationId: string,
  action: CustomerDecision,
): Promise<PortalAuthorization> {
  const { principal, customer } = await getPortalCustomer(ctx);
  // The partner acting through assume_role must not answer its own request.
  assertNotAssumed(ctx);
  return withTransaction(ctx.db, async (tx) => {
    const [associated] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(
        and(
          eq(customers.partnerId, customer.partnerId),
          eq(customers.id, customer.id),
          eq(customers.status, 'active'),
        ),
      )
      .for('update');
    const [current] = associated
      ? await tx
          .select()
          .from(customerAuthorizations)
          .where(
            and(
              eq(customerAuthorizations.partnerId, customer.partnerId),
              eq(customerAuthorizations.customerId, customer.id),
              eq(customerAuthorizations.id, authorizationId),
            ),
          )
          .for('update')
      : [];
    if (!current) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such authorization' });
    const status = nextAuthorizationStatus(current.status, action);
    if (!status) {
      throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
        detail: `a ${current.status} authorization cannot be ${action === 'approve' ? 'approved' : `${action}ed`}`,
      });
    }
    const now = ctx.clock.now();
    const [row] = await tx
      .update(customerAuthorizations)
      .set(
        action === 'revoke'
          ? { status, revokedAt: now, revokedBy: actorName(principal) }
          : { status, decidedAt: now },
      )
      .where(
        and(
          eq(customerAuthorizations.partnerId, customer.partnerId),
          eq(customerAuthorizations.id, current.id),
        ),
      )
      .returning();
    if (!row) throw new Error('authorization update returned nothing');
    await recordAudit(ctx, tx, {
      partnerId: customer.partnerId,
      action: `customers.authorization.${action}`,
      resourceType: AUTHORIZATION_RESOURCE,
      resourceId: row.id,
      resourceName: customer.accountName,
      before: { status: current.status },
      after: { status: row.status },
    });
    const partner = await findPartnerById(tx, customer.partnerId);
    return { ...row, partnerName: partner?.companyName || partner?.name || '' };
  });
}

/**
 * The customer agrees to its partner's request (SM-19 待客户确认 → 已授权); from then on the partner
 * may exchange its token for the customer's (assume_role).
 *
 * @throws CBC.0151 for a partner caller or a token assumed by the partner; CBC.0404 for an
 *   authorization that is not the caller's; CBC.0410 unless it is pending.
 */
export function approveCustomerAuthorization(
  ctx: ServiceContext,
  authorizationId: string,
): Promise<PortalAuthorization> {
  return decide(ctx, authorizationId, 'approve');
}

/**
 * The customer refuses its partner's request (SM-19 待客户确认 → 已拒绝).
 *
 * @throws CBC.0151 for a partner caller or an assumed token; CBC.0404 for an authorization that
 *   is not the caller's; CBC.0410 unless it is pending.
 */
export function rejectCustomerAuthorization(
  ctx: ServiceContext,
  authorizationId: string,
): Promise<PortalAuthorization> {
  return decide(ctx, authorizationId, 'reject');
}

/**
 * The customer takes a granted authorization back (SM-19 已授权 → 未授权); tokens the partner has
 * assumed stop working at their next request.
 *
 * @throws CBC.0151 for a partner caller or an assumed token; CBC.0404 for an authorization that
 *   is not the caller's; CBC.0410 unless it is authorized.
 */
export function revokeCustomerAuthorization(
  ctx: ServiceContext,
  authorizationId: string,
): Promise<PortalAuthorization> {
  return decide(ctx, authorizationId, 'revoke');
}

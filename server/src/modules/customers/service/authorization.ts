import { and, desc, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Db } from '../../../platform/db/index.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import { holdsOnBehalfRight } from '../../partners/index.ts';
import { customerAuthorizations, customers } from '../schema.ts';
import {
  COMMITMENT_LETTER_VERSION,
  isOpenAuthorization,
  nextAuthorizationStatus,
  requiresCommitmentLetter,
  statusesAllowing,
} from './authorization-rules.ts';
import {
  actorName,
  assertCaller,
  CONSOLE_ACCOUNT_TYPES,
  getVisibleCustomer,
  type CustomerRow,
} from './shared.ts';

export type AuthorizationRow = typeof customerAuthorizations.$inferSelect;

export const AUTHORIZATION_RESOURCE = 'customers.authorization';

/** How many past authorizations of one customer the partner's detail page shows. */
export const AUTHORIZATION_HISTORY_LIMIT = 20;

/** The authorizations of one customer with one partner, newest first. */
async function authorizationsOfPair(
  db: Db,
  partnerId: string,
  customerId: string,
  limit: number,
): Promise<AuthorizationRow[]> {
  return db
    .select()
    .from(customerAuthorizations)
    .where(
      and(
        eq(customerAuthorizations.partnerId, partnerId),
        eq(customerAuthorizations.customerId, customerId),
      ),
    )
    .orderBy(desc(customerAuthorizations.requestedAt), desc(customerAuthorizations.id))
    .limit(limit);
}

/** Whether the partner has ever asked any customer for authorization (the letter is then signed). */
async function hasRequestedBefore(db: Db, partnerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: customerAuthorizations.id })
    .from(customerAuthorizations)
    .where(eq(customerAuthorizations.partnerId, partnerId))
    .limit(1);
  return row !== undefined;
}

/**
 * Locks the customer row of the pair, so a request, a customer's decision and a disassociation of
 * the same customer run one after the other. Null when the customer is no longer associated.
 */
async function lockAssociatedCustomer(
  tx: Db,
  partnerId: string,
  customerId: string,
): Promise<CustomerRow | null> {
  const [row] = await tx
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.partnerId, partnerId),
        eq(customers.id, customerId),
        eq(customers.status, 'active'),
      ),
    )
    .for('update');
  return row ?? null;
}

export interface CustomerAuthorizationState {
  /** The newest authorization of the pair, whatever its status; null before the first request. */
  latest: AuthorizationRow | null;
  history: AuthorizationRow[];
  /** Whether the next request must come with the accepted commitment letter. */
  commitmentRequired: boolean;
  commitmentVersion: string;
  /** A reseller whose distributor has not granted 代客下单/代客运维 (P-37) cannot ask (SM-19). */
  resellerRightMissing: boolean;
}

/** SM-19: a reseller needs its distributor's on-behalf right before it asks any customer. */
async function lacksResellerRight(db: Db, principal: Principal): Promise<boolean> {
  return (
    principal.accountType === 'reseller' && !(await holdsOnBehalfRight(db, principal.partnerId))
  );
}

/**
 * The authorization of one customer as the partner sees it (P-14 detail overview): the newest
 * request and its history, and whether a new request needs the commitment letter (SM-19).
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.view`; CBC.0404 when the customer
 *   is unknown or outside the caller's data scope.
 */
export async function getCustomerAuthorization(
  ctx: ServiceContext,
  customerId: string,
): Promise<CustomerAuthorizationState> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_VIEW);
  await getVisibleCustomer(ctx.db, principal, customerId);
  const history = await authorizationsOfPair(
    ctx.db,
    principal.partnerId,
    customerId,
    AUTHORIZATION_HISTORY_LIMIT,
  );
  return {
    latest: history[0] ?? null,
    history,
    commitmentRequired: requiresCommitmentLetter(
      await hasRequestedBefore(ctx.db, principal.partnerId),
    ),
    commitmentVersion: COMMITMENT_LETTER_VERSION,
    resellerRightMissing: await lacksResellerRight(ctx.db, principal),
  };
}

/**
 * 申请客户授权 (SM-19, P-14): asks an associated customer to authorize the partner to operate on
 * its behalf; the request waits for the customer (`pending`). Rules: whoever may manage the
 * customer may ask (account managers only for customers in their data scope; a tier-2 reseller for
 * its own customers, and only once its distributor granted it 代客下单/代客运维, P-37); one open
 * request per partner and customer; the partner's first request ever needs the commitment letter
 * accepted, and its audit record keeps the letter's version and the acceptance time.
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.manage`; CBC.0404 when the
 *   customer is unknown, out of scope or no longer associated; CBC.0422 for a reseller without
 *   its distributor's on-behalf right; CBC.0100 naming
 *   `accept_commitment` when the letter is required and not accepted; CBC.0409 when a request is
 *   already pending or the customer has already authorized the partner.
 */
export async function requestCustomerAuthorization(
  ctx: ServiceContext,
  input: { customerId: string; acceptCommitment: boolean },
): Promise<AuthorizationRow> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_MANAGE);
  await getVisibleCustomer(ctx.db, principal, input.customerId);
  return withTransaction(ctx.db, async (tx) => {
    const customer = await lockAssociatedCustomer(tx, principal.partnerId, input.customerId);
    if (!customer) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such customer' });
    if (await lacksResellerRight(tx, principal)) throw new ApiError(Errors.RESELLER_RIGHT_MISSING);
    const [latest] = await authorizationsOfPair(tx, principal.partnerId, customer.id, 1);
    if (latest && isOpenAuthorization(latest.status)) {
      throw new ApiError(Errors.CONFLICT, {
        detail:
          latest.status === 'pending'
            ? 'a request is already waiting for the customer'
            : 'the customer has already authorized you',
      });
    }
    const letterRequired = requiresCommitmentLetter(
      await hasRequestedBefore(tx, principal.partnerId),
    );
    if (letterRequired && !input.acceptCommitment) {
      throw invalidParameter(
        'accept_commitment',
        'the commitment letter must be accepted with the first authorization request',
      );
    }
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(customerAuthorizations)
      .values({
        id: newId(),
        partnerId: principal.partnerId,
        customerId: customer.id,
        status: 'pending',
        requestedBy: actorName(principal),
        requestedAt: now,
      })
      .returning();
    if (!row) throw new Error('authorization insert returned nothing');
    await recordAudit(ctx, tx, {
      action: 'customers.authorization.request',
      resourceType: AUTHORIZATION_RESOURCE,
      resourceId: row.id,
      resourceName: customer.accountName,
      after: {
        customerId: customer.id,
        status: row.status,
        ...(letterRequired && {
          commitmentLetter: { version: COMMITMENT_LETTER_VERSION, acceptedAt: now.toISOString() },
        }),
      },
    });
    return row;
  });
}

/**
 * Withdraws the partner's request that still waits for the customer (SM-19); the pair is then
 * unauthorized again and may be asked anew.
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.manage`; CBC.0404 when the
 *   customer is unknown or out of scope, or no request of the partner is pending.
 */
export async function withdrawCustomerAuthorization(
  ctx: ServiceContext,
  customerId: string,
): Promise<AuthorizationRow> {
  const principal = assertCaller(ctx, CONSOLE_ACCOUNT_TYPES, Permissions.CUSTOMER_MANAGE);
  const customer = await getVisibleCustomer(ctx.db, principal, customerId);
  return withTransaction(ctx.db, async (tx) => {
    const [pending] = await tx
      .select()
      .from(customerAuthorizations)
      .where(
        and(
          eq(customerAuthorizations.partnerId, principal.partnerId),
          eq(customerAuthorizations.customerId, customer.id),
          inArray(customerAuthorizations.status, [...statusesAllowing('withdraw')]),
        ),
      )
      .for('update');
    const status = pending && nextAuthorizationStatus(pending.status, 'withdraw');
    if (!pending || !status) {
      throw new ApiError(Errors.NOT_FOUND, { detail: 'no authorization request is pending' });
    }
    const now = ctx.clock.now();
    const [row] = await tx
      .update(customerAuthorizations)
      .set({ status, revokedAt: now, revokedBy: actorName(principal) })
      .where(
        and(
          eq(customerAuthorizations.partnerId, principal.partnerId),
          eq(customerAuthorizations.id, pending.id),
        ),
      )
      .returning();
    if (!row) throw new Error('authorization update returned nothing');
    await recordAudit(ctx, tx, {
      action: 'customers.authorization.withdraw',
      resourceType: AUTHORIZATION_RESOURCE,
      resourceId: row.id,
      resourceName: customer.accountName,
      before: { status: pending.status },
      after: { status: row.status },
    });
    return row;
  });
}

/**
 * Ends every open authorization of a customer with a partner when they disassociate (SM-19: 已授权
 * → 未授权 by the system). The disassociation calls it inside its own transaction, so the customer
 * stops being reachable through assume_role in the same commit; a token already assumed stops at
 * its next request. Each ended authorization is audited in `partnerId`'s trail. Returns the
 * authorizations it ended.
 */
export async function endAuthorizationsOnDisassociation(
  tx: Db,
  ctx: ServiceContext,
  partnerId: string,
  customerId: string,
): Promise<AuthorizationRow[]> {
  const open = await tx
    .select()
    .from(customerAuthorizations)
    .where(
      and(
        eq(customerAuthorizations.partnerId, partnerId),
        eq(customerAuthorizations.customerId, customerId),
        inArray(customerAuthorizations.status, [...statusesAllowing('end')]),
      ),
    )
    .for('update');
  const now = ctx.clock.now();
  const revokedBy = ctx.principal ? actorName(ctx.principal) : ctx.source;
  const ended: AuthorizationRow[] = [];
  for (const current of open) {
    const status = nextAuthorizationStatus(current.status, 'end');
    if (!status) continue;
    const [row] = await tx
      .update(customerAuthorizations)
      .set({ status, revokedAt: now, revokedBy })
      .where(
        and(
          eq(customerAuthorizations.partnerId, partnerId),
          eq(customerAuthorizations.id, current.id),
        ),
      )
      .returning();
    if (!row) throw new Error('authorization update returned nothing');
    await recordAudit(ctx, tx, {
      partnerId,
      action: 'customers.authorization.end',
      resourceType: AUTHORIZATION_RESOURCE,
      resourceId: row.id,
      before: { status: current.status },
      after: { customerId, status: row.status, reason: 'disassociation' },
    });
    ended.push(row);
  }
  return ended;
}

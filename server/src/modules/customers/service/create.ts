import { timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import { assertPasswordPolicy, hashPassword } from '../../../platform/auth/passwords.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import { findPartnerById } from '../../partners/index.ts';
import {
  ACCOUNTS_PER_MOBILE,
  assertDomainName,
  assertPasswordAvoidsMobile,
  associationTypeOf,
  MAX_CODE_FAILED_ATTEMPTS,
  normaliseMobile,
  randomDomainName,
} from '../rules.ts';
import { customerAssociationRecords, customers, verificationCodes } from '../schema.ts';
import { queueBindingNotification } from './binding-notifications.ts';
import { countAccountsOfMobile, hashVerificationCode, isAccountNameTaken } from './identity.ts';
import {
  actorName,
  assertCaller,
  CUSTOMER_RESOURCE,
  OPEN_API_ACCOUNT_TYPES,
  resolveTargetPartner,
} from './shared.ts';

export interface CreateCustomerInput {
  domainName?: string | null | undefined;
  /** Absent or null: no phone; "": set empty; otherwise a mainland mobile needing a code. */
  mobilePhone?: string | null | undefined;
  verificationCode?: string | null | undefined;
  xaccountId: string;
  xaccountType: string;
  password?: string | null | undefined;
  isCloseMarketMs?: string | null | undefined;
  cooperationType?: string | null | undefined;
  indirectPartnerId?: string | null | undefined;
}

export interface CreatedCustomer {
  domainId: string;
  domainName: string;
}

async function countFailedAttempt(db: Db, id: string): Promise<number> {
  const [row] = await db
    .update(verificationCodes)
    .set({ failedAttempts: sql`${verificationCodes.failedAttempts} + 1` })
    .where(eq(verificationCodes.id, id))
    .returning({ failedAttempts: verificationCodes.failedAttempts });
  return row?.failedAttempts ?? MAX_CODE_FAILED_ATTEMPTS;
}

/**
 * Checks the newest code sent by `partnerId` to `mobile` and returns its id; wrong attempts are
 * counted outside any transaction so the failure cannot roll the count back. Errors name `field`.
 */
export async function checkVerificationCode(
  ctx: ServiceContext,
  partnerId: string,
  mobile: string,
  code: string,
  field = 'verification_code',
): Promise<string> {
  const [latest] = await ctx.db
    .select()
    .from(verificationCodes)
    .where(and(eq(verificationCodes.partnerId, partnerId), eq(verificationCodes.receiver, mobile)))
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  if (!latest || latest.consumedAt) {
    throw invalidParameter(field, 'no code is pending for this receiver; send one first');
  }
  if (latest.failedAttempts >= MAX_CODE_FAILED_ATTEMPTS) {
    throw new ApiError(Errors.VERIFICATION_ATTEMPTS_EXCEEDED);
  }
  if (ctx.clock.now() > latest.expiresAt) {
    throw invalidParameter(field, 'has expired; send a new code');
  }
  const expected = Buffer.from(latest.codeHash, 'hex');
  const given = Buffer.from(hashVerificationCode(latest.id, code), 'hex');
  if (!timingSafeEqual(expected, given)) {
    const failed = await countFailedAttempt(ctx.db, latest.id);
    if (failed >= MAX_CODE_FAILED_ATTEMPTS)
      throw new ApiError(Errors.VERIFICATION_ATTEMPTS_EXCEEDED);
    throw invalidParameter(field, 'is incorrect');
  }
  return latest.id;
}

async function findByXaccount(
  db: Db,
  xaccountType: string,
  xaccountId: string,
): Promise<typeof customers.$inferSelect | null> {
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.xaccountType, xaccountType), eq(customers.xaccountId, xaccountId)));
  return row ?? null;
}

/**
 * CreateSubCustomer: creates a customer account mapped to (xaccount_type, xaccount_id) and
 * associates it with the caller, or with the caller's reseller named by `indirect_partner_id`
 * (resale unless `cooperation_type` is "1"). Idempotent: a repeat with the same xaccount answers
 * the account created first. A phone needs the newest code sent to it (single use, expiring);
 * without a password the customer signs in only through the partner's SSO. A new binding is
 * notified to the partner's callback URL, if it configured one (bindAction "0").
 *
 * @throws CBC.0151 for a wrong caller class or without `customer.manage`; CBC.99000037 for a
 *   reseller that is not the caller's; CBC.0100 naming `xaccount_type` when it is not the
 *   partner's, or the field of a malformed name, phone, code or password; CBC.99004009 after 5
 *   wrong codes; CBC.0409 naming `domain_name` when the name is taken; CBC.0411 naming
 *   `mobile_phone` when the phone already has 5 accounts.
 */
export async function createSubCustomer(
  ctx: ServiceContext,
  input: CreateCustomerInput,
): Promise<CreatedCustomer> {
  const principal = assertCaller(ctx, OPEN_API_ACCOUNT_TYPES, Permissions.CUSTOMER_MANAGE);
  const partnerId = await resolveTargetPartner(ctx, principal, input.indirectPartnerId, 'write');
  const partner = partnerId ? await findPartnerById(ctx.db, partnerId) : null;
  if (!partner) throw new ApiError(Errors.RESELLER_NOT_OWNED, { field: 'indirect_partner_id' });
  if (input.xaccountType !== partner.xaccountType) {
    throw invalidParameter('xaccount_type', "is not the partner's platform id");
  }
  const existing = await findByXaccount(ctx.db, input.xaccountType, input.xaccountId);
  if (existing) return { domainId: existing.id, domainName: existing.accountName };

  const domainName = input.domainName ? input.domainName : randomDomainName();
  if (input.domainName) assertDomainName(domainName, 'domain_name');
  const mobile =
    input.mobilePhone === null || input.mobilePhone === undefined || input.mobilePhone === ''
      ? ''
      : normaliseMobile(input.mobilePhone, 'mobile_phone');
  if (input.verificationCode === '')
    throw invalidParameter('verification_code', 'must not be empty');
  if (mobile !== '' && !input.verificationCode) {
    throw invalidParameter('verification_code', 'is required with a mobile phone');
  }
  if (input.password !== null && input.password !== undefined) {
    assertPasswordPolicy(input.password, 'password', domainName);
    assertPasswordAvoidsMobile(input.password, mobile, 'password');
  }
  if (input.isCloseMarketMs && !['true', 'false'].includes(input.isCloseMarketMs)) {
    throw invalidParameter('is_close_market_ms', 'must be "true" or "false"');
  }
  if (await isAccountNameTaken(ctx.db, domainName)) {
    throw new ApiError(Errors.CONFLICT, {
      field: 'domain_name',
      detail: 'the name is already taken',
    });
  }
  if (mobile !== '' && (await countAccountsOfMobile(ctx.db, mobile)) >= ACCOUNTS_PER_MOBILE) {
    throw new ApiError(Errors.LIMIT_EXCEEDED, {
      field: 'mobile_phone',
      detail: `a phone may register at most ${ACCOUNTS_PER_MOBILE} accounts`,
    });
  }
  const codeId =
    mobile !== '' && input.verificationCode
      ? await checkVerificationCode(ctx, principal.partnerId, mobile, input.verificationCode)
      : null;
  const passwordHash =
    input.password === null || input.password === undefined
      ? null
      : await hashPassword(input.password);
  const associationType = associationTypeOf(input.cooperationType);

  return withTransaction(ctx.db, async (tx) => {
    // Two parallel creations for the same xaccount: the second waits and answers the first's account.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`xaccount:${input.xaccountType}:${input.xaccountId}`}))`,
    );
    const raced = await findByXaccount(tx, input.xaccountType, input.xaccountId);
    if (raced) return { domainId: raced.id, domainName: raced.accountName };
    const now = ctx.clock.now();
    if (codeId) {
      const [consumed] = await tx
        .update(verificationCodes)
        .set({ consumedAt: now })
        .where(and(eq(verificationCodes.id, codeId), isNull(verificationCodes.consumedAt)))
        .returning({ id: verificationCodes.id });
      if (!consumed) throw invalidParameter('verification_code', 'was already used');
    }
    const id = newId();
    const row = {
      id,
      partnerId: partner.id,
      accountName: domainName,
      mobile,
      passwordHash,
      xaccountId: input.xaccountId,
      xaccountType: input.xaccountType,
      associationType,
      associatedOn: now,
      isCloseMarketMs: input.isCloseMarketMs === 'true',
      createdAt: now,
      updatedAt: now,
    };
    await tx.insert(customers).values(row);
    await tx.insert(customerAssociationRecords).values({
      id: newId(),
      partnerId: partner.id,
      customerId: id,
      event: 'associated',
      associationType,
      occurredAt: now,
      actor: actorName(principal),
    });
    await recordAudit(ctx, tx, {
      partnerId: partner.id,
      action: 'customers.customer.create',
      resourceType: CUSTOMER_RESOURCE,
      resourceId: id,
      resourceName: domainName,
      after: {
        accountName: domainName,
        xaccountId: input.xaccountId,
        xaccountType: input.xaccountType,
        associationType,
        hasMobile: mobile !== '',
        hasPassword: passwordHash !== null,
        createdBy: principal.partnerId,
      },
    });
    await queueBindingNotification(tx, ctx, {
      partnerId: partner.id,
      customerId: id,
      bindAction: '0',
    });
    return { domainId: id, domainName };
  });
}

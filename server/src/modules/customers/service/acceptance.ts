import { randomInt } from 'node:crypto';
import { and, count, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/index.ts';
import {
  LOGIN_LOCK_MS,
  MAX_FAILED_LOGINS,
  moveCredentialsToTenant,
} from '../../../platform/auth/index.ts';
import {
  assertPasswordPolicy,
  hashPassword,
  verifyPassword,
} from '../../../platform/auth/passwords.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import { findRoleHolders } from '../../org/index.ts';
import { findPartnerById } from '../../partners/index.ts';
import {
  assertDomainName,
  assertEmail,
  CODE_SEND_WINDOW_MS,
  MAX_CODES_PER_WINDOW,
} from '../rules.ts';
import {
  customerAccountManagers,
  customerAssociationRecords,
  customerInvitationAttempts,
  customerInvitations,
  customers,
  verificationCodes,
  type AssociationType,
  type InvitationChannel,
  type InvitationStatus,
} from '../schema.ts';
import { startManagementPeriod } from './assign.ts';
import { queueBindingNotification } from './binding-notifications.ts';
import { checkVerificationCode } from './create.ts';
import { hashVerificationCode, isAccountNameTaken } from './identity.ts';
import {
  ACCEPTANCE_CODE_RESEND_MS,
  ACCEPTANCE_CODE_TTL_MS,
  ASSOCIATION_NOTICE_VERSION,
  associationBlocker,
  ATTEMPT_WINDOW_MS,
  invitationBlocker,
  invitationStatusAt,
  MAX_FAILED_ATTEMPTS_PER_HOUR,
  SCENE_INVITATION_EMAIL,
  type AccountFacts,
  type FailureCause,
} from './invitations-rules.ts';
import { INVITATION_RESOURCE, type InvitationRow } from './invitations.ts';
import {
  findFulfilledPreregistration,
  findReservations,
  markPreregistrationAssociated,
} from './preregistration.ts';
import { CUSTOMER_RESOURCE, type CustomerRow } from './shared.ts';

/** The invitation as the public acceptance page shows it (no partner login). */
export interface InvitationInfo {
  partnerName: string;
  associationType: AssociationType;
  channel: InvitationChannel;
  /** The status at the time of reading; only `invited` and `failed` can be accepted. */
  status: InvitationStatus;
  expiresAt: Date | null;
  /** The invited address of an e-mail invitation, to prefill the sign-up form. */
  email: string;
  noticeVersion: string;
}

export interface AcceptanceResult {
  outcome: 'associated' | 'failed';
  failureCause: FailureCause | null;
  customerId: string | null;
  accountName: string;
}

async function findInvitationByToken(db: Db, token: string): Promise<InvitationRow> {
  const [row] = await db
    .select()
    .from(customerInvitations)
    .where(eq(customerInvitations.token, token));
  if (!row) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such invitation link' });
  return row;
}

/**
 * What an invitation link offers (R-CUS-20: the page shows the notice the customer accepts).
 * Public: the token is the credential.
 *
 * @throws CBC.0404 for an unknown token.
 */
export async function getInvitationInfo(
  ctx: ServiceContext,
  token: string,
): Promise<InvitationInfo> {
  const invitation = await findInvitationByToken(ctx.db, token);
  const partner = await findPartnerById(ctx.db, invitation.partnerId);
  return {
    partnerName: partner?.companyName || partner?.name || '',
    associationType: invitation.associationType,
    channel: invitation.channel,
    status: invitationStatusAt(invitation, ctx.clock.now()),
    expiresAt: invitation.expiresAt,
    email: invitation.email,
    noticeVersion: ASSOCIATION_NOTICE_VERSION,
  };
}

function codeMail(code: string) {
  return {
    subject: `Huawei Cloud verification code: ${code}`,
    text: [
      `您正在接受合作伙伴的关联邀请并注册账号，验证码为 ${code}，10 分钟内有效。请勿泄露给他人。`,
      '',
      `You are registering an account to accept a partner's invitation. Your code is ${code}; it is valid for 10 minutes. Do not share it.`,
    ].join('\n'),
  };
}

/**
 * Mails a 6-digit code to the address a new customer registers with (single use, valid 10
 * minutes, at most 5 wrong tries). Rate limits: one code per address per minute and 5 per hour.
 *
 * @throws CBC.0404 for an unknown token; CBC.0410 when the invitation can no longer be accepted;
 *   CBC.0100 naming `email`; CBC.0250 within a minute of the last code; CBC.99000082 after 5
 *   codes to the address within the hour.
 */
export async function sendAcceptanceCode(
  ctx: ServiceContext,
  token: string,
  input: { email: string },
  mailer: Mailer,
): Promise<{ email: string; expiresAt: Date }> {
  const invitation = await findInvitationByToken(ctx.db, token);
  const blocker = invitationBlocker(invitationStatusAt(invitation, ctx.clock.now()));
  if (blocker) {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, { detail: `the invitation is ${blocker}` });
  }
  const email = assertEmail(input.email, 'email').toLowerCase();
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const expiresAt = await withTransaction(ctx.db, async (tx) => {
    // One send per address at a time, so parallel requests cannot both pass the limits.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invite-code:${email}`}))`);
    const now = ctx.clock.now();
    const recent = await tx
      .select({ createdAt: verificationCodes.createdAt })
      .from(verificationCodes)
      .where(
        and(
          eq(verificationCodes.partnerId, invitation.partnerId),
          eq(verificationCodes.receiver, email),
          gte(verificationCodes.createdAt, new Date(now.getTime() - CODE_SEND_WINDOW_MS)),
        ),
      )
      .orderBy(desc(verificationCodes.createdAt));
    const latest = recent[0];
    if (latest && now.getTime() - latest.createdAt.getTime() < ACCEPTANCE_CODE_RESEND_MS) {
      throw new ApiError(Errors.TOO_MANY_REQUESTS, {
        detail: 'a code was sent to this e-mail less than a minute ago',
      });
    }
    if (recent.length >= MAX_CODES_PER_WINDOW) {
      throw new ApiError(Errors.VERIFICATION_SEND_LIMIT, {
        detail: `at most ${MAX_CODES_PER_WINDOW} codes per e-mail per hour`,
      });
    }
    const id = newId();
    const expires = new Date(now.getTime() + ACCEPTANCE_CODE_TTL_MS);
    await tx.insert(verificationCodes).values({
      id,
      partnerId: invitation.partnerId,
      receiver: email,
      scene: SCENE_INVITATION_EMAIL,
      codeHash: hashVerificationCode(id, code),
      expiresAt: expires,
      createdAt: now,
    });
    return expires;
  });
  // ADR 0006: the mail leaves after the commit; a lost one costs the customer a minute's wait.
  await mailer.send({ to: email, ...codeMail(code) });
  return { email, expiresAt };
}

function assertNoticeAccepted(accepted: boolean): void {
  if (!accepted) {
    throw invalidParameter('accept_notice', 'the association notice must be accepted (R-CUS-20)');
  }
}

/** Answers 429 when the invitation has collected too many failed attempts within the hour. */
async function assertAttemptBudget(ctx: ServiceContext, invitation: InvitationRow): Promise<void> {
  const since = new Date(ctx.clock.now().getTime() - ATTEMPT_WINDOW_MS);
  const [failed] = await ctx.db
    .select({ value: count() })
    .from(customerInvitationAttempts)
    .where(
      and(
        eq(customerInvitationAttempts.partnerId, invitation.partnerId),
        eq(customerInvitationAttempts.invitationId, invitation.id),
        eq(customerInvitationAttempts.outcome, 'failed'),
        gte(customerInvitationAttempts.occurredAt, since),
      ),
    );
  if ((failed?.value ?? 0) >= MAX_FAILED_ATTEMPTS_PER_HOUR) {
    throw new ApiError(Errors.TOO_MANY_REQUESTS, {
      detail: 'too many failed attempts with this invitation; try again later',
    });
  }
}

async function hasIndependentSubs(db: Db, customerId: string): Promise<boolean> {
  const [sub] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.enterpriseMasterId, customerId),
        eq(customers.enterpriseSubMode, 'independent'),
      ),
    )
    .limit(1);
  return sub !== undefined;
}

/** Records a failed attempt (and marks an e-mail invitation 关联失败) and answers the cause. */
async function recordFailure(
  ctx: ServiceContext,
  tx: Db,
  invitation: InvitationRow,
  account: { customerId: string | null; accountName: string },
  cause: FailureCause,
): Promise<AcceptanceResult> {
  const now = ctx.clock.now();
  await tx.insert(customerInvitationAttempts).values({
    id: newId(),
    partnerId: invitation.partnerId,
    invitationId: invitation.id,
    customerId: account.customerId,
    accountName: account.accountName,
    outcome: 'failed',
    failureCause: cause,
    occurredAt: now,
  });
  if (
    invitation.channel === 'email' &&
    invitation.status === 'invited' &&
    !invitationBlocker(invitationStatusAt(invitation, now))
  ) {
    await tx
      .update(customerInvitations)
      .set({ status: 'failed', updatedAt: now })
      .where(eq(customerInvitations.id, invitation.id));
  }
  await recordAudit(ctx, tx, {
    partnerId: invitation.partnerId,
    action: 'customers.invitation.attempt_failed',
    resourceType: INVITATION_RESOURCE,
    resourceId: invitation.id,
    resourceName: account.accountName,
    after: { failureCause: cause, customerId: account.customerId },
  });
  return {
    outcome: 'failed',
    failureCause: cause,
    customerId: account.customerId,
    accountName: account.accountName,
  };
}

/** Locks the invitation for the attempt, so a single-use e-mail link is accepted at most once. */
async function lockInvitation(tx: Db, id: string): Promise<InvitationRow> {
  const [row] = await tx
    .select()
    .from(customerInvitations)
    .where(eq(customerInvitations.id, id))
    .for('update');
  if (!row) throw new ApiError(Errors.NOT_FOUND, { detail: 'no such invitation link' });
  return row;
}

/**
 * The account manager a customer gets from its invitation (R-CUS-11): the inviter when they are
 * an active account manager of the partner; admins' and operators' invitations leave it unassigned.
 */
async function managerFromInvitation(db: Db, invitation: InvitationRow): Promise<string | null> {
  const [holder] = await findRoleHolders(
    db,
    invitation.partnerId,
    ['account_manager'],
    [invitation.inviterMemberId],
  );
  return holder ? holder.id : null;
}

/**
 * The association itself (SM-2 关联成功, SM-3): the customer moves to the inviting partner in the
 * invitation's association type, active from now; a reseller association freezes the account
 * until the partner sets a budget (R-CUS-16); the association record, the management period
 * (R-AM), the fulfilled pre-registration (SM-1), the attempt and the partner's bindAction "0"
 * notification are written in the same transaction, and everything is audited.
 */
async function associate(
  ctx: ServiceContext,
  tx: Db,
  invitation: InvitationRow,
  customer: CustomerRow,
  isNewAccount: boolean,
): Promise<AcceptanceResult> {
  const now = ctx.clock.now();
  const managerId = await managerFromInvitation(tx, invitation);
  // A customer left by a previous partner may still carry that partner's open period.
  await tx
    .update(customerAccountManagers)
    .set({ endedAt: now })
    .where(
      and(
        eq(customerAccountManagers.customerId, customer.id),
        isNull(customerAccountManagers.endedAt),
      ),
    );
  await tx
    .update(customers)
    .set({
      partnerId: invitation.partnerId,
      associationType: invitation.associationType,
      associatedOn: now,
      status: 'active',
      isFrozen: invitation.associationType === '2' ? 1 : customer.isFrozen,
      accountManagerId: null,
      label: invitation.tag !== '' ? invitation.tag : customer.label,
      updatedAt: now,
    })
    .where(eq(customers.id, customer.id));
  // The customer's own credentials (portal sessions, tokens, access keys) follow it.
  await moveCredentialsToTenant(
    tx,
    { type: 'customer', id: customer.id, partnerId: customer.partnerId },
    invitation.partnerId,
    now,
  );
  if (managerId) {
    await startManagementPeriod(tx, {
      partnerId: invitation.partnerId,
      customerId: customer.id,
      memberId: managerId,
      at: now,
    });
  }
  await tx.insert(customerAssociationRecords).values({
    id: newId(),
    partnerId: invitation.partnerId,
    customerId: customer.id,
    event: 'associated',
    associationType: invitation.associationType,
    occurredAt: now,
    actor: customer.accountName,
  });
  await tx.insert(customerInvitationAttempts).values({
    id: newId(),
    partnerId: invitation.partnerId,
    invitationId: invitation.id,
    customerId: customer.id,
    accountName: customer.accountName,
    outcome: 'associated',
    occurredAt: now,
  });
  if (invitation.channel === 'email') {
    await tx
      .update(customerInvitations)
      .set({ status: 'associated', updatedAt: now })
      .where(eq(customerInvitations.id, invitation.id));
  }
  const preregistration = await findFulfilledPreregistration(
    tx,
    invitation.partnerId,
    invitation.preregistrationId,
    [customer.accountName, customer.customerName],
    now,
  );
  if (preregistration) await markPreregistrationAssociated(ctx, tx, preregistration, customer.id);
  await queueBindingNotification(tx, ctx, {
    partnerId: invitation.partnerId,
    customerId: customer.id,
    bindAction: '0',
  });
  await recordAudit(ctx, tx, {
    partnerId: invitation.partnerId,
    action: 'customers.customer.associate',
    resourceType: CUSTOMER_RESOURCE,
    resourceId: customer.id,
    resourceName: customer.accountName,
    before: isNewAccount
      ? null
      : {
          partnerId: customer.partnerId,
          status: customer.status,
          associationType: customer.associationType,
        },
    after: {
      partnerId: invitation.partnerId,
      status: 'active',
      associationType: invitation.associationType,
      isFrozen: invitation.associationType === '2' ? 1 : customer.isFrozen,
      accountManagerId: managerId,
      invitationId: invitation.id,
      channel: invitation.channel,
      noticeVersion: ASSOCIATION_NOTICE_VERSION,
      newAccount: isNewAccount,
    },
  });
  return {
    outcome: 'associated',
    failureCause: null,
    customerId: customer.id,
    accountName: customer.accountName,
  };
}

/** Evaluates R-CUS-13/14 for `account` against the invitation; the first blocker or null. */
async function blockerFor(
  tx: Db,
  invitation: InvitationRow,
  account: AccountFacts & { id: string | null; names: string[] },
  now: Date,
): Promise<FailureCause | null> {
  const stateBlocker = invitationBlocker(invitationStatusAt(invitation, now));
  if (stateBlocker) return stateBlocker;
  const partner = await findPartnerById(tx, invitation.partnerId);
  const reservations = await findReservations(tx, account.names, now);
  const fulfilled = await findFulfilledPreregistration(
    tx,
    invitation.partnerId,
    invitation.preregistrationId,
    account.names,
    now,
  );
  return associationBlocker({
    associationType: invitation.associationType,
    account,
    isPartnerActive: partner?.status === 'active',
    isPreregisteredByOtherPartner: reservations.some(
      (row) => row.partnerId !== invitation.partnerId,
    ),
    isPreregisteredByInvitingPartner: fulfilled !== null,
    now,
  });
}

export interface RegisterInput {
  accountName: string;
  password: string;
  email: string;
  verificationCode: string;
  acceptNotice: boolean;
}

/**
 * Registers a new customer account from an invitation and associates it with the inviting
 * partner in one transaction (SM-2). The e-mail must carry the code from `sendAcceptanceCode`.
 * A rule that forbids the association (R-CUS-13/14/19) is an outcome, not an error: the attempt
 * is stored in the history with its cause and answered as `failed`, and no account is created.
 *
 * @throws CBC.0404 for an unknown token; CBC.0100 naming the field for a malformed account name,
 *   password or e-mail, a missing notice acceptance or a wrong/expired code; CBC.99004009 after 5
 *   wrong codes; CBC.0409 naming `account_name` or `email` when taken; CBC.0250 after too many
 *   failed attempts with this invitation within the hour.
 */
export async function registerThroughInvitation(
  ctx: ServiceContext,
  token: string,
  input: RegisterInput,
): Promise<AcceptanceResult> {
  const found = await findInvitationByToken(ctx.db, token);
  assertNoticeAccepted(input.acceptNotice);
  assertDomainName(input.accountName, 'account_name');
  const email = assertEmail(input.email, 'email').toLowerCase();
  assertPasswordPolicy(input.password, 'password', input.accountName);
  if (input.verificationCode.trim() === '') {
    throw invalidParameter('verification_code', 'must not be empty');
  }
  await assertAttemptBudget(ctx, found);
  // A spent, expired or revoked link is answered (and recorded) before anything else: its
  // invitee cannot even get a code any more.
  const stateBlocker = invitationBlocker(invitationStatusAt(found, ctx.clock.now()));
  if (stateBlocker) {
    return withTransaction(ctx.db, (tx) =>
      recordFailure(
        ctx,
        tx,
        found,
        { customerId: null, accountName: input.accountName },
        stateBlocker,
      ),
    );
  }
  if (await isAccountNameTaken(ctx.db, input.accountName)) {
    throw new ApiError(Errors.CONFLICT, {
      field: 'account_name',
      detail: 'the name is already taken',
    });
  }
  const [emailUser] = await ctx.db
    .select({ id: customers.id })
    .from(customers)
    .where(sql`lower(${customers.email}) = ${email}`)
    .limit(1);
  if (emailUser) {
    throw new ApiError(Errors.CONFLICT, {
      field: 'email',
      detail: 'the e-mail already belongs to an account; associate that account instead',
    });
  }
  const codeId = await checkVerificationCode(
    ctx,
    found.partnerId,
    email,
    input.verificationCode,
    'verification_code',
  );
  const passwordHash = await hashPassword(input.password);
  return withTransaction(ctx.db, async (tx) => {
    const invitation = await lockInvitation(tx, found.id);
    const now = ctx.clock.now();
    const cause = await blockerFor(
      tx,
      invitation,
      {
        id: null,
        names: [input.accountName],
        status: null,
        createdAt: null,
        enterpriseMasterId: null,
        enterpriseSubMode: null,
        hasIndependentSubs: false,
      },
      now,
    );
    if (cause) {
      return recordFailure(
        ctx,
        tx,
        invitation,
        { customerId: null, accountName: input.accountName },
        cause,
      );
    }
    const [consumed] = await tx
      .update(verificationCodes)
      .set({ consumedAt: now })
      .where(and(eq(verificationCodes.id, codeId), isNull(verificationCodes.consumedAt)))
      .returning({ id: verificationCodes.id });
    if (!consumed) throw invalidParameter('verification_code', 'was already used');
    const preregistration = await findFulfilledPreregistration(
      tx,
      invitation.partnerId,
      invitation.preregistrationId,
      [input.accountName],
      now,
    );
    const id = newId();
    const [created] = await tx
      .insert(customers)
      .values({
        id,
        partnerId: invitation.partnerId,
        accountName: input.accountName,
        customerName: preregistration?.customerName ?? '',
        email,
        passwordHash,
        // A self-registered account has no partner-platform user behind it; its own id keeps the
        // (xaccount_type, xaccount_id) pair unique without claiming any platform's id space.
        xaccountId: id,
        xaccountType: '',
        associationType: invitation.associationType,
        associatedOn: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error('customer insert returned nothing');
    await recordAudit(ctx, tx, {
      partnerId: invitation.partnerId,
      action: 'customers.customer.register',
      resourceType: CUSTOMER_RESOURCE,
      resourceId: id,
      resourceName: input.accountName,
      after: { accountName: input.accountName, email, invitationId: invitation.id },
    });
    return associate(ctx, tx, invitation, created, true);
  });
}

/**
 * Checks an existing account's password the way the portal login does: 5 wrong passwords in a row
 * lock it for 15 minutes, and names that do not exist fail like wrong passwords.
 */
async function authenticateCustomer(
  ctx: ServiceContext,
  accountName: string,
  password: string,
): Promise<CustomerRow> {
  const [customer] = await ctx.db
    .select()
    .from(customers)
    .where(sql`lower(${customers.accountName}) = lower(${accountName})`);
  const now = ctx.clock.now();
  if (customer?.lockedUntil && customer.lockedUntil > now) {
    throw new ApiError(Errors.LOGIN_LOCKED, {
      detail: `locked until ${customer.lockedUntil.toISOString()}`,
    });
  }
  const matches =
    customer?.passwordHash !== null && customer?.passwordHash !== undefined
      ? await verifyPassword(customer.passwordHash, password)
      : false;
  if (customer && matches) return customer;
  if (customer) {
    const lockExpired = customer.lockedUntil !== null && customer.lockedUntil <= now;
    const failures = (lockExpired ? 0 : customer.failedLoginCount) + 1;
    const locks = failures >= MAX_FAILED_LOGINS;
    await ctx.db
      .update(customers)
      .set({
        failedLoginCount: failures,
        lockedUntil: locks ? new Date(now.getTime() + LOGIN_LOCK_MS) : null,
      })
      .where(eq(customers.id, customer.id));
    if (locks) {
      throw new ApiError(Errors.LOGIN_LOCKED, {
        detail: `${MAX_FAILED_LOGINS} failed logins in a row`,
      });
    }
  }
  throw new ApiError(Errors.LOGIN_FAILED);
}

/**
 * Associates an existing customer account (account name and password) with the inviting partner
 * (SM-2/SM-3): an account already associated with a partner, a financial-hosting enterprise sub,
 * and the other rules our data can evaluate (R-CUS-13/14) end in a `failed` outcome stored in the
 * history with its cause. A disassociated account may associate again (SM-3).
 *
 * @throws CBC.0404 for an unknown token; CBC.0100 naming `accept_notice` when the notice is not
 *   accepted; CBC.0155 for a wrong name or password; CBC.0156 while the account is locked;
 *   CBC.0250 after too many failed attempts with this invitation within the hour.
 */
export async function associateThroughInvitation(
  ctx: ServiceContext,
  token: string,
  input: { accountName: string; password: string; acceptNotice: boolean },
): Promise<AcceptanceResult> {
  const found = await findInvitationByToken(ctx.db, token);
  assertNoticeAccepted(input.acceptNotice);
  await assertAttemptBudget(ctx, found);
  const authenticated = await authenticateCustomer(ctx, input.accountName, input.password);
  return withTransaction(ctx.db, async (tx) => {
    const invitation = await lockInvitation(tx, found.id);
    const [customer] = await tx
      .select()
      .from(customers)
      .where(eq(customers.id, authenticated.id))
      .for('update');
    if (!customer) throw new ApiError(Errors.LOGIN_FAILED);
    const now = ctx.clock.now();
    if (customer.failedLoginCount > 0 || customer.lockedUntil) {
      await tx
        .update(customers)
        .set({ failedLoginCount: 0, lockedUntil: null })
        .where(eq(customers.id, customer.id));
    }
    const cause = await blockerFor(
      tx,
      invitation,
      {
        id: customer.id,
        names: [customer.accountName, customer.customerName],
        status: customer.status,
        createdAt: customer.createdAt,
        enterpriseMasterId: customer.enterpriseMasterId,
        enterpriseSubMode: customer.enterpriseSubMode,
        hasIndependentSubs: await hasIndependentSubs(tx, customer.id),
      },
      now,
    );
    if (cause) {
      return recordFailure(
        ctx,
        tx,
        invitation,
        { customerId: customer.id, accountName: customer.accountName },
        cause,
      );
    }
    return associate(ctx, tx, invitation, customer, false);
  });
}

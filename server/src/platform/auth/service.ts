import { MINUTE_MS } from '../clock/index.ts';
import { recordAudit } from '../audit/index.ts';
import { withTransaction, type Db } from '../db/index.ts';
import type { AuthenticatedContext, ServiceContext } from '../http/context.ts';
import { ApiError, Errors, invalidParameter } from '../http/errors.ts';
import type { AgencyDirectory, AssumeRoleRequest } from './agency.ts';
import type { Domain, LoginCredential, PrincipalDirectory } from './directory.ts';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import type { AuthMethod, Principal, PrincipalRef } from './principal.ts';
import type { PrincipalType, SessionKind } from './schema.ts';
import { moveAccessKeys } from './access-keys.ts';
import {
  findToken,
  issueSession,
  moveSessions,
  revokeOtherSessions,
  revokeSession,
  type IssuedSession,
  type SessionRecord,
} from './sessions.ts';

/** Consecutive wrong passwords that lock a user. */
export const MAX_FAILED_LOGINS = 5;
export const LOGIN_LOCK_MS = 15 * MINUTE_MS;

export interface PasswordLoginInput {
  accountName: string;
  /** Absent or equal to the account name: the owner logs in. */
  userName?: string | undefined;
  password: string;
  userAgent: string;
  /**
   * Only this kind of principal may sign in here (the partner console takes members, the portal
   * customers); another kind's name fails exactly like an unknown one. Absent: any kind (IAM).
   */
  principalType?: PrincipalType | undefined;
}

export interface LoginResult extends IssuedSession {
  principal: Principal;
}

let dummyHash: Promise<string> | undefined;
/** Verifying against a throwaway hash when the user does not exist keeps both paths equally slow. */
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-0');
  return dummyHash;
}

/** Counts a wrong password and locks the user at the fifth in a row; returns whether it locked. */
async function recordFailure(
  ctx: ServiceContext,
  directory: PrincipalDirectory,
  credential: LoginCredential,
): Promise<boolean> {
  const now = ctx.clock.now();
  const lockExpired = credential.lockedUntil !== null && credential.lockedUntil <= now;
  const failures = (lockExpired ? 0 : credential.failedLoginCount) + 1;
  const locks = failures >= MAX_FAILED_LOGINS;
  await withTransaction(ctx.db, async (tx) => {
    await directory.recordLoginFailure(
      tx,
      credential.ref,
      failures,
      locks ? new Date(now.getTime() + LOGIN_LOCK_MS) : null,
    );
    await recordAudit(ctx, tx, {
      partnerId: credential.ref.partnerId,
      action: 'auth.login.failure',
      resourceType: credential.ref.type,
      resourceId: credential.ref.id,
      resourceName: `${credential.accountName}/${credential.userName}`,
      after: { failedLoginCount: failures, locked: locks },
    });
  });
  return locks;
}

/**
 * Checks a password login and opens a token or console session. Rules: one `LOGIN_FAILED` for an
 * unknown account, unknown user, disabled user or wrong password, so names cannot be probed; five
 * wrong passwords in a row lock the user for 15 minutes (`LOGIN_LOCKED`, also during the lock).
 */
async function passwordLogin(
  ctx: ServiceContext,
  directory: PrincipalDirectory,
  input: PasswordLoginInput,
  kind: SessionKind,
): Promise<LoginResult> {
  const found = await directory.findLoginCredential(
    ctx.db,
    input.accountName,
    input.userName,
    input.principalType,
  );
  // A directory may ignore the kind asked for; a credential of another kind counts as unknown.
  const credential =
    input.principalType === undefined || found?.ref.type === input.principalType ? found : null;
  if (!credential) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw new ApiError(Errors.LOGIN_FAILED);
  }
  const now = ctx.clock.now();
  if (credential.lockedUntil && credential.lockedUntil > now) {
    throw new ApiError(Errors.LOGIN_LOCKED, {
      detail: `locked until ${credential.lockedUntil.toISOString()}`,
    });
  }
  if (!(await verifyPassword(credential.passwordHash, input.password))) {
    if (await recordFailure(ctx, directory, credential)) {
      throw new ApiError(Errors.LOGIN_LOCKED, {
        detail: `${MAX_FAILED_LOGINS} failed logins in a row`,
      });
    }
    throw new ApiError(Errors.LOGIN_FAILED);
  }
  const method: AuthMethod = kind === 'token' ? 'token' : 'session';
  const principal = credential.isEnabled
    ? await directory.loadPrincipal(ctx.db, credential.ref, method)
    : null;
  if (!principal) throw new ApiError(Errors.LOGIN_FAILED);
  const issued = await withTransaction(ctx.db, async (tx) => {
    await directory.recordLoginSuccess(tx, credential.ref, now);
    const session = await issueSession(tx, {
      kind,
      ref: credential.ref,
      now,
      sourceIp: ctx.sourceIp,
      userAgent: input.userAgent,
    });
    await recordAudit({ ...ctx, principal }, tx, {
      action: kind === 'token' ? 'auth.token.issue' : 'auth.login',
      resourceType: kind === 'token' ? 'token' : 'session',
      resourceId: session.session.id,
      resourceName: `${principal.accountName}/${principal.userName}`,
      after: { method: 'password', expiresAt: session.session.expiresAt.toISOString() },
    });
    return session;
  });
  return { ...issued, principal };
}

/**
 * `POST /v3/auth/tokens`: an IAM-style token for a password identity, valid 24 hours.
 * Errors: `LOGIN_FAILED`, `LOGIN_LOCKED`.
 */
export function issueToken(
  ctx: ServiceContext,
  directory: PrincipalDirectory,
  input: PasswordLoginInput,
): Promise<LoginResult> {
  return passwordLogin(ctx, directory, input, 'token');
}

export interface AssumeRoleInput extends AssumeRoleRequest {
  userAgent: string;
  /** The token the actor called with, if any: the assumed token never outlives it. */
  actorSession: SessionRecord | null;
  /** IAM's `duration_seconds`: a shorter validity than the default 24 hours. */
  durationSeconds?: number | undefined;
}

function earliest(...dates: (Date | undefined)[]): Date | undefined {
  return dates.reduce<Date | undefined>(
    (first, date) => (date && (!first || date < first) ? date : first),
    undefined,
  );
}

/**
 * `POST /v3/auth/tokens` with the `assume_role` identity: exchanges a partner member's credential
 * (token or AK/SK signature) for a token of a customer who has authorized the partner (SM-19,
 * api-conventions §3.2). Rules: only a partner member may assume, never a customer nor an
 * assumed token; the agency is the partner's `xaccount_type`; the customer must be associated
 * with the partner, in the member's data scope, with an `authorized` authorization (the agency
 * directory decides, and is asked again on every request of the new token). The token is valid 24
 * hours (or `duration_seconds`) but never longer than the actor's token; its issue is audited with who assumed it.
 * Errors: `ACCESS_DENIED`, `PASSWORD_CHANGE_REQUIRED`, `AGENCY_NAME_MISMATCH`,
 * `ASSUME_ROLE_DENIED`.
 */
export async function assumeRoleToken(
  ctx: AuthenticatedContext,
  deps: { directory: PrincipalDirectory; agencies: AgencyDirectory },
  input: AssumeRoleInput,
): Promise<LoginResult> {
  const actor = ctx.principal;
  if (actor.type !== 'member' || actor.assumedBy) {
    throw new ApiError(Errors.ACCESS_DENIED, {
      detail: 'only a partner member credential may assume a customer role',
    });
  }
  if (actor.mustChangePassword) throw new ApiError(Errors.PASSWORD_CHANGE_REQUIRED);
  const ref = await deps.agencies.resolveAgency(ctx.db, actor, input);
  const customer = await deps.directory.loadPrincipal(ctx.db, ref, 'token');
  if (!customer) throw new ApiError(Errors.ASSUME_ROLE_DENIED);
  const principal: Principal = {
    ...customer,
    assumedBy: {
      partnerId: actor.partnerId,
      memberId: actor.id,
      accountName: actor.accountName,
      userName: actor.userName,
    },
  };
  const now = ctx.clock.now();
  const issued = await withTransaction(ctx.db, async (tx) => {
    const session = await issueSession(tx, {
      kind: 'token',
      ref,
      now,
      sourceIp: ctx.sourceIp,
      userAgent: input.userAgent,
      assumedBy: { type: actor.type, id: actor.id, partnerId: actor.partnerId },
      notAfter: earliest(
        input.actorSession?.expiresAt,
        input.durationSeconds === undefined
          ? undefined
          : new Date(now.getTime() + input.durationSeconds * 1000),
      ),
    });
    await recordAudit(ctx, tx, {
      partnerId: ref.partnerId,
      action: 'auth.token.assume',
      resourceType: 'token',
      resourceId: session.session.id,
      resourceName: customer.accountName,
      after: {
        method: 'assume_role',
        customerId: customer.id,
        agencyName: input.agencyName,
        expiresAt: session.session.expiresAt.toISOString(),
      },
    });
    return session;
  });
  return { ...issued, principal };
}

/**
 * Console login (partner console or customer portal, as `principalType` says): a cookie session
 * with a CSRF token, ending after 12 idle hours. Errors: `LOGIN_FAILED`, `LOGIN_LOCKED`.
 */
export function startConsoleSession(
  ctx: ServiceContext,
  directory: PrincipalDirectory,
  input: PasswordLoginInput,
): Promise<LoginResult> {
  return passwordLogin(ctx, directory, input, 'console');
}

/**
 * The console session the caller is using, with its CSRF token. Error: `AUTHENTICATION_REQUIRED`
 * when the request was not made with a console session (AK/SK, token).
 */
export function describeConsoleSession(
  ctx: AuthenticatedContext,
  session: SessionRecord | null,
): { principal: Principal; csrfToken: string } {
  if (session?.kind !== 'console' || !session.csrfToken) {
    throw new ApiError(Errors.AUTHENTICATION_REQUIRED, { detail: 'no console session' });
  }
  return { principal: ctx.principal, csrfToken: session.csrfToken };
}

/** Logout: revokes the session or token the request used; AK/SK callers have nothing to end. */
export async function endSession(
  ctx: AuthenticatedContext,
  session: SessionRecord | null,
): Promise<void> {
  if (!session) return;
  await withTransaction(ctx.db, async (tx) => {
    await revokeSession(tx, session, ctx.clock.now());
    await recordAudit(ctx, tx, {
      action: 'auth.logout',
      resourceType: session.kind === 'token' ? 'token' : 'session',
      resourceId: session.id,
      resourceName: `${ctx.principal.accountName}/${ctx.principal.userName}`,
    });
  });
}

/**
 * `DELETE /v3/auth/tokens`: revokes the token in `X-Subject-Token`. Rule: a user revokes their own
 * tokens; the account owner any member token of the account (not its customers' tokens, which
 * share the tenant). Error: `NOT_FOUND` for an unknown, expired or foreign token.
 */
export async function revokeToken(
  ctx: AuthenticatedContext,
  input: { subjectToken: string },
): Promise<void> {
  const now = ctx.clock.now();
  const token = await findToken(ctx.db, ctx.principal.partnerId, input.subjectToken, now);
  const { principal } = ctx;
  const isOwn = token?.ref.type === principal.type && token.ref.id === principal.id;
  const mayRevoke = isOwn || (principal.isOwner && token?.ref.type === 'member');
  if (!token || !mayRevoke) throw new ApiError(Errors.NOT_FOUND, { detail: 'the subject token' });
  await withTransaction(ctx.db, async (tx) => {
    await revokeSession(tx, token, now);
    await recordAudit(ctx, tx, {
      action: 'auth.token.revoke',
      resourceType: 'token',
      resourceId: token.id,
    });
  });
}

/**
 * Changes the caller's own password. Rules: the old password must match, the new one follows the
 * password policy and differs from the old; it clears "must change password" and revokes every
 * other session and token of the caller. Error: `INVALID_PARAMETER` naming the field.
 */
export async function changeOwnPassword(
  ctx: AuthenticatedContext,
  directory: PrincipalDirectory,
  input: { oldPassword: string; newPassword: string; currentSession: SessionRecord | null },
): Promise<void> {
  const { principal } = ctx;
  const credential = await directory.findLoginCredential(
    ctx.db,
    principal.accountName,
    principal.userName,
    principal.type,
  );
  if (credential?.ref.type !== principal.type || credential.ref.id !== principal.id)
    throw new ApiError(Errors.AUTHENTICATION_REQUIRED);
  if (!(await verifyPassword(credential.passwordHash, input.oldPassword))) {
    throw invalidParameter('old_password', 'is incorrect');
  }
  assertPasswordPolicy(input.newPassword, 'new_password', principal.userName);
  if (input.newPassword === input.oldPassword)
    throw invalidParameter('new_password', 'must differ from the old password');
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await withTransaction(ctx.db, async (tx) => {
    await directory.changePassword(tx, credential.ref, passwordHash, now);
    await revokeOtherSessions(tx, credential.ref, input.currentSession?.id ?? null, now);
    await recordAudit(ctx, tx, {
      action: 'auth.password.change',
      resourceType: principal.type,
      resourceId: principal.id,
      resourceName: `${principal.accountName}/${principal.userName}`,
    });
  });
}

/**
 * `GET /v3/auth/domains`: the caller's own account, the only domain it can see (a customer's is
 * its own customer account, not its partner's).
 */
export async function listOwnDomains(
  ctx: AuthenticatedContext,
  directory: PrincipalDirectory,
): Promise<Domain[]> {
  const domain = await directory.findDomain(ctx.db, ctx.principal);
  return domain ? [domain] : [];
}

/**
 * Keeps a principal's credentials working when the principal changes tenant: a customer that
 * associates with another partner keeps its access keys, tokens and portal sessions, which move
 * with it so the new partner's tenancy holds them. Call it in the transaction that moves the
 * principal, with `ref` naming the old tenant; the caller audits the move itself.
 */
export async function moveCredentialsToTenant(
  tx: Db,
  ref: PrincipalRef,
  partnerId: string,
  now: Date,
): Promise<void> {
  if (ref.partnerId === partnerId) return;
  await moveAccessKeys(tx, ref, partnerId);
  await moveSessions(tx, ref, partnerId, now);
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, Errors } from '../http/errors.ts';
import { markAccessKeyUsed, resolveAccessKey } from './access-keys.ts';
import type { AgencyDirectory } from './agency.ts';
import { parseAuthorization, SIGNING_ALGORITHM, verifySignedRequest } from './aksk.ts';
import type { PrincipalDirectory } from './directory.ts';
import type { Keyring } from './keyring.ts';
import type { AuthMethod, Principal, PrincipalRef } from './principal.ts';
import type { PrincipalType } from './schema.ts';
import { csrfTokenMatches, resolveSession, type SessionRecord } from './sessions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` for public routes (health, login, sign-up); every other route needs a caller. */
    auth?: false;
    /** Reachable by a user who still has to change the initial password (session routes). */
    beforePasswordChange?: true;
    /**
     * The kinds of principal the route serves; absent means partner members only. Customer routes
     * (the portal, customer-side APIs) say `['customer']` (spread `customerOnly`); the few shared
     * routes (token revocation, domains) name both.
     */
    principals?: readonly PrincipalType[];
  }
  interface FastifyRequest {
    /** The token or console session the request authenticated with; null for AK/SK. */
    authSession: SessionRecord | null;
  }
}

export interface AuthDependencies {
  directory: PrincipalDirectory;
  keyring: Keyring;
  /** Customer authorizations behind `assume_role` tokens. */
  agencies: AgencyDirectory;
}

export const SESSION_COOKIE = 'huoban_session';
export const CSRF_HEADER = 'x-csrf-token';
const EMPTY_BODY = Buffer.alloc(0);
const MEMBERS_ONLY: readonly PrincipalType[] = ['member'];

/**
 * Route config of a customer-only route: partner credentials get 403 `CBC.0151`. Use as
 * `config: { ...customerOnly }`; services add `assertCustomer` for the same rule in depth.
 */
export const customerOnly = { principals: ['customer'] } as const satisfies {
  principals: readonly PrincipalType[];
};
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Identified {
  ref: PrincipalRef;
  method: AuthMethod;
  session: SessionRecord | null;
}

/** API routes need a caller unless they opt out; docs, static console files and 404s do not. */
function requiresAuthentication(request: FastifyRequest): boolean {
  if (request.is404 || request.routeOptions.config.auth === false) return false;
  const url = request.routeOptions.url ?? '';
  return /^\/(v1\.0|v2|v3|v4|console\/api)\//.test(url);
}

function singleHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function identifyBySignature(
  request: FastifyRequest,
  header: string,
  keyring: Keyring,
): Promise<Identified> {
  const authorization = parseAuthorization(header);
  const { db, clock } = request.server;
  const key = await resolveAccessKey(db, keyring, authorization.accessKey);
  if (!key)
    throw new ApiError(Errors.ACCESS_KEY_UNKNOWN, { detail: `ak ${authorization.accessKey}` });
  if (key.status !== 'active') throw new ApiError(Errors.ACCESS_KEY_DISABLED);
  const now = clock.now();
  verifySignedRequest(
    {
      method: request.method,
      target: request.raw.url ?? request.url,
      headers: request.headers,
      body: request.rawBody ?? EMPTY_BODY,
    },
    authorization,
    key.secretKey,
    now,
  );
  await markAccessKeyUsed(db, key, now);
  return { ref: key.ref, method: 'aksk', session: null };
}

async function identifyByToken(request: FastifyRequest, token: string): Promise<Identified> {
  const session = await resolveSession(
    request.server.db,
    'token',
    token,
    request.server.clock.now(),
  );
  if (!session) throw new ApiError(Errors.TOKEN_INVALID);
  return { ref: session.ref, method: 'token', session };
}

async function identifyByCookie(request: FastifyRequest, secret: string): Promise<Identified> {
  const session = await resolveSession(
    request.server.db,
    'console',
    secret,
    request.server.clock.now(),
  );
  if (!session)
    throw new ApiError(Errors.TOKEN_INVALID, {
      detail: 'the console session has ended; sign in again',
    });
  if (
    !SAFE_METHODS.has(request.method) &&
    !csrfTokenMatches(session, singleHeader(request, CSRF_HEADER))
  ) {
    throw new ApiError(Errors.CSRF_REJECTED);
  }
  return { ref: session.ref, method: 'session', session };
}

/**
 * Finds the caller's credential, in Huawei's order of precedence: an AK/SK signature, then an
 * `X-Auth-Token`, then the console's session cookie (which also needs the CSRF header on writes).
 */
function identify(request: FastifyRequest, keyring: Keyring): Promise<Identified> {
  const authorization = singleHeader(request, 'authorization');
  if (authorization?.startsWith(SIGNING_ALGORITHM))
    return identifyBySignature(request, authorization, keyring);
  const token = singleHeader(request, 'x-auth-token');
  if (token) return identifyByToken(request, token);
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) return identifyByCookie(request, cookie);
  if (authorization)
    throw new ApiError(Errors.SIGNATURE_MALFORMED, { detail: `expected ${SIGNING_ALGORITHM}` });
  throw new ApiError(Errors.AUTHENTICATION_REQUIRED);
}

/**
 * Customers and partner members share the credential machinery but not the routes: a route serves
 * members unless it names other principal types, so a customer credential reaches no partner
 * route (and no data) even where the service behind it forgot to check, and vice versa.
 */
function assertRouteServes(request: FastifyRequest, principal: Principal): void {
  const served = request.routeOptions.config.principals ?? MEMBERS_ONLY;
  if (!served.includes(principal.type)) {
    throw new ApiError(Errors.ACCESS_DENIED, {
      detail:
        principal.type === 'customer'
          ? 'customer credentials cannot call partner APIs'
          : 'this API is for customer credentials only',
    });
  }
}

/**
 * A token obtained with `assume_role` serves the customer-side APIs only. The console routes (the
 * customer portal with its decisions, keys and password) stay the customer's own, whatever a
 * service behind them checks.
 */
function assertAssumedReach(request: FastifyRequest, principal: Principal): void {
  if (principal.assumedBy && (request.routeOptions.url ?? '').startsWith('/console/api/')) {
    throw new ApiError(Errors.ACCESS_DENIED, {
      detail: 'a token obtained with assume_role cannot use the customer portal',
    });
  }
}

/**
 * The customer principal behind an assumed token, loaded with the member who assumed it: null once
 * that member is disabled or gone, or the customer's authorization of the partner no longer holds
 * (revoked, disassociated, out of the member's data scope).
 */
async function loadAssumedPrincipal(
  request: FastifyRequest,
  deps: AuthDependencies,
  ref: PrincipalRef,
  actorRef: PrincipalRef,
): Promise<Principal | null> {
  const { db } = request.server;
  const actor = await deps.directory.loadPrincipal(db, actorRef, 'token');
  if (!actor || !(await deps.agencies.isAgencyActive(db, actor, ref))) return null;
  const principal = await deps.directory.loadPrincipal(db, ref, 'token');
  if (!principal) return null;
  return {
    ...principal,
    assumedBy: {
      partnerId: actor.partnerId,
      memberId: actor.id,
      accountName: actor.accountName,
      userName: actor.userName,
    },
  };
}

/**
 * Identifies the caller of `request` by its credential and loads its current principal. The
 * plugin runs it before every protected route; public routes that also take credentials (the
 * `assume_role` token exchange) call it themselves.
 */
export async function authenticate(
  request: FastifyRequest,
  deps: AuthDependencies,
): Promise<{ principal: Principal; session: SessionRecord | null }> {
  const { ref, method, session } = await identify(request, deps.keyring);
  const principal = session?.assumedBy
    ? await loadAssumedPrincipal(request, deps, ref, session.assumedBy)
    : await deps.directory.loadPrincipal(request.server.db, ref, method);
  if (!principal) {
    throw new ApiError(method === 'aksk' ? Errors.ACCESS_KEY_DISABLED : Errors.TOKEN_INVALID, {
      detail: session?.assumedBy
        ? 'the customer no longer authorizes this partner, or the member who assumed it is gone'
        : 'the user or account behind this credential is disabled or gone',
    });
  }
  return { principal, session };
}

/**
 * Authenticates every request that reaches a route, before its body is validated, and loads the
 * current principal, so a disabled user or a changed role takes effect on the next request.
 */
export function registerAuthentication(app: FastifyInstance, deps: AuthDependencies): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('authSession', null);
  app.addHook('preValidation', async (request) => {
    if (!requiresAuthentication(request)) return;
    const { principal, session } = await authenticate(request, deps);
    assertRouteServes(request, principal);
    assertAssumedReach(request, principal);
    if (principal.mustChangePassword && request.routeOptions.config.beforePasswordChange !== true) {
      throw new ApiError(Errors.PASSWORD_CHANGE_REQUIRED);
    }
    request.principal = principal;
    request.authSession = session;
  });
}

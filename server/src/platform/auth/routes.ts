import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { authenticatedContextOf, contextOf } from '../http/request-context.ts';
import { errorResponses } from '../http/schemas.ts';
import {
  createAccessKey,
  deleteAccessKey,
  listAccessKeys,
  setAccessKeyStatus,
} from './access-keys.ts';
import type { AuthDependencies } from './plugin.ts';
import type { Principal } from './principal.ts';
import type { PrincipalType } from './schema.ts';
import { authenticate, SESSION_COOKIE } from './plugin.ts';
import {
  assumeRoleToken,
  changeOwnPassword,
  describeConsoleSession,
  endSession,
  issueToken,
  listOwnDomains,
  revokeToken,
  startConsoleSession,
  type LoginResult,
} from './service.ts';
import {
  AccessKeyListSchema,
  AccessKeyParamsSchema,
  AccessKeySchema,
  ChangePasswordRequestSchema,
  CreateAccessKeyRequestSchema,
  CreatedAccessKeySchema,
  DomainsResponseSchema,
  fromWireTokenRequest,
  LoginRequestSchema,
  PortalLoginRequestSchema,
  PortalSessionResponseSchema,
  SessionResponseSchema,
  TokenRequestSchema,
  TokenResponseSchema,
  toAccessKeyWire,
  toCreatedAccessKeyWire,
  toPortalSessionResponse,
  toSessionResponse,
  toTokenResponse,
  type TokenIdentity,
} from './wire.ts';

const NoContent = Type.Null({ description: 'No content' });
const iamTags = ['IAM-compatible authentication'];
const consoleTags = ['Console session and access keys'];
const portalTags = ['Customer portal session and access keys'];
const anyPrincipal: readonly PrincipalType[] = ['member', 'customer'];

function userAgentOf(request: FastifyRequest): string {
  return request.headers['user-agent'] ?? '';
}

/** The session cookie: script-proof, same-site only, `Secure` whenever the console is on HTTPS. */
function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string): void {
  void reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: request.protocol === 'https',
  });
}

/**
 * The `assume_role` branch of the token endpoint. The endpoint is public for password logins, so
 * this branch authenticates the partner's credential itself, exactly as the plugin would.
 */
async function assumeRole(
  request: FastifyRequest,
  deps: AuthDependencies,
  identity: Extract<TokenIdentity, { method: 'assume_role' }>,
): Promise<LoginResult> {
  const { principal, session } = await authenticate(request, deps);
  request.principal = principal;
  return assumeRoleToken(authenticatedContextOf(request), deps, {
    domainName: identity.domainName,
    domainId: identity.domainId,
    agencyName: identity.agencyName,
    durationSeconds: identity.durationSeconds,
    userAgent: userAgentOf(request),
    actorSession: session,
  });
}

/** IAM's token and domain endpoints, so Huawei SDK clients and scripts work unchanged. */
function registerIamRoutes(app: FastifyInstance, deps: AuthDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v3/auth/tokens',
    {
      config: { auth: false },
      schema: {
        security: [],
        tags: iamTags,
        summary:
          'Obtain a token with a password, or a customer token with assume_role and a partner credential',
        body: TokenRequestSchema,
        response: { 201: TokenResponseSchema, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const identity = fromWireTokenRequest(request.body);
      const result =
        identity.method === 'password'
          ? await issueToken(contextOf(request), deps.directory, {
              accountName: identity.accountName,
              userName: identity.userName,
              password: identity.password,
              userAgent: userAgentOf(request),
            })
          : await assumeRole(request, deps, identity);
      return reply
        .code(201)
        .header('X-Subject-Token', result.secret)
        .send(toTokenResponse(result.principal, result.session));
    },
  );

  api.delete(
    '/v3/auth/tokens',
    {
      config: { beforePasswordChange: true, principals: anyPrincipal },
      schema: {
        tags: iamTags,
        summary: 'Revoke the token in X-Subject-Token',
        headers: Type.Object({ 'x-subject-token': Type.String({ minLength: 1 }) }),
        response: { 204: NoContent, ...errorResponses() },
      },
    },
    async (request, reply) => {
      await revokeToken(authenticatedContextOf(request), {
        subjectToken: request.headers['x-subject-token'],
      });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/v3/auth/domains',
    {
      config: { principals: anyPrincipal },
      schema: {
        tags: iamTags,
        summary: "The caller's account (domain), for SDK domain-id discovery",
        response: { 200: DomainsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => ({
      domains: await listOwnDomains(authenticatedContextOf(request), deps.directory),
    }),
  );
}

/** Where a console area's session routes live and whom they serve. */
interface ConsoleArea {
  /** `/console/api/session` (partner console) or `/console/api/portal/session` (customer portal). */
  sessionPath: string;
  /** `/console/api/access-keys` or `/console/api/portal/access-keys`. */
  accessKeyPath: string;
  principalType: PrincipalType;
  tags: string[];
}

const partnerConsole: ConsoleArea = {
  sessionPath: '/console/api/session',
  accessKeyPath: '/console/api/access-keys',
  principalType: 'member',
  tags: consoleTags,
};

const customerPortal: ConsoleArea = {
  sessionPath: '/console/api/portal/session',
  accessKeyPath: '/console/api/portal/access-keys',
  principalType: 'customer',
  tags: portalTags,
};

/** The session answer of an area: the partner console's user, or the portal's customer. */
function sessionAnswer(area: ConsoleArea, principal: Principal, csrfToken: string) {
  return area.principalType === 'customer'
    ? toPortalSessionResponse(principal, csrfToken)
    : toSessionResponse(principal, csrfToken);
}

/** Console login, session, logout and own password, for one console area. */
function registerSessionRoutes(
  app: FastifyInstance,
  deps: AuthDependencies,
  area: ConsoleArea,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const isPortal = area.principalType === 'customer';
  const principals = [area.principalType];
  const response = isPortal ? PortalSessionResponseSchema : SessionResponseSchema;

  api.post(
    area.sessionPath,
    {
      config: { auth: false },
      schema: {
        security: [],
        tags: area.tags,
        summary: isPortal
          ? 'Sign in to the customer portal with the customer account name'
          : 'Sign in (account owner, or IAM user with user_name)',
        body: isPortal ? PortalLoginRequestSchema : LoginRequestSchema,
        response: { 200: response, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const body: { account_name: string; user_name?: string; password: string } = request.body;
      const result = await startConsoleSession(contextOf(request), deps.directory, {
        accountName: body.account_name,
        userName: body.user_name,
        password: body.password,
        userAgent: userAgentOf(request),
        principalType: area.principalType,
      });
      setSessionCookie(request, reply, result.secret);
      return sessionAnswer(area, result.principal, result.session.csrfToken ?? '');
    },
  );

  api.get(
    area.sessionPath,
    {
      config: { beforePasswordChange: true, principals },
      schema: {
        tags: area.tags,
        summary: isPortal
          ? 'The signed-in customer and the CSRF token'
          : 'The signed-in user and the CSRF token',
        response: { 200: response, ...errorResponses() },
      },
    },
    (request, reply) => {
      const { principal, csrfToken } = describeConsoleSession(
        authenticatedContextOf(request),
        request.authSession,
      );
      void reply.send(sessionAnswer(area, principal, csrfToken));
    },
  );

  api.post(
    `${area.sessionPath}/logout`,
    {
      config: { beforePasswordChange: true, principals },
      schema: {
        tags: area.tags,
        summary: 'Sign out',
        response: { 204: NoContent, ...errorResponses() },
      },
    },
    async (request, reply) => {
      await endSession(authenticatedContextOf(request), request.authSession);
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send(null);
    },
  );

  api.post(
    `${area.sessionPath}/password`,
    {
      config: { beforePasswordChange: true, principals },
      schema: {
        tags: area.tags,
        summary: 'Change the own password; signs out every other session',
        body: ChangePasswordRequestSchema,
        response: { 204: NoContent, ...errorResponses() },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(authenticatedContextOf(request), deps.directory, {
        oldPassword: request.body.old_password,
        newPassword: request.body.new_password,
        currentSession: request.authSession,
      });
      return reply.code(204).send(null);
    },
  );
}

/** The caller's own AK/SK pairs (访问密钥), for one console area. */
function registerAccessKeyRoutes(
  app: FastifyInstance,
  deps: AuthDependencies,
  area: ConsoleArea,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = area.accessKeyPath;
  const config = { principals: [area.principalType] };

  api.get(
    base,
    {
      config,
      schema: {
        tags: area.tags,
        summary: 'List own access keys (never the secret)',
        response: { 200: AccessKeyListSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await listAccessKeys(authenticatedContextOf(request));
      return { total_count: page.totalCount, access_keys: page.items.map(toAccessKeyWire) };
    },
  );

  api.post(
    base,
    {
      config,
      schema: {
        tags: area.tags,
        summary: 'Create an access key; the secret key is in this answer only',
        body: CreateAccessKeyRequestSchema,
        response: { 200: CreatedAccessKeySchema, ...errorResponses() },
      },
    },
    async (request) => {
      const created = await createAccessKey(authenticatedContextOf(request), deps.keyring, {
        description: request.body.description,
      });
      return toCreatedAccessKeyWire(created);
    },
  );

  for (const [action, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    api.post(
      `${base}/:access_key/${action}`,
      {
        config,
        schema: {
          tags: area.tags,
          summary: `${action === 'disable' ? 'Disable' : 'Enable'} an own access key`,
          params: AccessKeyParamsSchema,
          response: { 200: AccessKeySchema, ...errorResponses() },
        },
      },
      async (request) =>
        toAccessKeyWire(
          await setAccessKeyStatus(authenticatedContextOf(request), {
            accessKey: request.params.access_key,
            status,
          }),
        ),
    );
  }

  api.delete(
    `${base}/:access_key`,
    {
      config,
      schema: {
        tags: area.tags,
        summary: 'Delete an own access key',
        params: AccessKeyParamsSchema,
        response: { 204: NoContent, ...errorResponses() },
      },
    },
    async (request, reply) => {
      await deleteAccessKey(authenticatedContextOf(request), {
        accessKey: request.params.access_key,
      });
      return reply.code(204).send(null);
    },
  );
}

/**
 * Every route of the authentication platform: IAM tokens (members and customers alike), then the
 * session and access-key routes of the partner console and, under `/console/api/portal/`, of the
 * customer portal; each area serves only its own kind of principal.
 */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthDependencies): void {
  registerIamRoutes(app, deps);
  for (const area of [partnerConsole, customerPortal]) {
    registerSessionRoutes(app, deps, area);
    registerAccessKeyRoutes(app, deps, area);
  }
}

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
import { SESSION_COOKIE } from './plugin.ts';
import {
  changeOwnPassword,
  describeConsoleSession,
  endSession,
  issueToken,
  listOwnDomains,
  revokeToken,
  startConsoleSession,
} from './service.ts';
import {
  AccessKeyListSchema,
  AccessKeyParamsSchema,
  AccessKeySchema,
  ChangePasswordRequestSchema,
  CreateAccessKeyRequestSchema,
  CreatedAccessKeySchema,
  DomainsResponseSchema,
  LoginRequestSchema,
  SessionResponseSchema,
  TokenRequestSchema,
  TokenResponseSchema,
  toAccessKeyWire,
  toCreatedAccessKeyWire,
  toSessionResponse,
  toTokenResponse,
} from './wire.ts';

const NoContent = Type.Null({ description: 'No content' });
const iamTags = ['IAM-compatible authentication'];
const consoleTags = ['Console session and access keys'];

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
        summary: 'Obtain a token with a password (KeystoneCreateUserTokenByPassword)',
        body: TokenRequestSchema,
        response: { 201: TokenResponseSchema, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const { user } = request.body.auth.identity.password;
      const result = await issueToken(contextOf(request), deps.directory, {
        accountName: user.domain.name,
        userName: user.name,
        password: user.password,
        userAgent: userAgentOf(request),
      });
      return reply
        .code(201)
        .header('X-Subject-Token', result.secret)
        .send(toTokenResponse(result.principal, result.session));
    },
  );

  api.delete(
    '/v3/auth/tokens',
    {
      config: { beforePasswordChange: true },
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

/** Console login, session, logout and own password. */
function registerSessionRoutes(app: FastifyInstance, deps: AuthDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/console/api/session',
    {
      config: { auth: false },
      schema: {
        security: [],
        tags: consoleTags,
        summary: 'Sign in (account owner, or IAM user with user_name)',
        body: LoginRequestSchema,
        response: { 200: SessionResponseSchema, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const result = await startConsoleSession(contextOf(request), deps.directory, {
        accountName: request.body.account_name,
        userName: request.body.user_name,
        password: request.body.password,
        userAgent: userAgentOf(request),
      });
      setSessionCookie(request, reply, result.secret);
      return toSessionResponse(result.principal, result.session.csrfToken ?? '');
    },
  );

  api.get(
    '/console/api/session',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: consoleTags,
        summary: 'The signed-in user and the CSRF token',
        response: { 200: SessionResponseSchema, ...errorResponses() },
      },
    },
    (request, reply) => {
      const { principal, csrfToken } = describeConsoleSession(
        authenticatedContextOf(request),
        request.authSession,
      );
      void reply.send(toSessionResponse(principal, csrfToken));
    },
  );

  api.post(
    '/console/api/session/logout',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: consoleTags,
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
    '/console/api/session/password',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: consoleTags,
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

/** The caller's own AK/SK pairs (访问密钥). */
function registerAccessKeyRoutes(app: FastifyInstance, deps: AuthDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/access-keys',
    {
      schema: {
        tags: consoleTags,
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
    '/console/api/access-keys',
    {
      schema: {
        tags: consoleTags,
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
      `/console/api/access-keys/:access_key/${action}`,
      {
        schema: {
          tags: consoleTags,
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
    '/console/api/access-keys/:access_key',
    {
      schema: {
        tags: consoleTags,
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

/** Every route of the authentication platform: IAM tokens, console session, access keys. */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthDependencies): void {
  registerIamRoutes(app, deps);
  registerSessionRoutes(app, deps);
  registerAccessKeyRoutes(app, deps);
}

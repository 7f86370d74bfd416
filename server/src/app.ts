import { existsSync } from 'node:fs';
import Fastify, {
  type FastifyInstance,
  type FastifyServerOptions,
  type RouteOptions,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { Clock } from './platform/clock/index.ts';
import { installModuleHooks } from './hooks.ts';
import type { Channels, Db } from './platform/db/index.ts';
import { newRequestId } from './platform/ids/index.ts';
import { handleFrameworkError, registerErrorHandling } from './platform/http/error-handler.ts';
import { ErrorBodySchema } from './platform/http/schemas.ts';
import { registerObservability } from './platform/http/observability.ts';
import { registerAuthentication } from './platform/auth/plugin.ts';
import { cachingDirectory } from './platform/auth/principal-cache.ts';
import { registerAuthRoutes } from './platform/auth/routes.ts';
import type { Keyring } from './platform/auth/keyring.ts';
import type { PrincipalDirectory } from './platform/auth/directory.ts';
import type { SigningKey } from './platform/signing/index.ts';
import { registerSigningRoutes } from './platform/signing/routes.ts';
import type { AgencyDirectory } from './platform/auth/agency.ts';
import { unconfiguredMailer, type Mailer } from './platform/mail/index.ts';
import { registerOrgConsoleRoutes } from './modules/org/console.ts';
import { registerPartnersConsoleRoutes } from './modules/partners/console.ts';
import { registerPartnersApi } from './modules/partners/api.ts';
import { registerAuditConsoleRoutes } from './modules/audit/console.ts';
import { registerCustomersApi } from './modules/customers/api.ts';
import { registerCustomersConsoleRoutes } from './modules/customers/console.ts';
import { registerRealnameApi } from './modules/customers/realname-api.ts';
import { registerRealnameConsoleRoutes } from './modules/customers/realname-console.ts';
import { registerBindingNotificationConsoleRoutes } from './modules/customers/binding-notification-console.ts';
import { registerCustomerDevelopmentRoutes } from './modules/customers/development.ts';
import { registerInvitationPublicRoutes } from './modules/customers/invitation-public.ts';
import {
  registerAccountsApi,
  registerAccountsConsoleRoutes,
  registerAccountsPortalRoutes,
} from './modules/accounts/index.ts';
import { registerBudgetApi } from './modules/accounts/budget-api.ts';
import { registerBudgetConsoleRoutes } from './modules/accounts/budget-console.ts';
import {
  registerCouponsApi,
  registerCouponsConsoleRoutes,
  registerCouponsPortalRoutes,
} from './modules/coupons/index.ts';
import { registerAssociationConsoleRoutes } from './modules/customers/association-console.ts';
import { registerAssociationPortalRoutes } from './modules/customers/association-portal.ts';
import { registerAuthorizationRoutes } from './modules/customers/authorization-console.ts';
import { registerOperationCodeRoutes } from './modules/customers/operation-codes-console.ts';
import { registerCustomerPortalRoutes } from './modules/customers/portal.ts';

/** Largest body accepted; Huawei's gateway documents 12 MB for signed requests. */
export const BODY_LIMIT_BYTES = 12 * 1024 * 1024;

export interface AppDependencies {
  db: Db;
  clock: Clock;
  keyring: Keyring;
  directory: PrincipalDirectory;
  /** The database's change notifications; they keep the cached principals current. */
  channels: Channels;
  /** Signs binding notifications; the SP metadata publishes its certificate. */
  signingKey: SigningKey;
  /** Customer authorizations behind `assume_role` tokens. */
  agencies: AgencyDirectory;
  /** Outgoing mail (sign-up codes, notifications); without one, sending fails loudly. */
  mailer?: Mailer | undefined;
  /** Built console to serve on `/`; skipped when the folder does not exist. */
  consoleDir?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Sees every route as it is registered; tests use it to discover the whole URL map. */
  onRoute?: ((route: RouteOptions) => void) | undefined;
}

export type App = FastifyInstance;

/**
 * Builds the HTTP application: platform plugins first, then every module's routes in one visible
 * list, so the URL map can be read here.
 */
export async function buildApp(deps: AppDependencies): Promise<App> {
  installModuleHooks();
  const app = Fastify({
    logger: deps.logger ?? false,
    genReqId: () => newRequestId(),
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    frameworkErrors: handleFrameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>();
  const { onRoute } = deps;
  if (onRoute) app.addHook('onRoute', (route) => onRoute(route));

  app.decorate('db', deps.db);
  app.decorate('clock', deps.clock);
  app.decorate('mailer', deps.mailer ?? unconfiguredMailer);
  app.decorateRequest('rawBody', undefined);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
  });

  const parseJson = app.getDefaultJsonParser('error', 'remove');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer;
    request.rawBody = raw;
    if (raw.length === 0) {
      done(null, undefined);
      return;
    }
    void parseJson(request, raw.toString('utf8'), done);
  });

  const hasConsole = Boolean(deps.consoleDir && existsSync(deps.consoleDir));
  registerErrorHandling(app, {
    serveConsolePage: hasConsole ? (reply) => void reply.sendFile('index.html') : undefined,
  });
  app.addSchema(ErrorBodySchema);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Huoban open API',
        description:
          'Partner Center API, wire-compatible with Huawei Cloud partner (BSS) operations. Authenticate with AK/SK (SDK-HMAC-SHA256) or X-Auth-Token.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          aksk: { type: 'apiKey', in: 'header', name: 'Authorization' },
          token: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' },
        },
      },
      security: [{ aksk: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } });
  app.get('/openapi.json', { config: { auth: false }, schema: { hide: true } }, () =>
    app.swagger(),
  );

  registerObservability(app);
  const auth = { directory: deps.directory, keyring: deps.keyring, agencies: deps.agencies };
  // Requests authenticate through the cache; sign-in and the token exchange load afresh.
  const cached = await cachingDirectory(deps.directory, deps.channels);
  app.addHook('onClose', cached.stop);
  registerAuthentication(app, { ...auth, directory: cached.directory });

  // Routes, one line per area; this list is the URL map of the application.
  registerOrgConsoleRoutes(app);
  registerPartnersConsoleRoutes(app);
  registerPartnersApi(app);
  registerAuditConsoleRoutes(app);
  registerCustomersConsoleRoutes(app);
  registerCustomersApi(app);
  registerRealnameConsoleRoutes(app);
  registerRealnameApi(app);
  registerBindingNotificationConsoleRoutes(app);
  registerSigningRoutes(app, { signingKey: deps.signingKey });
  registerCustomerDevelopmentRoutes(app);
  registerInvitationPublicRoutes(app);
  registerAccountsConsoleRoutes(app);
  registerAccountsApi(app);
  registerCouponsConsoleRoutes(app);
  registerCouponsApi(app);
  registerBudgetApi(app);
  registerBudgetConsoleRoutes(app);
  registerAccountsPortalRoutes(app);
  registerCouponsPortalRoutes(app);
  registerAssociationConsoleRoutes(app);
  registerAssociationPortalRoutes(app);
  registerAuthRoutes(app, auth);
  registerCustomerPortalRoutes(app);
  registerAuthorizationRoutes(app);
  registerOperationCodeRoutes(app);

  if (hasConsole && deps.consoleDir) {
    await app.register(fastifyStatic, { root: deps.consoleDir, wildcard: false });
  }

  return app;
}

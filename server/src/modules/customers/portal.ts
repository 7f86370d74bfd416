import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { customerOnly } from '../../platform/auth/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { getPortalAccount } from './service/portal.ts';
import { PortalAccountSchema, toWirePortalAccount } from './portal-wire.ts';

/** Tag of every customer-portal route; the portal's pages by other features reuse it. */
export const portalTags = ['Customer portal'];

/**
 * Routes of the customer portal (`/console/api/portal/…`), served to customer principals only
 * (`customerOnly`: partner credentials get 403 CBC.0151). Login, session, password and access keys
 * are the authentication platform's (`/console/api/portal/session`, `/console/api/portal/access-keys`).
 */
export function registerCustomerPortalRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/portal/account',
    {
      config: { ...customerOnly },
      schema: {
        tags: portalTags,
        summary: 'My account: the signed-in customer and its association',
        response: { 200: PortalAccountSchema, ...errorResponses() },
      },
    },
    async (request) => toWirePortalAccount(await getPortalAccount(authenticatedContextOf(request))),
  );
}

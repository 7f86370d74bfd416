import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { customerOnly } from '../../platform/auth/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import { listPortalChangeRecords, showCustomerBalances } from './service/index.ts';
import {
  CustomerBalancesShowResponseSchema,
  CustomerChangeRecordsQuerySchema,
  CustomerChangeRecordsResponseSchema,
  fromWireCustomerChangeRecordsQuery,
  toWireCustomerAccountBalances,
  toWireCustomerChangeRecords,
} from './wire.ts';

const portalTags = ['Customer portal'];

/**
 * The customer portal's 余额 page (`/console/api/portal/balance…`), for the signed-in customer's
 * session cookie only (`customerOnly`). Same shapes as ShowCustomerAccountBalances and
 * ListCustomerAccountChangeRecords; the change records include a resale customer's own.
 */
export function registerAccountsPortalRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/portal/balance',
    {
      config: { ...customerOnly },
      schema: {
        tags: portalTags,
        summary: 'My balance: the signed-in customer’s cash account',
        response: { 200: CustomerBalancesShowResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireCustomerAccountBalances(await showCustomerBalances(authenticatedContextOf(request))),
  );

  api.get(
    '/console/api/portal/balance/change-records',
    {
      config: { ...customerOnly },
      schema: {
        tags: portalTags,
        summary: 'My balance’s change records (a resale customer’s allocations and reclaims too)',
        querystring: CustomerChangeRecordsQuerySchema,
        response: { 200: CustomerChangeRecordsResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireCustomerChangeRecords(
        await listPortalChangeRecords(
          authenticatedContextOf(request),
          fromWireCustomerChangeRecordsQuery(request.query),
          toPage(request.query),
        ),
      ),
  );
}

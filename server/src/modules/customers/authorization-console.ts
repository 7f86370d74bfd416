import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { customerOnly } from '../../platform/auth/plugin.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import {
  getCustomerAuthorization,
  requestCustomerAuthorization,
  withdrawCustomerAuthorization,
} from './service/authorization.ts';
import {
  approveCustomerAuthorization,
  listPortalAuthorizations,
  rejectCustomerAuthorization,
  revokeCustomerAuthorization,
} from './service/authorization-portal.ts';
import {
  AuthorizationIdParamsSchema,
  CustomerAuthorizationSchema,
  CustomerAuthorizationStateSchema,
  PortalAuthorizationSchema,
  PortalAuthorizationsQuerySchema,
  PortalAuthorizationsResponseSchema,
  RequestAuthorizationBodySchema,
  toWireAuthorization,
  toWireAuthorizationState,
  toWirePortalAuthorization,
} from './authorization-wire.ts';
import { CustomerIdParamsSchema } from './wire.ts';

const partnerTags = ['Console customers'];
const portalTags = ['Customer portal'];

const customerDecisions = {
  approve: approveCustomerAuthorization,
  reject: rejectCustomerAuthorization,
  revoke: revokeCustomerAuthorization,
} as const;

const decisionSummaries: Record<keyof typeof customerDecisions, string> = {
  approve: 'Authorize the partner to operate on the customer’s behalf',
  reject: 'Refuse the partner’s authorization request',
  revoke: 'Take a granted authorization back; the partner’s assumed tokens stop at once',
};

/**
 * Customer authorization (SM-19): the partner's request, status and withdrawal on a customer
 * (P-14 申请客户授权), and the customer's decisions in the portal.
 */
export function registerAuthorizationRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/customers/:customer_id/authorization',
    {
      schema: {
        tags: partnerTags,
        summary: 'The customer’s authorization of the partner: newest request and history',
        params: CustomerIdParamsSchema,
        response: { 200: CustomerAuthorizationStateSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAuthorizationState(
        await getCustomerAuthorization(authenticatedContextOf(request), request.params.customer_id),
      ),
  );

  api.post(
    '/console/api/customers/:customer_id/authorization',
    {
      schema: {
        tags: partnerTags,
        summary: 'Ask the customer for authorization (申请客户授权); waits for the customer',
        params: CustomerIdParamsSchema,
        body: RequestAuthorizationBodySchema,
        response: { 200: CustomerAuthorizationSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAuthorization(
        await requestCustomerAuthorization(authenticatedContextOf(request), {
          customerId: request.params.customer_id,
          acceptCommitment: request.body.accept_commitment ?? false,
        }),
      ),
  );

  api.post(
    '/console/api/customers/:customer_id/authorization/withdraw',
    {
      schema: {
        tags: partnerTags,
        summary: 'Withdraw the request still waiting for the customer',
        params: CustomerIdParamsSchema,
        response: { 200: CustomerAuthorizationSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAuthorization(
        await withdrawCustomerAuthorization(
          authenticatedContextOf(request),
          request.params.customer_id,
        ),
      ),
  );

  api.get(
    '/console/api/portal/authorizations',
    {
      config: { ...customerOnly },
      schema: {
        tags: portalTags,
        summary: 'The partner’s authorization requests to the signed-in customer',
        querystring: PortalAuthorizationsQuerySchema,
        response: { 200: PortalAuthorizationsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await listPortalAuthorizations(
        authenticatedContextOf(request),
        { status: request.query.status },
        toPage(request.query),
      );
      return {
        total_count: page.totalCount,
        authorizations: page.items.map(toWirePortalAuthorization),
      };
    },
  );

  for (const [action, decide] of Object.entries(customerDecisions)) {
    api.post(
      `/console/api/portal/authorizations/:authorization_id/${action}`,
      {
        config: { ...customerOnly },
        schema: {
          tags: portalTags,
          summary: decisionSummaries[action as keyof typeof customerDecisions],
          params: AuthorizationIdParamsSchema,
          response: { 200: PortalAuthorizationSchema, ...errorResponses() },
        },
      },
      async (request) =>
        toWirePortalAuthorization(
          await decide(authenticatedContextOf(request), request.params.authorization_id),
        ),
    );
  }
}

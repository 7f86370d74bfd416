import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { customerOnly } from '../../platform/auth/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import {
  applyForDisassociation,
  decideMyAssociationRequest,
  getMyAssociation,
  withdrawMyAssociationRequest,
} from './service/association-portal.ts';
import {
  ApplyDisassociationSchema,
  AssociationRequestSchema,
  DecideRequestSchema,
  MyAssociationResponseSchema,
  RequestIdParamsSchema,
  toWireAssociationRequest,
  toWireMyAssociation,
} from './association-wire.ts';

import { portalTags as tags } from './portal.ts';

/** Portal routes of 我的合作伙伴: the customer's side of SM-4. Customers only. */
export function registerAssociationPortalRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/portal/association',
    {
      config: { ...customerOnly },
      schema: {
        tags,
        summary: 'My partner: the association, the request waiting for me and my requests',
        response: { 200: MyAssociationResponseSchema, ...errorResponses() },
      },
    },
    async (request) => toWireMyAssociation(await getMyAssociation(authenticatedContextOf(request))),
  );

  api.post(
    '/console/api/portal/association/requests',
    {
      config: { ...customerOnly },
      schema: {
        tags,
        summary: 'Apply for disassociation from my partner (reason and acknowledgement)',
        body: ApplyDisassociationSchema,
        response: { 200: AssociationRequestSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAssociationRequest(
        await applyForDisassociation(authenticatedContextOf(request), request.server.mailer, {
          reason: request.body.reason,
          acknowledged: request.body.acknowledged,
        }),
      ),
  );

  api.post(
    '/console/api/portal/association/requests/:request_id/approve',
    {
      config: { ...customerOnly },
      schema: {
        tags,
        summary: 'Agree to my partner’s disassociation or type-switch request',
        params: RequestIdParamsSchema,
        body: DecideRequestSchema,
        response: { 200: AssociationRequestSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAssociationRequest(
        await decideMyAssociationRequest(authenticatedContextOf(request), request.server.mailer, {
          requestId: request.params.request_id,
          approve: true,
          opinion: request.body.opinion,
        }),
      ),
  );

  api.post(
    '/console/api/portal/association/requests/:request_id/reject',
    {
      config: { ...customerOnly },
      schema: {
        tags,
        summary: 'Refuse my partner’s disassociation or type-switch request',
        params: RequestIdParamsSchema,
        body: DecideRequestSchema,
        response: { 200: AssociationRequestSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAssociationRequest(
        await decideMyAssociationRequest(authenticatedContextOf(request), request.server.mailer, {
          requestId: request.params.request_id,
          approve: false,
          opinion: request.body.opinion,
        }),
      ),
  );

  api.post(
    '/console/api/portal/association/requests/:request_id/withdraw',
    {
      config: { ...customerOnly },
      schema: {
        tags,
        summary: 'Withdraw my disassociation request before my partner decides',
        params: RequestIdParamsSchema,
        response: { 200: AssociationRequestSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAssociationRequest(
        await withdrawMyAssociationRequest(
          authenticatedContextOf(request),
          request.params.request_id,
        ),
      ),
  );
}

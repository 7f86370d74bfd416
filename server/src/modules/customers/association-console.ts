import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ExportFileResponseSchema, sendExportFile } from '../../platform/exports/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import {
  checkAssociationChange,
  decideAssociationRequest,
  getOpenAssociationRequest,
  requestAssociationChange,
  withdrawAssociationRequest,
} from './service/association-partner.ts';
import {
  ASSOCIATION_REQUEST_LIMIT_KEY,
  getAssociationRequestLimit,
  setAssociationRequestLimit,
} from './service/association-policy.ts';
import { exportAssociationRecords, listAssociationRecords } from './service/association-records.ts';
import { registerPreReviewConsoleRoutes } from './association-review-console.ts';
import {
  AccountCheckQuerySchema,
  AccountCheckResponseSchema,
  AssociationLimitRequestSchema,
  AssociationLimitResponseSchema,
  AssociationRecordsExportQuerySchema,
  AssociationRecordsQuerySchema,
  AssociationRecordsResponseSchema,
  AssociationRequestSchema,
  CreateAssociationRequestSchema,
  DecideRequestSchema,
  fromWireRecordFilters,
  OpenRequestResponseSchema,
  RequestIdParamsSchema,
  toWireAccountCheck,
  toWireAssociationLimit,
  toWireAssociationRecord,
  toWireAssociationRequest,
  toWirePartnerRequestState,
} from './association-wire.ts';
import { CustomerIdParamsSchema } from './wire.ts';

const tags = ['Console customer associations'];
const operatorTags = ['Console operator'];

/**
 * Console routes of the association lifecycle (SM-3, SM-4): the partner's disassociation and
 * type-switch requests, 管理关联记录, the operator's request limit and pre-review.
 */
export function registerAssociationConsoleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  registerPreReviewConsoleRoutes(app);

  api.get(
    '/console/api/customers/:customer_id/association-check',
    {
      schema: {
        tags,
        summary: 'The account check (账号检查) before a disassociation or type-switch request',
        params: CustomerIdParamsSchema,
        querystring: AccountCheckQuerySchema,
        response: { 200: AccountCheckResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAccountCheck(
        await checkAssociationChange(
          authenticatedContextOf(request),
          request.params.customer_id,
          request.query.kind,
        ),
      ),
  );

  api.get(
    '/console/api/customers/:customer_id/association-request',
    {
      schema: {
        tags,
        summary: 'The customer’s association request waiting for a decision, if any',
        params: CustomerIdParamsSchema,
        response: { 200: OpenRequestResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWirePartnerRequestState(
        await getOpenAssociationRequest(
          authenticatedContextOf(request),
          request.params.customer_id,
        ),
      ),
  );

  api.post(
    '/console/api/customers/:customer_id/association-requests',
    {
      schema: {
        tags,
        summary: 'Request disassociation or a type switch; the customer decides',
        params: CustomerIdParamsSchema,
        body: CreateAssociationRequestSchema,
        response: { 200: AssociationRequestSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAssociationRequest(
        await requestAssociationChange(authenticatedContextOf(request), request.server.mailer, {
          customerId: request.params.customer_id,
          kind: request.body.kind,
          reason: request.body.reason,
          acknowledged: request.body.acknowledged,
        }),
      ),
  );

  api.post(
    '/console/api/association-requests/:request_id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw the partner’s request before the customer decides',
        params: RequestIdParamsSchema,
        response: { 200: AssociationRequestSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAssociationRequest(
        await withdrawAssociationRequest(
          authenticatedContextOf(request),
          request.params.request_id,
        ),
      ),
  );

  api.post(
    '/console/api/association-requests/:request_id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a customer’s disassociation request (completes it)',
        params: RequestIdParamsSchema,
        body: DecideRequestSchema,
        response: { 200: AssociationRequestSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAssociationRequest(
        await decideAssociationRequest(authenticatedContextOf(request), request.server.mailer, {
          requestId: request.params.request_id,
          approve: true,
          opinion: request.body.opinion,
        }),
      ),
  );

  api.post(
    '/console/api/association-requests/:request_id/reject',
    {
      schema: {
        tags,
        summary: 'Reject a customer’s disassociation request with an opinion',
        params: RequestIdParamsSchema,
        body: DecideRequestSchema,
        response: { 200: AssociationRequestSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAssociationRequest(
        await decideAssociationRequest(authenticatedContextOf(request), request.server.mailer, {
          requestId: request.params.request_id,
          approve: false,
          opinion: request.body.opinion,
        }),
      ),
  );

  api.get(
    '/console/api/association-records',
    {
      schema: {
        tags,
        summary: '管理关联记录: association, type-switch, disassociation and request events',
        querystring: AssociationRecordsQuerySchema,
        response: { 200: AssociationRecordsResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await listAssociationRecords(
        authenticatedContextOf(request),
        fromWireRecordFilters(request.query),
        toPage(request.query),
      );
      return {
        total_count: result.totalCount,
        records: result.items.map(toWireAssociationRecord),
      };
    },
  );

  api.get(
    '/console/api/association-records/export',
    {
      schema: {
        tags,
        summary: 'Download the filtered association records as CSV or XLSX',
        querystring: AssociationRecordsExportQuerySchema,
        response: {
          200: ExportFileResponseSchema,
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const file = await exportAssociationRecords(
        authenticatedContextOf(request),
        fromWireRecordFilters(request.query),
        request.query.format ?? 'csv',
      );
      return sendExportFile(reply, file);
    },
  );

  api.get(
    '/console/api/operator/association-request-limit',
    {
      schema: {
        tags: operatorTags,
        summary: 'How many disassociation/type-switch requests each side may make per period',
        response: { 200: AssociationLimitResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAssociationLimit(
        ASSOCIATION_REQUEST_LIMIT_KEY,
        await getAssociationRequestLimit(authenticatedContextOf(request)),
      ),
  );

  api.put(
    '/console/api/operator/association-request-limit',
    {
      schema: {
        tags: operatorTags,
        summary: 'Set the association request limit (R-DIS-02/03; audited)',
        body: AssociationLimitRequestSchema,
        response: { 200: AssociationLimitResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireAssociationLimit(
        ASSOCIATION_REQUEST_LIMIT_KEY,
        await setAssociationRequestLimit(authenticatedContextOf(request), {
          maxRequests: request.body.max_requests,
          periodMonths: request.body.period_months,
        }),
      ),
  );
}

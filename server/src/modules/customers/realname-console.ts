import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import { getRealnameUpload, setRealnameUpload } from './service/realname.ts';
import {
  approveRealnameApplication,
  listRealnameApplications,
  rejectRealnameApplication,
} from './service/realname-review.ts';
import {
  ListRealnameQuerySchema,
  ListRealnameResponseSchema,
  RealnameApplicationSchema,
  RealnameIdParamsSchema,
  RealnameUploadSchema,
  RejectRealnameRequestSchema,
  toWireRealnameApplication,
} from './realname-wire.ts';

const partnerTags = ['Console partner information'];
const operatorTags = ['Console operator'];

/** Console routes of real-name authentication: the partner's switch and the operator's queue. */
export function registerRealnameConsoleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/partner/realname-upload',
    {
      schema: {
        tags: partnerTags,
        summary: 'The "实名认证附件上传" switch (R-MISC-04)',
        response: { 200: RealnameUploadSchema, ...errorResponses() },
      },
    },
    async (request) => getRealnameUpload(authenticatedContextOf(request)),
  );

  api.put(
    '/console/api/partner/realname-upload',
    {
      schema: {
        tags: partnerTags,
        summary: 'Turn "实名认证附件上传" on or off; the real-name APIs need it on',
        body: RealnameUploadSchema,
        response: { 200: RealnameUploadSchema, ...errorResponses() },
      },
    },
    async (request) => setRealnameUpload(authenticatedContextOf(request), request.body.enabled),
  );

  api.get(
    '/console/api/operator/realname-applications',
    {
      schema: {
        tags: operatorTags,
        summary: 'Real-name applications of customers to review',
        querystring: ListRealnameQuerySchema,
        response: { 200: ListRealnameResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await listRealnameApplications(
        authenticatedContextOf(request),
        { status: request.query.status },
        toPage(request.query),
      );
      return {
        total_count: page.totalCount,
        applications: page.items.map(toWireRealnameApplication),
      };
    },
  );

  api.post(
    '/console/api/operator/realname-applications/:id/approve',
    {
      schema: {
        tags: operatorTags,
        summary: 'Approve a real-name application under review',
        params: RealnameIdParamsSchema,
        response: { 200: RealnameApplicationSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireRealnameApplication(
        await approveRealnameApplication(authenticatedContextOf(request), request.params.id),
      ),
  );

  api.post(
    '/console/api/operator/realname-applications/:id/reject',
    {
      schema: {
        tags: operatorTags,
        summary: 'Reject a real-name application under review with an opinion',
        params: RealnameIdParamsSchema,
        body: RejectRealnameRequestSchema,
        response: { 200: RealnameApplicationSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireRealnameApplication(
        await rejectRealnameApplication(
          authenticatedContextOf(request),
          request.params.id,
          request.body.opinion,
        ),
      ),
  );
}

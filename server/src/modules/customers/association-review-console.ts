import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import {
  getPreReviewSetting,
  PRE_REVIEW_KEY,
  setPreReviewSetting,
} from './service/association-policy.ts';
import { listPreReviewRequests, reviewAssociationRequest } from './service/association-review.ts';
import {
  AssociationRequestSchema,
  PreReviewListResponseSchema,
  PreReviewQuerySchema,
  PreReviewSettingRequestSchema,
  PreReviewSettingResponseSchema,
  RequestIdParamsSchema,
  ReviewRequestSchema,
  toWireAssociationRequest,
  toWirePreReviewItem,
  toWirePreReviewSetting,
} from './association-wire.ts';

const tags = ['Console operator'];

/** The operator's pre-review of partners' disassociation requests (R-DIS-06, SM-4 预审中). */
export function registerPreReviewConsoleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/operator/disassociation-pre-review',
    {
      schema: {
        tags,
        summary: 'Whether partners’ disassociation requests are pre-reviewed, and the contact',
        response: { 200: PreReviewSettingResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWirePreReviewSetting(
        PRE_REVIEW_KEY,
        await getPreReviewSetting(authenticatedContextOf(request)),
      ),
  );

  api.put(
    '/console/api/operator/disassociation-pre-review',
    {
      schema: {
        tags,
        summary: 'Turn the pre-review on or off and set the reviewers’ contact (audited)',
        body: PreReviewSettingRequestSchema,
        response: { 200: PreReviewSettingResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWirePreReviewSetting(
        PRE_REVIEW_KEY,
        await setPreReviewSetting(authenticatedContextOf(request), {
          enabled: request.body.enabled,
          reviewerContact: request.body.reviewer_contact,
        }),
      ),
  );

  api.get(
    '/console/api/operator/association-reviews',
    {
      schema: {
        tags,
        summary: 'Partners’ disassociation requests waiting for pre-review, or reviewed ones',
        querystring: PreReviewQuerySchema,
        response: { 200: PreReviewListResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const page = await listPreReviewRequests(
        authenticatedContextOf(request),
        request.query.queue ?? 'pending',
        toPage(request.query),
      );
      return { total_count: page.totalCount, requests: page.items.map(toWirePreReviewItem) };
    },
  );

  for (const [action, pass] of [
    ['pass', true],
    ['fail', false],
  ] as const) {
    api.post(
      `/console/api/operator/association-reviews/:request_id/${action}`,
      {
        schema: {
          tags,
          summary: pass
            ? 'Pass the pre-review: the request goes on to the customer'
            : 'Fail the pre-review with a reason the partner sees with the reviewers’ contact',
          params: RequestIdParamsSchema,
          body: ReviewRequestSchema,
          response: { 200: AssociationRequestSchema, ...errorResponses() },
        },
      },
      async (request) =>
        toWireAssociationRequest(
          await reviewAssociationRequest(authenticatedContextOf(request), request.server.mailer, {
            requestId: request.params.request_id,
            pass,
            opinion: request.body.opinion,
          }),
        ),
    );
  }
}

import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import {
  changeEnterpriseRealname,
  getRealnameReviewResult,
  submitEnterpriseRealname,
  submitPersonalRealname,
} from './service/realname.ts';
import {
  ChangeRealnameRequestSchema,
  EnterpriseRealnameRequestSchema,
  fromWireChange,
  fromWireEnterprise,
  fromWirePersonal,
  IsReviewResponseSchema,
  PersonalRealnameRequestSchema,
  ReviewResultQuerySchema,
  ReviewResultResponseSchema,
  toWireReviewResult,
} from './realname-wire.ts';

const tags = ['Enterprise / real-name authentication'];

/** The open API of real-name authentication (catalog group 2), Huawei paths and field names. */
export function registerRealnameApi(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v2/customers/realname-auths/individual',
    {
      schema: {
        tags,
        summary: 'CreatePersonalRealnameAuth: apply for individual verification of a customer',
        body: PersonalRealnameRequestSchema,
        response: { 200: IsReviewResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await submitPersonalRealname(
        authenticatedContextOf(request),
        fromWirePersonal(request.body),
      );
      return { is_review: result.isReview };
    },
  );

  api.post(
    '/v2/customers/realname-auths/enterprise',
    {
      schema: {
        tags,
        summary:
          'CreateEnterpriseRealnameAuthentication: apply for enterprise verification of a customer',
        body: EnterpriseRealnameRequestSchema,
        response: { 200: IsReviewResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await submitEnterpriseRealname(
        authenticatedContextOf(request),
        fromWireEnterprise(request.body),
      );
      return { is_review: result.isReview };
    },
  );

  api.put(
    '/v2/customers/realname-auths/enterprise',
    {
      schema: {
        tags,
        summary:
          'ChangeEnterpriseRealnameAuthentication: upgrade an individually verified customer to enterprise',
        body: ChangeRealnameRequestSchema,
        response: { 200: IsReviewResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await changeEnterpriseRealname(
        authenticatedContextOf(request),
        fromWireChange(request.body),
      );
      return { is_review: result.isReview };
    },
  );

  api.get(
    '/v2/customers/realname-auths/result',
    {
      schema: {
        tags,
        summary:
          'ShowRealnameAuthenticationReviewResult: the review state of the newest application',
        querystring: ReviewResultQuerySchema,
        response: { 200: ReviewResultResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireReviewResult(
        await getRealnameReviewResult(authenticatedContextOf(request), request.query.customer_id),
      ),
  );
}

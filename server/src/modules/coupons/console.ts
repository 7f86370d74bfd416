import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { readIdempotencyKey } from '../../platform/idempotency/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import { grantQuota, reclaimGrantedQuota } from './service/index.ts';
import {
  fromWireQuotaGrant,
  IdempotencyHeadersSchema,
  PartnerIdParamsSchema,
  QuotaGrantRequestSchema,
  QuotaGrantResponseSchema,
  QuotaIdParamsSchema,
  QuotaReclaimRequestSchema,
  QuotaReclaimResponseSchema,
} from './wire.ts';

const operatorTags = ['Console operator'];

/** Console routes of coupons: the operator grants and reclaims partners' coupon quota. */
export function registerCouponsConsoleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/console/api/operator/partners/:partner_id/coupon-quotas',
    {
      schema: {
        tags: operatorTags,
        summary: 'Grant a coupon quota to a solution provider or tier-1 distributor',
        headers: IdempotencyHeadersSchema,
        params: PartnerIdParamsSchema,
        body: QuotaGrantRequestSchema,
        response: { 200: QuotaGrantResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const ctx = authenticatedContextOf(request);
      const result = await grantQuota(
        ctx,
        fromWireQuotaGrant(request.params.partner_id, request.body, ctx.clock.now()),
        readIdempotencyKey(request.headers['idempotency-key']),
      );
      return { quota_id: result.quotaId };
    },
  );

  api.post(
    '/console/api/operator/coupon-quotas/:quota_id/reclaim',
    {
      schema: {
        tags: operatorTags,
        summary: 'Reclaim the whole unused balance of a quota the operator granted',
        headers: IdempotencyHeadersSchema,
        params: QuotaIdParamsSchema,
        body: QuotaReclaimRequestSchema,
        response: { 200: QuotaReclaimResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const result = await reclaimGrantedQuota(
        authenticatedContextOf(request),
        { quotaId: request.params.quota_id, remark: request.body.remark ?? '' },
        readIdempotencyKey(request.headers['idempotency-key']),
      );
      return {
        quota_id: result.quotaId,
        amount: result.amount,
        quota_balance: result.quotaBalance,
      };
    },
  );
}

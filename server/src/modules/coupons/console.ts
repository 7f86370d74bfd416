import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { readIdempotencyKey } from '../../platform/idempotency/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import { ExportFileResponseSchema, sendExportFile } from '../../platform/exports/index.ts';
import {
  exportOperationRecords,
  grantQuota,
  listIssuedCouponsWithNames,
  listOperationRecords,
  reclaimGrantedQuota,
} from './service/index.ts';
import {
  fromWireOperationRecordsQuery,
  NamedIssuedCouponsResponseSchema,
  OperationRecordsExportQuerySchema,
  OperationRecordsQuerySchema,
  OperationRecordsResponseSchema,
  toWireNamedIssuedCoupons,
  toWireOperationRecords,
} from './console-wire.ts';
import {
  fromWireIssuedCouponsQuery,
  fromWireQuotaGrant,
  IdempotencyHeadersSchema,
  IssuedCouponsQuerySchema,
  PartnerIdParamsSchema,
  QuotaGrantRequestSchema,
  QuotaGrantResponseSchema,
  QuotaIdParamsSchema,
  QuotaReclaimRequestSchema,
  QuotaReclaimResponseSchema,
} from './wire.ts';

const operatorTags = ['Console operator'];
const couponTags = ['Console coupons'];

/**
 * Console routes of coupons: the operator grants and reclaims partners' coupon quota; partners
 * read 券管理's issued coupons with names and its operation log, and export the log. Issuing and
 * reclaiming go through the open API routes, which the console session may call.
 */
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

  api.get(
    '/console/api/coupons/issued',
    {
      schema: {
        tags: couponTags,
        summary: '已发放代金券: ListIssuedPartnerCoupons with each customer’s names',
        querystring: IssuedCouponsQuerySchema,
        response: { 200: NamedIssuedCouponsResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireNamedIssuedCoupons(
        await listIssuedCouponsWithNames(
          authenticatedContextOf(request),
          fromWireIssuedCouponsQuery(request.query),
          toPage(request.query),
        ),
      ),
  );

  api.get(
    '/console/api/coupons/operation-records',
    {
      schema: {
        tags: couponTags,
        summary: '操作记录: coupon and reseller-quota issues and reclaims, with remarks',
        querystring: OperationRecordsQuerySchema,
        response: { 200: OperationRecordsResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireOperationRecords(
        await listOperationRecords(
          authenticatedContextOf(request),
          fromWireOperationRecordsQuery(request.query),
          toPage(request.query),
        ),
      ),
  );

  api.get(
    '/console/api/coupons/operation-records/export',
    {
      schema: {
        tags: couponTags,
        summary: '操作记录 as CSV or XLSX (customer names masked)',
        querystring: OperationRecordsExportQuerySchema,
        response: { 200: ExportFileResponseSchema, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const file = await exportOperationRecords(
        authenticatedContextOf(request),
        fromWireOperationRecordsQuery(request.query),
        request.query.format ?? 'csv',
      );
      return sendExportFile(reply, file);
    },
  );
}

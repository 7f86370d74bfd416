import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { customerOnly } from '../../platform/auth/index.ts';
import { readIdempotencyKey } from '../../platform/idempotency/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import {
  issueCoupons,
  issueQuotaToResellers,
  listCouponRecords,
  listIssuedCoupons,
  listIssuedQuotas,
  listOwnCouponChanges,
  listOwnCoupons,
  listOwnStoredValueCards,
  listQuotaRecords,
  listQuotas,
  reclaimCoupon,
  reclaimResellerQuotas,
} from './service/index.ts';
import {
  CouponIssueRequestSchema,
  CouponIssueResponseSchema,
  CouponReclaimRequestSchema,
  CouponRecordsQuerySchema,
  CouponRecordsResponseSchema,
  fromWireCouponIssue,
  fromWireCouponRecordsQuery,
  fromWireIssuedCouponsQuery,
  fromWireOwnCouponChangesQuery,
  fromWireOwnCouponsQuery,
  fromWireQuotaQuery,
  fromWireQuotaRecordsQuery,
  fromWireResellerQuotaIssue,
  IdempotencyHeadersSchema,
  IssuedCouponsQuerySchema,
  IssuedCouponsResponseSchema,
  IssuedQuotasQuerySchema,
  IssuedQuotasResponseSchema,
  OwnCouponChangesQuerySchema,
  OwnCouponChangesResponseSchema,
  OwnCouponsQuerySchema,
  OwnCouponsResponseSchema,
  QuotaQueryRequestSchema,
  QuotaQueryResponseSchema,
  QuotaRecordsQuerySchema,
  QuotaRecordsResponseSchema,
  ResellerQuotaIssueRequestSchema,
  ResellerQuotaIssueResponseSchema,
  ResellerQuotaReclaimRequestSchema,
  ResellerQuotaReclaimResponseSchema,
  toWireCouponIssue,
  toWireCouponRecords,
  toWireIssuedCoupons,
  toWireIssuedQuotaPage,
  toWireOwnCouponChanges,
  toWireOwnCoupons,
  StoredValueCardsQuerySchema,
  StoredValueCardsResponseSchema,
  toWireStoredValueCards,
  toWireQuotaPage,
  toWireQuotaRecords,
  toWireResellerQuotaIssue,
  toWireResellerQuotaReclaim,
} from './wire.ts';

const tags = ['Coupons & coupon quotas'];

/**
 * The open API of coupon quotas and coupons (catalog group 5), with Huawei's paths and field
 * names. Money-moving routes accept the optional `Idempotency-Key`.
 */
export function registerCouponsApi(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/v2/partners/coupon-quotas/query',
    {
      schema: {
        tags,
        summary: 'ListQuotaCoupons (查询优惠券额度): own quotas, or a reseller’s',
        body: QuotaQueryRequestSchema,
        response: { 200: QuotaQueryResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireQuotaPage(
        await listQuotas(
          authenticatedContextOf(request),
          fromWireQuotaQuery(request.body),
          toPage(request.body),
        ),
      ),
  );

  api.post(
    '/v2/promotions/benefits/partner-coupons',
    {
      schema: {
        tags,
        summary: 'CreatePartnerCoupons (发放优惠券): coupons from a quota to resale customers',
        headers: IdempotencyHeadersSchema,
        body: CouponIssueRequestSchema,
        response: { 200: CouponIssueResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireCouponIssue(
        await issueCoupons(
          authenticatedContextOf(request),
          {
            ...fromWireCouponIssue(request.body),
            verificationCode: request.headers['x-verification-code'],
          },
          readIdempotencyKey(request.headers['idempotency-key']),
        ),
      ),
  );

  api.post(
    '/v2/promotions/benefits/partner-coupons/reclaim',
    {
      schema: {
        tags,
        summary: 'ReclaimPartnerCoupons (回收优惠券): the whole balance back to the quota',
        headers: IdempotencyHeadersSchema,
        body: CouponReclaimRequestSchema,
        response: { ...errorResponses() },
      },
    },
    async (request, reply) => {
      await reclaimCoupon(
        authenticatedContextOf(request),
        {
          couponId: request.body.coupon_id,
          indirectPartnerId: request.body.indirect_partner_id,
          verificationCode: request.headers['x-verification-code'],
        },
        readIdempotencyKey(request.headers['idempotency-key']),
      );
      return reply.code(204).send();
    },
  );

  api.get(
    '/v2/promotions/benefits/partner-coupons',
    {
      schema: {
        tags,
        summary: 'ListIssuedPartnerCoupons (查询已发放的优惠券)',
        querystring: IssuedCouponsQuerySchema,
        response: { 200: IssuedCouponsResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireIssuedCoupons(
        await listIssuedCoupons(
          authenticatedContextOf(request),
          fromWireIssuedCouponsQuery(request.query),
          toPage(request.query),
        ),
      ),
  );

  api.get(
    '/v2/promotions/benefits/partner-coupons/records/query',
    {
      schema: {
        tags,
        summary: 'ListPartnerCouponsRecord (查询优惠券的发放回收记录)',
        querystring: CouponRecordsQuerySchema,
        response: { 200: CouponRecordsResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireCouponRecords(
        await listCouponRecords(
          authenticatedContextOf(request),
          fromWireCouponRecordsQuery(request.query),
          toPage(request.query),
        ),
      ),
  );

  api.post(
    '/v2/partners/coupon-quotas/indirect-partner-adjust',
    {
      schema: {
        tags,
        summary: 'UpdateCouponQuotas (向云经销商发放代金券额度)',
        headers: IdempotencyHeadersSchema,
        body: ResellerQuotaIssueRequestSchema,
        response: { 200: ResellerQuotaIssueResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireResellerQuotaIssue(
        await issueQuotaToResellers(
          authenticatedContextOf(request),
          {
            ...fromWireResellerQuotaIssue(request.body),
            verificationCode: request.headers['x-verification-code'],
          },
          readIdempotencyKey(request.headers['idempotency-key']),
        ),
      ),
  );

  api.post(
    '/v2/partners/coupon-quotas/indirect-partner-reclaim',
    {
      schema: {
        tags,
        summary: 'ReclaimCouponQuotas (回收云经销商的代金券额度): whole unused balances',
        headers: IdempotencyHeadersSchema,
        body: ResellerQuotaReclaimRequestSchema,
        response: { 200: ResellerQuotaReclaimResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireResellerQuotaReclaim(
        await reclaimResellerQuotas(
          authenticatedContextOf(request),
          {
            quotaIds: request.body.quota_ids,
            remark: request.body.remark ?? '',
            verificationCode: request.headers['x-verification-code'],
          },
          readIdempotencyKey(request.headers['idempotency-key']),
        ),
      ),
  );

  api.get(
    '/v2/partners/issued-coupon-quotas',
    {
      schema: {
        tags,
        summary: 'ListIssuedCouponQuotas (查询已发放的代金券额度)',
        querystring: IssuedQuotasQuerySchema,
        response: { 200: IssuedQuotasResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireIssuedQuotaPage(
        await listIssuedQuotas(
          authenticatedContextOf(request),
          {
            quotaId: request.query.quota_id || undefined,
            indirectPartnerId: request.query.indirect_partner_id || undefined,
            parentQuotaId: request.query.parent_quota_id || undefined,
          },
          toPage(request.query),
        ),
      ),
  );

  api.get(
    '/v2/partners/coupon-quotas/records',
    {
      schema: {
        tags,
        summary: 'ListCouponQuotasRecords (查询代金券额度的发放回收记录)',
        querystring: QuotaRecordsQuerySchema,
        response: { 200: QuotaRecordsResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireQuotaRecords(
        await listQuotaRecords(
          authenticatedContextOf(request),
          fromWireQuotaRecordsQuery(request.query),
          toPage(request.query),
        ),
      ),
  );

  api.get(
    '/v2/promotions/benefits/coupons',
    {
      config: { ...customerOnly },
      schema: {
        tags,
        summary: 'ListSubCustomerCoupons (查询优惠券列表): the calling customer’s coupons',
        querystring: OwnCouponsQuerySchema,
        response: { 200: OwnCouponsResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireOwnCoupons(
        await listOwnCoupons(
          authenticatedContextOf(request),
          fromWireOwnCouponsQuery(request.query),
          toPage(request.query),
        ),
      ),
  );

  api.get(
    '/v2/promotions/benefits/stored-value-cards',
    {
      config: { ...customerOnly },
      schema: {
        tags,
        summary: 'ListStoredValueCards (查询储值卡列表): the calling customer’s stored-value cards',
        querystring: StoredValueCardsQuerySchema,
        response: { 200: StoredValueCardsResponseSchema, ...errorResponses() },
      },
    },
    async (request) =>
      toWireStoredValueCards(
        await listOwnStoredValueCards(
          authenticatedContextOf(request),
          { status: request.query.status, cardId: request.query.card_id || undefined },
          toPage(request.query),
        ),
      ),
  );

  api.get(
    '/v2/promotions/benefits/account-change-records',
    {
      config: { ...customerOnly },
      schema: {
        tags,
        summary: 'ListCustomerCouponChangeRecords (查询优惠券收支明细)',
        querystring: OwnCouponChangesQuerySchema,
        response: { 200: OwnCouponChangesResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const ctx = authenticatedContextOf(request);
      return toWireOwnCouponChanges(
        await listOwnCouponChanges(
          ctx,
          fromWireOwnCouponChangesQuery(request.query, ctx.clock.now()),
          toPage(request.query),
        ),
        ctx.principal.accountName,
      );
    },
  );
}

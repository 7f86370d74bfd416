import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { customerOnly } from '../../platform/auth/index.ts';
import { authenticatedContextOf } from '../../platform/http/request-context.ts';
import { errorResponses, toPage } from '../../platform/http/schemas.ts';
import { PortalCouponChangesQuerySchema } from './console-wire.ts';
import { listOwnCouponChanges, listOwnCoupons } from './service/index.ts';
import {
  fromWireOwnCouponChangesQuery,
  fromWireOwnCouponsQuery,
  OwnCouponChangesResponseSchema,
  OwnCouponsQuerySchema,
  OwnCouponsResponseSchema,
  toWireOwnCouponChanges,
  toWireOwnCoupons,
} from './wire.ts';

const portalTags = ['Customer portal'];

/**
 * The customer portal's 优惠券 page (`/console/api/portal/coupons…`), for the signed-in customer
 * only (`customerOnly`). Same shapes as ListSubCustomerCoupons and
 * ListCustomerCouponChangeRecords: reclaimed coupons are gone, the issuer's remark never shows.
 */
export function registerCouponsPortalRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/console/api/portal/coupons',
    {
      config: { ...customerOnly },
      schema: {
        tags: portalTags,
        summary: 'My coupons: face value, balance, validity and scope',
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
    '/console/api/portal/coupons/change-records',
    {
      config: { ...customerOnly },
      schema: {
        tags: portalTags,
        summary: 'My coupons’ change records: issues to me and reclaims from me',
        querystring: PortalCouponChangesQuerySchema,
        response: { 200: OwnCouponChangesResponseSchema, ...errorResponses() },
      },
    },
    async (request) => {
      const ctx = authenticatedContextOf(request);
      return toWireOwnCouponChanges(
        await listOwnCouponChanges(
          ctx,
          fromWireOwnCouponChangesQuery(
            { ...request.query, balance_type: 'BALANCE_TYPE_COUPON' },
            ctx.clock.now(),
          ),
          toPage(request.query),
        ),
        ctx.principal.accountName,
      );
    },
  );
}

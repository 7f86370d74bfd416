import { Type, type Static } from '@sinclair/typebox';
import { exportFormats } from '../../platform/exports/index.ts';
import { pagingProperties, toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import {
  operationKinds,
  type NamedCouponView,
  type OperationRecordFilters,
  type OperationRow,
} from './service/index.ts';
import { IssuedCouponSchema, OwnCouponChangesQuerySchema, toWireIssuedCoupon } from './wire.ts';

/**
 * Console-only shapes of 券管理 (P-17) and the portal's 优惠券 page. The money moves themselves go
 * through the open API routes, which the console session may call; these add what the console
 * shows and Huawei's operations do not carry (names, the combined operation log, its export).
 */

export const NamedIssuedCouponsResponseSchema = Type.Object({
  total_count: Type.Integer(),
  user_coupons: Type.Array(
    Type.Composite([
      IssuedCouponSchema,
      Type.Object({
        customer_account_name: Type.String(),
        customer_name: Type.String(),
      }),
    ]),
  ),
});

export function toWireNamedIssuedCoupons(page: { items: NamedCouponView[]; totalCount: number }) {
  return {
    total_count: page.totalCount,
    user_coupons: page.items.map((coupon) => ({
      ...toWireIssuedCoupon(coupon),
      customer_account_name: coupon.customerAccountName,
      customer_name: coupon.customerName,
    })),
  };
}

const operationFilterProperties = {
  kind: Type.Optional(
    Type.Union(
      operationKinds.map((kind) => Type.Literal(kind)),
      {
        description: 'coupon: issues and reclaims of coupons; quota: of reseller quota',
      },
    ),
  ),
  operation_time_begin: Type.Optional(WireTimeSchema),
  operation_time_end: Type.Optional(WireTimeSchema),
  name: Type.Optional(
    Type.String({ maxLength: 100, description: 'Part of the customer’s or reseller’s name' }),
  ),
  quota_id: Type.Optional(
    Type.String({ maxLength: 64, description: 'The quota moved or the source quota' }),
  ),
  operator: Type.Optional(
    Type.String({ maxLength: 100, description: 'Part of the operator’s account/user name' }),
  ),
};

export const OperationRecordsQuerySchema = Type.Object(
  { ...operationFilterProperties, ...pagingProperties(100) },
  { additionalProperties: false },
);

export const OperationRecordsExportQuerySchema = Type.Object(
  {
    ...operationFilterProperties,
    format: Type.Optional(Type.Union(exportFormats.map((format) => Type.Literal(format)))),
  },
  { additionalProperties: false },
);

export function fromWireOperationRecordsQuery(
  query:
    Static<typeof OperationRecordsQuerySchema> | Static<typeof OperationRecordsExportQuerySchema>,
): OperationRecordFilters {
  return {
    kind: query.kind,
    operationTimeBegin: query.operation_time_begin
      ? new Date(query.operation_time_begin)
      : undefined,
    operationTimeEnd: query.operation_time_end ? new Date(query.operation_time_end) : undefined,
    name: query.name?.trim() || undefined,
    quotaId: query.quota_id?.trim() || undefined,
    operator: query.operator?.trim() || undefined,
  };
}

export const OperationRecordsResponseSchema = Type.Object({
  total_count: Type.Integer(),
  records: Type.Array(
    Type.Object({
      id: Type.String(),
      operation_type: Type.String({
        description: '1 issue, 2 reclaim, 10 quota issue, 11 quota reclaim',
      }),
      operation_time: Type.String(),
      quota_id: Type.String(),
      parent_quota_id: Type.String(),
      coupon_id: Type.String(),
      customer_id: Type.String(),
      customer_name: Type.String(),
      indirect_partner_id: Type.String(),
      indirect_partner_name: Type.String(),
      amount: Type.String({ description: 'Yuan, two decimals' }),
      balance_after: Type.String({
        description: 'The coupon’s (or reseller quota’s) balance after',
      }),
      currency: Type.String(),
      operator: Type.String(),
      remark: Type.String({ description: 'The issuer’s remark (R-COUP-04)' }),
    }),
  ),
});

export function toWireOperationRecords(page: { items: OperationRow[]; totalCount: number }) {
  return {
    total_count: page.totalCount,
    records: page.items.map((row) => ({
      id: row.id,
      operation_type: row.operationType,
      operation_time: toWireTime(row.occurredAt) ?? '',
      quota_id: row.quotaId,
      parent_quota_id: row.parentQuotaId ?? '',
      coupon_id: row.couponId ?? '',
      customer_id: row.customerId ?? '',
      customer_name: row.customerName,
      indirect_partner_id: row.indirectPartnerId ?? '',
      indirect_partner_name: row.indirectPartnerName,
      amount: row.amount,
      balance_after: row.balanceAfter,
      currency: 'CNY',
      operator: row.operatorName,
      remark: row.remark,
    })),
  };
}

/** The portal's query of its coupon changes: ListCustomerCouponChangeRecords' without the type. */
export const PortalCouponChangesQuerySchema = Type.Omit(OwnCouponChangesQuerySchema, [
  'balance_type',
]);

import { Type, type Static } from '@sinclair/typebox';
import { invalidParameter } from '../../platform/http/errors.ts';
import { pagingProperties, toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import {
  formatMoney,
  moneyToWireNumber,
  parseMoveAmount,
  type Money,
} from '../../platform/money/index.ts';
import type { CouponScope } from './schema.ts';
import {
  couponTradeTypes,
  type BatchError,
  type CouponIssue,
  type CouponView,
  type OperationRow,
  type OwnCouponChangeFilters,
  type QuotaGrant,
  type QuotaView,
  type StoredValueCardView,
} from './service/index.ts';

/** `measure_id` 1: amounts in yuan. */
const YUAN = 1;
const CURRENCY = 'CNY';

/** Huawei's `decimal`: the Go SDK sends a JSON string, Python a JSON number (conventions §6). */
const DecimalSchema = (description: string) =>
  Type.Union([Type.String({ maxLength: 32 }), Type.Number()], { description });

const IdSchema = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });

const IndirectPartnerSchema = Type.Optional(
  Type.String({ maxLength: 64, description: 'A reseller of the calling tier-1 distributor' }),
);

const CodeListSchema = (description: string) =>
  Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10, description }),
  );

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      description:
        'Huoban extension: a repeat within 24 h returns the first response and moves nothing',
    }),
  ),
  'x-verification-code': Type.Optional(
    Type.String({
      maxLength: 16,
      description:
        'Huoban console: the code from POST /console/api/operation-codes, needed on money moves made in a console session when 验证码验证 is on',
    }),
  ),
});

const OptionalTime = Type.Optional(WireTimeSchema);

function time(value: string | undefined): Date | undefined {
  return value ? new Date(value) : undefined;
}

function amount(value: Money): number {
  return moneyToWireNumber(value);
}

const ErrorDetailSchema = Type.Object({
  error_code: Type.String(),
  error_msg: Type.String(),
  id: Type.String(),
});

function toWireErrors(errors: readonly BatchError[]) {
  return errors.map((error) => ({
    error_code: error.errorCode,
    error_msg: error.errorMsg,
    id: error.id,
  }));
}

const LimitInfoSchema = Type.Object({
  limit_key: Type.String(),
  limit_values: Type.Array(Type.Object({ value1: Type.String(), value2: Type.String() })),
});

/** A scope as Huawei's restriction attributes (only the restricted kinds are listed). */
function toLimitInfos(scope: CouponScope) {
  const infos = [];
  if (scope.cloudServiceTypes.length > 0) {
    infos.push({
      limit_key: 'cloud_service_types',
      limit_values: scope.cloudServiceTypes.map((code) => ({ value1: code, value2: '' })),
    });
  }
  if (scope.productIds.length > 0) {
    infos.push({
      limit_key: 'product_ids',
      limit_values: scope.productIds.map((code) => ({ value1: code, value2: '' })),
    });
  }
  return infos;
}

function scopeOf(body: { cloud_service_types?: string[]; product_ids?: string[] }): CouponScope {
  return {
    cloudServiceTypes: [...new Set(body.cloud_service_types ?? [])],
    productIds: [...new Set(body.product_ids ?? [])],
  };
}

// ---------------------------------------------------------------- quotas

const QuotaSchema = Type.Object({
  quota_id: Type.String(),
  quota_type: Type.Integer(),
  create_time: Type.String(),
  last_update_time: Type.String(),
  quota_value: Type.Number(),
  quota_status: Type.Integer({ description: '0 normal, 3 invalid (expired), 6 reclaimed' }),
  balance: Type.Number(),
  measure_id: Type.Integer(),
  currency: Type.String(),
  effective_time: Type.String(),
  expire_time: Type.String(),
  limit_infos: Type.Array(LimitInfoSchema),
});

function toWireQuota(quota: QuotaView) {
  return {
    quota_id: quota.quotaId,
    quota_type: quota.quotaType,
    create_time: toWireTime(quota.createTime) ?? '',
    last_update_time: toWireTime(quota.lastUpdateTime) ?? '',
    quota_value: amount(quota.quotaValue),
    quota_status: quota.quotaStatus,
    balance: amount(quota.balance),
    measure_id: YUAN,
    currency: CURRENCY,
    effective_time: toWireTime(quota.effectiveTime) ?? '',
    expire_time: toWireTime(quota.expireTime) ?? '',
    limit_infos: toLimitInfos(quota.scope),
  };
}

export const QuotaQueryRequestSchema = Type.Object(
  {
    quota_ids: Type.Optional(Type.Union([Type.Array(Type.String({ maxLength: 64 })), Type.Null()])),
    quota_status_list: Type.Optional(Type.Union([Type.Array(Type.Integer()), Type.Null()])),
    quota_type: Type.Optional(Type.Integer({ minimum: 0, maximum: 1 })),
    create_time_begin: OptionalTime,
    create_time_end: OptionalTime,
    effective_time_begin: OptionalTime,
    effective_time_end: OptionalTime,
    expire_time_begin: OptionalTime,
    expire_time_end: OptionalTime,
    ...pagingProperties(100),
    indirect_partner_id: IndirectPartnerSchema,
  },
  { additionalProperties: false },
);

export function fromWireQuotaQuery(body: Static<typeof QuotaQueryRequestSchema>) {
  return {
    quotaIds: body.quota_ids ?? undefined,
    quotaStatusList: body.quota_status_list ?? undefined,
    quotaType: body.quota_type,
    createTimeBegin: time(body.create_time_begin),
    createTimeEnd: time(body.create_time_end),
    effectiveTimeBegin: time(body.effective_time_begin),
    effectiveTimeEnd: time(body.effective_time_end),
    expireTimeBegin: time(body.expire_time_begin),
    expireTimeEnd: time(body.expire_time_end),
    indirectPartnerId: body.indirect_partner_id || undefined,
  };
}

export const QuotaQueryResponseSchema = Type.Object({
  total_count: Type.Integer(),
  quotas: Type.Array(QuotaSchema),
});

export function toWireQuotaPage(page: { items: QuotaView[]; totalCount: number }) {
  return { total_count: page.totalCount, quotas: page.items.map(toWireQuota) };
}

export const IssuedQuotasQuerySchema = Type.Object({
  quota_id: Type.Optional(Type.String({ maxLength: 64 })),
  indirect_partner_id: IndirectPartnerSchema,
  parent_quota_id: Type.Optional(Type.String({ maxLength: 64 })),
  ...pagingProperties(100),
});

export const IssuedQuotasResponseSchema = Type.Object({
  total_count: Type.Integer(),
  quotas: Type.Array(
    Type.Composite([
      QuotaSchema,
      Type.Object({
        indirect_partner_id: Type.String(),
        indirect_partner_account_name: Type.String(),
        indirect_partner_name: Type.String(),
        parent_quota_id: Type.String(),
      }),
    ]),
  ),
});

export function toWireIssuedQuotaPage(page: { items: QuotaView[]; totalCount: number }) {
  return {
    total_count: page.totalCount,
    quotas: page.items.map((quota) => ({
      ...toWireQuota(quota),
      indirect_partner_id: quota.partnerId,
      indirect_partner_account_name: quota.partnerAccountName,
      indirect_partner_name: quota.partnerName,
      parent_quota_id: quota.parentQuotaId ?? '',
    })),
  };
}

export const ResellerQuotaIssueRequestSchema = Type.Object(
  {
    quota_id: IdSchema('The distributor’s own quota (ListQuotaCoupons)'),
    indirect_partner_ids: Type.Array(IdSchema('A reseller of the caller'), {
      minItems: 1,
      maxItems: 10,
    }),
    quota_amount: DecimalSchema('Yuan, > 0, at most 2 decimals'),
  },
  { additionalProperties: false },
);

export function fromWireResellerQuotaIssue(body: Static<typeof ResellerQuotaIssueRequestSchema>) {
  return {
    quotaId: body.quota_id,
    indirectPartnerIds: body.indirect_partner_ids,
    amount: parseMoveAmount(body.quota_amount, 'quota_amount'),
  };
}

export const ResellerQuotaIssueResponseSchema = Type.Object({
  error_details: Type.Array(ErrorDetailSchema),
  simple_quota_infos: Type.Array(Type.Object({ id: Type.String(), quota_id: Type.String() })),
});

export function toWireResellerQuotaIssue(result: {
  simpleQuotaInfos: { id: string; quotaId: string }[];
  errorDetails: BatchError[];
}) {
  return {
    error_details: toWireErrors(result.errorDetails),
    simple_quota_infos: result.simpleQuotaInfos.map((info) => ({
      id: info.id,
      quota_id: info.quotaId,
    })),
  };
}

export const ResellerQuotaReclaimRequestSchema = Type.Object(
  {
    quota_ids: Type.Array(IdSchema('A quota the caller issued to a reseller'), {
      minItems: 1,
      maxItems: 10,
    }),
    remark: Type.Optional(Type.Union([Type.String({ maxLength: 256 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const ResellerQuotaReclaimResponseSchema = Type.Object({
  error_details: Type.Array(ErrorDetailSchema),
  simple_quota_infos: Type.Array(
    Type.Object({ quota_id: Type.String(), quota_balance: Type.Number() }),
  ),
});

export function toWireResellerQuotaReclaim(result: {
  simpleQuotaInfos: { quotaId: string; quotaBalance: string }[];
  errorDetails: BatchError[];
}) {
  return {
    error_details: toWireErrors(result.errorDetails),
    simple_quota_infos: result.simpleQuotaInfos.map((info) => ({
      quota_id: info.quotaId,
      quota_balance: Number(info.quotaBalance),
    })),
  };
}

export const QuotaRecordsQuerySchema = Type.Object({
  indirect_partner_id: IndirectPartnerSchema,
  quota_id: Type.Optional(Type.String({ maxLength: 64 })),
  operation_time_begin: OptionalTime,
  operation_time_end: OptionalTime,
  parent_quota_id: Type.Optional(Type.String({ maxLength: 64 })),
  operation_type: Type.Optional(Type.String({ maxLength: 4 })),
  ...pagingProperties(100),
});

export function fromWireQuotaRecordsQuery(query: Static<typeof QuotaRecordsQuerySchema>) {
  return {
    indirectPartnerId: query.indirect_partner_id || undefined,
    quotaId: query.quota_id || undefined,
    parentQuotaId: query.parent_quota_id || undefined,
    operationType: query.operation_type || undefined,
    operationTimeBegin: time(query.operation_time_begin),
    operationTimeEnd: time(query.operation_time_end),
  };
}

export const QuotaRecordsResponseSchema = Type.Object({
  total_count: Type.Integer(),
  records: Type.Array(
    Type.Object({
      id: Type.String(),
      operator: Type.String(),
      operation_type: Type.String(),
      quota_id: Type.String(),
      parent_quota_id: Type.String(),
      amount: Type.Number(),
      operation_time: Type.String(),
      result: Type.String(),
      indirect_partner_account_name: Type.String(),
      indirect_partner_id: Type.String(),
      indirect_partner_name: Type.String(),
      remark: Type.String(),
    }),
  ),
});

export function toWireQuotaRecords(page: { items: OperationRow[]; totalCount: number }) {
  return {
    total_count: page.totalCount,
    records: page.items.map((row) => ({
      id: row.id,
      operator: row.operatorName,
      operation_type: row.operationType,
      quota_id: row.quotaId,
      parent_quota_id: row.parentQuotaId ?? '',
      amount: Number(row.amount),
      operation_time: toWireTime(row.occurredAt) ?? '',
      result: '0',
      indirect_partner_account_name: row.indirectPartnerName,
      indirect_partner_id: row.indirectPartnerId ?? '',
      indirect_partner_name: row.indirectPartnerName,
      remark: row.remark,
    })),
  };
}

// ---------------------------------------------------------------- coupons

export const CouponIssueRequestSchema = Type.Object(
  {
    quota_id: IdSchema('From ListQuotaCoupons'),
    customer_ids: Type.Array(IdSchema('A resale customer'), { minItems: 1, maxItems: 10 }),
    face_value: DecimalSchema('Yuan, > 0, at most 2 decimals'),
    minimum_order_amount: Type.Optional(
      DecimalSchema('Huoban extension: the least order amount the coupon applies to (R-COUP-02)'),
    ),
    valid_time: OptionalTime,
    expire_time: OptionalTime,
    cloud_service_types: CodeListSchema('Within the quota’s restriction; empty inherits it'),
    product_ids: CodeListSchema('Within the quota’s restriction; empty inherits it'),
    memo: Type.Optional(Type.String({ maxLength: 256 })),
    indirect_partner_id: IndirectPartnerSchema,
  },
  { additionalProperties: false },
);

export function fromWireCouponIssue(body: Static<typeof CouponIssueRequestSchema>): CouponIssue {
  return {
    quotaId: body.quota_id,
    customerIds: body.customer_ids,
    faceValue: parseMoveAmount(body.face_value, 'face_value'),
    minimumOrderAmount:
      body.minimum_order_amount === undefined
        ? parseMoveAmount('0', 'minimum_order_amount', { allowZero: true })
        : parseMoveAmount(body.minimum_order_amount, 'minimum_order_amount', { allowZero: true }),
    validTime: time(body.valid_time),
    expireTime: time(body.expire_time),
    scope: scopeOf(body),
    memo: body.memo ?? '',
    indirectPartnerId: body.indirect_partner_id || undefined,
  };
}

export const CouponIssueResponseSchema = Type.Object({
  error_details: Type.Array(ErrorDetailSchema),
  coupon_infos: Type.Array(Type.Object({ id: Type.String(), coupon_id: Type.String() })),
});

export function toWireCouponIssue(result: {
  couponInfos: { id: string; couponId: string }[];
  errorDetails: BatchError[];
}) {
  return {
    error_details: toWireErrors(result.errorDetails),
    coupon_infos: result.couponInfos.map((info) => ({ id: info.id, coupon_id: info.couponId })),
  };
}

export const CouponReclaimRequestSchema = Type.Object(
  {
    coupon_id: IdSchema('From CreatePartnerCoupons / ListIssuedPartnerCoupons'),
    indirect_partner_id: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'When a reseller issued it' }),
    ),
  },
  { additionalProperties: false },
);

const UseLimitSchema = Type.Object({
  use_limiti_info_id: Type.String(),
  limit_key: Type.String(),
  value1: Type.String(),
  value2: Type.String(),
  value_unit: Type.String(),
  limit_type: Type.String(),
  promotion_plan_id: Type.String(),
});

/** The coupon's restrictions as `use_limits` (Huawei's misspelt `use_limiti_info_id` kept). */
function toUseLimits(coupon: CouponView) {
  const limits = toLimitInfos(coupon.scope).flatMap((info) =>
    info.limit_values.map((value) => ({ limit_key: info.limit_key, value1: value.value1 })),
  );
  if (coupon.minimumOrderAmount.gt(0)) {
    limits.push({
      limit_key: 'minimum_order_amount',
      value1: coupon.minimumOrderAmount.toFixed(2),
    });
  }
  return limits.map((limit, index) => ({
    use_limiti_info_id: `${coupon.couponId}-${index + 1}`,
    limit_key: limit.limit_key,
    value1: limit.value1,
    value2: '',
    value_unit: limit.limit_key === 'minimum_order_amount' ? 'CNY' : '',
    limit_type: '',
    promotion_plan_id: '',
  }));
}

export const IssuedCouponsQuerySchema = Type.Object({
  coupon_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  customer_id: Type.Optional(Type.String({ maxLength: 64 })),
  order_id: Type.Optional(Type.String({ maxLength: 64 })),
  coupon_type: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  status: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  create_time_begin: OptionalTime,
  create_time_end: OptionalTime,
  effective_time_begin: OptionalTime,
  effective_time_end: OptionalTime,
  expire_time_begin: OptionalTime,
  expire_time_end: OptionalTime,
  ...pagingProperties(100),
  indirect_partner_id: IndirectPartnerSchema,
});

export function fromWireIssuedCouponsQuery(query: Static<typeof IssuedCouponsQuerySchema>) {
  return {
    couponId: query.coupon_id,
    customerId: query.customer_id || undefined,
    // Coupons are not bound to orders before consumption exists; an order filter matches none.
    couponType: query.order_id ? -1 : query.coupon_type,
    status: query.status,
    createTimeBegin: time(query.create_time_begin),
    createTimeEnd: time(query.create_time_end),
    effectiveTimeBegin: time(query.effective_time_begin),
    effectiveTimeEnd: time(query.effective_time_end),
    expireTimeBegin: time(query.expire_time_begin),
    expireTimeEnd: time(query.expire_time_end),
    indirectPartnerId: query.indirect_partner_id || undefined,
  };
}

export const IssuedCouponSchema = Type.Object({
  coupon_id: Type.String(),
  status: Type.Integer(),
  customer_id: Type.String(),
  coupon_type: Type.Integer(),
  measure_id: Type.Integer(),
  face_value: Type.Number(),
  effective_time: Type.String(),
  expire_time: Type.String(),
  order_id: Type.String(),
  promotion_plan_id: Type.String(),
  promotion_plan_name: Type.String(),
  promotion_plan_desc: Type.String(),
  media_type: Type.Integer(),
  fetch_method: Type.Integer(),
  use_limits: Type.Array(UseLimitSchema),
  active_time: Type.String(),
  last_used_time: Type.String(),
  promotion_id: Type.String(),
  create_time: Type.String(),
  balance: Type.Number(),
  lock_order_id: Type.String(),
  is_frozen: Type.String(),
  quota_id: Type.String({ description: 'Huoban extension: the quota it was issued from' }),
  reclaimed_amount: Type.Optional(
    Type.Number({ description: 'Huoban extension: the balance a reclaim took back' }),
  ),
});

export function toWireIssuedCoupon(coupon: CouponView) {
  return {
    coupon_id: coupon.couponId,
    status: coupon.status,
    customer_id: coupon.customerId,
    coupon_type: coupon.couponType,
    measure_id: YUAN,
    face_value: amount(coupon.faceValue),
    effective_time: toWireTime(coupon.validTime) ?? '',
    expire_time: toWireTime(coupon.expireTime) ?? '',
    order_id: '',
    promotion_plan_id: '',
    promotion_plan_name: '',
    promotion_plan_desc: '',
    media_type: 1,
    // 3: issued online (by the partner).
    fetch_method: 3,
    use_limits: toUseLimits(coupon),
    active_time: toWireTime(coupon.validTime) ?? '',
    last_used_time: '',
    promotion_id: '',
    create_time: toWireTime(coupon.createTime) ?? '',
    balance: amount(coupon.balance),
    lock_order_id: '',
    is_frozen: '0',
    quota_id: coupon.quotaId,
    ...(coupon.reclaimedAmount ? { reclaimed_amount: amount(coupon.reclaimedAmount) } : {}),
  };
}

export const IssuedCouponsResponseSchema = Type.Object({
  total_count: Type.Integer(),
  user_coupons: Type.Array(IssuedCouponSchema),
});

export function toWireIssuedCoupons(page: { items: CouponView[]; totalCount: number }) {
  return { total_count: page.totalCount, user_coupons: page.items.map(toWireIssuedCoupon) };
}

export const CouponRecordsQuerySchema = Type.Object({
  operation_types: Type.Optional(Type.Array(Type.String({ maxLength: 4 }), { maxItems: 10 })),
  quota_id: Type.Optional(Type.String({ maxLength: 64 })),
  quota_type: Type.Optional(Type.Integer({ minimum: 0, maximum: 1 })),
  coupon_ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 })),
  customer_id: Type.Optional(Type.String({ maxLength: 64 })),
  operation_time_begin: OptionalTime,
  operation_time_end: OptionalTime,
  result: Type.Optional(Type.String({ maxLength: 4 })),
  ...pagingProperties(100),
  indirect_partner_id: IndirectPartnerSchema,
});

export function fromWireCouponRecordsQuery(query: Static<typeof CouponRecordsQuerySchema>) {
  return {
    operationTypes: query.operation_types,
    quotaId: query.quota_id || undefined,
    quotaType: query.quota_type,
    couponIds: query.coupon_ids,
    customerId: query.customer_id || undefined,
    operationTimeBegin: time(query.operation_time_begin),
    operationTimeEnd: time(query.operation_time_end),
    result: query.result || undefined,
    indirectPartnerId: query.indirect_partner_id || undefined,
  };
}

export const CouponRecordsResponseSchema = Type.Object({
  total_count: Type.Integer(),
  records: Type.Array(
    Type.Object({
      id: Type.String(),
      operation_type: Type.String(),
      quota_id: Type.String(),
      quota_type: Type.Integer(),
      coupon_id: Type.String(),
      customer_id: Type.String(),
      operation_amount: Type.Number(),
      operation_time: Type.String(),
      result: Type.String(),
      remark: Type.String(),
      customer_name: Type.String({ description: 'Huoban extension' }),
      operator: Type.String({ description: 'Huoban extension' }),
    }),
  ),
});

export function toWireCouponRecords(page: { items: OperationRow[]; totalCount: number }) {
  return {
    total_count: page.totalCount,
    records: page.items.map((row) => ({
      id: row.id,
      operation_type: row.operationType,
      quota_id: row.quotaId,
      quota_type: 0,
      coupon_id: row.couponId ?? '',
      customer_id: row.customerId ?? '',
      operation_amount: Number(row.amount),
      operation_time: toWireTime(row.occurredAt) ?? '',
      result: '0',
      remark: row.remark,
      customer_name: row.customerName,
      operator: row.operatorName,
    })),
  };
}

// ---------------------------------------------------------------- customer side

export const OwnCouponsQuerySchema = Type.Object({
  coupon_id: Type.Optional(Type.String({ maxLength: 64 })),
  order_id: Type.Optional(Type.String({ maxLength: 64 })),
  promotion_plan_id: Type.Optional(Type.String({ maxLength: 64 })),
  coupon_type: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  status: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  active_start_time: OptionalTime,
  active_end_time: OptionalTime,
  ...pagingProperties(100),
  source_id: Type.Optional(Type.String({ maxLength: 64 })),
  indirect_partner_id: IndirectPartnerSchema,
});

export function fromWireOwnCouponsQuery(query: Static<typeof OwnCouponsQuerySchema>) {
  // Partner-issued coupons come from no promotion plan and no order; such filters match none.
  const unmatched = Boolean(query.order_id || query.promotion_plan_id);
  return {
    couponId: query.coupon_id || undefined,
    couponType: unmatched ? -1 : query.coupon_type,
    status: query.status,
    activeStartTime: time(query.active_start_time),
    activeEndTime: time(query.active_end_time),
    sourceId: query.source_id || undefined,
  };
}

export const OwnCouponsResponseSchema = Type.Object({
  count: Type.Integer(),
  user_coupons: Type.Array(
    Type.Object({
      coupon_id: Type.String(),
      coupon_code: Type.String(),
      status: Type.Integer(),
      customer_id: Type.String(),
      coupon_type: Type.Integer(),
      measure_id: Type.Integer(),
      face_value: Type.Number(),
      valid_time: Type.String(),
      expire_time: Type.String(),
      order_id: Type.String(),
      promotion_plan_id: Type.String(),
      plan_name: Type.String(),
      plan_desc: Type.String(),
      media_type: Type.Integer(),
      fetch_method: Type.Integer(),
      use_limits: Type.Array(UseLimitSchema),
      active_time: Type.String(),
      reserve_time: Type.String(),
      promotion_id: Type.String(),
      create_time: Type.String(),
      coupon_version: Type.Integer(),
      balance: Type.Number(),
      lock_order_id: Type.String(),
      coupon_usage: Type.String(),
      is_frozen: Type.String(),
      currency: Type.String(),
      extend_param1: Type.String(),
      source_id: Type.String(),
    }),
  ),
});

export function toWireOwnCoupons(page: { items: CouponView[]; totalCount: number }) {
  return {
    count: page.totalCount,
    user_coupons: page.items.map((coupon) => ({
      coupon_id: coupon.couponId,
      coupon_code: '',
      status: coupon.status,
      customer_id: coupon.customerId,
      coupon_type: coupon.couponType,
      measure_id: YUAN,
      face_value: amount(coupon.faceValue),
      valid_time: toWireTime(coupon.validTime) ?? '',
      expire_time: toWireTime(coupon.expireTime) ?? '',
      order_id: '',
      promotion_plan_id: '',
      plan_name: '',
      plan_desc: '',
      media_type: 1,
      fetch_method: 3,
      use_limits: toUseLimits(coupon),
      active_time: toWireTime(coupon.validTime) ?? '',
      reserve_time: '',
      promotion_id: '',
      create_time: toWireTime(coupon.createTime) ?? '',
      // 2: re-usable with a balance.
      coupon_version: 2,
      balance: amount(coupon.balance),
      lock_order_id: '',
      coupon_usage: '',
      is_frozen: '0',
      currency: CURRENCY,
      extend_param1: '',
      source_id: coupon.partnerId,
    })),
  };
}

export const OwnCouponChangesQuerySchema = Type.Object({
  balance_type: Type.Literal('BALANCE_TYPE_COUPON'),
  revenue_expense_type: Type.Optional(
    Type.Union([Type.Literal('REVENUE'), Type.Literal('EXPENSE')]),
  ),
  trade_type: Type.Optional(Type.String({ maxLength: 32 })),
  trade_id: Type.Optional(Type.String({ maxLength: 128 })),
  trade_time_begin: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  trade_time_end: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  coupon_id: Type.Optional(Type.String({ maxLength: 64 })),
  ...pagingProperties(100),
});

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The UTC+8 calendar date of an instant. */
function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a UTC+8 `YYYY-MM-DD` day starts. */
function startOfChinaDay(date: string, field: string): Date {
  const start = new Date(`${date}T00:00:00+08:00`);
  if (Number.isNaN(start.getTime())) throw invalidParameter(field, 'must be a date YYYY-MM-DD');
  return start;
}

/** Dates are UTC+8 days, end inclusive; by default from one year ago to today. */
export function fromWireOwnCouponChangesQuery(
  query: Static<typeof OwnCouponChangesQuerySchema>,
  now: Date,
): OwnCouponChangeFilters {
  const today = chinaDate(now);
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const begin = startOfChinaDay(query.trade_time_begin ?? yearAgo, 'trade_time_begin');
  const endDay = startOfChinaDay(query.trade_time_end ?? today, 'trade_time_end');
  if (endDay.getTime() < begin.getTime()) {
    throw invalidParameter('trade_time_end', 'must not be before trade_time_begin');
  }
  return {
    revenueExpenseType: query.revenue_expense_type,
    tradeType: query.trade_type || undefined,
    tradeId: query.trade_id || undefined,
    couponId: query.coupon_id || undefined,
    tradeTimeBegin: begin,
    tradeTimeEnd: new Date(endDay.getTime() + 24 * 3_600_000),
  };
}

export const OwnCouponChangesResponseSchema = Type.Object({
  total_count: Type.Integer(),
  currency: Type.String(),
  records: Type.Array(
    Type.Object({
      coupon_id: Type.String(),
      trade_detail_type: Type.String(),
      trade_time: Type.String(),
      trade_id: Type.String(),
      change_amount: Type.String(),
      balance_after_change: Type.String(),
      revenue_expense_type: Type.String(),
      bill_cycle: Type.String(),
      account_name: Type.String(),
      cloud_service_type_name: Type.String(),
      resource_type_name: Type.String(),
    }),
  ),
});

export function toWireOwnCouponChanges(
  page: { items: OperationRow[]; totalCount: number },
  accountName: string,
) {
  return {
    total_count: page.totalCount,
    currency: CURRENCY,
    records: page.items.map((row) => {
      const revenue = couponTradeTypes[row.operationType] === 'COUPONADJUST';
      return {
        coupon_id: row.couponId ?? '',
        trade_detail_type: couponTradeTypes[row.operationType] ?? row.operationType,
        trade_time: toWireTime(row.occurredAt) ?? '',
        trade_id: row.transactionId,
        change_amount: revenue ? row.amount : `-${row.amount}`,
        balance_after_change: row.balanceAfter,
        revenue_expense_type: revenue ? 'REVENUE' : 'EXPENSE',
        bill_cycle: chinaDate(row.occurredAt).slice(0, 7),
        account_name: accountName,
        cloud_service_type_name: '',
        resource_type_name: '',
      };
    }),
  };
}

// ---------------------------------------------------------------- operator console

export const QuotaGrantRequestSchema = Type.Object(
  {
    amount: DecimalSchema('Yuan, > 0, at most 2 decimals'),
    effective_time: OptionalTime,
    expire_time: WireTimeSchema,
    cloud_service_types: CodeListSchema('Service types the coupons may pay for; empty = all'),
    product_ids: CodeListSchema('Products the coupons may pay for; empty = all'),
    remark: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false },
);

export const PartnerIdParamsSchema = Type.Object({ partner_id: IdSchema('The partner') });
export const QuotaIdParamsSchema = Type.Object({ quota_id: IdSchema('The quota') });

export function fromWireQuotaGrant(
  partnerId: string,
  body: Static<typeof QuotaGrantRequestSchema>,
  now: Date,
): QuotaGrant {
  return {
    partnerId,
    amount: parseMoveAmount(body.amount, 'amount'),
    effectiveTime: time(body.effective_time) ?? now,
    expireTime: new Date(body.expire_time),
    scope: scopeOf(body),
    remark: body.remark ?? '',
  };
}

export const QuotaGrantResponseSchema = Type.Object({ quota_id: Type.String() });

export const QuotaReclaimRequestSchema = Type.Object(
  { remark: Type.Optional(Type.String({ maxLength: 256 })) },
  { additionalProperties: false },
);

export const QuotaReclaimResponseSchema = Type.Object({
  quota_id: Type.String(),
  amount: Type.String({ description: 'The whole unused balance taken back' }),
  quota_balance: Type.String(),
});

export const StoredValueCardsQuerySchema = Type.Object({
  status: Type.Integer({ minimum: 1, maximum: 2, description: '1 usable, 2 used up' }),
  card_id: Type.Optional(Type.String({ maxLength: 64 })),
  ...pagingProperties(100),
});

export const StoredValueCardsResponseSchema = Type.Object({
  total_count: Type.Integer(),
  stored_value_cards: Type.Array(
    Type.Object({
      card_id: Type.String(),
      card_name: Type.String(),
      status: Type.Integer(),
      face_value: Type.String(),
      balance: Type.String(),
      effective_time: Type.String(),
      expire_time: Type.String(),
    }),
  ),
});

export function toWireStoredValueCards(page: { items: StoredValueCardView[]; totalCount: number }) {
  return {
    total_count: page.totalCount,
    stored_value_cards: page.items.map((card) => ({
      card_id: card.cardId,
      card_name: card.cardName,
      status: card.status,
      // The catalog gives both amounts as strings.
      face_value: formatMoney(card.faceValue),
      balance: formatMoney(card.balance),
      effective_time: toWireTime(card.effectiveTime) ?? '',
      expire_time: toWireTime(card.expireTime) ?? '',
    })),
  };
}

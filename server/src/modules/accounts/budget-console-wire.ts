import { Type, type Static } from '@sinclair/typebox';
import { pagingProperties, toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import { parseMoveAmount } from '../../platform/money/index.ts';
import type { PartnerBudgetAlertView } from './service/budget-alerts.ts';
import type { BudgetQuotaGrant, BudgetQuotaView } from './service/budget-quotas.ts';
import type { BudgetBatchResult, FreezeRequest } from './service/budgets.ts';

/** Console amounts are exact decimal strings (the console never turns money into a float). */
const ConsoleMoneySchema = Type.String({ description: 'Exact decimal, yuan' });
const IdSchema = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });
const IndirectPartnerSchema = Type.Optional(
  Type.String({ maxLength: 64, description: 'A reseller of the calling tier-1 distributor' }),
);
const FreezeTypeSchema = Type.Union([
  Type.Literal('ACCOUNT'),
  Type.Literal('ACCOUNT_AND_RESOURCE'),
]);

/** The console's batch answer: which customers changed and why the others did not. */
export const ConsoleBatchResponseSchema = Type.Object(
  {
    succeeded: Type.Array(Type.String()),
    error_details: Type.Array(
      Type.Object(
        { id: Type.String(), error_code: Type.String(), error_msg: Type.String() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export function toWireConsoleBatch(
  result: BudgetBatchResult,
): Static<typeof ConsoleBatchResponseSchema> {
  return {
    succeeded: result.succeeded,
    error_details: result.errorDetails.map((item) => ({
      id: item.id,
      error_code: item.errorCode,
      error_msg: item.errorMsg,
    })),
  };
}

/** 冻结账号 / 解冻账号 from the console: one customer or a batch of up to 100. */
export const ConsoleFreezeRequestSchema = Type.Object(
  {
    customer_ids: Type.Array(IdSchema('A resale customer'), { minItems: 1, maxItems: 100 }),
    reason: Type.String({ minLength: 1, maxLength: 256 }),
    type: Type.Optional(FreezeTypeSchema),
    indirect_partner_id: IndirectPartnerSchema,
  },
  { additionalProperties: false },
);

export function fromWireConsoleFreeze(
  body: Static<typeof ConsoleFreezeRequestSchema>,
): FreezeRequest {
  return {
    customerIds: body.customer_ids,
    reason: body.reason,
    type: body.type ?? 'ACCOUNT',
    indirectPartnerId: body.indirect_partner_id || undefined,
  };
}

export const BudgetAlertListQuerySchema = Type.Object(pagingProperties(100), {
  additionalProperties: false,
});

export const BudgetAlertListResponseSchema = Type.Object(
  {
    total_count: Type.Integer(),
    alerts: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          customer_id: Type.String(),
          account_name: Type.String(),
          customer_name: Type.String(),
          threshold: Type.Integer({ description: '75, 90 or 100 (percent of the budget)' }),
          budget_amount: ConsoleMoneySchema,
          used_amount: ConsoleMoneySchema,
          mailed: Type.Boolean(),
          create_time: WireTimeSchema,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export function toWireBudgetAlertList(page: {
  items: PartnerBudgetAlertView[];
  totalCount: number;
}): Static<typeof BudgetAlertListResponseSchema> {
  return {
    total_count: page.totalCount,
    alerts: page.items.map((alert) => ({
      id: alert.id,
      customer_id: alert.customerId,
      account_name: alert.customerAccountName,
      customer_name: alert.customerName,
      threshold: alert.threshold,
      budget_amount: alert.budgetAmount.toFixed(2),
      used_amount: alert.usedAmount.toFixed(2),
      mailed: alert.mailed,
      create_time: toWireTime(alert.createdAt) ?? '',
    })),
  };
}

export const ResellerParamsSchema = Type.Object({ reseller_id: IdSchema('A reseller') });

export const BudgetQuotaRequestSchema = Type.Object(
  {
    enabled: Type.Boolean({ description: 'The reseller may set its customers’ budgets' }),
    monthly_quota: Type.Union([Type.String({ maxLength: 32 }), Type.Number()], {
      description: 'Sum of the reseller’s monthly budgets, yuan, ≥ 0, 2 decimals',
    }),
    one_time_quota: Type.Union([Type.String({ maxLength: 32 }), Type.Number()], {
      description: 'Sum of the reseller’s one-time budgets, yuan, ≥ 0, 2 decimals',
    }),
  },
  { additionalProperties: false },
);

export function fromWireBudgetQuota(
  resellerId: string,
  body: Static<typeof BudgetQuotaRequestSchema>,
): BudgetQuotaGrant {
  return {
    resellerId,
    enabled: body.enabled,
    monthlyQuota: parseMoveAmount(body.monthly_quota, 'monthly_quota', { allowZero: true }),
    oneTimeQuota: parseMoveAmount(body.one_time_quota, 'one_time_quota', { allowZero: true }),
  };
}

export const BudgetQuotaResponseSchema = Type.Object(
  {
    reseller_id: Type.String(),
    enabled: Type.Boolean(),
    monthly_quota: ConsoleMoneySchema,
    one_time_quota: ConsoleMoneySchema,
    monthly_allocated: ConsoleMoneySchema,
    one_time_allocated: ConsoleMoneySchema,
    update_time: Type.Union([WireTimeSchema, Type.Null()]),
  },
  { additionalProperties: false },
);

export function toWireBudgetQuota(view: BudgetQuotaView): Static<typeof BudgetQuotaResponseSchema> {
  return {
    reseller_id: view.resellerId,
    enabled: view.enabled,
    monthly_quota: view.monthlyQuota.toFixed(2),
    one_time_quota: view.oneTimeQuota.toFixed(2),
    monthly_allocated: view.monthlyAllocated.toFixed(2),
    one_time_allocated: view.oneTimeAllocated.toFixed(2),
    update_time: toWireTime(view.updatedAt) ?? null,
  };
}

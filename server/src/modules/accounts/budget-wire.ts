import { Type, type Static } from '@sinclair/typebox';
import { toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import { invalidParameter } from '../../platform/http/errors.ts';
import { moneyToWireNumber, parseMoveAmount } from '../../platform/money/index.ts';
import type {
  BudgetAlertView,
  BudgetBatchResult,
  BudgetSetting,
  BudgetView,
  FreezeRequest,
} from './service/budgets.ts';
import type { SpendableFunds } from './service/spendable.ts';

/** `measure_id` 1: amounts in yuan; Huoban's budgets are in CNY (the catalog's intl site: USD). */
const YUAN = 1;
const CURRENCY = 'CNY';

const DecimalSchema = (description: string) =>
  Type.Union([Type.String({ maxLength: 32 }), Type.Number()], { description });
const IdSchema = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });
const IndirectPartnerSchema = Type.Optional(
  Type.String({ maxLength: 64, description: 'A reseller of the calling tier-1 distributor' }),
);
const BudgetTypeSchema = Type.Union([Type.Literal('MONTHLY'), Type.Literal('PACKAGE')], {
  description: 'MONTHLY (restores at 00:00 on the 1st) or PACKAGE (one-time)',
});

// ---- UpdateSubCustomerBudget ---------------------------------------------------------------------

const budgetItemProperties = {
  customer_id: IdSchema('An associated resale (association_type 2) customer'),
  budget_amount: DecimalSchema('Yuan, > 0, at most 2 decimals'),
  budget_type: Type.Optional(BudgetTypeSchema),
  cancel_partner_frozen: Type.Optional(
    Type.String({ maxLength: 1, description: '"1" unfreezes the customer at the same time' }),
  ),
  frozen_operate_type: Type.Optional(
    Type.Integer({
      description: '0 restrict purchases (default), 1 freeze the account when used up',
    }),
  ),
};

export const BudgetRequestSchema = Type.Object(
  { ...budgetItemProperties, indirect_partner_id: IndirectPartnerSchema },
  { additionalProperties: false },
);

const BudgetItemSchema = Type.Object(budgetItemProperties, { additionalProperties: false });

export function fromWireBudget(body: Static<typeof BudgetItemSchema>, prefix = ''): BudgetSetting {
  const unfreeze = body.cancel_partner_frozen ?? '0';
  if (unfreeze !== '0' && unfreeze !== '1') {
    throw invalidParameter(`${prefix}cancel_partner_frozen`, 'must be "0" or "1"');
  }
  const operate = body.frozen_operate_type ?? 0;
  if (operate !== 0 && operate !== 1) {
    throw invalidParameter(`${prefix}frozen_operate_type`, 'must be 0 or 1');
  }
  return {
    customerId: body.customer_id,
    amount: parseMoveAmount(body.budget_amount, `${prefix}budget_amount`),
    budgetType: body.budget_type ?? 'MONTHLY',
    exhaustionAction: operate === 1 ? 'freeze' : 'restrict',
    unfreeze: unfreeze === '1',
  };
}

export const BudgetBatchRequestSchema = Type.Object(
  {
    budgets: Type.Array(BudgetItemSchema, { minItems: 1, maxItems: 100 }),
    indirect_partner_id: IndirectPartnerSchema,
  },
  { additionalProperties: false },
);

export function fromWireBudgetBatch(
  body: Static<typeof BudgetBatchRequestSchema>,
): BudgetSetting[] {
  return body.budgets.map((item, index) => fromWireBudget(item, `budgets[${index}].`));
}

export const ErrorDetailsResponseSchema = Type.Object(
  {
    error_details: Type.Optional(
      Type.Array(
        Type.Object(
          { id: Type.String(), error_code: Type.String(), error_msg: Type.String() },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

/** Huawei's batch answer: `error_details` only when some item failed. */
export function toWireErrorDetails(
  result: BudgetBatchResult,
): Static<typeof ErrorDetailsResponseSchema> {
  if (result.errorDetails.length === 0) return {};
  return {
    error_details: result.errorDetails.map((item) => ({
      id: item.id,
      error_code: item.errorCode,
      error_msg: item.errorMsg,
    })),
  };
}

// ---- ShowSubCustomerBudget / ListSubCustomerBudget -----------------------------------------------

export const BudgetQuerySchema = Type.Object(
  { customer_id: IdSchema('The customer'), indirect_partner_id: IndirectPartnerSchema },
  { additionalProperties: false },
);

const budgetInfoProperties = {
  budget_amount: Type.Number(),
  used_amount: Type.Number(),
  budget_type: BudgetTypeSchema,
  frozen_operate_type: Type.Integer(),
  restricted: Type.Boolean({ description: 'Huoban extension: purchases stopped, budget used up' }),
};

export const BudgetResponseSchema = Type.Object(
  { ...budgetInfoProperties, measure_id: Type.Integer(), currency: Type.String() },
  { additionalProperties: false },
);

function budgetInfo(view: BudgetView) {
  return {
    budget_amount: moneyToWireNumber(view.amount),
    used_amount: moneyToWireNumber(view.usedAmount),
    budget_type: view.budgetType,
    frozen_operate_type: view.exhaustionAction === 'freeze' ? 1 : 0,
    restricted: view.restricted,
  };
}

export function toWireBudget(view: BudgetView): Static<typeof BudgetResponseSchema> {
  return { ...budgetInfo(view), measure_id: YUAN, currency: CURRENCY };
}

export const BudgetListRequestSchema = Type.Object(
  {
    customer_ids: Type.Array(IdSchema('A customer'), { minItems: 1, maxItems: 100 }),
    indirect_partner_id: IndirectPartnerSchema,
  },
  { additionalProperties: false },
);

export const BudgetListResponseSchema = Type.Object(
  {
    measure_id: Type.Integer(),
    currency: Type.String(),
    budget_infos: Type.Array(
      Type.Object(
        { customer_id: Type.String(), ...budgetInfoProperties },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export function toWireBudgetList(views: BudgetView[]): Static<typeof BudgetListResponseSchema> {
  return {
    measure_id: YUAN,
    currency: CURRENCY,
    budget_infos: views.map((view) => ({ customer_id: view.customerId, ...budgetInfo(view) })),
  };
}

// ---- FreezeSubCustomers / UnfreezeSubCustomers ---------------------------------------------------

const FreezeTypeSchema = Type.Union([
  Type.Literal('ACCOUNT'),
  Type.Literal('ACCOUNT_AND_RESOURCE'),
]);

export const FreezeRequestSchema = Type.Object(
  {
    customer_ids: Type.Array(IdSchema('A resale customer'), { minItems: 1, maxItems: 10 }),
    reason: Type.String({ minLength: 1, maxLength: 256 }),
    indirect_partner_id: IndirectPartnerSchema,
    freeze_type: Type.Optional(FreezeTypeSchema),
  },
  { additionalProperties: false },
);

export const UnfreezeRequestSchema = Type.Object(
  {
    customer_ids: Type.Array(IdSchema('A resale customer'), { minItems: 1, maxItems: 10 }),
    reason: Type.String({ minLength: 1, maxLength: 256 }),
    indirect_partner_id: IndirectPartnerSchema,
    unfreeze_type: Type.Optional(FreezeTypeSchema),
  },
  { additionalProperties: false },
);

export function fromWireFreeze(body: Static<typeof FreezeRequestSchema>): FreezeRequest {
  return {
    customerIds: body.customer_ids,
    reason: body.reason,
    type: body.freeze_type ?? 'ACCOUNT',
    indirectPartnerId: body.indirect_partner_id || undefined,
  };
}

export function fromWireUnfreeze(body: Static<typeof UnfreezeRequestSchema>): FreezeRequest {
  return {
    customerIds: body.customer_ids,
    reason: body.reason,
    type: body.unfreeze_type ?? 'ACCOUNT',
    indirectPartnerId: body.indirect_partner_id || undefined,
  };
}

// ---- Huoban extensions: budget alerts, spendable funds -------------------------------------------

export const CustomerPathSchema = Type.Object({ customer_id: IdSchema('The customer') });
export const IndirectQuerySchema = Type.Object(
  { indirect_partner_id: IndirectPartnerSchema },
  { additionalProperties: false },
);

export const BudgetAlertsResponseSchema = Type.Object(
  {
    alerts: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          customer_id: Type.String(),
          threshold: Type.Integer({ description: '75, 90 or 100 (percent of the budget)' }),
          budget_amount: Type.Number(),
          used_amount: Type.Number(),
          mailed: Type.Boolean(),
          create_time: WireTimeSchema,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export function toWireBudgetAlerts(
  alerts: BudgetAlertView[],
): Static<typeof BudgetAlertsResponseSchema> {
  return {
    alerts: alerts.map((alert) => ({
      id: alert.id,
      customer_id: alert.customerId,
      threshold: alert.threshold,
      budget_amount: moneyToWireNumber(alert.budgetAmount),
      used_amount: moneyToWireNumber(alert.usedAmount),
      mailed: alert.mailed,
      create_time: toWireTime(alert.createdAt) ?? '',
    })),
  };
}

export const SpendableFundsResponseSchema = Type.Object(
  {
    total_amount: Type.Number(),
    measure_id: Type.Integer(),
    currency: Type.String(),
    sources: Type.Array(
      Type.Object(
        {
          type: Type.Union([Type.Literal('CASH'), Type.Literal('CREDIT'), Type.Literal('COUPON')]),
          amount: Type.Number(),
          expire_time: Type.Optional(WireTimeSchema),
          coupon_id: Type.Optional(
            Type.String({ description: 'COUPON sources: the coupon (ListSubCustomerCoupons)' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export function toWireSpendable(
  funds: SpendableFunds,
): Static<typeof SpendableFundsResponseSchema> {
  return {
    total_amount: moneyToWireNumber(funds.total),
    measure_id: YUAN,
    currency: CURRENCY,
    sources: funds.sources.map((source) => {
      const expires = toWireTime(source.expiresAt);
      return {
        type: source.kind === 'cash' ? 'CASH' : source.kind === 'credit' ? 'CREDIT' : 'COUPON',
        amount: moneyToWireNumber(source.amount),
        ...(expires ? { expire_time: expires } : {}),
        ...(source.reference ? { coupon_id: source.reference } : {}),
      };
    }),
  };
}

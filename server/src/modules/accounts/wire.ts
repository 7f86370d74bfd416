import { Type, type Static } from '@sinclair/typebox';
import { exportFormats } from '../../platform/exports/index.ts';
import { toWireTime, WireTimeSchema } from '../../platform/http/schemas.ts';
import {
  formatMoney,
  moneyToWireNumber,
  parseMoveAmount,
  type Money,
} from '../../platform/money/index.ts';
import { transactionWireNames } from './rules.ts';
import type {
  AdjustRecord,
  AdjustRecordFilters,
  BatchFundsMove,
  BatchFundsResult,
  ChangeRecord,
  ChangeRecordFilters,
  ChangeRecordPage,
  CreditLineResult,
  CustomerAccountBalance,
  CustomerBalance,
  CustomerFundsMove,
  LedgerAccountView,
  LedgerEntryView,
  PartnerAccountBalance,
  PartnerFundsSummary,
  ResellerFundsMove,
} from './service/index.ts';

/** `measure_id` 1: amounts in yuan. */
const YUAN = 1;

/** Huawei's `decimal`: the Go SDK sends a JSON string, Python a JSON number (conventions §6). */
const DecimalSchema = (description: string) =>
  Type.Union([Type.String({ maxLength: 32 }), Type.Number()], { description });

const IdSchema = (description: string) => Type.String({ minLength: 1, maxLength: 64, description });

/** `indirect_partner_id`: absent or empty means the caller's own data. */
const IndirectPartnerSchema = Type.Optional(
  Type.String({ maxLength: 64, description: 'A reseller of the calling tier-1 distributor' }),
);

/** The optional header that makes a money-moving call idempotent (Huoban extension). */
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

/** The mailed code alone, for console changes that are not money moves (budgets). */
export const VerificationHeadersSchema = Type.Pick(IdempotencyHeadersSchema, [
  'x-verification-code',
]);

// ---- UpdateCustomerAccountAmount / ReclaimToPartnerAccount --------------------------------------

export const CustomerFundsRequestSchema = Type.Object(
  {
    customer_id: IdSchema('A resale (association_type 2) customer'),
    amount: DecimalSchema('Yuan, > 0, at most 2 decimals'),
    indirect_partner_id: IndirectPartnerSchema,
  },
  { additionalProperties: false },
);

export function fromWireCustomerFunds(
  body: Static<typeof CustomerFundsRequestSchema>,
): CustomerFundsMove {
  return {
    customerId: body.customer_id,
    amount: parseMoveAmount(body.amount, 'amount'),
    indirectPartnerId: body.indirect_partner_id || undefined,
  };
}

export const TransferIdResponseSchema = Type.Object(
  { transfer_id: Type.String() },
  { additionalProperties: false },
);

export const TransIdResponseSchema = Type.Object(
  { trans_id: Type.String() },
  { additionalProperties: false },
);

// ---- UpdateIndirectPartnerAccount / ReclaimIndirectPartnerAccount -------------------------------

export const ResellerFundsRequestSchema = Type.Object(
  {
    indirect_partner_id: IdSchema('A reseller of the calling tier-1 distributor'),
    amount: DecimalSchema('Yuan, > 0, at most 2 decimals'),
  },
  { additionalProperties: false },
);

export function fromWireResellerFunds(
  body: Static<typeof ResellerFundsRequestSchema>,
): ResellerFundsMove {
  return {
    indirectPartnerId: body.indirect_partner_id,
    amount: parseMoveAmount(body.amount, 'amount'),
  };
}

// ---- ListCustomersBalancesDetail ----------------------------------------------------------------

export const CustomerBalancesRequestSchema = Type.Object(
  {
    customer_infos: Type.Array(
      Type.Object({ customer_id: IdSchema('Customer id') }, { additionalProperties: false }),
      { minItems: 1, maxItems: 100 },
    ),
    indirect_partner_id: IndirectPartnerSchema,
  },
  { additionalProperties: false },
);

const CustomerBalanceSchema = Type.Object(
  {
    customer_id: Type.String(),
    debt_amount: Type.Number(),
    amount: Type.Number(),
    currency: Type.String(),
    measure_id: Type.Integer(),
  },
  { additionalProperties: false },
);

export const CustomerBalancesResponseSchema = Type.Object(
  { customer_balances: Type.Array(CustomerBalanceSchema) },
  { additionalProperties: false },
);

export function toWireCustomerBalance(
  balance: CustomerBalance,
): Static<typeof CustomerBalanceSchema> {
  return {
    customer_id: balance.customerId,
    debt_amount: moneyToWireNumber(balance.debtAmount),
    amount: moneyToWireNumber(balance.amount),
    currency: 'CNY',
    measure_id: YUAN,
  };
}

// ---- ListPartnerAdjustRecords -------------------------------------------------------------------

export const adjustOperationTypes = [
  'SOURCE_OPERATION_BEADJUST',
  'SOURCE_OPERATION_BERETRIEVE',
  'SOURCE_OPERATION_BEUNBIND',
] as const;

const adjustRecordFilters = {
  customer_id: Type.Optional(Type.String({ maxLength: 64 })),
  operation_type: Type.Optional(
    Type.Union([...adjustOperationTypes.map((value) => Type.Literal(value)), Type.Literal('')]),
  ),
  operation_time_begin: Type.Optional(WireTimeSchema),
  operation_time_end: Type.Optional(WireTimeSchema),
  trans_id: Type.Optional(Type.String({ maxLength: 128 })),
  indirect_partner_id: IndirectPartnerSchema,
};

export const AdjustRecordsExportQuerySchema = Type.Object(
  {
    ...adjustRecordFilters,
    format: Type.Optional(Type.Union(exportFormats.map((format) => Type.Literal(format)))),
  },
  { additionalProperties: false },
);

export const AdjustRecordsQuerySchema = Type.Object(
  {
    customer_id: Type.Optional(Type.String({ maxLength: 64 })),
    operation_type: Type.Optional(
      Type.Union([...adjustOperationTypes.map((value) => Type.Literal(value)), Type.Literal('')]),
    ),
    operation_time_begin: Type.Optional(WireTimeSchema),
    operation_time_end: Type.Optional(WireTimeSchema),
    trans_id: Type.Optional(Type.String({ maxLength: 128 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    indirect_partner_id: IndirectPartnerSchema,
  },
  { additionalProperties: false },
);

export function fromWireAdjustRecordsQuery(
  query: Static<typeof AdjustRecordsQuerySchema> | Static<typeof AdjustRecordsExportQuerySchema>,
): AdjustRecordFilters {
  return {
    customerId: query.customer_id || undefined,
    operationType: query.operation_type || undefined,
    operationTimeBegin: query.operation_time_begin
      ? new Date(query.operation_time_begin)
      : undefined,
    operationTimeEnd: query.operation_time_end ? new Date(query.operation_time_end) : undefined,
    transactionId: query.trans_id || undefined,
    indirectPartnerId: query.indirect_partner_id || undefined,
  };
}

const AdjustRecordSchema = Type.Object(
  {
    customer_id: Type.String(),
    customer_name: Type.String(),
    operation_type: Type.String(),
    amount: Type.String(),
    currency: Type.String(),
    operation_time: Type.String(),
    measure_id: Type.Integer(),
    trans_id: Type.String(),
    memo: Type.String(),
  },
  { additionalProperties: false },
);

export const AdjustRecordsResponseSchema = Type.Object(
  { records: Type.Array(AdjustRecordSchema), total_count: Type.Integer() },
  { additionalProperties: false },
);

export function toWireAdjustRecord(record: AdjustRecord): Static<typeof AdjustRecordSchema> {
  return {
    customer_id: record.counterpartyId,
    customer_name: record.counterpartyName,
    operation_type: transactionWireNames[record.kind].adjustOperationType ?? '',
    amount: formatMoney(record.amount),
    currency: record.currency,
    operation_time: toWireTime(record.occurredAt) ?? '',
    measure_id: YUAN,
    trans_id: record.transactionId,
    memo: record.memo,
  };
}

// ---- ListPartnerAccountChangeRecords / ListCustomerAccountChangeRecords --------------------------

export const tradeTypes = [
  'RECHARGE',
  'DEDEUCT',
  'REFUND',
  'RFROZEN',
  'TRANS',
  'ADJUST',
  'BEADJUST',
  'BERETRIEVE',
  'BEUNBIND',
  'EXPIRED',
  'BONUSCONVERT',
  'TRADE_MODE_TRANSFER',
  'DEPOSIT',
] as const;

const balanceTypes = { BALANCE_TYPE_DEBIT: 'cash', BALANCE_TYPE_CREDIT: 'credit' } as const;

const ChinaDateSchema = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'UTC+8 date YYYY-MM-DD',
});

const changeRecordQuery = {
  balance_type: Type.Union([
    Type.Literal('BALANCE_TYPE_DEBIT'),
    Type.Literal('BALANCE_TYPE_CREDIT'),
  ]),
  trade_type: Type.Optional(
    Type.Union([...tradeTypes.map((value) => Type.Literal(value)), Type.Literal('')]),
  ),
  trade_time_begin: Type.Optional(ChinaDateSchema),
  trade_time_end: Type.Optional(ChinaDateSchema),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
};

export const PartnerChangeRecordsQuerySchema = Type.Object(
  { ...changeRecordQuery, indirect_partner_id: IndirectPartnerSchema },
  { additionalProperties: false },
);

export const CustomerChangeRecordsQuerySchema = Type.Object(
  {
    ...changeRecordQuery,
    revenue_expense_type: Type.Optional(
      Type.Union([Type.Literal('REVENUE'), Type.Literal('EXPENSE'), Type.Literal('')]),
    ),
    trade_id: Type.Optional(Type.String({ maxLength: 128 })),
    payment_channel_id: Type.Optional(Type.String({ maxLength: 256 })),
    payment_channel_no: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false },
);

export function fromWirePartnerChangeRecordsQuery(
  query: Static<typeof PartnerChangeRecordsQuerySchema>,
): ChangeRecordFilters {
  return {
    kind: balanceTypes[query.balance_type],
    tradeType: query.trade_type || undefined,
    tradeDateBegin: query.trade_time_begin,
    tradeDateEnd: query.trade_time_end,
    indirectPartnerId: query.indirect_partner_id || undefined,
  };
}

export function fromWireCustomerChangeRecordsQuery(
  query: Static<typeof CustomerChangeRecordsQuerySchema>,
): ChangeRecordFilters {
  return {
    kind: balanceTypes[query.balance_type],
    tradeType: query.trade_type || undefined,
    tradeDateBegin: query.trade_time_begin,
    tradeDateEnd: query.trade_time_end,
    transactionId: query.trade_id || undefined,
    direction:
      query.revenue_expense_type === 'REVENUE'
        ? 'income'
        : query.revenue_expense_type === 'EXPENSE'
          ? 'expense'
          : undefined,
  };
}

const PartnerChangeRecordSchema = Type.Object(
  {
    account_change_id: Type.String(),
    trade_detail_type: Type.String(),
    trade_time: Type.String(),
    trade_id: Type.String(),
    change_amount: Type.String({ description: 'Absolute amount; `type` tells the direction' }),
    balance_after_change: Type.String(),
    type: Type.String({ description: '1 income, 2 expense' }),
    customer_id: Type.String(),
    account_name: Type.String(),
  },
  { additionalProperties: false },
);

export const PartnerChangeRecordsResponseSchema = Type.Object(
  {
    total_count: Type.Integer(),
    currency: Type.String(),
    records: Type.Array(PartnerChangeRecordSchema),
  },
  { additionalProperties: false },
);

export function toWirePartnerChangeRecords(
  page: ChangeRecordPage,
): Static<typeof PartnerChangeRecordsResponseSchema> {
  return {
    total_count: page.totalCount,
    currency: page.currency,
    records: page.items.map((record: ChangeRecord) => ({
      account_change_id: record.entryId,
      trade_detail_type: transactionWireNames[record.kind].tradeDetailType,
      trade_time: toWireTime(record.occurredAt) ?? '',
      trade_id: record.transactionId,
      change_amount: formatMoney(record.amount.abs()),
      balance_after_change: formatMoney(record.balanceAfter),
      type: record.amount.isNegative() ? '2' : '1',
      // Set for allocations and reclaims, whose other side is a customer or a reseller.
      customer_id: record.counterpartyId,
      account_name: record.counterpartyName,
    })),
  };
}

const CustomerChangeRecordSchema = Type.Object(
  {
    account_change_id: Type.String(),
    trade_detail_type: Type.String(),
    trade_time: Type.String(),
    trade_id: Type.String(),
    change_amount: Type.String(),
    balance_after_change: Type.String(),
    revenue_expense_type: Type.String(),
    account_name: Type.String(),
  },
  { additionalProperties: false },
);

export const CustomerChangeRecordsResponseSchema = Type.Object(
  {
    total_count: Type.Integer(),
    currency: Type.String(),
    records: Type.Array(CustomerChangeRecordSchema),
  },
  { additionalProperties: false },
);

export function toWireCustomerChangeRecords(
  page: ChangeRecordPage,
): Static<typeof CustomerChangeRecordsResponseSchema> {
  return {
    total_count: page.totalCount,
    currency: page.currency,
    records: page.items.map((record) => ({
      account_change_id: record.entryId,
      trade_detail_type: transactionWireNames[record.kind].tradeDetailType,
      trade_time: toWireTime(record.occurredAt) ?? '',
      trade_id: record.transactionId,
      change_amount: formatMoney(record.amount.abs()),
      balance_after_change: formatMoney(record.balanceAfter),
      revenue_expense_type: record.amount.isNegative() ? 'EXPENSE' : 'REVENUE',
      account_name: record.counterpartyName,
    })),
  };
}

// ---- ShowCustomerAccountBalances ----------------------------------------------------------------

const AccountBalanceSchema = Type.Object(
  {
    account_id: Type.String(),
    account_type: Type.Integer({ description: '1 balance (cash), 2 credit' }),
    amount: Type.Number(),
    currency: Type.String(),
    designated_amount: Type.Number(),
    credit_amount: Type.Optional(Type.Number()),
    measure_id: Type.Integer(),
  },
  { additionalProperties: false },
);

export const CustomerBalancesShowResponseSchema = Type.Object(
  {
    account_balances: Type.Array(AccountBalanceSchema),
    debt_amount: Type.Number(),
    measure_id: Type.Integer(),
    currency: Type.String(),
  },
  { additionalProperties: false },
);

export function toWireCustomerAccountBalances(
  balances: CustomerAccountBalance[],
): Static<typeof CustomerBalancesShowResponseSchema> {
  return {
    account_balances: balances.map((balance) => ({
      account_id: balance.accountId,
      account_type: 1,
      amount: moneyToWireNumber(balance.amount),
      currency: balance.currency,
      designated_amount: 0,
      measure_id: YUAN,
    })),
    debt_amount: 0,
    measure_id: YUAN,
    currency: 'CNY',
  };
}

// ---- ListPartnerBalances ------------------------------------------------------------------------

export const PartnerBalancesQuerySchema = Type.Object(
  { indirect_partner_id: IndirectPartnerSchema },
  { additionalProperties: false },
);

export const PartnerBalancesResponseSchema = Type.Object(
  { account_balances: Type.Array(AccountBalanceSchema) },
  { additionalProperties: false },
);

export function toWirePartnerBalance(
  balance: PartnerAccountBalance,
): Static<typeof AccountBalanceSchema> {
  return {
    account_id: balance.accountId,
    account_type: balance.accountType,
    amount: moneyToWireNumber(balance.amount),
    currency: balance.currency,
    designated_amount: moneyToWireNumber(balance.designatedAmount),
    ...(balance.creditAmount ? { credit_amount: moneyToWireNumber(balance.creditAmount) } : {}),
    measure_id: YUAN,
  };
}

// ---- Operator console -----------------------------------------------------------------------------

/** Console amounts travel as exact decimal strings. */
const ConsoleMoneySchema = Type.String({ description: 'Exact decimal, yuan' });

export const PartnerIdParamsSchema = Type.Object({
  partner_id: Type.String({ minLength: 1, maxLength: 64 }),
});

export const AccountIdParamsSchema = Type.Object({
  account_id: Type.String({ minLength: 1, maxLength: 64 }),
});

export const TopUpRequestSchema = Type.Object(
  {
    amount: DecimalSchema('Yuan, > 0, at most 2 decimals'),
    memo: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);

export function fromWireTopUp(
  partnerId: string,
  body: Static<typeof TopUpRequestSchema>,
): { partnerId: string; amount: Money; memo: string } {
  return { partnerId, amount: parseMoveAmount(body.amount, 'amount'), memo: body.memo ?? '' };
}

export const TransactionIdResponseSchema = Type.Object(
  { transaction_id: Type.String() },
  { additionalProperties: false },
);

export const CreditLineRequestSchema = Type.Object(
  {
    credit_limit: DecimalSchema('The new line in yuan, ≥ 0, at most 2 decimals'),
    memo: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);

export function fromWireCreditLine(
  partnerId: string,
  body: Static<typeof CreditLineRequestSchema>,
): { partnerId: string; creditLimit: Money; memo: string } {
  return {
    partnerId,
    creditLimit: parseMoveAmount(body.credit_limit, 'credit_limit', { allowZero: true }),
    memo: body.memo ?? '',
  };
}

export const CreditLineResponseSchema = Type.Object(
  {
    transaction_id: Type.Union([Type.String(), Type.Null()]),
    credit_limit: ConsoleMoneySchema,
    available: ConsoleMoneySchema,
  },
  { additionalProperties: false },
);

export function toWireCreditLine(
  result: CreditLineResult,
): Static<typeof CreditLineResponseSchema> {
  return {
    transaction_id: result.transactionId,
    credit_limit: formatMoney(result.creditLimit),
    available: formatMoney(result.available),
  };
}

export const PartnerFundsQuerySchema = Type.Object(
  {
    keyword: Type.Optional(Type.String({ maxLength: 128 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_646, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 10 })),
  },
  { additionalProperties: false },
);

const PartnerFundsSchema = Type.Object(
  {
    partner_id: Type.String(),
    name: Type.String(),
    company_name: Type.String(),
    partner_type: Type.String(),
    cash_balance: ConsoleMoneySchema,
    credit_limit: ConsoleMoneySchema,
    credit_available: ConsoleMoneySchema,
    cash_account_id: Type.Union([Type.String(), Type.Null()]),
    credit_account_id: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const PartnerFundsResponseSchema = Type.Object(
  { total_count: Type.Integer(), partners: Type.Array(PartnerFundsSchema) },
  { additionalProperties: false },
);

export function toWirePartnerFunds(item: PartnerFundsSummary): Static<typeof PartnerFundsSchema> {
  return {
    partner_id: item.partnerId,
    name: item.name,
    company_name: item.companyName,
    partner_type: item.partnerType,
    cash_balance: formatMoney(item.cash),
    credit_limit: formatMoney(item.creditLimit),
    credit_available: formatMoney(item.creditAvailable),
    cash_account_id: item.cashAccountId,
    credit_account_id: item.creditAccountId,
  };
}

export const LedgerQuerySchema = Type.Object(
  {
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_646, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 10 })),
  },
  { additionalProperties: false },
);

const LedgerEntrySchema = Type.Object(
  {
    entry_id: Type.String(),
    transaction_id: Type.String(),
    kind: Type.String(),
    amount: ConsoleMoneySchema,
    balance_after: ConsoleMoneySchema,
    counterparty_id: Type.String(),
    counterparty_name: Type.String(),
    memo: Type.String(),
    actor_name: Type.String(),
    request_id: Type.String(),
    occurred_at: Type.String(),
  },
  { additionalProperties: false },
);

export const LedgerResponseSchema = Type.Object(
  {
    account: Type.Object(
      {
        id: Type.String(),
        partner_id: Type.String(),
        owner_type: Type.String(),
        owner_id: Type.String(),
        kind: Type.String(),
        currency: Type.String(),
        balance: ConsoleMoneySchema,
        credit_limit: ConsoleMoneySchema,
      },
      { additionalProperties: false },
    ),
    total_count: Type.Integer(),
    entries: Type.Array(LedgerEntrySchema),
  },
  { additionalProperties: false },
);

export function toWireLedger(ledger: {
  account: LedgerAccountView;
  entries: { totalCount: number; items: LedgerEntryView[] };
}): Static<typeof LedgerResponseSchema> {
  const { account } = ledger;
  return {
    account: {
      id: account.id,
      partner_id: account.partnerId,
      owner_type: account.ownerType,
      owner_id: account.ownerId,
      kind: account.kind,
      currency: account.currency,
      balance: formatMoney(account.balance),
      credit_limit: formatMoney(account.creditLimit),
    },
    total_count: ledger.entries.totalCount,
    entries: ledger.entries.items.map((entry) => ({
      entry_id: entry.entryId,
      transaction_id: entry.transactionId,
      kind: entry.kind,
      amount: formatMoney(entry.amount),
      balance_after: formatMoney(entry.balanceAfter),
      counterparty_id: entry.counterpartyId,
      counterparty_name: entry.counterpartyName,
      memo: entry.memo,
      actor_name: entry.actorName,
      request_id: entry.requestId,
      occurred_at: toWireTime(entry.occurredAt) ?? '',
    })),
  };
}

// ---- Console: 批量拨款 / 批量回收 -------------------------------------------------------------------

export const BatchFundsRequestSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          customer_id: IdSchema('A resale (association_type 2) customer'),
          amount: DecimalSchema('Yuan, > 0, at most 2 decimals'),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    indirect_partner_id: IndirectPartnerSchema,
  },
  { additionalProperties: false },
);

export function fromWireBatchFunds(body: Static<typeof BatchFundsRequestSchema>): BatchFundsMove {
  return {
    items: body.items.map((item, index) => ({
      customerId: item.customer_id,
      amount: parseMoveAmount(item.amount, `items[${String(index)}].amount`),
    })),
    indirectPartnerId: body.indirect_partner_id || undefined,
  };
}

export const BatchFundsResponseSchema = Type.Object(
  {
    succeeded: Type.Array(
      Type.Object(
        { customer_id: Type.String(), transaction_id: Type.String() },
        { additionalProperties: false },
      ),
    ),
    error_details: Type.Array(
      Type.Object(
        { id: Type.String(), error_code: Type.String(), error_msg: Type.String() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export function toWireBatchFunds(
  result: BatchFundsResult,
): Static<typeof BatchFundsResponseSchema> {
  return {
    succeeded: result.succeeded.map((item) => ({
      customer_id: item.customerId,
      transaction_id: item.transactionId,
    })),
    error_details: result.errorDetails.map((item) => ({
      id: item.id,
      error_code: item.errorCode,
      error_msg: item.errorMsg,
    })),
  };
}

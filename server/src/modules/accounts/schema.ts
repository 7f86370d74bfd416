import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  numeric,
  pgTable,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { idColumn, partnerIdColumn, timestampColumn } from '../../platform/db/columns.ts';

/** Who holds a ledger account: the provider (operator), a partner, or a customer. */
export const accountOwnerTypes = ['provider', 'partner', 'customer'] as const;
export type AccountOwnerType = (typeof accountOwnerTypes)[number];

/**
 * What an account holds. `funding` and `credit_issued` are the provider's counter-accounts of
 * double entry: an offline remittance enters the system through `funding`, a credit line through
 * `credit_issued`, so both run negative by design (they mirror what the provider owes out).
 * `coupon_quota` (one per quota) and `coupon` (one per coupon) belong to the coupons module.
 */
export const accountKinds = [
  'cash',
  'credit',
  'coupon_quota',
  'coupon',
  'funding',
  'credit_issued',
] as const;
export type AccountKind = (typeof accountKinds)[number];

/**
 * Every money move of the installation, by business meaning. The wire names (trade types,
 * operation types) are derived from it in the accounts module's rules.
 */
export const transactionKinds = [
  'top_up',
  'credit_line',
  'customer_allocate',
  'customer_reclaim',
  'reseller_allocate',
  'reseller_reclaim',
  'coupon_quota_grant',
  'coupon_quota_reclaim',
  'coupon_issue',
  'coupon_reclaim',
] as const;
export type TransactionKind = (typeof transactionKinds)[number];

/** Amounts: yuan to the fen, signed on entries; 18 integer digits leave room for any total. */
const money = () => numeric({ precision: 20, scale: 2 });

/**
 * Ledger accounts with their running balance. The balance is a cache of the sum of the account's
 * entries, updated in the same transaction as the entries (`huoban ledger verify` proves it).
 * `partnerId` is the tenant owning the account: the partner itself, the customer's partner, or
 * the operator's partner for the provider's accounts. `reference` tells apart several accounts
 * of one kind (one per coupon or quota); it is '' for cash and credit.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    ownerType: varchar({ length: 16 }).$type<AccountOwnerType>().notNull(),
    ownerId: varchar({ length: 64 }).notNull(),
    kind: varchar({ length: 16 }).$type<AccountKind>().notNull(),
    reference: varchar({ length: 64 }).notNull().default(''),
    currency: varchar({ length: 3 }).notNull().default('CNY'),
    balance: money().notNull().default('0'),
    /** Only the provider's counter-accounts may go below zero. */
    allowNegative: boolean().notNull().default(false),
    /** The credit line granted (credit accounts only); the balance is what is left of it. */
    creditLimit: money().notNull().default('0'),
    createdAt: timestampColumn().notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [
    uniqueIndex('ledger_accounts_owner_unique').on(
      t.partnerId,
      t.ownerType,
      t.ownerId,
      t.kind,
      t.reference,
      t.currency,
    ),
    check('ledger_accounts_balance_non_negative', sql`${t.allowNegative} or ${t.balance} >= 0`),
  ],
);

/**
 * One money move: its entries sum to zero. `partnerId` is the tenant whose funds moved (the
 * funding partner of an allocation, the reseller when a distributor acts for it, the operator
 * for top-ups). `counterpartyId`/`counterpartyName` name the customer or reseller on the other
 * side as it was at the time, which the adjustment records show.
 */
export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    id: varchar({ length: 64 }).primaryKey(),
    partnerId: partnerIdColumn(),
    /** Posting order: moves made in the same instant still list in the order they happened. */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    kind: varchar({ length: 32 }).$type<TransactionKind>().notNull(),
    counterpartyType: varchar({ length: 16 }).$type<AccountOwnerType>(),
    counterpartyId: varchar({ length: 64 }),
    counterpartyName: varchar({ length: 255 }).notNull().default(''),
    amount: money().notNull(),
    currency: varchar({ length: 3 }).notNull().default('CNY'),
    memo: varchar({ length: 512 }).notNull().default(''),
    actorType: varchar({ length: 16 }).notNull(),
    actorId: varchar({ length: 64 }).notNull(),
    actorName: varchar({ length: 255 }).notNull(),
    requestId: varchar({ length: 64 }).notNull(),
    idempotencyKey: varchar({ length: 128 }),
    occurredAt: timestampColumn().notNull(),
  },
  (t) => [
    index().on(t.partnerId, t.occurredAt),
    index().on(t.partnerId, t.counterpartyId, t.occurredAt),
  ],
);

/** The legs of a transaction: signed amounts per account, with the balance each leaves. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    /** Posting order; an account's entries are locked in turn, so it is also their balance order. */
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    transactionId: varchar({ length: 64 }).notNull(),
    accountId: varchar({ length: 64 }).notNull(),
    amount: money().notNull(),
    balanceAfter: money().notNull(),
    occurredAt: timestampColumn().notNull(),
  },
  (t) => [
    index().on(t.partnerId, t.accountId, t.occurredAt),
    index().on(t.transactionId),
    check('ledger_entries_amount_non_zero', sql`${t.amount} <> 0`),
  ],
);

/** SM-5 budget kinds, with the catalog's names: a monthly budget, or a one-time (package) one. */
export const budgetTypes = ['MONTHLY', 'PACKAGE'] as const;
export type BudgetType = (typeof budgetTypes)[number];

/**
 * What happens when a budget is used up (R-FUND-08): purchases are restricted (the catalog's
 * `frozen_operate_type` 0, manual freeze left to the partner), or the account is frozen (1).
 */
export const budgetExhaustionActions = ['restrict', 'freeze'] as const;
export type BudgetExhaustionAction = (typeof budgetExhaustionActions)[number];

/**
 * One budget per customer (setting again overwrites it, R-FUND-10). `period` is the month
 * ('YYYY-MM', operator's time zone) the usage counts for: a monthly budget whose period is not the
 * current month is read as unused, so the reset holds even before the monthly job has run; a
 * one-time budget keeps the month it was set. `alertedPercent` is the highest of 75/90/100 alerted
 * in the period, so each alert fires once.
 */
export const customerBudgets = pgTable(
  'customer_budgets',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    customerId: varchar({ length: 64 }).notNull(),
    budgetType: varchar({ length: 16 }).$type<BudgetType>().notNull(),
    amount: money().notNull(),
    exhaustionAction: varchar({ length: 16 }).$type<BudgetExhaustionAction>().notNull(),
    period: varchar({ length: 7 }).notNull(),
    usedAmount: money().notNull().default('0'),
    alertedPercent: integer().notNull().default(0),
    /** Purchases restricted because the budget is used up (either action). */
    restricted: boolean().notNull().default(false),
    /** The account was frozen by exhaustion (not by hand), so a reset may unfreeze it. */
    frozenByBudget: boolean().notNull().default(false),
    createdAt: timestampColumn().notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [uniqueIndex('customer_budgets_customer_unique').on(t.partnerId, t.customerId)],
);

/**
 * Budget alerts (R-FUND-09), the console's alert list and the mail outbox at once: one row per
 * budget, period and threshold (the unique index makes each fire once); `mailedAt` is set when
 * the mail to the partner went out after the commit.
 */
export const budgetAlerts = pgTable(
  'budget_alerts',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    customerId: varchar({ length: 64 }).notNull(),
    budgetId: varchar({ length: 64 }).notNull(),
    period: varchar({ length: 7 }).notNull(),
    threshold: integer().notNull(),
    budgetAmount: money().notNull(),
    usedAmount: money().notNull(),
    mailedAt: timestampColumn(),
    createdAt: timestampColumn().notNull(),
  },
  (t) => [
    uniqueIndex('budget_alerts_once').on(t.budgetId, t.period, t.threshold),
    index().on(t.partnerId, t.createdAt),
  ],
);

/**
 * A tier-1 distributor's grant to one of its resellers (R-FUND-11): whether the reseller may set
 * its customers' budgets, and the monthly and one-time budget quotas the sums of those budgets
 * must stay within. Owned by the reseller (`partnerId`); `distributorId` is the granting parent.
 * No row: the reseller may not set budgets.
 */
export const resellerBudgetQuotas = pgTable(
  'reseller_budget_quotas',
  {
    id: idColumn(),
    partnerId: partnerIdColumn(),
    distributorId: varchar({ length: 64 }).notNull(),
    enabled: boolean().notNull(),
    monthlyQuota: money().notNull(),
    oneTimeQuota: money().notNull(),
    createdAt: timestampColumn().notNull(),
    updatedAt: timestampColumn().notNull(),
  },
  (t) => [uniqueIndex('reseller_budget_quotas_partner_unique').on(t.partnerId)],
);

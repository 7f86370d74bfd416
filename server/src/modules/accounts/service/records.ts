import { and, count, desc, eq, gt, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { assertCustomer } from '../../../platform/auth/authorize.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Db } from '../../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { DAY_MS } from '../../../platform/clock/index.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import {
  createExportFile,
  type ExportColumn,
  type ExportFile,
  type ExportFormat,
} from '../../../platform/exports/index.ts';
import { formatMoney, Money, type Money as MoneyValue } from '../../../platform/money/index.ts';
import {
  findOwnFundsCustomer,
  resolveFundsPartner,
  scopedCustomerIds,
} from '../../customers/index.ts';
import {
  adjustmentKinds,
  chinaDate,
  kindsOfAdjustOperation,
  kindsOfTradeType,
  startOfChinaDay,
  transactionWireNames,
} from '../rules.ts';
import {
  ledgerEntries,
  ledgerTransactions,
  type AccountKind,
  type AccountOwnerType,
  type TransactionKind,
} from '../schema.ts';
import { findAccount, type AccountKey } from './ledger.ts';
import {
  assertCaller,
  BALANCE_ACCOUNT_TYPES,
  CONSOLE_FUNDS_ACCOUNT_TYPES,
  customerCash,
  FUNDS_ACCOUNT_TYPES,
} from './shared.ts';

export interface AdjustRecordFilters {
  customerId?: string | undefined;
  operationType?: string | undefined;
  operationTimeBegin?: Date | undefined;
  operationTimeEnd?: Date | undefined;
  transactionId?: string | undefined;
  indirectPartnerId?: string | undefined;
}

export interface AdjustRecord {
  transactionId: string;
  kind: TransactionKind;
  counterpartyId: string;
  counterpartyName: string;
  amount: MoneyValue;
  currency: string;
  memo: string;
  occurredAt: Date;
}

const emptyPage = <T>(): PagedResult<T> => ({ items: [], totalCount: 0 });

/**
 * ListPartnerAdjustRecords (调账记录): the allocations and reclaims of the caller's funds (or a
 * reseller's, for its distributor), newest first. An account manager sees only the records of
 * own customers (R-ORG-04); a foreign reseller or customer answers an empty list.
 *
 * @throws CBC.0151 wrong caller class or missing `account.balance.view`.
 */
export function listAdjustRecords(
  ctx: AuthenticatedContext,
  filters: AdjustRecordFilters,
  page: Page,
): Promise<PagedResult<AdjustRecord>> {
  const principal = assertCaller(ctx, FUNDS_ACCOUNT_TYPES, Permissions.ACCOUNT_BALANCE_VIEW);
  return adjustRecordsOf(ctx, principal, filters, page);
}

async function adjustRecordsOf(
  ctx: AuthenticatedContext,
  principal: Principal,
  filters: AdjustRecordFilters,
  page: Page,
): Promise<PagedResult<AdjustRecord>> {
  const partnerId = await resolveFundsPartner(ctx, principal, filters.indirectPartnerId, 'read');
  if (!partnerId) return emptyPage();
  const kinds = filters.operationType
    ? kindsOfAdjustOperation(filters.operationType)
    : [...adjustmentKinds];
  if (kinds.length === 0) return emptyPage();
  const conditions: (SQL | undefined)[] = [
    eq(ledgerTransactions.partnerId, partnerId),
    inArray(ledgerTransactions.kind, kinds),
  ];
  if (filters.customerId)
    conditions.push(eq(ledgerTransactions.counterpartyId, filters.customerId));
  if (filters.transactionId) conditions.push(eq(ledgerTransactions.id, filters.transactionId));
  if (filters.operationTimeBegin) {
    conditions.push(gt(ledgerTransactions.occurredAt, filters.operationTimeBegin));
  }
  if (filters.operationTimeEnd) {
    conditions.push(lt(ledgerTransactions.occurredAt, filters.operationTimeEnd));
  }
  const scoped = await scopedCustomerIds(ctx.db, principal, partnerId);
  if (scoped !== null) {
    if (scoped.length === 0) return emptyPage();
    conditions.push(inArray(ledgerTransactions.counterpartyId, scoped));
  }
  const where = and(...conditions);
  const [total] = await ctx.db.select({ value: count() }).from(ledgerTransactions).where(where);
  const rows = await ctx.db
    .select()
    .from(ledgerTransactions)
    .where(where)
    .orderBy(desc(ledgerTransactions.seq))
    .limit(page.limit)
    .offset(page.offset);
  return {
    totalCount: total?.value ?? 0,
    items: rows.map((row) => ({
      transactionId: row.id,
      kind: row.kind,
      counterpartyId: row.counterpartyId ?? '',
      counterpartyName: row.counterpartyName,
      amount: new Money(row.amount),
      currency: row.currency,
      memo: row.memo,
      occurredAt: row.occurredAt,
    })),
  };
}

export interface ChangeRecordFilters {
  kind: Extract<AccountKind, 'cash' | 'credit'>;
  tradeType?: string | undefined;
  /** UTC+8 dates `YYYY-MM-DD`, both inclusive; default the last year up to today. */
  tradeDateBegin?: string | undefined;
  tradeDateEnd?: string | undefined;
  transactionId?: string | undefined;
  /** Only income (positive entries) or only expense (negative ones). */
  direction?: 'income' | 'expense' | undefined;
  indirectPartnerId?: string | undefined;
}

export interface ChangeRecord {
  entryId: string;
  transactionId: string;
  kind: TransactionKind;
  occurredAt: Date;
  /** Signed: positive is income, negative expense. */
  amount: MoneyValue;
  balanceAfter: MoneyValue;
  counterpartyType: AccountOwnerType | null;
  counterpartyId: string;
  counterpartyName: string;
}

export interface ChangeRecordPage extends PagedResult<ChangeRecord> {
  currency: string;
}

function chinaDay(date: string, field: string): Date {
  const start = startOfChinaDay(date);
  if (Number.isNaN(start.getTime()) || chinaDate(start) !== date) {
    throw invalidParameter(field, 'must be a calendar date YYYY-MM-DD');
  }
  return start;
}

/** The UTC instants of a UTC+8 date range, both days included. */
function dateRange(filters: ChangeRecordFilters, now: Date): { from: Date; to: Date } {
  const from = filters.tradeDateBegin
    ? chinaDay(filters.tradeDateBegin, 'trade_time_begin')
    : startOfChinaDay(chinaDate(new Date(now.getTime() - 365 * DAY_MS)));
  const end = chinaDay(filters.tradeDateEnd ?? chinaDate(now), 'trade_time_end');
  return { from, to: new Date(end.getTime() + DAY_MS) };
}

/** The entries of one account joined with their transactions, newest first. */
async function accountEntries(
  db: Db,
  key: AccountKey,
  filters: ChangeRecordFilters,
  range: { from: Date; to: Date },
  scoped: string[] | null,
  page: Page,
): Promise<PagedResult<ChangeRecord>> {
  const account = await findAccount(db, key);
  if (!account) return emptyPage();
  const conditions: (SQL | undefined)[] = [
    eq(ledgerEntries.partnerId, key.partnerId),
    eq(ledgerEntries.accountId, account.id),
    gte(ledgerEntries.occurredAt, range.from),
    lt(ledgerEntries.occurredAt, range.to),
  ];
  if (filters.tradeType) {
    const kinds = kindsOfTradeType(filters.tradeType);
    if (kinds.length === 0) return emptyPage();
    conditions.push(inArray(ledgerTransactions.kind, kinds));
  }
  if (filters.transactionId)
    conditions.push(eq(ledgerEntries.transactionId, filters.transactionId));
  if (filters.direction === 'income') conditions.push(gt(ledgerEntries.amount, '0'));
  if (filters.direction === 'expense') conditions.push(lt(ledgerEntries.amount, '0'));
  if (scoped !== null) {
    if (scoped.length === 0) return emptyPage();
    conditions.push(inArray(ledgerTransactions.counterpartyId, scoped));
  }
  const where = and(...conditions);
  const [total] = await db
    .select({ value: count() })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(where);
  const rows = await db
    .select({ entry: ledgerEntries, transaction: ledgerTransactions })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(where)
    .orderBy(desc(ledgerEntries.seq))
    .limit(page.limit)
    .offset(page.offset);
  return {
    totalCount: total?.value ?? 0,
    items: rows.map(({ entry, transaction }) => ({
      entryId: entry.id,
      transactionId: transaction.id,
      kind: transaction.kind,
      occurredAt: entry.occurredAt,
      amount: new Money(entry.amount),
      balanceAfter: new Money(entry.balanceAfter),
      counterpartyType: transaction.counterpartyType,
      counterpartyId: transaction.counterpartyId ?? '',
      counterpartyName: transaction.counterpartyName,
    })),
  };
}

/**
 * ListPartnerAccountChangeRecords (收支明细): the entries of the caller's cash or credit account
 * (or a reseller's, for its distributor). An account manager sees only the moves with own
 * customers; a foreign reseller answers an empty list.
 *
 * @throws CBC.0151 operator callers or a missing `account.balance.view`; CBC.0100 bad dates.
 */
export async function listPartnerChangeRecords(
  ctx: AuthenticatedContext,
  filters: ChangeRecordFilters,
  page: Page,
): Promise<ChangeRecordPage> {
  const principal = assertCaller(ctx, BALANCE_ACCOUNT_TYPES, Permissions.ACCOUNT_BALANCE_VIEW);
  const range = dateRange(filters, ctx.clock.now());
  const partnerId = await resolveFundsPartner(ctx, principal, filters.indirectPartnerId, 'read');
  if (!partnerId) return { ...emptyPage(), currency: 'CNY' };
  const scoped = await scopedCustomerIds(ctx.db, principal, partnerId);
  const key: AccountKey = {
    partnerId,
    ownerType: 'partner',
    ownerId: partnerId,
    kind: filters.kind,
  };
  return { ...(await accountEntries(ctx.db, key, filters, range, scoped, page)), currency: 'CNY' };
}

export interface CustomerAccountBalance {
  accountId: string;
  amount: MoneyValue;
  currency: string;
}

/**
 * ShowCustomerAccountBalances: a customer's own cash account (the money its partner allocated,
 * for a resale customer). A customer that never received money has no account yet: empty list.
 *
 * @throws CBC.0151 for any caller but a customer.
 */
export async function showCustomerBalances(
  ctx: AuthenticatedContext,
): Promise<CustomerAccountBalance[]> {
  const principal = assertCustomer(ctx);
  const customer = await findOwnFundsCustomer(ctx.db, principal);
  if (!customer) return [];
  const account = await findAccount(ctx.db, customerCash(customer));
  return account
    ? [{ accountId: account.id, amount: new Money(account.balance), currency: account.currency }]
    : [];
}

/**
 * ListCustomerAccountChangeRecords: a customer's own ledger. Huawei keeps a resale customer's
 * change records with its partner, so a resale customer is refused.
 *
 * @throws CBC.0151 for any caller but a customer; CBC.99000084 for a resale customer.
 */
export async function listCustomerChangeRecords(
  ctx: AuthenticatedContext,
  filters: ChangeRecordFilters,
  page: Page,
): Promise<ChangeRecordPage> {
  const principal = assertCustomer(ctx);
  const customer = await findOwnFundsCustomer(ctx.db, principal);
  if (!customer) return { ...emptyPage(), currency: 'CNY' };
  if (customer.associationType === '2') throw new ApiError(Errors.RESALE_CUSTOMER_CHANGE_RECORDS);
  return ownChangeRecords(ctx, customer, filters, page);
}

/**
 * The customer portal's 余额 page (a Huoban extension): the signed-in customer's own cash ledger,
 * a resale customer's included — it sees the allocations and reclaims behind its balance, which
 * Huawei's open API leaves to the partner's records.
 *
 * @throws CBC.0151 for any caller but a customer; CBC.0100 bad dates.
 */
export async function listPortalChangeRecords(
  ctx: AuthenticatedContext,
  filters: ChangeRecordFilters,
  page: Page,
): Promise<ChangeRecordPage> {
  const principal = assertCustomer(ctx);
  const customer = await findOwnFundsCustomer(ctx.db, principal);
  if (!customer) return { ...emptyPage(), currency: 'CNY' };
  return ownChangeRecords(ctx, customer, filters, page);
}

async function ownChangeRecords(
  ctx: AuthenticatedContext,
  customer: { id: string; partnerId: string },
  filters: ChangeRecordFilters,
  page: Page,
): Promise<ChangeRecordPage> {
  const range = dateRange(filters, ctx.clock.now());
  const key: AccountKey = { ...customerCash(customer), kind: filters.kind };
  return { ...(await accountEntries(ctx.db, key, filters, range, null, page)), currency: 'CNY' };
}

const adjustExportColumns: readonly ExportColumn<AdjustRecord>[] = [
  { header: 'trans_id', value: (record) => record.transactionId, width: 34 },
  {
    header: 'operation_type',
    value: (record) => transactionWireNames[record.kind].adjustOperationType ?? record.kind,
    width: 30,
  },
  { header: 'customer_id', value: (record) => record.counterpartyId, width: 34 },
  { header: 'customer_name', value: (record) => record.counterpartyName, width: 24, mask: 'name' },
  { header: 'amount', value: (record) => formatMoney(record.amount), width: 16 },
  { header: 'currency', value: (record) => record.currency, width: 8 },
  { header: 'operation_time', value: (record) => record.occurredAt, width: 22 },
  { header: 'memo', value: (record) => record.memo, width: 30 },
];

const EXPORT_PAGE = 500;

/**
 * 调账记录 export (R-FUND-04: adjustment records are exportable): the filtered records of
 * `listAdjustRecords` as CSV or XLSX, customer names masked (X3); resellers export their own.
 *
 * @throws CBC.0151 operator callers or a missing `account.balance.view`.
 */
export async function exportAdjustRecords(
  ctx: AuthenticatedContext,
  filters: AdjustRecordFilters,
  format: ExportFormat,
): Promise<ExportFile> {
  const principal = assertCaller(
    ctx,
    CONSOLE_FUNDS_ACCOUNT_TYPES,
    Permissions.ACCOUNT_BALANCE_VIEW,
  );
  // The first page is read before the download starts, so a failure is an ordinary answer.
  const first = await adjustRecordsOf(ctx, principal, filters, { offset: 0, limit: EXPORT_PAGE });
  async function* pages(): AsyncGenerator<AdjustRecord[]> {
    yield first.items;
    for (let offset = EXPORT_PAGE; offset < first.totalCount; offset += EXPORT_PAGE) {
      yield (await adjustRecordsOf(ctx, principal, filters, { offset, limit: EXPORT_PAGE })).items;
    }
  }
  return createExportFile({
    baseName: 'adjust-records',
    format,
    at: ctx.clock.now(),
    columns: adjustExportColumns,
    pages: pages(),
  });
}

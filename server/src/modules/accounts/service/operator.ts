import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { assertAccountType, assertPermission } from '../../../platform/auth/authorize.ts';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { withTransaction } from '../../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { runIdempotent } from '../../../platform/idempotency/index.ts';
import { Money, type Money as MoneyValue } from '../../../platform/money/index.ts';
import { findPartnerById, listPartners, type PartnerAccount } from '../../partners/index.ts';
import {
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  type AccountKind,
  type AccountOwnerType,
  type TransactionKind,
} from '../schema.ts';
import { findAccount, postTransaction, setCreditLimit } from './ledger.ts';
import {
  balanceChanges,
  fingerprintAmount,
  partnerCash,
  partnerCredit,
  providerAccount,
  TRANSACTION_RESOURCE,
} from './shared.ts';
import type { FundsMoveResult } from './funds.ts';

function assertOperator(ctx: AuthenticatedContext): Principal {
  assertAccountType(ctx, ['operator']);
  return assertPermission(ctx, Permissions.OPERATOR_PARTNER_MANAGE);
}

/** A partner account the operator funds (any partner but the operator itself). */
async function fundedPartner(
  ctx: AuthenticatedContext,
  partnerId: string,
): Promise<PartnerAccount> {
  const partner = await findPartnerById(ctx.db, partnerId);
  if (!partner || partner.partnerType === 'operator') {
    throw new ApiError(Errors.NOT_FOUND, { field: 'partner_id', detail: 'no such partner' });
  }
  return partner;
}

/**
 * Records a partner's offline remittance (线下汇款, R-FUND-16): the amount enters the partner's
 * cash account from the provider's funding account. Operator only; audited; idempotent with
 * `Idempotency-Key`.
 *
 * @throws CBC.0151 not the operator; CBC.0404 unknown partner; CBC.0412 key reused.
 */
export async function recordTopUp(
  ctx: AuthenticatedContext,
  input: { partnerId: string; amount: MoneyValue; memo: string },
  idempotencyKey?: string,
): Promise<FundsMoveResult> {
  const principal = assertOperator(ctx);
  const partner = await fundedPartner(ctx, input.partnerId);
  const answer = await runIdempotent(
    ctx,
    {
      key: idempotencyKey,
      operation: 'RecordTopUp',
      parameters: {
        partnerId: partner.id,
        amount: fingerprintAmount(input.amount),
        memo: input.memo,
      },
    },
    200,
    async (tx): Promise<FundsMoveResult> => {
      const posted = await postTransaction(ctx, tx, {
        kind: 'top_up',
        partnerId: partner.id,
        legs: [
          { account: providerAccount(principal.partnerId, 'funding'), amount: input.amount.neg() },
          { account: partnerCash(partner.id), amount: input.amount },
        ],
        amount: input.amount,
        counterparty: { type: 'partner', id: partner.id, name: partner.name },
        memo: input.memo,
        idempotencyKey,
      });
      await recordAudit(ctx, tx, {
        action: 'accounts.partner.top_up',
        resourceType: TRANSACTION_RESOURCE,
        resourceId: posted.id,
        resourceName: partner.name,
        ...balanceChanges(posted),
      });
      return { transactionId: posted.id };
    },
  );
  return answer.body;
}

export interface CreditLineResult {
  /** Null when the line did not change (nothing was posted). */
  transactionId: string | null;
  creditLimit: MoneyValue;
  available: MoneyValue;
}

/**
 * Sets a partner's credit line (信用账户, set by the channel manager; P-31). The difference to the
 * current line is posted between the provider's credit account and the partner's credit
 * account, so lowering a line below what the partner has already used is refused.
 *
 * @throws CBC.0151 not the operator; CBC.0404 unknown partner; CBC.99005003 the partner has
 *   used more credit than the new line leaves.
 */
export async function setCreditLine(
  ctx: AuthenticatedContext,
  input: { partnerId: string; creditLimit: MoneyValue; memo: string },
): Promise<CreditLineResult> {
  const principal = assertOperator(ctx);
  const partner = await fundedPartner(ctx, input.partnerId);
  // Setting a level is naturally idempotent: a repeat finds no difference and posts nothing.
  return withTransaction(ctx.db, async (tx) => {
    const key = partnerCredit(partner.id);
    const current = await findAccount(tx, key);
    const previousLimit = new Money(current?.creditLimit ?? 0);
    const delta = input.creditLimit.minus(previousLimit);
    let transactionId: string | null = null;
    let available = new Money(current?.balance ?? 0);
    if (!delta.isZero()) {
      const posted = await postTransaction(ctx, tx, {
        kind: 'credit_line',
        partnerId: partner.id,
        legs: [
          { account: providerAccount(principal.partnerId, 'credit_issued'), amount: delta.neg() },
          { account: key, amount: delta },
        ],
        amount: delta.abs(),
        counterparty: { type: 'partner', id: partner.id, name: partner.name },
        memo: input.memo,
      });
      transactionId = posted.id;
      available =
        posted.entries.find((entry) => entry.account.kind === 'credit')?.balanceAfter ?? available;
    }
    await setCreditLimit(tx, key, input.creditLimit, ctx.clock.now());
    await recordAudit(ctx, tx, {
      action: 'accounts.partner.credit_line',
      resourceType: 'accounts.credit_line',
      resourceId: partner.id,
      resourceName: partner.name,
      before: { creditLimit: previousLimit.toFixed(2) },
      after: { creditLimit: input.creditLimit.toFixed(2), transactionId },
    });
    return { transactionId, creditLimit: input.creditLimit, available };
  });
}

export interface PartnerFundsSummary {
  partnerId: string;
  name: string;
  companyName: string;
  partnerType: string;
  cash: MoneyValue;
  creditLimit: MoneyValue;
  creditAvailable: MoneyValue;
  cashAccountId: string | null;
  creditAccountId: string | null;
}

/**
 * The operator's view of every partner's funds (cash and credit), filtered and paged like the
 * partner list.
 *
 * @throws CBC.0151 not the operator.
 */
export async function listPartnerFunds(
  ctx: AuthenticatedContext,
  filters: { keyword?: string | undefined },
  page: Page,
): Promise<PagedResult<PartnerFundsSummary>> {
  assertOperator(ctx);
  const partners = await listPartners(ctx, { keyword: filters.keyword }, page);
  const ids = partners.items.map((item) => item.id);
  const accounts =
    ids.length === 0
      ? []
      : await ctx.db
          .select()
          .from(ledgerAccounts)
          .where(
            and(
              inArray(ledgerAccounts.partnerId, ids),
              eq(ledgerAccounts.ownerType, 'partner'),
              inArray(ledgerAccounts.kind, ['cash', 'credit']),
            ),
          );
  return {
    totalCount: partners.totalCount,
    items: partners.items.map((item) => {
      const cash = accounts.find((row) => row.ownerId === item.id && row.kind === 'cash');
      const credit = accounts.find((row) => row.ownerId === item.id && row.kind === 'credit');
      return {
        partnerId: item.id,
        name: item.name,
        companyName: item.companyName,
        partnerType: item.partnerType,
        cash: new Money(cash?.balance ?? 0),
        creditLimit: new Money(credit?.creditLimit ?? 0),
        creditAvailable: new Money(credit?.balance ?? 0),
        cashAccountId: cash?.id ?? null,
        creditAccountId: credit?.id ?? null,
      };
    }),
  };
}

export interface LedgerAccountView {
  id: string;
  partnerId: string;
  ownerType: AccountOwnerType;
  ownerId: string;
  kind: AccountKind;
  currency: string;
  balance: MoneyValue;
  creditLimit: MoneyValue;
}

export interface LedgerEntryView {
  entryId: string;
  transactionId: string;
  kind: TransactionKind;
  amount: MoneyValue;
  balanceAfter: MoneyValue;
  counterpartyId: string;
  counterpartyName: string;
  memo: string;
  actorName: string;
  requestId: string;
  occurredAt: Date;
}

/**
 * The ledger of any account, for the operator (issue 4, item 7): the account and its entries,
 * newest first.
 *
 * @throws CBC.0151 not the operator; CBC.0404 unknown account.
 */
export async function getAccountLedger(
  ctx: AuthenticatedContext,
  accountId: string,
  page: Page,
): Promise<{ account: LedgerAccountView; entries: PagedResult<LedgerEntryView> }> {
  assertOperator(ctx);
  const [account] = await ctx.db
    .select()
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.id, accountId));
  if (!account)
    throw new ApiError(Errors.NOT_FOUND, { field: 'account_id', detail: 'no such account' });
  const where = and(
    eq(ledgerEntries.partnerId, account.partnerId),
    eq(ledgerEntries.accountId, account.id),
  );
  const [total] = await ctx.db.select({ value: count() }).from(ledgerEntries).where(where);
  const rows = await ctx.db
    .select({ entry: ledgerEntries, transaction: ledgerTransactions })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(where)
    .orderBy(desc(ledgerEntries.seq))
    .limit(page.limit)
    .offset(page.offset);
  return {
    account: {
      id: account.id,
      partnerId: account.partnerId,
      ownerType: account.ownerType,
      ownerId: account.ownerId,
      kind: account.kind,
      currency: account.currency,
      balance: new Money(account.balance),
      creditLimit: new Money(account.creditLimit),
    },
    entries: {
      totalCount: total?.value ?? 0,
      items: rows.map(({ entry, transaction }) => ({
        entryId: entry.id,
        transactionId: transaction.id,
        kind: transaction.kind,
        amount: new Money(entry.amount),
        balanceAfter: new Money(entry.balanceAfter),
        counterpartyId: transaction.counterpartyId ?? '',
        counterpartyName: transaction.counterpartyName,
        memo: transaction.memo,
        actorName: transaction.actorName,
        requestId: transaction.requestId,
        occurredAt: entry.occurredAt,
      })),
    },
  };
}

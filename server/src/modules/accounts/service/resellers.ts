import { and, eq, inArray } from 'drizzle-orm';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { runIdempotent } from '../../../platform/idempotency/index.ts';
import { Money, type Money as MoneyValue } from '../../../platform/money/index.ts';
import {
  checkOperationCode,
  consumeOperationCode,
  resolveFundsPartner,
} from '../../customers/index.ts';
import { findPartnerById } from '../../partners/index.ts';
import { ledgerAccounts } from '../schema.ts';
import { postTransaction } from './ledger.ts';
import type { FundsMoveResult } from './funds.ts';
import {
  assertCaller,
  BALANCE_ACCOUNT_TYPES,
  balanceChanges,
  fingerprintAmount,
  partnerCash,
  TRANSACTION_RESOURCE,
} from './shared.ts';

export interface ResellerFundsMove {
  indirectPartnerId: string;
  amount: MoneyValue;
  /** The mailed code, when 验证码验证 is on and the move is made in the console (X4). */
  verificationCode?: string | undefined;
}

async function moveResellerFunds(
  ctx: AuthenticatedContext,
  input: ResellerFundsMove,
  idempotencyKey: string | undefined,
  direction: 'allocate' | 'reclaim',
): Promise<FundsMoveResult> {
  const principal = assertCaller(ctx, ['tier1_distributor'], Permissions.ACCOUNT_FUNDS_MANAGE);
  const resellerId = await resolveFundsPartner(ctx, principal, input.indirectPartnerId, 'write');
  const reseller = resellerId ? await findPartnerById(ctx.db, resellerId) : null;
  if (!reseller) {
    throw new ApiError(Errors.RESELLER_NOT_OWNED, { field: 'indirect_partner_id' });
  }
  const toReseller = direction === 'allocate';
  const codeId = await checkOperationCode(ctx, input.verificationCode);
  const answer = await runIdempotent(
    ctx,
    {
      key: idempotencyKey,
      operation: toReseller ? 'UpdateIndirectPartnerAccount' : 'ReclaimIndirectPartnerAccount',
      parameters: { indirectPartnerId: reseller.id, amount: fingerprintAmount(input.amount) },
    },
    200,
    async (tx): Promise<FundsMoveResult> => {
      await consumeOperationCode(ctx, tx, codeId);
      const posted = await postTransaction(ctx, tx, {
        kind: toReseller ? 'reseller_allocate' : 'reseller_reclaim',
        partnerId: principal.partnerId,
        legs: [
          {
            account: partnerCash(principal.partnerId),
            amount: toReseller ? input.amount.neg() : input.amount,
          },
          {
            account: partnerCash(reseller.id),
            amount: toReseller ? input.amount : input.amount.neg(),
          },
        ],
        amount: input.amount,
        counterparty: { type: 'partner', id: reseller.id, name: reseller.name },
        idempotencyKey,
      });
      await recordAudit(ctx, tx, {
        action: toReseller ? 'accounts.reseller.allocate' : 'accounts.reseller.reclaim',
        resourceType: TRANSACTION_RESOURCE,
        resourceId: posted.id,
        resourceName: reseller.name,
        ...balanceChanges(posted),
      });
      return { transactionId: posted.id };
    },
  );
  return answer.body;
}

/**
 * UpdateIndirectPartnerAccount (向云经销商账户拨款): cash from the calling tier-1 distributor to one
 * of its resellers (R-FUND-05). Idempotent with `Idempotency-Key`.
 *
 * @throws CBC.0151 not a distributor or missing `account.funds.manage`; CBC.99000037 not the
 *   caller's reseller; CBC.99005003 insufficient balance; CBC.0412 key reused; CBC.0100
 *   `verification_code` / CBC.99004009 in a console session with 验证码验证 on (X4).
 */
export function allocateToReseller(
  ctx: AuthenticatedContext,
  input: ResellerFundsMove,
  idempotencyKey?: string,
): Promise<FundsMoveResult> {
  return moveResellerFunds(ctx, input, idempotencyKey, 'allocate');
}

/**
 * ReclaimIndirectPartnerAccount (回收云经销商账户拨款): cash from a reseller back to its distributor;
 * never more than the reseller's balance (R-FUND-05).
 *
 * @throws the codes of `allocateToReseller`.
 */
export function reclaimFromReseller(
  ctx: AuthenticatedContext,
  input: ResellerFundsMove,
  idempotencyKey?: string,
): Promise<FundsMoveResult> {
  return moveResellerFunds(ctx, input, idempotencyKey, 'reclaim');
}

export interface PartnerAccountBalance {
  accountId: string;
  /** 1 cash (balance), 2 credit. */
  accountType: 1 | 2;
  amount: MoneyValue;
  designatedAmount: MoneyValue;
  creditAmount: MoneyValue | null;
  currency: string;
}

/**
 * ListPartnerBalances: the caller's own cash and credit accounts, or with `indirectPartnerId` a
 * reseller's (tier-1 distributors only; R-FUND-05). A foreign reseller answers an empty list.
 * Nothing is earmarked (专款专用) in Huoban, so `designatedAmount` is zero and the whole cash
 * balance is allocatable.
 *
 * @throws CBC.0151 operator callers or a missing `account.balance.view`.
 */
export async function listPartnerBalances(
  ctx: AuthenticatedContext,
  input: { indirectPartnerId?: string | undefined },
): Promise<PartnerAccountBalance[]> {
  const principal = assertCaller(ctx, BALANCE_ACCOUNT_TYPES, Permissions.ACCOUNT_BALANCE_VIEW);
  const partnerId = await resolveFundsPartner(ctx, principal, input.indirectPartnerId, 'read');
  if (!partnerId) return [];
  const rows = await ctx.db
    .select()
    .from(ledgerAccounts)
    .where(
      and(
        eq(ledgerAccounts.partnerId, partnerId),
        eq(ledgerAccounts.ownerType, 'partner'),
        eq(ledgerAccounts.ownerId, partnerId),
        inArray(ledgerAccounts.kind, ['cash', 'credit']),
      ),
    )
    .orderBy(ledgerAccounts.kind);
  return rows.map((row) => ({
    accountId: row.id,
    accountType: row.kind === 'cash' ? 1 : 2,
    amount: new Money(row.balance),
    designatedAmount: new Money(0),
    creditAmount: row.kind === 'credit' ? new Money(row.creditLimit) : null,
    currency: row.currency,
  }));
}

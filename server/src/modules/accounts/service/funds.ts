import { Permissions } from '../../../platform/auth/permissions.ts';
import type { AccountType } from '../../../platform/auth/principal.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { runIdempotent } from '../../../platform/idempotency/index.ts';
import { Money, type Money as MoneyValue } from '../../../platform/money/index.ts';
import {
  checkOperationCode,
  consumeOperationCode,
  findFundsCustomers,
  resolveFundsPartner,
  type FundsCustomer,
} from '../../customers/index.ts';
import { cashBalances, lockAccounts, openAccounts, postTransaction } from './ledger.ts';
import {
  assertCaller,
  customerCash,
  fingerprintAmount,
  CONSOLE_FUNDS_ACCOUNT_TYPES,
  FUNDS_ACCOUNT_TYPES,
  partnerCash,
  TRANSACTION_RESOURCE,
} from './shared.ts';

export interface CustomerFundsMove {
  customerId: string;
  amount: MoneyValue;
  /** A distributor moving a reseller's funds for one of the reseller's customers. */
  indirectPartnerId?: string | undefined;
  /** The mailed code, when 验证码验证 is on and the move is made in the console (X4). */
  verificationCode?: string | undefined;
}

export interface FundsMoveResult {
  transactionId: string;
}

/**
 * The resale customer a move addresses: the funding partner's customer, within the caller's
 * data scope, associated as resale (代售, "2").
 */
async function fundableCustomer(
  ctx: AuthenticatedContext,
  tx: Db,
  fundingPartnerId: string,
  customerId: string,
): Promise<FundsCustomer> {
  const [customer] = await findFundsCustomers(tx, ctx.principal, fundingPartnerId, [customerId]);
  if (!customer) {
    throw new ApiError(Errors.NOT_FOUND, { field: 'customer_id', detail: 'no such customer' });
  }
  if (customer.status !== 'active' || customer.associationType !== '2') {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      field: 'customer_id',
      detail: 'only associated resale (association_type 2) customers have partner-funded accounts',
    });
  }
  return customer;
}

type Direction = 'allocate' | 'reclaim';

/** One 拨款 or 回收 inside `tx`: the customer checks, the posting and its audit event. */
async function moveOne(
  ctx: AuthenticatedContext,
  tx: Db,
  fundingPartnerId: string,
  move: { customerId: string; amount: MoneyValue },
  direction: Direction,
  idempotencyKey: string | undefined,
): Promise<FundsMoveResult> {
  const customer = await fundableCustomer(ctx, tx, fundingPartnerId, move.customerId);
  const outOfPartner = direction === 'allocate';
  const posted = await postTransaction(ctx, tx, {
    kind: outOfPartner ? 'customer_allocate' : 'customer_reclaim',
    partnerId: fundingPartnerId,
    legs: [
      {
        account: partnerCash(fundingPartnerId),
        amount: outOfPartner ? move.amount.neg() : move.amount,
      },
      {
        account: customerCash(customer),
        amount: outOfPartner ? move.amount : move.amount.neg(),
      },
    ],
    amount: move.amount,
    counterparty: { type: 'customer', id: customer.id, name: customer.accountName },
    idempotencyKey,
    audit: {
      action: outOfPartner ? 'accounts.customer.allocate' : 'accounts.customer.reclaim',
      resourceType: TRANSACTION_RESOURCE,
      resourceName: customer.accountName,
    },
  });
  return { transactionId: posted.id };
}

/** The caller's right to move funds, and the partner whose funds move. */
async function fundingPartnerOf(
  ctx: AuthenticatedContext,
  indirectPartnerId: string | undefined,
  accountTypes: readonly AccountType[],
): Promise<string> {
  const principal = assertCaller(ctx, accountTypes, Permissions.ACCOUNT_FUNDS_MANAGE);
  const partnerId = await resolveFundsPartner(ctx, principal, indirectPartnerId, 'write');
  if (!partnerId) throw new ApiError(Errors.RESELLER_NOT_OWNED, { field: 'indirect_partner_id' });
  return partnerId;
}

async function moveCustomerFunds(
  ctx: AuthenticatedContext,
  input: CustomerFundsMove,
  idempotencyKey: string | undefined,
  direction: Direction,
): Promise<FundsMoveResult> {
  const fundingPartnerId = await fundingPartnerOf(
    ctx,
    input.indirectPartnerId,
    FUNDS_ACCOUNT_TYPES,
  );
  const codeId = await checkOperationCode(ctx, input.verificationCode);
  const answer = await runIdempotent(
    ctx,
    {
      key: idempotencyKey,
      operation:
        direction === 'allocate' ? 'UpdateCustomerAccountAmount' : 'ReclaimToPartnerAccount',
      parameters: {
        customerId: input.customerId,
        amount: fingerprintAmount(input.amount),
        indirectPartnerId: input.indirectPartnerId ?? null,
      },
      // Reads, then the posting; consuming a mailed code is a second write.
      standaloneWrites: codeId === null,
    },
    200,
    async (tx) => {
      await consumeOperationCode(ctx, tx, codeId);
      return moveOne(ctx, tx, fundingPartnerId, input, direction, idempotencyKey);
    },
  );
  return answer.body;
}

/**
 * UpdateCustomerAccountAmount (拨款): moves cash from the partner (or, with
 * `indirectPartnerId`, from the distributor's reseller) to a resale customer. R-FUND-01 (resale
 * customers only), R-FUND-03 (> 0, two decimals, within the available balance), R-ORG-04 (an
 * account manager only for own customers). Idempotent with `Idempotency-Key`.
 *
 * @throws CBC.0151 wrong caller class or missing `account.funds.manage`; CBC.99000037 foreign
 *   reseller; CBC.0404 unknown or out-of-scope customer; CBC.0410 referral or disassociated
 *   customer; CBC.99005003 insufficient balance; CBC.0412 key reused with other parameters;
 *   CBC.0100 `verification_code` / CBC.99004009 when 验证码验证 is on (R-FUND-04, X4).
 */
export function allocateToCustomer(
  ctx: AuthenticatedContext,
  input: CustomerFundsMove,
  idempotencyKey?: string,
): Promise<FundsMoveResult> {
  return moveCustomerFunds(ctx, input, idempotencyKey, 'allocate');
}

/**
 * ReclaimToPartnerAccount (回收): moves cash from a resale customer back to its partner. Same
 * rules as `allocateToCustomer`; the amount may not exceed the customer's balance.
 *
 * @throws the codes of `allocateToCustomer`.
 */
export function reclaimFromCustomer(
  ctx: AuthenticatedContext,
  input: CustomerFundsMove,
  idempotencyKey?: string,
): Promise<FundsMoveResult> {
  return moveCustomerFunds(ctx, input, idempotencyKey, 'reclaim');
}

export interface CustomerBalance {
  customerId: string;
  amount: MoneyValue;
  debtAmount: MoneyValue;
}

/**
 * ListCustomersBalancesDetail: the cash balance of each named, associated resale customer the
 * caller may see. Referral and disassociated customers, unknown, foreign and out-of-scope ids are
 * silently dropped, as Huawei does; a foreign `indirectPartnerId` answers an empty list.
 *
 * @throws CBC.0151 wrong caller class or neither `account.balance.view` nor `customer.view`.
 */
export async function listCustomerBalances(
  ctx: AuthenticatedContext,
  input: { customerIds: readonly string[]; indirectPartnerId?: string | undefined },
): Promise<CustomerBalance[]> {
  const permission = ctx.principal.permissions.has(Permissions.ACCOUNT_BALANCE_VIEW)
    ? Permissions.ACCOUNT_BALANCE_VIEW
    : Permissions.CUSTOMER_VIEW;
  const principal = assertCaller(ctx, FUNDS_ACCOUNT_TYPES, permission);
  const partnerId = await resolveFundsPartner(ctx, principal, input.indirectPartnerId, 'read');
  if (!partnerId) return [];
  const found = await findFundsCustomers(ctx.db, principal, partnerId, input.customerIds);
  const resale = found.filter(
    (customer) => customer.associationType === '2' && customer.status === 'active',
  );
  const balances = await cashBalances(
    ctx.db,
    partnerId,
    'customer',
    resale.map((customer) => customer.id),
  );
  const byId = new Map(resale.map((customer) => [customer.id, customer]));
  // Answer in the order asked, once per customer.
  return [...new Set(input.customerIds)].flatMap((id) =>
    byId.has(id)
      ? [{ customerId: id, amount: balances.get(id) ?? new Money(0), debtAmount: new Money(0) }]
      : [],
  );
}

export interface BatchFundsMove {
  items: readonly { customerId: string; amount: MoneyValue }[];
  indirectPartnerId?: string | undefined;
  /** One mailed code confirms the whole batch (X4). */
  verificationCode?: string | undefined;
}

export interface BatchFundsResult {
  succeeded: { customerId: string; transactionId: string }[];
  /** Huawei's batch shape: the failed item's id with its error code and message. */
  errorDetails: { id: string; errorCode: string; errorMsg: string }[];
}

/**
 * 批量拨款 / 批量回收 (R-FUND-04), a console operation (resellers too, for their own customers):
 * each item moves or fails on its own (a savepoint per item), in
 * order, within one transaction; one `Idempotency-Key` covers the whole batch. The rules of
 * `allocateToCustomer` apply per item.
 *
 * @throws CBC.0151, CBC.99000037, CBC.0412 and the verification-code errors (R-FUND-04, X4) for
 *   the whole batch; per item, the codes of `allocateToCustomer` land in `errorDetails`.
 */
export async function moveCustomerFundsInBatch(
  ctx: AuthenticatedContext,
  input: BatchFundsMove,
  direction: Direction,
  idempotencyKey?: string,
): Promise<BatchFundsResult> {
  const fundingPartnerId = await fundingPartnerOf(
    ctx,
    input.indirectPartnerId,
    CONSOLE_FUNDS_ACCOUNT_TYPES,
  );
  const codeId = await checkOperationCode(ctx, input.verificationCode);
  const answer = await runIdempotent(
    ctx,
    {
      key: idempotencyKey,
      operation: direction === 'allocate' ? 'BatchAllocate' : 'BatchReclaim',
      parameters: {
        items: input.items.map((item) => [item.customerId, fingerprintAmount(item.amount)]),
        indirectPartnerId: input.indirectPartnerId ?? null,
      },
    },
    200,
    async (tx): Promise<BatchFundsResult> => {
      await consumeOperationCode(ctx, tx, codeId);
      // Every account the batch may touch is opened, then locked in the global order, before the
      // first posting: move by move, the partner's cash would be held while taking the next
      // customer's account, out of that order.
      const fundable = await findFundsCustomers(
        tx,
        ctx.principal,
        fundingPartnerId,
        input.items.map((item) => item.customerId),
      );
      const accounts = [
        partnerCash(fundingPartnerId),
        ...fundable
          .filter((customer) => customer.associationType === '2' && customer.status === 'active')
          .map(customerCash),
      ];
      await openAccounts(tx, accounts, ctx.clock.now());
      await lockAccounts(tx, accounts);
      const result: BatchFundsResult = { succeeded: [], errorDetails: [] };
      for (const item of input.items) {
        try {
          const moved = await withTransaction(tx, (savepoint) =>
            moveOne(ctx, savepoint, fundingPartnerId, item, direction, idempotencyKey),
          );
          result.succeeded.push({
            customerId: item.customerId,
            transactionId: moved.transactionId,
          });
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          result.errorDetails.push({
            id: item.customerId,
            errorCode: error.code,
            errorMsg: error.message,
          });
        }
      }
      return result;
    },
  );
  return answer.body;
}

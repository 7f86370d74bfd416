import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { AccountType } from '../../../platform/auth/principal.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { AuthenticatedContext, ServiceContext } from '../../../platform/http/context.ts';
import { ApiError, Errors, invalidParameter } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import { Money, type Money as MoneyValue } from '../../../platform/money/index.ts';
import {
  checkOperationCode,
  consumeOperationCode,
  findCustomerRef,
  findFundsCustomers,
  FreezeStates,
  lockFreezeState,
  resolveFundsPartner,
  setCustomerFreezeState,
  type FreezeState,
  type FundsCustomer,
} from '../../customers/index.ts';
import { findPartnerById } from '../../partners/index.ts';
import {
  budgetAlerts,
  customerBudgets,
  type BudgetExhaustionAction,
  type BudgetType,
} from '../schema.ts';
import { budgetPeriodOf, isExhausted, thresholdsReached, usedInPeriod } from './budgets-rules.ts';
import { readOperatorTimeZone, scheduleBudgetReset } from './budgets-schedule.ts';
import { assertWithinResellerBudgetQuota } from './budget-quotas.ts';
import { assertCaller } from './shared.ts';

const BUDGET_RESOURCE = 'accounts.budget';

export interface BudgetView {
  customerId: string;
  budgetType: BudgetType;
  amount: MoneyValue;
  usedAmount: MoneyValue;
  exhaustionAction: BudgetExhaustionAction;
  /** Purchases are restricted because the budget is used up. */
  restricted: boolean;
}

type BudgetRow = typeof customerBudgets.$inferSelect;

function viewOf(row: BudgetRow, currentPeriod: string): BudgetView {
  const used = usedInPeriod(
    { budgetType: row.budgetType, period: row.period, usedAmount: new Money(row.usedAmount) },
    currentPeriod,
  );
  return {
    customerId: row.customerId,
    budgetType: row.budgetType,
    amount: new Money(row.amount),
    usedAmount: used,
    exhaustionAction: row.exhaustionAction,
    restricted: isExhausted(used, new Money(row.amount)),
  };
}

export interface BudgetSetting {
  customerId: string;
  amount: MoneyValue;
  budgetType: BudgetType;
  exhaustionAction: BudgetExhaustionAction;
  /** 同步解冻 (R-FUND-12): lift a freeze together with the new budget. */
  unfreeze: boolean;
}

export interface BudgetBatchResult {
  succeeded: string[];
  errorDetails: { id: string; errorCode: string; errorMsg: string }[];
}

/** The caller's right to manage its (or, by `indirectPartnerId`, its reseller's) customers' budgets. */
async function managedPartnerOf(
  ctx: AuthenticatedContext,
  indirectPartnerId: string | undefined,
  accountTypes: readonly AccountType[],
): Promise<string> {
  const principal = assertCaller(ctx, accountTypes, Permissions.ACCOUNT_FUNDS_MANAGE);
  const partnerId = await resolveFundsPartner(ctx, principal, indirectPartnerId, 'write');
  if (!partnerId) throw new ApiError(Errors.RESELLER_NOT_OWNED, { field: 'indirect_partner_id' });
  return partnerId;
}

/** An associated resale customer of `partnerId` in the caller's data scope (R-FUND-01, R-ORG-04). */
async function controllableCustomer(
  ctx: AuthenticatedContext,
  db: Db,
  partnerId: string,
  customerId: string,
): Promise<FundsCustomer> {
  const [customer] = await findFundsCustomers(db, ctx.principal, partnerId, [customerId]);
  if (!customer) {
    throw new ApiError(Errors.NOT_FOUND, { field: 'customer_id', detail: 'no such customer' });
  }
  if (customer.status !== 'active' || customer.associationType !== '2') {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      field: 'customer_id',
      detail: 'budgets and freezes apply to associated resale (association_type 2) customers only',
    });
  }
  return customer;
}

async function lockBudget(tx: Db, partnerId: string, customerId: string) {
  const [row] = await tx
    .select()
    .from(customerBudgets)
    .where(
      and(eq(customerBudgets.partnerId, partnerId), eq(customerBudgets.customerId, customerId)),
    )
    .for('update');
  return row;
}

/**
 * Where a new setting starts from (R-FUND-10): a one-time budget set again keeps its usage and its
 * start month; otherwise the usage of this month carries over (monthly → one-time accumulates from
 * the switch month; one-time → monthly keeps what was spent this month only, as far as the stored
 * usage tells, since spend is not kept per month) and the period is the current month.
 */
function carriedUsage(
  existing: BudgetRow | undefined,
  budgetType: BudgetType,
  period: string,
): { used: MoneyValue; period: string } {
  if (!existing) return { used: new Money(0), period };
  const stored = new Money(existing.usedAmount);
  if (existing.budgetType === 'PACKAGE' && budgetType === 'PACKAGE') {
    return { used: stored, period: existing.period };
  }
  return { used: existing.period === period ? stored : new Money(0), period };
}

async function setOne(
  ctx: AuthenticatedContext,
  tx: Db,
  partnerId: string,
  setting: BudgetSetting,
): Promise<void> {
  const customer = await controllableCustomer(ctx, tx, partnerId, setting.customerId);
  if (ctx.principal.accountType === 'reseller') {
    await assertWithinResellerBudgetQuota(
      tx,
      partnerId,
      customer.id,
      setting.budgetType,
      setting.amount,
    );
  }
  const now = ctx.clock.now();
  const existing = await lockBudget(tx, partnerId, customer.id);
  const { used, period } = carriedUsage(
    existing,
    setting.budgetType,
    budgetPeriodOf(now, await readOperatorTimeZone(tx)),
  );
  const exhausted = isExhausted(used, setting.amount);
  const values = {
    budgetType: setting.budgetType,
    amount: setting.amount.toFixed(2),
    exhaustionAction: setting.exhaustionAction,
    period,
    usedAmount: used.toFixed(2),
    // Alerts restart for the new amount: thresholds already reached are not mailed again.
    alertedPercent: thresholdsReached(used, setting.amount, 0).at(-1) ?? 0,
    restricted: exhausted,
    frozenByBudget: existing?.frozenByBudget === true && !setting.unfreeze,
    updatedAt: now,
  };
  // A setting replaces the budget (R-FUND-10) under a new id, so the once-per-period alerts of the
  // old amount do not silence those of the new one.
  const budgetId = newId();
  if (existing) await tx.delete(customerBudgets).where(eq(customerBudgets.id, existing.id));
  await tx
    .insert(customerBudgets)
    .values({ id: budgetId, partnerId, customerId: customer.id, createdAt: now, ...values });
  await recordAudit(ctx, tx, {
    action: 'accounts.budget.set',
    resourceType: BUDGET_RESOURCE,
    resourceId: budgetId,
    resourceName: customer.accountName,
    partnerId,
    before: existing
      ? {
          budgetType: existing.budgetType,
          amount: existing.amount,
          exhaustionAction: existing.exhaustionAction,
        }
      : null,
    after: {
      budgetType: values.budgetType,
      amount: values.amount,
      exhaustionAction: values.exhaustionAction,
      usedAmount: values.usedAmount,
    },
  });
  if (setting.budgetType === 'MONTHLY') await scheduleBudgetReset(tx, now, now);
  if (setting.unfreeze) {
    await setCustomerFreezeState(ctx, tx, customer, FreezeStates.NONE, {
      reason: 'unfrozen together with the budget (同步解冻)',
      cause: 'budget_set',
    });
  }
}

/**
 * UpdateSubCustomerBudget (设置客户预算, SM-5): sets or overwrites the monthly or one-time budget
 * of an associated resale customer in the caller's data scope; with `unfreeze`, lifts its freeze in
 * the same transaction (R-FUND-12, R-CUS-16). A reseller (console) needs its distributor's
 * permission and stays within the granted budget quota (R-FUND-11). Audited.
 *
 * @throws CBC.0151 wrong caller class or no `account.funds.manage`; CBC.99000037 foreign reseller;
 *   CBC.0404 unknown or out-of-scope customer; CBC.0410 referral or disassociated customer, or a
 *   reseller without its distributor's permission; CBC.0411 beyond the reseller's budget quota.
 */
export async function setCustomerBudget(
  ctx: AuthenticatedContext,
  setting: BudgetSetting,
  options: { indirectPartnerId?: string | undefined; accountTypes: readonly AccountType[] },
): Promise<void> {
  const partnerId = await managedPartnerOf(ctx, options.indirectPartnerId, options.accountTypes);
  await withTransaction(ctx.db, (tx) => setOne(ctx, tx, partnerId, setting));
}

/**
 * 批量设置预算 (R-FUND-10: overwrites): each item is set or fails on its own (a savepoint per
 * item) within one transaction; failures land in `errorDetails` with Huawei's batch shape.
 *
 * @throws CBC.0151 and CBC.99000037 for the whole batch; CBC.0100 `verification_code` /
 *   CBC.99004009 when 验证码验证 is on; per item, those of `setCustomerBudget`.
 */
export async function setCustomerBudgets(
  ctx: AuthenticatedContext,
  settings: readonly BudgetSetting[],
  options: {
    indirectPartnerId?: string | undefined;
    accountTypes: readonly AccountType[];
    /** The mailed code, when 验证码验证 is on and the budgets are set in the console (X4). */
    verificationCode?: string | undefined;
  },
): Promise<BudgetBatchResult> {
  const partnerId = await managedPartnerOf(ctx, options.indirectPartnerId, options.accountTypes);
  const codeId = await checkOperationCode(ctx, options.verificationCode);
  return withTransaction(ctx.db, async (tx) => {
    await consumeOperationCode(ctx, tx, codeId);
    const result: BudgetBatchResult = { succeeded: [], errorDetails: [] };
    for (const setting of settings) {
      try {
        await withTransaction(tx, (savepoint) => setOne(ctx, savepoint, partnerId, setting));
        result.succeeded.push(setting.customerId);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        result.errorDetails.push({
          id: setting.customerId,
          errorCode: error.code,
          errorMsg: error.message,
        });
      }
    }
    return result;
  });
}

/**
 * ShowSubCustomerBudget / ListSubCustomerBudget: the budgets of the named customers the caller may
 * see, with the current period's usage (a monthly budget reads as restored after the 1st even
 * before the reset job ran). Customers without a budget, foreign and out-of-scope ids are absent.
 *
 * @throws CBC.0151 wrong caller class or neither `account.balance.view` nor `customer.view`.
 */
export async function listCustomerBudgets(
  ctx: AuthenticatedContext,
  input: { customerIds: readonly string[]; indirectPartnerId?: string | undefined },
  accountTypes: readonly AccountType[],
): Promise<BudgetView[]> {
  const permission = ctx.principal.permissions.has(Permissions.ACCOUNT_BALANCE_VIEW)
    ? Permissions.ACCOUNT_BALANCE_VIEW
    : Permissions.CUSTOMER_VIEW;
  const principal = assertCaller(ctx, accountTypes, permission);
  const partnerId = await resolveFundsPartner(ctx, principal, input.indirectPartnerId, 'read');
  if (!partnerId) return [];
  const visible = await findFundsCustomers(ctx.db, principal, partnerId, input.customerIds);
  if (visible.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(customerBudgets)
    .where(
      and(
        eq(customerBudgets.partnerId, partnerId),
        inArray(
          customerBudgets.customerId,
          visible.map((customer) => customer.id),
        ),
      ),
    );
  const period = budgetPeriodOf(ctx.clock.now(), await readOperatorTimeZone(ctx.db));
  const byId = new Map(rows.map((row) => [row.customerId, row]));
  return [...new Set(input.customerIds)].flatMap((id) => {
    const row = byId.get(id);
    return row ? [viewOf(row, period)] : [];
  });
}

export interface FiredBudgetAlert {
  id: string;
  partnerId: string;
  customerId: string;
  threshold: number;
  budgetAmount: MoneyValue;
  usedAmount: MoneyValue;
}

export interface SpendOutcome {
  /** Null when the customer has no budget: spend is then not limited. */
  budget: BudgetView | null;
  /** Alerts this spend fired; mail them with `notifyBudgetAlerts` after the commit. */
  alerts: FiredBudgetAlert[];
}

/**
 * Counts `amount` of a customer's spend against its budget inside the caller's transaction (orders
 * and usage call it in later issues): restores a monthly budget whose month has passed, adds the
 * spend, records each of the 75/90/100 % alerts once per period (R-FUND-09) and at 100 % applies
 * the exhaustion action (R-FUND-08): purchases restricted, and with `freeze` the account frozen.
 * The caller has already authorised the spend; the customer is looked up by its id alone.
 */
export async function recordCustomerSpend(
  tx: Db,
  ctx: ServiceContext,
  customerId: string,
  amount: MoneyValue,
): Promise<SpendOutcome> {
  if (amount.isNegative()) throw new Error('a spend is never negative');
  const [budget] = await tx
    .select()
    .from(customerBudgets)
    .where(eq(customerBudgets.customerId, customerId))
    .for('update');
  if (!budget) return { budget: null, alerts: [] };
  const now = ctx.clock.now();
  const period = budgetPeriodOf(now, await readOperatorTimeZone(tx));
  const budgetAmount = new Money(budget.amount);
  const restored = budget.budgetType === 'MONTHLY' && budget.period !== period;
  const before = usedInPeriod(
    {
      budgetType: budget.budgetType,
      period: budget.period,
      usedAmount: new Money(budget.usedAmount),
    },
    period,
  );
  const used = before.plus(amount);
  const alreadyAlerted = restored ? 0 : budget.alertedPercent;
  const reached = thresholdsReached(used, budgetAmount, alreadyAlerted);
  const exhausted = isExhausted(used, budgetAmount);
  const alerts: FiredBudgetAlert[] = [];
  for (const threshold of reached) {
    const alert = {
      id: newId(),
      partnerId: budget.partnerId,
      customerId,
      budgetId: budget.id,
      period: budget.budgetType === 'MONTHLY' ? period : budget.period,
      threshold,
      budgetAmount: budget.amount,
      usedAmount: used.toFixed(2),
      createdAt: now,
    };
    const inserted = await tx
      .insert(budgetAlerts)
      .values(alert)
      .onConflictDoNothing()
      .returning({ id: budgetAlerts.id });
    if (inserted.length > 0) {
      alerts.push({ ...alert, budgetAmount, usedAmount: used });
    }
  }
  const customer = await customerOf(tx, budget.partnerId, customerId);
  let frozenByBudget = budget.frozenByBudget;
  if (restored && frozenByBudget) {
    // The month turned before the reset job ran: the budget freeze ends with the old month.
    await setCustomerFreezeState(ctx, tx, customer, FreezeStates.NONE, {
      reason: 'monthly budget restored (R-FUND-06)',
      cause: 'budget_reset',
    });
    frozenByBudget = false;
  }
  if (exhausted && budget.exhaustionAction === 'freeze') {
    const state = await lockFreezeState(tx, budget.partnerId, customerId);
    if (state === FreezeStates.NONE) {
      await setCustomerFreezeState(ctx, tx, customer, FreezeStates.ACCOUNT, {
        reason: 'budget used up (R-FUND-08)',
        cause: 'budget_exhausted',
      });
      frozenByBudget = true;
    }
  }
  const values = {
    period: budget.budgetType === 'MONTHLY' ? period : budget.period,
    usedAmount: used.toFixed(2),
    alertedPercent: reached.at(-1) ?? alreadyAlerted,
    restricted: exhausted,
    frozenByBudget,
    updatedAt: now,
  };
  await tx.update(customerBudgets).set(values).where(eq(customerBudgets.id, budget.id));
  await recordAudit(ctx, tx, {
    action: 'accounts.budget.spend',
    resourceType: BUDGET_RESOURCE,
    resourceId: budget.id,
    resourceName: customer.accountName,
    partnerId: budget.partnerId,
    before: { usedAmount: before.toFixed(2) },
    after: { usedAmount: values.usedAmount, restricted: exhausted, alerts: reached },
  });
  return { budget: viewOf({ ...budget, ...values }, period), alerts };
}

async function customerOf(
  db: Db,
  partnerId: string,
  customerId: string,
): Promise<{ id: string; partnerId: string; accountName: string }> {
  const customer = await findCustomerRef(db, partnerId, customerId);
  if (!customer) throw new Error(`budget of customer ${customerId} has no customer`);
  return customer;
}

/**
 * Mails the partner's contact about alerts fired by `recordCustomerSpend`, after the transaction
 * committed (ADR 0006: no mail for a rolled-back change), and marks each alert mailed. A failed
 * send is logged and leaves the alert unmailed; the console alert list shows it either way.
 */
export async function notifyBudgetAlerts(
  ctx: ServiceContext,
  mailer: Mailer,
  alerts: readonly FiredBudgetAlert[],
): Promise<void> {
  for (const alert of alerts) {
    const partner = await findPartnerById(ctx.db, alert.partnerId);
    const customer = await customerOf(ctx.db, alert.partnerId, alert.customerId);
    if (!partner?.email) continue;
    try {
      await mailer.send({
        to: partner.email,
        subject: `客户 ${customer.accountName} 预算已使用 ${alert.threshold}% / budget ${alert.threshold}% used`,
        text: [
          `客户 ${customer.accountName} 的预算 ${alert.budgetAmount.toFixed(2)} 元已使用 ${alert.usedAmount.toFixed(2)} 元（${alert.threshold}%）。`,
          '',
          `Customer ${customer.accountName} has used ${alert.usedAmount.toFixed(2)} of its budget of ${alert.budgetAmount.toFixed(2)} (${alert.threshold}%).`,
        ].join('\n'),
      });
      await ctx.db
        .update(budgetAlerts)
        .set({ mailedAt: ctx.clock.now() })
        .where(and(eq(budgetAlerts.id, alert.id), isNull(budgetAlerts.mailedAt)));
    } catch (error) {
      ctx.log.error({ err: error, alertId: alert.id }, 'budget alert mail not sent');
    }
  }
}

export interface BudgetAlertView {
  id: string;
  customerId: string;
  threshold: number;
  budgetAmount: MoneyValue;
  usedAmount: MoneyValue;
  mailed: boolean;
  createdAt: Date;
}

/**
 * The console's budget alerts of the caller's partner (or its reseller's), newest first, limited
 * to the customers of the caller's data scope.
 *
 * @throws CBC.0151 wrong caller class or neither `account.balance.view` nor `customer.view`.
 */
export async function listBudgetAlerts(
  ctx: AuthenticatedContext,
  input: { customerId: string; indirectPartnerId?: string | undefined },
  accountTypes: readonly AccountType[],
): Promise<BudgetAlertView[]> {
  const permission = ctx.principal.permissions.has(Permissions.ACCOUNT_BALANCE_VIEW)
    ? Permissions.ACCOUNT_BALANCE_VIEW
    : Permissions.CUSTOMER_VIEW;
  const principal = assertCaller(ctx, accountTypes, permission);
  const partnerId = await resolveFundsPartner(ctx, principal, input.indirectPartnerId, 'read');
  if (!partnerId) return [];
  const [customer] = await findFundsCustomers(ctx.db, principal, partnerId, [input.customerId]);
  if (!customer) return [];
  const rows = await ctx.db
    .select()
    .from(budgetAlerts)
    .where(and(eq(budgetAlerts.partnerId, partnerId), eq(budgetAlerts.customerId, customer.id)))
    .orderBy(desc(budgetAlerts.createdAt), desc(budgetAlerts.threshold));
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customerId,
    threshold: row.threshold,
    budgetAmount: new Money(row.budgetAmount),
    usedAmount: new Money(row.usedAmount),
    mailed: row.mailedAt !== null,
    createdAt: row.createdAt,
  }));
}

export type FreezeType = 'ACCOUNT' | 'ACCOUNT_AND_RESOURCE';

const stateOfType: Record<FreezeType, FreezeState> = {
  ACCOUNT: FreezeStates.ACCOUNT,
  ACCOUNT_AND_RESOURCE: FreezeStates.ACCOUNT_AND_RESOURCE,
};

export interface FreezeRequest {
  customerIds: readonly string[];
  reason: string;
  type: FreezeType;
  indirectPartnerId?: string | undefined;
}

async function changeOne(
  ctx: AuthenticatedContext,
  tx: Db,
  partnerId: string,
  customerId: string,
  request: FreezeRequest,
  direction: 'freeze' | 'unfreeze',
): Promise<void> {
  const customer = await controllableCustomer(ctx, tx, partnerId, customerId);
  const state = await lockFreezeState(tx, partnerId, customer.id);
  const wanted = stateOfType[request.type];
  if (direction === 'freeze') {
    await setCustomerFreezeState(ctx, tx, customer, wanted, {
      reason: request.reason,
      cause: 'manual',
    });
    return;
  }
  if (state !== FreezeStates.NONE && state !== wanted) {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      field: 'unfreeze_type',
      detail: 'the unfreeze type must match the freeze type',
    });
  }
  const budget = await lockBudget(tx, partnerId, customer.id);
  if (!budget) {
    // R-CUS-16: a resale customer is frozen on association until its partner sets a budget.
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      field: 'customer_ids',
      detail: 'set a budget for the customer before unfreezing it (R-CUS-16)',
    });
  }
  await setCustomerFreezeState(ctx, tx, customer, FreezeStates.NONE, {
    reason: request.reason,
    cause: 'manual',
  });
  if (budget.frozenByBudget) {
    await tx
      .update(customerBudgets)
      .set({ frozenByBudget: false, updatedAt: ctx.clock.now() })
      .where(eq(customerBudgets.id, budget.id));
  }
}

/**
 * FreezeSubCustomers / UnfreezeSubCustomers (冻结账号 / 解冻账号, SM-5, R-FUND-12): each named
 * customer changes or fails on its own, with a reason, audited; resources follow in the orders
 * issue. Unfreezing needs a budget (R-CUS-16) and the freeze's own type.
 *
 * @throws CBC.0151 and CBC.99000037 for the whole request; per customer CBC.0404 (unknown, foreign
 *   or out of scope) and CBC.0410 (not resale, no budget, other type) in `errorDetails`.
 */
export async function changeCustomerFreeze(
  ctx: AuthenticatedContext,
  request: FreezeRequest,
  direction: 'freeze' | 'unfreeze',
  accountTypes: readonly AccountType[],
): Promise<BudgetBatchResult> {
  if (request.reason.trim() === '') throw invalidParameter('reason', 'must not be empty');
  const partnerId = await managedPartnerOf(ctx, request.indirectPartnerId, accountTypes);
  return withTransaction(ctx.db, async (tx) => {
    const result: BudgetBatchResult = { succeeded: [], errorDetails: [] };
    for (const customerId of new Set(request.customerIds)) {
      try {
        await withTransaction(tx, (savepoint) =>
          changeOne(ctx, savepoint, partnerId, customerId, request, direction),
        );
        result.succeeded.push(customerId);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        result.errorDetails.push({
          id: customerId,
          errorCode: error.code,
          errorMsg: error.message,
        });
      }
    }
    return result;
  });
}

/**
 * The monthly reset (R-FUND-06, SM-5 last row) for every budget whose month has passed: usage and
 * alerts restart, purchases are allowed again, and an account frozen only by its used-up budget is
 * unfrozen. Run by the `accounts.budget-reset` job at 00:00 on the 1st; reads already treat such a
 * budget as restored, so the job only makes the stored state and the freeze follow. Returns the
 * number of budgets reset.
 */
export async function resetMonthlyBudgets(ctx: ServiceContext): Promise<number> {
  const period = budgetPeriodOf(ctx.clock.now(), await readOperatorTimeZone(ctx.db));
  const due = await ctx.db
    .select({ id: customerBudgets.id, partnerId: customerBudgets.partnerId })
    .from(customerBudgets)
    .where(eq(customerBudgets.budgetType, 'MONTHLY'));
  let reset = 0;
  for (const candidate of due) {
    const done = await withTransaction(ctx.db, async (tx) => {
      const [budget] = await tx
        .select()
        .from(customerBudgets)
        .where(eq(customerBudgets.id, candidate.id))
        .for('update');
      if (!budget || budget.budgetType !== 'MONTHLY' || budget.period === period) return false;
      const customer = await customerOf(tx, budget.partnerId, budget.customerId);
      if (budget.frozenByBudget) {
        await setCustomerFreezeState(ctx, tx, customer, FreezeStates.NONE, {
          reason: 'monthly budget restored (R-FUND-06)',
          cause: 'budget_reset',
        });
      }
      await tx
        .update(customerBudgets)
        .set({
          period,
          usedAmount: '0',
          alertedPercent: 0,
          restricted: false,
          frozenByBudget: false,
          updatedAt: ctx.clock.now(),
        })
        .where(eq(customerBudgets.id, budget.id));
      await recordAudit(ctx, tx, {
        action: 'accounts.budget.reset',
        resourceType: BUDGET_RESOURCE,
        resourceId: budget.id,
        resourceName: customer.accountName,
        partnerId: budget.partnerId,
        before: { period: budget.period, usedAmount: budget.usedAmount },
        after: { period, usedAmount: '0.00' },
      });
      return true;
    });
    if (done) reset += 1;
  }
  return reset;
}

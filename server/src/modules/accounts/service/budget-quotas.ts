import { and, eq, ne, sum } from 'drizzle-orm';
import { Permissions } from '../../../platform/auth/permissions.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { withTransaction, type Db } from '../../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import { ApiError, Errors } from '../../../platform/http/errors.ts';
import { newId } from '../../../platform/ids/index.ts';
import { Money, type Money as MoneyValue } from '../../../platform/money/index.ts';
import { findResellerOf } from '../../partners/index.ts';
import { customerBudgets, resellerBudgetQuotas, type BudgetType } from '../schema.ts';
import { assertCaller } from './shared.ts';

const QUOTA_RESOURCE = 'accounts.reseller_budget_quota';

/** A reseller's budget permission and quotas with what its customers' budgets already take. */
export interface BudgetQuotaView {
  resellerId: string;
  /** The distributor allows the reseller to set budgets (R-FUND-11). */
  enabled: boolean;
  monthlyQuota: MoneyValue;
  oneTimeQuota: MoneyValue;
  /** The sum of the reseller's customers' monthly budgets. */
  monthlyAllocated: MoneyValue;
  /** The sum of the reseller's customers' one-time budgets. */
  oneTimeAllocated: MoneyValue;
  updatedAt: Date | null;
}

export interface BudgetQuotaGrant {
  resellerId: string;
  enabled: boolean;
  monthlyQuota: MoneyValue;
  oneTimeQuota: MoneyValue;
}

/** The sum of the budgets of `budgetType` a partner's customers hold, `exceptCustomerId` aside. */
async function allocatedBudgets(
  db: Db,
  partnerId: string,
  budgetType: BudgetType,
  exceptCustomerId?: string,
): Promise<MoneyValue> {
  const [row] = await db
    .select({ total: sum(customerBudgets.amount) })
    .from(customerBudgets)
    .where(
      and(
        eq(customerBudgets.partnerId, partnerId),
        eq(customerBudgets.budgetType, budgetType),
        exceptCustomerId ? ne(customerBudgets.customerId, exceptCustomerId) : undefined,
      ),
    );
  return new Money(row?.total ?? 0);
}

async function quotaView(db: Db, resellerId: string): Promise<BudgetQuotaView> {
  const [row] = await db
    .select()
    .from(resellerBudgetQuotas)
    .where(eq(resellerBudgetQuotas.partnerId, resellerId));
  return {
    resellerId,
    enabled: row?.enabled ?? false,
    monthlyQuota: new Money(row?.monthlyQuota ?? 0),
    oneTimeQuota: new Money(row?.oneTimeQuota ?? 0),
    monthlyAllocated: await allocatedBudgets(db, resellerId, 'MONTHLY'),
    oneTimeAllocated: await allocatedBudgets(db, resellerId, 'PACKAGE'),
    updatedAt: row?.updatedAt ?? null,
  };
}

async function ownedReseller(ctx: AuthenticatedContext, resellerId: string): Promise<string> {
  const principal = assertCaller(ctx, ['tier1_distributor'], Permissions.RESELLER_MANAGE);
  const reseller = await findResellerOf(ctx.db, principal.partnerId, resellerId);
  if (!reseller) {
    throw new ApiError(Errors.NOT_FOUND, { field: 'reseller_id', detail: 'no such reseller' });
  }
  return reseller.id;
}

/**
 * A tier-1 distributor's view of what it granted one of its resellers (R-FUND-11): the budget
 * permission, the monthly and one-time quotas and what the reseller's budgets take of them.
 *
 * @throws CBC.0151 not a distributor or no `reseller.manage`; CBC.0404 not the caller's reseller.
 */
export async function getResellerBudgetQuota(
  ctx: AuthenticatedContext,
  resellerId: string,
): Promise<BudgetQuotaView> {
  return quotaView(ctx.db, await ownedReseller(ctx, resellerId));
}

/**
 * 预算额度 in a reseller's 基本信息 (P-80, R-FUND-11): the permission and quotas its distributor
 * granted, with what its customers' budgets take of them.
 *
 * @throws CBC.0151 not a reseller or no `partner.info.view`.
 */
export async function getOwnBudgetQuota(ctx: AuthenticatedContext): Promise<BudgetQuotaView> {
  const principal = assertCaller(ctx, ['reseller'], Permissions.PARTNER_INFO_VIEW);
  return quotaView(ctx.db, principal.partnerId);
}

/**
 * A tier-1 distributor grants (or withdraws) one of its resellers the right to set its customers'
 * budgets and sets the monthly and one-time budget quotas (R-FUND-11). A quota below what the
 * reseller's budgets already take is accepted: it limits new settings and leaves existing budgets
 * alone, as withdrawing the permission does. Audited.
 *
 * @throws CBC.0151 not a distributor or no `reseller.manage`; CBC.0404 not the caller's reseller.
 */
export async function grantResellerBudgetQuota(
  ctx: AuthenticatedContext,
  grant: BudgetQuotaGrant,
): Promise<BudgetQuotaView> {
  const resellerId = await ownedReseller(ctx, grant.resellerId);
  const distributorId = ctx.principal.partnerId;
  return withTransaction(ctx.db, async (tx) => {
    const [existing] = await tx
      .select()
      .from(resellerBudgetQuotas)
      .where(eq(resellerBudgetQuotas.partnerId, resellerId))
      .for('update');
    const now = ctx.clock.now();
    const values = {
      enabled: grant.enabled,
      monthlyQuota: grant.monthlyQuota.toFixed(2),
      oneTimeQuota: grant.oneTimeQuota.toFixed(2),
      updatedAt: now,
    };
    const id = existing?.id ?? newId();
    if (existing) {
      await tx.update(resellerBudgetQuotas).set(values).where(eq(resellerBudgetQuotas.id, id));
    } else {
      await tx
        .insert(resellerBudgetQuotas)
        .values({ id, partnerId: resellerId, distributorId, createdAt: now, ...values });
    }
    await recordAudit(ctx, tx, {
      action: 'accounts.reseller_budget_quota.grant',
      resourceType: QUOTA_RESOURCE,
      resourceId: id,
      resourceName: resellerId,
      partnerId: distributorId,
      before: existing
        ? {
            enabled: existing.enabled,
            monthlyQuota: existing.monthlyQuota,
            oneTimeQuota: existing.oneTimeQuota,
          }
        : null,
      after: {
        enabled: values.enabled,
        monthlyQuota: values.monthlyQuota,
        oneTimeQuota: values.oneTimeQuota,
      },
    });
    return quotaView(tx, resellerId);
  });
}

/**
 * R-FUND-11 for a reseller setting one customer's budget inside `tx`: its distributor must have
 * granted the permission, and the reseller's budgets of that type, this one's new amount in place
 * of its old, must stay within the granted quota. The quota row is locked, so concurrent settings
 * of one reseller are checked one after the other.
 *
 * @throws CBC.0410 no permission granted; CBC.0411 the quota would be exceeded.
 */
export async function assertWithinResellerBudgetQuota(
  tx: Db,
  resellerId: string,
  customerId: string,
  budgetType: BudgetType,
  amount: MoneyValue,
): Promise<void> {
  const [quota] = await tx
    .select()
    .from(resellerBudgetQuotas)
    .where(eq(resellerBudgetQuotas.partnerId, resellerId))
    .for('update');
  if (!quota?.enabled) {
    throw new ApiError(Errors.OPERATION_NOT_ALLOWED, {
      field: 'budget_amount',
      detail: 'the distributor has not permitted this reseller to set budgets (R-FUND-11)',
    });
  }
  const limit = new Money(budgetType === 'MONTHLY' ? quota.monthlyQuota : quota.oneTimeQuota);
  const others = await allocatedBudgets(tx, resellerId, budgetType, customerId);
  if (others.plus(amount).gt(limit)) {
    throw new ApiError(Errors.LIMIT_EXCEEDED, {
      field: 'budget_amount',
      detail: `the ${budgetType === 'MONTHLY' ? 'monthly' : 'one-time'} budget quota ${limit.toFixed(2)} has ${Money.max(limit.minus(others), 0).toFixed(2)} left (R-FUND-11)`,
    });
  }
}

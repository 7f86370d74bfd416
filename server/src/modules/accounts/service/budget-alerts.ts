import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { Permissions } from '../../../platform/auth/permissions.ts';
import type { AccountType } from '../../../platform/auth/principal.ts';
import type { AuthenticatedContext } from '../../../platform/http/context.ts';
import type { Page, PagedResult } from '../../../platform/http/schemas.ts';
import { Money } from '../../../platform/money/index.ts';
import { findFundsCustomers, scopedCustomerIds } from '../../customers/index.ts';
import { budgetAlerts } from '../schema.ts';
import type { BudgetAlertView } from './budgets.ts';
import { assertCaller } from './shared.ts';

export interface PartnerBudgetAlertView extends BudgetAlertView {
  customerAccountName: string;
  customerName: string;
}

/**
 * The console's budget alert list (R-FUND-09: the 75/90/100 % alerts are shown to the partner as
 * well as mailed): every alert of the caller's customers, newest first, limited to its data scope
 * (an account manager sees its own customers' alerts only).
 *
 * @throws CBC.0151 wrong caller class or neither `account.balance.view` nor `customer.view`.
 */
export async function listPartnerBudgetAlerts(
  ctx: AuthenticatedContext,
  page: Page,
  accountTypes: readonly AccountType[],
): Promise<PagedResult<PartnerBudgetAlertView>> {
  const permission = ctx.principal.permissions.has(Permissions.ACCOUNT_BALANCE_VIEW)
    ? Permissions.ACCOUNT_BALANCE_VIEW
    : Permissions.CUSTOMER_VIEW;
  const principal = assertCaller(ctx, accountTypes, permission);
  const partnerId = principal.partnerId;
  const scoped = await scopedCustomerIds(ctx.db, principal, partnerId);
  if (scoped?.length === 0) return { items: [], totalCount: 0 };
  const where = and(
    eq(budgetAlerts.partnerId, partnerId),
    scoped ? inArray(budgetAlerts.customerId, scoped) : undefined,
  );
  const [total] = await ctx.db.select({ value: count() }).from(budgetAlerts).where(where);
  const rows = await ctx.db
    .select()
    .from(budgetAlerts)
    .where(where)
    .orderBy(desc(budgetAlerts.createdAt), desc(budgetAlerts.threshold), desc(budgetAlerts.id))
    .limit(page.limit)
    .offset(page.offset);
  const customers = await findFundsCustomers(
    ctx.db,
    principal,
    partnerId,
    rows.map((row) => row.customerId),
  );
  const byId = new Map(customers.map((customer) => [customer.id, customer]));
  return {
    totalCount: total?.value ?? 0,
    items: rows.map((row) => ({
      id: row.id,
      customerId: row.customerId,
      customerAccountName: byId.get(row.customerId)?.accountName ?? '',
      customerName: byId.get(row.customerId)?.customerName ?? '',
      threshold: row.threshold,
      budgetAmount: new Money(row.budgetAmount),
      usedAmount: new Money(row.usedAmount),
      mailed: row.mailedAt !== null,
      createdAt: row.createdAt,
    })),
  };
}

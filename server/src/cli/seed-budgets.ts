import {
  grantResellerBudgetQuota,
  recordCustomerSpend,
  setCustomerBudgets,
} from '../modules/accounts/index.ts';
import { withTransaction } from '../platform/db/index.ts';
import type { AuthenticatedContext } from '../platform/http/context.ts';
import { Money } from '../platform/money/index.ts';
import type { DemoFundsInput } from './seed-funds.ts';

/** A公司's budgets, one per resale customer in seed order; the first is spent past 90 %. */
export const DEMO_BUDGETS = [
  { amount: '20000.00', budgetType: 'MONTHLY', exhaustionAction: 'freeze', spent: '18600.00' },
  { amount: '10000.00', budgetType: 'MONTHLY', exhaustionAction: 'restrict', spent: '2350.00' },
  { amount: '50000.00', budgetType: 'PACKAGE', exhaustionAction: 'restrict', spent: '12000.00' },
] as const;

/**
 * Seeds budgets through the real services (issue 4, item 9): A公司 sets budgets for its first
 * resale customers with 同步解冻 (they are frozen on association, R-CUS-16), their spend this
 * month is counted as orders will count it, which takes the first past 90 % and records its 75 %
 * and 90 % alerts (R-FUND-09); the distributor grants its first reseller a budget quota (R-FUND-11).
 * No mail goes out: the demo's alerts show as not mailed in the console.
 */
export async function seedDemoBudgets(input: DemoFundsInput): Promise<void> {
  // Set and spent at the seed's own moment, so the spend counts in the current budget month.
  const company: AuthenticatedContext = input.company.ctx;
  const customers = input.companyResaleCustomerIds.slice(0, DEMO_BUDGETS.length);
  const result = await setCustomerBudgets(
    company,
    customers.map((customerId, index) => {
      const budget = DEMO_BUDGETS[index] ?? DEMO_BUDGETS[0];
      return {
        customerId,
        amount: new Money(budget.amount),
        budgetType: budget.budgetType,
        exhaustionAction: budget.exhaustionAction,
        unfreeze: true,
      };
    }),
    { accountTypes: ['solution_provider'] },
  );
  if (result.errorDetails.length > 0) {
    throw new Error(`demo budgets failed: ${JSON.stringify(result.errorDetails)}`);
  }
  for (const [index, customerId] of customers.entries()) {
    const spent = DEMO_BUDGETS[index]?.spent;
    if (!spent) continue;
    await withTransaction(company.db, (tx) =>
      recordCustomerSpend(tx, company, customerId, new Money(spent)),
    );
  }
  const [firstReseller] = input.resellerIds;
  if (firstReseller) {
    await grantResellerBudgetQuota(input.distributor.ctx, {
      resellerId: firstReseller,
      enabled: true,
      monthlyQuota: new Money('30000.00'),
      oneTimeQuota: new Money('10000.00'),
    });
  }
}

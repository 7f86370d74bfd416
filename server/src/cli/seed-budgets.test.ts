import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetAlerts, customerBudgets, resellerBudgetQuotas } from '../modules/accounts/schema.ts';
import { Money } from '../platform/money/index.ts';
import { openRuntime } from '../runtime.ts';
import { seedDemo, type DemoSeed } from './seed.ts';

type BudgetRow = typeof customerBudgets.$inferSelect;

/** The demo seed's budgets: one of A公司's customers past 90 % with its alerts recorded. */
describe('seed --demo budgets', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-seed-budgets-'));
  let seed: DemoSeed;
  let budgets: BudgetRow[];
  let alerts: (typeof budgetAlerts.$inferSelect)[];
  let quotas: (typeof resellerBudgetQuotas.$inferSelect)[];

  beforeAll(async () => {
    const runtime = await openRuntime({ dataDir, databaseUrl: undefined });
    try {
      seed = await seedDemo(runtime);
      const db = runtime.database.db;
      budgets = await db.select().from(customerBudgets);
      alerts = await db.select().from(budgetAlerts);
      quotas = await db.select().from(resellerBudgetQuotas);
    } finally {
      await runtime.close();
    }
  }, 180_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets A公司’s budgets and takes one past 90 % with its 75 % and 90 % alerts', () => {
    const company = seed.accounts.find((account) => account.type === 'solution_provider');
    const own = budgets.filter((budget) => budget.partnerId === company?.domain_id);
    expect(own).toHaveLength(3);
    const over = own.filter((budget) =>
      new Money(budget.usedAmount).gt(new Money(budget.amount).times(0.9)),
    );
    expect(over).toHaveLength(1);
    expect(over[0]?.restricted).toBe(false);
    const fired = alerts.filter((alert) => alert.customerId === over[0]?.customerId);
    expect(fired.map((alert) => alert.threshold).sort()).toEqual([75, 90]);
  });

  it('grants the distributor’s first reseller a budget quota', () => {
    expect(quotas).toEqual([
      expect.objectContaining({
        enabled: true,
        monthlyQuota: '30000.00',
        oneTimeQuota: '10000.00',
      }),
    ]);
  });
});

import { describe, expect, test } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { partnerLogIn, useDemoConsole } from './support/demo-console.ts';

const demo = useDemoConsole('solution_provider');

/** The seed's A公司 customer past 90 % of its budget: 18,600.00 of a monthly 20,000.00. */
const CUSTOMER = 'bj_edu_cloud';

describe('customer budgets', () => {
  test('the partner sees the budget alert, sets a new budget and freezes the account', async ({
    onTestFailed,
  }) => {
    const context = await demo.browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    onTestFailed(async () => {
      const file = await saveScreenshot(page, 'customer-budgets');
      process.stderr.write(`screenshot: ${file}\n${demo.server.output().slice(-4000)}\n`);
    });
    await partnerLogIn(page, demo.server, demo.account);
    await page.goto(`${demo.server.baseUrl}/sales/customers/management?keyword=${CUSTOMER}`);
    const row = page.locator('.ant-table-row', { hasText: CUSTOMER });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('93.0%');
    expect(await row.textContent()).toContain('已预警');

    // 预算预警 lists the seed's 90 % alert for the customer.
    await page.getByRole('button', { name: /预算预警/ }).click();
    const drawer = page.locator('.ant-drawer');
    const alert = drawer.locator('.ant-table-row', { hasText: '90%' });
    await alert.first().waitFor();
    expect(await alert.first().textContent()).toContain(CUSTOMER);
    await drawer.locator('.ant-drawer-close').click();

    // 设置预算 starts from the current budget; the confirmation names customer and amount.
    await row.getByText('设置预算', { exact: true }).click();
    const dialog = page
      .locator('.ant-modal:not(.ant-modal-confirm)')
      .filter({ hasText: '预算金额（元）' });
    const amount = dialog.getByLabel('预算金额（元）');
    await expect.poll(() => amount.inputValue()).toBe('20000.00');
    await amount.fill('25000');
    await dialog.getByRole('button', { name: '确认设置' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await expect.poll(() => confirm.textContent()).toContain(CUSTOMER);
    expect(await confirm.textContent()).toContain('25000.00');
    // Waits on the save's answer first: a dialog left open then says why (once it stayed open
    // for 30 s in a full run with nothing else to go on).
    const saved = page.waitForResponse(
      (response) =>
        response.url().endsWith('/console/api/budgets/batch') &&
        response.request().method() === 'POST',
    );
    await confirm.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    const answer = await saved;
    expect(answer.status(), await answer.text()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });

    // The detail page shows the new budget, its usage and the spendable funds.
    await row.getByText('详情', { exact: true }).click();
    await page.waitForURL(/\/sales\/customers\/detail\//);
    const budget = page.getByTestId('customer-budget');
    await expect.poll(() => budget.textContent()).toContain('25,000.00');
    expect(await budget.textContent()).toContain('74.4%');
    expect(await budget.textContent()).toContain('18,600.00');
    const spendable = page.locator('.ant-card', { hasText: '可用资金' });
    await expect.poll(() => spendable.textContent()).toContain('现金余额');
    expect(await spendable.textContent()).toContain('3,800.00');

    // 冻结账号 names the customer before it freezes it; 解冻账号 lifts it again.
    for (const [action, state] of [
      ['冻结账号', '已冻结'],
      ['解冻账号', '正常'],
    ] as const) {
      await page.getByTestId('freeze-menu').hover();
      await page.locator('.ant-dropdown-menu-item', { hasText: action }).click();
      const form = page.locator('.ant-modal:not(.ant-modal-confirm)').filter({ hasText: '原因' });
      await form.locator('textarea').fill('e2e 冻结检查');
      await form.locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(() => confirm.textContent()).toContain(CUSTOMER);
      await confirm.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
      await form.waitFor({ state: 'hidden' });
      const overview = page.locator('.ant-card', { hasText: '冻结状态' });
      await expect.poll(() => overview.textContent()).toContain(state);
    }
    await context.close();
  });
});

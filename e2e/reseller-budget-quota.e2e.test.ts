import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { partnerLogIn, useDemoConsole } from './support/demo-console.ts';

const demo = useDemoConsole('tier1_distributor');

async function newPage(name: string, onTestFailed: (fn: () => Promise<void>) => void) {
  const context = await demo.browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  onTestFailed(async () => {
    const file = await saveScreenshot(page, name);
    process.stderr.write(`screenshot: ${file}\n${demo.server.output().slice(-4000)}\n`);
  });
  return page;
}

function editingDialog(page: Page, hasText: string) {
  return page.locator('.ant-modal:not(.ant-modal-confirm)').filter({ hasText });
}

describe('预算额度 (R-FUND-11)', () => {
  test('the distributor grants a quota; the reseller sees it and cannot set a budget beyond it', async ({
    onTestFailed,
  }) => {
    const reseller = demo.server.accounts.find((account) => account.type === 'reseller');
    if (!reseller) throw new Error('the demo seed has no reseller');

    const distributor = await newPage('budget-quota-distributor', onTestFailed);
    await partnerLogIn(distributor, demo.server, demo.account);
    await distributor.goto(`${demo.server.baseUrl}/sales/resellers/management`);
    const row = distributor.locator('.ant-table-row', { hasText: reseller.account_name });
    await row.waitFor();
    await row.getByText('预算额度', { exact: true }).click();
    const grant = editingDialog(distributor, '月度预算额度（元）');
    const monthly = grant.getByLabel('月度预算额度（元）');
    // The seed granted 30,000.00 monthly.
    await expect.poll(() => monthly.inputValue()).toBe('30000.00');
    await monthly.fill('40000');
    await grant.locator('.ant-modal-footer .ant-btn-primary').click();
    const confirm = distributor.locator('.ant-modal-confirm');
    await expect.poll(() => confirm.textContent()).toContain(reseller.account_name);
    expect(await confirm.textContent()).toContain('40,000.00');
    await confirm.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await grant.waitFor({ state: 'hidden' });
    await distributor.context().close();

    const page = await newPage('budget-quota-reseller', onTestFailed);
    await partnerLogIn(page, demo.server, reseller);
    await page.goto(`${demo.server.baseUrl}/partner/basic-info`);
    const card = page.locator('.ant-pro-card', { hasText: '月度预算额度' });
    await expect.poll(() => card.textContent()).toContain('40,000.00');
    expect(await card.textContent()).toContain('已授权');

    await page.goto(`${demo.server.baseUrl}/sales/customers/management`);
    const customer = page.locator('.ant-table-row', { hasText: '设置预算' }).first();
    await customer.waitFor();
    await customer.getByText('设置预算', { exact: true }).click();
    const form = editingDialog(page, '预算金额（元）');
    await form.getByLabel('预算金额（元）').fill('40000.01');
    await form.getByRole('button', { name: '确认设置' }).click();
    await page.locator('.ant-modal-confirm .ant-modal-confirm-btns .ant-btn-primary').click();
    // The server refuses it per item: the outcome names the quota error.
    const outcome = page.locator('.ant-modal', { hasText: '失败 1 个' });
    await expect.poll(() => outcome.textContent()).toContain('CBC.0411');
    await page.context().close();
  });

  test('the distributor withdraws and grants again a reseller’s right to act for its customers (P-37)', async ({
    onTestFailed,
  }) => {
    const reseller = demo.server.accounts.find((account) => account.type === 'reseller');
    if (!reseller) throw new Error('the demo seed has no reseller');
    const page = await newPage('reseller-rights', onTestFailed);
    await partnerLogIn(page, demo.server, demo.account);
    await page.goto(`${demo.server.baseUrl}/sales/resellers/management`);
    const row = page.locator('.ant-table-row', { hasText: reseller.account_name });
    await row.waitFor();
    await row.getByText('授权', { exact: true }).click();
    const dialog = editingDialog(page, '代客下单 / 代客运维');
    const right = dialog.getByRole('switch');
    const confirm = page.locator('.ant-modal-confirm');
    // Whatever the seed left, each change flips the right and says which way it went.
    for (let change = 0; change < 2; change++) {
      const granting = (await right.getAttribute('aria-checked')) !== 'true';
      await right.click();
      await expect.poll(() => confirm.textContent()).toContain(reseller.account_name);
      await confirm.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
      await expect.poll(() => right.getAttribute('aria-checked')).toBe(String(granting));
      await page
        .getByText(granting ? '已授予' : '已收回')
        .first()
        .waitFor();
    }
    await page.context().close();
  });
});

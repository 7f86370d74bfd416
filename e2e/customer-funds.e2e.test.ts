import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { partnerLogIn, useDemoConsole } from './support/demo-console.ts';

const demo = useDemoConsole('solution_provider');

/** The seed's funded resale customer of A公司, which signs in to the portal with the demo password. */
const FUNDED_CUSTOMER = 'bj_edu_cloud';
/** What the seed leaves it: 5,000.00 transferred, 1,200.00 reclaimed. */
const SEEDED_BALANCE = '3,800.00';
const TRANSFER = '100.5';
const AFTER_TRANSFER = '3,900.50';

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

async function transferInConsole(page: Page) {
  await partnerLogIn(page, demo.server, demo.account);
  await page.goto(`${demo.server.baseUrl}/sales/customers/management?keyword=${FUNDED_CUSTOMER}`);
  const row = page.locator('.ant-table-row', { hasText: FUNDED_CUSTOMER });
  await row.waitFor();
  await row.getByText('拨款', { exact: true }).click();

  const dialog = page.locator('.ant-modal').filter({ hasText: '从本企业充值账户拨款' });
  await expect.poll(() => dialog.textContent()).toContain(SEEDED_BALANCE);
  const amount = dialog.getByLabel(`金额（元） ${FUNDED_CUSTOMER}`);
  // A third decimal is refused in place, before anything is sent.
  await amount.fill('1.005');
  await dialog.getByRole('button', { name: '确认拨款' }).click();
  await expect.poll(() => dialog.textContent()).toContain('请输入大于 0 且最多两位小数的金额');
  await amount.fill(TRANSFER);
  await dialog.getByRole('button', { name: '确认拨款' }).click();

  // The confirmation names the customer and the exact amount.
  const confirm = page.locator('.ant-modal-confirm');
  await expect.poll(() => confirm.textContent()).toContain(FUNDED_CUSTOMER);
  expect(await confirm.textContent()).toContain('100.50');
  await confirm.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await dialog.waitFor({ state: 'hidden' });

  // The detail overview shows the new balance.
  await row.getByText('详情', { exact: true }).click();
  await page.waitForURL(/\/sales\/customers\/detail\//);
  const balance = page.getByTestId('customer-balance');
  await expect.poll(() => balance.textContent()).toContain(AFTER_TRANSFER);

  // 调账记录 lists the transfer.
  await page.goto(`${demo.server.baseUrl}/sales/finance/adjust-records`);
  const record = page.locator('.ant-table-row', { hasText: '100.50' });
  await record.first().waitFor();
  expect(await record.first().textContent()).toContain('拨款');
}

describe('customer funds', () => {
  test('the partner transfers funds to a customer; the customer sees the balance in the portal', async ({
    onTestFailed,
  }) => {
    const console = await newPage('customer-funds-console', onTestFailed);
    await transferInConsole(console);
    await console.context().close();

    const portal = await newPage('customer-funds-portal', onTestFailed);
    await portal.goto(`${demo.server.baseUrl}/portal/login`);
    await portal.locator('#account_name').fill(FUNDED_CUSTOMER);
    await portal.locator('#password').fill(demo.server.customerLogin.password);
    await portal.locator('#password').press('Enter');
    await portal.waitForURL(/\/portal\/overview$/);
    await portal.locator('.ant-layout-sider').getByText('余额', { exact: true }).click();
    await portal.waitForURL(/\/portal\/balance$/);
    const balance = portal.getByTestId('portal-balance');
    await expect.poll(() => balance.textContent()).toContain(AFTER_TRANSFER);
    // Newest first: the transfer on top, with the balance after it.
    const newest = portal.locator('.ant-table-row').first();
    await expect.poll(() => newest.textContent()).toContain('100.50');
    expect(await newest.textContent()).toContain(AFTER_TRANSFER);
    await portal.context().close();
  });

  test('批量回收 moves what it can and names each failed customer with its reason', async ({
    onTestFailed,
  }) => {
    const page = await newPage('customer-funds-batch', onTestFailed);
    await partnerLogIn(page, demo.server, demo.account);
    await page.goto(`${demo.server.baseUrl}/sales/customers/management`);
    // bj_edu_cloud holds 3,900.50 after the transfer above; sh_fin_data 2,700.00 from the seed.
    const funded = page.locator('.ant-table-row', { hasText: FUNDED_CUSTOMER });
    const poorer = page.locator('.ant-table-row', { hasText: 'sh_fin_data' });
    await funded.locator('.ant-checkbox-input').check();
    await poorer.locator('.ant-checkbox-input').check();
    await page.getByRole('button', { name: '批量回收' }).click();

    const dialog = page.locator('.ant-modal').filter({ hasText: '回收到本企业充值账户' });
    await expect.poll(() => dialog.textContent()).toContain('2,700.00');
    await dialog.locator('#all').fill('3000');
    await dialog.getByRole('button', { name: '填入全部' }).click();
    await dialog.getByRole('button', { name: '确认回收' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await expect.poll(() => confirm.textContent()).toContain('sh_fin_data');
    expect(await confirm.textContent()).toContain('6,000.00');
    await confirm.locator('.ant-modal-confirm-btns .ant-btn-primary').click();

    const result = page.locator('.ant-modal').filter({ hasText: '成功 1 个，失败 1 个' });
    await result.waitFor();
    const failure = result.locator('.ant-table-row');
    expect(await failure.count()).toBe(1);
    expect(await failure.textContent()).toContain('sh_fin_data');
    expect(await failure.textContent()).toContain('CBC.99005003');
    // antd spaces out a two-character label (关 闭), so the button is found by its place.
    await result.locator('.ant-modal-footer button').click();

    await funded.getByText('详情', { exact: true }).click();
    await expect.poll(() => page.getByTestId('customer-balance').textContent()).toContain('900.50');
    await page.context().close();
  });
});

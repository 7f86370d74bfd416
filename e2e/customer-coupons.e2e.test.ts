import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { partnerLogIn, useDemoConsole } from './support/demo-console.ts';

const demo = useDemoConsole('solution_provider');

/** The seed's funded resale customer of A公司, which signs in to the portal with the demo password. */
const PORTAL_CUSTOMER = 'bj_edu_cloud';
/** The resale customer the seed gave a 1,000.00 coupon. */
const RECLAIMED_CUSTOMER = 'sh_fin_data';
/** What the seed leaves the portal customer: 3,800.00 cash and a 500.00 coupon. */
const SEEDED_CASH = '3,800.00';
const FACE_VALUE = '88.8';
const USABLE_AFTER_ISSUE = '588.80';
const MEMO = 'e2e 春季活动';

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

async function openCoupons(page: Page, tab?: string) {
  const query = tab ? `?tab=${tab}` : '';
  await page.goto(`${demo.server.baseUrl}/sales/customers/coupons${query}`);
}

async function issueInConsole(page: Page) {
  await partnerLogIn(page, demo.server, demo.account);
  await openCoupons(page);
  // The seeded quota: 50,000.00 granted, 1,500.00 out in coupons, 有效.
  const quota = page.locator('.ant-table-row', { hasText: '有效' }).first();
  await quota.waitFor();
  expect(await quota.textContent()).toContain('48,500.00');
  await quota.getByRole('button', { name: '发放代金券' }).click();

  const dialog = page
    .locator('.ant-modal:not(.ant-modal-confirm)')
    .filter({ hasText: '仅本企业在操作记录中可见' });
  await dialog.waitFor();
  // More than the quota holds is refused in place, before anything is sent.
  await dialog.locator('#faceValue').fill('50000.01');
  await dialog.locator('#customerIds').click();
  await dialog.locator('#customerIds').fill(PORTAL_CUSTOMER);
  await page.locator('.ant-select-item-option', { hasText: PORTAL_CUSTOMER }).first().click();
  await dialog.getByRole('button', { name: '确认发放' }).click();
  await expect.poll(() => dialog.textContent()).toContain('超出额度的剩余金额');
  await dialog.locator('#faceValue').fill(FACE_VALUE);
  await dialog.locator('#minimumOrderAmount').fill('10');
  await dialog.locator('#memo').fill(MEMO);
  await dialog.getByRole('button', { name: '确认发放' }).click();

  // The confirmation names the customer and the exact amount.
  const confirm = page.locator('.ant-modal-confirm');
  await expect.poll(() => confirm.textContent()).toContain(PORTAL_CUSTOMER);
  expect(await confirm.textContent()).toContain('88.80');
  await confirm.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await dialog.waitFor({ state: 'hidden' });
  // The quota's remaining balance drops by exactly the face value.
  await expect.poll(() => quota.textContent()).toContain('48,411.20');

  // 已发放代金券 lists it, usable, with the customer's name.
  await page.getByRole('tab', { name: '已发放代金券', exact: true }).click();
  const issued = page.locator('.ant-table-row', { hasText: '88.80' }).first();
  await issued.waitFor();
  expect(await issued.textContent()).toContain(PORTAL_CUSTOMER);
  expect(await issued.textContent()).toContain('可使用');

  // 操作记录 shows the issue with the issuer's remark.
  await page.getByRole('tab', { name: '操作记录', exact: true }).click();
  const record = page.locator('.ant-table-row', { hasText: MEMO }).first();
  await record.waitFor();
  expect(await record.textContent()).toContain('发放代金券');
  expect(await record.textContent()).toContain(PORTAL_CUSTOMER);
}

describe('customer coupons', () => {
  test('the partner issues a coupon in the console; the customer sees it and the balance in the portal', async ({
    onTestFailed,
  }) => {
    const console = await newPage('customer-coupons-console', onTestFailed);
    await issueInConsole(console);
    await console.context().close();

    const portal = await newPage('customer-coupons-portal', onTestFailed);
    await portal.goto(`${demo.server.baseUrl}/portal/login`);
    await portal.locator('#account_name').fill(PORTAL_CUSTOMER);
    await portal.locator('#password').fill(demo.server.customerLogin.password);
    await portal.locator('#password').press('Enter');
    await portal.waitForURL(/\/portal\/overview$/);
    await portal.locator('.ant-layout-sider').getByText('优惠券', { exact: true }).click();
    await portal.waitForURL(/\/portal\/coupons$/);
    // The seeded 500.00 coupon and the new 88.80 one are both usable.
    const usable = portal.getByTestId('portal-coupon-balance');
    await expect.poll(() => usable.textContent()).toContain(USABLE_AFTER_ISSUE);
    const coupon = portal.locator('.ant-table-row', { hasText: '88.80' }).first();
    await coupon.waitFor();
    expect(await coupon.textContent()).toContain('可使用');
    // The issuer's remark is not the customer's to read (R-COUP-04).
    expect(await portal.locator('body').textContent()).not.toContain(MEMO);

    await portal.locator('.ant-layout-sider').getByText('余额', { exact: true }).click();
    await portal.waitForURL(/\/portal\/balance$/);
    const cash = portal.getByTestId('portal-balance');
    await expect.poll(() => cash.textContent()).toContain(SEEDED_CASH);
    await portal.context().close();
  });

  test('回收 names the customer and the amount, and keeps the reclaimed coupon listed', async ({
    onTestFailed,
  }) => {
    const page = await newPage('customer-coupons-reclaim', onTestFailed);
    await partnerLogIn(page, demo.server, demo.account);
    await openCoupons(page, 'issued');
    const row = page.locator('.ant-table-row', { hasText: RECLAIMED_CUSTOMER }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('可使用');
    // antd spaces out a two-character label (回 收), so the button is found by its place.
    await row.locator('td').last().locator('button').click();
    const confirm = page.locator('.ant-modal').filter({ hasText: '回收代金券' });
    await expect.poll(() => confirm.textContent()).toContain(RECLAIMED_CUSTOMER);
    expect(await confirm.textContent()).toContain('1000.00');
    await confirm.locator('.ant-modal-footer .ant-btn-primary').click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => row.textContent()).toContain('已回收');
    expect(await row.textContent()).toContain('1,000.00');

    // The quota got the whole balance back.
    await page.getByRole('tab', { name: '代金券额度', exact: true }).click();
    const quota = page.locator('.ant-table-row', { hasText: '有效' }).first();
    await expect.poll(() => quota.textContent()).toContain('49,411.20');
    await page.context().close();
  });

  test('the distributor issues quota to a reseller and reclaims it whole', async ({
    onTestFailed,
  }) => {
    const distributor = demo.server.accounts.find(
      (account) => account.type === 'tier1_distributor',
    );
    if (!distributor) throw new Error('the seed printed no tier1_distributor');
    const page = await newPage('customer-coupons-distributor', onTestFailed);
    await partnerLogIn(page, demo.server, distributor);
    await openCoupons(page);
    // 20,000.00 granted; 5,000.00 with reseller_one, reseller_two's 3,000.00 taken back.
    const quota = page.locator('.ant-table-row', { hasText: '有效' }).first();
    await expect.poll(() => quota.textContent()).toContain('15,000.00');
    await quota.getByRole('button', { name: '发放额度' }).click();

    const dialog = page
      .locator('.ant-modal:not(.ant-modal-confirm)')
      .filter({ hasText: '发放额度给云经销商' });
    await dialog.waitFor();
    await dialog.locator('#resellerIds').click();
    await page.locator('.ant-select-item-option', { hasText: 'reseller_two' }).first().click();
    await dialog.locator('#amount').fill('1234.56');
    await dialog.getByRole('button', { name: '确认发放' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await expect.poll(() => confirm.textContent()).toContain('reseller_two');
    expect(await confirm.textContent()).toContain('1234.56');
    await confirm.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => quota.textContent()).toContain('13,765.44');

    await page.getByRole('tab', { name: '已发放代金券额度', exact: true }).click();
    const issued = page.locator('.ant-table-row', { hasText: '1,234.56' }).first();
    await issued.waitFor();
    await issued.locator('td').last().locator('button').click();
    const reclaim = page.locator('.ant-modal-confirm');
    await expect.poll(() => reclaim.textContent()).toContain('1234.56');
    await reclaim.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => issued.textContent()).toContain('已回收');

    await page.getByRole('tab', { name: '操作记录', exact: true }).click();
    const record = page.locator('.ant-table-row', { hasText: '回收额度' }).first();
    await record.waitFor();
    expect(await record.textContent()).toContain('1,234.56');
    await page.context().close();
  });
});

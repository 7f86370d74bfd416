import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { startDemoServer, type RunningServer } from './support/huoban-server.ts';

/** The demo logins `huoban seed --demo` creates. */
const DEMO_PASSWORD = 'Huoban@2026';
const PARTNER_ACCOUNT = 'a_company';
const OPERATOR_ACCOUNT = 'huoban_operator';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * A page in its own browser context (no shared cookies or storage), in the console's default
 * language, with a screenshot in e2e/artifacts when the test fails.
 */
async function openPage(
  name: string,
  onTestFailed: (handler: () => Promise<void>) => void,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  onTestFailed(async () => {
    const file = await saveScreenshot(page, name);
    process.stderr.write(
      `screenshot: ${file}\nserver output (end):\n${server.output().slice(-4000)}\n`,
    );
  });
  return { context, page };
}

async function logIn(page: Page, login: { account: string; user?: string; password: string }) {
  await page.goto(`${server.baseUrl}/login`);
  if (login.user) await page.getByRole('tab', { name: 'IAM用户登录' }).click();
  await page.locator('#account_name').fill(login.account);
  if (login.user) await page.locator('#user_name').fill(login.user);
  await page.locator('#password').fill(login.password);
  await page.locator('#password').press('Enter');
}

/** The top-level entries of the side menu, as the user sees them. */
async function topMenu(page: Page): Promise<string[]> {
  const titles = page.locator(
    '.ant-layout-sider .ant-menu-root > li > .ant-menu-submenu-title, .ant-layout-sider .ant-menu-root > li.ant-menu-item',
  );
  await titles.first().waitFor();
  return (await titles.allTextContents()).map((text) => text.trim());
}

describe('console', () => {
  test('an admin creates an account manager, who sees only what the role allows', async ({
    onTestFailed,
  }) => {
    const { context, page } = await openPage('account-manager-journey', onTestFailed);
    const userName = 'am_e2e';
    const initialPassword = 'Welcome@2026';
    const ownPassword = 'Changed#2026x';

    // The partner's main account signs in and lands on its first page, 组织成员.
    await page.goto(server.baseUrl);
    await page.waitForURL(/\/login$/);
    await logIn(page, { account: PARTNER_ACCOUNT, password: DEMO_PASSWORD });
    await page.waitForURL(/\/org\/members/);
    await page.locator('.ant-table-row', { hasText: PARTNER_ACCOUNT }).first().waitFor();
    expect(await topMenu(page)).toEqual(
      expect.arrayContaining(['组织', '审计', '支持', '伙伴信息']),
    );

    // 创建人员 with the preset 客户经理 role.
    await page.getByRole('button', { name: '创建人员' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '创建人员' });
    await dialog.locator('#user_name').fill(userName);
    await dialog.locator('#display_name').fill('E2E 客户经理');
    await dialog.locator('#email').fill('am.e2e@a-company.example');
    await dialog.locator('#password').fill(initialPassword);
    await dialog.locator('#confirm_password').fill(initialPassword);
    await dialog
      .locator('label.ant-checkbox-wrapper')
      .filter({ hasText: /^客户经理预置$/ })
      .click();
    await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByPlaceholder('账号名、姓名或邮箱').fill(userName);
    await page.getByPlaceholder('账号名、姓名或邮箱').press('Enter');
    const row = page.locator('.ant-table-row', { hasText: userName });
    await row.waitFor();
    expect(await row.textContent()).toContain('客户经理');

    // 退出登录 from the user menu.
    await page.getByTestId('current-user').hover();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);

    // The member signs in as an IAM user and must replace the initial password first.
    await logIn(page, { account: PARTNER_ACCOUNT, user: userName, password: initialPassword });
    await page.waitForURL(/\/change-password$/);
    await page.locator('#old_password').fill(initialPassword);
    await page.locator('#new_password').fill(ownPassword);
    await page.locator('#confirm_password').fill(ownPassword);
    await page.locator('.ant-card button.ant-btn-primary').click();
    await page.waitForURL(
      (url) => !url.pathname.startsWith('/change-password') && url.pathname !== '/',
    );
    await expect
      .poll(() => page.getByTestId('current-user').textContent())
      .toContain('E2E 客户经理');

    // An account manager lands on 销售 > 客户 > 客户管理; the menu shows only what 客户经理 plus
    // the default permissions allow.
    await page.waitForURL(/\/sales\/customers\/management/);
    await page.locator('.ant-pro-table .ant-table').waitFor();
    const menu = await topMenu(page);
    expect(menu).toEqual(expect.arrayContaining(['销售', '伙伴信息', '支持']));
    expect(menu).not.toContain('组织');
    expect(menu).not.toContain('审计');
    expect(menu).not.toContain('运营');

    // 支持 > 能力开放 > 接入配置 is there and opens the access keys.
    await page.locator('.ant-layout-sider').getByText('支持', { exact: true }).click();
    await page.locator('.ant-layout-sider').getByText('能力开放', { exact: true }).click();
    await page.locator('.ant-layout-sider').getByText('接入配置', { exact: true }).click();
    await page.waitForURL(/\/support\/open-api\/access$/);
    await page.getByText('API 访问密钥').waitFor();

    // Typing the address of a page the role does not grant shows 403, not the page.
    await page.goto(`${server.baseUrl}/org/members`);
    await page.locator('.ant-result-403').waitFor();
    expect(await page.locator('.ant-result-403').textContent()).toContain('没有访问此页面的权限');
    expect(await page.locator('.ant-table-row').count()).toBe(0);

    await context.close();
  });

  test('the operator reviews business information certifications', async ({ onTestFailed }) => {
    const { context, page } = await openPage('operator-review', onTestFailed);
    await logIn(page, { account: OPERATOR_ACCOUNT, password: DEMO_PASSWORD });
    await page.waitForURL(/\/operator\/certifications/);
    await page.locator('.ant-page-header-heading-title', { hasText: '商业信息审核' }).waitFor();
    await page.locator('.ant-pro-table').waitFor();

    const menu = await topMenu(page);
    expect(menu).toEqual(expect.arrayContaining(['运营']));
    expect(menu).not.toContain('伙伴信息');

    // 运营 > 伙伴管理 lists the demo partners.
    await page.locator('.ant-layout-sider').getByText('伙伴管理', { exact: true }).click();
    await page.waitForURL(/\/operator\/partners/);
    await page.locator('.ant-table-row', { hasText: PARTNER_ACCOUNT }).first().waitFor();

    await context.close();
  });
  test('a partner submits its business information and the operator approves it', async ({
    onTestFailed,
  }) => {
    const { context, page } = await openPage('certification-review', onTestFailed);
    const company = 'A公司（E2E）';

    // 伙伴信息 > 商业信息: the three-step wizard.
    await logIn(page, { account: PARTNER_ACCOUNT, password: DEMO_PASSWORD });
    await page.waitForURL(/\/org\/members/);
    await page.goto(`${server.baseUrl}/partner/certification`);
    await page.getByRole('button', { name: '开始认证' }).click();
    await page.locator('#basic_company_name').fill(company);
    await page.locator('#basic_unified_social_credit_code').fill('91310000MA1K3YJ12K');
    await page.locator('#basic_legal_representative').fill('张三');
    await page.locator('#basic_registered_address').fill('上海市浦东新区世纪大道 1 号');
    await page.locator('#basic_tax_registration_number').fill('91310000MA1K3YJ12K');
    await page.locator('#basic_taxpayer_type').click();
    await page.locator('.ant-select-item-option', { hasText: '一般纳税人' }).click();
    await page.locator('#basic_finance_contact_name').fill('李四');
    await page.locator('#basic_finance_contact_email').fill('finance@a-company.example');
    await page.locator('#basic_finance_contact_phone').fill('021-55550000');
    await page.locator('#basic_accept_privacy_statement').check();
    await page.getByRole('button', { name: '下一步' }).click();

    await page.locator('#bank_bank_name').fill('中国工商银行');
    await page.locator('#bank_bank_branch').fill('上海浦东支行');
    await page.locator('#bank_bank_account_name').fill(company);
    await page.locator('#bank_bank_account_number').fill('6222 0210 0100 1234 567');
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByText('91310000MA1K3YJ12K').first().waitFor();
    await page.getByRole('button', { name: '提交认证' }).click();
    await page.locator('.ant-alert .ant-tag', { hasText: '认证中' }).waitFor();

    await page.getByTestId('current-user').hover();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);

    // 运营 > 商业信息审核: the submission is waiting; approving it certifies the partner.
    await logIn(page, { account: OPERATOR_ACCOUNT, password: DEMO_PASSWORD });
    await page.waitForURL(/\/operator\/certifications/);
    const row = page.locator('.ant-table-row', { hasText: PARTNER_ACCOUNT });
    await row.waitFor();
    expect(await row.textContent()).toContain('认证中');
    await row.getByText('通过', { exact: true }).click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => row.textContent()).toContain('认证成功');

    await context.close();
  });
});

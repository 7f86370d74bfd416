import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { useDemoConsole } from './support/demo-console.ts';

const demo = useDemoConsole('solution_provider');

async function portalLogIn(page: Page, password = demo.server.customerLogin.password) {
  await page.goto(`${demo.server.baseUrl}/portal/login`);
  await page.locator('#account_name').fill(demo.server.customerLogin.account_name);
  await page.locator('#password').fill(password);
  await page.locator('#password').press('Enter');
}

/** Runs `work` on a fresh page; on failure keeps a screenshot for the report. */
async function onPage(name: string, work: (page: Page) => Promise<void>) {
  const context = await demo.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await work(page);
  } catch (error) {
    await saveScreenshot(page, name);
    throw error;
  } finally {
    await context.close();
  }
}

describe('customer portal', () => {
  test('a wrong password is refused in place; the right one opens my account', async () => {
    await onPage('portal-login', async (page) => {
      await portalLogIn(page, 'Wrong-pass-123');
      await expect
        .poll(() => page.locator('.ant-alert-error').textContent())
        .toContain('账号名或密码错误');
      await page.locator('#password').fill(demo.server.customerLogin.password);
      await page.locator('#password').press('Enter');
      await page.waitForURL(/\/portal\/overview$/);
      const account = page.getByTestId('portal-account');
      await expect
        .poll(() => account.textContent())
        .toContain(demo.server.customerLogin.account_name);
      const association = page.getByTestId('portal-association');
      await expect.poll(() => association.textContent()).toContain('已关联');
      expect(await page.getByTestId('portal-current-customer').textContent()).toBe(
        demo.server.customerLogin.account_name,
      );
    });
  });

  test('creates an access key, shows the secret once, and deletes it after naming it', async () => {
    await onPage('portal-access-keys', async (page) => {
      await portalLogIn(page);
      await page.waitForURL(/\/portal\/overview$/);
      await page.locator('.ant-layout-sider').getByText('访问密钥', { exact: true }).click();
      await page.waitForURL(/\/portal\/access-keys$/);
      await page.getByRole('button', { name: '新增访问密钥' }).click();
      await page.locator('.ant-modal textarea').fill('e2e portal key');
      await page.locator('.ant-modal-footer button.ant-btn-primary').click();
      const secret = page.getByTestId('secret-key');
      await expect.poll(async () => (await secret.textContent())?.length).toBe(40);
      const accessKey =
        (await page.locator('.ant-modal .huoban-secret').first().textContent()) ?? '';
      await page.getByRole('button', { name: '我已保存，关闭' }).click();
      await page.locator('.ant-modal-confirm button.ant-btn-dangerous').click();
      const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: accessKey });
      await expect.poll(() => row.count()).toBe(1);
      // Closed, the secret is gone from the page: the server cannot show it again.
      await expect.poll(() => secret.count()).toBe(0);
      await row.getByText('删除', { exact: true }).click();
      await expect
        .poll(() => page.locator('.ant-modal-confirm-title').textContent())
        .toContain(accessKey);
      await page.locator('.ant-modal-confirm button.ant-btn-dangerous').click();
      await expect.poll(() => row.count()).toBe(0);
    });
  });

  test('keeps customers and partner users each in their own area', async () => {
    await onPage('portal-areas', async (page) => {
      await portalLogIn(page);
      await page.waitForURL(/\/portal\/overview$/);
      await page.goto(`${demo.server.baseUrl}/sales/customers/management`);
      await page.waitForURL(/\/login$/);

      await page.locator('#account_name').fill(demo.account.account_name);
      await page.locator('#password').fill(demo.account.password);
      await page.locator('#password').press('Enter');
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.goto(`${demo.server.baseUrl}/portal/overview`);
      await page.waitForURL(/\/portal\/login$/);
    });
  });

  test('signs out from the user menu', async () => {
    await onPage('portal-logout', async (page) => {
      await portalLogIn(page);
      await page.waitForURL(/\/portal\/overview$/);
      await page.getByTestId('portal-current-customer').hover();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL(/\/portal\/login$/);
      await page.goto(`${demo.server.baseUrl}/portal/access-keys`);
      await page.waitForURL(/\/portal\/login$/);
    });
  });
});

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { startDemoServer, type RunningServer } from './support/huoban-server.ts';

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
 * The verification code mailed to `email`: without SMTP the server writes each message as an
 * `.eml` file into `<data dir>/outbox`, and the code is in the subject line.
 */
async function codeMailedTo(email: string): Promise<string> {
  const outbox = path.join(server.dataDir, 'outbox');
  const names = (await readdir(outbox)).filter((name) => name.endsWith('.eml')).sort();
  for (const name of names.reverse()) {
    const message = await readFile(path.join(outbox, name), 'utf8');
    if (!message.includes(email)) continue;
    const code = /verification code: (\d{6})/.exec(message)?.[1];
    if (code) return code;
  }
  throw new Error(`no code mailed to ${email} in ${outbox}`);
}

function watchFailure(page: Page, name: string, onTestFailed: (fn: () => Promise<void>) => void) {
  onTestFailed(async () => {
    const file = await saveScreenshot(page, name);
    process.stderr.write(
      `screenshot: ${file}\nserver output (end):\n${server.output().slice(-4000)}\n`,
    );
  });
}

describe('sign-up', () => {
  test('a newcomer joins the CSP programme, verifies the e-mail and logs in', async ({
    onTestFailed,
  }) => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    watchFailure(page, 'sign-up-journey', onTestFailed);
    const accountName = 'e2e_signup';
    const email = 'owner@e2e-signup.example';
    const password = 'Signup#2026';

    // From the login page to 注册成为伙伴.
    await page.goto(`${server.baseUrl}/login`);
    await page.getByRole('link', { name: '注册成为伙伴' }).click();
    await page.waitForURL(/\/sign-up$/);

    // Step 1: programme and account details. Tier-1 distribution is by invitation only.
    const programmes = page.locator('.huoban-program-choice');
    await programmes.getByText('解决方案提供商计划', { exact: false }).waitFor();
    expect(await programmes.textContent()).not.toContain('总经销商计划');
    await programmes.getByText('解决方案提供商计划', { exact: false }).click();
    await page.locator('#account_account_name').fill(accountName);
    await page.locator('#account_company_name').fill('E2E 注册公司');
    await page.locator('#account_email').fill(email);
    await page.locator('#account_phone').fill('13800138000');
    await page.locator('#account_password').fill(password);
    await page.locator('#account_confirm_password').fill(password);
    await page.getByRole('button', { name: '获取验证码' }).click();

    // Step 2: the code from the outbox; resending waits for the countdown.
    await page.getByText(`验证码已发送至 ${email}`).waitFor();
    await expect
      .poll(() => page.locator('.ant-btn', { hasText: /秒后可重新发送/ }).isDisabled())
      .toBe(true);
    const code = await codeMailedTo(email);
    await page.locator('#verify_code').fill(code === '000000' ? '999999' : '000000');
    await page.getByRole('button', { name: '验证并注册' }).click();
    await page.locator('#verify_code_help', { hasText: 'incorrect' }).waitFor();
    await page.locator('#verify_code').fill(code);
    await page.getByRole('button', { name: '验证并注册' }).click();

    // Step 3: done; log in with the new account.
    await page.getByText('注册成功').waitFor();
    expect(await page.locator('.ant-result').textContent()).toContain(accountName);
    await page.getByRole('button', { name: '去登录' }).click();
    await page.waitForURL(/\/login$/);
    await page.locator('#account_name').fill(accountName);
    await page.locator('#password').fill(password);
    await page.locator('#password').press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('current-user').waitFor();
    await page.locator('.ant-layout-sider').getByText('伙伴信息', { exact: true }).waitFor();

    await context.close();
  });

  test('the operator publishes a programme, which the sign-up page then offers', async ({
    onTestFailed,
  }) => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    watchFailure(page, 'programme-publish', onTestFailed);
    const operator = server.accounts.find((account) => account.type === 'operator');
    if (!operator) throw new Error('seed --demo --json printed no operator');

    await page.goto(`${server.baseUrl}/login`);
    await page.locator('#account_name').fill(operator.account_name);
    await page.locator('#password').fill(operator.password);
    await page.locator('#password').press('Enter');
    await page.waitForURL(/\/operator\//);
    await page.locator('.ant-layout-sider').getByText('伙伴计划', { exact: true }).click();
    await page.waitForURL(/\/operator\/programs$/);
    await page.locator('.ant-table-row', { hasText: 'csp' }).waitFor();

    await page.getByRole('button', { name: '创建伙伴计划' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '创建伙伴计划' });
    await dialog.locator('#code').fill('e2e_isv');
    await dialog.locator('#name').fill('E2E 软件伙伴计划');
    await dialog.locator('#description').fill('面向软件伙伴的自助注册计划');
    await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-table-row', { hasText: 'e2e_isv' });
    await row.waitFor();
    expect(await row.textContent()).toContain('开放注册');

    await page.goto(`${server.baseUrl}/sign-up`);
    await page.locator('.huoban-program-choice').getByText('E2E 软件伙伴计划').waitFor();

    await context.close();
  });
});

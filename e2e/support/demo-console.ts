import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startDemoServer, type DemoAccount, type RunningServer } from './huoban-server.ts';

/** What a browser test file drives: one demo server, one Chromium and one seeded partner. */
export interface DemoConsole {
  server: RunningServer;
  browser: Browser;
  /** The seeded account of the type asked for; unset when none was asked for. */
  account: DemoAccount;
}

/**
 * Registers the file's set-up: builds the console when needed, starts the demo server and a
 * browser before the tests and stops both after them. The fields are filled in `beforeAll`, so
 * read them inside tests and helpers only.
 */
export function useDemoConsole(accountType?: string): DemoConsole {
  const demo = {} as DemoConsole;
  beforeAll(async () => {
    demo.server = await startDemoServer();
    demo.browser = await launchBrowser();
    if (accountType === undefined) return;
    const found = demo.server.accounts.find((account) => account.type === accountType);
    if (!found) throw new Error(`seed --demo --json printed no ${accountType}`);
    demo.account = found;
  });
  afterAll(async () => {
    await demo.browser?.close();
    await demo.server?.stop();
  });
  return demo;
}

/**
 * Signs in to the partner console as `account`'s main account, or as its IAM user `user`, and
 * waits until the console has left the login page.
 */
export async function partnerLogIn(
  page: Page,
  server: RunningServer,
  account: DemoAccount,
  user?: string,
): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  if (user) await page.getByRole('tab', { name: 'IAM用户登录' }).click();
  await page.locator('#account_name').fill(account.account_name);
  if (user) await page.locator('#user_name').fill(user);
  await page.locator('#password').fill(account.password);
  await page.locator('#password').press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Signs the demo customer in to the portal and waits for its overview. */
export async function portalLogIn(page: Page, server: RunningServer): Promise<void> {
  await page.goto(`${server.baseUrl}/portal/login`);
  await page.locator('#account_name').fill(server.customerLogin.account_name);
  await page.locator('#password').fill(server.customerLogin.password);
  await page.locator('#password').press('Enter');
  await page.waitForURL(/\/portal\/overview$/);
}

/**
 * An IAM token of the partner's main account, as an integrator would obtain one (console API
 * calls accept it too).
 */
export async function partnerToken(server: RunningServer, account: DemoAccount): Promise<string> {
  const response = await fetch(`${server.baseUrl}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: {
            user: {
              name: account.account_name,
              password: account.password,
              domain: { name: account.account_name },
            },
          },
        },
        scope: { domain: { name: account.account_name } },
      },
    }),
  });
  expect(response.status).toBe(201);
  return response.headers.get('x-subject-token') ?? '';
}

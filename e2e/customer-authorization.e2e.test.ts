import { describe, expect, test } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { partnerLogIn, portalLogIn, useDemoConsole } from './support/demo-console.ts';

// The demo's customer login is one of A公司's customers; A公司 is the solution provider.
const demo = useDemoConsole('solution_provider');

async function call(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Response> {
  return fetch(`${demo.server.baseUrl}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** An IAM token of `name`'s main account (a partner or a customer) by password. */
async function passwordToken(name: string, password: string): Promise<string> {
  const response = await call(
    'POST',
    '/v3/auth/tokens',
    {},
    {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name, password, domain: { name } } },
        },
      },
    },
  );
  expect(response.status).toBe(201);
  return response.headers.get('x-subject-token') ?? '';
}

async function domainIdOf(token: string): Promise<string> {
  const response = await call('GET', '/v3/auth/domains', { 'X-Auth-Token': token });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { domains: { id: string }[] };
  return body.domains[0]?.id ?? '';
}

async function assumeRole(partnerToken: string, customerName: string): Promise<Response> {
  return call(
    'POST',
    '/v3/auth/tokens',
    { 'X-Auth-Token': partnerToken },
    {
      auth: {
        identity: {
          methods: ['assume_role'],
          assume_role: { domain_name: customerName, agency_name: demo.account.xaccount_type },
        },
      },
    },
  );
}

describe('customer authorization', () => {
  test('the partner asks, the customer approves in the portal, assume_role works until the customer revokes', async ({
    onTestFailed,
  }) => {
    const customerName = demo.server.customerLogin.account_name;
    const customerId = await domainIdOf(
      await passwordToken(customerName, demo.server.customerLogin.password),
    );
    const partnerToken = await passwordToken(demo.account.account_name, demo.account.password);
    const partner = await demo.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const customer = await demo.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const partnerPage = await partner.newPage();
    const portalPage = await customer.newPage();
    onTestFailed(async () => {
      for (const [page, name] of [
        [partnerPage, 'authorization-partner'],
        [portalPage, 'authorization-portal'],
      ] as const) {
        process.stderr.write(`screenshot: ${await saveScreenshot(page, name)}\n`);
      }
      process.stderr.write(`${demo.server.output().slice(-4000)}\n`);
    });

    // Before any request, assume_role is refused.
    const early = await assumeRole(partnerToken, customerName);
    expect(early.status).toBe(403);

    // 申请客户授权 from the detail header: the first request needs the commitment letter.
    await partnerLogIn(partnerPage, demo.server, demo.account);
    await partnerPage.goto(
      `${demo.server.baseUrl}/sales/customers/detail/${encodeURIComponent(customerId)}`,
    );
    await partnerPage.getByText('尚未申请客户授权').waitFor();
    await partnerPage.getByRole('button', { name: '申请客户授权' }).click();
    const dialog = partnerPage.getByRole('dialog').filter({ hasText: customerName });
    await dialog.getByText('授权承诺函').first().waitFor();
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.getByText('首次申请客户授权须同意授权承诺函').waitFor();
    await dialog.locator('.ant-checkbox-input').check();
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Each state check waits for the page to show it (the panel reloads after the request).
    await partnerPage.locator('.ant-card', { hasText: '待客户确认' }).waitFor();

    // The list's 更多 menu knows the request is already open.
    await partnerPage.goto(
      `${demo.server.baseUrl}/sales/customers/management?keyword=${encodeURIComponent(customerName)}`,
    );
    const row = partnerPage.locator('.ant-table-row', { hasText: customerName });
    await row.waitFor();
    await row.getByText('更多', { exact: true }).hover();
    await partnerPage.getByRole('menuitem', { name: '申请客户授权' }).click();
    const again = partnerPage.getByRole('dialog').filter({ hasText: customerName });
    await again.getByText('已有一个状态为「待客户确认」的授权申请').waitFor();
    expect(await again.getByRole('button', { name: '提交申请' }).isDisabled()).toBe(true);
    await again.getByRole('button', { name: '取 消' }).click();

    // The customer approves in the portal, confirming with the partner's name.
    await portalLogIn(portalPage, demo.server);
    await portalPage.locator('.ant-layout-sider').getByText('客户授权', { exact: true }).click();
    await portalPage.waitForURL(/\/portal\/authorizations/);
    const request = portalPage.locator('.ant-table-row', { hasText: 'A公司' });
    await portalPage.locator('.ant-table-row', { hasText: '待客户确认' }).waitFor();
    await request.getByText('同意', { exact: true }).click();
    const approve = portalPage.locator('.ant-modal-confirm');
    expect(await approve.textContent()).toContain('A公司');
    await approve.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await portalPage.locator('.ant-table-row', { hasText: '已授权' }).waitFor();

    // The partner's token becomes the customer's.
    const assumed = await assumeRole(partnerToken, customerName);
    expect(assumed.status).toBe(201);
    const customerToken = assumed.headers.get('x-subject-token') ?? '';
    expect(await domainIdOf(customerToken)).toBe(customerId);

    // The customer revokes; the assumed token stops at once.
    await request.getByText('撤销授权', { exact: true }).click();
    const revoke = portalPage.locator('.ant-modal-confirm');
    expect(await revoke.textContent()).toContain('A公司');
    await revoke.locator('.ant-btn-dangerous').click();
    await portalPage.locator('.ant-table-row', { hasText: '未授权（已撤销）' }).waitFor();
    const after = await call('GET', '/v3/auth/domains', { 'X-Auth-Token': customerToken });
    expect(after.status).toBe(401);

    await partnerPage.goto(
      `${demo.server.baseUrl}/sales/customers/detail/${encodeURIComponent(customerId)}`,
    );
    await partnerPage.locator('.ant-card', { hasText: '未授权（已撤销）' }).waitFor();

    await partner.close();
    await customer.close();
  });
});

import { describe, expect, test } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { partnerLogIn, portalLogIn, useDemoConsole } from './support/demo-console.ts';

const demo = useDemoConsole('solution_provider');

/** The demo customer's id, from its own IAM token. */
async function customerIdOf(name: string, password: string): Promise<string> {
  const tokens = await fetch(`${demo.server.baseUrl}/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name, password, domain: { name } } },
        },
      },
    }),
  });
  expect(tokens.status).toBe(201);
  const domains = await fetch(`${demo.server.baseUrl}/v3/auth/domains`, {
    headers: { 'X-Auth-Token': tokens.headers.get('x-subject-token') ?? '' },
  });
  const body = (await domains.json()) as { domains: { id: string }[] };
  return body.domains[0]?.id ?? '';
}

describe('association lifecycle', () => {
  test('the partner rejects the seeded application, requests a type switch, and the customer agrees in the portal', async ({
    onTestFailed,
  }) => {
    const customerName = demo.server.customerLogin.account_name;
    const customerId = await customerIdOf(customerName, demo.server.customerLogin.password);
    const partner = await demo.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const customer = await demo.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const partnerPage = await partner.newPage();
    const portalPage = await customer.newPage();
    onTestFailed(async () => {
      for (const [page, name] of [
        [partnerPage, 'association-partner'],
        [portalPage, 'association-portal'],
      ] as const) {
        process.stderr.write(`screenshot: ${await saveScreenshot(page, name)}\n`);
      }
      process.stderr.write(`${demo.server.output().slice(-4000)}\n`);
    });

    // 管理关联记录: the demo customer's application waits for the partner; reject it with a reason.
    await partnerLogIn(partnerPage, demo.server, demo.account);
    await partnerPage.goto(`${demo.server.baseUrl}/sales/customers/management`);
    await partnerPage.getByRole('link', { name: '管理关联记录' }).click();
    await partnerPage.waitForURL(/\/sales\/customers\/association-records/);
    const waiting = partnerPage.locator('.ant-table-row', { hasText: '待伙伴处理' });
    await waiting.waitFor();
    await waiting.getByText('驳回', { exact: true }).click();
    const reject = partnerPage.locator('.ant-modal-confirm');
    await reject.locator('textarea').fill('合同期内，暂不解除');
    await reject.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await partnerPage.locator('.ant-table-row', { hasText: '驳回申请' }).waitFor();
    expect(await partnerPage.locator('.ant-table-row', { hasText: '待伙伴处理' }).count()).toBe(0);

    // 切换关联类型 from the detail page: the account check passes, reason and acknowledgement.
    await partnerPage.goto(
      `${demo.server.baseUrl}/sales/customers/detail/${encodeURIComponent(customerId)}`,
    );
    const panel = partnerPage.locator('.ant-card', { hasText: '关联关系管理' });
    await panel.getByText('当前没有待处理的关联关系申请').waitFor();
    await panel.getByRole('button', { name: '切换关联类型' }).click();
    const dialog = partnerPage.getByRole('dialog').filter({ hasText: customerName });
    await dialog.getByText('账号检查通过').waitFor();
    await dialog.locator('textarea').fill('客户希望由伙伴统一付款');
    await dialog.locator('.ant-checkbox-input').check();
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await panel.getByText('待客户处理').waitFor();

    // The customer agrees in 我的合作伙伴; the type changes from referral to resale.
    await portalLogIn(portalPage, demo.server);
    await portalPage
      .locator('.ant-layout-sider')
      .getByText('我的合作伙伴', { exact: true })
      .click();
    await portalPage.waitForURL(/\/portal\/partner$/);
    const pending = portalPage.locator('.ant-alert', { hasText: '待您处理的申请' });
    await pending.getByText('客户希望由伙伴统一付款', { exact: false }).waitFor();
    await pending.getByRole('button', { name: '同 意' }).click();
    const approve = portalPage.locator('.ant-modal-confirm');
    expect(await approve.textContent()).toContain('A公司');
    await approve.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await portalPage.locator('.ant-table-row', { hasText: '已同意' }).waitFor();
    await portalPage.locator('.ant-descriptions', { hasText: '代售' }).waitFor();

    await partnerPage.reload();
    await panel.getByText('当前没有待处理的关联关系申请').waitFor();
    await partnerPage.locator('.ant-tabs-tabpane', { hasText: '切换关联类型' }).waitFor();

    await partner.close();
    await customer.close();
  });
});

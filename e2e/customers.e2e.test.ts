import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { partnerLogIn, partnerToken, useDemoConsole } from './support/demo-console.ts';

const demo = useDemoConsole('solution_provider');

async function openApi(token: string, url: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${demo.server.baseUrl}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Auth-Token': token },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** The "SMS" code: this installation mails text messages to `<mobile>@sms.huoban.localhost`. */
async function smsCodeFor(mobile: string): Promise<string> {
  const outbox = path.join(demo.server.dataDir, 'outbox');
  const names = (await readdir(outbox)).filter((name) => name.endsWith('.eml')).sort();
  for (const name of names.reverse()) {
    const message = await readFile(path.join(outbox, name), 'utf8');
    if (!message.includes(mobile)) continue;
    const code = /verification code: (\d{6})/.exec(message)?.[1];
    if (code) return code;
  }
  throw new Error(`no code for ${mobile} in ${outbox}`);
}

/** Two customers through the open API: one with a verified mobile, one without. */
async function createCustomers(): Promise<void> {
  const token = await partnerToken(demo.server, demo.account);
  const mobile = '13800000123';
  await openApi(token, '/v2/bases/verificationcode/send', {
    receiver_type: 1,
    mobile_phone: mobile,
    lang: 'en-us',
  });
  const code = await smsCodeFor(mobile);
  await openApi(token, '/v2/partners/sub-customers', {
    domain_name: 'e2e_cust_one',
    mobile_phone: mobile,
    verification_code: code,
    xaccount_id: 'e2e-x-1',
    xaccount_type: demo.account.xaccount_type,
  });
  await openApi(token, '/v2/partners/sub-customers', {
    domain_name: 'e2e_cust_two',
    xaccount_id: 'e2e-x-2',
    xaccount_type: demo.account.xaccount_type,
  });
}

describe('customers', () => {
  test('the owner reveals a mobile, assigns and unassigns account managers, exports, and reads the history', async ({
    onTestFailed,
  }) => {
    await createCustomers();
    const context = await demo.browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    onTestFailed(async () => {
      const file = await saveScreenshot(page, 'customers-journey');
      process.stderr.write(`screenshot: ${file}\n${demo.server.output().slice(-4000)}\n`);
    });

    await partnerLogIn(page, demo.server, demo.account);
    await page.locator('.ant-layout-sider').getByText('销售', { exact: true }).click();
    await page.locator('.ant-layout-sider').getByText('客户', { exact: true }).click();
    await page.locator('.ant-layout-sider').getByText('客户管理', { exact: true }).click();
    await page.waitForURL(/\/sales\/customers\/management/);
    const one = page.locator('.ant-table-row', { hasText: 'e2e_cust_one' });
    const two = page.locator('.ant-table-row', { hasText: 'e2e_cust_two' });
    await one.waitFor();
    await two.waitFor();

    // X1: the mobile arrives masked; the eye shows it whole.
    expect(await one.textContent()).not.toContain('13800000123');
    await one.getByRole('button', { name: '显示完整信息' }).first().click();
    await expect.poll(() => one.textContent()).toContain('13800000123');

    // Both to 客户经理主管 甲 through the batch bar.
    await one.locator('.ant-checkbox-input').check();
    await two.locator('.ant-checkbox-input').check();
    await page.getByRole('button', { name: '批量分配客户经理' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '分配客户经理' });
    await dialog.locator('#member_id').click();
    await page.locator('.ant-select-item-option', { hasText: 'supervisor_a' }).click();
    await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => one.textContent()).toContain('supervisor_a');
    await expect.poll(() => two.textContent()).toContain('supervisor_a');

    // 取消分配 names the customer before it takes it back.
    await two.getByText('取消分配', { exact: true }).click();
    const confirm = page.locator('.ant-modal-confirm');
    expect(await confirm.textContent()).toContain('e2e_cust_two');
    await confirm.locator('.ant-btn-dangerous').click();
    await expect.poll(() => two.textContent()).not.toContain('supervisor_a');

    // The server builds the export of the current filters, contacts masked.
    await page.getByRole('button', { name: '导出' }).hover();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: '导出 CSV' }).click();
    const file = await (await download).path();
    const csv = await readFile(file, 'utf8');
    expect(csv).toContain('e2e_cust_one');
    expect(csv).not.toContain('13800000123');

    // 客户分配 opens on the unassigned customers only.
    await page.goto(`${demo.server.baseUrl}/sales/customers/assignment`);
    await page.locator('.ant-table-row', { hasText: 'e2e_cust_two' }).waitFor();
    expect(await page.locator('.ant-table-row', { hasText: 'e2e_cust_one' }).count()).toBe(0);

    // The detail page keeps the account-manager history.
    await page.goto(`${demo.server.baseUrl}/sales/customers/management`);
    await one.getByRole('link', { name: 'e2e_cust_one' }).click();
    await page.waitForURL(/\/sales\/customers\/detail\//);
    await page.getByRole('tab', { name: '客户经理变更记录' }).click();
    await page
      .locator('.ant-tabs-tabpane-active .ant-table-row', { hasText: 'supervisor_a' })
      .waitFor();

    await context.close();
  });
});

import { verify, X509Certificate } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { partnerLogIn, partnerToken, useDemoConsole } from './support/demo-console.ts';

const demo = useDemoConsole('solution_provider');
let receiver: Server;
/** The form bodies the partner's callback receiver got, in arrival order. */
const received: URLSearchParams[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(new URLSearchParams(body));
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
});

/** The acceptance-page code mailed to `email` (the outbox keeps each mail as an `.eml` file). */
async function codeMailedTo(email: string): Promise<string> {
  const outbox = path.join(demo.server.dataDir, 'outbox');
  const names = (await readdir(outbox)).filter((name) => name.endsWith('.eml')).sort();
  for (const name of names.reverse()) {
    const message = await readFile(path.join(outbox, name), 'utf8');
    if (!message.includes(email)) continue;
    const code = /verification code: (\d{6})/.exec(message)?.[1];
    if (code) return code;
  }
  throw new Error(`no code mailed to ${email} in ${outbox}`);
}

async function openPage(name: string, onTestFailed: (fn: () => Promise<void>) => void) {
  const context = await demo.browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  onTestFailed(async () => {
    const file = await saveScreenshot(page, name);
    process.stderr.write(`screenshot: ${file}\n${demo.server.output().slice(-4000)}\n`);
  });
  return { context, page };
}

describe('customer invitation', () => {
  test('a new customer registers through the admin link, is assigned, and only its manager sees it', async ({
    onTestFailed,
  }) => {
    // The partner's callback receiver, configured as 通知结果绑定地址 (P-70).
    const token = await partnerToken(demo.server, demo.account);
    const { port } = receiver.address() as AddressInfo;
    const configured = await fetch(`${demo.server.baseUrl}/console/api/partner/binding-callback`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'X-Auth-Token': token },
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/bind` }),
    });
    expect(configured.status).toBe(200);

    // The admin generates the standing reseller link under 销售 > 拓新 > 客户拓展 > 线下拓展.
    const admin = await openPage('invitation-admin', onTestFailed);
    await partnerLogIn(admin.page, demo.server, demo.account);
    const sider = admin.page.locator('.ant-layout-sider');
    await sider.getByText('销售', { exact: true }).click();
    await sider.getByText('拓新', { exact: true }).click();
    await sider.getByText('客户拓展', { exact: true }).click();
    await admin.page.waitForURL(/\/sales\/development\/customers/);
    await admin.page.getByRole('tab', { name: '线下拓展' }).click();
    await admin.page.getByRole('button', { name: '生成链接' }).first().click();
    const linkText = admin.page.getByTestId('invitation-link-2');
    await linkText.waitFor();
    const link = (await linkText.textContent())?.trim() ?? '';
    expect(link).toMatch(/\/invite\/[\w-]+$/);
    // The QR code is a real image the console shows.
    await expect
      .poll(() =>
        admin.page
          .locator('img[alt="QR code"]')
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(100);

    // A newcomer opens the link, accepts the notice and registers with the mailed code.
    const customer = await openPage('invitation-customer', onTestFailed);
    const accountName = `e2einv${Date.now().toString(36)}`;
    const email = `${accountName}@example.com`;
    await customer.page.goto(link);
    await customer.page.getByTestId('invitation-partner').waitFor();
    expect(await customer.page.getByTestId('invitation-partner').textContent()).toContain('代售');
    await customer.page.getByText('我已阅读并同意《客户关联华为云合作伙伴须知》').click();
    await customer.page.locator('#account_name').fill(accountName);
    await customer.page.locator('#password').fill('Invite-pass-2026');
    await customer.page.locator('#email').fill(email);
    await customer.page.getByRole('button', { name: '获取验证码' }).click();
    await customer.page.getByText(`验证码已发送至 ${email}`).waitFor();
    await customer.page.locator('#verification_code').fill(await codeMailedTo(email));
    await customer.page.getByRole('button', { name: '注册并关联' }).click();
    await customer.page.getByText('关联成功').first().waitFor();
    await customer.context.close();

    // The partner's receiver gets a bindAction "0" signed with the installation's certificate.
    await expect.poll(() => received.length, { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
    const form = received[0];
    const bindRequest = form?.get('bindRequest') ?? '';
    const metadata = await (await fetch(`${demo.server.baseUrl}/sp/metadata.xml`)).text();
    const certificate = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(metadata)?.[1];
    expect(certificate).toBeTruthy();
    const cert = new X509Certificate(
      Buffer.from((certificate ?? '').replace(/\s+/g, ''), 'base64'),
    );
    expect(
      verify(
        'sha256',
        Buffer.from(bindRequest),
        cert.publicKey,
        Buffer.from(form?.get('Signature') ?? '', 'base64'),
      ),
    ).toBe(true);
    expect(JSON.parse(Buffer.from(bindRequest, 'base64').toString('utf8'))).toMatchObject({
      domainName: accountName,
      bindAction: '0',
    });

    // The customer is in the partner's list, unassigned, and the admin gives it to am_a1.
    await admin.page.goto(
      `${demo.server.baseUrl}/sales/customers/management?keyword=${encodeURIComponent(accountName)}`,
    );
    const row = admin.page.locator('.ant-table-row', { hasText: accountName });
    await row.waitFor();
    await row.getByText('分配客户经理', { exact: true }).click();
    const dialog = admin.page.getByRole('dialog').filter({ hasText: '分配客户经理' });
    await dialog.locator('#member_id').click();
    await admin.page.locator('.ant-select-item-option', { hasText: 'am_a1' }).click();
    await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.textContent()).toContain('am_a1');
    // 历史记录 lists the association.
    await admin.page.goto(`${demo.server.baseUrl}/sales/development/customers?tab=history`);
    await admin.page.locator('.ant-table-row', { hasText: accountName }).waitFor();
    await admin.context.close();

    // am_a1 sees the customer; am_b1 does not.
    const manager = await openPage('invitation-manager', onTestFailed);
    await partnerLogIn(manager.page, demo.server, demo.account, 'am_a1');
    await manager.page.goto(
      `${demo.server.baseUrl}/sales/customers/management?keyword=${encodeURIComponent(accountName)}`,
    );
    await manager.page.locator('.ant-table-row', { hasText: accountName }).waitFor();
    await manager.context.close();

    const other = await openPage('invitation-other-manager', onTestFailed);
    await partnerLogIn(other.page, demo.server, demo.account, 'am_b1');
    await other.page.goto(
      `${demo.server.baseUrl}/sales/customers/management?keyword=${encodeURIComponent(accountName)}`,
    );
    await other.page.locator('.ant-pro-table .ant-empty').waitFor();
    expect(await other.page.locator('.ant-table-row', { hasText: accountName }).count()).toBe(0);
    await other.context.close();
  });
});

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { partnerLogIn, useDemoConsole } from './support/demo-console.ts';

const demo = useDemoConsole('solution_provider');

const FUNDED_CUSTOMER = 'bj_edu_cloud';

/** The subject of a mail file: its folded lines joined and its MIME encoded words decoded. */
function subjectOf(message: string): string {
  const head = message.slice(0, message.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const line = /^Subject: (.*)$/im.exec(head)?.[1] ?? '';
  // Adjacent encoded words may split one character's bytes: decode them to bytes, then to text.
  const bytes: Buffer[] = [];
  line.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*|([^=]+|=)/gi, (_, kind, text, plain) => {
    if (plain !== undefined) bytes.push(Buffer.from(String(plain)));
    else if (String(kind).toUpperCase() === 'B') bytes.push(Buffer.from(String(text), 'base64'));
    else
      bytes.push(
        Buffer.from(
          String(text)
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_m, hex) =>
              String.fromCharCode(parseInt(String(hex), 16)),
            ),
          'latin1',
        ),
      );
    return '';
  });
  return Buffer.concat(bytes).toString('utf8');
}

/** The newest operation code in the server's outbox (each mail is an `.eml` file). */
async function newestOperationCode(): Promise<string> {
  const outbox = path.join(demo.server.dataDir, 'outbox');
  const names = (await readdir(outbox)).filter((name) => name.endsWith('.eml')).sort();
  for (const name of names.reverse()) {
    const subject = subjectOf(await readFile(path.join(outbox, name), 'utf8'));
    const code = /Huoban verification code: (\d{6})/.exec(subject)?.[1];
    if (code) return code;
  }
  throw new Error(`no operation code in ${outbox}`);
}

describe('验证码验证', () => {
  test('the main account switches it on; 拨款 then asks for the mailed code', async ({
    onTestFailed,
  }) => {
    const context = await demo.browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    onTestFailed(async () => {
      const file = await saveScreenshot(page, 'verification-code');
      process.stderr.write(`screenshot: ${file}\n${demo.server.output().slice(-4000)}\n`);
    });
    await partnerLogIn(page, demo.server, demo.account);

    await page.goto(`${demo.server.baseUrl}/partner/basic-info`);
    const toggle = page.getByRole('switch', { name: '验证码验证' });
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');

    await page.goto(`${demo.server.baseUrl}/sales/customers/management?keyword=${FUNDED_CUSTOMER}`);
    const row = page.locator('.ant-table-row', { hasText: FUNDED_CUSTOMER });
    await row.waitFor();
    await row.getByText('拨款', { exact: true }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '从本企业充值账户拨款' });
    await dialog.getByLabel(`金额（元） ${FUNDED_CUSTOMER}`).fill('1.00');
    const code = dialog.getByLabel('验证码', { exact: true });
    await code.waitFor();
    // Without the code the form does not submit.
    await dialog.getByRole('button', { name: '确认拨款' }).click();
    await expect.poll(() => dialog.textContent()).toContain('请输入 6 位验证码');

    await dialog.getByRole('button', { name: '获取验证码' }).click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('验证码已发送至');
    await code.fill(await newestOperationCode());
    await dialog.getByRole('button', { name: '确认拨款' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await expect.poll(() => confirm.textContent()).toContain(FUNDED_CUSTOMER);
    await confirm.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await dialog.waitFor({ state: 'hidden' });

    await page.goto(`${demo.server.baseUrl}/sales/finance/adjust-records`);
    const record = page.locator('.ant-table-row', { hasText: '1.00' });
    await record.first().waitFor();
    expect(await record.first().textContent()).toContain('拨款');
    await context.close();
  });
});

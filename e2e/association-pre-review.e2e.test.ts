import { describe, expect, test } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { partnerLogIn, useDemoConsole } from './support/demo-console.ts';

const demo = useDemoConsole('operator');

describe('disassociation pre-review (R-DIS-06)', () => {
  test('the operator turns the pre-review on with a contact and sees the empty queues', async ({
    onTestFailed,
  }) => {
    const context = await demo.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    onTestFailed(async () => {
      process.stderr.write(`screenshot: ${await saveScreenshot(page, 'pre-review')}\n`);
      process.stderr.write(`${demo.server.output().slice(-4000)}\n`);
    });

    await partnerLogIn(page, demo.server, demo.account);
    await page.locator('.ant-layout-sider').getByText('解除关联预审', { exact: true }).click();
    await page.waitForURL(/\/operator\/association-reviews$/);

    // Turning it on without a contact is refused in the form; with one it is saved.
    const setting = page.locator('.ant-card', { hasText: '预审设置' });
    await setting.getByRole('switch').click();
    await setting.locator('button.ant-btn-primary').click();
    await setting.getByText('开启预审时请填写联系方式').waitFor();
    await setting.locator('#reviewer_contact').fill('review@huoban.example');
    const saved = page.waitForResponse(
      (response) =>
        response.url().endsWith('/console/api/operator/disassociation-pre-review') &&
        response.request().method() === 'PUT',
    );
    await setting.locator('button.ant-btn-primary').click();
    const answer = await saved;
    expect(answer.status(), await answer.text()).toBe(200);
    await page.getByText('预审设置已保存').waitFor();

    await page.getByText('没有待预审的解除关联申请').waitFor();
    await page.getByRole('tab', { name: '已预审' }).click();
    await page.getByText('还没有预审过的申请').waitFor();

    // The setting is the server's: a reload shows it on, with the contact.
    await page.reload();
    const reloaded = page.locator('.ant-card', { hasText: '预审设置' });
    await expect.poll(() => reloaded.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    expect(await reloaded.locator('#reviewer_contact').inputValue()).toBe('review@huoban.example');
    await context.close();
  });
});

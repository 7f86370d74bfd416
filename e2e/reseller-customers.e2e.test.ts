import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { partnerLogIn, useDemoConsole } from './support/demo-console.ts';

const demo = useDemoConsole('tier1_distributor');

describe('云经销商的客户', () => {
  test('the distributor reads its resellers’ customers, filters by reseller and exports', async ({
    onTestFailed,
  }) => {
    const context = await demo.browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    onTestFailed(async () => {
      const file = await saveScreenshot(page, 'reseller-customers');
      process.stderr.write(`screenshot: ${file}\n${demo.server.output().slice(-4000)}\n`);
    });

    await partnerLogIn(page, demo.server, demo.account);

    await page.goto(`${demo.server.baseUrl}/sales/customers/management`);
    await page.getByRole('tab', { name: '我的客户' }).waitFor();
    // The resellers' customers are not the distributor's own.
    await page.locator('.ant-table').first().waitFor();
    expect(await page.locator('.ant-table-row', { hasText: 'r1_bakery_chain' }).count()).toBe(0);

    await page.getByRole('tab', { name: '云经销商的客户' }).click();
    await page.waitForURL(/tab=resellers/);
    const bakery = page.locator('.ant-table-row', { hasText: 'r1_bakery_chain' });
    const clinic = page.locator('.ant-table-row', { hasText: 'r2_pet_clinic' });
    await bakery.waitFor();
    await clinic.waitFor();
    expect(await bakery.textContent()).toContain('云经销商一 (Reseller One)');
    expect(await clinic.textContent()).toContain('云经销商二 (Reseller Two)');

    // 云经销商名称 narrows the list to one reseller.
    await page.locator('#reseller_id').click();
    await page.locator('.ant-select-item-option', { hasText: 'reseller_two' }).click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => bakery.count()).toBe(0);
    await clinic.waitFor();
    expect(page.url()).toContain('tab=resellers');

    // The server's export follows the filter, with the reseller beside each customer.
    await page.getByRole('button', { name: '导出' }).hover();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: '导出 CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    expect(csv).toContain('reseller_two');
    expect(csv).toContain('r2_pet_clinic');
    expect(csv).not.toContain('r1_bakery_chain');

    await context.close();
  });
});

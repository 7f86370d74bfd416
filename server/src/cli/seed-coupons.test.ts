import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, verifyLedger } from '../modules/accounts/index.ts';
import { couponOperations, couponQuotas, coupons } from '../modules/coupons/schema.ts';
import { openRuntime } from '../runtime.ts';
import { seedDemo, type DemoSeed } from './seed.ts';

type QuotaRow = typeof couponQuotas.$inferSelect;
type CouponRow = typeof coupons.$inferSelect;

/** The demo seed's coupons: real postings, a valid quota for A公司, issued and reclaimed coupons. */
describe('seed --demo coupons', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-seed-coupons-'));
  let seed: DemoSeed;
  let partnerIds: Record<string, string>;
  let quotas: (QuotaRow & { balance: string })[];
  let issued: CouponRow[];
  let operations: { partnerId: string; operationType: string; customerName: string }[];
  let differences: unknown[];

  beforeAll(async () => {
    const runtime = await openRuntime({ dataDir, databaseUrl: undefined });
    try {
      seed = await seedDemo(runtime);
      const db = runtime.database.db;
      partnerIds = Object.fromEntries(seed.accounts.map((a) => [a.type, a.domain_id]));
      quotas = [];
      for (const row of await db.select().from(couponQuotas)) {
        const balance = await balanceOf(db, {
          partnerId: row.partnerId,
          ownerType: 'partner',
          ownerId: row.partnerId,
          kind: 'coupon_quota',
          reference: row.id,
        });
        quotas.push({ ...row, balance: balance.toFixed(2) });
      }
      issued = await db.select().from(coupons);
      operations = await db.select().from(couponOperations);
      differences = (await verifyLedger(db)).differences;
    } finally {
      await runtime.close();
    }
  }, 180_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('grants A公司 a valid quota of at least 10,000.00 from the operator', () => {
    const company = quotas.find(
      (quota) => quota.partnerId === partnerIds.solution_provider && quota.parentQuotaId === null,
    );
    expect(company).toMatchObject({
      status: 'valid',
      quotaValue: '50000.00',
      grantorPartnerId: partnerIds.operator,
    });
    // 500.00 and 1,000.00 issued; the 300.00 coupon went back when it was reclaimed.
    expect(company?.balance).toBe('48500.00');
    expect(company && company.expireTime.getTime() > Date.now()).toBe(true);
  });

  it('issues coupons to A公司’s resale customers, the portal’s customer among them, one reclaimed', () => {
    const company = issued.filter((coupon) => coupon.partnerId === partnerIds.solution_provider);
    expect(company.map((coupon) => coupon.faceValue).sort()).toEqual([
      '1000.00',
      '300.00',
      '500.00',
    ]);
    expect(company.filter((coupon) => coupon.status === 'reclaimed')).toHaveLength(1);
    const portalCustomer = seed.customers.find((c) => c.account_name === 'bj_edu_cloud');
    expect(company.some((coupon) => coupon.customerId === portalCustomer?.customer_id)).toBe(true);
  });

  it('logs the issues and the reclaim, and the distributor’s quota moves', () => {
    const types = (partnerId: string | undefined) =>
      operations
        .filter((row) => row.partnerId === partnerId)
        .map((row) => row.operationType)
        .sort();
    expect(types(partnerIds.solution_provider)).toEqual(['1', '1', '1', '2']);
    expect(types(partnerIds.tier1_distributor)).toEqual(['10', '10', '11']);
    const resellerQuotas = quotas.filter((quota) => quota.parentQuotaId !== null);
    expect(resellerQuotas.map((quota) => quota.status).sort()).toEqual(['reclaimed', 'valid']);
  });

  it('leaves the ledger balanced', () => {
    expect(differences).toEqual([]);
  });
});

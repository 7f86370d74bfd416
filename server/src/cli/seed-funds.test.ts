import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { balanceOf, verifyLedger } from '../modules/accounts/index.ts';
import { ledgerTransactions } from '../modules/accounts/schema.ts';
import { Money } from '../platform/money/index.ts';
import { openRuntime } from '../runtime.ts';
import { ledgerCommand } from './ledger.ts';
import { seedDemo, type DemoSeed } from './seed.ts';

/** The demo seed's money: real postings, enough cash, non-empty records, a clean ledger. */
describe('seed --demo funds', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huoban-seed-funds-'));
  let seed: DemoSeed;
  let partnerIds: Record<string, string>;
  let kinds: string[];
  let cash: Record<string, string>;

  beforeAll(async () => {
    const runtime = await openRuntime({ dataDir, databaseUrl: undefined });
    try {
      seed = await seedDemo(runtime);
      const db = runtime.database.db;
      partnerIds = Object.fromEntries(seed.accounts.map((a) => [a.type, a.domain_id]));
      kinds = (await db.select({ kind: ledgerTransactions.kind }).from(ledgerTransactions)).map(
        (row) => row.kind,
      );
      cash = {};
      for (const [type, partnerId] of Object.entries(partnerIds)) {
        const key = { partnerId, ownerType: 'partner' as const, ownerId: partnerId };
        cash[type] = (await balanceOf(db, { ...key, kind: 'cash' })).toFixed(2);
      }
      const funded = seed.customers[2];
      expect(funded?.account_name).toBe('bj_edu_cloud');
      const company = partnerIds.solution_provider ?? '';
      cash.bj_edu_cloud = (
        await balanceOf(db, {
          partnerId: company,
          ownerType: 'customer',
          ownerId: funded?.customer_id ?? '',
          kind: 'cash',
        })
      ).toFixed(2);
      expect((await verifyLedger(db)).differences).toEqual([]);
    } finally {
      await runtime.close();
    }
  }, 180_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves A公司 and the distributor at least 100,000.00 cash', () => {
    expect(new Money(cash.solution_provider ?? '0').gte(100_000)).toBe(true);
    expect(new Money(cash.tier1_distributor ?? '0').gte(100_000)).toBe(true);
    // A公司: 200,000.00 − allocations 24,300.50 + reclaims 1,500.00.
    expect(cash.solution_provider).toBe('177199.50');
    // The distributor: 200,000.00 − 45,000.00 to its resellers + 5,000.00 back.
    expect(cash.tier1_distributor).toBe('160000.00');
  });

  it('records top-ups, allocations and reclaims, and funds the portal’s demo customer', () => {
    const count = (kind: string) => kinds.filter((candidate) => candidate === kind).length;
    expect(count('top_up')).toBe(2);
    expect(count('customer_allocate')).toBe(6);
    expect(count('customer_reclaim')).toBe(2);
    expect(count('reseller_allocate')).toBe(2);
    expect(count('reseller_reclaim')).toBe(1);
    expect(cash.bj_edu_cloud).toBe('3800.00');
  });

  it('passes `huoban ledger verify`', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      expect(await ledgerCommand(['verify', '--data-dir', dataDir])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('')).toContain(' 0 differences');
  });
});

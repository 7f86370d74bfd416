import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.ts';
import { openDatabase, type DatabaseHandle } from '../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../platform/http/context.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { Money } from '../../platform/money/index.ts';
import { migrateTestDatabase, withDatabase } from '../../../test/helpers/database.ts';
import { buildOrganisation, memberContext } from '../../../test/factories/org.ts';
import { buildCustomer } from '../../../test/factories/customers.ts';
import { verifyLedger } from '../accounts/index.ts';
import {
  grantQuota,
  issueCoupons,
  reclaimCoupon,
  type CouponIssueResult,
} from './service/index.ts';

/**
 * Quota locks and idempotency claims only matter with real concurrent transactions, which PGlite
 * (one connection) cannot produce: this file runs on PostgreSQL with a pool of 32 connections,
 * and is skipped without one.
 */
const adminUrl = process.env.HUOBAN_TEST_PG_URL;
if (!adminUrl) {
  process.stdout.write(
    'coupons concurrency tests skipped: set HUOBAN_TEST_PG_URL to run them on PostgreSQL\n',
  );
}

const PARALLEL = 64;
const NO_SCOPE = { cloudServiceTypes: [], productIds: [] };

describe.skipIf(!adminUrl)('concurrent coupon issues on PostgreSQL', () => {
  const name = `huoban_test_${randomBytes(6).toString('hex')}`;
  let database: DatabaseHandle;
  let operator: AuthenticatedContext;
  let sp: AuthenticatedContext;
  let spId: string;
  let customers: { id: string }[];

  beforeAll(async () => {
    const url = adminUrl ?? '';
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const template = inject('postgresTemplateDatabase');
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
    await admin.end();
    database = await openDatabase({ url: withDatabase(url, name), poolSize: 32 });
    await migrateTestDatabase(database);
    const db = database.db;
    const clock = new ManualClock('2026-03-10T02:00:00Z');
    operator = await memberContext(
      db,
      clock,
      (await buildOrganisation(db, { partnerType: 'operator' })).owner,
    );
    const spOrg = await buildOrganisation(db);
    spId = spOrg.partner.id;
    sp = await memberContext(db, clock, spOrg.owner);
    customers = await Promise.all(Array.from({ length: 8 }, () => buildCustomer(db, spId)));
  });

  afterAll(async () => {
    await database.close();
    const dropper = new pg.Client({ connectionString: adminUrl ?? '' });
    await dropper.connect();
    // Wait for the pool's sessions to leave before dropping (see the accounts concurrency test).
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const sessions = await dropper.query(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [name],
      );
      if ((sessions.rows[0] as { n: number }).n === 0) break;
    }
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  });

  async function grant(amount: string): Promise<string> {
    const now = operator.clock.now();
    return (
      await grantQuota(operator, {
        partnerId: spId,
        amount: new Money(amount),
        effectiveTime: now,
        expireTime: new Date('2027-01-01T00:00:00Z'),
        scope: NO_SCOPE,
        remark: '',
      })
    ).quotaId;
  }

  function issueOne(quotaId: string, index: number, key?: string): Promise<CouponIssueResult> {
    return issueCoupons(
      sp,
      {
        quotaId,
        customerIds: [customers[index % customers.length]?.id ?? ''],
        faceValue: new Money('20.00'),
        minimumOrderAmount: new Money(0),
        scope: NO_SCOPE,
        memo: '',
      },
      key,
    );
  }

  async function quotaBalance(quotaId: string): Promise<string> {
    const result: unknown = await database.db.execute(
      // The ledger's tables belong to the accounts module; a plain query reads them here.
      sql`select balance from ledger_accounts where kind = 'coupon_quota' and reference = ${quotaId}`,
    );
    return (result as { rows: { balance: string }[] }).rows[0]?.balance ?? '';
  }

  it(`${String(PARALLEL)} parallel issues never take more than the quota holds`, async () => {
    const quotaId = await grant('1000.00');
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) => issueOne(quotaId, index)),
    );
    const issued = results.flatMap((result) => result.couponInfos);
    const refused = results.flatMap((result) => result.errorDetails);
    expect(issued).toHaveLength(50);
    expect(refused).toHaveLength(PARALLEL - 50);
    expect(refused.every((error) => error.errorCode === 'CBC.99005003')).toBe(true);
    expect(await quotaBalance(quotaId)).toBe('0.00');

    // Parallel reclaims of the same coupons: each is reclaimed exactly once.
    const targets = issued.slice(0, 16).map((info) => info.couponId);
    const reclaims = await Promise.allSettled(
      [...targets, ...targets].map((couponId) => reclaimCoupon(sp, { couponId })),
    );
    for (const reclaim of reclaims) {
      if (reclaim.status === 'rejected' && !(reclaim.reason instanceof ApiError)) {
        throw reclaim.reason;
      }
    }
    expect(reclaims.filter((reclaim) => reclaim.status === 'fulfilled')).toHaveLength(16);
    expect(await quotaBalance(quotaId)).toBe('320.00');
    expect((await verifyLedger(database.db)).differences).toEqual([]);
  });

  it('parallel repeats of one Idempotency-Key issue one coupon', async () => {
    const quotaId = await grant('100.00');
    const results = await Promise.all(
      Array.from({ length: 16 }, () => issueOne(quotaId, 0, 'h8-same-key')),
    );
    const ids = new Set(results.flatMap((result) => result.couponInfos.map((i) => i.couponId)));
    expect(ids.size).toBe(1);
    expect(await quotaBalance(quotaId)).toBe('80.00');
    expect((await verifyLedger(database.db)).differences).toEqual([]);
  });
});

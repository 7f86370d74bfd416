import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../../platform/clock/index.ts';
import { openDatabase, type DatabaseHandle } from '../../platform/db/index.ts';
import type { AuthenticatedContext } from '../../platform/http/context.ts';
import { ApiError, Errors } from '../../platform/http/errors.ts';
import { Money } from '../../platform/money/index.ts';
import { migrateTestDatabase, withDatabase } from '../../../test/helpers/database.ts';
import { buildOrganisation, memberContext } from '../../../test/factories/org.ts';
import { buildCustomer } from '../../../test/factories/customers.ts';
import {
  allocateToCustomer,
  allocateToReseller,
  balanceOf,
  moveCustomerFundsInBatch,
  reclaimFromCustomer,
  reclaimFromReseller,
  recordTopUp,
} from './service/index.ts';
import { verifyLedger } from './index.ts';
import { ledgerTransactions } from './schema.ts';

/**
 * Row locks, lock order and idempotency claims only matter with real concurrent transactions,
 * which PGlite (one connection) cannot produce: this file runs on PostgreSQL with a pool of 32
 * connections, and is skipped without one.
 */
const adminUrl = process.env.HUOBAN_TEST_PG_URL;
if (!adminUrl) {
  process.stdout.write(
    'accounts concurrency tests skipped: set HUOBAN_TEST_PG_URL to run them on PostgreSQL\n',
  );
}

const PARALLEL = 64;

describe.skipIf(!adminUrl)('concurrent money moves on PostgreSQL', () => {
  const name = `huoban_test_${randomBytes(6).toString('hex')}`;
  let database: DatabaseHandle;
  let operator: AuthenticatedContext;
  let sp: AuthenticatedContext;
  let distributor: AuthenticatedContext;
  let spId: string;
  let distributorId: string;
  let resellerId: string;
  let customers: { id: string; partnerId: string }[];

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
    const dist = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
    distributorId = dist.partner.id;
    distributor = await memberContext(db, clock, dist.owner);
    resellerId = (
      await buildOrganisation(db, { partnerType: 'reseller', parentPartnerId: distributorId })
    ).partner.id;
    customers = await Promise.all(Array.from({ length: 8 }, () => buildCustomer(db, spId)));
  });

  afterAll(async () => {
    await database.close();
    const dropper = new pg.Client({ connectionString: adminUrl ?? '' });
    await dropper.connect();
    // pool.end() can resolve before the server has seen every session go; a forced drop would
    // then kill a closing session, which surfaces as an unhandled 57P01. Wait for them to leave.
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

  async function settle<T>(moves: (() => Promise<T>)[]): Promise<{ ok: T[]; refused: ApiError[] }> {
    const results = await Promise.allSettled(moves.map((move) => move()));
    const ok: T[] = [];
    const refused: ApiError[] = [];
    for (const result of results) {
      if (result.status === 'fulfilled') ok.push(result.value);
      // Anything but a business refusal (a deadlock, a serialisation failure) fails the test.
      else if (result.reason instanceof ApiError) refused.push(result.reason);
      else throw result.reason;
    }
    return { ok, refused };
  }

  it(`${String(PARALLEL)} parallel transfers never spend more than the partner balance`, async () => {
    await recordTopUp(operator, { partnerId: spId, amount: new Money('1000.00'), memo: '' });
    const { ok, refused } = await settle(
      Array.from(
        { length: PARALLEL },
        (_, index) => () =>
          allocateToCustomer(sp, {
            customerId: customers[index % customers.length]?.id ?? '',
            amount: new Money('20.00'),
          }),
      ),
    );
    expect(ok).toHaveLength(50);
    expect(refused).toHaveLength(PARALLEL - 50);
    expect(refused.every((error) => error.definition === Errors.INSUFFICIENT_BALANCE)).toBe(true);
    expect(
      (
        await balanceOf(database.db, {
          partnerId: spId,
          ownerType: 'partner',
          ownerId: spId,
          kind: 'cash',
        })
      ).toFixed(2),
    ).toBe('0.00');
    let total = new Money(0);
    for (const customer of customers) {
      total = total.plus(
        await balanceOf(database.db, {
          partnerId: spId,
          ownerType: 'customer',
          ownerId: customer.id,
          kind: 'cash',
        }),
      );
    }
    expect(total.toFixed(2)).toBe('1000.00');
    expect((await verifyLedger(database.db)).differences).toEqual([]);
  });

  it('mixed moves over shared accounts neither deadlock nor lose a fen', async () => {
    await recordTopUp(operator, { partnerId: spId, amount: new Money('500.00'), memo: '' });
    await recordTopUp(operator, {
      partnerId: distributorId,
      amount: new Money('500.00'),
      memo: '',
    });
    const moves = Array.from({ length: PARALLEL }, (_, index) => {
      const customer = customers[index % customers.length] ?? { id: '' };
      const amount = new Money(((index % 7) + 1) * 3).plus('0.33');
      switch (index % 5) {
        case 0:
          return () => allocateToCustomer(sp, { customerId: customer.id, amount });
        case 1:
          return () => reclaimFromCustomer(sp, { customerId: customer.id, amount });
        case 2:
          return () => allocateToReseller(distributor, { indirectPartnerId: resellerId, amount });
        case 3:
          return () => reclaimFromReseller(distributor, { indirectPartnerId: resellerId, amount });
        default:
          return () => recordTopUp(operator, { partnerId: spId, amount, memo: '' });
      }
    });
    const { ok, refused } = await settle(moves);
    expect(ok.length + refused.length).toBe(PARALLEL);
    expect(refused.every((error) => error.definition === Errors.INSUFFICIENT_BALANCE)).toBe(true);
    const verification = await verifyLedger(database.db);
    expect(verification.differences).toEqual([]);
  });

  it('batches and single moves to customers never funded before do not deadlock', async () => {
    await recordTopUp(operator, { partnerId: spId, amount: new Money('1000.00'), memo: '' });
    const fresh = await Promise.all(
      Array.from({ length: 8 }, () => buildCustomer(database.db, spId)),
    );
    const moves = Array.from({ length: PARALLEL }, (_, index): (() => Promise<unknown>) => {
      const rotated = [...fresh.slice(index % 8), ...fresh.slice(0, index % 8)].slice(0, 4);
      return index % 2 === 0
        ? () =>
            moveCustomerFundsInBatch(
              sp,
              {
                items: rotated.map((customer) => ({
                  customerId: customer.id,
                  amount: new Money('1.00'),
                })),
              },
              'allocate',
            )
        : () =>
            allocateToCustomer(sp, {
              customerId: fresh[(index * 3) % 8]?.id ?? '',
              amount: new Money('1.00'),
            });
    });
    const { ok, refused } = await settle(moves);
    expect(ok).toHaveLength(PARALLEL);
    expect(refused).toEqual([]);
    expect((await verifyLedger(database.db)).differences).toEqual([]);
  });

  it('repeated Idempotency-Keys in parallel move money once per key', async () => {
    await recordTopUp(operator, { partnerId: spId, amount: new Money('100.00'), memo: '' });
    const before = (
      await database.db.select({ id: ledgerTransactions.id }).from(ledgerTransactions)
    ).length;
    const keys = Array.from({ length: 8 }, (_, index) => `parallel-${name}-${String(index)}`);
    const { ok, refused } = await settle(
      Array.from(
        { length: PARALLEL },
        (_, index) => () =>
          allocateToCustomer(
            sp,
            { customerId: customers[0]?.id ?? '', amount: new Money('1.00') },
            keys[index % keys.length],
          ),
      ),
    );
    expect(refused).toEqual([]);
    expect(new Set(ok.map((result) => result.transactionId)).size).toBe(keys.length);
    const after = await database.db.select({ id: ledgerTransactions.id }).from(ledgerTransactions);
    expect(after.length - before).toBe(keys.length);
    for (const result of ok) {
      const [row] = await database.db
        .select({ key: ledgerTransactions.idempotencyKey })
        .from(ledgerTransactions)
        .where(eq(ledgerTransactions.id, result.transactionId));
      expect(keys).toContain(row?.key);
    }
    expect((await verifyLedger(database.db)).differences).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import { buildOrganisation, memberRef } from '../../../test/factories/org.ts';
import {
  buildLoginCustomer,
  loginCustomer,
  type CustomerRow,
  type PortalSession,
} from '../../../test/factories/customers.ts';

let t: TestApp;
let db: Db;
let spKey: AkSk;
let resale: CustomerRow;
let referral: CustomerRow;
let resaleSession: PortalSession;
let referralSession: PortalSession;
let outsiderSession: PortalSession;

const BALANCE = '/console/api/portal/balance';
const RECORDS = '/console/api/portal/balance/change-records?balance_type=BALANCE_TYPE_DEBIT';

interface RecordsBody {
  total_count: number;
  records: {
    trade_id: string;
    change_amount: string;
    balance_after_change: string;
    revenue_expense_type: string;
  }[];
}

function get(session: PortalSession | null, url: string) {
  return t.app.inject({ method: 'GET', url, headers: session?.headers ?? {} });
}

function move(kind: 'adjust-amount' | 'reclaim', customerId: string, amount: string) {
  return signedRequest(t.app, spKey, {
    method: 'POST',
    url: `/v2/accounts/partner-accounts/${kind}`,
    payload: { customer_id: customerId, amount },
  });
}

beforeAll(async () => {
  t = await buildTestApp('2026-03-10T02:00:00Z');
  db = t.database.db;
  const operator = await buildOrganisation(db, { partnerType: 'operator' });
  const operatorKey = await buildAccessKey(db, t.keyring, memberRef(operator.owner));
  const sp = await buildOrganisation(db);
  spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  resale = (await buildLoginCustomer(db, sp.partner.id)).customer;
  referral = (await buildLoginCustomer(db, sp.partner.id, { associationType: '1' })).customer;
  const outsider = await buildOrganisation(db);
  const foreign = (await buildLoginCustomer(db, outsider.partner.id)).customer;
  const topUp = await signedRequest(t.app, operatorKey, {
    method: 'POST',
    url: `/console/api/operator/partners/${sp.partner.id}/top-ups`,
    payload: { amount: '500.00' },
  });
  expect(topUp.statusCode, topUp.body).toBe(200);
  expect((await move('adjust-amount', resale.id, '100.00')).statusCode).toBe(200);
  expect((await move('reclaim', resale.id, '30.00')).statusCode).toBe(200);
  resaleSession = await loginCustomer(t.app, resale.accountName);
  referralSession = await loginCustomer(t.app, referral.accountName);
  outsiderSession = await loginCustomer(t.app, foreign.accountName);
});

afterAll(async () => {
  await t.close();
});

describe('the portal’s 余额 page', () => {
  it('shows a resale customer its balance and the allocations and reclaims behind it', async () => {
    const balance = await get(resaleSession, BALANCE);
    expect(balance.statusCode, balance.body).toBe(200);
    expect(balance.json<{ account_balances: { amount: number }[] }>().account_balances).toEqual([
      expect.objectContaining({ account_type: 1, amount: 70, currency: 'CNY' }),
    ]);
    const records = await get(resaleSession, RECORDS);
    expect(records.statusCode, records.body).toBe(200);
    const body = records.json<RecordsBody>();
    expect(body.total_count).toBe(2);
    expect(
      body.records.map((r) => [r.revenue_expense_type, r.change_amount, r.balance_after_change]),
    ).toEqual([
      ['EXPENSE', '30.00', '70.00'],
      ['REVENUE', '100.00', '100.00'],
    ]);
  });

  it('pages the change records', async () => {
    const page = await get(resaleSession, `${RECORDS}&offset=1&limit=1`);
    const body = page.json<RecordsBody>();
    expect(body.total_count).toBe(2);
    expect(body.records.map((r) => r.change_amount)).toEqual(['100.00']);
  });

  it('gives a customer without money an empty balance and no records', async () => {
    const balance = await get(referralSession, BALANCE);
    expect(balance.json<{ account_balances: unknown[] }>().account_balances).toEqual([]);
    const records = await get(referralSession, RECORDS);
    expect(records.json<RecordsBody>()).toMatchObject({ total_count: 0, records: [] });
  });

  it('shows another partner’s customer only its own (empty) account', async () => {
    const balance = await get(outsiderSession, BALANCE);
    expect(balance.json<{ account_balances: unknown[] }>().account_balances).toEqual([]);
    const records = await get(outsiderSession, RECORDS);
    expect(records.json<RecordsBody>().total_count).toBe(0);
  });

  it('refuses bad filters naming the field', async () => {
    const response = await get(resaleSession, `${RECORDS}&trade_time_begin=2026-02-30`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error_code: 'CBC.0100' });
    expect(response.json<{ error_msg: string }>().error_msg).toContain('trade_time_begin');
    const missing = await get(resaleSession, '/console/api/portal/balance/change-records');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error_code: 'CBC.0100' });
  });

  it('answers 401 without a session and 403 to partner credentials', async () => {
    expect((await get(null, BALANCE)).statusCode).toBe(401);
    expect((await get(null, RECORDS)).statusCode).toBe(401);
    const partner = await signedRequest(t.app, spKey, { method: 'GET', url: BALANCE });
    expect(partner.statusCode).toBe(403);
  });
});

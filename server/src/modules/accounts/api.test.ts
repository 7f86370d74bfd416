import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { DAY_MS, HOUR_MS } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import { buildMember, buildOrganisation, memberRef } from '../../../test/factories/org.ts';
import { buildPartner } from '../../../test/factories/partners.ts';
import {
  assignDirectly,
  buildCustomer,
  customerRef,
  type CustomerRow,
} from '../../../test/factories/customers.ts';
import { verifyLedger } from './index.ts';
import { ledgerTransactions } from './schema.ts';

let t: TestApp;
let db: Db;
let operatorKey: AkSk;
let spId: string;
let spKey: AkSk;
let spCustomer: CustomerRow;
let referralCustomer: CustomerRow;
let managedCustomer: CustomerRow;
let managerKey: AkSk;
let distributorId: string;
let distributorKey: AkSk;
let resellerId: string;
let resellerKey: AkSk;
let resellerCustomer: CustomerRow;
let siblingResellerKey: AkSk;
let foreignResellerId: string;
let outsiderKey: AkSk;
let outsiderCustomer: CustomerRow;

const ADJUST = '/v2/accounts/partner-accounts/adjust-amount';
const RECLAIM = '/v2/accounts/partner-accounts/reclaim';
const BALANCES = '/v2/accounts/customer-accounts/balances/batch-query';
const RECORDS = '/v3/accounts/partner-accounts/adjust-records';
const CHANGES = '/v2/accounts/partner-accounts/account-change-records';
const PARTNER_BALANCES = '/v2/accounts/partner-accounts/balances';
const RESELLER_ADJUST = '/v2/accounts/partner-accounts/indirect-partner-adjust';
const RESELLER_RECLAIM = '/v2/accounts/partner-accounts/indirect-partner-reclaim';

function post(keys: AkSk, url: string, payload: object, headers?: Record<string, string>) {
  return signedRequest(t.app, keys, { method: 'POST', url, payload, headers });
}

function get(keys: AkSk, url: string) {
  return signedRequest(t.app, keys, { method: 'GET', url });
}

async function topUp(partnerId: string, amount: string): Promise<void> {
  const response = await post(operatorKey, `/console/api/operator/partners/${partnerId}/top-ups`, {
    amount,
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function customerBalance(keys: AkSk, customerId: string, indirect?: string) {
  const response = await post(keys, BALANCES, {
    customer_infos: [{ customer_id: customerId }],
    ...(indirect ? { indirect_partner_id: indirect } : {}),
  });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json<{ customer_balances: { customer_id: string; amount: number }[] }>();
  return body.customer_balances[0]?.amount;
}

async function cashOf(keys: AkSk, indirect?: string): Promise<number | undefined> {
  const url = indirect ? `${PARTNER_BALANCES}?indirect_partner_id=${indirect}` : PARTNER_BALANCES;
  const response = await get(keys, url);
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json<{ account_balances: { account_type: number; amount: number }[] }>();
  return body.account_balances.find((balance) => balance.account_type === 1)?.amount;
}

async function transactionCount(): Promise<number> {
  return (await db.select({ id: ledgerTransactions.id }).from(ledgerTransactions)).length;
}

beforeAll(async () => {
  t = await buildTestApp('2026-03-10T02:00:00Z');
  db = t.database.db;
  const operator = await buildOrganisation(db, { partnerType: 'operator' });
  operatorKey = await buildAccessKey(db, t.keyring, memberRef(operator.owner));

  const sp = await buildOrganisation(db);
  spId = sp.partner.id;
  spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  spCustomer = await buildCustomer(db, spId);
  referralCustomer = await buildCustomer(db, spId, { associationType: '1' });
  managedCustomer = await buildCustomer(db, spId);
  const manager = await buildMember(db, {
    partnerId: spId,
    permissions: [Permissions.ACCOUNT_FUNDS_MANAGE, Permissions.ACCOUNT_BALANCE_VIEW],
    dataScope: 'mine',
  });
  await assignDirectly(db, managedCustomer, manager.member.id);
  managerKey = await buildAccessKey(db, t.keyring, memberRef(manager.member));

  const distributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  distributorId = distributor.partner.id;
  distributorKey = await buildAccessKey(db, t.keyring, memberRef(distributor.owner));
  const reseller = await buildOrganisation(db, {
    partnerType: 'reseller',
    parentPartnerId: distributorId,
  });
  resellerId = reseller.partner.id;
  resellerKey = await buildAccessKey(db, t.keyring, memberRef(reseller.owner));
  resellerCustomer = await buildCustomer(db, resellerId);
  const sibling = await buildOrganisation(db, {
    partnerType: 'reseller',
    parentPartnerId: distributorId,
  });
  siblingResellerKey = await buildAccessKey(db, t.keyring, memberRef(sibling.owner));
  const otherDistributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  foreignResellerId = (
    await buildPartner(db, {
      partnerType: 'reseller',
      parentPartnerId: otherDistributor.partner.id,
    })
  ).partner.id;

  const outsider = await buildOrganisation(db);
  outsiderKey = await buildAccessKey(db, t.keyring, memberRef(outsider.owner));
  outsiderCustomer = await buildCustomer(db, outsider.partner.id);

  await topUp(spId, '1000.00');
  await topUp(distributorId, '500.00');
  await topUp(outsider.partner.id, '50.00');
});

afterAll(async () => {
  await t.close();
});

describe('拨款 and 回收 to a resale customer', () => {
  it('transfers 100.00 and reclaims 30.00: the customer holds exactly 70.00 and both records are listed', async () => {
    const allocated = await post(spKey, ADJUST, { customer_id: spCustomer.id, amount: 100.0 });
    expect(allocated.statusCode, allocated.body).toBe(200);
    const transferId = allocated.json<{ transfer_id: string }>().transfer_id;
    expect(transferId).toMatch(/^AD\d{14}[0-9a-f]{12}$/);

    // The Go SDK sends decimals as JSON strings.
    const reclaimed = await post(spKey, RECLAIM, { customer_id: spCustomer.id, amount: '30.00' });
    expect(reclaimed.statusCode, reclaimed.body).toBe(200);
    const transId = reclaimed.json<{ trans_id: string }>().trans_id;
    expect(transId).toMatch(/^RE/);

    expect(await customerBalance(spKey, spCustomer.id)).toBe(70);
    expect(await cashOf(spKey)).toBe(930);

    const records = await get(spKey, `${RECORDS}?customer_id=${spCustomer.id}`);
    expect(records.statusCode).toBe(200);
    const body = records.json<{ total_count: number; records: Record<string, unknown>[] }>();
    expect(body.total_count).toBe(2);
    expect(body.records).toEqual([
      expect.objectContaining({
        customer_id: spCustomer.id,
        customer_name: spCustomer.accountName,
        operation_type: 'SOURCE_OPERATION_BERETRIEVE',
        amount: '30.00',
        currency: 'CNY',
        measure_id: 1,
        trans_id: transId,
      }),
      expect.objectContaining({
        operation_type: 'SOURCE_OPERATION_BEADJUST',
        amount: '100.00',
        trans_id: transferId,
      }),
    ]);
    const onlyAllocations = await get(
      spKey,
      `${RECORDS}?operation_type=SOURCE_OPERATION_BEADJUST&trans_id=${transferId}`,
    );
    expect(onlyAllocations.json<{ total_count: number }>().total_count).toBe(1);

    const changes = await get(spKey, `${CHANGES}?balance_type=BALANCE_TYPE_DEBIT&limit=3`);
    expect(changes.statusCode, changes.body).toBe(200);
    const ledger = changes.json<{ total_count: number; records: Record<string, unknown>[] }>();
    expect(ledger.total_count).toBe(3);
    expect(ledger.records[0]).toMatchObject({
      trade_detail_type: 'SOURCE_OPERATION_BERETRIEVE',
      trade_id: transId,
      change_amount: '30.00',
      balance_after_change: '930.00',
      type: '1',
      customer_id: spCustomer.id,
      account_name: spCustomer.accountName,
    });
    expect(ledger.records[1]).toMatchObject({ change_amount: '100.00', type: '2' });
    expect(ledger.records[2]).toMatchObject({
      trade_detail_type: 'SOURCE_OPERAIION_RECHARGE',
      balance_after_change: '1000.00',
    });

    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.partnerId, spId), eq(auditEvents.resourceId, transferId)));
    expect(audit).toHaveLength(1);
    // The posting writes the event with each account's balance before and after the move.
    expect(audit[0]).toMatchObject({
      action: 'accounts.customer.allocate',
      eventType: 'ApiCall',
      resourceName: spCustomer.accountName,
      before: { [`partner:${spId}:cash`]: '1000.00', [`customer:${spCustomer.id}:cash`]: '0.00' },
      after: { [`partner:${spId}:cash`]: '900.00', [`customer:${spCustomer.id}:cash`]: '100.00' },
    });
  });

  it('filters change records by trade type and UTC+8 dates', async () => {
    const recharge = await get(
      spKey,
      `${CHANGES}?balance_type=BALANCE_TYPE_DEBIT&trade_type=RECHARGE&trade_time_begin=2026-03-10&trade_time_end=2026-03-10`,
    );
    expect(recharge.json<{ total_count: number }>().total_count).toBe(1);
    const yesterday = await get(
      spKey,
      `${CHANGES}?balance_type=BALANCE_TYPE_DEBIT&trade_time_begin=2026-03-01&trade_time_end=2026-03-09`,
    );
    expect(yesterday.json<{ total_count: number }>().total_count).toBe(0);
    const bad = await get(
      spKey,
      `${CHANGES}?balance_type=BALANCE_TYPE_DEBIT&trade_time_begin=2026-02-30`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error_msg: string }>().error_msg).toContain('trade_time_begin');
  });

  it('refuses more than the available balance and moves nothing', async () => {
    const before = await transactionCount();
    const tooMuch = await post(spKey, ADJUST, { customer_id: spCustomer.id, amount: '930.01' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json()).toMatchObject({ error_code: 'CBC.99005003' });
    const overReclaim = await post(spKey, RECLAIM, { customer_id: spCustomer.id, amount: 70.01 });
    expect(overReclaim.json()).toMatchObject({ error_code: 'CBC.99005003' });
    expect(await transactionCount()).toBe(before);
    expect(await customerBalance(spKey, spCustomer.id)).toBe(70);
    expect(await cashOf(spKey)).toBe(930);
  });

  it.each([
    [{ customer_id: 'x', amount: 0 }, 'amount'],
    [{ customer_id: 'x', amount: '-1.00' }, 'amount'],
    [{ customer_id: 'x', amount: 10.005 }, 'amount'],
    [{ customer_id: 'x', amount: '1e3' }, 'amount'],
    [{ customer_id: 'x', amount: '1000000000000.00' }, 'amount'],
    [{ customer_id: 'x', amount: true }, 'amount'],
    [{ amount: '1.00' }, 'customer_id'],
    [{ customer_id: '', amount: '1.00' }, 'customer_id'],
    [{ customer_id: 'x', amount: '1.00', extra: 1 }, 'extra'],
  ])('answers CBC.0100 naming the field for %j', async (payload, field) => {
    for (const url of [ADJUST, RECLAIM]) {
      const response = await post(spKey, url, payload);
      expect(response.statusCode, response.body).toBe(400);
      const body = response.json<{ error_code: string; error_msg: string }>();
      expect(body.error_code).toBe('CBC.0100');
      expect(body.error_msg).toContain(field);
    }
  });

  it('refuses disassociated customers and hides their balance', async () => {
    const gone = await buildCustomer(db, spId, { status: 'disassociated' });
    for (const url of [ADJUST, RECLAIM]) {
      const response = await post(spKey, url, { customer_id: gone.id, amount: '1.00' });
      expect(response.json()).toMatchObject({ error_code: 'CBC.0410' });
    }
    expect(await customerBalance(spKey, gone.id)).toBeUndefined();
  });

  it('refuses referral customers (R-FUND-01) and hides their balance', async () => {
    const response = await post(spKey, ADJUST, {
      customer_id: referralCustomer.id,
      amount: '1.00',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error_code: 'CBC.0410' });
    expect(await customerBalance(spKey, referralCustomer.id)).toBeUndefined();
  });

  it('needs credentials', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: ADJUST,
      payload: { customer_id: spCustomer.id, amount: '1.00' },
    });
    expect(response.statusCode).toBe(401);
    const records = await t.app.inject({ method: 'GET', url: RECORDS });
    expect(records.statusCode).toBe(401);
  });
});

describe('outsiders', () => {
  it('another partner can neither move nor read the customer’s funds', async () => {
    const before = await transactionCount();
    for (const url of [ADJUST, RECLAIM]) {
      const response = await post(outsiderKey, url, { customer_id: spCustomer.id, amount: '1.00' });
      expect(response.statusCode).toBe(404);
    }
    expect(await customerBalance(outsiderKey, spCustomer.id)).toBeUndefined();
    const records = await get(outsiderKey, `${RECORDS}?customer_id=${spCustomer.id}`);
    expect(records.json()).toEqual({ records: [], total_count: 0 });
    expect(await transactionCount()).toBe(before);
    expect(await customerBalance(spKey, spCustomer.id)).toBe(70);
  });

  it('a partner cannot fund another partner’s customer through its own balance', async () => {
    const response = await post(spKey, ADJUST, {
      customer_id: outsiderCustomer.id,
      amount: '1.00',
    });
    expect(response.statusCode).toBe(404);
  });

  it('an account manager moves and reads only own customers', async () => {
    const foreign = await post(managerKey, ADJUST, { customer_id: spCustomer.id, amount: '1.00' });
    expect(foreign.statusCode).toBe(404);
    expect(await customerBalance(managerKey, spCustomer.id)).toBeUndefined();

    const own = await post(managerKey, ADJUST, { customer_id: managedCustomer.id, amount: '5.00' });
    expect(own.statusCode, own.body).toBe(200);
    expect(await customerBalance(managerKey, managedCustomer.id)).toBe(5);
    const records = await get(managerKey, RECORDS);
    const body = records.json<{ total_count: number; records: { customer_id: string }[] }>();
    expect(body.total_count).toBe(1);
    expect(body.records[0]?.customer_id).toBe(managedCustomer.id);
    const changes = await get(managerKey, `${CHANGES}?balance_type=BALANCE_TYPE_DEBIT`);
    expect(changes.json<{ total_count: number }>().total_count).toBe(1);
  });

  it('a member without the funds permission is refused', async () => {
    const viewer = await buildMember(db, {
      partnerId: spId,
      permissions: [Permissions.CUSTOMER_VIEW],
    });
    const key = await buildAccessKey(db, t.keyring, memberRef(viewer.member));
    const response = await post(key, ADJUST, { customer_id: spCustomer.id, amount: '1.00' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error_code: 'CBC.0151' });
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer within 24 h and moves nothing more', async () => {
    const headers = { 'Idempotency-Key': 'allocation-0001' };
    const first = await post(
      spKey,
      ADJUST,
      { customer_id: spCustomer.id, amount: '10.00' },
      headers,
    );
    expect(first.statusCode, first.body).toBe(200);
    const count = await transactionCount();
    const again = await post(spKey, ADJUST, { customer_id: spCustomer.id, amount: 10 }, headers);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await transactionCount()).toBe(count);
    expect(await customerBalance(spKey, spCustomer.id)).toBe(80);

    const different = await post(
      spKey,
      ADJUST,
      { customer_id: spCustomer.id, amount: '11.00' },
      headers,
    );
    expect(different.statusCode).toBe(409);
    expect(different.json()).toMatchObject({ error_code: 'CBC.0412' });
    const otherOperation = await post(
      spKey,
      RECLAIM,
      { customer_id: spCustomer.id, amount: '10.00' },
      headers,
    );
    expect(otherOperation.json()).toMatchObject({ error_code: 'CBC.0412' });

    // Keys are per partner: another partner's identical key is its own request.
    const outsider = await post(
      outsiderKey,
      ADJUST,
      { customer_id: outsiderCustomer.id, amount: '10.00' },
      headers,
    );
    expect(outsider.statusCode, outsider.body).toBe(200);
    expect(outsider.json()).not.toEqual(first.json());

    t.clock.advance(DAY_MS + HOUR_MS);
    const later = await post(
      spKey,
      ADJUST,
      { customer_id: spCustomer.id, amount: '10.00' },
      headers,
    );
    expect(later.statusCode).toBe(200);
    expect(later.json()).not.toEqual(first.json());
    expect(await customerBalance(spKey, spCustomer.id)).toBe(90);
  });

  it('a failed request stores nothing, so its retry runs', async () => {
    const headers = { 'Idempotency-Key': 'too-much-0001' };
    const failed = await post(
      spKey,
      RECLAIM,
      { customer_id: spCustomer.id, amount: '500.00' },
      headers,
    );
    expect(failed.json()).toMatchObject({ error_code: 'CBC.99005003' });
    const retry = await post(
      spKey,
      RECLAIM,
      { customer_id: spCustomer.id, amount: '500.00' },
      headers,
    );
    expect(retry.json()).toMatchObject({ error_code: 'CBC.99005003' });
  });

  it('rejects a malformed key', async () => {
    const response = await post(
      spKey,
      ADJUST,
      { customer_id: spCustomer.id, amount: '1.00' },
      { 'Idempotency-Key': 'x'.repeat(129) },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error_msg: string }>().error_msg).toContain('Idempotency-Key');
  });
});

describe('distributor and resellers (R-FUND-05)', () => {
  it('allocates to a reseller and reclaims, never more than the reseller holds', async () => {
    const allocated = await post(distributorKey, RESELLER_ADJUST, {
      indirect_partner_id: resellerId,
      amount: '99.99',
    });
    expect(allocated.statusCode, allocated.body).toBe(200);
    expect(allocated.json<{ transfer_id: string }>().transfer_id).toMatch(/^AD/);
    expect(await cashOf(distributorKey, resellerId)).toBe(99.99);
    expect(await cashOf(resellerKey)).toBe(99.99);
    expect(await cashOf(distributorKey)).toBe(400.01);

    const over = await post(distributorKey, RESELLER_RECLAIM, {
      indirect_partner_id: resellerId,
      amount: '100.00',
    });
    expect(over.json()).toMatchObject({ error_code: 'CBC.99005003' });
    const reclaimed = await post(distributorKey, RESELLER_RECLAIM, {
      indirect_partner_id: resellerId,
      amount: 0.99,
    });
    expect(reclaimed.statusCode).toBe(200);
    expect(reclaimed.json<{ trans_id: string }>().trans_id).toMatch(/^RE/);
    expect(await cashOf(resellerKey)).toBe(99);

    const records = await get(distributorKey, `${RECORDS}?customer_id=${resellerId}`);
    expect(records.json<{ total_count: number }>().total_count).toBe(2);
  });

  it('funds a reseller’s customer from the reseller’s balance with indirect_partner_id', async () => {
    const response = await post(distributorKey, ADJUST, {
      customer_id: resellerCustomer.id,
      amount: '9.00',
      indirect_partner_id: resellerId,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await cashOf(resellerKey)).toBe(90);
    // The open API's balance query is for solution providers and distributors (catalog).
    const asReseller = await post(resellerKey, BALANCES, {
      customer_infos: [{ customer_id: resellerCustomer.id }],
    });
    expect(asReseller.statusCode).toBe(403);
    expect(await customerBalance(distributorKey, resellerCustomer.id, resellerId)).toBe(9);
    const records = await get(distributorKey, `${RECORDS}?indirect_partner_id=${resellerId}`);
    expect(records.json<{ total_count: number }>().total_count).toBe(1);
  });

  it('refuses foreign and sibling resellers, and non-distributors', async () => {
    const before = await transactionCount();
    const foreign = await post(distributorKey, RESELLER_ADJUST, {
      indirect_partner_id: foreignResellerId,
      amount: '1.00',
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ error_code: 'CBC.99000037' });
    const sibling = await post(siblingResellerKey, RESELLER_RECLAIM, {
      indirect_partner_id: resellerId,
      amount: '1.00',
    });
    expect(sibling.json()).toMatchObject({ error_code: 'CBC.0151' });
    const siblingCustomer = await post(siblingResellerKey, ADJUST, {
      customer_id: resellerCustomer.id,
      amount: '1.00',
    });
    expect(siblingCustomer.statusCode).toBe(403);
    const sp = await post(spKey, RESELLER_ADJUST, {
      indirect_partner_id: resellerId,
      amount: '1.00',
    });
    expect(sp.json()).toMatchObject({ error_code: 'CBC.0151' });
    expect(await transactionCount()).toBe(before);

    expect(await cashOf(distributorKey, foreignResellerId)).toBeUndefined();
    expect(await cashOf(siblingResellerKey, resellerId)).toBeUndefined();
    const foreignRecords = await get(
      distributorKey,
      `${RECORDS}?indirect_partner_id=${foreignResellerId}`,
    );
    expect(foreignRecords.json()).toEqual({ records: [], total_count: 0 });
    expect(
      await customerBalance(distributorKey, resellerCustomer.id, foreignResellerId),
    ).toBeUndefined();
  });
});

describe('customer side', () => {
  async function asCustomer(customer: CustomerRow, url: string) {
    const token = await issueTestToken(db, customerRef(customer), t.clock);
    return t.app.inject({ method: 'GET', url, headers: { 'x-auth-token': token } });
  }

  it('a customer reads its own balance and nobody else’s', async () => {
    const own = await asCustomer(spCustomer, '/v2/accounts/customer-accounts/balances');
    expect(own.statusCode, own.body).toBe(200);
    const body = own.json<{ account_balances: Record<string, unknown>[]; currency: string }>();
    expect(body.account_balances).toEqual([
      expect.objectContaining({ account_type: 1, amount: 90, currency: 'CNY', measure_id: 1 }),
    ]);
    const other = await asCustomer(outsiderCustomer, '/v2/accounts/customer-accounts/balances');
    expect(other.json<{ account_balances: { amount: number }[] }>().account_balances).toEqual([
      expect.objectContaining({ amount: 10 }),
    ]);
    const never = await asCustomer(referralCustomer, '/v2/accounts/customer-accounts/balances');
    expect(never.json<{ account_balances: unknown[] }>().account_balances).toEqual([]);
  });

  it('change records: refused to resale customers (CBC.99000084), own ledger for others', async () => {
    const url =
      '/v2/accounts/customer-accounts/account-change-records?balance_type=BALANCE_TYPE_DEBIT';
    const resale = await asCustomer(spCustomer, url);
    expect(resale.statusCode).toBe(400);
    expect(resale.json()).toMatchObject({ error_code: 'CBC.99000084' });
    const referral = await asCustomer(referralCustomer, url);
    expect(referral.statusCode, referral.body).toBe(200);
    expect(referral.json()).toEqual({ total_count: 0, currency: 'CNY', records: [] });
  });

  it('partner credentials cannot call the customer APIs, customer credentials not the partner ones', async () => {
    const partner = await get(spKey, '/v2/accounts/customer-accounts/balances');
    expect(partner.statusCode).toBe(403);
    const token = await issueTestToken(db, customerRef(spCustomer), t.clock);
    const before = await transactionCount();
    const move = await t.app.inject({
      method: 'POST',
      url: RECLAIM,
      headers: { 'x-auth-token': token },
      payload: { customer_id: spCustomer.id, amount: '1.00' },
    });
    expect(move.statusCode).toBe(403);
    expect(await transactionCount()).toBe(before);
  });
});

describe('operator', () => {
  it('records top-ups and credit lines and reads any account’s ledger', async () => {
    const line = await signedRequest(t.app, operatorKey, {
      method: 'PUT',
      url: `/console/api/operator/partners/${spId}/credit-line`,
      payload: { credit_limit: '2000.00', memo: 'contract 2026' },
    });
    expect(line.statusCode, line.body).toBe(200);
    expect(line.json()).toMatchObject({ credit_limit: '2000.00', available: '2000.00' });
    const lowered = await signedRequest(t.app, operatorKey, {
      method: 'PUT',
      url: `/console/api/operator/partners/${spId}/credit-line`,
      payload: { credit_limit: 500 },
    });
    expect(lowered.json()).toMatchObject({ credit_limit: '500.00', available: '500.00' });
    const credit = await get(spKey, PARTNER_BALANCES);
    expect(credit.json<{ account_balances: unknown[] }>().account_balances).toContainEqual(
      expect.objectContaining({ account_type: 2, amount: 500, credit_amount: 500 }),
    );

    const list = await signedRequest(t.app, operatorKey, {
      method: 'GET',
      url: `/console/api/operator/partner-funds?limit=200`,
    });
    expect(list.statusCode, list.body).toBe(200);
    const funds = list
      .json<{ partners: { partner_id: string; cash_balance: string; cash_account_id: string }[] }>()
      .partners.find((row) => row.partner_id === spId);
    expect(funds).toMatchObject({ cash_balance: expect.any(String) as string });

    const ledger = await signedRequest(t.app, operatorKey, {
      method: 'GET',
      url: `/console/api/operator/ledger-accounts/${funds?.cash_account_id ?? ''}/entries?limit=1`,
    });
    expect(ledger.statusCode, ledger.body).toBe(200);
    const body = ledger.json<{ account: { balance: string }; total_count: number }>();
    expect(body.account.balance).toBe(funds?.cash_balance);
    expect(body.total_count).toBeGreaterThan(3);
  });

  it('is the operator’s alone', async () => {
    const response = await post(spKey, `/console/api/operator/partners/${spId}/top-ups`, {
      amount: '1000000.00',
    });
    expect(response.statusCode).toBe(403);
    const ledger = await get(spKey, `/console/api/operator/partner-funds`);
    expect(ledger.statusCode).toBe(403);
  });

  it('leaves a ledger that verifies clean', async () => {
    const result = await verifyLedger(db);
    expect(result.differences).toEqual([]);
    expect(result.transactions).toBeGreaterThan(10);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/index.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import { buildMember, buildOrganisation, memberRef } from '../../../test/factories/org.ts';
import {
  assignDirectly,
  buildCustomer,
  type CustomerRow,
} from '../../../test/factories/customers.ts';
import { verifyLedger } from './index.ts';
import { ledgerTransactions } from './schema.ts';

let t: TestApp;
let db: Db;
let operatorKey: AkSk;
let spId: string;
let spKey: AkSk;
let first: CustomerRow;
let second: CustomerRow;
let referral: CustomerRow;
let foreign: CustomerRow;
let managerKey: AkSk;
let outsiderKey: AkSk;

const ALLOCATE = '/console/api/funds/allocations/batch';
const RECLAIM = '/console/api/funds/reclaims/batch';
const EXPORT = '/console/api/funds/adjust-records/export';

interface BatchBody {
  succeeded: { customer_id: string; transaction_id: string }[];
  error_details: { id: string; error_code: string; error_msg: string }[];
}

function post(keys: AkSk, url: string, payload: object, headers?: Record<string, string>) {
  return signedRequest(t.app, keys, { method: 'POST', url, payload, headers });
}

async function balanceOf(customerId: string): Promise<number | undefined> {
  const response = await post(spKey, '/v2/accounts/customer-accounts/balances/batch-query', {
    customer_infos: [{ customer_id: customerId }],
  });
  return response.json<{ customer_balances: { amount: number }[] }>().customer_balances[0]?.amount;
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
  first = await buildCustomer(db, spId, { customerName: '第一客户有限公司' });
  second = await buildCustomer(db, spId);
  referral = await buildCustomer(db, spId, { associationType: '1' });
  const outsider = await buildOrganisation(db);
  outsiderKey = await buildAccessKey(db, t.keyring, memberRef(outsider.owner));
  foreign = await buildCustomer(db, outsider.partner.id);
  const manager = await buildMember(db, {
    partnerId: spId,
    permissions: [Permissions.ACCOUNT_FUNDS_MANAGE, Permissions.ACCOUNT_BALANCE_VIEW],
    dataScope: 'mine',
  });
  await assignDirectly(db, second, manager.member.id);
  managerKey = await buildAccessKey(db, t.keyring, memberRef(manager.member));
  const topUp = await post(operatorKey, `/console/api/operator/partners/${spId}/top-ups`, {
    amount: '100.00',
  });
  expect(topUp.statusCode).toBe(200);
});

afterAll(async () => {
  await t.close();
});

describe('批量拨款 and 批量回收 (R-FUND-04)', () => {
  it('moves each item on its own and reports the failed ones', async () => {
    const response = await post(spKey, ALLOCATE, {
      items: [
        { customer_id: first.id, amount: '30.00' },
        { customer_id: second.id, amount: 50 },
        { customer_id: referral.id, amount: '1.00' },
        { customer_id: foreign.id, amount: '1.00' },
        { customer_id: first.id, amount: '30.00' },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<BatchBody>();
    expect(body.succeeded.map((item) => item.customer_id)).toEqual([first.id, second.id]);
    expect(body.error_details.map((item) => [item.id, item.error_code])).toEqual([
      [referral.id, 'CBC.0410'],
      [foreign.id, 'CBC.0404'],
      [first.id, 'CBC.99005003'],
    ]);
    expect(await balanceOf(first.id)).toBe(30);
    expect(await balanceOf(second.id)).toBe(50);

    const reclaimed = await post(spKey, RECLAIM, {
      items: [
        { customer_id: first.id, amount: '10.00' },
        { customer_id: second.id, amount: '50.01' },
      ],
    });
    const reclaimBody = reclaimed.json<BatchBody>();
    expect(reclaimBody.succeeded).toHaveLength(1);
    expect(reclaimBody.error_details).toEqual([
      expect.objectContaining({ id: second.id, error_code: 'CBC.99005003' }),
    ]);
    expect(await balanceOf(first.id)).toBe(20);
    expect((await verifyLedger(db)).differences).toEqual([]);
  });

  it('refuses a bad item before moving anything, naming it', async () => {
    const before = await transactionCount();
    const response = await post(spKey, ALLOCATE, {
      items: [
        { customer_id: first.id, amount: '1.00' },
        { customer_id: second.id, amount: '1.001' },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error_msg: string }>().error_msg).toContain('items[1].amount');
    const empty = await post(spKey, ALLOCATE, { items: [] });
    expect(empty.statusCode).toBe(400);
    expect(await transactionCount()).toBe(before);
  });

  it('runs a batch once per Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': 'batch-0001' };
    const payload = { items: [{ customer_id: first.id, amount: '1.00' }] };
    const once = await post(spKey, ALLOCATE, payload, headers);
    const count = await transactionCount();
    const twice = await post(spKey, ALLOCATE, payload, headers);
    expect(twice.json()).toEqual(once.json());
    expect(await transactionCount()).toBe(count);
    expect(await balanceOf(first.id)).toBe(21);
  });

  it('an account manager moves only own customers; outsiders move nothing', async () => {
    const managed = await post(managerKey, ALLOCATE, {
      items: [
        { customer_id: second.id, amount: '1.00' },
        { customer_id: first.id, amount: '1.00' },
      ],
    });
    const body = managed.json<BatchBody>();
    expect(body.succeeded.map((item) => item.customer_id)).toEqual([second.id]);
    expect(body.error_details).toEqual([
      expect.objectContaining({ id: first.id, error_code: 'CBC.0404' }),
    ]);

    const before = await transactionCount();
    const outsider = await post(outsiderKey, RECLAIM, {
      items: [{ customer_id: first.id, amount: '1.00' }],
    });
    expect(outsider.json<BatchBody>().succeeded).toEqual([]);
    expect(await transactionCount()).toBe(before);
    expect(await balanceOf(first.id)).toBe(21);
  });

  it('needs credentials', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: ALLOCATE,
      payload: { items: [{ customer_id: first.id, amount: '1.00' }] },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('调账记录 export', () => {
  it('downloads the filtered records with customer names masked', async () => {
    const response = await signedRequest(t.app, spKey, {
      method: 'GET',
      url: `${EXPORT}?customer_id=${first.id}&format=csv`,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('adjust-records-');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe(
      'trans_id,operation_type,customer_id,customer_name,amount,currency,operation_time,memo',
    );
    // 30.00 and 1.00 allocated, 10.00 reclaimed.
    expect(lines).toHaveLength(4);
    expect(lines.join('\n')).not.toContain(first.accountName);
    expect(lines.slice(1).map((line) => line.split(',')[4])).toEqual(['1.00', '10.00', '30.00']);

    const xlsx = await signedRequest(t.app, spKey, { method: 'GET', url: `${EXPORT}?format=xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('gives outsiders and unassigned managers none of the records', async () => {
    const outsider = await signedRequest(t.app, outsiderKey, {
      method: 'GET',
      url: `${EXPORT}?customer_id=${first.id}`,
    });
    expect(outsider.statusCode).toBe(200);
    expect(
      outsider.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r\n/),
    ).toHaveLength(1);
    const manager = await signedRequest(t.app, managerKey, {
      method: 'GET',
      url: `${EXPORT}?customer_id=${first.id}`,
    });
    expect(
      manager.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r\n/),
    ).toHaveLength(1);
    const bad = await signedRequest(t.app, spKey, { method: 'GET', url: `${EXPORT}?format=pdf` });
    expect(bad.statusCode).toBe(400);
  });
});

describe('resellers in the console', () => {
  it('fund their own resale customers from what the distributor allocated, and export the records', async () => {
    const distributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
    const distributorKey = await buildAccessKey(db, t.keyring, memberRef(distributor.owner));
    const reseller = await buildOrganisation(db, {
      partnerType: 'reseller',
      parentPartnerId: distributor.partner.id,
    });
    const resellerKey = await buildAccessKey(db, t.keyring, memberRef(reseller.owner));
    const customer = await buildCustomer(db, reseller.partner.id);
    await post(operatorKey, `/console/api/operator/partners/${distributor.partner.id}/top-ups`, {
      amount: '50.00',
    });
    const allocated = await post(
      distributorKey,
      '/v2/accounts/partner-accounts/indirect-partner-adjust',
      { indirect_partner_id: reseller.partner.id, amount: '20.00' },
    );
    expect(allocated.statusCode).toBe(200);

    const batch = await post(resellerKey, ALLOCATE, {
      items: [
        { customer_id: customer.id, amount: '15.00' },
        { customer_id: customer.id, amount: '5.01' },
      ],
    });
    const body = batch.json<BatchBody>();
    expect(body.succeeded).toHaveLength(1);
    expect(body.error_details).toEqual([
      expect.objectContaining({ id: customer.id, error_code: 'CBC.99005003' }),
    ]);
    // The open API's single call stays with solution providers and distributors (catalog).
    const single = await post(resellerKey, '/v2/accounts/partner-accounts/adjust-amount', {
      customer_id: customer.id,
      amount: '1.00',
    });
    expect(single.statusCode).toBe(403);

    const exported = await signedRequest(t.app, resellerKey, { method: 'GET', url: EXPORT });
    expect(exported.statusCode).toBe(200);
    expect(
      exported.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r\n/),
    ).toHaveLength(2);
    // The sibling reseller's customer stays out of reach.
    const sibling = await buildOrganisation(db, {
      partnerType: 'reseller',
      parentPartnerId: distributor.partner.id,
    });
    const siblingKey = await buildAccessKey(db, t.keyring, memberRef(sibling.owner));
    const reach = await post(siblingKey, RECLAIM, {
      items: [{ customer_id: customer.id, amount: '1.00' }],
    });
    expect(reach.json<BatchBody>().error_details).toEqual([
      expect.objectContaining({ error_code: 'CBC.0404' }),
    ]);
    expect((await verifyLedger(db)).differences).toEqual([]);
  });
});

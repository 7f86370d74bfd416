import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import { buildOrganisation, memberRef } from '../../../test/factories/org.ts';
import { buildCustomer, customerRef, type CustomerRow } from '../../../test/factories/customers.ts';

let t: TestApp;
let db: Db;
let spId: string;
let spKey: AkSk;
let outsiderKey: AkSk;
let quotaId: string;

const START = new Date('2026-03-10T02:00:00Z');
const SOON = '2026-03-15T00:00:00Z';
const LATER = '2026-06-30T00:00:00Z';
const COUPONS = '/v2/promotions/benefits/partner-coupons';
const COUPON_RECLAIM = '/v2/promotions/benefits/partner-coupons/reclaim';
const OWN_COUPONS = '/v2/promotions/benefits/coupons';

function post(keys: AkSk, url: string, payload: object) {
  return signedRequest(t.app, keys, { method: 'POST', url, payload });
}

function get(keys: AkSk, url: string) {
  return signedRequest(t.app, keys, { method: 'GET', url });
}

async function issueCoupon(customer: CustomerRow, faceValue: string, extra: object = {}) {
  const response = await post(spKey, COUPONS, {
    quota_id: quotaId,
    customer_ids: [customer.id],
    face_value: faceValue,
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(200);
  const couponId = response.json<{ coupon_infos: { coupon_id: string }[] }>().coupon_infos[0]
    ?.coupon_id;
  if (!couponId) throw new Error(response.body);
  return couponId;
}

async function spendable(customer: CustomerRow) {
  const response = await get(spKey, `/v2/huoban/customers/${customer.id}/spendable-funds`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{
    total_amount: number;
    sources: { type: string; amount: number; expire_time?: string; coupon_id?: string }[];
  }>();
}

async function ownCouponStatus(customer: CustomerRow, couponId: string): Promise<number> {
  const token = await issueTestToken(db, customerRef(customer), t.clock);
  const response = await t.app.inject({
    method: 'GET',
    url: `${OWN_COUPONS}?coupon_id=${couponId}`,
    headers: { 'x-auth-token': token },
  });
  expect(response.statusCode, response.body).toBe(200);
  const [coupon] = response.json<{ user_coupons: { status: number }[] }>().user_coupons;
  if (!coupon) throw new Error(`coupon ${couponId} not listed`);
  return coupon.status;
}

beforeAll(async () => {
  t = await buildTestApp(START);
  db = t.database.db;
  const operator = await buildOrganisation(db, { partnerType: 'operator' });
  const operatorKey = await buildAccessKey(db, t.keyring, memberRef(operator.owner));
  const sp = await buildOrganisation(db);
  spId = sp.partner.id;
  spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  const outsider = await buildOrganisation(db);
  outsiderKey = await buildAccessKey(db, t.keyring, memberRef(outsider.owner));
  const topUp = await post(operatorKey, `/console/api/operator/partners/${spId}/top-ups`, {
    amount: '500.00',
  });
  expect(topUp.statusCode, topUp.body).toBe(200);
  const granted = await post(operatorKey, `/console/api/operator/partners/${spId}/coupon-quotas`, {
    amount: '300.00',
    expire_time: LATER,
  });
  expect(granted.statusCode, granted.body).toBe(200);
  quotaId = granted.json<{ quota_id: string }>().quota_id;
});

afterAll(async () => {
  await t.close();
});

describe('spendable funds with coupons (issue 4 item 6)', () => {
  it('lists cash and each usable coupon with its expiry, soonest first, until the clock ends it', async () => {
    const customer = await buildCustomer(db, spId, { associatedOn: t.clock.now() });
    const moved = await post(spKey, '/v2/accounts/partner-accounts/adjust-amount', {
      customer_id: customer.id,
      amount: '40.00',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const late = await issueCoupon(customer, '25.50');
    const soon = await issueCoupon(customer, '10.00', { expire_time: SOON });
    // Not active yet (未激活): not spendable until its valid time.
    const pending = await issueCoupon(customer, '8.00', { valid_time: '2026-03-20T00:00:00Z' });

    expect(await spendable(customer)).toEqual({
      total_amount: 75.5,
      measure_id: 1,
      currency: 'CNY',
      sources: [
        { type: 'CASH', amount: 40 },
        { type: 'COUPON', amount: 10, expire_time: SOON, coupon_id: soon },
        { type: 'COUPON', amount: 25.5, expire_time: LATER, coupon_id: late },
      ],
    });

    // One millisecond before its expiry the coupon is still usable; at the instant it is not.
    t.clock.set(new Date(Date.parse(SOON) - 1));
    expect(await ownCouponStatus(customer, soon)).toBe(2);
    t.clock.set(SOON);
    expect(await ownCouponStatus(customer, soon)).toBe(4);
    const atExpiry = await spendable(customer);
    expect(atExpiry.sources.map((source) => source.coupon_id ?? source.type)).toEqual([
      'CASH',
      late,
    ]);
    expect(atExpiry.total_amount).toBe(65.5);
    const issued = await get(spKey, `${COUPONS}?coupon_id=${soon}`);
    expect(issued.json()).toMatchObject({ user_coupons: [{ coupon_id: soon, status: 4 }] });
    const expiredOnly = await get(spKey, `${COUPONS}?status=4&customer_id=${customer.id}`);
    expect(
      expiredOnly
        .json<{ user_coupons: { coupon_id: string }[] }>()
        .user_coupons.map((coupon) => coupon.coupon_id),
    ).toEqual([soon]);
    const reclaim = await post(spKey, COUPON_RECLAIM, { coupon_id: soon });
    expect(reclaim.statusCode).toBe(400);
    expect(reclaim.json()).toMatchObject({ error_code: 'CBC.0410' });

    t.clock.set('2026-03-20T00:00:00Z');
    expect(await ownCouponStatus(customer, pending)).toBe(2);
    // Both expire with the quota; coupons of one expiry list in id order.
    const active = await spendable(customer);
    expect(active.sources[0]).toEqual({ type: 'CASH', amount: 40 });
    expect(active.sources.slice(1).map((source) => source.coupon_id)).toEqual(
      [late, pending].sort(),
    );
    expect(active.total_amount).toBe(73.5);

    // Past the quota's expiry every coupon carved from it has expired as well.
    t.clock.set(LATER);
    expect(await spendable(customer)).toMatchObject({
      total_amount: 40,
      sources: [{ type: 'CASH', amount: 40 }],
    });
    t.clock.set(START);
  });

  it('shows an outsider nothing of the customer', async () => {
    const customer = await buildCustomer(db, spId, { associatedOn: t.clock.now() });
    await issueCoupon(customer, '1.00');
    const hidden = await get(outsiderKey, `/v2/huoban/customers/${customer.id}/spendable-funds`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain('COUPON');
  });
});

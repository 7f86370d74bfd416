import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/index.ts';
import { DAY_MS } from '../../platform/clock/index.ts';
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
import { verifyLedger } from '../accounts/index.ts';
import { couponOperations, coupons } from './schema.ts';
import { usableCouponsOf } from './index.ts';

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
let siblingResellerId: string;
let foreignResellerId: string;
let outsiderKey: AkSk;
let outsiderCustomer: CustomerRow;
let spQuota: string;
let distributorQuota: string;

const QUOTAS = '/v2/partners/coupon-quotas/query';
const COUPONS = '/v2/promotions/benefits/partner-coupons';
const COUPON_RECLAIM = '/v2/promotions/benefits/partner-coupons/reclaim';
const COUPON_RECORDS = '/v2/promotions/benefits/partner-coupons/records/query';
const QUOTA_ADJUST = '/v2/partners/coupon-quotas/indirect-partner-adjust';
const QUOTA_RECLAIM = '/v2/partners/coupon-quotas/indirect-partner-reclaim';
const ISSUED_QUOTAS = '/v2/partners/issued-coupon-quotas';
const QUOTA_RECORDS = '/v2/partners/coupon-quotas/records';
const OWN_COUPONS = '/v2/promotions/benefits/coupons';
const OWN_CHANGES = '/v2/promotions/benefits/account-change-records';

const START = new Date('2026-03-10T02:00:00Z');
const EXPIRES = '2026-12-31T16:00:00Z';

function post(keys: AkSk, url: string, payload: object, headers?: Record<string, string>) {
  return signedRequest(t.app, keys, { method: 'POST', url, payload, headers });
}

function get(keys: AkSk, url: string) {
  return signedRequest(t.app, keys, { method: 'GET', url });
}

async function asCustomer(customer: CustomerRow, url: string) {
  const token = await issueTestToken(db, customerRef(customer), t.clock);
  return t.app.inject({ method: 'GET', url, headers: { 'x-auth-token': token } });
}

async function grant(partnerId: string, amount: string, extra: object = {}): Promise<string> {
  const response = await post(
    operatorKey,
    `/console/api/operator/partners/${partnerId}/coupon-quotas`,
    { amount, expire_time: EXPIRES, ...extra },
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ quota_id: string }>().quota_id;
}

interface WireQuota {
  quota_id: string;
  balance: number;
  quota_status: number;
  quota_value: number;
}

async function quotaOf(keys: AkSk, quotaId: string, indirect?: string): Promise<WireQuota> {
  const response = await post(keys, QUOTAS, {
    quota_ids: [quotaId],
    ...(indirect ? { indirect_partner_id: indirect } : {}),
  });
  expect(response.statusCode, response.body).toBe(200);
  const [quota] = response.json<{ quotas: WireQuota[] }>().quotas;
  if (!quota) throw new Error(`quota ${quotaId} not listed`);
  return quota;
}

interface IssueAnswer {
  coupon_infos: { id: string; coupon_id: string }[];
  error_details: { id: string; error_code: string; error_msg: string }[];
}

async function issue(keys: AkSk, payload: object, headers?: Record<string, string>) {
  const response = await post(keys, COUPONS, payload, headers);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<IssueAnswer>();
}

async function usableCoupons(customer: CustomerRow): Promise<string[]> {
  const response = await asCustomer(customer, `${OWN_COUPONS}?status=2`);
  expect(response.statusCode, response.body).toBe(200);
  return response
    .json<{ user_coupons: { coupon_id: string }[] }>()
    .user_coupons.map((coupon) => coupon.coupon_id);
}

async function operationCount(): Promise<number> {
  return (await db.select({ id: couponOperations.id }).from(couponOperations)).length;
}

beforeAll(async () => {
  t = await buildTestApp(START.toISOString());
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
    permissions: [Permissions.COUPON_MANAGE, Permissions.COUPON_VIEW],
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
  siblingResellerId = sibling.partner.id;
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

  spQuota = await grant(spId, '10000.00', { cloud_service_types: ['hws.service.type.ecs'] });
  distributorQuota = await grant(distributorId, '5000.00');
});

afterAll(async () => {
  await t.close();
});

describe('the operator grants coupon quota', () => {
  it('shows the granted quota to its holder only, valid with its whole value', async () => {
    const quota = await quotaOf(spKey, spQuota);
    expect(quota).toMatchObject({ quota_value: 10000, balance: 10000, quota_status: 0 });
    const outsider = await post(outsiderKey, QUOTAS, { quota_ids: [spQuota] });
    expect(outsider.json()).toEqual({ total_count: 0, quotas: [] });
  });

  it('grants only to solution providers and tier-1 distributors, only as the operator', async () => {
    const toReseller = await post(
      operatorKey,
      `/console/api/operator/partners/${resellerId}/coupon-quotas`,
      { amount: '10.00', expire_time: EXPIRES },
    );
    expect(toReseller.statusCode).toBe(400);
    expect(toReseller.json()).toMatchObject({ error_code: 'CBC.0410' });
    const byPartner = await post(spKey, `/console/api/operator/partners/${spId}/coupon-quotas`, {
      amount: '10.00',
      expire_time: EXPIRES,
    });
    expect(byPartner.statusCode).toBe(403);
    const badAmount = await post(
      operatorKey,
      `/console/api/operator/partners/${spId}/coupon-quotas`,
      { amount: '1.005', expire_time: EXPIRES },
    );
    expect(badAmount.statusCode).toBe(400);
    expect(badAmount.json()).toMatchObject({ error_code: 'CBC.0100' });
    expect(badAmount.body).toContain('amount');
  });

  it('reclaims the whole unused balance of a granted quota, once', async () => {
    const quotaId = await grant(spId, '300.00');
    const reclaim = () =>
      post(operatorKey, `/console/api/operator/coupon-quotas/${quotaId}/reclaim`, {});
    const first = await reclaim();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ quota_id: quotaId, amount: '300.00', quota_balance: '0.00' });
    expect(await quotaOf(spKey, quotaId)).toMatchObject({ balance: 0, quota_status: 6 });
    const again = await reclaim();
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error_code: 'CBC.0410' });
  });
});

describe('issuing and reclaiming coupons', () => {
  it('a coupon issued from the quota is listed as issued, leaves the customer’s usable coupons after reclaim, and the quota balance returns', async () => {
    const before = (await quotaOf(spKey, spQuota)).balance;
    const issued = await issue(spKey, {
      quota_id: spQuota,
      customer_ids: [spCustomer.id],
      face_value: '120.50',
      memo: 'wrong-order goodwill',
    });
    expect(issued.error_details).toEqual([]);
    const couponId = issued.coupon_infos[0]?.coupon_id ?? '';
    expect(issued.coupon_infos).toEqual([{ id: spCustomer.id, coupon_id: couponId }]);
    expect((await quotaOf(spKey, spQuota)).balance).toBe(before - 120.5);

    const list = await get(spKey, `${COUPONS}?coupon_id=${couponId}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({
      total_count: 1,
      user_coupons: [
        {
          coupon_id: couponId,
          customer_id: spCustomer.id,
          status: 2,
          face_value: 120.5,
          balance: 120.5,
          coupon_type: 1,
          expire_time: EXPIRES,
          use_limits: [expect.objectContaining({ value1: 'hws.service.type.ecs' })],
        },
      ],
    });
    expect(await usableCoupons(spCustomer)).toContain(couponId);

    const reclaimed = await post(spKey, COUPON_RECLAIM, { coupon_id: couponId });
    expect(reclaimed.statusCode, reclaimed.body).toBe(204);
    expect(await usableCoupons(spCustomer)).not.toContain(couponId);
    const all = await asCustomer(spCustomer, OWN_COUPONS);
    expect(all.body).not.toContain(couponId);
    expect((await quotaOf(spKey, spQuota)).balance).toBe(before);
    const after = await get(spKey, `${COUPONS}?coupon_id=${couponId}`);
    expect(after.json()).toMatchObject({
      user_coupons: [{ coupon_id: couponId, status: 5, balance: 0, reclaimed_amount: 120.5 }],
    });

    // The issuer sees both operations with its remark; the customer sees the moves, not the remark.
    const records = await get(spKey, `${COUPON_RECORDS}?coupon_ids=${couponId}`);
    expect(records.json()).toMatchObject({
      total_count: 2,
      records: [
        { operation_type: '2', operation_amount: 120.5, coupon_id: couponId, result: '0' },
        { operation_type: '1', operation_amount: 120.5, remark: 'wrong-order goodwill' },
      ],
    });
    const changes = await asCustomer(
      spCustomer,
      `${OWN_CHANGES}?balance_type=BALANCE_TYPE_COUPON&coupon_id=${couponId}`,
    );
    expect(changes.statusCode, changes.body).toBe(200);
    expect(changes.json()).toMatchObject({
      total_count: 2,
      records: [
        {
          trade_detail_type: 'COUPONCANCEL',
          change_amount: '-120.50',
          balance_after_change: '0.00',
        },
        {
          trade_detail_type: 'COUPONADJUST',
          change_amount: '120.50',
          balance_after_change: '120.50',
        },
      ],
    });
    expect(changes.body).not.toContain('goodwill');

    const audit = await db.select().from(auditEvents).where(eq(auditEvents.resourceId, couponId));
    expect(audit.map((event) => event.action).sort()).toEqual([
      'coupons.coupon.issue',
      'coupons.coupon.reclaim',
    ]);
    expect((await verifyLedger(db)).differences).toEqual([]);
  });

  it('reports per-customer failures in error_details and issues to the rest', async () => {
    const before = (await quotaOf(spKey, spQuota)).balance;
    const answer = await issue(spKey, {
      quota_id: spQuota,
      customer_ids: [referralCustomer.id, outsiderCustomer.id, spCustomer.id],
      face_value: 10,
    });
    expect(answer.coupon_infos.map((info) => info.id)).toEqual([spCustomer.id]);
    expect(answer.error_details).toEqual([
      expect.objectContaining({ id: referralCustomer.id, error_code: 'CBC.0410' }),
      expect.objectContaining({ id: outsiderCustomer.id, error_code: 'CBC.0404' }),
    ]);
    expect((await quotaOf(spKey, spQuota)).balance).toBe(before - 10);
  });

  it('never issues more than the quota holds, and a refused issue changes nothing', async () => {
    const quotaId = await grant(spId, '50.00');
    const operations = await operationCount();
    const answer = await issue(spKey, {
      quota_id: quotaId,
      customer_ids: [spCustomer.id, managedCustomer.id],
      face_value: '30.00',
    });
    expect(answer.coupon_infos).toHaveLength(1);
    expect(answer.error_details).toEqual([
      expect.objectContaining({ id: managedCustomer.id, error_code: 'CBC.99005003' }),
    ]);
    expect((await quotaOf(spKey, quotaId)).balance).toBe(20);
    expect(await operationCount()).toBe(operations + 1);
  });

  it('refuses bad input naming the field', async () => {
    const cases: [object, string][] = [
      [{ quota_id: spQuota, customer_ids: [spCustomer.id], face_value: '0' }, 'face_value'],
      [{ quota_id: spQuota, customer_ids: [spCustomer.id], face_value: '1.001' }, 'face_value'],
      [
        {
          quota_id: spQuota,
          customer_ids: Array.from({ length: 11 }, (_, i) => `c${i}`),
          face_value: 1,
        },
        'customer_ids',
      ],
      [
        {
          quota_id: spQuota,
          customer_ids: [spCustomer.id],
          face_value: 1,
          cloud_service_types: ['hws.service.type.obs'],
        },
        'cloud_service_types',
      ],
      [
        {
          quota_id: spQuota,
          customer_ids: [spCustomer.id],
          face_value: 1,
          expire_time: '2027-06-01T00:00:00Z',
        },
        'expire_time',
      ],
    ];
    const operations = await operationCount();
    for (const [payload, field] of cases) {
      const response = await post(spKey, COUPONS, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ error_code: 'CBC.0100' });
      expect(response.body).toContain(field);
    }
    expect(await operationCount()).toBe(operations);
  });

  it('issues nothing from an expired quota, and expired coupons are no longer usable', async () => {
    const quotaId = await grant(spId, '100.00', { expire_time: '2026-03-20T00:00:00Z' });
    const answer = await issue(spKey, {
      quota_id: quotaId,
      customer_ids: [spCustomer.id],
      face_value: '5.00',
    });
    const couponId = answer.coupon_infos[0]?.coupon_id ?? '';
    expect(await usableCoupons(spCustomer)).toContain(couponId);
    t.clock.advance(11 * DAY_MS);
    try {
      expect(await usableCoupons(spCustomer)).not.toContain(couponId);
      const own = await asCustomer(spCustomer, `${OWN_COUPONS}?coupon_id=${couponId}`);
      expect(own.json()).toMatchObject({ user_coupons: [{ coupon_id: couponId, status: 4 }] });
      expect((await quotaOf(spKey, quotaId)).quota_status).toBe(3);
      const refused = await post(spKey, COUPONS, {
        quota_id: quotaId,
        customer_ids: [spCustomer.id],
        face_value: '5.00',
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error_code: 'CBC.0410' });
      const reclaim = await post(spKey, COUPON_RECLAIM, { coupon_id: couponId });
      expect(reclaim.statusCode).toBe(400);
      expect(reclaim.json()).toMatchObject({ error_code: 'CBC.0410' });
    } finally {
      t.clock.set(START);
    }
  });

  it('does not return coupons that expired two years ago or more', async () => {
    const quotaId = await grant(spId, '10.00', { expire_time: '2026-04-01T00:00:00Z' });
    const answer = await issue(spKey, {
      quota_id: quotaId,
      customer_ids: [spCustomer.id],
      face_value: '1.00',
    });
    const couponId = answer.coupon_infos[0]?.coupon_id ?? '';
    try {
      t.clock.set('2028-03-31T23:00:00Z');
      expect((await get(spKey, `${COUPONS}?coupon_id=${couponId}`)).json()).toMatchObject({
        total_count: 1,
      });
      t.clock.set('2028-04-01T00:00:00Z');
      expect((await get(spKey, `${COUPONS}?coupon_id=${couponId}`)).json()).toEqual({
        total_count: 0,
        user_coupons: [],
      });
    } finally {
      t.clock.set(START);
    }
  });

  it('replays an issue with the same Idempotency-Key and refuses the key with other parameters', async () => {
    const payload = { quota_id: spQuota, customer_ids: [spCustomer.id], face_value: '2.00' };
    const headers = { 'Idempotency-Key': 'h8-issue-1' };
    const first = await issue(spKey, payload, headers);
    const balance = (await quotaOf(spKey, spQuota)).balance;
    const again = await issue(spKey, payload, headers);
    expect(again).toEqual(first);
    expect((await quotaOf(spKey, spQuota)).balance).toBe(balance);
    const other = await post(spKey, COUPONS, { ...payload, face_value: '3.00' }, headers);
    expect(other.statusCode).toBe(409);
    expect((await quotaOf(spKey, spQuota)).balance).toBe(balance);
  });
});

describe('outsiders', () => {
  let couponId: string;

  beforeAll(async () => {
    const answer = await issue(spKey, {
      quota_id: spQuota,
      customer_ids: [spCustomer.id],
      face_value: '7.00',
    });
    couponId = answer.coupon_infos[0]?.coupon_id ?? '';
  });

  it('another partner neither reads nor moves the coupon or the quota', async () => {
    expect((await get(outsiderKey, `${COUPONS}?coupon_id=${couponId}`)).json()).toMatchObject({
      total_count: 0,
    });
    expect((await get(outsiderKey, COUPON_RECORDS)).json()).toMatchObject({ total_count: 0 });
    const reclaim = await post(outsiderKey, COUPON_RECLAIM, { coupon_id: couponId });
    expect(reclaim.statusCode).toBe(404);
    const issueFromForeign = await post(outsiderKey, COUPONS, {
      quota_id: spQuota,
      customer_ids: [outsiderCustomer.id],
      face_value: 1,
    });
    expect(issueFromForeign.statusCode).toBe(404);
    expect(await usableCoupons(spCustomer)).toContain(couponId);
  });

  it('an unassigned account manager sees and moves only its own customers’ coupons', async () => {
    const list = await get(managerKey, `${COUPONS}?coupon_id=${couponId}`);
    expect(list.json()).toMatchObject({ total_count: 0 });
    const reclaim = await post(managerKey, COUPON_RECLAIM, { coupon_id: couponId });
    expect(reclaim.statusCode).toBe(404);
    const answer = await issue(managerKey, {
      quota_id: spQuota,
      customer_ids: [spCustomer.id, managedCustomer.id],
      face_value: '1.00',
    });
    expect(answer.coupon_infos.map((info) => info.id)).toEqual([managedCustomer.id]);
    expect(answer.error_details).toEqual([
      expect.objectContaining({ id: spCustomer.id, error_code: 'CBC.0404' }),
    ]);
    const own = await get(managerKey, COUPONS);
    const owners = own.json<{ user_coupons: { customer_id: string }[] }>().user_coupons;
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.every((coupon) => coupon.customer_id === managedCustomer.id)).toBe(true);
  });

  it('another partner’s customer never sees the coupon', async () => {
    const own = await asCustomer(outsiderCustomer, OWN_COUPONS);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ count: 0, user_coupons: [] });
    const changes = await asCustomer(
      outsiderCustomer,
      `${OWN_CHANGES}?balance_type=BALANCE_TYPE_COUPON`,
    );
    expect(changes.json()).toMatchObject({ total_count: 0 });
  });

  it('refuses unsigned calls and partner calls to the customer APIs', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: COUPONS });
    expect(anonymous.statusCode).toBe(401);
    const partner = await get(spKey, OWN_COUPONS);
    expect(partner.statusCode).toBe(403);
  });
});

describe('a distributor’s quota for its resellers', () => {
  it('issues quota to a reseller, which issues coupons from it; a reclaim returns the unused rest', async () => {
    const adjust = await post(distributorKey, QUOTA_ADJUST, {
      quota_id: distributorQuota,
      indirect_partner_ids: [resellerId, foreignResellerId],
      quota_amount: '400.00',
    });
    expect(adjust.statusCode, adjust.body).toBe(200);
    const body = adjust.json<{
      simple_quota_infos: { id: string; quota_id: string }[];
      error_details: { id: string; error_code: string }[];
    }>();
    expect(body.error_details).toEqual([
      expect.objectContaining({ id: foreignResellerId, error_code: 'CBC.99000037' }),
    ]);
    const childId = body.simple_quota_infos[0]?.quota_id ?? '';
    expect(body.simple_quota_infos).toEqual([{ id: resellerId, quota_id: childId }]);
    expect((await quotaOf(distributorKey, distributorQuota)).balance).toBe(4600);
    expect(await quotaOf(resellerKey, childId)).toMatchObject({ balance: 400, quota_status: 0 });
    expect(await quotaOf(distributorKey, childId, resellerId)).toMatchObject({ balance: 400 });

    // The sibling reseller sees none of it, and the distributor reads it only for its own reseller.
    const sibling = await post(siblingResellerKey, QUOTAS, {});
    expect(sibling.json()).toMatchObject({ total_count: 0 });
    const foreign = await post(distributorKey, QUOTAS, { indirect_partner_id: foreignResellerId });
    expect(foreign.json()).toMatchObject({ total_count: 0 });

    const coupon = await issue(resellerKey, {
      quota_id: childId,
      customer_ids: [resellerCustomer.id],
      face_value: '150.00',
    });
    expect(coupon.error_details).toEqual([]);
    const siblingIssue = await post(siblingResellerKey, COUPONS, {
      quota_id: childId,
      customer_ids: [resellerCustomer.id],
      face_value: 1,
    });
    expect(siblingIssue.statusCode).toBe(404);

    const issued = await get(distributorKey, `${ISSUED_QUOTAS}?indirect_partner_id=${resellerId}`);
    expect(issued.json()).toMatchObject({
      total_count: 1,
      quotas: [
        {
          quota_id: childId,
          parent_quota_id: distributorQuota,
          indirect_partner_id: resellerId,
          balance: 250,
          quota_value: 400,
        },
      ],
    });
    expect((await get(resellerKey, ISSUED_QUOTAS)).statusCode).toBe(403);

    const reclaim = await post(distributorKey, QUOTA_RECLAIM, {
      quota_ids: [childId, 'no-such-quota'],
      remark: 'season over',
    });
    expect(reclaim.statusCode, reclaim.body).toBe(200);
    expect(reclaim.json()).toMatchObject({
      simple_quota_infos: [{ quota_id: childId, quota_balance: 0 }],
      error_details: [{ id: 'no-such-quota', error_code: 'CBC.0404' }],
    });
    expect((await quotaOf(distributorKey, distributorQuota)).balance).toBe(4850);
    expect(await quotaOf(resellerKey, childId)).toMatchObject({ balance: 0, quota_status: 6 });

    const records = await get(distributorKey, `${QUOTA_RECORDS}?indirect_partner_id=${resellerId}`);
    expect(records.json()).toMatchObject({
      total_count: 2,
      records: [
        { operation_type: '11', amount: 250, quota_id: childId, remark: 'season over' },
        { operation_type: '10', amount: 400, parent_quota_id: distributorQuota },
      ],
    });
    expect((await get(siblingResellerKey, QUOTA_RECORDS)).statusCode).toBe(403);
    expect((await verifyLedger(db)).differences).toEqual([]);
  });

  it('refuses quota moves by non-distributors and for other distributors’ resellers', async () => {
    const bySp = await post(spKey, QUOTA_ADJUST, {
      quota_id: spQuota,
      indirect_partner_ids: [resellerId],
      quota_amount: '1.00',
    });
    expect(bySp.statusCode).toBe(403);
    const siblingQuota = await post(distributorKey, QUOTA_ADJUST, {
      quota_id: distributorQuota,
      indirect_partner_ids: [siblingResellerId],
      quota_amount: '1.00',
    });
    const childId =
      siblingQuota.json<{ simple_quota_infos: { quota_id: string }[] }>().simple_quota_infos[0]
        ?.quota_id ?? '';
    const bySibling = await post(siblingResellerKey, QUOTA_RECLAIM, { quota_ids: [childId] });
    expect(bySibling.statusCode).toBe(403);
    const tooMuch = await post(distributorKey, QUOTA_ADJUST, {
      quota_id: distributorQuota,
      indirect_partner_ids: [resellerId],
      quota_amount: '1000000.00',
    });
    expect(tooMuch.json()).toMatchObject({
      simple_quota_infos: [],
      error_details: [{ id: resellerId, error_code: 'CBC.99005003' }],
    });
  });
});

describe('coupon rows', () => {
  it('keep the issuer’s remark out of every customer-facing answer', async () => {
    const rows = await db.select().from(coupons).where(eq(coupons.customerId, spCustomer.id));
    expect(rows.some((row) => row.memo === 'wrong-order goodwill')).toBe(true);
    const own = await asCustomer(spCustomer, OWN_COUPONS);
    expect(own.body).not.toContain('wrong-order goodwill');
  });
});

describe('usable coupons for the spendable-funds view', () => {
  it('lists a customer’s usable coupons with balance and expiry, not reclaimed ones', async () => {
    const answer = await issue(spKey, {
      quota_id: spQuota,
      customer_ids: [managedCustomer.id],
      face_value: '4.50',
    });
    const couponId = answer.coupon_infos[0]?.coupon_id ?? '';
    const usable = await usableCouponsOf(db, spId, managedCustomer.id, t.clock.now());
    expect(usable.find((coupon) => coupon.couponId === couponId)).toMatchObject({
      expireTime: new Date(EXPIRES),
    });
    expect(usable.find((coupon) => coupon.couponId === couponId)?.balance.toFixed(2)).toBe('4.50');
    expect(
      await usableCouponsOf(db, outsiderCustomer.partnerId, managedCustomer.id, t.clock.now()),
    ).toEqual([]);
    const reclaimed = await post(spKey, COUPON_RECLAIM, { coupon_id: couponId });
    expect(reclaimed.statusCode).toBe(204);
    const after = await usableCouponsOf(db, spId, managedCustomer.id, t.clock.now());
    expect(after.map((coupon) => coupon.couponId)).not.toContain(couponId);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db/index.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import { buildMember, buildOrganisation, memberRef } from '../../../test/factories/org.ts';
import {
  assignDirectly,
  buildCustomer,
  customerRef,
  type CustomerRow,
} from '../../../test/factories/customers.ts';

let t: TestApp;
let db: Db;
let operatorKey: AkSk;
let spKey: AkSk;
let spCustomer: CustomerRow;
let otherCustomer: CustomerRow;
let managedCustomer: CustomerRow;
let managerKey: AkSk;
let distributorKey: AkSk;
let resellerId: string;
let outsiderKey: AkSk;
let outsiderCustomer: CustomerRow;
let spQuota: string;
let distributorQuota: string;
let reclaimedCouponId: string;

const ISSUED = '/console/api/coupons/issued';
const RECORDS = '/console/api/coupons/operation-records';
const EXPORT = '/console/api/coupons/operation-records/export';
const PORTAL_COUPONS = '/console/api/portal/coupons';
const PORTAL_CHANGES = '/console/api/portal/coupons/change-records';

const START = new Date('2026-03-10T02:00:00Z');
const EXPIRES = '2026-12-31T16:00:00Z';

function post(keys: AkSk, url: string, payload: object) {
  return signedRequest(t.app, keys, { method: 'POST', url, payload });
}

function get(keys: AkSk, url: string) {
  return signedRequest(t.app, keys, { method: 'GET', url });
}

async function asCustomer(customer: CustomerRow, url: string) {
  const token = await issueTestToken(db, customerRef(customer), t.clock);
  return t.app.inject({ method: 'GET', url, headers: { 'x-auth-token': token } });
}

async function grant(partnerId: string, amount: string): Promise<string> {
  const response = await post(
    operatorKey,
    `/console/api/operator/partners/${partnerId}/coupon-quotas`,
    {
      amount,
      expire_time: EXPIRES,
    },
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ quota_id: string }>().quota_id;
}

async function issue(keys: AkSk, payload: object): Promise<string[]> {
  const response = await post(keys, '/v2/promotions/benefits/partner-coupons', payload);
  expect(response.statusCode, response.body).toBe(200);
  const answer = response.json<{ coupon_infos: { coupon_id: string }[]; error_details: [] }>();
  expect(answer.error_details).toEqual([]);
  return answer.coupon_infos.map((info) => info.coupon_id);
}

interface NamedCoupon {
  coupon_id: string;
  customer_id: string;
  customer_account_name: string;
  customer_name: string;
  status: number;
  balance: number;
  face_value: number;
  reclaimed_amount?: number;
}

interface RecordRow {
  operation_type: string;
  quota_id: string;
  parent_quota_id: string;
  customer_name: string;
  indirect_partner_name: string;
  amount: string;
  balance_after: string;
  operator: string;
  remark: string;
}

async function records(
  keys: AkSk,
  query = '',
): Promise<{ total_count: number; records: RecordRow[] }> {
  const response = await get(keys, `${RECORDS}${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  t = await buildTestApp(START.toISOString());
  db = t.database.db;
  const operator = await buildOrganisation(db, { partnerType: 'operator' });
  operatorKey = await buildAccessKey(db, t.keyring, memberRef(operator.owner));

  const sp = await buildOrganisation(db);
  spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  spCustomer = await buildCustomer(db, sp.partner.id, { accountName: 'coupon_alpha' });
  otherCustomer = await buildCustomer(db, sp.partner.id, { accountName: 'coupon_beta' });
  managedCustomer = await buildCustomer(db, sp.partner.id, { accountName: 'coupon_managed' });
  const manager = await buildMember(db, {
    partnerId: sp.partner.id,
    permissions: [Permissions.COUPON_MANAGE, Permissions.COUPON_VIEW],
    dataScope: 'mine',
  });
  await assignDirectly(db, managedCustomer, manager.member.id);
  managerKey = await buildAccessKey(db, t.keyring, memberRef(manager.member));

  const distributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  distributorKey = await buildAccessKey(db, t.keyring, memberRef(distributor.owner));
  const reseller = await buildOrganisation(db, {
    partnerType: 'reseller',
    parentPartnerId: distributor.partner.id,
  });
  resellerId = reseller.partner.id;

  const outsider = await buildOrganisation(db);
  outsiderKey = await buildAccessKey(db, t.keyring, memberRef(outsider.owner));
  outsiderCustomer = await buildCustomer(db, outsider.partner.id);

  spQuota = await grant(sp.partner.id, '10000.00');
  distributorQuota = await grant(distributor.partner.id, '5000.00');

  await issue(spKey, {
    quota_id: spQuota,
    customer_ids: [spCustomer.id, otherCustomer.id],
    face_value: '300.00',
    minimum_order_amount: '50.00',
    memo: 'spring campaign',
  });
  t.clock.advance(60_000);
  [reclaimedCouponId = ''] = await issue(spKey, {
    quota_id: spQuota,
    customer_ids: [managedCustomer.id],
    face_value: '120.50',
  });
  t.clock.advance(60_000);
  const reclaim = await post(spKey, '/v2/promotions/benefits/partner-coupons/reclaim', {
    coupon_id: reclaimedCouponId,
  });
  expect(reclaim.statusCode, reclaim.body).toBe(204);

  const toReseller = await post(
    distributorKey,
    '/v2/partners/coupon-quotas/indirect-partner-adjust',
    {
      quota_id: distributorQuota,
      indirect_partner_ids: [resellerId],
      quota_amount: '800.00',
    },
  );
  expect(toReseller.statusCode, toReseller.body).toBe(200);
});

afterAll(async () => {
  await t.close();
});

describe('已发放代金券 with names', () => {
  it('lists the issuer’s coupons with each customer’s account and company name', async () => {
    const response = await get(spKey, ISSUED);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ total_count: number; user_coupons: NamedCoupon[] }>();
    expect(body.total_count).toBe(3);
    const alpha = body.user_coupons.find((coupon) => coupon.customer_id === spCustomer.id);
    expect(alpha).toMatchObject({
      customer_account_name: 'coupon_alpha',
      customer_name: spCustomer.customerName,
      face_value: 300,
      balance: 300,
      status: 2,
    });
    // Reclaimed coupons stay listed with the amount taken back (R-COUP-06).
    const reclaimed = body.user_coupons.find((coupon) => coupon.coupon_id === reclaimedCouponId);
    expect(reclaimed).toMatchObject({
      customer_account_name: 'coupon_managed',
      status: 5,
      balance: 0,
      reclaimed_amount: 120.5,
    });
  });

  it('filters by status and pages', async () => {
    const usable = await get(spKey, `${ISSUED}?status=2&limit=1`);
    const body = usable.json<{ total_count: number; user_coupons: NamedCoupon[] }>();
    expect(body.total_count).toBe(2);
    expect(body.user_coupons).toHaveLength(1);
  });

  it('shows an account manager only its own customers’ coupons', async () => {
    const response = await get(managerKey, ISSUED);
    const body = response.json<{ user_coupons: NamedCoupon[] }>();
    expect(body.user_coupons.map((coupon) => coupon.customer_id)).toEqual([managedCustomer.id]);
  });

  it('shows another partner nothing', async () => {
    const response = await get(outsiderKey, ISSUED);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ total_count: 0, user_coupons: [] });
  });

  it('refuses bad filters naming the field, and unsigned calls', async () => {
    const bad = await get(spKey, `${ISSUED}?status=9`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error_code: string; error_msg: string }>()).toMatchObject({
      error_code: 'CBC.0100',
    });
    expect(bad.json<{ error_msg: string }>().error_msg).toContain('status');
    const anonymous = await t.app.inject({ method: 'GET', url: ISSUED });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('操作记录', () => {
  it('lists issues and reclaims newest first, with amounts, remark and operator', async () => {
    const body = await records(spKey);
    expect(body.total_count).toBe(4);
    expect(body.records.map((row) => row.operation_type)).toEqual(['2', '1', '1', '1']);
    const [reclaim] = body.records;
    expect(reclaim).toMatchObject({
      quota_id: spQuota,
      customer_name: 'coupon_managed',
      amount: '120.50',
      balance_after: '0.00',
    });
    const issued = body.records.filter((row) => row.remark === 'spring campaign');
    expect(issued.map((row) => row.amount)).toEqual(['300.00', '300.00']);
    expect(reclaim?.operator).toContain('/');
  });

  it('filters by customer name, quota, operator and time', async () => {
    expect((await records(spKey, '?name=ALPHA')).records.map((row) => row.customer_name)).toEqual([
      'coupon_alpha',
    ]);
    expect((await records(spKey, `?quota_id=${spQuota}`)).total_count).toBe(4);
    expect((await records(spKey, '?quota_id=other')).total_count).toBe(0);
    const operator = (await records(spKey)).records[0]?.operator ?? '';
    expect((await records(spKey, `?operator=${encodeURIComponent(operator)}`)).total_count).toBe(4);
    expect((await records(spKey, '?operator=nobody')).total_count).toBe(0);
    // A wildcard in the search is a plain character, not "anything".
    expect((await records(spKey, '?name=%25')).total_count).toBe(0);
    const late = new Date(START.getTime() + 90_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect((await records(spKey, `?operation_time_begin=${late}`)).records).toHaveLength(1);
    expect((await records(spKey, `?operation_time_end=${late}`)).total_count).toBe(3);
  });

  it('shows a distributor its reseller-quota moves, and kind narrows the log', async () => {
    const body = await records(distributorKey);
    expect(body.records).toHaveLength(1);
    expect(body.records[0]).toMatchObject({
      operation_type: '10',
      parent_quota_id: distributorQuota,
      amount: '800.00',
    });
    expect((await records(distributorKey, `?quota_id=${distributorQuota}`)).total_count).toBe(1);
    expect((await records(distributorKey, '?kind=coupon')).total_count).toBe(0);
    expect((await records(spKey, '?kind=quota')).total_count).toBe(0);
  });

  it('shows an account manager its customers’ lines only, another partner none', async () => {
    const mine = await records(managerKey);
    expect(mine.records.map((row) => row.customer_name)).toEqual([
      'coupon_managed',
      'coupon_managed',
    ]);
    expect(await records(outsiderKey)).toEqual({ total_count: 0, records: [] });
  });

  it('refuses bad filters naming the field', async () => {
    for (const [query, field] of [
      ['?kind=all', 'kind'],
      ['?operation_time_begin=yesterday', 'operation_time_begin'],
      ['?limit=1000', 'limit'],
      ['?unknown=1', 'unknown'],
    ] as const) {
      const response = await get(spKey, `${RECORDS}${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ error_code: string }>().error_code).toBe('CBC.0100');
      expect(response.json<{ error_msg: string }>().error_msg, query).toContain(field);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: RECORDS });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('操作记录 export', () => {
  it('writes the filtered log as CSV with customer names masked', async () => {
    const response = await get(spKey, `${EXPORT}?name=alpha`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('coupon-operations');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('operation_time,operation_type,quota_id');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('c***********');
    expect(lines[1]).not.toContain('coupon_alpha');
    expect(lines[1]).toContain('300.00');
    expect(lines[1]).toContain('spring campaign');
  });

  it('writes XLSX', async () => {
    const response = await get(spKey, `${EXPORT}?format=xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.rowCount).toBe(5);
  });

  it('gives another partner an empty file and refuses an unknown format', async () => {
    const outsider = await get(outsiderKey, EXPORT);
    expect(outsider.statusCode).toBe(200);
    expect(
      outsider.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1);
    const pdf = await get(spKey, `${EXPORT}?format=pdf`);
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json<{ error_msg: string }>().error_msg).toContain('format');
  });
});

describe('portal 优惠券', () => {
  it('shows the customer its coupons, not the reclaimed ones, without the remark', async () => {
    const response = await asCustomer(spCustomer, PORTAL_COUPONS);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ count: number; user_coupons: Record<string, unknown>[] }>();
    expect(body.count).toBe(1);
    expect(body.user_coupons[0]).toMatchObject({
      customer_id: spCustomer.id,
      face_value: 300,
      balance: 300,
      status: 2,
      expire_time: EXPIRES,
    });
    expect(response.body).not.toContain('spring campaign');
    const reclaimed = await asCustomer(managedCustomer, PORTAL_COUPONS);
    expect(reclaimed.json()).toMatchObject({ count: 0, user_coupons: [] });
  });

  it('lists the customer’s coupon changes: the issue, and for a reclaimed one the reclaim', async () => {
    const mine = await asCustomer(spCustomer, PORTAL_CHANGES);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({
      total_count: 1,
      records: [{ change_amount: '300.00', revenue_expense_type: 'REVENUE' }],
    });
    const managed = await asCustomer(
      managedCustomer,
      `${PORTAL_CHANGES}?revenue_expense_type=EXPENSE`,
    );
    expect(managed.json()).toMatchObject({
      total_count: 1,
      records: [{ change_amount: '-120.50', balance_after_change: '0.00' }],
    });
  });

  it('shows another partner’s customer none of them', async () => {
    const coupons = await asCustomer(outsiderCustomer, PORTAL_COUPONS);
    expect(coupons.json()).toMatchObject({ count: 0 });
    const changes = await asCustomer(outsiderCustomer, PORTAL_CHANGES);
    expect(changes.json()).toMatchObject({ total_count: 0 });
  });

  it('refuses bad input naming the field, partners and unsigned calls', async () => {
    const bad = await asCustomer(spCustomer, `${PORTAL_CHANGES}?trade_time_begin=2026-13-45`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error_msg: string }>().error_msg).toContain('trade_time_begin');
    const badStatus = await asCustomer(spCustomer, `${PORTAL_COUPONS}?status=0`);
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json<{ error_msg: string }>().error_msg).toContain('status');
    const partner = await get(spKey, PORTAL_COUPONS);
    expect(partner.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: PORTAL_CHANGES });
    expect(anonymous.statusCode).toBe(401);
  });
});

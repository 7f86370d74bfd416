import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/index.ts';
import type { PrincipalRef } from '../../platform/auth/principal.ts';
import { DAY_MS } from '../../platform/clock/index.ts';
import { withTransaction, type Db } from '../../platform/db/index.ts';
import type { Money } from '../../platform/money/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import { buildOrganisation, memberContext, memberRef } from '../../../test/factories/org.ts';
import { buildCustomer, customerRef, type CustomerRow } from '../../../test/factories/customers.ts';
import {
  balanceOf,
  returnBalanceOnDisassociation,
  verifyLedger,
  type AccountKey,
} from '../accounts/index.ts';
import { coupons } from './schema.ts';
import { reclaimCouponsOnDisassociation } from './index.ts';

let t: TestApp;
let db: Db;
let operatorKey: AkSk;
let spId: string;
let spKey: AkSk;
let spOwner: PrincipalRef;
let spOwnerMember: { id: string; partnerId: string };
let quotaId: string;

const START = new Date('2026-03-10T02:00:00Z');
const ADJUST = '/v2/accounts/partner-accounts/adjust-amount';
const ADJUST_RECORDS = '/v3/accounts/partner-accounts/adjust-records';
const COUPONS = '/v2/promotions/benefits/partner-coupons';
const COUPON_RECORDS = '/v2/promotions/benefits/partner-coupons/records/query';

/** Huawei's UTC time without milliseconds. */
function wireTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function post(keys: AkSk, url: string, payload: object) {
  return signedRequest(t.app, keys, { method: 'POST', url, payload });
}

function get(keys: AkSk, url: string) {
  return signedRequest(t.app, keys, { method: 'GET', url });
}

async function asToken(who: PrincipalRef, url: string, payload: object) {
  const token = await issueTestToken(db, who, t.clock);
  return t.app.inject({ method: 'POST', url, payload, headers: { 'x-auth-token': token } });
}

function cashOf(owner: { type: 'partner' | 'customer'; id: string }): Promise<Money> {
  const key: AccountKey = {
    partnerId: spId,
    ownerType: owner.type,
    ownerId: owner.id,
    kind: 'cash',
  };
  return balanceOf(db, key);
}

function quotaBalance(): Promise<Money> {
  return balanceOf(db, {
    partnerId: spId,
    ownerType: 'partner',
    ownerId: spId,
    kind: 'coupon_quota',
    reference: quotaId,
  });
}

async function issueCoupon(customer: CustomerRow, faceValue: string, extra: object = {}) {
  const response = await post(spKey, COUPONS, {
    quota_id: quotaId,
    customer_ids: [customer.id],
    face_value: faceValue,
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(200);
  const answer = response.json<{ coupon_infos: { coupon_id: string }[] }>();
  const couponId = answer.coupon_infos[0]?.coupon_id;
  if (!couponId) throw new Error(response.body);
  return couponId;
}

/** The automatic reclaims audited for the customer's money, one event per move. */
async function reclaimsAudited(customer: CustomerRow): Promise<string[]> {
  const events = await db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.resourceName, customer.accountName),
        inArray(auditEvents.action, [
          'accounts.customer.reclaim_on_disassociation',
          'coupons.coupon.reclaim_on_disassociation',
        ]),
      ),
    );
  return events.map((event) => event.action).sort();
}

async function couponRow(couponId: string) {
  const [row] = await db.select().from(coupons).where(eq(coupons.id, couponId));
  if (!row) throw new Error(`coupon ${couponId} vanished`);
  return row;
}

/** The partner asks, the customer agrees in the portal: the disassociation completes. */
async function disassociate(customer: CustomerRow): Promise<void> {
  const submitted = await asToken(
    spOwner,
    `/console/api/customers/${customer.id}/association-requests`,
    { kind: 'disassociate', reason: 'moving to another partner', acknowledged: true },
  );
  expect(submitted.statusCode, submitted.body).toBe(200);
  const { id } = submitted.json<{ id: string }>();
  const approved = await asToken(
    customerRef(customer),
    `/console/api/portal/association/requests/${id}/approve`,
    {},
  );
  expect(approved.statusCode, approved.body).toBe(200);
}

beforeAll(async () => {
  t = await buildTestApp(START);
  db = t.database.db;
  const operator = await buildOrganisation(db, { partnerType: 'operator' });
  operatorKey = await buildAccessKey(db, t.keyring, memberRef(operator.owner));
  const sp = await buildOrganisation(db);
  spId = sp.partner.id;
  spOwnerMember = sp.owner;
  spOwner = memberRef(sp.owner);
  spKey = await buildAccessKey(db, t.keyring, spOwner);
  const topUp = await post(operatorKey, `/console/api/operator/partners/${spId}/top-ups`, {
    amount: '1000.00',
  });
  expect(topUp.statusCode, topUp.body).toBe(200);
  const granted = await post(operatorKey, `/console/api/operator/partners/${spId}/coupon-quotas`, {
    amount: '500.00',
    expire_time: '2026-12-31T16:00:00Z',
  });
  expect(granted.statusCode, granted.body).toBe(200);
  quotaId = granted.json<{ quota_id: string }>().quota_id;
});

afterAll(async () => {
  await t.close();
});

describe('a completed disassociation (R-DIS-07, R-COUP-07)', () => {
  it('returns the cash and the unused partner coupons in the same transaction, in the records', async () => {
    const leaving = await buildCustomer(db, spId, { associatedOn: t.clock.now() });
    const staying = await buildCustomer(db, spId, { associatedOn: t.clock.now() });
    const allocated = await post(spKey, ADJUST, { customer_id: leaving.id, amount: '100.25' });
    expect(allocated.statusCode, allocated.body).toBe(200);
    const usable = await issueCoupon(leaving, '50.00');
    const inactive = await issueCoupon(leaving, '20.00', {
      valid_time: wireTime(START.getTime() + 30 * DAY_MS),
    });
    const expiring = await issueCoupon(leaving, '5.00', {
      expire_time: wireTime(START.getTime() + DAY_MS),
    });
    const othersCoupon = await issueCoupon(staying, '7.00');
    expect((await cashOf({ type: 'partner', id: spId })).toFixed(2)).toBe('899.75');
    expect((await quotaBalance()).toFixed(2)).toBe('418.00');

    // The 5.00 coupon expires before the customer leaves: it is not the partner's to take back.
    t.clock.advance(2 * DAY_MS);
    await disassociate(leaving);

    expect((await cashOf({ type: 'customer', id: leaving.id })).toFixed(2)).toBe('0.00');
    expect((await cashOf({ type: 'partner', id: spId })).toFixed(2)).toBe('1000.00');
    expect((await quotaBalance()).toFixed(2)).toBe('488.00');
    expect(await couponRow(usable)).toMatchObject({
      status: 'reclaimed',
      reclaimedAmount: '50.00',
    });
    expect(await couponRow(inactive)).toMatchObject({
      status: 'reclaimed',
      reclaimedAmount: '20.00',
    });
    expect(await couponRow(expiring)).toMatchObject({ status: 'issued', reclaimedAmount: null });
    expect(await couponRow(othersCoupon)).toMatchObject({ status: 'issued' });

    const adjustRecords = await get(spKey, `${ADJUST_RECORDS}?customer_id=${leaving.id}`);
    expect(adjustRecords.statusCode, adjustRecords.body).toBe(200);
    expect(adjustRecords.json()).toMatchObject({
      total_count: 2,
      records: [
        { operation_type: 'SOURCE_OPERATION_BERETRIEVE', amount: '100.25' },
        { operation_type: 'SOURCE_OPERATION_BEADJUST', amount: '100.25' },
      ],
    });
    const couponRecords = await get(
      spKey,
      `${COUPON_RECORDS}?customer_id=${leaving.id}&operation_types=2`,
    );
    expect(couponRecords.statusCode, couponRecords.body).toBe(200);
    const reclaims = couponRecords.json<{
      records: { coupon_id: string; operation_amount: number; remark: string }[];
    }>().records;
    expect(reclaims.map((record) => [record.coupon_id, record.operation_amount]).sort()).toEqual(
      [
        [inactive, 20],
        [usable, 50],
      ].sort(),
    );
    expect(reclaims.every((record) => record.remark === 'disassociation')).toBe(true);

    const audit = await db
      .select({ action: auditEvents.action, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(
        inArray(auditEvents.action, [
          'accounts.customer.reclaim_on_disassociation',
          'coupons.coupon.reclaim_on_disassociation',
        ]),
      );
    expect(audit.map((event) => event.action).sort()).toEqual([
      'accounts.customer.reclaim_on_disassociation',
      'coupons.coupon.reclaim_on_disassociation',
      'coupons.coupon.reclaim_on_disassociation',
    ]);
    // The customer approved, so the customer is the actor of the moves.
    expect(audit.every((event) => event.actorId === leaving.id)).toBe(true);

    expect((await verifyLedger(db)).differences).toEqual([]);
  });

  it('moves nothing for a customer that holds nothing', async () => {
    const empty = await buildCustomer(db, spId, { associatedOn: t.clock.now() });
    const partnerCash = await cashOf({ type: 'partner', id: spId });
    await disassociate(empty);
    expect(await reclaimsAudited(empty)).toEqual([]);
    expect((await cashOf({ type: 'partner', id: spId })).eq(partnerCash)).toBe(true);
  });
});

describe('the disassociation effects as services', () => {
  it('return only what is left: a second run moves nothing', async () => {
    const customer = await buildCustomer(db, spId, { associatedOn: t.clock.now() });
    const allocated = await post(spKey, ADJUST, { customer_id: customer.id, amount: 12 });
    expect(allocated.statusCode, allocated.body).toBe(200);
    const couponId = await issueCoupon(customer, '3.10');
    const ctx = await memberContext(db, t.clock, spOwnerMember);
    const input = {
      partnerId: spId,
      customer,
      request: {} as never,
    };
    for (let run = 0; run < 2; run += 1) {
      await withTransaction(db, async (tx) => {
        await returnBalanceOnDisassociation(tx, ctx, input);
        await reclaimCouponsOnDisassociation(tx, ctx, input);
      });
    }
    expect((await cashOf({ type: 'customer', id: customer.id })).toFixed(2)).toBe('0.00');
    expect(await couponRow(couponId)).toMatchObject({
      status: 'reclaimed',
      reclaimedAmount: '3.10',
    });
    expect(await reclaimsAudited(customer)).toEqual([
      'accounts.customer.reclaim_on_disassociation',
      'coupons.coupon.reclaim_on_disassociation',
    ]);
    expect((await verifyLedger(db)).differences).toEqual([]);
  });
});

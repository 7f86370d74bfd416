import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/index.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import { MINUTE_MS } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { lastMessageTo } from '../../../test/helpers/mail.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import {
  buildMember,
  buildOrganisation,
  memberRef,
  type BuiltOrganisation,
} from '../../../test/factories/org.ts';
import { DEFAULT_TEST_PASSWORD } from '../../../test/factories/partners.ts';
import { buildCustomer, type CustomerRow } from '../../../test/factories/customers.ts';

let t: TestApp;
let db: Db;
let sp: BuiltOrganisation;
let spKey: AkSk;
let customer: CustomerRow;
let quotaId: string;
let session: ConsoleSession;
let outsider: BuiltOrganisation;
let outsiderCustomer: CustomerRow;
let operatorKey: AkSk;

const SETTING = '/console/api/partner/operation-verification';
const SEND = '/console/api/operation-codes';
const BATCH_ALLOCATE = '/console/api/funds/allocations/batch';
const BATCH_RECLAIM = '/console/api/funds/reclaims/batch';
const ISSUE = '/v2/promotions/benefits/partner-coupons';
const RECLAIM_COUPON = '/v2/promotions/benefits/partner-coupons/reclaim';
const ADJUST = '/v2/accounts/partner-accounts/adjust-amount';
const BALANCES = '/v2/accounts/customer-accounts/balances/batch-query';
const BUDGETS = '/console/api/budgets/batch';

interface ConsoleSession {
  headers: { cookie: string; 'x-csrf-token': string };
}

/** Signs a partner member in to the console the way the browser does (cookie + CSRF token). */
async function signIn(partnerName: string, userName?: string): Promise<ConsoleSession> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/console/api/session',
    payload: {
      account_name: partnerName,
      ...(userName ? { user_name: userName } : {}),
      password: DEFAULT_TEST_PASSWORD,
    },
  });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = response.json<{ csrf_token: string }>().csrf_token;
  return { headers: { cookie, 'x-csrf-token': csrf } };
}

function inSession(
  who: ConsoleSession,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
  code?: string,
) {
  return t.app.inject({
    method,
    url,
    headers: { ...who.headers, ...(code === undefined ? {} : { 'x-verification-code': code }) },
    ...(payload ? { payload } : {}),
  });
}

async function balanceOf(target: CustomerRow): Promise<number> {
  const response = await signedRequest(t.app, spKey, {
    method: 'POST',
    url: BALANCES,
    payload: { customer_infos: [{ customer_id: target.id }] },
  });
  return (
    response.json<{ customer_balances: { amount: number }[] }>().customer_balances[0]?.amount ?? 0
  );
}

/** Asks for a code and reads it from the member's mailbox. */
async function mailedCode(who: ConsoleSession, email: string): Promise<string> {
  const sent = await inSession(who, 'POST', SEND);
  expect(sent.statusCode, sent.body).toBe(200);
  expect(sent.json()).toMatchObject({ email: email.toLowerCase() });
  const code = /(\d{6})/.exec(lastMessageTo(t.outbox, email.toLowerCase()).subject)?.[1];
  if (!code) throw new Error('no code in the mail');
  return code;
}

const allocate10 = () => ({ items: [{ customer_id: customer.id, amount: '10.00' }] });

beforeAll(async () => {
  t = await buildTestApp(new Date('2026-03-10T02:00:00Z'));
  db = t.database.db;
  const operator = await buildOrganisation(db, { partnerType: 'operator' });
  operatorKey = await buildAccessKey(db, t.keyring, memberRef(operator.owner));
  sp = await buildOrganisation(db);
  spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  customer = await buildCustomer(db, sp.partner.id, { associatedOn: t.clock.now() });
  outsider = await buildOrganisation(db);
  outsiderCustomer = await buildCustomer(db, outsider.partner.id);
  for (const partnerId of [sp.partner.id, outsider.partner.id]) {
    const topUp = await signedRequest(t.app, operatorKey, {
      method: 'POST',
      url: `/console/api/operator/partners/${partnerId}/top-ups`,
      payload: { amount: '1000.00' },
    });
    expect(topUp.statusCode, topUp.body).toBe(200);
  }
  const granted = await signedRequest(t.app, operatorKey, {
    method: 'POST',
    url: `/console/api/operator/partners/${sp.partner.id}/coupon-quotas`,
    payload: { amount: '100.00', expire_time: '2026-12-31T16:00:00Z' },
  });
  expect(granted.statusCode, granted.body).toBe(200);
  quotaId = granted.json<{ quota_id: string }>().quota_id;
  session = await signIn(sp.partner.name);
});

afterAll(async () => {
  await t.close();
});

describe('验证码验证 (X4, R-FUND-04, R-COUP-05)', () => {
  it('is off by default: console moves need no code', async () => {
    expect((await inSession(session, 'GET', SETTING)).json()).toEqual({ enabled: false });
    const moved = await inSession(session, 'POST', BATCH_ALLOCATE, allocate10());
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ error_details: [] });
  });

  it('is switched by the main account only, audited, with the field checked', async () => {
    const admin = await buildMember(db, {
      partnerId: sp.partner.id,
      permissions: [Permissions.ACCOUNT_FUNDS_MANAGE, Permissions.ACCOUNT_BALANCE_VIEW],
    });
    const adminToken = await issueTestToken(db, memberRef(admin.member), t.clock);
    const refused = await t.app.inject({
      method: 'PUT',
      url: SETTING,
      payload: { enabled: true },
      headers: { 'x-auth-token': adminToken },
    });
    expect(refused.statusCode).toBe(403);
    const bad = await inSession(session, 'PUT', SETTING, { enabled: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error_code: 'CBC.0100' });
    expect(bad.body).toContain('enabled');
    expect((await inSession(session, 'GET', SETTING)).json()).toEqual({ enabled: false });

    const on = await inSession(session, 'PUT', SETTING, { enabled: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toEqual({ enabled: true });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.partnerId, sp.partner.id),
          eq(auditEvents.action, 'customers.operation_verification.update'),
        ),
      );
    expect(event).toMatchObject({ before: { enabled: false }, after: { enabled: true } });
    // Another partner's switch is its own.
    const other = await signIn(outsider.partner.name);
    expect((await inSession(other, 'GET', SETTING)).json()).toEqual({ enabled: false });
    const theirs = await inSession(other, 'POST', BATCH_ALLOCATE, {
      items: [{ customer_id: outsiderCustomer.id, amount: '1.00' }],
    });
    expect(theirs.json()).toMatchObject({ error_details: [] });
  });

  it('refuses a console 拨款/回收 without the code, and moves nothing', async () => {
    const before = await balanceOf(customer);
    for (const url of [BATCH_ALLOCATE, BATCH_RECLAIM]) {
      const refused = await inSession(session, 'POST', url, allocate10());
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error_code: 'CBC.0100' });
      expect(refused.body).toContain('verification_code');
    }
    const none = await inSession(session, 'POST', BATCH_ALLOCATE, allocate10(), '123456');
    expect(none.json()).toMatchObject({ error_code: 'CBC.0100' });
    expect(none.body).toContain('send one first');
    expect(await balanceOf(customer)).toBe(before);
  });

  it('takes the mailed code once: a wrong one is refused, the right one moves, a reuse is refused', async () => {
    const before = await balanceOf(customer);
    const code = await mailedCode(session, sp.partner.email);
    const wrong = code === '000000' ? '111111' : '000000';
    const refused = await inSession(session, 'POST', BATCH_ALLOCATE, allocate10(), wrong);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('incorrect');
    const moved = await inSession(session, 'POST', BATCH_ALLOCATE, allocate10(), code);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ error_details: [] });
    expect(await balanceOf(customer)).toBe(before + 10);
    const again = await inSession(session, 'POST', BATCH_ALLOCATE, allocate10(), code);
    expect(again.statusCode).toBe(400);
    expect(await balanceOf(customer)).toBe(before + 10);
  });

  it('applies to coupon issue and reclaim made in the console', async () => {
    const issue = { quota_id: quotaId, customer_ids: [customer.id], face_value: '5.00' };
    const refused = await inSession(session, 'POST', ISSUE, issue);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('verification_code');
    const issued = await inSession(
      session,
      'POST',
      ISSUE,
      issue,
      await mailedCode(session, sp.partner.email),
    );
    expect(issued.statusCode, issued.body).toBe(200);
    const couponId =
      issued.json<{ coupon_infos: { coupon_id: string }[] }>().coupon_infos[0]?.coupon_id ?? '';
    const reclaimRefused = await inSession(session, 'POST', RECLAIM_COUPON, {
      coupon_id: couponId,
    });
    expect(reclaimRefused.statusCode).toBe(400);
    const reclaimed = await inSession(
      session,
      'POST',
      RECLAIM_COUPON,
      { coupon_id: couponId },
      await mailedCode(session, sp.partner.email),
    );
    expect(reclaimed.statusCode, reclaimed.body).toBe(204);
  });

  it('applies to budgets set in the console, which stay as they were without the code', async () => {
    const budget = { budgets: [{ customer_id: customer.id, budget_amount: '300.00' }] };
    const refused = await inSession(session, 'POST', BUDGETS, budget);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error_code: 'CBC.0100' });
    expect(refused.body).toContain('verification_code');
    const listed = () =>
      inSession(session, 'POST', '/console/api/budgets/query', { customer_ids: [customer.id] });
    expect((await listed()).json()).toMatchObject({ budget_infos: [] });
    const set = await inSession(
      session,
      'POST',
      BUDGETS,
      budget,
      await mailedCode(session, sp.partner.email),
    );
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ error_details: [] });
    expect((await listed()).json()).toMatchObject({
      budget_infos: [{ customer_id: customer.id, budget_amount: 300 }],
    });
    // The tests after this one count their own codes within the hourly limit of 5.
    t.clock.advance(61 * MINUTE_MS);
  });

  it('lets a code expire after 10 minutes and ends it after 5 wrong attempts', async () => {
    const expiring = await mailedCode(session, sp.partner.email);
    t.clock.advance(10 * MINUTE_MS);
    const late = await inSession(session, 'POST', BATCH_ALLOCATE, allocate10(), expiring);
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('expired');

    const code = await mailedCode(session, sp.partner.email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const refused = await inSession(session, 'POST', BATCH_ALLOCATE, allocate10(), wrong);
      expect(refused.json()).toMatchObject({ error_code: 'CBC.0100' });
    }
    const fifth = await inSession(session, 'POST', BATCH_ALLOCATE, allocate10(), wrong);
    expect(fifth.json()).toMatchObject({ error_code: 'CBC.99004009' });
    const right = await inSession(session, 'POST', BATCH_ALLOCATE, allocate10(), code);
    expect(right.json()).toMatchObject({ error_code: 'CBC.99004009' });
  });

  it('does not ask open-API callers, whose Huawei fields carry no code', async () => {
    const before = await balanceOf(customer);
    const moved = await signedRequest(t.app, spKey, {
      method: 'POST',
      url: ADJUST,
      payload: { customer_id: customer.id, amount: '2.00' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await balanceOf(customer)).toBe(before + 2);
  });

  it('sends codes only to partner members, at most 5 an hour', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: SEND });
    expect(anonymous.statusCode).toBe(401);
    t.clock.advance(61 * MINUTE_MS);
    for (let sent = 0; sent < 5; sent += 1) {
      expect((await inSession(session, 'POST', SEND)).statusCode).toBe(200);
    }
    const sixth = await inSession(session, 'POST', SEND);
    expect(sixth.json()).toMatchObject({ error_code: 'CBC.99000082' });
  });
});

describe('验证码验证 on a distributor’s reseller moves (X4)', () => {
  it('asks for the code on reseller 拨款/回收 and on quota issue/reclaim made in the console', async () => {
    const distributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
    const reseller = await buildOrganisation(db, {
      partnerType: 'reseller',
      parentPartnerId: distributor.partner.id,
    });
    const topUp = await signedRequest(t.app, operatorKey, {
      method: 'POST',
      url: `/console/api/operator/partners/${distributor.partner.id}/top-ups`,
      payload: { amount: '100.00' },
    });
    expect(topUp.statusCode, topUp.body).toBe(200);
    const granted = await signedRequest(t.app, operatorKey, {
      method: 'POST',
      url: `/console/api/operator/partners/${distributor.partner.id}/coupon-quotas`,
      payload: { amount: '50.00', expire_time: '2026-12-31T16:00:00Z' },
    });
    const parentQuota = granted.json<{ quota_id: string }>().quota_id;
    const owner = await signIn(distributor.partner.name);
    expect((await inSession(owner, 'PUT', SETTING, { enabled: true })).statusCode).toBe(200);
    const email = distributor.partner.email;
    const toReseller = { indirect_partner_id: reseller.partner.id, amount: '20.00' };

    for (const [url, payload] of [
      ['/v2/accounts/partner-accounts/indirect-partner-adjust', toReseller],
      [
        '/v2/partners/coupon-quotas/indirect-partner-adjust',
        {
          quota_id: parentQuota,
          indirect_partner_ids: [reseller.partner.id],
          quota_amount: '5.00',
        },
      ],
    ] as const) {
      const refused = await inSession(owner, 'POST', url, payload);
      expect(refused.statusCode, url).toBe(400);
      expect(refused.body).toContain('verification_code');
      const done = await inSession(owner, 'POST', url, payload, await mailedCode(owner, email));
      expect(done.statusCode, done.body).toBe(200);
    }
    const reclaimed = await inSession(
      owner,
      'POST',
      '/v2/accounts/partner-accounts/indirect-partner-reclaim',
      { indirect_partner_id: reseller.partner.id, amount: '5.00' },
      await mailedCode(owner, email),
    );
    expect(reclaimed.statusCode, reclaimed.body).toBe(200);
    const quotas = await inSession(
      owner,
      'GET',
      `/v2/partners/issued-coupon-quotas?indirect_partner_id=${reseller.partner.id}`,
    );
    const childQuota = quotas.json<{ quotas: { quota_id: string }[] }>().quotas[0]?.quota_id ?? '';
    const quotaReclaim = { quota_ids: [childQuota] };
    const quotaRefused = await inSession(
      owner,
      'POST',
      '/v2/partners/coupon-quotas/indirect-partner-reclaim',
      quotaReclaim,
    );
    expect(quotaRefused.statusCode).toBe(400);
    const quotaBack = await inSession(
      owner,
      'POST',
      '/v2/partners/coupon-quotas/indirect-partner-reclaim',
      quotaReclaim,
      await mailedCode(owner, email),
    );
    expect(quotaBack.statusCode, quotaBack.body).toBe(200);
    expect(quotaBack.json()).toMatchObject({ error_details: [] });
  });
});

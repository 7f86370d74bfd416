import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/index.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import { withTransaction, type Db } from '../../platform/db/index.ts';
import type { ServiceContext } from '../../platform/http/context.ts';
import { Money } from '../../platform/money/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import { buildMember, buildOrganisation, memberRef } from '../../../test/factories/org.ts';
import {
  assignDirectly,
  buildCustomer,
  type CustomerRow,
} from '../../../test/factories/customers.ts';
import { FreezeStates, lockFreezeState } from '../customers/index.ts';
import { recordCustomerSpend } from './index.ts';
import { customerBudgets, resellerBudgetQuotas } from './schema.ts';

let t: TestApp;
let db: Db;
let spKey: AkSk;
let managerKey: AkSk;
let idleManagerKey: AkSk;
let first: CustomerRow;
let second: CustomerRow;
let frozen: CustomerRow;
let referral: CustomerRow;
let foreign: CustomerRow;
let outsiderKey: AkSk;
let distributorKey: AkSk;
let siblingDistributorKey: AkSk;
let resellerId: string;
let resellerKey: AkSk;
let siblingResellerId: string;
let siblingResellerKey: AkSk;
let resellerCustomers: CustomerRow[];

const BATCH = '/console/api/budgets/batch';
const QUERY = '/console/api/budgets/query';
const FREEZE = '/console/api/customer-accounts/freeze';
const UNFREEZE = '/console/api/customer-accounts/unfreeze';
const ALERTS = '/console/api/budget-alerts';
const OWN_QUOTA = '/console/api/budget-quota';
const quotaOf = (id: string) => `/console/api/resellers/${id}/budget-quota`;

interface BatchBody {
  succeeded: string[];
  error_details: { id: string; error_code: string; error_msg: string }[];
}

interface QuotaBody {
  reseller_id: string;
  enabled: boolean;
  monthly_quota: string;
  one_time_quota: string;
  monthly_allocated: string;
  one_time_allocated: string;
}

function call(keys: AkSk, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return signedRequest(t.app, keys, { method, url, payload });
}

async function setBudgets(keys: AkSk, budgets: object[], extra: object = {}): Promise<BatchBody> {
  const response = await call(keys, 'POST', BATCH, { budgets, ...extra });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<BatchBody>();
}

async function budgetsOf(keys: AkSk, ids: string[]) {
  const response = await call(keys, 'POST', QUERY, { customer_ids: ids });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{
    budget_infos: { customer_id: string; budget_amount: number; budget_type: string }[];
  }>().budget_infos;
}

function spend(customerId: string, amount: string) {
  const ctx: ServiceContext = {
    db,
    clock: t.clock,
    requestId: 'test-spend',
    sourceIp: '127.0.0.1',
    source: 'system',
    log: t.app.log,
    principal: null,
  };
  return withTransaction(db, (tx) => recordCustomerSpend(tx, ctx, customerId, new Money(amount)));
}

function freezeState(customer: CustomerRow) {
  return lockFreezeState(db, customer.partnerId, customer.id);
}

beforeAll(async () => {
  t = await buildTestApp('2026-03-10T02:00:00Z');
  db = t.database.db;
  const sp = await buildOrganisation(db);
  spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  first = await buildCustomer(db, sp.partner.id, { customerName: '预算一号有限公司' });
  second = await buildCustomer(db, sp.partner.id);
  frozen = await buildCustomer(db, sp.partner.id, { isFrozen: 1 });
  referral = await buildCustomer(db, sp.partner.id, { associationType: '1' });
  const managerPermissions = [Permissions.ACCOUNT_FUNDS_MANAGE, Permissions.ACCOUNT_BALANCE_VIEW];
  const manager = await buildMember(db, {
    partnerId: sp.partner.id,
    permissions: managerPermissions,
    dataScope: 'mine',
  });
  await assignDirectly(db, second, manager.member.id);
  managerKey = await buildAccessKey(db, t.keyring, memberRef(manager.member));
  const idle = await buildMember(db, {
    partnerId: sp.partner.id,
    permissions: managerPermissions,
    dataScope: 'mine',
  });
  idleManagerKey = await buildAccessKey(db, t.keyring, memberRef(idle.member));

  const outsider = await buildOrganisation(db);
  outsiderKey = await buildAccessKey(db, t.keyring, memberRef(outsider.owner));
  foreign = await buildCustomer(db, outsider.partner.id);

  const distributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  distributorKey = await buildAccessKey(db, t.keyring, memberRef(distributor.owner));
  const reseller = await buildOrganisation(db, {
    partnerType: 'reseller',
    parentPartnerId: distributor.partner.id,
  });
  resellerId = reseller.partner.id;
  resellerKey = await buildAccessKey(db, t.keyring, memberRef(reseller.owner));
  resellerCustomers = [
    await buildCustomer(db, resellerId),
    await buildCustomer(db, resellerId),
    await buildCustomer(db, resellerId),
  ];
  const sibling = await buildOrganisation(db, {
    partnerType: 'reseller',
    parentPartnerId: distributor.partner.id,
  });
  siblingResellerId = sibling.partner.id;
  siblingResellerKey = await buildAccessKey(db, t.keyring, memberRef(sibling.owner));
  const siblingDistributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  siblingDistributorKey = await buildAccessKey(db, t.keyring, memberRef(siblingDistributor.owner));
});

afterAll(async () => {
  await t.close();
});

describe('设置预算 / 批量设置预算 in the console', () => {
  it('sets each item on its own, overwrites and switches the type (R-FUND-10)', async () => {
    const result = await setBudgets(spKey, [
      { customer_id: first.id, budget_amount: '100.00', frozen_operate_type: 1 },
      { customer_id: second.id, budget_amount: 200, budget_type: 'PACKAGE' },
      { customer_id: referral.id, budget_amount: '1.00' },
      { customer_id: foreign.id, budget_amount: '1.00' },
    ]);
    expect(result.succeeded).toEqual([first.id, second.id]);
    expect(result.error_details.map((item) => [item.id, item.error_code])).toEqual([
      [referral.id, 'CBC.0410'],
      [foreign.id, 'CBC.0404'],
    ]);
    expect(await budgetsOf(spKey, [first.id, second.id, foreign.id])).toEqual([
      expect.objectContaining({
        customer_id: first.id,
        budget_amount: 100,
        budget_type: 'MONTHLY',
      }),
      expect.objectContaining({
        customer_id: second.id,
        budget_amount: 200,
        budget_type: 'PACKAGE',
      }),
    ]);

    const again = await setBudgets(spKey, [
      { customer_id: second.id, budget_amount: '150.50', budget_type: 'MONTHLY' },
    ]);
    expect(again.error_details).toEqual([]);
    expect(await budgetsOf(spKey, [second.id])).toEqual([
      expect.objectContaining({ budget_amount: 150.5, budget_type: 'MONTHLY' }),
    ]);
  });

  it('unfreezes together with the budget when asked (同步解冻, R-FUND-12)', async () => {
    expect(await freezeState(frozen)).not.toBe(FreezeStates.NONE);
    const result = await setBudgets(spKey, [
      { customer_id: frozen.id, budget_amount: '10.00', cancel_partner_frozen: '1' },
    ]);
    expect(result.error_details).toEqual([]);
    expect(await freezeState(frozen)).toBe(FreezeStates.NONE);
  });

  it('refuses bad input naming the field and changes nothing', async () => {
    const before = await budgetsOf(spKey, [first.id]);
    for (const [item, field] of [
      [{ customer_id: first.id, budget_amount: '-1' }, 'budgets[0].budget_amount'],
      [{ customer_id: first.id, budget_amount: '1.001' }, 'budgets[0].budget_amount'],
      [
        { customer_id: first.id, budget_amount: '1', frozen_operate_type: 3 },
        'budgets[0].frozen_operate_type',
      ],
      [{ customer_id: first.id, budget_amount: '1', budget_type: 'YEARLY' }, 'budget_type'],
    ] as const) {
      const response = await call(spKey, 'POST', BATCH, { budgets: [item] });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json<{ error_code: string; error_msg: string }>()).toMatchObject({
        error_code: 'CBC.0100',
        error_msg: expect.stringContaining(field) as unknown,
      });
    }
    const empty = await call(spKey, 'POST', BATCH, { budgets: [] });
    expect(empty.statusCode).toBe(400);
    expect(await budgetsOf(spKey, [first.id])).toEqual(before);
  });

  it('keeps an account manager to its own customers and refuses strangers', async () => {
    const asManager = await setBudgets(managerKey, [
      { customer_id: second.id, budget_amount: '300.00' },
      { customer_id: first.id, budget_amount: '1.00' },
    ]);
    expect(asManager.succeeded).toEqual([second.id]);
    expect(asManager.error_details).toEqual([
      expect.objectContaining({ id: first.id, error_code: 'CBC.0404' }),
    ]);
    expect(await budgetsOf(managerKey, [first.id, second.id])).toHaveLength(1);
    expect(await budgetsOf(idleManagerKey, [first.id, second.id])).toEqual([]);

    const asOutsider = await setBudgets(outsiderKey, [
      { customer_id: first.id, budget_amount: '1.00' },
    ]);
    expect(asOutsider.error_details).toEqual([
      expect.objectContaining({ id: first.id, error_code: 'CBC.0404' }),
    ]);
    expect(await budgetsOf(outsiderKey, [first.id])).toEqual([]);
    expect(await budgetsOf(spKey, [first.id])).toEqual([
      expect.objectContaining({ budget_amount: 100 }),
    ]);

    const anonymous = await t.app.inject({ method: 'POST', url: QUERY, payload: {} });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('冻结账号 / 解冻账号 in the console (SM-5)', () => {
  it('freezes and unfreezes with the freeze’s own type, each customer on its own', async () => {
    const frozenNow = await call(spKey, 'POST', FREEZE, {
      customer_ids: [first.id, foreign.id],
      reason: '欠费风险',
      type: 'ACCOUNT_AND_RESOURCE',
    });
    expect(frozenNow.statusCode, frozenNow.body).toBe(200);
    expect(frozenNow.json<BatchBody>()).toEqual({
      succeeded: [first.id],
      error_details: [expect.objectContaining({ id: foreign.id, error_code: 'CBC.0404' })],
    });
    expect(await freezeState(first)).toBe(FreezeStates.ACCOUNT_AND_RESOURCE);

    const wrongType = await call(spKey, 'POST', UNFREEZE, {
      customer_ids: [first.id],
      reason: '恢复',
    });
    expect(wrongType.json<BatchBody>().error_details).toEqual([
      expect.objectContaining({ id: first.id, error_code: 'CBC.0410' }),
    ]);
    const unfrozen = await call(spKey, 'POST', UNFREEZE, {
      customer_ids: [first.id],
      reason: '恢复',
      type: 'ACCOUNT_AND_RESOURCE',
    });
    expect(unfrozen.json<BatchBody>()).toEqual({ succeeded: [first.id], error_details: [] });
    expect(await freezeState(first)).toBe(FreezeStates.NONE);

    const outsider = await call(outsiderKey, 'POST', FREEZE, {
      customer_ids: [first.id],
      reason: 'x',
    });
    expect(outsider.json<BatchBody>().succeeded).toEqual([]);
    expect(await freezeState(first)).toBe(FreezeStates.NONE);

    const blank = await call(spKey, 'POST', FREEZE, { customer_ids: [first.id], reason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json<{ error_msg: string }>().error_msg).toContain('reason');
  });
});

describe('budget alerts in the console (R-FUND-09)', () => {
  it('lists the partner’s alerts newest first, within the caller’s data scope', async () => {
    await spend(first.id, '80.00');
    t.clock.advance(60_000);
    await spend(second.id, '280.00');
    const response = await call(spKey, 'GET', `${ALERTS}?limit=10`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      total_count: number;
      alerts: {
        customer_id: string;
        account_name: string;
        threshold: number;
        used_amount: string;
      }[];
    }>();
    expect(body.total_count).toBe(3);
    expect(body.alerts.map((alert) => [alert.account_name, alert.threshold])).toEqual([
      [second.accountName, 90],
      [second.accountName, 75],
      [first.accountName, 75],
    ]);
    expect(body.alerts[0]?.used_amount).toBe('280.00');

    const paged = await call(spKey, 'GET', `${ALERTS}?offset=2&limit=1`);
    expect(paged.json<{ alerts: { customer_id: string }[] }>().alerts).toEqual([
      expect.objectContaining({ customer_id: first.id }),
    ]);
    const managed = await call(managerKey, 'GET', ALERTS);
    expect(managed.json<{ total_count: number }>().total_count).toBe(2);
    for (const keys of [idleManagerKey, outsiderKey]) {
      const none = await call(keys, 'GET', ALERTS);
      expect(none.json()).toEqual({ total_count: 0, alerts: [] });
    }
    const bad = await call(spKey, 'GET', `${ALERTS}?limit=0`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error_code: string }>().error_code).toBe('CBC.0100');
  });
});

describe('a reseller’s budgets within its distributor’s quota (R-FUND-11)', () => {
  const [a, b, c] = [0, 1, 2];
  const item = (index: number, amount: string, type = 'MONTHLY') => ({
    customer_id: resellerCustomers[index]?.id,
    budget_amount: amount,
    budget_type: type,
  });

  it('refuses a reseller its distributor has not permitted', async () => {
    const result = await setBudgets(resellerKey, [item(a, '10.00')]);
    expect(result.error_details).toEqual([expect.objectContaining({ error_code: 'CBC.0410' })]);
    const own = await call(resellerKey, 'GET', OWN_QUOTA);
    expect(own.json<QuotaBody>()).toMatchObject({ enabled: false, monthly_quota: '0.00' });
  });

  it('lets the distributor grant quotas and keeps the reseller within them', async () => {
    const granted = await call(distributorKey, 'PUT', quotaOf(resellerId), {
      enabled: true,
      monthly_quota: '150.00',
      one_time_quota: 50,
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json<QuotaBody>()).toMatchObject({
      reseller_id: resellerId,
      enabled: true,
      monthly_quota: '150.00',
      one_time_quota: '50.00',
      monthly_allocated: '0.00',
    });

    expect((await setBudgets(resellerKey, [item(a, '100.00')])).error_details).toEqual([]);
    const over = await setBudgets(resellerKey, [item(b, '60.00')]);
    expect(over.error_details).toEqual([
      expect.objectContaining({
        error_code: 'CBC.0411',
        error_msg: expect.stringContaining('50.00 left') as unknown,
      }),
    ]);
    const batch = await setBudgets(resellerKey, [
      item(b, '50.00'),
      item(a, '100.00'),
      item(c, '50.01', 'PACKAGE'),
      item(c, '50.00', 'PACKAGE'),
    ]);
    expect(batch.succeeded).toEqual([
      resellerCustomers[b]?.id,
      resellerCustomers[a]?.id,
      resellerCustomers[c]?.id,
    ]);
    expect(batch.error_details.map((detail) => detail.error_code)).toEqual(['CBC.0411']);

    const own = await call(resellerKey, 'GET', OWN_QUOTA);
    expect(own.json<QuotaBody>()).toMatchObject({
      monthly_allocated: '150.00',
      one_time_allocated: '50.00',
    });
    const seen = await call(distributorKey, 'GET', quotaOf(resellerId));
    expect(seen.json<QuotaBody>()).toEqual(own.json<QuotaBody>());
  });

  it('binds only the reseller: its distributor sets budgets for it beyond the quota', async () => {
    const result = await setBudgets(distributorKey, [item(b, '500.00')], {
      indirect_partner_id: resellerId,
    });
    expect(result.error_details).toEqual([]);
  });

  it('stops the reseller once the permission is withdrawn, keeping existing budgets', async () => {
    const withdrawn = await call(distributorKey, 'PUT', quotaOf(resellerId), {
      enabled: false,
      monthly_quota: '150.00',
      one_time_quota: '50.00',
    });
    expect(withdrawn.statusCode).toBe(200);
    const refused = await setBudgets(resellerKey, [item(a, '1.00')]);
    expect(refused.error_details.map((detail) => detail.error_code)).toEqual(['CBC.0410']);
    const rows = await db
      .select()
      .from(customerBudgets)
      .where(eq(customerBudgets.partnerId, resellerId));
    expect(rows).toHaveLength(3);
    const audits = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'accounts.reseller_budget_quota.grant')));
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the grant to the reseller’s own distributor and the reseller’s customers to it', async () => {
    const before = await db.select().from(resellerBudgetQuotas);
    const payload = { enabled: true, monthly_quota: '9999.00', one_time_quota: '9999.00' };
    for (const [keys, status] of [
      [siblingDistributorKey, 404],
      [spKey, 403],
      [resellerKey, 403],
      [siblingResellerKey, 403],
    ] as const) {
      const put = await call(keys, 'PUT', quotaOf(resellerId), payload);
      expect(put.statusCode, put.body).toBe(status);
      const get = await call(keys, 'GET', quotaOf(resellerId));
      expect(get.statusCode).toBe(status);
    }
    expect(await db.select().from(resellerBudgetQuotas)).toEqual(before);

    const sibling = await setBudgets(siblingResellerKey, [item(a, '1.00')]);
    expect(sibling.error_details).toEqual([expect.objectContaining({ error_code: 'CBC.0404' })]);
    const siblingOwn = await call(siblingResellerKey, 'GET', OWN_QUOTA);
    expect(siblingOwn.json<QuotaBody>()).toMatchObject({
      reseller_id: siblingResellerId,
      enabled: false,
      monthly_allocated: '0.00',
    });
    const notReseller = await call(spKey, 'GET', OWN_QUOTA);
    expect(notReseller.statusCode).toBe(403);
  });

  it('lets parallel settings of one reseller take no more than its quota together', async () => {
    const parent = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
    const parentKey = await buildAccessKey(db, t.keyring, memberRef(parent.owner));
    const busy = await buildOrganisation(db, {
      partnerType: 'reseller',
      parentPartnerId: parent.partner.id,
    });
    const busyKey = await buildAccessKey(db, t.keyring, memberRef(busy.owner));
    const customers = await Promise.all(
      Array.from({ length: 8 }, () => buildCustomer(db, busy.partner.id)),
    );
    const granted = await call(parentKey, 'PUT', quotaOf(busy.partner.id), {
      enabled: true,
      monthly_quota: '100.00',
      one_time_quota: '0',
    });
    expect(granted.statusCode).toBe(200);
    const results = await Promise.all(
      customers.map((customer) =>
        setBudgets(busyKey, [{ customer_id: customer.id, budget_amount: '30.00' }]),
      ),
    );
    expect(results.filter((result) => result.succeeded.length === 1)).toHaveLength(3);
    expect(
      results.flatMap((result) => result.error_details.map((detail) => detail.error_code)),
    ).toEqual(Array.from({ length: 5 }, () => 'CBC.0411'));
    const quota = await call(busyKey, 'GET', OWN_QUOTA);
    expect(quota.json<QuotaBody>().monthly_allocated).toBe('90.00');
  });

  it('refuses a bad grant naming the field', async () => {
    for (const [body, field] of [
      [{ enabled: true, monthly_quota: '1.001', one_time_quota: '0' }, 'monthly_quota'],
      [{ enabled: true, monthly_quota: '1', one_time_quota: '-2' }, 'one_time_quota'],
      [{ monthly_quota: '1', one_time_quota: '2' }, 'enabled'],
    ] as const) {
      const response = await call(distributorKey, 'PUT', quotaOf(resellerId), body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json<{ error_code: string; error_msg: string }>()).toMatchObject({
        error_code: 'CBC.0100',
        error_msg: expect.stringContaining(field) as unknown,
      });
    }
  });
});

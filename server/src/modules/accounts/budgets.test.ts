import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import { platformSettings } from '../../platform/config/schema.ts';
import { withTransaction, type Db } from '../../platform/db/index.ts';
import type { ServiceContext } from '../../platform/http/context.ts';
import { Money } from '../../platform/money/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { readOutbox } from '../../../test/helpers/mail.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import { buildMember, buildOrganisation, memberRef } from '../../../test/factories/org.ts';
import {
  assignDirectly,
  buildCustomer,
  type CustomerRow,
} from '../../../test/factories/customers.ts';
import { lockFreezeState } from '../customers/index.ts';
import { notifyBudgetAlerts, recordCustomerSpend, resetMonthlyBudgets } from './index.ts';
import { BUDGET_RESET_SCHEDULE_KEY, OPERATOR_TIME_ZONE_KEY } from './service/budgets-schedule.ts';

let t: TestApp;
let db: Db;
let operatorKey: AkSk;
let spId: string;
let spEmail: string;
let spKey: AkSk;
let managerKey: AkSk;
let managedCustomer: CustomerRow;
let distributorKey: AkSk;
let resellerId: string;
let resellerKey: AkSk;
let resellerCustomer: CustomerRow;
let siblingDistributorKey: AkSk;
let outsiderKey: AkSk;
let outsiderCustomer: CustomerRow;

const BUDGET = '/v2/partners/sub-customers/budget';
const BUDGET_QUERY = '/v2/partners/sub-customers/budget/query';
const BUDGET_BATCH = '/v2/huoban/partners/sub-customers/budgets/batch';
const FREEZE = '/v2/partners/sub-customers/freeze';
const UNFREEZE = '/v2/partners/sub-customers/unfreeze';

function post(keys: AkSk, url: string, payload: object) {
  return signedRequest(t.app, keys, { method: 'POST', url, payload });
}

function get(keys: AkSk, url: string) {
  return signedRequest(t.app, keys, { method: 'GET', url });
}

function systemContext(): ServiceContext {
  return {
    db,
    clock: t.clock,
    requestId: 'test-spend',
    sourceIp: '127.0.0.1',
    source: 'system',
    log: t.app.log,
    principal: null,
  };
}

/** What an order would do: count the spend in its transaction, mail the alerts after commit. */
async function spend(customerId: string, amount: string) {
  const ctx = systemContext();
  const outcome = await withTransaction(db, (tx) =>
    recordCustomerSpend(tx, ctx, customerId, new Money(amount)),
  );
  await notifyBudgetAlerts(ctx, t.mailer, outcome.alerts);
  return outcome;
}

function frozenState(customer: CustomerRow) {
  return lockFreezeState(db, customer.partnerId, customer.id);
}

async function showBudget(keys: AkSk, customerId: string) {
  const response = await get(keys, `${BUDGET}?customer_id=${customerId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ budget_amount: number; used_amount: number; restricted: boolean }>();
}

async function setBudget(customerId: string, body: object = {}) {
  const response = await post(spKey, BUDGET, {
    customer_id: customerId,
    budget_amount: '100.00',
    ...body,
  });
  expect(response.statusCode, response.body).toBe(204);
}

function budgetMails(customer: CustomerRow) {
  return readOutbox(t.outbox).filter(
    (message) => message.to === spEmail && message.text.includes(customer.accountName),
  );
}

beforeAll(async () => {
  t = await buildTestApp('2026-03-10T02:00:00Z');
  db = t.database.db;
  const operator = await buildOrganisation(db, { partnerType: 'operator' });
  operatorKey = await buildAccessKey(db, t.keyring, memberRef(operator.owner));

  const sp = await buildOrganisation(db);
  spId = sp.partner.id;
  spEmail = sp.partner.email;
  spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  managedCustomer = await buildCustomer(db, spId);
  const manager = await buildMember(db, {
    partnerId: spId,
    permissions: [Permissions.ACCOUNT_FUNDS_MANAGE, Permissions.ACCOUNT_BALANCE_VIEW],
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
  resellerKey = await buildAccessKey(db, t.keyring, memberRef(reseller.owner));
  resellerCustomer = await buildCustomer(db, resellerId, { isFrozen: 1 });
  const siblingDistributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  siblingDistributorKey = await buildAccessKey(db, t.keyring, memberRef(siblingDistributor.owner));

  const outsider = await buildOrganisation(db);
  outsiderKey = await buildAccessKey(db, t.keyring, memberRef(outsider.owner));
  outsiderCustomer = await buildCustomer(db, outsider.partner.id);

  const topUp = await post(operatorKey, `/console/api/operator/partners/${spId}/top-ups`, {
    amount: '500.00',
  });
  expect(topUp.statusCode, topUp.body).toBe(200);
});

afterAll(async () => {
  await t.close();
});

describe('UpdateSubCustomerBudget and the budget queries', () => {
  it('sets, overwrites and lists a monthly budget, audited', async () => {
    const customer = await buildCustomer(db, spId);
    await setBudget(customer.id, { budget_amount: 300, budget_type: 'MONTHLY' });
    await setBudget(customer.id, { budget_amount: '250.50', frozen_operate_type: 1 });
    expect(await showBudget(spKey, customer.id)).toEqual({
      budget_amount: 250.5,
      used_amount: 0,
      budget_type: 'MONTHLY',
      frozen_operate_type: 1,
      restricted: false,
      measure_id: 1,
      currency: 'CNY',
    });
    const listed = await post(spKey, BUDGET_QUERY, {
      customer_ids: [customer.id, outsiderCustomer.id, 'nobody'],
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json<{ budget_infos: { customer_id: string }[] }>().budget_infos).toEqual([
      expect.objectContaining({ customer_id: customer.id, budget_amount: 250.5 }),
    ]);
    const audits = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'accounts.budget.set'),
          eq(auditEvents.resourceName, customer.accountName),
        ),
      );
    expect(audits).toHaveLength(2);
    expect(audits.map((audit) => audit.after)).toContainEqual(
      expect.objectContaining({ amount: '250.50', exhaustionAction: 'freeze' }),
    );
  });

  it('refuses bad input with CBC.0100 naming the field, and changes nothing', async () => {
    const customer = await buildCustomer(db, spId);
    for (const [body, field] of [
      [{ budget_amount: '10.005' }, 'budget_amount'],
      [{ budget_amount: 0 }, 'budget_amount'],
      [{ budget_amount: '-5' }, 'budget_amount'],
      [{ budget_amount: '10', frozen_operate_type: 3 }, 'frozen_operate_type'],
      [{ budget_amount: '10', cancel_partner_frozen: '2' }, 'cancel_partner_frozen'],
      [{ budget_amount: '10', budget_type: 'YEARLY' }, 'budget_type'],
    ] as const) {
      const response = await post(spKey, BUDGET, { customer_id: customer.id, ...body });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json<{ error_code: string }>().error_code).toBe('CBC.0100');
      expect(response.body).toContain(field);
    }
    expect((await get(spKey, `${BUDGET}?customer_id=${customer.id}`)).statusCode).toBe(404);
  });

  it('applies to resale customers only', async () => {
    const referral = await buildCustomer(db, spId, { associationType: '1' });
    const response = await post(spKey, BUDGET, { customer_id: referral.id, budget_amount: '10' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error_code: string }>().error_code).toBe('CBC.0410');
  });

  it('lets a distributor set its reseller’s customer budget, and nobody else', async () => {
    const body = {
      customer_id: resellerCustomer.id,
      budget_amount: '40.00',
      indirect_partner_id: resellerId,
    };
    const foreign = await post(siblingDistributorKey, BUDGET, body);
    expect(foreign.json<{ error_code: string }>().error_code).toBe('CBC.99000037');
    const asReseller = await post(resellerKey, BUDGET, body);
    expect(asReseller.statusCode).toBe(403);
    const asOtherPartner = await post(outsiderKey, BUDGET, {
      customer_id: resellerCustomer.id,
      budget_amount: '40.00',
    });
    expect(asOtherPartner.statusCode).toBe(404);
    expect(
      (
        await get(
          distributorKey,
          `${BUDGET}?customer_id=${resellerCustomer.id}&indirect_partner_id=${resellerId}`,
        )
      ).statusCode,
    ).toBe(404);

    const set = await post(distributorKey, BUDGET, body);
    expect(set.statusCode, set.body).toBe(204);
    const shown = await get(
      distributorKey,
      `${BUDGET}?customer_id=${resellerCustomer.id}&indirect_partner_id=${resellerId}`,
    );
    expect(shown.json<{ budget_amount: number }>().budget_amount).toBe(40);
    expect(
      (
        await get(
          siblingDistributorKey,
          `${BUDGET}?customer_id=${resellerCustomer.id}&indirect_partner_id=${resellerId}`,
        )
      ).statusCode,
    ).toBe(404);
  });

  it('keeps an account manager to its own customers and refuses unsigned calls', async () => {
    const unassigned = await buildCustomer(db, spId);
    const refused = await post(managerKey, BUDGET, {
      customer_id: unassigned.id,
      budget_amount: '5',
    });
    expect(refused.statusCode).toBe(404);
    expect((await get(spKey, `${BUDGET}?customer_id=${unassigned.id}`)).statusCode).toBe(404);
    const own = await post(managerKey, BUDGET, {
      customer_id: managedCustomer.id,
      budget_amount: '5',
    });
    expect(own.statusCode, own.body).toBe(204);

    const anonymous = await t.app.inject({
      method: 'POST',
      url: BUDGET,
      payload: { customer_id: managedCustomer.id, budget_amount: '5' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('sets budgets in a batch with per-item error_details', async () => {
    const first = await buildCustomer(db, spId);
    const referral = await buildCustomer(db, spId, { associationType: '1' });
    const response = await post(spKey, BUDGET_BATCH, {
      budgets: [
        { customer_id: first.id, budget_amount: '10.00', budget_type: 'PACKAGE' },
        { customer_id: referral.id, budget_amount: '10.00' },
        { customer_id: outsiderCustomer.id, budget_amount: '10.00' },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      error_details: [
        expect.objectContaining({ id: referral.id, error_code: 'CBC.0410' }),
        expect.objectContaining({ id: outsiderCustomer.id, error_code: 'CBC.0404' }),
      ],
    });
    expect((await showBudget(spKey, first.id)).budget_amount).toBe(10);
    const bad = await post(spKey, BUDGET_BATCH, {
      budgets: [{ customer_id: first.id, budget_amount: '1.234' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('budgets[0].budget_amount');
  });
});

describe('spend against a budget', () => {
  it('alerts at 75, 90 and 100 % once each, then freezes the account at exhaustion', async () => {
    const customer = await buildCustomer(db, spId);
    await setBudget(customer.id, { budget_amount: '100.00', frozen_operate_type: 1 });

    expect((await spend(customer.id, '74.99')).alerts).toEqual([]);
    expect((await spend(customer.id, '0.01')).alerts.map((alert) => alert.threshold)).toEqual([75]);
    expect((await spend(customer.id, '10.00')).alerts).toEqual([]);
    expect((await spend(customer.id, '5.00')).alerts.map((alert) => alert.threshold)).toEqual([90]);
    expect(await frozenState(customer)).toBe(0);
    const exhausted = await spend(customer.id, '10.00');
    expect(exhausted.alerts.map((alert) => alert.threshold)).toEqual([100]);
    expect(exhausted.budget?.restricted).toBe(true);
    expect(await frozenState(customer)).toBe(1);
    expect((await spend(customer.id, '3.00')).alerts).toEqual([]);

    const mails = budgetMails(customer);
    expect(mails.map((mail) => mail.subject).sort()).toEqual([
      expect.stringContaining('100%'),
      expect.stringContaining('75%'),
      expect.stringContaining('90%'),
    ]);
    const alerts = await get(spKey, `/v2/huoban/customers/${customer.id}/budget-alerts`);
    expect(alerts.statusCode, alerts.body).toBe(200);
    const listed = alerts.json<{ alerts: { threshold: number; mailed: boolean }[] }>().alerts;
    expect(listed.map((alert) => alert.threshold).sort()).toEqual([100, 75, 90]);
    expect(listed.every((alert) => alert.mailed)).toBe(true);
    expect(await showBudget(spKey, customer.id)).toMatchObject({
      used_amount: 103,
      restricted: true,
    });
    const outsiderView = await get(
      outsiderKey,
      `/v2/huoban/customers/${customer.id}/budget-alerts`,
    );
    expect(outsiderView.json()).toEqual({ alerts: [] });
  });

  it('alerts again for a new amount set within the same month', async () => {
    const customer = await buildCustomer(db, spId);
    await setBudget(customer.id, { budget_amount: '100.00' });
    expect((await spend(customer.id, '80.00')).alerts.map((alert) => alert.threshold)).toEqual([
      75,
    ]);
    await setBudget(customer.id, { budget_amount: '200.00' });
    expect((await showBudget(spKey, customer.id)).used_amount).toBe(80);
    expect((await spend(customer.id, '70.00')).alerts.map((alert) => alert.threshold)).toEqual([
      75,
    ]);
    expect(budgetMails(customer)).toHaveLength(2);
  });

  it('only restricts purchases with the restrict action', async () => {
    const customer = await buildCustomer(db, spId);
    await setBudget(customer.id, { budget_amount: '20.00' });
    const outcome = await spend(customer.id, '25.00');
    expect(outcome.alerts.map((alert) => alert.threshold)).toEqual([75, 90, 100]);
    expect(outcome.budget?.restricted).toBe(true);
    expect(await frozenState(customer)).toBe(0);
  });

  it('leaves a customer without a budget unlimited', async () => {
    const customer = await buildCustomer(db, spId);
    expect(await spend(customer.id, '1000.00')).toEqual({ budget: null, alerts: [] });
  });
});

describe('FreezeSubCustomers and UnfreezeSubCustomers', () => {
  it('freezes and unfreezes with a reason, audited; outsiders get error_details and change nothing', async () => {
    const customer = await buildCustomer(db, spId);
    await setBudget(customer.id);
    const frozen = await post(spKey, FREEZE, {
      customer_ids: [customer.id, outsiderCustomer.id],
      reason: 'overdue invoice',
      freeze_type: 'ACCOUNT_AND_RESOURCE',
    });
    expect(frozen.statusCode, frozen.body).toBe(200);
    expect(frozen.json()).toEqual({
      error_details: [expect.objectContaining({ id: outsiderCustomer.id, error_code: 'CBC.0404' })],
    });
    expect(await frozenState(customer)).toBe(2);
    expect(await frozenState(outsiderCustomer)).toBe(0);

    const wrongType = await post(spKey, UNFREEZE, { customer_ids: [customer.id], reason: 'paid' });
    expect(
      wrongType.json<{ error_details: { error_code: string }[] }>().error_details[0]?.error_code,
    ).toBe('CBC.0410');
    const unfrozen = await post(spKey, UNFREEZE, {
      customer_ids: [customer.id],
      reason: 'paid',
      unfreeze_type: 'ACCOUNT_AND_RESOURCE',
    });
    expect(unfrozen.json()).toEqual({});
    expect(await frozenState(customer)).toBe(0);
    const trail = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.resourceId, customer.id), eq(auditEvents.action, 'customers.freeze')),
      );
    expect(trail[0]?.after).toMatchObject({
      reason: 'overdue invoice',
      cause: 'manual',
      isFrozen: 2,
    });

    const outsiderTry = await post(outsiderKey, FREEZE, {
      customer_ids: [customer.id],
      reason: 'x',
    });
    expect(
      outsiderTry.json<{ error_details: { error_code: string }[] }>().error_details[0]?.error_code,
    ).toBe('CBC.0404');
    expect(await frozenState(customer)).toBe(0);
  });

  it('requires a budget before unfreezing a customer frozen at association (R-CUS-16)', async () => {
    const customer = await buildCustomer(db, spId, { isFrozen: 1 });
    const refused = await post(spKey, UNFREEZE, { customer_ids: [customer.id], reason: 'go' });
    expect(
      refused.json<{ error_details: { error_code: string; error_msg: string }[] }>()
        .error_details[0],
    ).toMatchObject({
      error_code: 'CBC.0410',
    });
    expect(await frozenState(customer)).toBe(1);
    await setBudget(customer.id, { cancel_partner_frozen: '1' });
    expect(await frozenState(customer)).toBe(0);
  });

  it('refuses an empty reason and unsigned calls', async () => {
    const empty = await post(spKey, FREEZE, { customer_ids: [managedCustomer.id], reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('reason');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: FREEZE,
      payload: { customer_ids: [managedCustomer.id], reason: 'x' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await frozenState(managedCustomer)).toBe(0);
  });
});

describe('spendable funds', () => {
  it('shows a customer’s cash and the partner’s cash and credit, and nothing to outsiders', async () => {
    const customer = await buildCustomer(db, spId);
    const moved = await post(spKey, '/v2/accounts/partner-accounts/adjust-amount', {
      customer_id: customer.id,
      amount: '70.00',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const credit = await signedRequest(t.app, operatorKey, {
      method: 'PUT',
      url: `/console/api/operator/partners/${spId}/credit-line`,
      payload: { credit_limit: '200.00' },
    });
    const customerView = await get(spKey, `/v2/huoban/customers/${customer.id}/spendable-funds`);
    expect(customerView.statusCode, customerView.body).toBe(200);
    expect(customerView.json()).toEqual({
      total_amount: 70,
      measure_id: 1,
      currency: 'CNY',
      sources: [{ type: 'CASH', amount: 70 }],
    });
    const partnerView = await get(spKey, '/v2/huoban/partners/spendable-funds');
    expect(partnerView.statusCode, partnerView.body).toBe(200);
    const partner = partnerView.json<{
      total_amount: number;
      sources: { type: string; amount: number }[];
    }>();
    const cash = partner.sources.find((source) => source.type === 'CASH')?.amount ?? 0;
    const creditLeft = partner.sources.find((source) => source.type === 'CREDIT')?.amount ?? 0;
    expect(credit.statusCode, credit.body).toBe(200);
    expect(creditLeft).toBe(200);
    expect(cash).toBe(430);
    expect(partner.total_amount).toBe(630);

    for (const keys of [outsiderKey, managerKey]) {
      const hidden = await get(keys, `/v2/huoban/customers/${customer.id}/spendable-funds`);
      expect(hidden.statusCode).toBe(404);
    }
    const foreign = await get(
      siblingDistributorKey,
      `/v2/huoban/partners/spendable-funds?indirect_partner_id=${resellerId}`,
    );
    expect(foreign.json<{ error_code: string }>().error_code).toBe('CBC.99000037');
    const anonymous = await t.app.inject({
      method: 'GET',
      url: '/v2/huoban/partners/spendable-funds',
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('the monthly reset at 00:00 on the 1st in the operator time zone', () => {
  it('restores a monthly budget once the clock passes the 1st in Shanghai, even without the job', async () => {
    t.clock.set('2026-03-31T15:00:00Z');
    const customer = await buildCustomer(db, spId);
    await setBudget(customer.id, { budget_amount: '50.00', frozen_operate_type: 1 });
    await spend(customer.id, '50.00');
    expect(await frozenState(customer)).toBe(1);
    t.clock.set('2026-03-31T15:59:59Z');
    expect((await showBudget(spKey, customer.id)).used_amount).toBe(50);

    // 16:00Z is 00:00 on 1 April in Shanghai.
    t.clock.set('2026-03-31T16:00:00Z');
    expect(await showBudget(spKey, customer.id)).toMatchObject({
      used_amount: 0,
      restricted: false,
    });
    const outcome = await spend(customer.id, '40.00');
    expect(outcome.alerts.map((alert) => alert.threshold)).toEqual([75]);
    expect(await frozenState(customer)).toBe(0);
  });

  it('the reset job unfreezes accounts frozen only by their budget, and not a one-time budget', async () => {
    t.clock.set('2026-04-20T00:00:00Z');
    const monthly = await buildCustomer(db, spId);
    const oneTime = await buildCustomer(db, spId);
    const manual = await buildCustomer(db, spId);
    await setBudget(monthly.id, { budget_amount: '10.00', frozen_operate_type: 1 });
    await setBudget(oneTime.id, {
      budget_amount: '10.00',
      frozen_operate_type: 1,
      budget_type: 'PACKAGE',
    });
    await setBudget(manual.id, { budget_amount: '10.00' });
    await spend(monthly.id, '10.00');
    await spend(oneTime.id, '10.00');
    const frozen = await post(spKey, FREEZE, { customer_ids: [manual.id], reason: 'by hand' });
    expect(frozen.json()).toEqual({});

    // Setting a monthly budget queued the pg-boss reset job for 00:00 on 1 May in Shanghai.
    const [scheduled] = await db
      .select()
      .from(platformSettings)
      .where(eq(platformSettings.key, BUDGET_RESET_SCHEDULE_KEY));
    expect(scheduled?.value).toBe('2026-04-30T16:00:00.000Z');
    t.clock.set('2026-04-30T16:00:00Z');
    // One run: pg-boss schedules by the database's time, which is past every test-clock date, so
    // the job each run queues for the next 1st is due at once.
    expect(await t.drainJobs({ limit: 1 })).toBe(1);
    expect(await frozenState(monthly)).toBe(0);
    expect(await frozenState(oneTime)).toBe(1);
    expect(await frozenState(manual)).toBe(1);
    expect((await showBudget(spKey, oneTime.id)).used_amount).toBe(10);
    expect(await resetMonthlyBudgets(systemContext())).toBe(0);
    // The job queued the next one, for 1 June.
    const [next] = await db
      .select()
      .from(platformSettings)
      .where(eq(platformSettings.key, BUDGET_RESET_SCHEDULE_KEY));
    expect(next?.value).toBe('2026-05-31T16:00:00.000Z');
  });

  it('follows the operator time zone setting', async () => {
    await db.insert(platformSettings).values({
      key: OPERATOR_TIME_ZONE_KEY,
      value: 'UTC',
      updatedAt: t.clock.now(),
      updatedBy: 'test',
    });
    t.clock.set('2026-05-31T20:00:00Z');
    const customer = await buildCustomer(db, spId);
    await setBudget(customer.id, { budget_amount: '10.00' });
    await spend(customer.id, '8.00');
    // 1 June in Shanghai, still 31 May in UTC.
    t.clock.set('2026-05-31T23:59:00Z');
    expect((await showBudget(spKey, customer.id)).used_amount).toBe(8);
    t.clock.set('2026-06-01T00:00:00Z');
    expect((await showBudget(spKey, customer.id)).used_amount).toBe(0);
    await db.delete(platformSettings).where(eq(platformSettings.key, OPERATOR_TIME_ZONE_KEY));
  });
});

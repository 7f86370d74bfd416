import { and, eq, isNull } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import { DAY_MS } from '../../platform/clock/index.ts';
import type { PrincipalRef } from '../../platform/auth/principal.ts';
import type { Db } from '../../platform/db/index.ts';
import { Errors } from '../../platform/http/errors.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { lastMessageTo } from '../../../test/helpers/mail.ts';
import {
  buildMember,
  buildOrganisation,
  memberRef,
  type BuiltOrganisation,
} from '../../../test/factories/org.ts';
import { buildPartner } from '../../../test/factories/partners.ts';
import {
  assignDirectly,
  buildCustomer,
  customerRef,
  type CustomerRow,
} from '../../../test/factories/customers.ts';
import { createOperatorAccount } from '../partners/index.ts';
import {
  bindingNotifications,
  customerPartnerSettings,
  customerAccountManagers,
  customerAssociationRecords,
  customerAssociationRequests,
  customerAuthorizations,
  customers,
} from './schema.ts';

let t: TestApp;
let db: Db;
let org: BuiltOrganisation;
// Credentials as references: each call gets a fresh token, since tests move the clock by months.
let ownerToken: PrincipalRef;
let managerToken: PrincipalRef;
let idleManagerToken: PrincipalRef;
let viewerToken: PrincipalRef;
let outsiderToken: PrincipalRef;
let siblingToken: PrincipalRef;
let operatorToken: PrincipalRef;
let managerId: string;

beforeAll(async () => {
  t = await buildTestApp('2026-03-02T08:00:00Z');
  db = t.database.db;
  org = await buildOrganisation(db);
  ownerToken = memberRef(org.owner);
  await db.insert(customerPartnerSettings).values({
    partnerId: org.partner.id,
    bindingCallbackUrl: 'https://sales.example.com/bind',
    updatedAt: t.clock.now(),
  });
  const manage = [Permissions.CUSTOMER_VIEW, Permissions.CUSTOMER_MANAGE];
  const manager = await buildMember(db, {
    partnerId: org.partner.id,
    permissions: manage,
    dataScope: 'mine',
  });
  managerId = manager.member.id;
  managerToken = memberRef(manager.member);
  const idle = await buildMember(db, {
    partnerId: org.partner.id,
    permissions: manage,
    dataScope: 'mine',
  });
  idleManagerToken = memberRef(idle.member);
  const viewer = await buildMember(db, {
    partnerId: org.partner.id,
    permissions: [Permissions.CUSTOMER_VIEW],
  });
  viewerToken = memberRef(viewer.member);
  const outsider = await buildOrganisation(db);
  outsiderToken = memberRef(outsider.owner);
  const distributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  await buildPartner(db, { partnerType: 'reseller', parentPartnerId: distributor.partner.id });
  const sibling = await buildPartner(db, {
    partnerType: 'reseller',
    parentPartnerId: distributor.partner.id,
  });
  siblingToken = memberRef(sibling.owner);
  const operator = await createOperatorAccount(db, t.clock, {
    name: 'assoc_operator',
    companyName: 'Huoban Cloud',
    email: 'ops-assoc@huoban.example',
    password: 'Strong-pass-42',
  });
  operatorToken = memberRef(operator.owner);
});
afterAll(async () => {
  await t.close();
});

async function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  who: PrincipalRef | undefined,
  payload?: object,
) {
  const headers = who ? { 'x-auth-token': await issueTestToken(db, who, t.clock) } : {};
  const options: InjectOptions = { method, url, headers };
  if (payload) options.payload = payload;
  return t.app.inject(options);
}

async function newCustomer(overrides: Partial<typeof customers.$inferInsert> = {}) {
  const customer = await buildCustomer(db, org.partner.id, {
    associatedOn: t.clock.now(),
    ...overrides,
  });
  return { customer, token: customerRef(customer) };
}

function request(
  customer: CustomerRow,
  kind: 'disassociate' | 'switch_type',
  token: PrincipalRef = ownerToken,
) {
  return call('POST', `/console/api/customers/${customer.id}/association-requests`, token, {
    kind,
    reason: 'moving to another partner',
    acknowledged: true,
  });
}

async function reload(customer: CustomerRow): Promise<CustomerRow> {
  const [row] = await db.select().from(customers).where(eq(customers.id, customer.id));
  if (!row) throw new Error('customer vanished');
  return row;
}

async function recordsOf(customer: CustomerRow) {
  return db
    .select()
    .from(customerAssociationRecords)
    .where(eq(customerAssociationRecords.customerId, customer.id));
}

async function auditActions(resourceId: string): Promise<string[]> {
  const rows = await db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.resourceId, resourceId));
  return rows.map((row) => row.action).sort();
}

interface RequestBody {
  id: string;
  status: string;
  kind: string;
  initiator: string;
  to_association_type: string | null;
}

describe('partner-initiated disassociation', () => {
  it('checks the account, submits, and completes with every side effect when the customer agrees', async () => {
    const { customer, token } = await newCustomer();
    await assignDirectly(db, customer, managerId, t.clock.now());
    await db.insert(customerAuthorizations).values({
      id: `auth_${customer.id}`,
      partnerId: org.partner.id,
      customerId: customer.id,
      status: 'authorized',
      requestedBy: 'test',
      requestedAt: t.clock.now(),
    });

    const check = await call(
      'GET',
      `/console/api/customers/${customer.id}/association-check?kind=disassociate`,
      ownerToken,
    );
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({
      kind: 'disassociate',
      passed: true,
      blockers: [],
      allowance: { max_requests: 3, period_months: 3, used: 0 },
      open_request: null,
    });

    const submitted = await request(customer, 'disassociate');
    expect(submitted.statusCode).toBe(200);
    const body = submitted.json<RequestBody>();
    expect(body).toMatchObject({
      customer_id: customer.id,
      kind: 'disassociate',
      initiator: 'partner',
      status: 'pending_customer',
      reason: 'moving to another partner',
      to_association_type: null,
    });

    const open = await call(
      'GET',
      `/console/api/customers/${customer.id}/association-request`,
      viewerToken,
    );
    expect(open.json<{ request: RequestBody }>().request.id).toBe(body.id);

    const toCustomer = lastMessageTo(t.outbox, customer.email);
    expect(toCustomer.subject).toContain('解除关联');
    expect(toCustomer.text).toContain('moving to another partner');

    const mine = await call('GET', '/console/api/portal/association', token);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      customer_id: customer.id,
      partner_id: org.partner.id,
      status: 'active',
      open_request: { id: body.id, status: 'pending_customer' },
    });

    const before = await call('POST', '/v2/partners/sub-customers/query', ownerToken, {
      account_name: customer.accountName,
    });
    expect(before.json()).toMatchObject({ count: 1 });

    t.clock.advance(DAY_MS);
    const approved = await call(
      'POST',
      `/console/api/portal/association/requests/${body.id}/approve`,
      token,
      {},
    );
    expect(approved.statusCode).toBe(200);
    // R-DIS-05: the partner learns the customer's decision.
    const toPartner = lastMessageTo(t.outbox, org.partner.email);
    expect(toPartner.subject).toContain('已同意');
    expect(toPartner.text).toContain(customer.accountName);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decided_by: `${customer.accountName}/${customer.accountName}`,
    });

    const after = await reload(customer);
    expect(after.status).toBe('disassociated');
    expect(after.accountManagerId).toBeNull();
    const openPeriods = await db
      .select()
      .from(customerAccountManagers)
      .where(
        and(
          eq(customerAccountManagers.customerId, customer.id),
          isNull(customerAccountManagers.endedAt),
        ),
      );
    expect(openPeriods).toEqual([]);
    const [authorization] = await db
      .select()
      .from(customerAuthorizations)
      .where(eq(customerAuthorizations.customerId, customer.id));
    expect(authorization?.status).toBe('revoked');
    const notifications = await db
      .select()
      .from(bindingNotifications)
      .where(eq(bindingNotifications.customerId, customer.id));
    expect(notifications).toMatchObject([
      { partnerId: org.partner.id, bindAction: '1', url: 'https://sales.example.com/bind' },
    ]);
    expect(JSON.parse(notifications[0]?.body ?? '{}')).toMatchObject({
      domainId: customer.id,
      bindAction: '1',
    });
    const events = (await recordsOf(customer)).map((record) => record.event).sort();
    expect(events).toEqual(['associated', 'disassociated', 'request_submitted']);
    expect(await auditActions(customer.id)).toContain('customers.customer.disassociate');
    expect(await auditActions(body.id)).toEqual([
      'customers.association_request.approve',
      'customers.association_request.submit',
    ]);

    const again = await request(customer, 'disassociate');
    expect(again.json()).toMatchObject({ error_code: Errors.OPERATION_NOT_ALLOWED.code });

    // No longer the partner's customer: gone from the console list and ListSubCustomers.
    const list = await call(
      'GET',
      `/console/api/customers?keyword=${customer.accountName}`,
      ownerToken,
    );
    expect(list.json()).toMatchObject({ total_count: 0, customers: [] });
    const detail = await call('GET', `/console/api/customers/${customer.id}`, ownerToken);
    expect(detail.json()).toMatchObject({ customer_id: customer.id, status: 'disassociated' });
    const listed = await call('POST', '/v2/partners/sub-customers/query', ownerToken, {
      account_name: customer.accountName,
    });
    expect(listed.json()).toMatchObject({ count: 0, customer_infos: [] });
  });

  it('keeps the association when the customer refuses, recording the rejection', async () => {
    const { customer, token } = await newCustomer();
    const { id } = (await request(customer, 'disassociate')).json<RequestBody>();
    const rejected = await call(
      'POST',
      `/console/api/portal/association/requests/${id}/reject`,
      token,
      { opinion: 'we stay' },
    );
    expect(rejected.json()).toMatchObject({ status: 'rejected', opinion: 'we stay' });
    expect((await reload(customer)).status).toBe('active');
    const events = (await recordsOf(customer)).map((record) => record.event).sort();
    expect(events).toEqual(['associated', 'request_rejected', 'request_submitted']);
    expect(
      await db
        .select()
        .from(bindingNotifications)
        .where(eq(bindingNotifications.customerId, customer.id)),
    ).toEqual([]);
  });

  it('lets the partner withdraw its pending request, and not a decided one', async () => {
    const { customer } = await newCustomer();
    const { id } = (await request(customer, 'disassociate')).json<RequestBody>();
    const withdrawn = await call(
      'POST',
      `/console/api/association-requests/${id}/withdraw`,
      ownerToken,
    );
    expect(withdrawn.json()).toMatchObject({ status: 'cancelled' });
    const twice = await call(
      'POST',
      `/console/api/association-requests/${id}/withdraw`,
      ownerToken,
    );
    expect(twice.json()).toMatchObject({ error_code: Errors.OPERATION_NOT_ALLOWED.code });
    expect((await recordsOf(customer)).map((record) => record.event)).toContain(
      'request_withdrawn',
    );
  });

  it('refuses a second open request and an unacknowledged or reasonless one', async () => {
    const { customer } = await newCustomer();
    expect((await request(customer, 'switch_type')).statusCode).toBe(200);
    const second = await request(customer, 'disassociate');
    expect(second.statusCode).toBe(409);
    const unacknowledged = await call(
      'POST',
      `/console/api/customers/${customer.id}/association-requests`,
      ownerToken,
      { kind: 'disassociate', reason: 'x', acknowledged: false },
    );
    expect(unacknowledged.statusCode).toBe(400);
    expect(unacknowledged.json<{ error_msg: string }>().error_msg).toContain('acknowledged');
    const blank = await call(
      'POST',
      `/console/api/customers/${customer.id}/association-requests`,
      ownerToken,
      { kind: 'disassociate', reason: '   ', acknowledged: true },
    );
    expect(blank.json()).toMatchObject({ error_code: 'CBC.0100' });
    expect(blank.json<{ error_msg: string }>().error_msg).toContain('reason');
    const badKind = await call(
      'POST',
      `/console/api/customers/${customer.id}/association-requests`,
      ownerToken,
      { kind: 'divorce', reason: 'x', acknowledged: true },
    );
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json<{ error_msg: string }>().error_msg).toContain('kind');
  });

  it('needs credentials and customer.manage', async () => {
    const { customer } = await newCustomer();
    expect(
      (
        await call(
          'POST',
          `/console/api/customers/${customer.id}/association-requests`,
          undefined,
          { kind: 'disassociate', reason: 'x', acknowledged: true },
        )
      ).statusCode,
    ).toBe(401);
    expect((await request(customer, 'disassociate', viewerToken)).statusCode).toBe(403);
    expect(
      (
        await call(
          'GET',
          `/console/api/customers/${customer.id}/association-check?kind=disassociate`,
          viewerToken,
        )
      ).statusCode,
    ).toBe(403);
  });
});

describe('scopes and states', () => {
  it('lets the account manager who manages the customer request, within its own scope', async () => {
    const { customer } = await newCustomer();
    await assignDirectly(db, customer, managerId, t.clock.now());
    const submitted = await request(customer, 'switch_type', managerToken);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ initiator: 'partner', status: 'pending_customer' });
    const withdrawn = await call(
      'POST',
      `/console/api/association-requests/${submitted.json<RequestBody>().id}/withdraw`,
      managerToken,
    );
    expect(withdrawn.json()).toMatchObject({ status: 'cancelled' });
  });

  it('refuses requests for a customer that already left, who still sees its history', async () => {
    const { customer, token } = await newCustomer();
    await db
      .update(customers)
      .set({ status: 'disassociated' })
      .where(eq(customers.id, customer.id));
    const check = await call(
      'GET',
      `/console/api/customers/${customer.id}/association-check?kind=disassociate`,
      ownerToken,
    );
    expect(check.json()).toMatchObject({ error_code: Errors.OPERATION_NOT_ALLOWED.code });
    const applied = await call('POST', '/console/api/portal/association/requests', token, {
      reason: 'x',
      acknowledged: true,
    });
    expect(applied.json()).toMatchObject({ error_code: Errors.OPERATION_NOT_ALLOWED.code });
    const mine = await call('GET', '/console/api/portal/association', token);
    expect(mine.json()).toMatchObject({ status: 'disassociated', open_request: null });
  });

  it('refuses a customer application while the partner is frozen (R-DIS-09)', async () => {
    const frozen = await buildPartner(db, { status: 'frozen' });
    const customer = await buildCustomer(db, frozen.partner.id, { associatedOn: t.clock.now() });
    const applied = await call(
      'POST',
      '/console/api/portal/association/requests',
      customerRef(customer),
      { reason: 'x', acknowledged: true },
    );
    expect(applied.json()).toMatchObject({ error_code: Errors.OPERATION_NOT_ALLOWED.code });
    expect(applied.json<{ error_msg: string }>().error_msg).toContain('frozen');
  });
});

describe('type switch', () => {
  it('switches resale to referral when the customer agrees', async () => {
    const { customer, token } = await newCustomer({ associationType: '2' });
    const submitted = (await request(customer, 'switch_type')).json<RequestBody>();
    expect(submitted).toMatchObject({ kind: 'switch_type', to_association_type: '1' });
    await call(
      'POST',
      `/console/api/portal/association/requests/${submitted.id}/approve`,
      token,
      {},
    );
    const after = await reload(customer);
    expect(after.associationType).toBe('1');
    expect(after.status).toBe('active');
    const switched = (await recordsOf(customer)).find((record) => record.event === 'type_switched');
    expect(switched).toMatchObject({ associationType: '1', requestId: submitted.id });
    expect(await auditActions(customer.id)).toContain('customers.customer.switch_type');
  });

  it('is not something a customer can ask for (R-DIS-08)', async () => {
    const { token } = await newCustomer();
    const response = await call('POST', '/console/api/portal/association/requests', token, {
      kind: 'switch_type',
      reason: 'x',
      acknowledged: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error_msg: string }>().error_msg).toContain('kind');
  });
});

describe('customer-initiated disassociation', () => {
  it('waits for the partner administrator, who approves it in 管理关联记录', async () => {
    const { customer, token } = await newCustomer();
    const applied = await call('POST', '/console/api/portal/association/requests', token, {
      reason: 'we buy directly now',
      acknowledged: true,
    });
    expect(applied.statusCode).toBe(200);
    const body = applied.json<RequestBody>();
    expect(body).toMatchObject({ initiator: 'customer', status: 'pending_partner' });
    const toPartner = lastMessageTo(t.outbox, org.partner.email);
    expect(toPartner.text).toContain('we buy directly now');

    const records = await call(
      'GET',
      `/console/api/association-records?customer=${customer.accountName}&event=request_submitted`,
      ownerToken,
    );
    expect(records.json()).toMatchObject({
      total_count: 1,
      records: [
        {
          customer_id: customer.id,
          event: 'request_submitted',
          request: { id: body.id, initiator: 'customer', status: 'pending_partner' },
        },
      ],
    });

    // The customer cannot decide its own request, nor the partner withdraw it.
    const selfApprove = await call(
      'POST',
      `/console/api/portal/association/requests/${body.id}/approve`,
      token,
      {},
    );
    expect(selfApprove.json()).toMatchObject({ error_code: Errors.OPERATION_NOT_ALLOWED.code });
    const partnerWithdraw = await call(
      'POST',
      `/console/api/association-requests/${body.id}/withdraw`,
      ownerToken,
    );
    expect(partnerWithdraw.json()).toMatchObject({
      error_code: Errors.OPERATION_NOT_ALLOWED.code,
    });

    const approved = await call(
      'POST',
      `/console/api/association-requests/${body.id}/approve`,
      ownerToken,
      {},
    );
    expect(approved.json()).toMatchObject({ status: 'approved' });
    expect((await reload(customer)).status).toBe('disassociated');
  });

  it('rejection needs an opinion and leaves the customer associated', async () => {
    const { customer, token } = await newCustomer();
    const { id } = (
      await call('POST', '/console/api/portal/association/requests', token, {
        reason: 'cheaper elsewhere',
        acknowledged: true,
      })
    ).json<RequestBody>();
    const bare = await call(
      'POST',
      `/console/api/association-requests/${id}/reject`,
      ownerToken,
      {},
    );
    expect(bare.json<{ error_msg: string }>().error_msg).toContain('opinion');
    const rejected = await call(
      'POST',
      `/console/api/association-requests/${id}/reject`,
      ownerToken,
      { opinion: 'contract runs until June' },
    );
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect(lastMessageTo(t.outbox, customer.email).text).toContain('contract runs until June');
    expect((await reload(customer)).status).toBe('active');
    const mine = await call('GET', '/console/api/portal/association', token);
    expect(mine.json()).toMatchObject({
      open_request: null,
      requests: [{ id, status: 'rejected', opinion: 'contract runs until June' }],
    });
  });

  it('can be withdrawn by the customer', async () => {
    const { token } = await newCustomer();
    const { id } = (
      await call('POST', '/console/api/portal/association/requests', token, {
        reason: 'changed our mind later',
        acknowledged: true,
      })
    ).json<RequestBody>();
    const withdrawn = await call(
      'POST',
      `/console/api/portal/association/requests/${id}/withdraw`,
      token,
    );
    expect(withdrawn.json()).toMatchObject({ status: 'cancelled' });
  });

  it('is decided by administrators only', async () => {
    const { customer, token } = await newCustomer();
    await assignDirectly(db, customer, managerId, t.clock.now());
    const { id } = (
      await call('POST', '/console/api/portal/association/requests', token, {
        reason: 'x',
        acknowledged: true,
      })
    ).json<RequestBody>();
    const byManager = await call(
      'POST',
      `/console/api/association-requests/${id}/approve`,
      managerToken,
      {},
    );
    expect(byManager.statusCode).toBe(403);
    expect((await reload(customer)).status).toBe('active');
  });
});

describe('the account check (R-DIS-04)', () => {
  it('blocks a frozen account and an enterprise master with independent subs', async () => {
    const { customer } = await newCustomer({ isFrozen: 1 });
    const check = await call(
      'GET',
      `/console/api/customers/${customer.id}/association-check?kind=switch_type`,
      ownerToken,
    );
    expect(check.json()).toMatchObject({
      passed: false,
      blockers: [{ code: 'account_frozen' }],
    });
    const refused = await request(customer, 'switch_type');
    expect(refused.json()).toMatchObject({ error_code: Errors.ASSOCIATION_CHECK_FAILED.code });

    const { customer: master } = await newCustomer();
    await newCustomer({ enterpriseMasterId: master.id, enterpriseSubMode: 'independent' });
    const masterCheck = await call(
      'GET',
      `/console/api/customers/${master.id}/association-check?kind=disassociate`,
      ownerToken,
    );
    expect(masterCheck.json()).toMatchObject({
      passed: false,
      blockers: [{ code: 'enterprise_master_with_independent_subs' }],
    });
    expect(
      await db
        .select()
        .from(customerAssociationRequests)
        .where(eq(customerAssociationRequests.customerId, master.id)),
    ).toEqual([]);
  });

  it('blocks an independently accounted sub, in the portal too', async () => {
    const { customer: master } = await newCustomer();
    const { token } = await newCustomer({
      enterpriseMasterId: master.id,
      enterpriseSubMode: 'independent',
    });
    const applied = await call('POST', '/console/api/portal/association/requests', token, {
      reason: 'x',
      acknowledged: true,
    });
    expect(applied.json()).toMatchObject({ error_code: Errors.ASSOCIATION_CHECK_FAILED.code });
    expect(applied.json<{ error_msg: string }>().error_msg).toContain('master must detach');
  });
});

describe('the per-period limit (R-DIS-02/03)', () => {
  it('allows 3 requests in 3 months, refuses the 4th, and allows again once the first leaves the window', async () => {
    const { customer } = await newCustomer();
    const made: string[] = [];
    for (const days of [0, 20, 20]) {
      t.clock.advance(days * DAY_MS);
      const { id } = (await request(customer, 'disassociate')).json<RequestBody>();
      made.push(id);
      await call('POST', `/console/api/association-requests/${id}/withdraw`, ownerToken);
    }
    t.clock.advance(30 * DAY_MS); // day 70 after the first request: still inside 3 months
    const fourth = await request(customer, 'disassociate');
    expect(fourth.statusCode).toBe(400);
    expect(fourth.json()).toMatchObject({ error_code: Errors.ASSOCIATION_REQUEST_LIMIT.code });
    const check = await call(
      'GET',
      `/console/api/customers/${customer.id}/association-check?kind=disassociate`,
      ownerToken,
    );
    expect(check.json()).toMatchObject({ passed: false, allowance: { used: 3 } });

    t.clock.advance(25 * DAY_MS); // day 95: the first request is more than 3 months old
    const allowed = await request(customer, 'disassociate');
    expect(allowed.statusCode).toBe(200);
    expect(made).toHaveLength(3);
  });

  it('counts each side apart: the customer still has its own allowance', async () => {
    const { customer, token } = await newCustomer();
    for (let i = 0; i < 3; i += 1) {
      const { id } = (await request(customer, 'switch_type')).json<RequestBody>();
      await call('POST', `/console/api/association-requests/${id}/withdraw`, ownerToken);
    }
    expect((await request(customer, 'switch_type')).statusCode).toBe(400);
    const applied = await call('POST', '/console/api/portal/association/requests', token, {
      reason: 'x',
      acknowledged: true,
    });
    expect(applied.statusCode).toBe(200);
  });

  it('follows the operator setting, which is audited', async () => {
    const current = await call(
      'GET',
      '/console/api/operator/association-request-limit',
      operatorToken,
    );
    expect(current.json()).toMatchObject({
      key: 'customers.association_request_limit',
      max_requests: 3,
      period_months: 3,
      updated_at: null,
    });
    const set = await call(
      'PUT',
      '/console/api/operator/association-request-limit',
      operatorToken,
      {
        max_requests: 1,
        period_months: 6,
      },
    );
    expect(set.json()).toMatchObject({ max_requests: 1, period_months: 6 });
    const { customer } = await newCustomer();
    const { id } = (await request(customer, 'disassociate')).json<RequestBody>();
    await call('POST', `/console/api/association-requests/${id}/withdraw`, ownerToken);
    t.clock.advance(120 * DAY_MS);
    expect((await request(customer, 'disassociate')).json()).toMatchObject({
      error_code: Errors.ASSOCIATION_REQUEST_LIMIT.code,
    });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'customers.association_limit.update'));
    expect(audit).toMatchObject({
      before: { max_requests: 3, period_months: 3 },
      after: { max_requests: 1, period_months: 6 },
    });
    await call('PUT', '/console/api/operator/association-request-limit', operatorToken, {
      max_requests: 3,
      period_months: 3,
    });
  });

  it('validates the setting and keeps it for the operator', async () => {
    const bad = await call(
      'PUT',
      '/console/api/operator/association-request-limit',
      operatorToken,
      {
        max_requests: 0,
        period_months: 3,
      },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error_msg: string }>().error_msg).toContain('max_requests');
    const byPartner = await call(
      'PUT',
      '/console/api/operator/association-request-limit',
      ownerToken,
      {
        max_requests: 9,
        period_months: 3,
      },
    );
    expect(byPartner.statusCode).toBe(403);
    expect(
      (await call('GET', '/console/api/operator/association-request-limit', undefined)).statusCode,
    ).toBe(401);
  });
});

describe('outsiders', () => {
  it('get not-found for every action and change nothing', async () => {
    const { customer, token } = await newCustomer();
    await assignDirectly(db, customer, managerId, t.clock.now());
    const { id } = (await request(customer, 'disassociate')).json<RequestBody>();
    const { token: otherCustomerToken } = await newCustomer();

    for (const outsider of [outsiderToken, siblingToken, idleManagerToken]) {
      for (const response of [
        await call(
          'GET',
          `/console/api/customers/${customer.id}/association-check?kind=disassociate`,
          outsider,
        ),
        await call('GET', `/console/api/customers/${customer.id}/association-request`, outsider),
        await request(customer, 'switch_type', outsider),
        await call('POST', `/console/api/association-requests/${id}/withdraw`, outsider),
      ]) {
        expect(response.statusCode).toBe(404);
      }
      const list = await call(
        'GET',
        `/console/api/association-records?customer=${customer.id}`,
        outsider,
      );
      expect(list.json()).toEqual({ total_count: 0, records: [] });
    }
    for (const outsider of [outsiderToken, siblingToken]) {
      const decided = await call(
        'POST',
        `/console/api/association-requests/${id}/approve`,
        outsider,
        {},
      );
      expect(decided.statusCode).toBe(404);
    }
    for (const action of ['approve', 'reject', 'withdraw']) {
      const response = await call(
        'POST',
        `/console/api/portal/association/requests/${id}/${action}`,
        otherCustomerToken,
        {},
      );
      expect(response.statusCode).toBe(404);
    }
    const partnerOnPortal = await call('GET', '/console/api/portal/association', ownerToken);
    expect(partnerOnPortal.statusCode).toBe(403);

    const [row] = await db
      .select()
      .from(customerAssociationRequests)
      .where(eq(customerAssociationRequests.id, id));
    expect(row?.status).toBe('pending_customer');
    expect((await reload(customer)).status).toBe('active');
    // The assigned manager sees the request and the customer itself may still answer it.
    expect(
      (await call('GET', `/console/api/customers/${customer.id}/association-request`, managerToken))
        .statusCode,
    ).toBe(200);
    expect(
      (await call('POST', `/console/api/portal/association/requests/${id}/reject`, token, {}))
        .statusCode,
    ).toBe(200);
  });
});

describe('管理关联记录', () => {
  it('filters by event and time, pages and exports', async () => {
    const from = t.clock.now();
    const { customer } = await newCustomer();
    t.clock.advance(DAY_MS);
    await request(customer, 'switch_type');
    const to = new Date(t.clock.now().getTime() + 1000);
    const window = `occurred_from=${from.toISOString().replace(/\.\d{3}Z$/, 'Z')}&occurred_to=${to
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')}`;
    const page = await call(
      'GET',
      `/console/api/association-records?customer=${customer.accountName}&${window}&limit=1`,
      ownerToken,
    );
    expect(page.json()).toMatchObject({
      total_count: 2,
      records: [{ event: 'request_submitted', request: { kind: 'switch_type' } }],
    });
    const second = await call(
      'GET',
      `/console/api/association-records?customer=${customer.accountName}&${window}&limit=1&offset=1`,
      ownerToken,
    );
    expect(second.json()).toMatchObject({ records: [{ event: 'associated', request: null }] });

    const emptyRange = await call(
      'GET',
      `/console/api/association-records?occurred_from=2026-05-01T00:00:00Z&occurred_to=2026-04-01T00:00:00Z`,
      ownerToken,
    );
    expect(emptyRange.json<{ error_msg: string }>().error_msg).toContain('occurred_to');
    const badEvent = await call('GET', '/console/api/association-records?event=eloped', ownerToken);
    expect(badEvent.statusCode).toBe(400);

    const csv = await call(
      'GET',
      `/console/api/association-records/export?format=csv&customer=${customer.accountName}`,
      ownerToken,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('association-records-');
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('request_submitted');
    const xlsx = await call(
      'GET',
      `/console/api/association-records/export?format=xlsx`,
      ownerToken,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(
      (await call('GET', '/console/api/association-records/export', viewerToken)).statusCode,
    ).toBe(403);
  });
});

import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { DAY_MS, MINUTE_MS } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { lastMessageTo } from '../../../test/helpers/mail.ts';
import {
  buildOrganisation,
  buildOrgMember,
  memberRef,
  type BuiltOrganisation,
  type MemberRow,
} from '../../../test/factories/org.ts';
import { buildCustomer } from '../../../test/factories/customers.ts';
import {
  bindingNotifications,
  customerAccountManagers,
  customerPartnerSettings,
  customerAssociationRecords,
  customerInvitationAttempts,
  customerInvitations,
  customerPreregistrations,
  customers,
} from './schema.ts';

let t: TestApp;
let db: Db;
let org: BuiltOrganisation;
let manager: MemberRow;
let outsider: BuiltOrganisation;
const PASSWORD = 'Cust-pass-2026';
let passwordHash: string;

beforeAll(async () => {
  t = await buildTestApp('2026-06-01T08:00:00Z');
  db = t.database.db;
  org = await buildOrganisation(db);
  manager = await buildOrgMember(db, org.partner.id, [org.roles.account_manager]);
  outsider = await buildOrganisation(db);
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await t.close();
});

async function call(method: 'GET' | 'POST', url: string, member?: MemberRow, payload?: object) {
  const token = member ? await issueTestToken(db, memberRef(member), t.clock) : undefined;
  const options: InjectOptions = { method, url, headers: token ? { 'x-auth-token': token } : {} };
  if (payload) options.payload = payload;
  return t.app.inject(options);
}

const BASE = '/console/api/customer-development';

interface InvitationBody {
  id: string;
  token: string | null;
}

/** Sends one e-mail invitation as `member` and returns its id and the token from the mail. */
async function inviteByEmail(member: MemberRow, email: string, associationType = '2') {
  const response = await call('POST', `${BASE}/invitations`, member, {
    emails: [email],
    association_type: associationType,
  });
  expect(response.statusCode).toBe(200);
  const [invitation] = response.json<{ invitations: InvitationBody[] }>().invitations;
  const link = /\/invite\/([\w-]+)/.exec(lastMessageTo(t.outbox, email).text);
  if (!invitation || !link?.[1]) throw new Error('no invitation link in the mail');
  return { id: invitation.id, token: link[1] };
}

async function offlineLink(member: MemberRow, associationType = '2'): Promise<string> {
  const response = await call('POST', `${BASE}/links`, member, {
    association_type: associationType,
  });
  const token = response.json<InvitationBody>().token;
  if (!token) throw new Error('no link token');
  return token;
}

let accountCounter = 0;
function accountName(): string {
  accountCounter += 1;
  return `newcust${accountCounter}x${Date.now().toString(36)}`;
}

/** Requests a code for `email` and reads it from the outbox. */
async function codeFor(token: string, email: string): Promise<string> {
  const sent = await call('POST', `/console/api/invitations/${token}/code`, undefined, { email });
  expect(sent.statusCode).toBe(200);
  const code = /(\d{6})/.exec(lastMessageTo(t.outbox, email).subject)?.[1];
  if (!code) throw new Error('no code in the mail');
  return code;
}

async function register(token: string, name: string, email: string, code?: string) {
  return call('POST', `/console/api/invitations/${token}/register`, undefined, {
    account_name: name,
    password: PASSWORD,
    email,
    verification_code: code ?? (await codeFor(token, email)),
    accept_notice: true,
  });
}

describe('the acceptance page', () => {
  it('shows what the link offers; an unknown token is not found', async () => {
    const { token } = await inviteByEmail(org.owner, 'info@example.com');
    const info = await call('GET', `/console/api/invitations/${token}`);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({
      partner_name: org.partner.companyName,
      association_type: '2',
      channel: 'email',
      status: 'invited',
      expires_at: '2026-06-08T08:00:00Z',
      email: 'info@example.com',
      notice_version: '2024-01',
    });
    expect((await call('GET', '/console/api/invitations/not-a-token')).statusCode).toBe(404);
  });

  it('registers a new customer with the mailed code and associates it in one go', async () => {
    const email = 'fresh@example.com';
    const { id, token } = await inviteByEmail(org.owner, email);
    const name = accountName();
    const response = await register(token, name, email);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ customer_id: string }>();
    expect(body).toMatchObject({ outcome: 'associated', failure_cause: null, account_name: name });
    const [customer] = await db.select().from(customers).where(eq(customers.id, body.customer_id));
    expect(customer).toMatchObject({
      partnerId: org.partner.id,
      status: 'active',
      associationType: '2',
      isFrozen: 1,
      email,
      accountManagerId: null,
      associatedOn: t.clock.now(),
    });
    const records = await db
      .select()
      .from(customerAssociationRecords)
      .where(eq(customerAssociationRecords.customerId, body.customer_id));
    expect(records).toEqual([expect.objectContaining({ event: 'associated', actor: name })]);
    const [invitation] = await db
      .select()
      .from(customerInvitations)
      .where(eq(customerInvitations.id, id));
    expect(invitation?.status).toBe('associated');
    const audit = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.resourceId, body.customer_id));
    expect(audit.map((row) => row.action).sort()).toEqual([
      'customers.customer.associate',
      'customers.customer.register',
    ]);
    // The single-use link is spent; the history says so.
    const reuse = await register(token, accountName(), 'other@example.com', '123456');
    expect(reuse.json()).toMatchObject({ outcome: 'failed', failure_cause: 'link_used' });
    const list = await call('GET', `/console/api/customers?keyword=${name}`, org.owner);
    expect(list.json()).toMatchObject({ total_count: 1 });
    // The new account is a real customer login: it signs in to the customer portal.
    const login = await call('POST', '/console/api/portal/session', undefined, {
      account_name: name,
      password: PASSWORD,
    });
    expect(login.statusCode).toBe(200);
  });

  it('refuses bad input naming the field and a wrong or reused code', async () => {
    const email = 'careful@example.com';
    const { token } = await inviteByEmail(org.owner, email);
    const code = await codeFor(token, email);
    const noNotice = await call('POST', `/console/api/invitations/${token}/register`, undefined, {
      account_name: accountName(),
      password: PASSWORD,
      email,
      verification_code: code,
      accept_notice: false,
    });
    expect(noNotice.statusCode).toBe(400);
    expect(noNotice.json<{ error_msg: string }>().error_msg).toContain('accept_notice');
    const badName = await register(token, '1abc', email, code);
    expect(badName.json<{ error_msg: string }>().error_msg).toContain('account_name');
    const wrongCode = await register(
      token,
      accountName(),
      email,
      code === '000000' ? '111111' : '000000',
    );
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.json<{ error_msg: string }>().error_msg).toContain('verification_code');
    const tooSoon = await call('POST', `/console/api/invitations/${token}/code`, undefined, {
      email,
    });
    expect(tooSoon.statusCode).toBe(429);
    const badEmail = await call('POST', `/console/api/invitations/${token}/code`, undefined, {
      email: 'not-an-address',
    });
    expect(badEmail.statusCode).toBe(400);
    const nothingCreated = await db
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.email, email));
    expect(nothingCreated).toEqual([]);
  });

  it('accepts an e-mail invitation on day 6 and refuses it on day 8', async () => {
    const early = await inviteByEmail(org.owner, 'day6@example.com');
    const late = await inviteByEmail(org.owner, 'day8@example.com');
    t.clock.advance(6 * DAY_MS);
    const onDay6 = await register(early.token, accountName(), 'day6@example.com');
    expect(onDay6.json()).toMatchObject({ outcome: 'associated' });
    t.clock.advance(2 * DAY_MS);
    const info = await call('GET', `/console/api/invitations/${late.token}`);
    expect(info.json()).toMatchObject({ status: 'expired' });
    const name = accountName();
    const onDay8 = await call(
      'POST',
      `/console/api/invitations/${late.token}/register`,
      undefined,
      {
        account_name: name,
        password: PASSWORD,
        email: 'day8@example.com',
        verification_code: '123456',
        accept_notice: true,
      },
    );
    expect(onDay8.json()).toMatchObject({ outcome: 'failed', failure_cause: 'link_expired' });
    expect(await db.select().from(customers).where(eq(customers.accountName, name))).toEqual([]);
    const history = await call(
      'GET',
      `${BASE}/history?outcome=failed&account_name=${name}`,
      org.owner,
    );
    expect(history.json()).toMatchObject({
      total_count: 1,
      attempts: [{ account_name: name, failure_cause: 'link_expired', outcome: 'failed' }],
    });
  });

  it("makes the inviting account manager the customer's manager (R-CUS-11)", async () => {
    const token = await offlineLink(manager);
    const email = 'viamanager@example.com';
    const response = await register(token, accountName(), email);
    const customerId = response.json<{ customer_id: string }>().customer_id;
    const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
    expect(customer?.accountManagerId).toBe(manager.id);
    const periods = await db
      .select()
      .from(customerAccountManagers)
      .where(eq(customerAccountManagers.customerId, customerId));
    expect(periods).toEqual([
      expect.objectContaining({ memberId: manager.id, startedAt: t.clock.now(), endedAt: null }),
    ]);
    const mine = await call('GET', `/console/api/customers/${customerId}`, manager);
    expect(mine.statusCode).toBe(200);
  });

  it("labels customers of an administrator's link with the link's tag", async () => {
    const token = await offlineLink(org.owner);
    const response = await register(token, accountName(), 'tagged@example.com');
    const customerId = response.json<{ customer_id: string }>().customer_id;
    const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
    expect(customer).toMatchObject({ label: org.owner.userName, accountManagerId: null });
  });
});

describe('limits of the public page', () => {
  it('sends at most one code a minute and five an hour to an address', async () => {
    const token = await offlineLink(org.owner);
    const email = 'busy@example.com';
    const send = () => call('POST', `/console/api/invitations/${token}/code`, undefined, { email });
    for (let i = 0; i < 5; i += 1) {
      expect((await send()).statusCode).toBe(200);
      expect((await send()).statusCode).toBe(429);
      t.clock.advance(MINUTE_MS);
    }
    const sixth = await send();
    expect(sixth.statusCode).toBe(400);
    expect(sixth.json()).toMatchObject({ error_code: 'CBC.99000082' });
  });

  it('answers a revoked link with its cause and stores the attempt', async () => {
    const { id, token } = await inviteByEmail(org.owner, 'revoked@example.com');
    expect((await call('POST', `${BASE}/invitations/${id}/revoke`, org.owner)).statusCode).toBe(
      200,
    );
    const code = await call('POST', `/console/api/invitations/${token}/code`, undefined, {
      email: 'revoked@example.com',
    });
    expect(code.statusCode).toBe(400);
    const name = accountName();
    const response = await register(token, name, 'revoked@example.com', '123456');
    expect(response.json()).toMatchObject({ outcome: 'failed', failure_cause: 'link_revoked' });
    const [attempt] = await db
      .select()
      .from(customerInvitationAttempts)
      .where(eq(customerInvitationAttempts.accountName, name));
    expect(attempt).toMatchObject({ invitationId: id, outcome: 'failed' });
  });

  it('stops an invitation after 20 failed attempts within the hour', async () => {
    const { token } = await inviteByEmail(org.owner, 'spent@example.com');
    const second = await inviteByEmail(org.owner, 'spent2@example.com');
    // Spend the first link, then fail with it until the budget is used.
    await register(token, accountName(), 'spent@example.com');
    for (let i = 0; i < 20; i += 1) {
      const failed = await register(token, accountName(), 'again@example.com', '123456');
      expect(failed.json()).toMatchObject({ failure_cause: 'link_used' });
    }
    const blocked = await register(token, accountName(), 'again@example.com', '123456');
    expect(blocked.statusCode).toBe(429);
    t.clock.advance(61 * MINUTE_MS);
    const later = await register(token, accountName(), 'again@example.com', '123456');
    expect(later.json()).toMatchObject({ failure_cause: 'link_used' });
    // Another invitation keeps its own budget.
    const other = await register(second.token, accountName(), 'spent2@example.com');
    expect(other.json()).toMatchObject({ outcome: 'associated' });
  });
});

describe('the binding notification', () => {
  it('queues bindAction "0" for the partner callback in the association transaction', async () => {
    const notified = await buildOrganisation(db);
    await db.insert(customerPartnerSettings).values({
      partnerId: notified.partner.id,
      bindingCallbackUrl: 'https://partner.example.com/bind',
      updatedAt: t.clock.now(),
    });
    const token = await offlineLink(notified.owner);
    const name = accountName();
    const response = await register(token, name, 'bound@example.com');
    const customerId = response.json<{ customer_id: string }>().customer_id;
    const rows = await db
      .select()
      .from(bindingNotifications)
      .where(eq(bindingNotifications.partnerId, notified.partner.id));
    expect(rows).toEqual([
      expect.objectContaining({ customerId, bindAction: '0', status: 'pending', isTest: false }),
    ]);
    expect(JSON.parse(rows[0]?.body ?? '{}')).toMatchObject({
      domainName: name,
      domainId: customerId,
      bindAction: '0',
    });
  });
});

describe('associating an existing account', () => {
  it('refuses an account associated with a partner and records the cause', async () => {
    const taken = await buildCustomer(db, outsider.partner.id, {
      passwordHash,
      createdAt: t.clock.now(),
    });
    const token = await offlineLink(org.owner);
    const response = await call('POST', `/console/api/invitations/${token}/associate`, undefined, {
      account_name: taken.accountName,
      password: PASSWORD,
      accept_notice: true,
    });
    expect(response.json()).toMatchObject({
      outcome: 'failed',
      failure_cause: 'already_associated',
    });
    const [unchanged] = await db.select().from(customers).where(eq(customers.id, taken.id));
    expect(unchanged?.partnerId).toBe(outsider.partner.id);
    const [attempt] = await db
      .select()
      .from(customerInvitationAttempts)
      .where(eq(customerInvitationAttempts.customerId, taken.id));
    expect(attempt).toMatchObject({
      partnerId: org.partner.id,
      failureCause: 'already_associated',
    });
    const outsiderHistory = await call(
      'GET',
      `${BASE}/history?account_name=${taken.accountName}`,
      outsider.owner,
    );
    expect(outsiderHistory.json()).toMatchObject({ total_count: 0 });
  });

  it('moves a disassociated account to the inviting partner', async () => {
    const now = t.clock.now();
    const former = await buildCustomer(db, outsider.partner.id, {
      passwordHash,
      status: 'disassociated',
      createdAt: now,
      associatedOn: new Date(now.getTime() - DAY_MS),
    });
    const token = await offlineLink(org.owner, '2');
    const response = await call('POST', `/console/api/invitations/${token}/associate`, undefined, {
      account_name: former.accountName,
      password: PASSWORD,
      accept_notice: true,
    });
    expect(response.json()).toMatchObject({ outcome: 'associated', customer_id: former.id });
    const [moved] = await db.select().from(customers).where(eq(customers.id, former.id));
    expect(moved).toMatchObject({ partnerId: org.partner.id, status: 'active', isFrozen: 1 });
  });

  it('needs a pre-registration for an account registered more than 7 days ago', async () => {
    const old = new Date(t.clock.now().getTime() - 20 * DAY_MS);
    const veteran = await buildCustomer(db, outsider.partner.id, {
      passwordHash,
      status: 'disassociated',
      createdAt: old,
      associatedOn: old,
    });
    const token = await offlineLink(org.owner);
    const attempt = () =>
      call('POST', `/console/api/invitations/${token}/associate`, undefined, {
        account_name: veteran.accountName,
        password: PASSWORD,
        accept_notice: true,
      });
    expect((await attempt()).json()).toMatchObject({ failure_cause: 'registered_over_7_days' });
    const now = t.clock.now();
    const [prereg] = await db
      .insert(customerPreregistrations)
      .values({
        id: `pr${veteran.id.slice(2)}`,
        partnerId: org.partner.id,
        customerName: veteran.customerName,
        associationType: '2',
        status: 'registered',
        expiresAt: new Date(now.getTime() + DAY_MS),
        createdBy: org.owner.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    expect((await attempt()).json()).toMatchObject({ outcome: 'associated' });
    const [fulfilled] = await db
      .select()
      .from(customerPreregistrations)
      .where(eq(customerPreregistrations.id, prereg?.id ?? ''));
    expect(fulfilled).toMatchObject({ status: 'associated', customerId: veteran.id });
  });

  it('refuses a financial-hosting enterprise sub and a sub as reseller', async () => {
    const hosted = await buildCustomer(db, outsider.partner.id, {
      passwordHash,
      status: 'disassociated',
      createdAt: t.clock.now(),
      enterpriseMasterId: 'master-1',
      enterpriseSubMode: 'hosted',
    });
    const independent = await buildCustomer(db, outsider.partner.id, {
      passwordHash,
      status: 'disassociated',
      createdAt: t.clock.now(),
      enterpriseMasterId: 'master-2',
      enterpriseSubMode: 'independent',
    });
    const token = await offlineLink(org.owner, '2');
    const tryWith = (name: string) =>
      call('POST', `/console/api/invitations/${token}/associate`, undefined, {
        account_name: name,
        password: PASSWORD,
        accept_notice: true,
      });
    expect((await tryWith(hosted.accountName)).json()).toMatchObject({
      failure_cause: 'financial_hosting_sub',
    });
    expect((await tryWith(independent.accountName)).json()).toMatchObject({
      failure_cause: 'enterprise_sub_reseller',
    });
  });

  it('fails a wrong password like an unknown name and locks after five', async () => {
    const target = await buildCustomer(db, outsider.partner.id, {
      passwordHash,
      status: 'disassociated',
      createdAt: t.clock.now(),
    });
    const token = await offlineLink(org.owner);
    const attempt = (name: string, password: string) =>
      call('POST', `/console/api/invitations/${token}/associate`, undefined, {
        account_name: name,
        password,
        accept_notice: true,
      });
    const unknown = await attempt('nobody-here', PASSWORD);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ error_code: 'CBC.0155' });
    for (let i = 0; i < 4; i += 1) {
      expect((await attempt(target.accountName, 'Wrong-pass-1')).json()).toMatchObject({
        error_code: 'CBC.0155',
      });
    }
    const fifth = await attempt(target.accountName, 'Wrong-pass-1');
    expect(fifth.json()).toMatchObject({ error_code: 'CBC.0156' });
    expect((await attempt(target.accountName, PASSWORD)).json()).toMatchObject({
      error_code: 'CBC.0156',
    });
    t.clock.advance(16 * MINUTE_MS);
    expect((await attempt(target.accountName, PASSWORD)).json()).toMatchObject({
      outcome: 'associated',
    });
  });

  it('refuses a prospect pre-registered by another partner', async () => {
    const now = t.clock.now();
    const prospect = await buildCustomer(db, outsider.partner.id, {
      passwordHash,
      status: 'disassociated',
      createdAt: now,
    });
    await db.insert(customerPreregistrations).values({
      id: `po${prospect.id.slice(2)}`,
      partnerId: outsider.partner.id,
      customerName: prospect.customerName,
      associationType: '2',
      status: 'registered',
      expiresAt: new Date(now.getTime() + DAY_MS),
      createdBy: outsider.owner.id,
      createdAt: now,
      updatedAt: now,
    });
    const token = await offlineLink(org.owner);
    const response = await call('POST', `/console/api/invitations/${token}/associate`, undefined, {
      account_name: prospect.accountName,
      password: PASSWORD,
      accept_notice: true,
    });
    expect(response.json()).toMatchObject({ failure_cause: 'preregistered_by_other_partner' });
    const failed = await db
      .select()
      .from(customerInvitationAttempts)
      .where(
        and(
          eq(customerInvitationAttempts.customerId, prospect.id),
          eq(customerInvitationAttempts.outcome, 'failed'),
        ),
      );
    expect(failed).toHaveLength(1);
  });
});

describe('history export', () => {
  it('downloads the filtered history with names masked', async () => {
    const csv = await call(
      'GET',
      `${BASE}/history/export?format=csv&outcome=associated`,
      org.owner,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toContain('account_name');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes(',associated,'))).toBe(true);
    expect(csv.body).not.toContain('fresh@example.com');
    const xlsx = await call('GET', `${BASE}/history/export?format=xlsx`, org.owner);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await call('GET', `${BASE}/history/export`)).statusCode).toBe(401);
  });
});

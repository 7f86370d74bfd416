import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { moveCredentialsToTenant } from '../../platform/auth/index.ts';
import { MINUTE_MS } from '../../platform/clock/index.ts';
import { withTransaction } from '../../platform/db/index.ts';
import { Errors } from '../../platform/http/errors.ts';
import {
  buildCustomer,
  buildLoginCustomer,
  customerRef,
  loginCustomer,
  type PortalSession,
} from '../../../test/factories/customers.ts';
import { buildPartner, type BuiltPartner } from '../../../test/factories/partners.ts';
import { memberRef } from '../../../test/factories/org.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { signedRequest } from '../../../test/helpers/signing.ts';
import { customers } from './schema.ts';

interface PortalAccountBody {
  customer_id: string;
  account_name: string;
  customer_name: string;
  email: string;
  mobile: string;
  verified_status: string;
  is_frozen: boolean;
  last_login_at: string | null;
  association: {
    partner_id: string;
    partner_name: string;
    association_type: string;
    associated_on: string;
    status: string;
  };
}

interface AccessKeyBody {
  access_key: string;
  secret_key?: string;
  status: string;
  description: string;
}

function expectError(response: LightMyRequestResponse, error: { code: string; status: number }) {
  expect(response.statusCode, response.body).toBe(error.status);
  expect(response.json<{ error_code: string }>().error_code).toBe(error.code);
}

describe('customer portal identity', () => {
  let t: TestApp;
  let sp: BuiltPartner;

  beforeAll(async () => {
    t = await buildTestApp('2026-11-20T08:00:00Z');
    sp = await buildPartner(t.database.db);
  });
  afterAll(async () => {
    await t.close();
  });

  function portalLogin(accountName: string, password: string) {
    return t.app.inject({
      method: 'POST',
      url: '/console/api/portal/session',
      payload: { account_name: accountName, password },
    });
  }

  function iamToken(domainName: string, userName: string, password: string) {
    return t.app.inject({
      method: 'POST',
      url: '/v3/auth/tokens',
      payload: {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: userName, password, domain: { name: domainName } } },
          },
        },
      },
    });
  }

  function portalGet(url: string, session: PortalSession) {
    return t.app.inject({ method: 'GET', url, headers: session.headers });
  }

  describe('portal login', () => {
    it('signs the customer in with its account name and shows its account', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id, {
        email: 'alice@example.com',
        mobile: '0086-13800001234',
        associationType: '1',
        verifiedStatus: '2',
      });
      const response = await portalLogin(customer.accountName.toUpperCase(), password);
      expect(response.statusCode, response.body).toBe(200);
      const cookie = String(response.headers['set-cookie']);
      expect(cookie).toMatch(
        /^huoban_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
      );
      const body = response.json<{ customer: Record<string, unknown>; csrf_token: string }>();
      expect(body.customer).toEqual({
        customer_id: customer.id,
        account_name: customer.accountName,
        display_name: customer.customerName,
        must_change_password: false,
      });

      const session = await loginCustomer(t.app, customer.accountName, password);
      const described = await portalGet('/console/api/portal/session', session);
      expect(described.json()).toEqual({ customer: body.customer, csrf_token: session.csrfToken });

      const account = await portalGet('/console/api/portal/account', session);
      expect(account.statusCode, account.body).toBe(200);
      expect(account.json<PortalAccountBody>()).toEqual({
        customer_id: customer.id,
        account_name: customer.accountName,
        customer_name: customer.customerName,
        email: 'a***@example.com',
        mobile: '0086-138****1234',
        verified_status: '2',
        is_frozen: false,
        last_login_at: '2026-11-20T08:00:00Z',
        association: {
          partner_id: sp.partner.id,
          partner_name: sp.partner.companyName,
          association_type: '1',
          associated_on: expect.any(String) as string,
          status: 'active',
        },
      });
    });

    it('lets a disassociated customer sign in and see its state', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id, {
        status: 'disassociated',
      });
      const session = await loginCustomer(t.app, customer.accountName, password);
      const account = await portalGet('/console/api/portal/account', session);
      expect(account.json<PortalAccountBody>().association.status).toBe('disassociated');
    });

    it('answers a wrong password, an unknown name, a partner name and a password-less customer alike', async () => {
      const { customer } = await buildLoginCustomer(t.database.db, sp.partner.id);
      const withoutPassword = await buildCustomer(t.database.db, sp.partner.id);
      const answers = [
        await portalLogin(customer.accountName, 'Wrong-pass-123'),
        await portalLogin('nobody_here', 'Wrong-pass-123'),
        await portalLogin(sp.partner.name, sp.password),
        await portalLogin(withoutPassword.accountName, 'Wrong-pass-123'),
      ];
      for (const answer of answers) expectError(answer, Errors.LOGIN_FAILED);
      expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    });

    it('keeps customers out of the partner console login', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id);
      const response = await t.app.inject({
        method: 'POST',
        url: '/console/api/session',
        payload: { account_name: customer.accountName, password },
      });
      expectError(response, Errors.LOGIN_FAILED);
    });

    it('tells a customer from a partner account of the same name by the login used', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id);
      const namesake = await buildPartner(t.database.db, { name: customer.accountName });
      const portal = await portalLogin(customer.accountName, password);
      expect(portal.json<{ customer: { customer_id: string } }>().customer.customer_id).toBe(
        customer.id,
      );
      const partnerConsole = await t.app.inject({
        method: 'POST',
        url: '/console/api/session',
        payload: { account_name: customer.accountName, password: namesake.password },
      });
      expect(partnerConsole.json<{ user: { user_id: string } }>().user.user_id).toBe(
        namesake.owner.id,
      );
      const session = await loginCustomer(t.app, customer.accountName, password);
      const changed = await t.app.inject({
        method: 'POST',
        url: '/console/api/portal/session/password',
        headers: session.headers,
        payload: { old_password: password, new_password: 'Namesake-pass-2' },
      });
      expect(changed.statusCode, changed.body).toBe(204);
      expect((await portalLogin(customer.accountName, 'Namesake-pass-2')).statusCode).toBe(200);
    });

    it('rejects a malformed body naming the field', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/console/api/portal/session',
        payload: { account_name: 'x', password: 'y', user_name: 'z' },
      });
      expectError(response, Errors.INVALID_PARAMETER);
      const missing = await t.app.inject({
        method: 'POST',
        url: '/console/api/portal/session',
        payload: { account_name: 'x' },
      });
      expectError(missing, Errors.INVALID_PARAMETER);
      expect(missing.json<{ error_msg: string }>().error_msg).toContain('password');
    });

    it('locks the customer after five wrong passwords, audits each, and unlocks after 15 minutes', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id);
      for (let i = 0; i < 4; i++) {
        expectError(await portalLogin(customer.accountName, 'Wrong-pass-123'), Errors.LOGIN_FAILED);
      }
      expectError(await portalLogin(customer.accountName, 'Wrong-pass-123'), Errors.LOGIN_LOCKED);
      expectError(await portalLogin(customer.accountName, password), Errors.LOGIN_LOCKED);
      const failures = await t.database.db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.partnerId, sp.partner.id),
            eq(auditEvents.action, 'auth.login.failure'),
            eq(auditEvents.resourceId, customer.id),
          ),
        );
      expect(failures).toHaveLength(5);
      expect(failures.every((event) => event.resourceType === 'customer')).toBe(true);

      t.clock.advance(15 * MINUTE_MS + 1000);
      const unlocked = await portalLogin(customer.accountName, password);
      expect(unlocked.statusCode).toBe(200);
      const [row] = await t.database.db
        .select()
        .from(customers)
        .where(eq(customers.id, customer.id));
      expect(row).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
      const logins = await t.database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'auth.login'), eq(auditEvents.actorId, customer.id)));
      expect(logins).toHaveLength(1);
      expect(logins[0]).toMatchObject({ partnerId: sp.partner.id, actorType: 'customer' });
    });

    it('signs out: the cookie stops working', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id);
      const session = await loginCustomer(t.app, customer.accountName, password);
      const out = await t.app.inject({
        method: 'POST',
        url: '/console/api/portal/session/logout',
        headers: session.headers,
      });
      expect(out.statusCode).toBe(204);
      expectError(await portalGet('/console/api/portal/account', session), Errors.TOKEN_INVALID);
    });

    it('refuses a write without the CSRF token', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id);
      const session = await loginCustomer(t.app, customer.accountName, password);
      const response = await t.app.inject({
        method: 'POST',
        url: '/console/api/portal/access-keys',
        headers: { cookie: session.cookie },
        payload: {},
      });
      expectError(response, Errors.CSRF_REJECTED);
    });
  });

  describe('IAM token and domains', () => {
    it('issues a customer token for domain name = user name = account name', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id);
      const response = await iamToken(customer.accountName, customer.accountName, password);
      expect(response.statusCode, response.body).toBe(201);
      const token = String(response.headers['x-subject-token']);
      expect(response.json<{ token: { user: unknown } }>().token.user).toEqual({
        id: customer.id,
        name: customer.accountName,
        domain: { id: customer.id, name: customer.accountName },
      });

      const domains = await t.app.inject({
        method: 'GET',
        url: '/v3/auth/domains',
        headers: { 'x-auth-token': token },
      });
      expect(domains.json()).toEqual({
        domains: [{ id: customer.id, name: customer.accountName, enabled: true }],
      });
      const account = await t.app.inject({
        method: 'GET',
        url: '/console/api/portal/account',
        headers: { 'x-auth-token': token },
      });
      expect(account.json<PortalAccountBody>().customer_id).toBe(customer.id);
    });

    it('refuses a user name other than the account name, and a wrong password', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id);
      expectError(await iamToken(customer.accountName, 'someone', password), Errors.LOGIN_FAILED);
      expectError(
        await iamToken(customer.accountName, customer.accountName, 'Wrong-pass-123'),
        Errors.LOGIN_FAILED,
      );
    });

    it('lets a customer revoke its own token but not the partner owner revoke it', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id);
      const issued = await iamToken(customer.accountName, customer.accountName, password);
      const token = String(issued.headers['x-subject-token']);
      const ownerToken = await issueTestToken(t.database.db, memberRef(sp.owner), t.clock);
      const byOwner = await t.app.inject({
        method: 'DELETE',
        url: '/v3/auth/tokens',
        headers: { 'x-auth-token': ownerToken, 'x-subject-token': token },
      });
      expectError(byOwner, Errors.NOT_FOUND);
      const bySelf = await t.app.inject({
        method: 'DELETE',
        url: '/v3/auth/tokens',
        headers: { 'x-auth-token': token, 'x-subject-token': token },
      });
      expect(bySelf.statusCode).toBe(204);
      const after = await t.app.inject({
        method: 'GET',
        url: '/v3/auth/domains',
        headers: { 'x-auth-token': token },
      });
      expectError(after, Errors.TOKEN_INVALID);
    });

    it('stops a credential once the customer belongs to another partner', async () => {
      const { customer } = await buildLoginCustomer(t.database.db, sp.partner.id);
      const token = await issueTestToken(t.database.db, customerRef(customer), t.clock);
      const other = await buildPartner(t.database.db);
      await t.database.db
        .update(customers)
        .set({ partnerId: other.partner.id })
        .where(eq(customers.id, customer.id));
      const response = await t.app.inject({
        method: 'GET',
        url: '/console/api/portal/account',
        headers: { 'x-auth-token': token },
      });
      expectError(response, Errors.TOKEN_INVALID);
    });
  });

  it('keeps the credentials that move with the customer to its new partner', async () => {
    const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id);
    const session = await loginCustomer(t.app, customer.accountName, password);
    const created = await t.app.inject({
      method: 'POST',
      url: '/console/api/portal/access-keys',
      headers: session.headers,
      payload: {},
    });
    const key = created.json<AccessKeyBody>();
    const keys = { accessKey: key.access_key, secretKey: key.secret_key ?? '' };
    const signedAccount = () =>
      signedRequest(t.app, keys, { method: 'GET', url: '/console/api/portal/account' });
    expect((await signedAccount()).statusCode).toBe(200);

    const other = await buildPartner(t.database.db);
    await withTransaction(t.database.db, async (tx) => {
      await tx
        .update(customers)
        .set({ partnerId: other.partner.id })
        .where(eq(customers.id, customer.id));
      await moveCredentialsToTenant(tx, customerRef(customer), other.partner.id, t.clock.now());
    });

    const account = await signedAccount();
    expect(account.statusCode, account.body).toBe(200);
    expect(account.json<PortalAccountBody>().association.partner_id).toBe(other.partner.id);
    const listed = await portalGet('/console/api/portal/access-keys', session);
    expect(listed.json<{ access_keys: AccessKeyBody[] }>().access_keys).toEqual([
      expect.objectContaining({ access_key: key.access_key }),
    ]);
  });

  it('keeps a disassociated customer signed in when it accepts another partner’s invitation', async () => {
    const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id, {
      status: 'disassociated',
      createdAt: t.clock.now(),
    });
    const session = await loginCustomer(t.app, customer.accountName, password);
    const next = await buildPartner(t.database.db);
    const ownerToken = await issueTestToken(t.database.db, memberRef(next.owner), t.clock);
    const link = await t.app.inject({
      method: 'POST',
      url: '/console/api/customer-development/links',
      headers: { 'x-auth-token': ownerToken },
      payload: { association_type: '2' },
    });
    expect(link.statusCode, link.body).toBe(200);
    const { token } = link.json<{ token: string }>();
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/console/api/invitations/${token}/associate`,
      payload: { account_name: customer.accountName, password, accept_notice: true },
    });
    expect(accepted.json(), accepted.body).toMatchObject({ outcome: 'associated' });

    const account = await portalGet('/console/api/portal/account', session);
    expect(account.statusCode, account.body).toBe(200);
    expect(account.json<PortalAccountBody>().association).toMatchObject({
      partner_id: next.partner.id,
      status: 'active',
    });
  });

  describe('customer access keys', () => {
    it('creates, lists, disables, enables and deletes its own keys; a signed call acts as the customer', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id);
      const session = await loginCustomer(t.app, customer.accountName, password);
      const created = await t.app.inject({
        method: 'POST',
        url: '/console/api/portal/access-keys',
        headers: session.headers,
        payload: { description: 'billing sync' },
      });
      expect(created.statusCode, created.body).toBe(200);
      const key = created.json<AccessKeyBody>();
      expect(key).toMatchObject({ status: 'active', description: 'billing sync' });
      expect(key.secret_key).toMatch(/^[A-Za-z0-9]{40}$/);
      const keys = { accessKey: key.access_key, secretKey: key.secret_key ?? '' };

      const listed = await portalGet('/console/api/portal/access-keys', session);
      const list = listed.json<{ total_count: number; access_keys: AccessKeyBody[] }>();
      expect(list.total_count).toBe(1);
      expect(list.access_keys[0]).not.toHaveProperty('secret_key');

      const signed = await signedRequest(t.app, keys, {
        method: 'GET',
        url: '/console/api/portal/account',
      });
      expect(signed.statusCode, signed.body).toBe(200);
      expect(signed.json<PortalAccountBody>().customer_id).toBe(customer.id);
      const domains = await signedRequest(t.app, keys, { method: 'GET', url: '/v3/auth/domains' });
      expect(domains.json()).toEqual({
        domains: [{ id: customer.id, name: customer.accountName, enabled: true }],
      });

      const disabled = await t.app.inject({
        method: 'POST',
        url: `/console/api/portal/access-keys/${key.access_key}/disable`,
        headers: session.headers,
      });
      expect(disabled.json<AccessKeyBody>().status).toBe('disabled');
      expectError(
        await signedRequest(t.app, keys, { method: 'GET', url: '/console/api/portal/account' }),
        Errors.ACCESS_KEY_DISABLED,
      );
      const enabled = await t.app.inject({
        method: 'POST',
        url: `/console/api/portal/access-keys/${key.access_key}/enable`,
        headers: session.headers,
      });
      expect(enabled.json<AccessKeyBody>().status).toBe('active');

      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/console/api/portal/access-keys/${key.access_key}`,
        headers: session.headers,
      });
      expect(removed.statusCode).toBe(204);
      expectError(
        await signedRequest(t.app, keys, { method: 'GET', url: '/console/api/portal/account' }),
        Errors.ACCESS_KEY_UNKNOWN,
      );
      const audited = await t.database.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.resourceId, key.access_key));
      expect(audited.map((event) => event.action).sort()).toEqual([
        'auth.access_key.create',
        'auth.access_key.delete',
        'auth.access_key.disable',
        'auth.access_key.enable',
      ]);
    });

    it('holds at most two keys and rejects a bad description naming the field', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id);
      const session = await loginCustomer(t.app, customer.accountName, password);
      const create = (payload: unknown) =>
        t.app.inject({
          method: 'POST',
          url: '/console/api/portal/access-keys',
          headers: session.headers,
          payload: payload as Record<string, unknown>,
        });
      const bad = await create({ description: 'x'.repeat(256) });
      expectError(bad, Errors.INVALID_PARAMETER);
      expect(bad.json<{ error_msg: string }>().error_msg).toContain('description');
      expect((await create({})).statusCode).toBe(200);
      expect((await create({})).statusCode).toBe(200);
      expectError(await create({}), Errors.LIMIT_EXCEEDED);
    });

    it("never reaches another customer's key or a partner member's key", async () => {
      const first = await buildLoginCustomer(t.database.db, sp.partner.id);
      const second = await buildLoginCustomer(t.database.db, sp.partner.id);
      const firstSession = await loginCustomer(t.app, first.customer.accountName, first.password);
      const secondSession = await loginCustomer(t.app, second.customer.accountName);
      const created = await t.app.inject({
        method: 'POST',
        url: '/console/api/portal/access-keys',
        headers: firstSession.headers,
        payload: {},
      });
      const { access_key: accessKey } = created.json<AccessKeyBody>();
      const ownerToken = await issueTestToken(t.database.db, memberRef(sp.owner), t.clock);
      const partnerKey = await t.app.inject({
        method: 'POST',
        url: '/console/api/access-keys',
        headers: { 'x-auth-token': ownerToken },
        payload: {},
      });
      const { access_key: memberKey } = partnerKey.json<AccessKeyBody>();
      for (const target of [accessKey, memberKey]) {
        expectError(
          await t.app.inject({
            method: 'POST',
            url: `/console/api/portal/access-keys/${target}/disable`,
            headers: secondSession.headers,
          }),
          Errors.NOT_FOUND,
        );
        expectError(
          await t.app.inject({
            method: 'DELETE',
            url: `/console/api/portal/access-keys/${target}`,
            headers: secondSession.headers,
          }),
          Errors.NOT_FOUND,
        );
      }
      const listed = await portalGet('/console/api/portal/access-keys', secondSession);
      expect(listed.json<{ total_count: number }>().total_count).toBe(0);
      const firstList = await portalGet('/console/api/portal/access-keys', firstSession);
      expect(firstList.json<{ access_keys: AccessKeyBody[] }>().access_keys).toEqual([
        expect.objectContaining({ access_key: accessKey, status: 'active' }),
      ]);
    });
  });

  describe('password change', () => {
    it('changes the password, signs out the other sessions and logs in with the new one', async () => {
      const { customer, password } = await buildLoginCustomer(t.database.db, sp.partner.id);
      const current = await loginCustomer(t.app, customer.accountName, password);
      const other = await loginCustomer(t.app, customer.accountName, password);
      const change = (payload: Record<string, string>) =>
        t.app.inject({
          method: 'POST',
          url: '/console/api/portal/session/password',
          headers: current.headers,
          payload,
        });
      const wrongOld = await change({
        old_password: 'Wrong-pass-123',
        new_password: 'New-pass-456',
      });
      expectError(wrongOld, Errors.INVALID_PARAMETER);
      expect(wrongOld.json<{ error_msg: string }>().error_msg).toContain('old_password');
      const weak = await change({ old_password: password, new_password: 'short' });
      expectError(weak, Errors.INVALID_PARAMETER);
      expect(weak.json<{ error_msg: string }>().error_msg).toContain('new_password');

      const changed = await change({ old_password: password, new_password: 'New-pass-456' });
      expect(changed.statusCode, changed.body).toBe(204);
      expect((await portalGet('/console/api/portal/account', current)).statusCode).toBe(200);
      expectError(await portalGet('/console/api/portal/account', other), Errors.TOKEN_INVALID);
      expectError(await portalLogin(customer.accountName, password), Errors.LOGIN_FAILED);
      expect((await portalLogin(customer.accountName, 'New-pass-456')).statusCode).toBe(200);
      const [event] = await t.database.db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.action, 'auth.password.change'), eq(auditEvents.actorId, customer.id)),
        );
      expect(event).toMatchObject({ resourceType: 'customer', partnerId: sp.partner.id });
    });
  });

  describe('who may call the portal', () => {
    const portalRoutes = [
      ['GET', '/console/api/portal/account'],
      ['GET', '/console/api/portal/session'],
      ['GET', '/console/api/portal/access-keys'],
      ['POST', '/console/api/portal/access-keys'],
      ['POST', '/console/api/portal/session/password'],
    ] as const;

    it('answers 401 without credentials', async () => {
      for (const [method, url] of portalRoutes) {
        expectError(
          await t.app.inject({ method, url, payload: method === 'POST' ? {} : undefined }),
          Errors.AUTHENTICATION_REQUIRED,
        );
      }
    });

    it('refuses partner credentials with 403 CBC.0151', async () => {
      const ownerToken = await issueTestToken(t.database.db, memberRef(sp.owner), t.clock);
      for (const [method, url] of portalRoutes) {
        const response = await t.app.inject({
          method,
          url,
          headers: { 'x-auth-token': ownerToken },
          payload: method === 'POST' ? {} : undefined,
        });
        expectError(response, Errors.ACCESS_DENIED);
      }
    });
  });
});

import type { Static } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import { createAccessKey } from '../../platform/auth/access-keys.ts';
import type { AuthenticatedContext } from '../../platform/http/context.ts';
import type { TokenResponseSchema } from '../../platform/auth/wire.ts';
import { HOUR_MS } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { Errors } from '../../platform/http/errors.ts';
import type { ErrorBody } from '../../platform/http/schemas.ts';
import { principalDirectory } from '../../principals.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import { signedRequest, type AkSk } from '../../../test/helpers/signing.ts';
import { buildAccessKey } from '../../../test/factories/keys.ts';
import {
  assignDirectly,
  buildLoginCustomer,
  customerRef,
  loginCustomer,
  type CustomerRow,
  type PortalSession,
} from '../../../test/factories/customers.ts';
import {
  buildOrganisation,
  buildOrgMember,
  memberContext,
  memberRef,
  type BuiltOrganisation,
} from '../../../test/factories/org.ts';
import { createRole } from '../org/index.ts';
import { customerAuthorizations } from './schema.ts';
import { revokeCustomerAuthorization } from './service/authorization-portal.ts';

const TOKENS = '/v3/auth/tokens';
const DOMAINS = '/v3/auth/domains';
const PORTAL = '/console/api/portal/authorizations';

type TokenBody = Static<typeof TokenResponseSchema>;

let t: TestApp;
let db: Db;
let sp: BuiltOrganisation;
let spToken: string;
let spKey: AkSk;
let outsider: BuiltOrganisation;
let outsiderToken: string;

function assumeBody(domainName: string, agencyName: string, extra: object = {}) {
  return {
    auth: {
      identity: {
        methods: ['assume_role'],
        assume_role: { domain_name: domainName, agency_name: agencyName, ...extra },
      },
      scope: { project: { name: 'cn-north-1' } },
    },
  };
}

function assume(token: string, payload: object) {
  return t.app.inject({
    method: 'POST',
    url: TOKENS,
    headers: { 'x-auth-token': token },
    payload,
  });
}

function subjectToken(response: LightMyRequestResponse): string {
  const token = response.headers['x-subject-token'];
  if (typeof token !== 'string' || token === '') {
    throw new Error(`no X-Subject-Token: ${response.statusCode} ${response.body}`);
  }
  return token;
}

function withToken(method: 'GET' | 'POST', url: string, token: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { 'x-auth-token': token },
    ...(payload && { payload }),
  });
}

function errorCode(response: LightMyRequestResponse): string {
  return response.json<ErrorBody>().error_code;
}

/** A customer of `org` who has authorized it: asked by the owner, approved in the portal. */
async function authorizedCustomer(
  org: BuiltOrganisation,
  ownerToken: string,
): Promise<{ customer: CustomerRow; portal: PortalSession; authorizationId: string }> {
  const { customer } = await buildLoginCustomer(db, org.partner.id);
  const portal = await loginCustomer(t.app, customer.accountName);
  const asked = await withToken(
    'POST',
    `/console/api/customers/${customer.id}/authorization`,
    ownerToken,
    { accept_commitment: true },
  );
  expect(asked.statusCode).toBe(200);
  const authorizationId = asked.json<{ id: string }>().id;
  const approved = await t.app.inject({
    method: 'POST',
    url: `${PORTAL}/${authorizationId}/approve`,
    headers: portal.headers,
  });
  expect(approved.statusCode).toBe(200);
  return { customer, portal, authorizationId };
}

/** A service context acting as the customer itself, loaded as the auth plugin loads it. */
async function portalContext(customer: CustomerRow): Promise<AuthenticatedContext> {
  const ctx = await memberContext(db, t.clock, sp.owner);
  const principal = await principalDirectory.loadPrincipal(db, customerRef(customer), 'token');
  if (!principal) throw new Error('the customer cannot act');
  return { ...ctx, principal };
}

beforeAll(async () => {
  t = await buildTestApp('2026-07-01T08:00:00Z');
  db = t.database.db;
  sp = await buildOrganisation(db);
  spToken = await issueTestToken(db, memberRef(sp.owner), t.clock);
  spKey = await buildAccessKey(db, t.keyring, memberRef(sp.owner));
  outsider = await buildOrganisation(db);
  outsiderToken = await issueTestToken(db, memberRef(outsider.owner), t.clock);
});
afterAll(async () => {
  await t.close();
});

describe('assume_role: a partner token becomes the customer’s', () => {
  let customer: CustomerRow;
  let portal: PortalSession;
  let authorizationId: string;
  let assumed: string;

  beforeAll(async () => {
    ({ customer, portal, authorizationId } = await authorizedCustomer(sp, spToken));
  });

  it('issues a customer token naming who assumed it', async () => {
    const response = await assume(
      spToken,
      assumeBody(customer.accountName, sp.partner.xaccountType),
    );
    expect(response.statusCode).toBe(201);
    assumed = subjectToken(response);
    expect(assumed).not.toBe(spToken);
    expect(response.json<TokenBody>().token).toEqual({
      expires_at: '2026-07-02T08:00:00.000000Z',
      issued_at: '2026-07-01T08:00:00.000000Z',
      methods: ['assume_role'],
      user: {
        id: customer.id,
        name: customer.accountName,
        domain: { id: customer.id, name: customer.accountName },
      },
      assumed_by: {
        user: {
          id: sp.owner.id,
          name: sp.owner.userName,
          domain: { id: sp.partner.id, name: sp.partner.name },
        },
      },
      catalog: [],
    });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'auth.token.assume'),
          eq(auditEvents.resourceName, customer.accountName),
        ),
      );
    expect(event).toMatchObject({
      partnerId: sp.partner.id,
      actorType: 'member',
      actorId: sp.owner.id,
      after: {
        method: 'assume_role',
        customerId: customer.id,
        agencyName: sp.partner.xaccountType,
      },
    });
  });

  it('works on GET /v3/auth/domains as the customer’s own domain', async () => {
    const response = await withToken('GET', DOMAINS, assumed);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      domains: [{ id: customer.id, name: customer.accountName, enabled: true }],
    });
  });

  it('accepts the customer by domain_id and the partner by an AK/SK signature', async () => {
    const response = await signedRequest(t.app, spKey, {
      method: 'POST',
      url: TOKENS,
      payload: {
        auth: {
          identity: {
            methods: ['assume_role'],
            assume_role: { domain_id: customer.id, agency_name: sp.partner.xaccountType },
          },
        },
      },
    });
    expect(response.statusCode).toBe(201);
    const domains = await withToken('GET', DOMAINS, subjectToken(response));
    expect(domains.json<{ domains: { id: string }[] }>().domains[0]?.id).toBe(customer.id);
  });

  it('reaches no partner route and cannot assume again', async () => {
    const list = await withToken('GET', '/console/api/customers', assumed);
    expect(list.statusCode).toBe(403);
    expect(errorCode(list)).toBe(Errors.ACCESS_DENIED.code);
    const again = await assume(assumed, assumeBody(customer.accountName, sp.partner.xaccountType));
    expect(again.statusCode).toBe(403);
    expect(errorCode(again)).toBe(Errors.ACCESS_DENIED.code);
  });

  it('stays out of the customer portal: no decisions, keys or account pages', async () => {
    for (const [method, url] of [
      ['POST', `${PORTAL}/${authorizationId}/revoke`],
      ['GET', PORTAL],
      ['POST', '/console/api/portal/access-keys'],
      ['GET', '/console/api/portal/account'],
    ] as const) {
      const response = await withToken(method, url, assumed, method === 'POST' ? {} : undefined);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(errorCode(response)).toBe(Errors.ACCESS_DENIED.code);
    }
    const [row] = await db
      .select({ status: customerAuthorizations.status })
      .from(customerAuthorizations)
      .where(eq(customerAuthorizations.id, authorizationId));
    expect(row?.status).toBe('authorized');
  });

  it('is refused by the customer-only services themselves, whatever route reaches them', async () => {
    const own = await portalContext(customer);
    const assumedCtx = {
      ...own,
      principal: {
        ...own.principal,
        assumedBy: {
          partnerId: sp.partner.id,
          memberId: sp.owner.id,
          accountName: sp.partner.name,
          userName: sp.owner.userName,
        },
      },
    };
    await expect(revokeCustomerAuthorization(assumedCtx, authorizationId)).rejects.toMatchObject({
      code: Errors.ACCESS_DENIED.code,
    });
    await expect(createAccessKey(assumedCtx, t.keyring, {})).rejects.toMatchObject({
      code: Errors.ACCESS_DENIED.code,
    });
  });

  it('names the acting member in the audit trail of what the assumed token does', async () => {
    const spare = subjectToken(
      await assume(spToken, assumeBody(customer.accountName, sp.partner.xaccountType)),
    );
    const response = await t.app.inject({
      method: 'DELETE',
      url: TOKENS,
      headers: { 'x-auth-token': assumed, 'x-subject-token': spare },
    });
    expect(response.statusCode).toBe(204);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'auth.token.revoke'), eq(auditEvents.actorId, customer.id)),
      );
    expect(event?.actorName).toBe(
      `${customer.accountName}/${customer.accountName} (assumed by ${sp.partner.name}/${sp.owner.userName})`,
    );
  });

  it('stops at once when the customer revokes the authorization', async () => {
    const revoked = await t.app.inject({
      method: 'POST',
      url: `${PORTAL}/${authorizationId}/revoke`,
      headers: portal.headers,
    });
    expect(revoked.statusCode).toBe(200);
    const response = await withToken('GET', DOMAINS, assumed);
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe(Errors.TOKEN_INVALID.code);
    const anew = await assume(spToken, assumeBody(customer.accountName, sp.partner.xaccountType));
    expect(anew.statusCode).toBe(403);
    expect(errorCode(anew)).toBe(Errors.ASSUME_ROLE_DENIED.code);
  });
});

describe('assume_role refusals', () => {
  let customer: CustomerRow;

  beforeAll(async () => {
    ({ customer } = await authorizedCustomer(sp, spToken));
  });

  it('refuses an agency name other than the partner’s xaccount_type', async () => {
    const response = await assume(spToken, assumeBody(customer.accountName, 'not_our_agency'));
    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe(Errors.AGENCY_NAME_MISMATCH.code);
    expect(response.json<ErrorBody>().error_msg).toContain('agency_name');
  });

  it('refuses a customer who has not authorized the partner (pending, never asked, unknown)', async () => {
    const { customer: pending } = await buildLoginCustomer(db, sp.partner.id);
    await withToken('POST', `/console/api/customers/${pending.id}/authorization`, spToken, {});
    const { customer: neverAsked } = await buildLoginCustomer(db, sp.partner.id);
    for (const name of [pending.accountName, neverAsked.accountName, 'no_such_customer']) {
      const response = await assume(spToken, assumeBody(name, sp.partner.xaccountType));
      expect(response.statusCode, name).toBe(403);
      expect(errorCode(response)).toBe(Errors.ASSUME_ROLE_DENIED.code);
    }
  });

  it('refuses another partner, even with its own agency name', async () => {
    for (const agency of [outsider.partner.xaccountType, sp.partner.xaccountType]) {
      const response = await assume(outsiderToken, assumeBody(customer.accountName, agency));
      expect(response.statusCode).toBe(403);
      expect([Errors.ASSUME_ROLE_DENIED.code, Errors.AGENCY_NAME_MISMATCH.code]).toContain(
        errorCode(response),
      );
    }
    const own = await assume(
      outsiderToken,
      assumeBody(customer.accountName, outsider.partner.xaccountType),
    );
    expect(errorCode(own)).toBe(Errors.ASSUME_ROLE_DENIED.code);
  });

  it('holds data scopes: an account manager only for customers assigned to them', async () => {
    const role = await createRole(await memberContext(db, t.clock, sp.owner), {
      name: 'Manager acting for own customers',
      permissions: [Permissions.CUSTOMER_VIEW, Permissions.CUSTOMER_MANAGE],
      dataScope: 'mine',
    });
    const manager = await buildOrgMember(db, sp.partner.id, [
      { ...role, partnerId: sp.partner.id, updatedAt: role.createdAt },
    ]);
    const token = await issueTestToken(db, memberRef(manager), t.clock);
    const unassigned = await assume(
      token,
      assumeBody(customer.accountName, sp.partner.xaccountType),
    );
    expect(errorCode(unassigned)).toBe(Errors.ASSUME_ROLE_DENIED.code);
    await assignDirectly(db, customer, manager.id);
    const assigned = await assume(token, assumeBody(customer.accountName, sp.partner.xaccountType));
    expect(assigned.statusCode).toBe(201);
    const viewer = await buildOrgMember(db, sp.partner.id, [sp.roles.account_manager]);
    const handOver = await withToken('POST', '/console/api/customers/assign', spToken, {
      customer_ids: [customer.id],
      member_id: viewer.id,
    });
    expect(handOver.statusCode).toBe(200);
    const viewerToken = await issueTestToken(db, memberRef(viewer), t.clock);
    const noManage = await assume(
      viewerToken,
      assumeBody(customer.accountName, sp.partner.xaccountType),
    );
    expect(noManage.statusCode).toBe(403);
    expect(errorCode(noManage)).toBe(Errors.ACCESS_DENIED.code);
    // The manager's token stops once the customer is handed to someone else.
    const managerAssumed = subjectToken(assigned);
    expect((await withToken('GET', DOMAINS, managerAssumed)).statusCode).toBe(401);
  });

  it('refuses customer credentials', async () => {
    const { customer: self } = await buildLoginCustomer(db, sp.partner.id);
    const token = await issueTestToken(db, customerRef(self), t.clock);
    const response = await assume(token, assumeBody(customer.accountName, sp.partner.xaccountType));
    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe(Errors.ACCESS_DENIED.code);
  });

  it('needs a credential and a well-formed identity', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: TOKENS,
      payload: assumeBody(customer.accountName, sp.partner.xaccountType),
    });
    expect(anonymous.statusCode).toBe(401);
    const cases: [object, string][] = [
      [{ auth: { identity: { methods: ['assume_role'] } } }, 'auth.identity.assume_role'],
      [
        { auth: { identity: { methods: ['assume_role'], assume_role: { agency_name: 'x' } } } },
        'domain_name',
      ],
      [
        assumeBody(customer.accountName, sp.partner.xaccountType, { duration_seconds: 60 }),
        'duration_seconds',
      ],
      [assumeBody(customer.accountName, ''), 'agency_name'],
      [{ auth: { identity: { methods: ['password'] } } }, 'auth.identity.password'],
      [{ auth: { identity: { methods: ['federation'] } } }, 'methods'],
    ];
    for (const [payload, field] of cases) {
      const response = await assume(spToken, payload);
      expect(response.statusCode, field).toBe(400);
      expect(errorCode(response)).toBe(Errors.INVALID_PARAMETER.code);
      expect(response.json<ErrorBody>().error_msg).toContain(field);
    }
  });
});

describe('how long an assumed token lives', () => {
  it('honours duration_seconds', async () => {
    const { customer } = await authorizedCustomer(sp, spToken);
    const response = await assume(
      spToken,
      assumeBody(customer.accountName, sp.partner.xaccountType, { duration_seconds: 900 }),
    );
    expect(response.statusCode).toBe(201);
    const issuedAt = t.clock.now().getTime();
    expect(
      new Date(response.json<TokenBody>().token.expires_at.replace('.000000Z', 'Z')).getTime(),
    ).toBe(issuedAt + 900_000);
    const token = subjectToken(response);
    t.clock.advance(899_000);
    expect((await withToken('GET', DOMAINS, token)).statusCode).toBe(200);
    t.clock.advance(2_000);
    expect((await withToken('GET', DOMAINS, token)).statusCode).toBe(401);
  });

  it('never outlives the partner token it came from', async () => {
    const { customer } = await authorizedCustomer(sp, spToken);
    const shortLived = await issueTestToken(db, memberRef(sp.owner), t.clock);
    t.clock.advance(23 * HOUR_MS);
    const response = await assume(
      shortLived,
      assumeBody(customer.accountName, sp.partner.xaccountType),
    );
    expect(response.statusCode).toBe(201);
    const token = subjectToken(response);
    t.clock.advance(HOUR_MS - 1_000);
    expect((await withToken('GET', DOMAINS, token)).statusCode).toBe(200);
    t.clock.advance(2_000);
    expect((await withToken('GET', DOMAINS, token)).statusCode).toBe(401);
  });
});

describe('what else ends an assumed token', () => {
  it('stops when the customer is disassociated (the partner asks, the customer agrees)', async () => {
    const owner = await buildOrganisation(db);
    const ownerToken = await issueTestToken(db, memberRef(owner.owner), t.clock);
    const { customer, portal } = await authorizedCustomer(owner, ownerToken);
    const token = subjectToken(
      await assume(ownerToken, assumeBody(customer.accountName, owner.partner.xaccountType)),
    );
    expect((await withToken('GET', DOMAINS, token)).statusCode).toBe(200);
    const asked = await withToken(
      'POST',
      `/console/api/customers/${customer.id}/association-requests`,
      ownerToken,
      { kind: 'disassociate', reason: 'the contract ended', acknowledged: true },
    );
    expect(asked.statusCode).toBe(200);
    const agreed = await t.app.inject({
      method: 'POST',
      url: `/console/api/portal/association/requests/${asked.json<{ id: string }>().id}/approve`,
      headers: portal.headers,
      payload: {},
    });
    expect(agreed.statusCode).toBe(200);
    expect((await withToken('GET', DOMAINS, token)).statusCode).toBe(401);
    const state = await withToken(
      'GET',
      `/console/api/customers/${customer.id}/authorization`,
      ownerToken,
    );
    expect(state.json<{ latest: { status: string } }>().latest.status).toBe('revoked');
    const anew = await assume(
      ownerToken,
      assumeBody(customer.accountName, owner.partner.xaccountType),
    );
    expect(errorCode(anew)).toBe(Errors.ASSUME_ROLE_DENIED.code);
  });

  it('stops when the member who assumed it is disabled', async () => {
    const owner = await buildOrganisation(db);
    const ownerToken = await issueTestToken(db, memberRef(owner.owner), t.clock);
    const { customer } = await authorizedCustomer(owner, ownerToken);
    const admin = await buildOrgMember(db, owner.partner.id, [owner.roles.system_admin]);
    const adminToken = await issueTestToken(db, memberRef(admin), t.clock);
    const token = subjectToken(
      await assume(adminToken, assumeBody(customer.accountName, owner.partner.xaccountType)),
    );
    expect((await withToken('GET', DOMAINS, token)).statusCode).toBe(200);
    const disabled = await withToken(
      'POST',
      `/console/api/org/members/${admin.id}/disable`,
      ownerToken,
    );
    expect(disabled.statusCode).toBe(200);
    expect((await withToken('GET', DOMAINS, token)).statusCode).toBe(401);
  });
});

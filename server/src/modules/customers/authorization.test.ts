import type { Static } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import { Permissions } from '../../platform/auth/permissions.ts';
import type { Db } from '../../platform/db/index.ts';
import { withTransaction } from '../../platform/db/index.ts';
import { Errors } from '../../platform/http/errors.ts';
import type { ErrorBody } from '../../platform/http/schemas.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import {
  assignDirectly,
  buildLoginCustomer,
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
import type {
  CustomerAuthorizationSchema,
  CustomerAuthorizationStateSchema,
  PortalAuthorizationsResponseSchema,
} from './authorization-wire.ts';
import { customerAuthorizations } from './schema.ts';
import { COMMITMENT_LETTER_VERSION } from './service/authorization-rules.ts';
import { endAuthorizationsOnDisassociation } from './service/authorization.ts';

const PORTAL = '/console/api/portal/authorizations';

type Authorization = Static<typeof CustomerAuthorizationSchema>;
type AuthorizationState = Static<typeof CustomerAuthorizationStateSchema>;
type PortalList = Static<typeof PortalAuthorizationsResponseSchema>;

let t: TestApp;
let db: Db;
let sp: BuiltOrganisation;
let spToken: string;
let outsiderToken: string;
let managerToken: string;
let managerId: string;
let resellerA: BuiltOrganisation;
let resellerAToken: string;
let distributorToken: string;
let otherDistributorToken: string;
let resellerBToken: string;
/** The customer of `sp` the lifecycle tests walk through every state. */
let customer: CustomerRow;
let customerPortal: PortalSession;
/** Another customer of `sp`, signed in: must never reach `customer`'s requests. */
let otherPortal: PortalSession;
let resellerCustomer: CustomerRow;
let resellerPortal: PortalSession;

function authorizationUrl(customerId: string, suffix = ''): string {
  return `/console/api/customers/${customerId}/authorization${suffix}`;
}

function asPartner(method: 'GET' | 'POST', url: string, token: string, payload?: object) {
  const options: InjectOptions = { method, url, headers: { 'x-auth-token': token } };
  if (payload) options.payload = payload;
  return t.app.inject(options);
}

function asCustomer(method: 'GET' | 'POST', url: string, session: PortalSession) {
  return t.app.inject({ method, url, headers: session.headers });
}

async function rowsOf(customerId: string) {
  return db
    .select()
    .from(customerAuthorizations)
    .where(eq(customerAuthorizations.customerId, customerId));
}

async function auditOf(resourceId: string, action: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.resourceId, resourceId), eq(auditEvents.action, action)));
}

/** A customer-management role of data scope 'mine': an account manager who may manage customers. */
async function buildScopedManager(org: BuiltOrganisation) {
  const role = await createRole(await memberContext(db, t.clock, org.owner), {
    name: 'Customer manager (own)',
    permissions: [Permissions.CUSTOMER_VIEW, Permissions.CUSTOMER_MANAGE],
    dataScope: 'mine',
  });
  return buildOrgMember(db, org.partner.id, [
    { ...role, partnerId: org.partner.id, updatedAt: role.createdAt },
  ]);
}

beforeAll(async () => {
  t = await buildTestApp('2026-06-01T08:00:00Z');
  db = t.database.db;
  sp = await buildOrganisation(db);
  spToken = await issueTestToken(db, memberRef(sp.owner), t.clock);
  const outsider = await buildOrganisation(db);
  outsiderToken = await issueTestToken(db, memberRef(outsider.owner), t.clock);
  const manager = await buildScopedManager(sp);
  managerId = manager.id;
  managerToken = await issueTestToken(db, memberRef(manager), t.clock);
  const distributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  distributorToken = await issueTestToken(db, memberRef(distributor.owner), t.clock);
  const otherDistributor = await buildOrganisation(db, { partnerType: 'tier1_distributor' });
  otherDistributorToken = await issueTestToken(db, memberRef(otherDistributor.owner), t.clock);
  resellerA = await buildOrganisation(db, {
    partnerType: 'reseller',
    parentPartnerId: distributor.partner.id,
  });
  resellerAToken = await issueTestToken(db, memberRef(resellerA.owner), t.clock);
  const resellerB = await buildOrganisation(db, {
    partnerType: 'reseller',
    parentPartnerId: distributor.partner.id,
  });
  resellerBToken = await issueTestToken(db, memberRef(resellerB.owner), t.clock);

  const built = await buildLoginCustomer(db, sp.partner.id);
  customer = built.customer;
  customerPortal = await loginCustomer(t.app, customer.accountName);
  const other = await buildLoginCustomer(db, sp.partner.id);
  otherPortal = await loginCustomer(t.app, other.customer.accountName);
  const ofReseller = await buildLoginCustomer(db, resellerA.partner.id);
  resellerCustomer = ofReseller.customer;
  resellerPortal = await loginCustomer(t.app, resellerCustomer.accountName);
});
afterAll(async () => {
  await t.close();
});

describe('the partner asks, the customer decides (SM-19)', () => {
  let firstId = '';

  it('starts unauthorized, asking for the commitment letter', async () => {
    const response = await asPartner('GET', authorizationUrl(customer.id), spToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      latest: null,
      history: [],
      commitment_required: true,
      commitment_version: COMMITMENT_LETTER_VERSION,
      reseller_right_missing: false,
    });
  });

  it('refuses the first request without the accepted commitment letter', async () => {
    for (const payload of [{}, { accept_commitment: false }]) {
      const response = await asPartner('POST', authorizationUrl(customer.id), spToken, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error_code).toBe(Errors.INVALID_PARAMETER.code);
      expect(response.json<ErrorBody>().error_msg).toContain('accept_commitment');
    }
    expect(await rowsOf(customer.id)).toEqual([]);
  });

  it('records the request as pending, with the letter version and time in the audit trail', async () => {
    const response = await asPartner('POST', authorizationUrl(customer.id), spToken, {
      accept_commitment: true,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<Authorization>();
    expect(body).toEqual({
      id: expect.any(String) as unknown,
      customer_id: customer.id,
      status: 'pending',
      requested_by: `${sp.partner.name}/${sp.owner.userName}`,
      requested_at: '2026-06-01T08:00:00Z',
      decided_at: null,
      revoked_at: null,
      revoked_by: '',
    });
    firstId = body.id;
    const [event] = await auditOf(firstId, 'customers.authorization.request');
    expect(event).toMatchObject({
      partnerId: sp.partner.id,
      after: {
        customerId: customer.id,
        status: 'pending',
        commitmentLetter: {
          version: COMMITMENT_LETTER_VERSION,
          acceptedAt: '2026-06-01T08:00:00.000Z',
        },
      },
    });
  });

  it('allows one open request per partner and customer', async () => {
    const response = await asPartner('POST', authorizationUrl(customer.id), spToken, {
      accept_commitment: true,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<ErrorBody>().error_code).toBe(Errors.CONFLICT.code);
    expect(await rowsOf(customer.id)).toHaveLength(1);
  });

  it('shows the pending request on the detail and no longer asks for the letter', async () => {
    const body = (
      await asPartner('GET', authorizationUrl(customer.id), spToken)
    ).json<AuthorizationState>();
    expect(body.latest).toMatchObject({ id: firstId, status: 'pending' });
    expect(body.history).toHaveLength(1);
    expect(body.commitment_required).toBe(false);
  });

  it('lets the partner withdraw a pending request, once', async () => {
    t.clock.advance(60_000);
    const response = await asPartner('POST', authorizationUrl(customer.id, '/withdraw'), spToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: firstId,
      status: 'revoked',
      revoked_at: '2026-06-01T08:01:00Z',
      revoked_by: `${sp.partner.name}/${sp.owner.userName}`,
    });
    expect(await auditOf(firstId, 'customers.authorization.withdraw')).toHaveLength(1);
    const again = await asPartner('POST', authorizationUrl(customer.id, '/withdraw'), spToken);
    expect(again.statusCode).toBe(404);
  });

  it('asks again without the letter; the customer sees the request naming the partner', async () => {
    const response = await asPartner('POST', authorizationUrl(customer.id), spToken, {});
    expect(response.statusCode).toBe(200);
    const list = await asCustomer('GET', `${PORTAL}?status=pending`, customerPortal);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      total_count: 1,
      authorizations: [
        expect.objectContaining({
          id: response.json<Authorization>().id,
          status: 'pending',
          partner_id: sp.partner.id,
          partner_name: sp.partner.companyName,
        }),
      ],
    });
    const all = (await asCustomer('GET', PORTAL, customerPortal)).json<PortalList>();
    expect(all.total_count).toBe(2);
    expect(all.authorizations[0]?.id).toBe(response.json<Authorization>().id);
  });

  it('lets the customer approve a pending request, and only a pending one', async () => {
    const [pending] = (await rowsOf(customer.id)).filter((row) => row.status === 'pending');
    const url = `${PORTAL}/${pending?.id ?? ''}/approve`;
    const response = await asCustomer('POST', url, customerPortal);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'authorized',
      decided_at: expect.any(String) as unknown,
    });
    const [event] = await auditOf(pending?.id ?? '', 'customers.authorization.approve');
    expect(event).toMatchObject({
      partnerId: sp.partner.id,
      actorType: 'customer',
      actorId: customer.id,
      before: { status: 'pending' },
      after: { status: 'authorized' },
    });
    const twice = await asCustomer('POST', url, customerPortal);
    expect(twice.statusCode).toBe(400);
    expect(twice.json<ErrorBody>().error_code).toBe(Errors.OPERATION_NOT_ALLOWED.code);
    const partnerView = (
      await asPartner('GET', authorizationUrl(customer.id), spToken)
    ).json<AuthorizationState>();
    expect(partnerView.latest?.status).toBe('authorized');
    const noWithdraw = await asPartner('POST', authorizationUrl(customer.id, '/withdraw'), spToken);
    expect(noWithdraw.statusCode).toBe(404);
    const noSecond = await asPartner('POST', authorizationUrl(customer.id), spToken, {});
    expect(noSecond.statusCode).toBe(409);
  });

  it('lets the customer revoke the authorization; then the partner may ask again', async () => {
    const [authorized] = (await rowsOf(customer.id)).filter((row) => row.status === 'authorized');
    const response = await asCustomer(
      'POST',
      `${PORTAL}/${authorized?.id ?? ''}/revoke`,
      customerPortal,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'revoked',
      revoked_by: `${customer.accountName}/${customer.accountName}`,
    });
    expect(await auditOf(authorized?.id ?? '', 'customers.authorization.revoke')).toHaveLength(1);
    const again = await asPartner('POST', authorizationUrl(customer.id), spToken, {});
    expect(again.statusCode).toBe(200);
  });

  it('lets the customer reject a request; rejected is final', async () => {
    const [pending] = (await rowsOf(customer.id)).filter((row) => row.status === 'pending');
    const id = pending?.id ?? '';
    const response = await asCustomer('POST', `${PORTAL}/${id}/reject`, customerPortal);
    expect(response.statusCode).toBe(200);
    expect(response.json<Authorization>().status).toBe('rejected');
    for (const action of ['approve', 'revoke', 'reject']) {
      const late = await asCustomer('POST', `${PORTAL}/${id}/${action}`, customerPortal);
      expect(late.statusCode).toBe(400);
      expect(late.json<ErrorBody>().error_code).toBe(Errors.OPERATION_NOT_ALLOWED.code);
    }
    expect(await auditOf(id, 'customers.authorization.reject')).toHaveLength(1);
  });
});

describe('who may ask', () => {
  const rightsUrl = () => `/console/api/resellers/${resellerA.partner.id}/rights`;

  function putRights(token: string, payload: object) {
    return t.app.inject({
      method: 'PUT',
      url: rightsUrl(),
      headers: { 'x-auth-token': token },
      payload,
    });
  }

  it("refuses a reseller its customer's authorization until the distributor grants the on-behalf right (SM-19, P-37)", async () => {
    const state = await asPartner('GET', authorizationUrl(resellerCustomer.id), resellerAToken);
    expect(state.json<AuthorizationState>().reseller_right_missing).toBe(true);
    const rights = await asPartner('GET', rightsUrl(), distributorToken);
    expect(rights.statusCode).toBe(200);
    expect(rights.json()).toEqual({
      reseller_id: resellerA.partner.id,
      reseller_name: resellerA.partner.name,
      on_behalf: false,
      updated_at: null,
      updated_by: '',
    });
    const refused = await asPartner('POST', authorizationUrl(resellerCustomer.id), resellerAToken, {
      accept_commitment: true,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorBody>().error_code).toBe(Errors.RESELLER_RIGHT_MISSING.code);
    expect(await rowsOf(resellerCustomer.id)).toEqual([]);
  });

  it('lets only the distributor of the reseller grant the right, with a boolean', async () => {
    for (const [token, status] of [
      [otherDistributorToken, 404],
      [resellerAToken, 403],
      [resellerBToken, 403],
      [spToken, 403],
    ] as const) {
      const response = await putRights(token, { on_behalf: true });
      expect(response.statusCode).toBe(status);
    }
    const outsiderRead = await asPartner('GET', rightsUrl(), otherDistributorToken);
    expect(outsiderRead.statusCode).toBe(404);
    for (const payload of [{}, { on_behalf: 'yes' }, { on_behalf: true, freeze: true }]) {
      const bad = await putRights(distributorToken, payload);
      expect(bad.statusCode).toBe(400);
      expect(bad.json<ErrorBody>().error_code).toBe(Errors.INVALID_PARAMETER.code);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: rightsUrl() });
    expect(anonymous.statusCode).toBe(401);
    const state = await asPartner('GET', authorizationUrl(resellerCustomer.id), resellerAToken);
    expect(state.json<AuthorizationState>().reseller_right_missing).toBe(true);
  });

  it('lets a tier-2 reseller ask its own customer once granted, who sees the reseller', async () => {
    const granted = await putRights(distributorToken, { on_behalf: true });
    expect(granted.statusCode).toBe(200);
    const rights = granted.json<{ on_behalf: boolean; updated_at: string | null }>();
    expect(rights.on_behalf).toBe(true);
    expect(rights.updated_at).toBe(t.clock.now().toISOString().replace('.000Z', 'Z'));
    const audit = await auditOf(resellerA.partner.id, 'partners.reseller_rights.update');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { onBehalf: false }, after: { onBehalf: true } });
    const state = await asPartner('GET', authorizationUrl(resellerCustomer.id), resellerAToken);
    expect(state.json<AuthorizationState>().reseller_right_missing).toBe(false);
    const response = await asPartner(
      'POST',
      authorizationUrl(resellerCustomer.id),
      resellerAToken,
      {
        accept_commitment: true,
      },
    );
    expect(response.statusCode).toBe(200);
    const list = (await asCustomer('GET', PORTAL, resellerPortal)).json<PortalList>();
    expect(list.authorizations[0]).toMatchObject({
      partner_id: resellerA.partner.id,
      partner_name: resellerA.partner.companyName,
      status: 'pending',
    });
  });

  it('refuses new requests again once the distributor withdraws the right', async () => {
    const withdrawn = await putRights(distributorToken, { on_behalf: false });
    expect(withdrawn.json()).toMatchObject({ on_behalf: false });
    const another = (await buildLoginCustomer(db, resellerA.partner.id)).customer;
    const refused = await asPartner('POST', authorizationUrl(another.id), resellerAToken, {});
    expect(refused.json<ErrorBody>().error_code).toBe(Errors.RESELLER_RIGHT_MISSING.code);
    expect(await rowsOf(another.id)).toEqual([]);
    // Restored for the tests below, which use the reseller's pending request.
    await putRights(distributorToken, { on_behalf: true });
  });

  it('lets an account manager ask for a customer assigned to them', async () => {
    const own = (await buildLoginCustomer(db, sp.partner.id)).customer;
    await assignDirectly(db, own, managerId);
    const response = await asPartner('POST', authorizationUrl(own.id), managerToken, {});
    expect(response.statusCode).toBe(200);
    expect(response.json<Authorization>().status).toBe('pending');
  });

  it('refuses a member without customer.manage', async () => {
    const viewer = await buildOrgMember(db, sp.partner.id, [sp.roles.account_manager]);
    const token = await issueTestToken(db, memberRef(viewer), t.clock);
    const fresh = (await buildLoginCustomer(db, sp.partner.id)).customer;
    await assignDirectly(db, fresh, viewer.id);
    const response = await asPartner('POST', authorizationUrl(fresh.id), token, {});
    expect(response.statusCode).toBe(403);
    expect(response.json<ErrorBody>().error_code).toBe(Errors.ACCESS_DENIED.code);
    expect(await rowsOf(fresh.id)).toEqual([]);
  });
});

describe('outsiders get not-found and change nothing', () => {
  let pendingId = '';

  beforeAll(async () => {
    const response = await asPartner('POST', authorizationUrl(customer.id), spToken, {});
    expect(response.statusCode).toBe(200);
    pendingId = response.json<Authorization>().id;
  });

  it.each([
    ['another partner', () => outsiderToken],
    ['a sibling reseller', () => resellerBToken],
    ['an unassigned account manager', () => managerToken],
  ])('%s cannot read, ask for or withdraw it', async (_who, token) => {
    const before = await rowsOf(customer.id);
    for (const [method, url] of [
      ['GET', authorizationUrl(customer.id)],
      ['POST', authorizationUrl(customer.id)],
      ['POST', authorizationUrl(customer.id, '/withdraw')],
    ] as const) {
      const response = await asPartner(method, url, token(), { accept_commitment: true });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json<ErrorBody>().error_code).toBe(Errors.NOT_FOUND.code);
    }
    expect(await rowsOf(customer.id)).toEqual(before);
  });

  it("a sibling reseller cannot reach the other reseller's customer", async () => {
    const response = await asPartner('GET', authorizationUrl(resellerCustomer.id), resellerBToken);
    expect(response.statusCode).toBe(404);
  });

  it("another customer cannot see or decide the customer's requests", async () => {
    const list = (await asCustomer('GET', PORTAL, otherPortal)).json<PortalList>();
    expect(list).toEqual({ total_count: 0, authorizations: [] });
    for (const action of ['approve', 'reject', 'revoke']) {
      const response = await asCustomer('POST', `${PORTAL}/${pendingId}/${action}`, otherPortal);
      expect(response.statusCode).toBe(404);
    }
    const [row] = (await rowsOf(customer.id)).filter((r) => r.id === pendingId);
    expect(row?.status).toBe('pending');
  });

  it("a reseller's customer cannot decide another partner's request", async () => {
    const response = await asCustomer('POST', `${PORTAL}/${pendingId}/approve`, resellerPortal);
    expect(response.statusCode).toBe(404);
  });
});

describe('credentials and input', () => {
  it('needs credentials on every route', async () => {
    for (const [method, url] of [
      ['GET', authorizationUrl(customer.id)],
      ['POST', authorizationUrl(customer.id)],
      ['POST', authorizationUrl(customer.id, '/withdraw')],
      ['GET', PORTAL],
      ['POST', `${PORTAL}/x/approve`],
    ] as const) {
      const response = await t.app.inject({ method, url, payload: {} });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('keeps partners off the portal routes and customers off the partner routes', async () => {
    const partner = await asPartner('GET', PORTAL, spToken);
    expect(partner.statusCode).toBe(403);
    const asCustomerOnPartnerRoute = await t.app.inject({
      method: 'POST',
      url: authorizationUrl(customer.id),
      headers: customerPortal.headers,
      payload: { accept_commitment: true },
    });
    expect(asCustomerOnPartnerRoute.statusCode).toBe(403);
  });

  it('names the field of bad input', async () => {
    const extra = await asPartner('POST', authorizationUrl(customer.id), spToken, {
      accept_commitment: true,
      reason: 'x',
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json<ErrorBody>().error_code).toBe(Errors.INVALID_PARAMETER.code);
    const notBoolean = await asPartner('POST', authorizationUrl(customer.id), spToken, {
      accept_commitment: 'yes',
    });
    expect(notBoolean.statusCode).toBe(400);
    expect(notBoolean.json<ErrorBody>().error_msg).toContain('accept_commitment');
    const status = await asCustomer('GET', `${PORTAL}?status=granted`, customerPortal);
    expect(status.statusCode).toBe(400);
    expect(status.json<ErrorBody>().error_msg).toContain('status');
    const limit = await asCustomer('GET', `${PORTAL}?limit=201`, customerPortal);
    expect(limit.statusCode).toBe(400);
    expect(limit.json<ErrorBody>().error_msg).toContain('limit');
  });
});

describe('disassociation ends open authorizations', () => {
  it('revokes pending and authorized ones in the caller’s transaction, audited', async () => {
    const leaving = (await buildLoginCustomer(db, sp.partner.id)).customer;
    const portal = await loginCustomer(t.app, leaving.accountName);
    const asked = await asPartner('POST', authorizationUrl(leaving.id), spToken, {});
    await asCustomer('POST', `${PORTAL}/${asked.json<Authorization>().id}/approve`, portal);
    const ctx = await memberContext(db, t.clock, sp.owner);
    const ended = await withTransaction(db, (tx) =>
      endAuthorizationsOnDisassociation(tx, ctx, sp.partner.id, leaving.id),
    );
    expect(ended.map((row) => row.status)).toEqual(['revoked']);
    const [row] = await rowsOf(leaving.id);
    expect(row).toMatchObject({
      status: 'revoked',
      revokedBy: `${sp.partner.name}/${sp.owner.userName}`,
    });
    const [event] = await auditOf(row?.id ?? '', 'customers.authorization.end');
    expect(event).toMatchObject({
      partnerId: sp.partner.id,
      before: { status: 'authorized' },
      after: { status: 'revoked', reason: 'disassociation' },
    });
    const none = await withTransaction(db, (tx) =>
      endAuthorizationsOnDisassociation(tx, ctx, sp.partner.id, leaving.id),
    );
    expect(none).toEqual([]);
  });

  it('rolls back with the caller’s transaction', async () => {
    const staying = (await buildLoginCustomer(db, sp.partner.id)).customer;
    await asPartner('POST', authorizationUrl(staying.id), spToken, {});
    const ctx = await memberContext(db, t.clock, sp.owner);
    await expect(
      withTransaction(db, async (tx) => {
        await endAuthorizationsOnDisassociation(tx, ctx, sp.partner.id, staying.id);
        throw new Error('the disassociation failed');
      }),
    ).rejects.toThrow('the disassociation failed');
    const [row] = await rowsOf(staying.id);
    expect(row?.status).toBe('pending');
  });
});

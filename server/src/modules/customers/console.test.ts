import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { toWireTime } from '../../platform/http/schemas.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { issueTestToken } from '../../../test/helpers/auth-token.ts';
import {
  buildMember,
  buildOrganisation,
  buildOrgMember,
  memberRef,
  type BuiltOrganisation,
  type MemberRow,
} from '../../../test/factories/org.ts';
import { buildPartner } from '../../../test/factories/partners.ts';
import {
  assignDirectly,
  buildCustomer,
  type CustomerRow,
} from '../../../test/factories/customers.ts';
import { customerAccountManagers } from './schema.ts';

let t: TestApp;
let db: Db;
let org: BuiltOrganisation;
let ownerToken: string;
let manager: MemberRow;
let managerToken: string;
let idleManagerToken: string;
let customer: CustomerRow;
let other: CustomerRow;

beforeAll(async () => {
  t = await buildTestApp('2026-05-01T08:00:00Z');
  db = t.database.db;
  org = await buildOrganisation(db);
  ownerToken = await issueTestToken(db, memberRef(org.owner), t.clock);
  manager = await buildOrgMember(db, org.partner.id, [org.roles.account_manager]);
  managerToken = await issueTestToken(db, memberRef(manager), t.clock);
  const idle = await buildOrgMember(db, org.partner.id, [org.roles.account_manager]);
  idleManagerToken = await issueTestToken(db, memberRef(idle), t.clock);
  customer = await buildCustomer(db, org.partner.id, {
    email: 'alice@example.com',
    mobile: '0086-13800001234',
    label: 'east',
    associatedOn: t.clock.now(),
  });
  other = await buildCustomer(db, org.partner.id, { associatedOn: t.clock.now() });
  await assignDirectly(db, customer, manager.id, t.clock.now());
});
afterAll(async () => {
  await t.close();
});

function call(method: 'GET' | 'POST', url: string, token: string, payload?: object) {
  const options: InjectOptions = { method, url, headers: { 'x-auth-token': token } };
  if (payload) options.payload = payload;
  return t.app.inject(options);
}

interface ListBody {
  total_count: number;
  customers: { customer_id: string; email: string; mobile: string; account_manager: unknown }[];
}

describe('customer list and detail', () => {
  it('masks e-mail and mobile and shows the account manager', async () => {
    const response = await call(
      'GET',
      `/console/api/customers?keyword=${customer.accountName}`,
      ownerToken,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json<ListBody>();
    expect(body.total_count).toBe(1);
    expect(body.customers[0]).toMatchObject({
      customer_id: customer.id,
      email: 'a***@example.com',
      mobile: '0086-138****1234',
      label: 'east',
      account_manager: {
        id: manager.id,
        user_name: manager.userName,
        display_name: manager.displayName,
      },
    });
    const unassigned = await call('GET', '/console/api/customers?unassigned=true', ownerToken);
    expect(unassigned.json<ListBody>().customers.map((item) => item.customer_id)).toEqual([
      other.id,
    ]);
  });

  it('gives the detail with management periods and association records', async () => {
    const response = await call('GET', `/console/api/customers/${customer.id}`, ownerToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      customer_id: customer.id,
      created_at: toWireTime(customer.createdAt),
      assignments: [{ member_id: manager.id, user_name: manager.userName, ended_at: null }],
      association_records: [{ event: 'associated', association_type: '2', actor: 'factory' }],
    });
  });

  it('reveals a contact field and records who looked', async () => {
    const response = await call(
      'POST',
      `/console/api/customers/${customer.id}/reveal`,
      managerToken,
      {
        field: 'mobile',
      },
    );
    expect(response.json()).toEqual({ value: '0086-13800001234' });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'customer.reveal'));
    expect(event).toMatchObject({
      resourceId: customer.id,
      actorId: manager.id,
      after: { field: 'mobile' },
    });
  });

  it('exports CSV with contacts masked, only with customer.export', async () => {
    const response = await call('GET', '/console/api/customers/export?format=csv', ownerToken);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body).toContain('a***@example.com');
    expect(response.body).not.toContain('alice@example.com');
    expect(response.body).not.toContain('13800001234');
    const denied = await call('GET', '/console/api/customers/export?format=xlsx', managerToken);
    expect(denied.statusCode).toBe(403);
  });
});

describe('assignment routes', () => {
  it('assigns and unassigns in batches and lists assignable members', async () => {
    const members = await call('GET', '/console/api/customers/assignable-members', ownerToken);
    expect(members.json<{ members: { id: string; role_code: string }[] }>().members).toContainEqual(
      expect.objectContaining({ id: manager.id, role_code: 'account_manager' }),
    );
    const assigned = await call('POST', '/console/api/customers/assign', ownerToken, {
      customer_ids: [other.id],
      member_id: manager.id,
    });
    expect(assigned.json()).toEqual({ assigned: 1 });
    const mine = await call('GET', '/console/api/customers', managerToken);
    expect(mine.json<ListBody>().total_count).toBe(2);
    const unassigned = await call('POST', '/console/api/customers/unassign', ownerToken, {
      customer_ids: [other.id],
    });
    expect(unassigned.json()).toEqual({ unassigned: 1 });
    const tooMany = await call('POST', '/console/api/customers/unassign', ownerToken, {
      customer_ids: Array.from({ length: 101 }, (_, i) => `id${i}`),
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('refuses assignment to account managers without customer.assign', async () => {
    const response = await call('POST', '/console/api/customers/assign', managerToken, {
      customer_ids: [customer.id],
      member_id: manager.id,
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('outsiders', () => {
  it('another partner, a reseller and an unassigned account manager see nothing and change nothing', async () => {
    const stranger = await buildMember(db, { permissions: ['customer.view', 'customer.assign'] });
    const distributor = await buildPartner(db, { partnerType: 'tier1_distributor' });
    const reseller = await buildPartner(db, {
      partnerType: 'reseller',
      parentPartnerId: distributor.partner.id,
    });
    const sibling = await buildPartner(db, {
      partnerType: 'reseller',
      parentPartnerId: distributor.partner.id,
    });
    await buildCustomer(db, reseller.partner.id);
    const tokens = [
      await issueTestToken(db, memberRef(stranger.member), t.clock),
      await issueTestToken(db, memberRef(sibling.owner), t.clock),
      idleManagerToken,
    ];
    const before = await db.select().from(customerAccountManagers);
    for (const token of tokens) {
      const list = await call('GET', '/console/api/customers', token);
      expect(list.json()).toEqual({ total_count: 0, customers: [] });
      const detail = await call('GET', `/console/api/customers/${customer.id}`, token);
      expect(detail.statusCode).toBe(404);
      const reveal = await call('POST', `/console/api/customers/${customer.id}/reveal`, token, {
        field: 'email',
      });
      expect(reveal.statusCode).toBe(404);
      const assign = await call('POST', '/console/api/customers/unassign', token, {
        customer_ids: [customer.id],
      });
      expect([403, 404]).toContain(assign.statusCode);
    }
    expect(await db.select().from(customerAccountManagers)).toEqual(before);
  });
});
